//! Passes read a [`Document`] and report [`Finding`]s; a pass never prints and never edits.
//!
//! One pass per file. The rule-file pass runs the TOML rules; the others are code.

pub mod foreign_passage;
pub mod foreign_words;
pub mod glued_words;
pub mod mixed_script;
pub mod punctuation;
pub mod sentence_start;
pub mod stray_subject;
#[cfg(test)]
pub mod testing;

use crate::engine::document::Document;
use crate::engine::finding::{CheckInfo, Finding};
use crate::engine::languages::Languages;
use crate::engine::lexicon::Lexicon;
use crate::rules::RuleSet;

pub mod damaged_name;
pub mod lowercase_name;

/// What every pass may consult besides the document.
pub struct Context<'a> {
    pub lexicon: &'a Lexicon,
}

pub trait Pass: Send + Sync {
    /// The checks this pass reports (none for the rule-file pass: its checks are the rules).
    fn checks(&self) -> &'static [&'static CheckInfo];
    /// A short name for benchmarks and timings: the first check's id.
    fn name(&self) -> &'static str {
        self.checks().first().map_or("rules", |check| check.id)
    }
    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>);
}

/// Runs the regex rules of the rule files.
pub struct RulePass {
    pub rules: RuleSet,
}

impl Pass for RulePass {
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &[]
    }

    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>) {
        self.rules.find(doc, context.lexicon, out);
    }
}

/// Every pass, in the order they run: the one list. A pass added here is all it takes for its
/// checks to run, to be known to `mtclean.toml` and to show in `rules list` and `rules explain`.
pub fn all(rules: RuleSet, languages: &Languages) -> Vec<Box<dyn Pass>> {
    let foreign = std::sync::Arc::new(foreign_words::Table::from_languages(languages));
    vec![
        Box::new(RulePass { rules }),
        Box::new(glued_words::GluedWords::embedded()),
        Box::new(lowercase_name::CasingPass),
        Box::new(damaged_name::NamesPass),
        Box::new(foreign_words::ForeignWordPass::with_table(foreign.clone())),
        Box::new(foreign_passage::ForeignPassagePass::new(languages, foreign)),
        Box::new(mixed_script::MixedScriptPass),
        Box::new(stray_subject::StraySubjectPass),
        Box::new(sentence_start::SentenceStartPass),
        // Last: it reads what the passes before it found (a single slip is applied when the
        // text shows other artifacts).
        Box::new(punctuation::PunctuationPass),
    ]
}

/// Every check implemented in code, in pass order.
pub fn builtin_checks() -> Vec<&'static CheckInfo> {
    all(RuleSet::empty(), Languages::embedded())
        .iter()
        .flat_map(|pass| pass.checks().iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_check_is_documented_with_the_same_sections() {
        let checks = builtin_checks();
        assert_eq!(checks.len(), 12);
        for check in checks {
            assert!(
                check.doc.starts_with(&format!("# {}", check.id))
                    || check.doc.contains(&format!(" {}", check.id)),
                "{}: the doc's title names the check",
                check.id
            );
            for heading in ["## What it does", "## Why", "## Example", "## Limits"] {
                assert!(check.doc.contains(heading), "{}: no `{heading}`", check.id);
            }
            assert!(!check.summary.is_empty());
        }
    }
}
