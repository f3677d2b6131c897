//! mtclean finds and fixes machine-translation artifacts in English news text: words glued
//! together where a link was stripped (`Soviet Unionbut`), untranslated function words
//! (`North Korea y Russia`), calques (`So much Russia as North Korea They have denied`) and broken
//! quotes (`promised”hold hands”`).
//!
//! The pipeline:
//!
//! ```text
//! bytes ─decode─▶ text ─tokenize─▶ Document ─passes─▶ Findings ─resolve─▶ fixed text + changes ─render─▶ output
//! ```
//!
//! * [`document::Document`]: tokens, sentences, paragraphs and document evidence (NFC for matching,
//!   spans mapped back to the original bytes).
//! * [`passes`]: each reads the document and returns [`finding::Finding`]s with an optional
//!   [`finding::Fix`] that is `Safe`, `Unsafe` or `DisplayOnly`.
//! * [`resolve`]: applies non-overlapping fixes, round after round, until nothing changes.
//! * [`render`]: unified diff, word diff, check lines and JSON.
//!
//! ```
//! use mtclean::{Cleaner, Policy};
//!
//! let cleaner = Cleaner::new(&mtclean::Options::default()).unwrap();
//! let outcome = cleaner.clean("At first, Kim He had a cool relationship with Moscow.", Policy::Safe);
//! assert_eq!(outcome.text, "At first, Kim had a cool relationship with Moscow.");
//! assert_eq!(outcome.changes[0].check.as_str(), "stray-subject-after-name");
//! ```

pub mod config;
pub mod document;
pub mod eval;
pub mod evidence;
pub mod finding;
pub mod input;
pub mod jsonl;
pub mod lexicon;
pub mod morph;
pub mod passes;
pub mod render;
pub mod resolve;
pub mod review;
pub mod rules;
pub mod stats;
pub mod walk;

use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;

use document::Document;
use finding::{Applicability, CheckId, Family, Finding};
use lexicon::Lexicon;
use passes::{Context, Pass, RulePass};
pub use resolve::Policy;
use resolve::{DropReason, EditMap, MAX_ROUNDS};
use rules::RuleSet;

/// A rule file that cannot be used: names the file, the rule and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: PathBuf,
    pub rule: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(rule) = &self.rule {
            write!(f, ": rule `{rule}`")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RuleError {}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("bad rule file: {0}")]
    Rule(#[from] RuleError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: invalid UTF-8 at byte {offset} (the file was left untouched)", path.display())]
    InvalidUtf8 { path: PathBuf, offset: usize },
    #[error("bad configuration: {}: {message}", path.display())]
    Config { path: PathBuf, message: String },
}

/// What the library needs to build a [`Cleaner`]; the CLI and `mtclean.toml` turn into this.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra rule directories, loaded after the embedded rules.
    pub rule_dirs: Vec<PathBuf>,
    /// A user lexicon: one name a line.
    pub lexicon: Option<PathBuf>,
    /// Check ids (rule ids or built-in checks) turned on even if their family is off.
    pub enable: Vec<String>,
    /// Check ids turned off.
    pub disable: Vec<String>,
    pub enable_families: Vec<Family>,
    pub disable_families: Vec<Family>,
    /// Check id → applicability that replaces the check's own.
    pub applicability: std::collections::BTreeMap<String, Applicability>,
    /// Turns on the boilerplate family (off by default: removing text is a choice).
    pub strip_boilerplate: bool,
    /// Source languages for passage detection; `None` for all that are compiled in.
    pub languages: Option<Vec<String>>,
    /// The configuration file these options came from, for error messages.
    pub config_file: Option<PathBuf>,
}

/// Which findings a cleaner keeps, and with which applicability.
#[derive(Debug, Clone, Default)]
struct Selection {
    enable: HashSet<String>,
    disable: HashSet<String>,
    enable_families: HashSet<Family>,
    disable_families: HashSet<Family>,
    applicability: std::collections::BTreeMap<String, Applicability>,
}

