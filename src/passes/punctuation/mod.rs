//! Punctuation and quotes as a typesetter would set them.
//!
//! **What.** One pass over each paragraph that repairs what translation engines and scrapers do
//! to punctuation: quotation marks pointing the wrong way or glued to the wrong word
//! (`promised”hold hands”`, `the Cold War“, wrote`, `the week ”, was`, `them “,” said`),
//! guillemets and TeX quotes left in English (`« We will »`, ``` ``so'' ```), a quoted sentence
//! without its comma before the reporting verb (`substance“said`), a dash before the reporting
//! verb (`,” – said`), a space before punctuation or inside brackets (`the Exchange , which`,
//! `Spain 's`, `non -resource`, `$ 154`, `( AFP )`), a missing space after a full stop, a comma,
//! a question mark or a title (`the crime.Police said`, `Noble,continuation`, `Jr.to`), an acute
//! accent used as an apostrophe (`Cuckoo´s`), doubled or stacked marks (`in Chile..`,
//! `why not?.`, `the vote., to`, `specialists. , an`, `harmony.”, he`), and source-language
//! habits with a mechanical fix (`Mexico City.- The`, `21:30 p.m.`, `2: 0`).
//!
//! **Why.** These are the most frequent artifacts of machine-translated news, every engine and
//! source language leaves them, and regex rules written per observed shape miss the next shape.
//! Quotes in particular can only be repaired from their pairing across the paragraph: a mark
//! glued between two words (`9.”The`) opens or closes depending on what came before.
//!
//! **Example.** `“We are ready“, he said.”The vote is today“said Kim.` →
//! `“We are ready,” he said. “The vote is today,” said Kim.`
//!
//! **Files.** `quotes.rs`: the quote tokeniser, the pairing of a paragraph's double quotes and
//! the direction and spacing repairs that follow from it. `spacing.rs`: spaces around
//! punctuation, apostrophes, hyphens of prefixes, brackets and currency signs, and the
//! source-language habits. `marks.rs`: doubled and stacked marks, collapsed by a table of which
//! sequences are legitimate and which have a repair.
//!
//! **Applicability.** Quote repairs are safe only when the paragraph's double quotes pair
//! unambiguously: an even number of them (straight and curly paired apart), alternating open and
//! close, and no mark whose own context (paragraph start or end, punctuation after it, or
//! spacing and glyph agreeing) contradicts its place in the alternation. In a paragraph that
//! does not pair (an odd number of quotes, a quotation running on into the next paragraph), only
//! a mark whose direction is certain from its place alone (an opening mark ending the paragraph
//! after a full stop) is repaired. Spacing and doubled-mark repairs are guarded by the
//! legitimate sequences they could be confused with. One slip alone in a whole text (a single
//! space before a comma, a single turned quote) is as likely the writer's own as an engine's,
//! and an edited text keeps its own typos: it is only suggested (unsafe). Engines leave several,
//! and then each is applied. Stacked marks after a word and the source-language habits are
//! applied even alone. A score written `2: 0` is only suggested (`Step 1: 2 cups`).
//!
//! **Evidence.** The pairing of the paragraph's quotes; the document's own quote and apostrophe
//! style (curly or straight) for what a replaced mark becomes; closed lists in the code (bound
//! prefixes, title abbreviations, lower-case abbreviations, reporting verbs, French and English
//! function words to tell French in guillemets from English).
//!
//! **Keeps.** Decimals, thousands, times (`1.5`, `1,000`, `9:30`), abbreviations and initials
//! (`U.S.`, `e.g.`, `Jr.`, `Calif.,`, `J. R. R.`), ellipses (`...`, `. . .`), URLs, e-mail
//! addresses, hashtags, file names and code (a paragraph with markup or braces is left alone),
//! emoticons, `Yahoo!` and `E!`, `?!`, Spanish `¿¡`, French quoted as French (guillemets around
//! French words), guillemets set tight around a name (`«Bisenzio»`), a numbered list (`1 .` at
//! a paragraph start), labels and datelines of page chrome (`PUBLISHED : Monday`, `BOGOTA :`),
//! single quotes (apostrophes and primes make their pairing unreliable), inch marks (`12"`),
//! `''` used alone as a paper's quote style, quoting inside quotes (`“"def"”`).
//!
//! **Limits.** Nested double quotes inside double quotes do not pair and are left alone. A stray
//! extra quote in a paragraph with an odd count is not removed (which one is stray is a guess).
//! A lower-case word after a full stop (`Montería.where`) is left: a comma may be meant. A turned
//! quote whose spacing agrees with its glyph (`the end, “he wrote`) cannot be told from a real
//! opening one and is left. The one-slip rule also holds back a real engine artifact when it is
//! the only one in its text.

mod marks;
mod quotes;
mod spacing;

use std::ops::Range;

use crate::document::Document;
use crate::finding::{Applicability, BuiltinCheck, CheckId, Family, Finding, Fix};
use crate::passes::{Context, Pass};

/// Repairs punctuation and quotes; see the module documentation.
pub struct PunctuationPass;

/// One repair found by a sub-module, in the document's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Repair {
    pub span: Range<usize>,
    pub replacement: String,
    pub check: BuiltinCheck,
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
    fn name(&self) -> &'static str {
        "punctuation"
    }

    fn find(&self, doc: &Document, _context: &Context, out: &mut Vec<Finding>) {
        let text = doc.text();
        let style = Style::of(text);
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
        // own: it is suggested, not applied. Engines leave several, and then each is applied.
        let mut safe = repairs
            .iter_mut()
            .filter(|r| r.applicability == Applicability::Safe);
        if let (Some(only), None) = (safe.next(), safe.next())
            && only.could_be_typo
        {
            only.applicability = Applicability::Unsafe;
            only.message
                .push_str(" (the only slip in the text: it may be the writer's own)");
        }
        out.extend(repairs.into_iter().map(|r| Finding {
            span: r.span,
            family: match r.check {
                BuiltinCheck::QuoteMark => Family::Quotes,
                _ => Family::Punct,
            },
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
    for _ in 0..crate::resolve::MAX_ROUNDS {
        let doc = Document::new(&current);
        let context = Context {
            lexicon: crate::lexicon::Lexicon::embedded(),
        };
        let mut findings = Vec::new();
        PunctuationPass.find(&doc, &context, &mut findings);
        for f in &mut findings {
            f.span = doc.to_original(f.span.clone());
        }
        let round = crate::resolve::apply_round(&current, findings, policy);
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
