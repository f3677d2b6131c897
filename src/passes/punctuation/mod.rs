#![doc = include_str!("punctuation.md")]

mod marks;
mod quotes;
mod spacing;

use std::ops::Range;

use crate::engine::document::Document;
use crate::engine::finding::{Applicability, CheckId, CheckInfo, Family, Finding, Fix};
use crate::passes::{Context, Pass};

/// The `quote-mark` check.
pub static QUOTE_MARK: CheckInfo = CheckInfo {
    id: "quote-mark",
    family: Family::Quotes,
    summary: "a quotation mark turned the wrong way or glued to the wrong word: `promised”hold hands”` → `promised “hold hands”`",
    doc: include_str!("punctuation.md"),
};

/// The `punct-spacing` check.
pub static PUNCT_SPACING: CheckInfo = CheckInfo {
    id: "punct-spacing",
    family: Family::Punct,
    summary: "a space before punctuation or missing after it: `the Exchange , which` → `the Exchange, which`",
    doc: include_str!("punctuation.md"),
};

/// The `doubled-mark` check.
pub static DOUBLED_MARK: CheckInfo = CheckInfo {
    id: "doubled-mark",
    family: Family::Punct,
    summary: "doubled or stacked marks: `in Chile..` → `in Chile.`",
    doc: include_str!("punctuation.md"),
};

static CHECKS: [&CheckInfo; 3] = [&QUOTE_MARK, &PUNCT_SPACING, &DOUBLED_MARK];

/// How many safe findings of the passes before this one make a text's single slip an engine's:
/// one alone may be a false alarm of its pass (a rare compound split as glued words), two are
/// rarely both wrong in edited news.
const OTHER_ARTIFACTS: usize = 2;

/// Repairs punctuation and quotes; see the module documentation.
pub struct PunctuationPass;

/// One repair found by a sub-module, in the document's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Repair {
    pub span: Range<usize>,
    pub replacement: String,
    pub check: &'static CheckInfo,
    pub message: String,
    pub applicability: Applicability,
    /// A single thing wrong, as a writer may slip: alone in a text, it is only suggested.
    pub could_be_typo: bool,
}

/// What the sub-modules know about the whole document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    /// Curly double quotes outnumber straight ones (the default when there are none).
    pub curly_quotes: bool,
    /// The apostrophe the document uses most: `’` or `'`.
    pub apostrophe: char,
    /// The document opens quotations with ``` `` ```.
    pub tex_quotes: bool,
}

impl Style {
    pub fn of(text: &str) -> Style {
        let (mut curly, mut straight, mut curly_apostrophe, mut straight_apostrophe) = (0, 0, 0, 0);
        for c in text.chars() {
            match c {
                '“' | '”' => curly += 1,
                '"' => straight += 1,
                '’' => curly_apostrophe += 1,
                '\'' => straight_apostrophe += 1,
                _ => {}
            }
        }
        Style {
            curly_quotes: curly >= straight,
            apostrophe: if straight_apostrophe > curly_apostrophe {
                '\''
            } else {
                '’'
            },
            tex_quotes: text.contains("``"),
        }
    }

    pub fn open_quote(self) -> char {
        if self.curly_quotes { '“' } else { '"' }
    }

    pub fn close_quote(self) -> char {
        if self.curly_quotes { '”' } else { '"' }
    }
}

/// Markup, code or data: quotes and punctuation there follow other rules than prose.
pub(crate) fn looks_like_code(paragraph: &str) -> bool {
    ["=\"", "{", "}", "</", "/>", "\\\"", "();", "=>", "&&"]
        .iter()
        .any(|needle| paragraph.contains(needle))
}

/// Whether the white-space-delimited token around `at` is a URL, an e-mail address, a handle, a
/// hashtag or a path, whose dots and marks are not punctuation.
pub(crate) fn in_address(text: &str, at: usize) -> bool {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    let token = &text[start..end];
    token.contains("://")
        || token.contains("www.")
        || token.contains('@')
        || token.contains('#')
        || token.contains('/')
        || token.contains('\\')
        || token.contains('_')
}

impl Pass for PunctuationPass {
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &CHECKS
    }

    fn find(&self, doc: &Document, _context: &Context, out: &mut Vec<Finding>) {
        let text = doc.text();
        let style = Style::of(text);
        // This pass runs last: the safe findings of the passes before it (glued words, foreign
        // function words, stray subjects) are evidence that the text is machine-translated.
        let other_artifacts = out
            .iter()
            .filter(|f| {
                // Boilerplate is page chrome (and off by default), not a translation's trace.
                f.family != Family::Boilerplate
                    && f.fix
                        .as_ref()
                        .is_some_and(|fix| fix.applicability == Applicability::Safe)
            })
            .count();
        let mut repairs = Vec::new();
        for paragraph in doc.paragraphs() {
            let p = &text[paragraph.clone()];
            if looks_like_code(p) {
                continue;
            }
            quotes::repairs(text, paragraph.clone(), style, &mut repairs);
            spacing::repairs(text, paragraph.clone(), style, &mut repairs);
            marks::repairs(text, paragraph.clone(), &mut repairs);
        }
        // One slip in a whole text (a space before a comma, a turned quote, a doubled full
        // stop) is as likely the writer's as an engine's, and a text edited by people keeps its
        // own: it is suggested, not applied. Engines leave several, and then each is applied;
        // an artifact another pass found safely counts as one of them.
        let mut safe = repairs
            .iter_mut()
            .filter(|r| r.applicability == Applicability::Safe);
        if let (Some(only), None) = (safe.next(), safe.next())
            && only.could_be_typo
            && other_artifacts < OTHER_ARTIFACTS
        {
            only.applicability = Applicability::Unsafe;
            only.message
                .push_str(" (the only slip in the text: it may be the writer's own)");
        }
        out.extend(repairs.into_iter().map(|r| Finding {
            span: r.span,
            family: r.check.family,
            check: CheckId::Builtin(r.check),
            message: r.message,
            fix: Some(Fix {
                replacement: r.replacement,
                applicability: r.applicability,
                confidence: match r.applicability {
                    Applicability::Safe => 0.9,
                    _ => 0.6,
                },
            }),
        }));
    }
}