impl Selection {
    fn from_options(options: &Options, known: &HashSet<String>) -> Result<Selection, Error> {
        let config_path = options
            .config_file
            .clone()
            .unwrap_or_else(|| PathBuf::from(config::FILE_NAME));
        let ids = options
            .enable
            .iter()
            .chain(&options.disable)
            .chain(options.applicability.keys());
        for id in ids {
            if !known.contains(id) {
                return Err(Error::Config {
                    path: config_path,
                    message: format!("unknown rule or check id `{id}` (see `mtclean rules list`)"),
                });
            }
        }
        let mut disable_families: HashSet<Family> =
            options.disable_families.iter().copied().collect();
        if !options.strip_boilerplate && !options.enable_families.contains(&Family::Boilerplate) {
            disable_families.insert(Family::Boilerplate);
        }
        Ok(Selection {
            enable: options.enable.iter().cloned().collect(),
            disable: options.disable.iter().cloned().collect(),
            enable_families: options.enable_families.iter().copied().collect(),
            disable_families,
            applicability: options.applicability.clone(),
        })
    }

    fn keeps(&self, finding: &Finding) -> bool {
        let id = finding.check.as_str();
        if self.disable.contains(id) {
            return false;
        }
        if self.enable.contains(id) || self.enable_families.contains(&finding.family) {
            return true;
        }
        !self.disable_families.contains(&finding.family)
    }

    fn adjust(&self, finding: &mut Finding) {
        if let (Some(applicability), Some(fix)) = (
            self.applicability.get(finding.check.as_str()),
            finding.fix.as_mut(),
        ) {
            fix.applicability = *applicability;
        }
    }
}

/// One finding as the user sees it: in original byte offsets, with the text before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub span: Range<usize>,
    pub check: CheckId,
    pub family: Family,
    pub message: String,
    /// The original text of the span.
    pub before: String,
    /// What the span reads once this fix is applied (equal to `before` when there is no fix).
    pub after: String,
    pub applicability: Applicability,
    pub confidence: f32,
    /// Whether the output contains this fix.
    pub applied: bool,
    /// The round that found it (a fix can expose another).
    pub round: usize,
}

/// One net edit from the original to the output, and the checks that made it. Edits never
/// overlap; applying them all to the original gives the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    pub span: Range<usize>,
    pub before: String,
    pub after: String,
    /// Indices into [`Outcome::changes`] of the applied findings behind this edit.
    pub changes: Vec<usize>,
}

/// The result of cleaning one text.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub text: String,
    /// The net edits, in order: what a diff shows and a reviewer accepts or rejects.
    pub edits: Vec<Edit>,
    /// Every finding, applied or not, in reading order.
    pub changes: Vec<Change>,
    /// Fixes that lost to an overlapping one, with the reason.
    pub dropped: Vec<(Change, DropReason)>,
    pub rounds: usize,
    /// False when [`MAX_ROUNDS`] passed and the text was still changing.
    pub converged: bool,
}

impl Outcome {
    pub fn applied(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.applied)
    }
}

/// The passes and their data, built once and shared across texts (and threads).
pub struct Cleaner {
    passes: Vec<Box<dyn Pass>>,
    lexicon: LexiconHandle,
    selection: Selection,
}

enum LexiconHandle {
    Embedded(&'static Lexicon),
    Owned(Box<Lexicon>),
}

impl Cleaner {
    pub fn new(options: &Options) -> Result<Cleaner, Error> {
        // The rules compile while the lexicon loads: together they are the start-up time.
        let (rules, lexicon) = rayon::join(
            || RuleSet::embedded_and(&options.rule_dirs),
            || match &options.lexicon {
                None => Ok(LexiconHandle::Embedded(Lexicon::embedded())),
                Some(path) => Lexicon::embedded()
                    .with_user_file(path)
                    .map(|l| LexiconHandle::Owned(Box::new(l))),
            },
        );
        let (rules, lexicon) = (rules?, lexicon?);
        let mut known: HashSet<String> = rules
            .rules()
            .iter()
            .map(|r| r.id.as_str().to_string())
            .collect();
        known.extend(
            finding::BuiltinCheck::ALL
                .iter()
                .map(|c| c.as_str().to_string()),
        );
        let selection = Selection::from_options(options, &known)?;
        let passes: Vec<Box<dyn Pass>> = vec![
            Box::new(RulePass { rules }),
            Box::new(passes::glued_words::GluedWords::embedded()),
            Box::new(passes::casing::CasingPass),
            Box::new(passes::names::NamesPass),
            Box::new(passes::foreign_words::ForeignWordPass::default()),
            Box::new(passes::foreign_passage::ForeignPassagePass),
            Box::new(passes::mixed_script::MixedScriptPass),
            Box::new(passes::punctuation::PunctuationPass),
        ];
        Ok(Cleaner {
            passes,
            lexicon,
            selection,
        })
    }

