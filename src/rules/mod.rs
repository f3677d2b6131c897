//! Rule files: TOML files of regex rules for recurring artifacts, each carrying its own tests.
//!
//! The files in `data/rules/` are embedded in the binary; `--rules DIR` adds a user's. A file looks
//! like this (every field of a rule is checked when it loads; a bad file is an error naming the
//! file, the rule and the field):
//!
//! ```toml
//! family = "dup_subject"            # default family of the rules below
//!
//! [[rule]]
//! id = "stray-pronoun-after-name"
//! message = "subject pronoun repeated after the name it stands for"
//! pattern = '''(?P<name>\p{Lu}\w+) (?:He|She|It|They) (?P<verb>had|has)\b'''
//! replacement = "$name $verb"      # captures: $1, $name, ${name}, ${name:capitalize|uncapitalize|upper|lower|past}
//! applicability = "safe"           # safe | unsafe | display-only
//! confidence = 0.9
//! require = { name = "proper-noun" }          # capture → predicate (proper-noun, known-name, not-proper-noun, word, not-word, base-verb, place, common-word)
//! unless_before = '''(?:Professor|Dr\.?)\s*$''' # skip when the 80 bytes before the match match this
//! unless_after = '''^\s*Lifeng'''              # … or the 80 bytes after it
//! unless = '''^Kim'''                           # … or the match itself
//! examples = [{ input = "At first, Kim He had a cool relationship", output = "At first, Kim had a cool relationship" }]
//! ok = ["Vice Premier He Lifeng had talks"]
//! ```

mod file;
mod self_test;
mod template;

use regex::Regex;
use std::path::{Path, PathBuf};

use crate::engine::document::Document;
use crate::engine::evidence::Predicate;
use crate::engine::finding::{Applicability, CheckId, Family, Finding, Fix, RuleId, narrow};
use crate::engine::lexicon::Lexicon;
use crate::{Error, RuleError};
use file::{collect_embedded_toml, load_dir};
use std::collections::HashMap;
use std::fmt::Write as _;

pub use file::{parse_rule_file, toml_files_under};
pub use self_test::Example;
pub use template::Template;

/// Bytes of context the `unless_before` / `unless_after` patterns see.
const CONTEXT_BYTES: usize = 80;

/// One loaded rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: RuleId,
    pub family: Family,
    pub message: String,
    pub doc: Option<String>,
    pub pattern: Regex,
    pub(super) replacement: Option<Template>,
    pub applicability: Applicability,
    pub confidence: f32,
    pub(super) unless: Option<Regex>,
    pub(super) unless_before: Option<Regex>,
    pub(super) unless_after: Option<Regex>,
    pub(super) require: Vec<(String, Predicate)>,
    pub examples: Vec<Example>,
    pub ok: Vec<String>,
    /// The file the rule came from (`data/rules/quotes.toml` for embedded ones).
    pub source: PathBuf,
}

impl Rule {
    /// The findings of this rule in a document.
    pub fn find(&self, doc: &Document, lexicon: &Lexicon, out: &mut Vec<Finding>) {
        let text = doc.text();
        for captures in self.pattern.captures_iter(text) {
            let whole = captures.get(0).expect("group 0 always matches");
            if whole.is_empty() || !self.context_allows(text, whole.start(), whole.end()) {
                continue;
            }
            if let Some(unless) = &self.unless
                && unless.is_match(whole.as_str())
            {
                continue;
            }
            let required = self.require.iter().all(|(group, predicate)| {
                captures
                    .name(group)
                    .is_none_or(|m| predicate.holds(m.as_str(), m.start(), doc, lexicon))
            });
            if !required {
                continue;
            }
            let mut span = whole.start()..whole.end();
            let fix = match &self.replacement {
                None => None,
                Some(template) => {
                    let expanded = template.expand(&captures);
                    if expanded == whole.as_str() {
                        continue;
                    }
                    let (changed, replacement) = narrow(whole.as_str(), &expanded);
                    span = whole.start() + changed.start..whole.start() + changed.end;
                    Some(Fix {
                        replacement,
                        applicability: self.applicability,
                        confidence: self.confidence,
                    })
                }
            };
            out.push(Finding {
                span,
                check: CheckId::Rule(self.id.clone()),
                family: self.family,
                message: self.message.clone(),
                fix,
            });
        }
    }

