//! Turning an [`Outcome`] into what a person or a tool reads: check lines, JSON lines, a unified
//! diff that `patch` applies, and a word-level diff with each change labelled by its rule.
//!
//! Colour is a flag here; whether the terminal wants it is decided in the CLI.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use std::fmt::Write as _;

use std::ops::Range;

use crate::review::{self, Decision};
use crate::{Change, Outcome};

pub mod html;
pub mod patch;

/// Line and column (both 1-based; the column counts characters) of byte offsets in a text.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let col = self.text[self.line_starts[line]..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The byte range of the line holding `offset`, without its line break.
    pub fn line_span(&self, offset: usize) -> std::ops::Range<usize> {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }
}

/// Shows a piece of text on one line: line breaks and tabs made visible.
fn visible(text: &str) -> String {
    if text.is_empty() {
        return "∅".into();
    }
    text.replace('\r', "\\r")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

/// `path:line:col: rule-id: message: before → after`, one line per change.
pub fn check_lines(path: &str, original: &str, changes: &[Change]) -> String {
    let index = LineIndex::new(original);
    let mut out = String::new();
    for change in changes {
        let (line, col) = index.line_col(change.span.start);
        let _ = write!(
            out,
            "{path}:{line}:{col}: {}: {}: {}",
            change.check,
            change.message,
            visible(&change.before)
        );
        if change.after != change.before {
            let _ = write!(out, " → {}", visible(&change.after));
        }
        let note = match (change.applied, change.applicability) {
            (true, _) => "",
            (false, crate::engine::finding::Applicability::Safe) => "",
            (false, crate::engine::finding::Applicability::Unsafe) => " [unsafe]",
            (false, crate::engine::finding::Applicability::DisplayOnly) => " [display-only]",
        };
        out.push_str(note);
        out.push('\n');
    }
    out
}

/// The JSON-lines record of a change (`mtclean check --format json`).
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    pub path: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub col: usize,
    pub rule: &'a str,
    pub family: &'a str,
    pub message: &'a str,
    pub before: &'a str,
    pub after: &'a str,
    pub applicability: &'a str,
    pub confidence: f32,
    pub applied: bool,
}

pub fn json_lines(path: &str, original: &str, changes: &[Change]) -> String {
    let index = LineIndex::new(original);
    let mut out = String::new();
    for change in changes {
        let (line, col) = index.line_col(change.span.start);
        let record = JsonFinding {
            path,
            start: change.span.start,
            end: change.span.end,
            line,
            col,
            rule: change.check.as_str(),
            family: change.family.as_str(),
            message: &change.message,
            before: &change.before,
            after: &change.after,
            applicability: change.applicability.as_str(),
            confidence: (change.confidence * 1000.0).round() / 1000.0,
            applied: change.applied,
        };
        out.push_str(&serde_json::to_string(&record).expect("plain data serialises"));
        out.push('\n');
    }
    out
}

/// A unified diff of the whole text that `patch -p1` applies (headers `a/PATH`, `b/PATH`).
pub fn unified_diff(path: &str, original: &str, fixed: &str) -> String {
    patch::unified_diff(path, original, fixed)
}

const RED_STRIKE: &str = "\x1b[31;9m";
const GREEN_BOLD: &str = "\x1b[32;1m";
const YELLOW_UNDERLINE: &str = "\x1b[33;4m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// What a piece of text is in a rendered change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Piece {
    /// In the original and in the fix (outside any decision, or unchanged inside one).
    Same,
    /// Only in the original: removed by the fix.
    Old,
    /// Only in the fix: inserted.
    New,
}

/// A run of text and, when it belongs to one, the index of its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub piece: Piece,
    pub decision: Option<usize>,
    pub text: String,
}