    pub fn lexicon(&self) -> &Lexicon {
        match &self.lexicon {
            LexiconHandle::Embedded(lexicon) => lexicon,
            LexiconHandle::Owned(lexicon) => lexicon,
        }
    }

    pub fn passes(&self) -> impl Iterator<Item = &dyn Pass> {
        self.passes.iter().map(|p| p.as_ref())
    }

    /// Every finding of one round, spans in `text`.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        let doc = Document::new(text);
        let context = Context {
            lexicon: self.lexicon(),
        };
        let mut findings = Vec::new();
        for pass in &self.passes {
            pass.find(&doc, &context, &mut findings);
        }
        findings.retain(|f| self.selection.keeps(f));
        for finding in &mut findings {
            finding.span = doc.to_original(finding.span.clone());
            self.selection.adjust(finding);
        }
        findings
    }

    /// Cleans a text: rounds of find + resolve until nothing changes.
    pub fn clean(&self, original: &str, policy: Policy) -> Outcome {
        let mut text = original.to_string();
        let mut map = EditMap::identity(original.len());
        let mut changes: Vec<Change> = Vec::new();
        let mut pending: Vec<(Change, DropReason)> = Vec::new();
        let mut rounds = 0;
        let mut converged = false;
        while rounds < MAX_ROUNDS {
            rounds += 1;
            let findings = self.find(&text);
            let round = resolve::apply_round(&text, findings, policy);
            let to_change = |finding: &Finding, applied: bool| {
                change_of(original, &text, &map, finding, applied, rounds)
            };
            for finding in &round.applied {
                changes.push(to_change(finding, true));
            }
            for (finding, reason) in &round.dropped {
                pending.push((to_change(finding, false), reason.clone()));
            }
            if round.applied.is_empty() {
                converged = true;
                break;
            }
            map = map.after(&round.applied);
            text = round.text;
        }
        // Unapplied findings are seen again each round: keep each once, and drop those an
        // applied fix of the same check already covers.
        let mut seen: HashSet<(Range<usize>, CheckId)> = changes
            .iter()
            .map(|c| (c.span.clone(), c.check.clone()))
            .collect();
        let mut dropped = Vec::new();
        for (change, reason) in pending {
            if !seen.insert((change.span.clone(), change.check.clone())) {
                continue;
            }
            // A fix that lost to an overlapping one is recorded, not reported: the winner
            // changed that text, and the loser is found again next round if it still applies.
            if let DropReason::Overlaps { .. } = reason {
                dropped.push((change, reason));
            } else {
                changes.push(change);
            }
        }
        changes.sort_by(|a, b| {
            (a.span.start, a.span.end, a.round).cmp(&(b.span.start, b.span.end, b.round))
        });
        let mut edits: Vec<Edit> = map
            .edits(&text)
            .into_iter()
            .map(|(span, after)| Edit {
                before: original[span.clone()].to_string(),
                span,
                after,
                changes: Vec::new(),
            })
            .collect();
        // Edits are sorted and disjoint: each applied change belongs to the last edit starting at
        // or before it (a binary search, not a scan: a 200 MB text has tens of thousands of both).
        for (index, change) in changes.iter().enumerate().filter(|(_, c)| c.applied) {
            let candidate = edits.partition_point(|e| e.span.start <= change.span.start);
            let candidate = candidate.checked_sub(1);
            let edit = candidate.and_then(|i| {
                (i..edits.len().min(i + 2)).find(|&j| within(&change.span, &edits[j].span))
            });
            if let Some(edit) = edit {
                edits[edit].changes.push(index);
            }
        }
        Outcome {
            text,
            edits,
            changes,
            dropped,
            rounds,
            converged,
        }
    }
}

