//! Passes read a [`Document`] and report [`Finding`]s; a pass never prints and never edits.
//!
//! One pass per file. The rule-file pass runs the TOML rules; the others are code.

pub mod foreign_passage;
pub mod foreign_words;
pub mod glued_words;
pub mod mixed_script;
pub mod punctuation;

use crate::document::Document;
use crate::finding::Finding;
use crate::lexicon::Lexicon;
use crate::rules::RuleSet;

pub mod casing;
pub mod names;

/// What every pass may consult besides the document.
pub struct Context<'a> {
    pub lexicon: &'a Lexicon,
}

pub trait Pass: Send + Sync {
    /// A short name for benchmarks and `--verbose` timings.
    fn name(&self) -> &'static str;
    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>);
}

/// Runs the regex rules of the rule files.
pub struct RulePass {
    pub rules: RuleSet,
}

impl Pass for RulePass {
    fn name(&self) -> &'static str {
        "rules"
    }

    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>) {
        self.rules.find(doc, context.lexicon, out);
    }
}
