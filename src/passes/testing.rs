//! Test helpers every pass shares (Harper's `assert_suggestion_result` idea): run one pass alone
//! on a text, apply its fixes, and assert what it did.

use crate::engine::document::Document;
use crate::engine::finding::{Applicability, Finding};
use crate::engine::lexicon::Lexicon;
use crate::passes::{Context, Pass};

/// The findings of one pass on `text`, spans in `text`'s own bytes.
pub fn run_alone(pass: &dyn Pass, text: &str) -> Vec<Finding> {
    let doc = Document::new(text);
    let context = Context {
        lexicon: Lexicon::embedded(),
    };
    let mut findings = Vec::new();
    pass.find(&doc, &context, &mut findings);
    for finding in &mut findings {
        finding.span = doc.to_original(finding.span.clone());
    }
    findings
}

/// `text` with the fixes of `findings` that `keep` accepts applied once (non-overlapping, from
/// the end, the first of overlapping ones winning).
pub fn apply(text: &str, findings: &[Finding], keep: impl Fn(&Finding) -> bool) -> String {
    let mut chosen: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.fix.is_some() && keep(f))
        .collect();
    chosen.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for finding in chosen {
        if finding.span.start < at {
            continue;
        }
        out.push_str(&text[at..finding.span.start]);
        out.push_str(&finding.fix.as_ref().expect("kept").replacement);
        at = finding.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The pass's safe fixes alone turn `input` into `expected`.
#[track_caller]
pub fn assert_fix(pass: &dyn Pass, input: &str, expected: &str) {
    let findings = run_alone(pass, input);
    let got = apply(input, &findings, |f| {
        f.applicability() == Applicability::Safe
    });
    assert_eq!(got, expected, "{findings:#?}");
}

/// The pass fixes nothing safely in `input`, and its other fixes give `expected`.
#[track_caller]
pub fn assert_suggests(pass: &dyn Pass, input: &str, expected: &str) {
    let findings = run_alone(pass, input);
    assert!(
        findings
            .iter()
            .all(|f| f.applicability() != Applicability::Safe),
        "{findings:#?}"
    );
    assert_eq!(apply(input, &findings, |_| true), expected, "{findings:#?}");
}

/// The pass reports nothing at all in `input`.
#[track_caller]
pub fn assert_no_findings(pass: &dyn Pass, input: &str) {
    let findings = run_alone(pass, input);
    assert!(findings.is_empty(), "{input}: {findings:#?}");
}
