//! Turning an [`Outcome`] into what a person or a tool reads: check lines, JSON lines, a unified
//! diff that `patch` applies, and a word-level diff with each change labelled by its rule.
//!
//! Colour is a flag here; whether the terminal wants it is decided in the CLI.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use std::fmt::Write as _;

use crate::{Change, Outcome};

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
            (false, crate::finding::Applicability::Safe) => "",
            (false, crate::finding::Applicability::Unsafe) => " [unsafe]",
            (false, crate::finding::Applicability::DisplayOnly) => " [display-only]",
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
    if original == fixed {
        return String::new();
    }
    let diff = TextDiff::from_lines(original, fixed);
    diff.unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

const RED_STRIKE: &str = "\x1b[31;9m";
const GREEN_BOLD: &str = "\x1b[32;1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The changes of one text as a word-level diff, line by line, each change labelled with its rule.
/// Without colour, removed words are shown `[-so-]` and added ones `{+so+}`.
pub fn word_diff(path: &str, original: &str, outcome: &Outcome, color: bool) -> String {
    let index = LineIndex::new(original);
    let edits = &outcome.edits;
    let mut out = String::new();
    let mut at = 0;
    while at < edits.len() {
        let line_span = index.line_span(edits[at].span.start);
        let mut group_end = at;
        let mut region_end = line_span.end;
        while group_end < edits.len() && edits[group_end].span.start <= region_end {
            region_end = region_end.max(edits[group_end].span.end);
            group_end += 1;
        }
        let region_end = index
            .line_span(region_end.saturating_sub(1).max(line_span.start))
            .end
            .max(region_end);
        let old_line = &original[line_span.start..region_end];
        let mut new_line = String::new();
        let mut cursor = line_span.start;
        for edit in &edits[at..group_end] {
            new_line.push_str(&original[cursor..edit.span.start]);
            new_line.push_str(&edit.after);
            cursor = edit.span.end;
        }
        new_line.push_str(&original[cursor..region_end]);
        let group: Vec<&Change> = edits[at..group_end]
            .iter()
            .flat_map(|edit| edit.changes.iter().map(|&i| &outcome.changes[i]))
            .collect();
        let (line, _) = index.line_col(line_span.start);
        if color {
            let _ = writeln!(out, "{DIM}{path}:{line}{RESET}");
        } else {
            let _ = writeln!(out, "{path}:{line}");
        }
        out.push_str("  ");
        out.push_str(&inline_diff(old_line, &new_line, color));
        out.push('\n');
        for change in &group {
            let (_, col) = index.line_col(change.span.start);
            let label = format!(
                "    {}:{col} {} ({}, {:.2}): {}: {} → {}",
                line,
                change.check,
                change.applicability,
                change.confidence,
                change.message,
                visible(&change.before),
                visible(&change.after)
            );
            if color {
                let _ = writeln!(out, "{DIM}{label}{RESET}");
            } else {
                let _ = writeln!(out, "{label}");
            }
        }
        at = group_end;
    }
    out
}

fn inline_diff(old: &str, new: &str, color: bool) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let value = change.value();
        match (change.tag(), color) {
            (ChangeTag::Equal, _) => out.push_str(value),
            (ChangeTag::Delete, true) => {
                let _ = write!(out, "{RED_STRIKE}{value}{RESET}");
            }
            (ChangeTag::Insert, true) => {
                let _ = write!(out, "{GREEN_BOLD}{value}{RESET}");
            }
            (ChangeTag::Delete, false) => {
                let _ = write!(out, "[-{value}-]");
            }
            (ChangeTag::Insert, false) => {
                let _ = write!(out, "{{+{value}+}}");
            }
        }
    }
    out.replace("-][-", "").replace("+}{+", "")
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