    fn context_allows(&self, text: &str, start: usize, end: usize) -> bool {
        if let Some(before) = &self.unless_before {
            let from = floor_char_boundary(text, start.saturating_sub(CONTEXT_BYTES));
            if before.is_match(&text[from..start]) {
                return false;
            }
        }
        if let Some(after) = &self.unless_after {
            let to = ceil_char_boundary(text, (end + CONTEXT_BYTES).min(text.len()));
            if after.is_match(&text[end..to]) {
                return false;
            }
        }
        true
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// All loaded rules. (A `RegexSet` prefilter was measured slower than running each rule: the
/// set's overlapping search cannot use the DFA.)
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The rules embedded in the binary.
    pub fn embedded() -> Result<RuleSet, Error> {
        use rayon::prelude::*;
        let mut files = Vec::new();
        collect_embedded_toml(&crate::engine::data::RULES, &mut files);
        let parsed: Vec<Result<Vec<Rule>, Error>> = files
            .par_iter()
            .map(|(path, text)| parse_rule_file(&Path::new("data/rules").join(path), text))
            .collect();
        let mut rules = Vec::new();
        for file in parsed {
            rules.extend(file?);
        }
        RuleSet::from_rules(rules)
    }

    /// The embedded rules plus every `*.toml` file under each directory (recursively).
    pub fn embedded_and(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
        let mut rules = RuleSet::embedded()?.rules;
        for dir in dirs {
            rules.extend(load_dir(dir)?);
        }
        RuleSet::from_rules(rules)
    }

    /// Only the rules under these directories (for `mtclean rules test DIR`).
    pub fn from_dirs(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
        let mut rules = Vec::new();
        for dir in dirs {
            rules.extend(load_dir(dir)?);
        }
        RuleSet::from_rules(rules)
    }

    /// No rules at all (to list the code checks without loading rule files).
    pub fn empty() -> RuleSet {
        RuleSet { rules: Vec::new() }
    }

    fn from_rules(rules: Vec<Rule>) -> Result<RuleSet, Error> {
        let mut seen: HashMap<&str, &Path> = HashMap::new();
        for rule in &rules {
            if let Some(first) = seen.insert(rule.id.as_str(), &rule.source) {
                return Err(RuleError {
                    file: rule.source.clone(),
                    rule: Some(rule.id.as_str().to_string()),
                    field: Some("id".into()),
                    message: format!("duplicate id: also defined in {}", first.display()),
                }
                .into());
            }
        }
        Ok(RuleSet { rules })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.as_str() == id)
    }

    /// Keeps only the rules the predicate accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&Rule) -> bool) {
        self.rules.retain(|r| keep(r));
    }

    pub fn find(&self, doc: &Document, lexicon: &Lexicon, out: &mut Vec<Finding>) {
        for rule in &self.rules {
            rule.find(doc, lexicon, out);
        }
    }

    /// Runs every rule's own tests; returns `(rule, failures)` for the failing ones.
    pub fn self_test(&self, lexicon: &Lexicon) -> Vec<(&Rule, Vec<String>)> {
        self.rules
            .iter()
            .map(|rule| (rule, rule.self_test(lexicon)))
            .filter(|(_, failures)| !failures.is_empty())
            .collect()
    }

    /// Fails with a [`RuleError`] naming the first failing rule, its file and its example.
    pub fn check_self_tests(&self, lexicon: &Lexicon) -> Result<(), Error> {
        match self.self_test(lexicon).into_iter().next() {
            None => Ok(()),
            Some((rule, failures)) => Err(RuleError {
                file: rule.source.clone(),
                rule: Some(rule.id.as_str().to_string()),
                field: Some(if failures[0].starts_with("ok") {
                    "ok".into()
                } else {
                    "examples".into()
                }),
                message: failures.join("\n  "),
            }
            .into()),
        }
    }
}

/// `mtclean rules explain`: the rule's documentation, in plain text.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  ({}, {})",
        rule.id.as_str(),
        rule.family,
        rule.applicability
    );
    let _ = writeln!(out, "{}", rule.message);
    if let Some(doc) = &rule.doc {
        let _ = writeln!(out, "\n{}", doc.trim());
    }
    let _ = writeln!(out, "\npattern: {}", rule.pattern.as_str());
    let _ = writeln!(out, "source:  {}", rule.source.display());
    let _ = writeln!(out, "confidence: {}", rule.confidence);
    let _ = writeln!(out, "\nexamples:");
    for example in &rule.examples {
        let _ = writeln!(out, "  {}\n  → {}", example.input, example.output);
    }
    let _ = writeln!(out, "\nleft alone:");
    for ok in &rule.ok {
        let _ = writeln!(out, "  {ok}");
    }
    out
}

#[cfg(test)]
mod tests;
