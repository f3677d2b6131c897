#![doc = include_str!("lowercase_name.md")]

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::engine::document::{Document, TokenKind};
use crate::engine::finding::{Applicability, CheckId, CheckInfo, Family, Finding, Fix};
use crate::engine::lexicon::{Lexicon, NameKind};
use crate::passes::{Context, Pass};

/// The `lowercase-name` check.
pub static LOWERCASE_NAME: CheckInfo = CheckInfo {
    id: "lowercase-name",
    family: Family::Casing,
    summary: "a place or demonym written in lower case: `the north korean leader` → `the North Korean leader`",
    doc: include_str!("lowercase_name.md"),
};

static CHECKS: [&CheckInfo; 1] = [&LOWERCASE_NAME];

pub struct CasingPass;

/// The longest lower-case run looked up as one name (`bosnia and herzegovina`).
const MAX_PHRASE_WORDS: usize = 3;

fn is_all_lowercase_word(word: &str) -> bool {
    word.chars().all(|c| c.is_lowercase()) && word.chars().count() >= 3
}

/// Why a lower-case word is evidence that its name was lower-cased, if it is.
fn word_evidence(word: &str, doc: &Document, lexicon: &Lexicon) -> Option<&'static str> {
    if lexicon.is_capitalised_only(word) {
        return Some("English writes it only capitalised");
    }
    if !lexicon.is_word(word) {
        return Some("it is no English word");
    }
    let evidence = doc.case_evidence(word);
    if evidence.capitalized_mid_sentence > 0 && evidence.lower == 1 {
        return Some("the article capitalises it elsewhere");
    }
    None
}

/// Lower-case compounds where a place or nationality names a kind of thing, not the place
/// (`manila envelope`): name → the words that follow it, from `data/tables/casing.toml`.
fn generic_compounds() -> &'static HashMap<String, Vec<String>> {
    // The file's other sections belong to other passes (`stray_subject`), which read them.
    #[derive(serde::Deserialize)]
    struct Table {
        generic_compound: Vec<Compound>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Compound {
        name: String,
        next: Vec<String>,
    }
    static COMPOUNDS: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    COMPOUNDS.get_or_init(|| {
        let table: Table = toml::from_str(crate::engine::data::required(CASING_TABLE))
            .unwrap_or_else(|e| panic!("data/{CASING_TABLE}: {e}"));
        table
            .generic_compound
            .into_iter()
            .map(|c| (c.name, c.next))
            .collect()
    })
}

const CASING_TABLE: &str = "tables/casing.toml";

/// Whether the lower-case name at `span` names a kind of thing (`manila envelope`,
/// `india-rubber`), or is a software name before its version (`cairo 1.12`).
fn generic_use(text: &str, span: &std::ops::Range<usize>) -> bool {
    let name = &text[span.clone()];
    let rest = &text[span.end..];
    let next: String = rest
        .trim_start_matches([' ', '-'])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let separated = rest.starts_with(' ') || rest.starts_with('-');
    if separated
        && generic_compounds()
            .get(name)
            .is_some_and(|nexts| nexts.contains(&next))
    {
        return true;
    }
    // `cairo 1.12`: a library and its version.
    let Some(version) = rest.strip_prefix(' ') else {
        return false;
    };
    let digits = version.len()
        - version
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    digits > 0
        && version[digits..]
            .strip_prefix('.')
            .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
}

/// Text around a word that makes it part of a URL, handle, address or identifier.
fn in_identifier(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let next = after.next();
    let next_next = after.next();
    matches!(before, Some('#' | '@' | '/' | '.' | '_' | '\\'))
        || matches!(next, Some('@' | '/' | '_' | '\\'))
        || (matches!(next, Some('.' | ':'))
            && next_next.is_some_and(|c| c.is_alphanumeric() || c == '/'))
}