/// Applies every repair the pass finds, round after round as the cleaner does, for tests.
#[cfg(test)]
pub(crate) fn fixed(text: &str, policy: crate::Policy) -> String {
    // Only this pass, so that tests say what it does on its own.
    let mut current = text.to_string();
    for _ in 0..crate::engine::resolve::MAX_ROUNDS {
        let doc = Document::new(&current);
        let context = Context {
            lexicon: crate::engine::lexicon::Lexicon::embedded(),
        };
        let mut findings = Vec::new();
        PunctuationPass.find(&doc, &context, &mut findings);
        for f in &mut findings {
            f.span = doc.to_original(f.span.clone());
        }
        let round = crate::engine::resolve::apply_round(&current, findings, policy);
        if round.applied.is_empty() {
            break;
        }
        current = round.text;
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    #[test]
    fn style_follows_the_majority() {
        assert!(Style::of("no quotes").curly_quotes);
        assert!(!Style::of("\"a\" and \"b\" “c”").curly_quotes);
        assert_eq!(Style::of("it's Kim's").apostrophe, '\'');
        assert_eq!(Style::of("it’s").apostrophe, '’');
    }

    #[test]
    fn addresses_and_code_are_recognised() {
        let t = "see www.example.com/a.B now";
        assert!(in_address(t, t.find(".B").unwrap()));
        assert!(!in_address("the crime.Police said", 9));
        assert!(looks_like_code("<a href=\"x\">link</a>"));
        assert!(!looks_like_code("He said “yes”."));
    }

    #[test]
    fn the_module_example_holds() {
        assert_eq!(
            fixed(
                "“We are ready“, he said.”The vote is today“said Kim.",
                Policy::Safe
            ),
            "“We are ready,” he said. “The vote is today,” said Kim."
        );
    }

    #[test]
    fn one_slip_alone_is_only_suggested() {
        let one = "The plan was approved by the board , which met on Monday.";
        assert_eq!(fixed(one, Policy::Safe), one);
        assert_eq!(
            fixed(one, Policy::SafeAndUnsafe),
            "The plan was approved by the board, which met on Monday."
        );
        let two = "The plan was approved by the board , which met on Monday in Lima..";
        assert_eq!(
            fixed(two, Policy::Safe),
            "The plan was approved by the board, which met on Monday in Lima."
        );
        // An engine's habit is applied even alone.
        assert_eq!(
            fixed("Lima.- The board met.", Policy::Safe),
            "Lima – The board met."
        );
    }

    #[test]
    fn other_passes_safe_findings_make_a_single_slip_an_engines() {
        let text = "The board met on Monday , and the vote passed.";
        let slip = |earlier: usize| {
            let doc = Document::new(text);
            let context = Context {
                lexicon: crate::engine::lexicon::Lexicon::embedded(),
            };
            let mut out: Vec<Finding> = (0..earlier)
                .map(|i| Finding {
                    span: i..i + 1,
                    family: Family::Glue,
                    check: CheckId::Builtin(&QUOTE_MARK),
                    message: String::new(),
                    fix: Some(Fix {
                        replacement: String::new(),
                        applicability: Applicability::Safe,
                        confidence: 0.9,
                    }),
                })
                .collect();
            PunctuationPass.find(&doc, &context, &mut out);
            out.last().unwrap().fix.as_ref().unwrap().applicability
        };
        assert_eq!(slip(0), Applicability::Unsafe);
        assert_eq!(slip(1), Applicability::Unsafe);
        assert_eq!(slip(OTHER_ARTIFACTS), Applicability::Safe);
    }

    #[test]
    fn clean_prose_is_left_alone() {
        for text in [
            "The U.S. economy grew 1.5% in 2023, adding 1,000 jobs by 9:30 a.m. on Monday.",
            "He said: “We will win.” Then he left... Wait . . . what?!",
            "Yahoo! and E! reported it. “¿Qué pasa?” she asked in Spanish.",
            "Write to j.doe@example.com or visit https://example.com/a.Html today.",
            "J. R. R. Tolkien, Jr., e.g. the author, wrote it (see p. 4).",
            "“Is it over?” he asked. “No,” she said, “not yet.”",
            "The score was 2-1, and the 12\" record sold.",
            "« Nous irons à la table », dit-il.",
        ] {
            assert_eq!(fixed(text, Policy::Safe), text, "{text}");
        }
    }
}
