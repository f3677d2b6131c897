//! Review: the changes of an [`Outcome`] as independent *decisions* an editor accepts, rejects or
//! edits, and the decisions file (`--decisions FILE`, JSON) that records those choices.
//!
//! A later round's change may cover an earlier one (its span is widened to the original region).
//! Changes whose original spans overlap (or touch at an insertion point) form one [`Decision`]:
//! its `after` is that region's text with all its applied fixes. Decisions never overlap, so
//! accepting any subset is splicing their `after` (or an edited text) into the original
//! ([`apply`]).
//!
//! The decisions file (written by `mtclean review --decisions` and the HTML report's export, read
//! by `mtclean fix --decisions`):
//!
//! ```json
//! {"version": 1, "article": "a.txt",
//!  "decisions": [{"rule": "stray-subject-after-name", "start": 14, "end": 20,
//!                 "before": "He had", "after": "had", "choice": "accepted"},
//!                {"rule": "glued-word", "start": 40, "end": 48, "before": "Unionbut",
//!                 "after": "Union but", "choice": "edited", "text": "Union, but"}],
//!  "rules": {"name-variant": "drop", "glued-word": "all"}}
//! ```
//!
//! `start`/`end` are byte offsets in the original text (after any BOM). A file decision matches a
//! current decision with the same rule, span and `before`; a rule choice (`all` / `drop`) applies
//! to every decision of that rule that no file decision matches (`drop` wins over `all`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

use crate::engine::finding::{Applicability, Family};
use crate::{Change, Outcome};

/// One independent choice for the editor: a region of the original and what it would read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// Byte offsets in the original text.
    pub span: Range<usize>,
    pub before: String,
    /// Equal to `before` when there is no suggestion (a display-only finding).
    pub after: String,
    /// The rule whose change shows the combined fix (the last round's).
    pub rule: String,
    /// Every rule involved, `rule` first.
    pub rules: Vec<String>,
    pub family: Family,
    pub messages: Vec<String>,
    /// The least safe of the fixes it combines.
    pub applicability: Applicability,
    pub confidence: f32,
    /// Whether the outcome's text contains it (what `mtclean fix` does with the same policy).
    pub applied: bool,
}

impl Decision {
    pub fn has_suggestion(&self) -> bool {
        self.after != self.before
    }

    /// What a review starts from: safe fixes accepted, the rest rejected.
    pub fn default_choice(&self) -> Choice {
        if self.applicability == Applicability::Safe && self.has_suggestion() {
            Choice::Accept
        } else {
            Choice::Reject
        }
    }
}

/// What the editor chose for one decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Accept,
    Reject,
    /// Replace the decision's span with this text.
    Edit(String),
}

/// Leaves out of `outcome` every decision whose original text holds one of `allowed` as a whole
/// word (as written, case included: `allow-words` in `mtclean.toml`, as typos' allow-list): its
/// changes are dropped and the text rebuilt from the other decisions as the outcome had them.
/// Example: with `allowed = ["Snchez"]`, `Pedro Snchez` is left as written. Limit: a decision
/// that combines several fixes is kept or left out whole.
pub fn allow_words(original: &str, outcome: &mut Outcome, allowed: &[String]) {
    if allowed.is_empty() || outcome.changes.is_empty() {
        return;
    }
    let all = decisions(original, outcome);
    let mut left_out: Vec<Range<usize>> = Vec::new();
    let choices: Vec<Choice> = all
        .iter()
        .map(|d| {
            if allowed.iter().any(|word| contains_word(&d.before, word)) {
                left_out.push(d.span.clone());
                Choice::Reject
            } else if d.applied {
                Choice::Accept
            } else {
                Choice::Reject
            }
        })
        .collect();
    if left_out.is_empty() {
        return;
    }
    outcome.text = apply(original, &all, &choices);
    let inside = |span: &Range<usize>| {
        left_out
            .iter()
            .any(|out| out.start <= span.start && span.end <= out.end)
    };
    // Keep the edits' indices into `changes` right as changes are dropped.
    let mut new_index = Vec::with_capacity(outcome.changes.len());
    let mut kept = 0;
    for change in &outcome.changes {
        new_index.push((!inside(&change.span)).then_some(kept));
        kept += usize::from(!inside(&change.span));
    }
    outcome.changes.retain(|c| !inside(&c.span));
    outcome.edits.retain(|e| !inside(&e.span));
    for edit in &mut outcome.edits {
        edit.changes = edit.changes.iter().filter_map(|&i| new_index[i]).collect();
    }
}