impl Pass for CasingPass {
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &CHECKS
    }

    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>) {
        let text = doc.text();
        let lexicon = context.lexicon;
        let words: Vec<&crate::engine::document::Token> = doc
            .tokens()
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .collect();
        let mut index = 0;
        while index < words.len() {
            let first = words[index];
            if !is_all_lowercase_word(doc.token_text(first)) {
                index += 1;
                continue;
            }
            // The longest run of lower-case words, single-spaced, that the gazetteer names.
            let mut best: Option<(usize, &str, NameKind)> = None;
            for length in 1..=MAX_PHRASE_WORDS.min(words.len() - index) {
                let last = words[index + length - 1];
                if length > 1 {
                    let previous = words[index + length - 2];
                    if &text[previous.span.end..last.span.start] != " "
                        || !is_all_lowercase_word(doc.token_text(last))
                    {
                        break;
                    }
                }
                let phrase = &text[first.span.start..last.span.end];
                if let Some((spelling, kind)) = lexicon.canonical_name(phrase)
                    && matches!(
                        kind,
                        NameKind::Country
                            | NameKind::Capital
                            | NameKind::Demonym
                            | NameKind::Region
                    )
                    && spelling.chars().next().is_some_and(char::is_uppercase)
                    && !spelling
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase)
                {
                    best = Some((length, spelling, kind));
                }
            }
            let Some((length, spelling, kind)) = best else {
                index += 1;
                continue;
            };
            let span = first.span.start..words[index + length - 1].span.end;
            let evidence = words[index..index + length]
                .iter()
                .find_map(|w| word_evidence(doc.token_text(w), doc, lexicon).map(|why| (w, why)));
            if let Some((word, why)) = evidence
                && !in_identifier(text, span.start, span.end)
                && !generic_use(text, &span)
            {
                let kind_name = match kind {
                    NameKind::Country => "a country",
                    NameKind::Capital => "a capital",
                    NameKind::Demonym => "a nationality",
                    _ => "a region",
                };
                out.push(Finding {
                    span: span.clone(),
                    check: CheckId::Builtin(&LOWERCASE_NAME),
                    family: Family::Casing,
                    message: format!(
                        "{kind_name} written in lower case (`{}`: {why})",
                        doc.token_text(word)
                    ),
                    fix: Some(Fix {
                        replacement: spelling.to_string(),
                        applicability: Applicability::Safe,
                        confidence: 0.9,
                    }),
                });
            }
            index += length;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_table_is_sorted_and_every_compound_has_words() {
        let text = crate::engine::data::required(CASING_TABLE);
        let names: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("name = \""))
            .map(|l| l.trim_end_matches('"'))
            .collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
        assert_eq!(names.len(), generic_compounds().len());
        assert!(generic_compounds().values().all(|next| !next.is_empty()));
    }

    fn fixes(text: &str) -> Vec<(String, String)> {
        crate::passes::testing::run_alone(&CasingPass, text)
            .into_iter()
            .map(|f| (text[f.span].to_string(), f.fix.unwrap().replacement))
            .collect()
    }

    fn assert_fix(text: &str, before: &str, after: &str) {
        assert_eq!(
            fixes(text),
            vec![(before.to_string(), after.to_string())],
            "{text}"
        );
    }

    fn assert_no_findings(text: &str) {
        assert_eq!(fixes(text), vec![], "{text}");
    }

    #[test]
    fn capitalises_lowercase_demonym_phrase() {
        assert_fix(
            "the north korean leader Kim",
            "north korean",
            "North Korean",
        );
        assert_fix(
            "the presidency of the spanish government",
            "spanish",
            "Spanish",
        );
    }

    #[test]
    fn capitalises_place_that_is_no_english_word() {
        assert_fix("protests in kyiv and abroad", "kyiv", "Kyiv");
        assert_fix("the national day of russia in June", "russia", "Russia");
    }

    #[test]
    fn keeps_words_that_are_also_common_nouns() {
        assert_no_findings("fine china and a roast turkey");
        assert_no_findings("a guinea pig and a male nurse");
        assert_no_findings("let us go to chad's house");
    }

    #[test]
    fn keeps_generic_compounds_and_versions() {
        assert_no_findings("a search for the proper manila envelope in which to file");
        assert_no_findings("he bounced like an india-rubber ball");
        assert_no_findings("a swiss army knife for cryptographic tasks");
        assert_no_findings("it can be built with cairo 1.12 or later");
        assert_fix("the talks in manila ended", "manila", "Manila");
    }

    #[test]
    fn keeps_urls_handles_and_hashtags() {
        assert_no_findings("see https://russia.example/kyiv and #russia or @kyiv");
        assert_no_findings("mail kyiv@example.com");
    }

    #[test]
    fn keeps_correct_capitals() {
        assert_no_findings("The North Korean leader met Russia's president in Kyiv.");
    }
}