/// Whether a change's span lies in an edit's span (an insertion at either end counts).
fn within(change: &Range<usize>, edit: &Range<usize>) -> bool {
    edit.start <= change.start && change.end <= edit.end
}

/// Expresses a finding of some round in original offsets: `before` is the original text of the
/// span (widened to whole earlier changes it touches), `after` what that region reads with this fix.
fn change_of(
    original: &str,
    current: &str,
    map: &EditMap,
    finding: &Finding,
    applied: bool,
    round: usize,
) -> Change {
    let span = map.to_original(finding.span.clone());
    let region = map.to_current(span.clone());
    let region = region.start.min(finding.span.start)..region.end.max(finding.span.end);
    let replacement = finding
        .fix
        .as_ref()
        .map_or(&current[finding.span.clone()], |f| f.replacement.as_str());
    let after = format!(
        "{}{}{}",
        &current[region.start..finding.span.start],
        replacement,
        &current[finding.span.end..region.end]
    );
    Change {
        before: original[span.clone()].to_string(),
        span,
        check: finding.check.clone(),
        family: finding.family,
        message: finding.message.clone(),
        after,
        applicability: finding.applicability(),
        confidence: finding.confidence(),
        applied,
        round,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaner() -> Cleaner {
        Cleaner::new(&Options::default()).unwrap()
    }

    #[test]
    fn clean_text_is_unchanged() {
        let text = "Kim Jong-un arrived in Vladivostok on Wednesday. He met Putin.";
        let outcome = cleaner().clean(text, Policy::Safe);
        assert_eq!(outcome.text, text);
        assert!(outcome.changes.is_empty(), "{:?}", outcome.changes);
        assert!(outcome.converged);
        assert_eq!(outcome.rounds, 1);
    }

    #[test]
    fn changes_are_in_original_offsets() {
        let text = "Later, Moscow He has denied it. At first, Kim He had doubts.";
        let outcome = cleaner().clean(text, Policy::Safe);
        assert_eq!(
            outcome.text,
            "Later, Moscow has denied it. At first, Kim had doubts."
        );
        for change in outcome.applied() {
            assert_eq!(&text[change.span.clone()], change.before);
        }
    }

    #[test]
    fn output_is_a_fixed_point() {
        let text =
            "USA has accused North Korea. So much Russia as North Korea They have denied it.";
        let once = cleaner().clean(text, Policy::SafeAndUnsafe).text;
        let twice = cleaner().clean(&once, Policy::SafeAndUnsafe).text;
        assert_eq!(once, twice);
    }

    #[test]
    fn decomposed_input_keeps_bytes_outside_fixes() {
        let text = "Pedro Sa\u{301}nchez said. Moscow He has denied it.";
        let outcome = cleaner().clean(text, Policy::Safe);
        assert_eq!(
            outcome.text,
            "Pedro Sa\u{301}nchez said. Moscow has denied it."
        );
    }
}
#[cfg(test)]
mod edit_tests {
    use super::*;

    #[test]
    fn adjacent_fixes_rebuild_the_output() {
        let cleaner = Cleaner::new(&Options::default()).unwrap();
        let text = "a””é ”";
        let outcome = cleaner.clean(text, Policy::Safe);
        let mut rebuilt = String::new();
        let mut at = 0;
        for edit in &outcome.edits {
            rebuilt.push_str(&text[at..edit.span.start]);
            rebuilt.push_str(&edit.after);
            at = edit.span.end;
        }
        rebuilt.push_str(&text[at..]);
        assert_eq!(rebuilt, outcome.text);
    }
}