/// Whether `word` occurs in `text` with no letter or digit right before or after it.
fn contains_word(text: &str, word: &str) -> bool {
    !word.is_empty()
        && text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Groups the outcome's changes into independent decisions, in reading order.
pub fn decisions(original: &str, outcome: &Outcome) -> Vec<Decision> {
    let mut changes: Vec<&Change> = outcome.changes.iter().collect();
    changes.sort_by(|a, b| {
        (a.span.start, a.span.end, a.round).cmp(&(b.span.start, b.span.end, b.round))
    });
    let mut groups: Vec<(Range<usize>, Vec<&Change>)> = Vec::new();
    for change in changes {
        match groups.last_mut() {
            Some((span, members))
                if change.span.start < span.end
                    || (change.span.start == span.end
                        && (change.span.start == change.span.end || span.start == span.end)) =>
            {
                span.end = span.end.max(change.span.end);
                members.push(change);
            }
            _ => groups.push((change.span.clone(), vec![change])),
        }
    }
    groups
        .into_iter()
        .map(|(span, members)| decision_of(original, span, members))
        .collect()
}

fn decision_of(original: &str, span: Range<usize>, members: Vec<&Change>) -> Decision {
    let mut applied: Vec<&Change> = members.iter().copied().filter(|c| c.applied).collect();
    applied.sort_by_key(|c| c.round);
    let before = original[span.clone()].to_string();
    let (primary, after, applicability, confidence) = if let Some(last) = applied.last() {
        // Replay the applied fixes round by round: a later fix's span covers the earlier
        // ones it touches, so it replaces them.
        let mut pieces: Vec<(Range<usize>, &str)> = Vec::new();
        for change in &applied {
            pieces.retain(|(r, _)| !(r.start >= change.span.start && r.end <= change.span.end));
            pieces.push((change.span.clone(), &change.after));
            pieces.sort_by_key(|(r, _)| (r.start, r.end));
        }
        let mut after = String::new();
        let mut cursor = span.start;
        for (range, text) in pieces {
            if range.start >= cursor {
                after.push_str(&original[cursor..range.start]);
            }
            after.push_str(text);
            cursor = cursor.max(range.end);
        }
        after.push_str(&original[cursor..span.end]);
        let applicability = applied.iter().map(|c| c.applicability).max().unwrap();
        let confidence = applied.iter().map(|c| c.confidence).fold(1.0, f32::min);
        (*last, after, applicability, confidence)
    } else {
        // Nothing applied: the first suggestion that covers the whole region, if any.
        let primary = members
            .iter()
            .copied()
            .find(|c| c.span == span && c.after != c.before)
            .unwrap_or(members[0]);
        let after = if primary.span == span {
            primary.after.clone()
        } else {
            before.clone()
        };
        (primary, after, primary.applicability, primary.confidence)
    };
    let mut rules = vec![primary.check.as_str().to_string()];
    let mut messages = vec![primary.message.clone()];
    for member in &members {
        if !rules.iter().any(|r| r == member.check.as_str()) {
            rules.push(member.check.as_str().to_string());
        }
        if !messages.contains(&member.message) {
            messages.push(member.message.clone());
        }
    }
    Decision {
        span,
        before,
        after,
        rule: primary.check.as_str().to_string(),
        rules,
        family: primary.family,
        messages,
        applicability,
        confidence,
        applied: !applied.is_empty(),
    }
}

/// The original with the chosen decisions spliced in; `choices[i]` belongs to `decisions[i]`
/// (missing choices count as rejected). Decisions must be in reading order, as
/// [`decisions`] returns them.
pub fn apply(original: &str, decisions: &[Decision], choices: &[Choice]) -> String {
    let mut out = String::with_capacity(original.len());
    let mut cursor = 0;
    for (decision, choice) in decisions.iter().zip(choices) {
        let replacement = match choice {
            Choice::Accept => &decision.after,
            Choice::Reject => continue,
            Choice::Edit(text) => text,
        };
        out.push_str(&original[cursor..decision.span.start]);
        out.push_str(replacement);
        cursor = decision.span.end;
    }
    out.push_str(&original[cursor..]);
    out
}

/// The decisions file: per-decision choices and per-rule blanket choices.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionsFile {
    #[serde(default = "version_one")]
    pub version: u32,
    /// The article the decisions were made on (informative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(default)]
    pub decisions: Vec<FileDecision>,
    /// Blanket choices by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleChoice>,
}

fn version_one() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDecision {
    pub rule: String,
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub after: String,
    pub choice: ChoiceKind,
    /// The editor's text, for `edited`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChoiceKind {
    Accepted,
    Rejected,
    Edited,
}