/// The one view of changes that `mtclean diff`, `mtclean review` and the HTML report all render:
/// `range` of the original split into runs, each decision word-diffed into old/new runs.
/// `decisions` are in reading order and do not overlap; `first` is the index of `decisions[0]`.
pub fn segments(
    original: &str,
    decisions: &[Decision],
    first: usize,
    range: Range<usize>,
) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |piece: Piece, decision: Option<usize>, text: &str| {
        if text.is_empty() && piece != Piece::Same {
            return;
        }
        match out.last_mut() {
            Some(last) if last.piece == piece && last.decision == decision => {
                last.text.push_str(text)
            }
            _ if text.is_empty() && decision.is_none() => {}
            _ => out.push(Segment {
                piece,
                decision,
                text: text.to_string(),
            }),
        }
    };
    let mut cursor = range.start;
    for (i, decision) in decisions.iter().enumerate() {
        let index = Some(first + i);
        push(Piece::Same, None, &original[cursor..decision.span.start]);
        if !decision.has_suggestion() {
            push(Piece::Same, index, &decision.before);
        } else {
            let diff = TextDiff::from_words(decision.before.as_str(), decision.after.as_str());
            for change in diff.iter_all_changes() {
                let piece = match change.tag() {
                    ChangeTag::Equal => Piece::Same,
                    ChangeTag::Delete => Piece::Old,
                    ChangeTag::Insert => Piece::New,
                };
                push(piece, index, change.value());
            }
        }
        cursor = decision.span.end;
    }
    push(Piece::Same, None, &original[cursor..range.end]);
    out
}

/// Changes shown in their line: the lines' span, the decisions on it, and their segments.
#[derive(Debug, Clone)]
pub struct Hunk {
    /// 1-based line of the hunk's start.
    pub line: usize,
    /// Byte range of the original shown (whole lines, without the last line break).
    pub span: Range<usize>,
    /// Indices into the decisions given to [`hunks`].
    pub decisions: Range<usize>,
    pub segments: Vec<Segment>,
}

/// Groups decisions by the lines they sit on (a decision across a line break joins the lines).
pub fn hunks(original: &str, decisions: &[Decision]) -> Vec<Hunk> {
    let index = LineIndex::new(original);
    let mut out = Vec::new();
    let mut at = 0;
    while at < decisions.len() {
        let line_span = index.line_span(decisions[at].span.start);
        let mut group_end = at;
        let mut region_end = line_span.end;
        while group_end < decisions.len() && decisions[group_end].span.start <= region_end {
            region_end = region_end.max(decisions[group_end].span.end);
            group_end += 1;
        }
        let region_end = index
            .line_span(region_end.saturating_sub(1).max(line_span.start))
            .end
            .max(region_end);
        let span = line_span.start..region_end;
        out.push(Hunk {
            line: index.line_col(line_span.start).0,
            segments: segments(original, &decisions[at..group_end], at, span.clone()),
            span,
            decisions: at..group_end,
        });
        at = group_end;
    }
    out
}

/// A hunk's segments as terminal text: old red and struck, new green and bold, a finding without
/// a suggestion yellow and underlined; without colour `[-old-]`, `{+new+}` and `[!text!]`.
/// With `clip`, long lines are cut to the sentences around the changes.
pub fn terminal_line(segments: &[Segment], color: bool, clip: Option<usize>) -> String {
    let mut out = String::new();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        let value = segment.text.as_str();
        let flagged = segment.decision.is_some()
            && segment.piece == Piece::Same
            && !segments
                .iter()
                .any(|s| s.decision == segment.decision && s.piece != Piece::Same);
        match (segment.piece, color) {
            (Piece::Same, _) if flagged && color => {
                let _ = write!(out, "{YELLOW_UNDERLINE}{value}{RESET}");
            }
            (Piece::Same, _) if flagged => {
                let _ = write!(out, "[!{value}!]");
            }
            (Piece::Same, _) if segment.decision.is_none() => match clip {
                Some(max) => out.push_str(&clip_context(value, max, i == 0, i == last)),
                None => out.push_str(value),
            },
            (Piece::Same, _) => out.push_str(value),
            (Piece::Old, true) => {
                let _ = write!(out, "{RED_STRIKE}{value}{RESET}");
            }
            (Piece::New, true) => {
                let _ = write!(out, "{GREEN_BOLD}{value}{RESET}");
            }
            (Piece::Old, false) => {
                let _ = write!(out, "[-{value}-]");
            }
            (Piece::New, false) => {
                let _ = write!(out, "{{+{value}+}}");
            }
        }
    }
    out
}

