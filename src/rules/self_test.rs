//! A rule's own tests: its examples must come out as written, its `ok` cases unchanged.

use super::Rule;
use crate::engine::document::Document;
use crate::engine::lexicon::Lexicon;

/// A test that comes with a rule: the same type as a language entry's examples.
pub use crate::engine::finding::Example;

impl Rule {
    /// Runs the rule's own examples and ok cases; returns one line per failure.
    pub fn self_test(&self, lexicon: &Lexicon) -> Vec<String> {
        let mut failures = Vec::new();
        for example in &self.examples {
            let got = apply_alone(self, &example.input, lexicon);
            if got != example.output {
                failures.push(format!(
                    "example: {:?}\n    expected: {:?}\n    got:      {:?}",
                    example.input, example.output, got
                ));
            }
        }
        for ok in &self.ok {
            let mut found = Vec::new();
            self.find(&Document::new(ok), lexicon, &mut found);
            if let Some(finding) = found.first() {
                failures.push(format!(
                    "ok case changed: {:?}\n    matched: {:?}",
                    ok,
                    &ok[finding.span.clone()]
                ));
            }
        }
        failures
    }
}

/// Applies one rule (every applicability) until the text stops changing.
fn apply_alone(rule: &Rule, input: &str, lexicon: &Lexicon) -> String {
    let mut text = input.to_string();
    for _ in 0..crate::engine::resolve::MAX_ROUNDS {
        let doc = Document::new(&text);
        let mut findings = Vec::new();
        rule.find(&doc, lexicon, &mut findings);
        for finding in &mut findings {
            finding.span = doc.to_original(finding.span.clone());
        }
        let round = crate::engine::resolve::apply_round(
            &text,
            findings,
            crate::engine::resolve::Policy::All,
        );
        if round.applied.is_empty() {
            break;
        }
        text = round.text;
    }
    text
}