/// "All of this rule" or "drop this rule".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleChoice {
    All,
    Drop,
}

impl FileDecision {
    pub fn new(decision: &Decision, choice: &Choice) -> FileDecision {
        let (choice, text) = match choice {
            Choice::Accept => (ChoiceKind::Accepted, None),
            Choice::Reject => (ChoiceKind::Rejected, None),
            Choice::Edit(text) => (ChoiceKind::Edited, Some(text.clone())),
        };
        FileDecision {
            rule: decision.rule.clone(),
            start: decision.span.start,
            end: decision.span.end,
            before: decision.before.clone(),
            after: decision.after.clone(),
            choice,
            text,
        }
    }

    fn matches(&self, decision: &Decision) -> bool {
        self.rule == decision.rule
            && self.start == decision.span.start
            && self.end == decision.span.end
            && self.before == decision.before
    }

    fn choice(&self) -> Choice {
        match self.choice {
            ChoiceKind::Accepted => Choice::Accept,
            ChoiceKind::Rejected => Choice::Reject,
            ChoiceKind::Edited => Choice::Edit(self.text.clone().unwrap_or_default()),
        }
    }
}

impl DecisionsFile {
    /// Parses and checks a decisions file (`edited` needs `text`).
    pub fn from_json(json: &str) -> Result<DecisionsFile, String> {
        let file: DecisionsFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if file.version != 1 {
            return Err(format!("unsupported version {} (expected 1)", file.version));
        }
        for (i, d) in file.decisions.iter().enumerate() {
            if d.choice == ChoiceKind::Edited && d.text.is_none() {
                return Err(format!(
                    "decision {} (rule `{}`): `edited` needs a `text`",
                    i + 1,
                    d.rule
                ));
            }
            if d.start > d.end {
                return Err(format!(
                    "decision {} (rule `{}`): start > end",
                    i + 1,
                    d.rule
                ));
            }
        }
        Ok(file)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data serialises") + "\n"
    }

    /// The file's choice for each decision (`None`: the file says nothing about it).
    pub fn choices_for(&self, decisions: &[Decision]) -> Vec<Option<Choice>> {
        decisions
            .iter()
            .map(|decision| {
                if let Some(entry) = self.decisions.iter().find(|e| e.matches(decision)) {
                    return Some(entry.choice());
                }
                self.rule_choice(decision).map(|rule| match rule {
                    RuleChoice::All => Choice::Accept,
                    RuleChoice::Drop => Choice::Reject,
                })
            })
            .collect()
    }

    /// The blanket choice that covers a decision (`drop` wins over `all`).
    pub fn rule_choice(&self, decision: &Decision) -> Option<RuleChoice> {
        let choices: Vec<RuleChoice> = decision
            .rules
            .iter()
            .filter_map(|r| self.rules.get(r).copied())
            .collect();
        if choices.contains(&RuleChoice::Drop) {
            Some(RuleChoice::Drop)
        } else {
            choices.first().copied()
        }
    }

    /// How many of the file's decisions match none of these (the article changed?).
    pub fn unmatched(&self, decisions: &[Decision]) -> usize {
        self.decisions
            .iter()
            .filter(|e| !decisions.iter().any(|d| e.matches(d)))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, Options, Policy};

    fn review(text: &str) -> Vec<Decision> {
        let outcome = Cleaner::new(&Options::default())
            .unwrap()
            .clean(text, Policy::SafeAndUnsafe);
        decisions(text, &outcome)
    }

    #[test]
    fn allowed_words_leave_their_changes_out() {
        let cleaner = crate::Cleaner::new(&crate::Options::default()).unwrap();
        let text = "At first, Kim He had a cool relationship.\nLater, Moscow He has denied it.\n";
        let mut outcome = cleaner.clean(text, crate::Policy::Safe);
        assert_eq!(outcome.applied().count(), 2);
        allow_words(text, &mut outcome, &["Hea".to_string(), "e".to_string()]);
        assert_eq!(outcome.applied().count(), 2, "only whole words count");
        // `had` is in the first change's text only.
        allow_words(text, &mut outcome, &["had".to_string()]);
        assert_eq!(
            outcome.text,
            "At first, Kim He had a cool relationship.\nLater, Moscow has denied it.\n"
        );
        assert_eq!(outcome.applied().count(), 1);
        assert!(
            outcome
                .edits
                .iter()
                .all(|e| e.changes.iter().all(|&i| outcome.changes[i].applied))
        );
        assert!(contains_word("Pedro Snchez", "Snchez") && !contains_word("Snchezes", "Snchez"));
    }