/// Context longer than `max` characters is cut at a space and marked `…`: the end of the text
/// before the first change, the start of the text after the last, both ends of text between.
fn clip_context(text: &str, max: usize, leading: bool, trailing: bool) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= max {
        return text.to_string();
    }
    let head = |n: usize| {
        let cut = chars[n].0;
        let cut = text[..cut].rfind(' ').map_or(cut, |i| i + 1);
        &text[..cut]
    };
    let tail = |n: usize| {
        let from = chars[chars.len() - n].0;
        let from = text[from..].find(' ').map_or(from, |i| from + i);
        &text[from..]
    };
    match (leading, trailing) {
        (true, false) => format!("…{}", tail(max)),
        (false, true) => format!("{}…", head(max)),
        (true, true) => text.to_string(),
        (false, false) => format!("{}…{}", head(max / 2), tail(max / 2)),
    }
}

/// The label of a decision: `rule (applicability, confidence): message: before → after`.
pub fn decision_label(decision: &Decision) -> String {
    format!(
        "{} ({}, {:.2}): {}: {} → {}",
        decision.rules.join(" + "),
        decision.applicability,
        decision.confidence,
        decision.messages.join("; "),
        visible(&decision.before),
        visible(&decision.after)
    )
}

/// The changes of one text as a word-level diff, line by line, each change labelled with its rule.
/// Without colour, removed words are shown `[-so-]` and added ones `{+so+}`.
pub fn word_diff(path: &str, original: &str, outcome: &Outcome, color: bool) -> String {
    let index = LineIndex::new(original);
    let applied: Vec<Decision> = review::decisions(original, outcome)
        .into_iter()
        .filter(|d| d.applied)
        .collect();
    let mut out = String::new();
    for hunk in hunks(original, &applied) {
        let line = hunk.line;
        if color {
            let _ = writeln!(out, "{DIM}{path}:{line}{RESET}");
        } else {
            let _ = writeln!(out, "{path}:{line}");
        }
        out.push_str("  ");
        out.push_str(&terminal_line(&hunk.segments, color, None));
        out.push('\n');
        for decision in &applied[hunk.decisions] {
            let (_, col) = index.line_col(decision.span.start);
            let label = format!("    {line}:{col} {}", decision_label(decision));
            if color {
                let _ = writeln!(out, "{DIM}{label}{RESET}");
            } else {
                let _ = writeln!(out, "{label}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, Options, Policy};

    #[test]
    fn line_and_column_count_characters() {
        let index = LineIndex::new("ab\r\n“é” x\nlast");
        assert_eq!(index.line_col(0), (1, 1));
        let x = "ab\r\n“é” ".len();
        assert_eq!(index.line_col(x), (2, 5));
        assert_eq!(index.line_span(1), 0..2, "the CR is not part of the line");
    }

    #[test]
    fn check_lines_follow_the_contract() {
        let text = "Intro.\nAt first, Kim He had doubts.";
        let outcome = Cleaner::new(&Options::default())
            .unwrap()
            .clean(text, Policy::Safe);
        let lines = check_lines("a.txt", text, &outcome.changes);
        assert!(
            lines.starts_with("a.txt:2:15: stray-subject-after-name: "),
            "{lines}"
        );
        assert!(lines.ends_with(": He had → had\n"), "{lines}");
    }

    #[test]
    fn word_diff_without_colour_marks_changes() {
        let text = "At first, Kim He had doubts.";
        let outcome = Cleaner::new(&Options::default())
            .unwrap()
            .clean(text, Policy::Safe);
        let diff = word_diff("a.txt", text, &outcome, false);
        assert!(
            diff.contains("[-He -]") || diff.contains("[-He-]"),
            "{diff}"
        );
        assert!(diff.contains("stray-subject-after-name"), "{diff}");
        assert!(!diff.contains('\x1b'));
        assert!(word_diff("a.txt", text, &outcome, true).contains('\x1b'));
    }

    #[test]
    fn unified_diff_is_empty_when_nothing_changed() {
        assert_eq!(unified_diff("a", "same\n", "same\n"), "");
        let diff = unified_diff("a.txt", "one\ntwo\n", "one\n2\n");
        assert!(diff.starts_with("--- a/a.txt\n+++ b/a.txt\n"), "{diff}");
        assert!(diff.contains("-two\n+2\n"));
    }
}