    #[test]
    fn review_accepting_all_applied_decisions_gives_the_outcome_text() {
        let text = "At first, Kim He had doubts. So much Russia as North Korea They have denied it. \
                    It backed Moscow after what Russia invade Ukraine.";
        let outcome = Cleaner::new(&Options::default())
            .unwrap()
            .clean(text, Policy::SafeAndUnsafe);
        let decisions = decisions(text, &outcome);
        assert!(decisions.len() >= 3, "{decisions:?}");
        let choices: Vec<Choice> = decisions
            .iter()
            .map(|d| {
                if d.applied {
                    Choice::Accept
                } else {
                    Choice::Reject
                }
            })
            .collect();
        assert_eq!(apply(text, &decisions, &choices), outcome.text);
        for pair in decisions.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start, "{pair:?}");
        }
    }

    #[test]
    fn review_decisions_rebuild_the_corpus_outcome() {
        let text = include_str!("../corpus/000_c13951b50018919a.txt");
        for policy in [Policy::Safe, Policy::SafeAndUnsafe] {
            let outcome = Cleaner::new(&Options::default())
                .unwrap()
                .clean(text, policy);
            let decisions = decisions(text, &outcome);
            let choices: Vec<Choice> = decisions
                .iter()
                .map(|d| {
                    if d.applied {
                        Choice::Accept
                    } else {
                        Choice::Reject
                    }
                })
                .collect();
            assert_eq!(apply(text, &decisions, &choices), outcome.text);
        }
    }

    #[test]
    fn review_rejecting_everything_keeps_the_original() {
        let text = "At first, Kim He had doubts.";
        let decisions = review(text);
        assert_eq!(apply(text, &decisions, &[Choice::Reject]), text);
        let edited = apply(text, &decisions, &[Choice::Edit("X".into())]);
        assert_eq!(
            edited,
            format!(
                "{}X{}",
                &text[..decisions[0].span.start],
                &text[decisions[0].span.end..]
            )
        );
    }

    fn change(span: Range<usize>, after: &str, round: usize, original: &str) -> Change {
        Change {
            before: original[span.clone()].to_string(),
            span,
            check: crate::engine::finding::CheckId::Builtin(
                &crate::passes::glued_words::GLUED_WORD,
            ),
            family: Family::Glue,
            message: format!("round {round}"),
            after: after.to_string(),
            applicability: Applicability::Safe,
            confidence: 0.9,
            applied: true,
            round,
        }
    }

    #[test]
    fn review_groups_rounds_into_one_decision() {
        // Round 1: `HIMbut` → `HIM but`; round 2 widened: `HIMbut` → `UN but`.
        let original = "sanctions of the HIMbut also";
        let at = original.find("HIMbut").unwrap();
        let outcome = Outcome {
            text: "sanctions of the UN but also".into(),
            edits: vec![crate::Edit {
                span: at..at + 6,
                before: "HIMbut".into(),
                after: "UN but".into(),
                changes: vec![0, 1],
            }],
            changes: vec![
                change(at..at + 6, "HIM but", 1, original),
                change(at..at + 6, "UN but", 2, original),
            ],
            dropped: vec![],
            rounds: 3,
            converged: true,
        };
        let decisions = decisions(original, &outcome);
        assert_eq!(decisions.len(), 1);
        assert_eq!(decisions[0].after, "UN but");
        assert_eq!(decisions[0].messages, ["round 2", "round 1"]);
        assert_eq!(apply(original, &decisions, &[Choice::Accept]), outcome.text);
    }

    #[test]
    fn review_decisions_file_round_trips_and_matches() {
        let text = "At first, Kim He had doubts.";
        let decisions = review(text);
        let mut file = DecisionsFile {
            version: 1,
            article: Some("a.txt".into()),
            decisions: vec![FileDecision::new(
                &decisions[0],
                &Choice::Edit("had".into()),
            )],
            rules: BTreeMap::new(),
        };
        let parsed = DecisionsFile::from_json(&file.to_json()).unwrap();
        assert_eq!(parsed, file);
        assert_eq!(
            parsed.choices_for(&decisions),
            [Some(Choice::Edit("had".into()))]
        );
        file.decisions.clear();
        file.rules
            .insert(decisions[0].rule.clone(), RuleChoice::Drop);
        assert_eq!(file.choices_for(&decisions), [Some(Choice::Reject)]);
        assert!(DecisionsFile::from_json(r#"{"decisions":[{"rule":"x","start":0,"end":1,"before":"a","after":"b","choice":"edited"}]}"#).is_err());
    }
}
