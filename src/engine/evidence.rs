//! Shared judgements from the lexicon and the article: is this word a name?
//!
//! Rules (`require = { name = "proper-noun" }`) and passes ask the same question, so it is
//! answered in one place.

use crate::engine::document::{Document, starts_clause};
use crate::engine::english::English;
use crate::engine::lexicon::Lexicon;

pub fn is_function_word(word: &str) -> bool {
    English::embedded().is_function_word(word)
}

/// Whether one capitalised word, at byte `start` of the document, is (part of) a name.
pub fn is_name_word(word: &str, start: usize, doc: &Document, lexicon: &Lexicon) -> bool {
    is_name_word_with(word, start, doc, lexicon, false)
}

/// Like `is_name_word`, but a capital at this position alone is no evidence: an English word
/// (`Though`, `Let`, `Making`) is a name only when the gazetteer or dictionary says so or the
/// article capitalises it mid-sentence elsewhere too. Verse and run-in heads capitalise words
/// after a comma (`Thereby he is good`), which a rule deleting a word must not take for a name.
pub fn is_known_name_word(word: &str, start: usize, doc: &Document, lexicon: &Lexicon) -> bool {
    is_name_word_with(word, start, doc, lexicon, true)
}

fn is_name_word_with(
    word: &str,
    start: usize,
    doc: &Document,
    lexicon: &Lexicon,
    strict: bool,
) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || is_function_word(word) {
        return false;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return true; // an acronym: USA, RTVE
    }
    if lexicon.is_proper_noun(word) {
        return true;
    }
    // A negated auxiliary (`Isn't`, `Don’t`) is never a name, whatever the dictionary says.
    let lower = word.to_lowercase();
    if lower.ends_with("n't") || lower.ends_with("n’t") {
        return false;
    }
    // After a colon, a semicolon, an opening quote or bracket, or a list marker, English
    // capitalises like at a sentence start (`Previously it was`, `; Perhaps they are`).
    let sentence_start = doc.is_sentence_start(start);
    let clause_start = !sentence_start && starts_clause(doc.text(), start);
    // The article's counts take clause starts for sentence starts too (`Document`).
    let evidence = doc.case_evidence(word);
    let here = u32::from(strict && !sentence_start && !clause_start);
    if evidence.capitalized_mid_sentence > here && evidence.lower == 0 {
        return true;
    }
    if strict {
        return !lexicon.is_word(word);
    }
    // Capitalised here mid-sentence, or a word English does not have: a name.
    !(sentence_start || clause_start) || !lexicon.is_word(word)
}

/// Whether a phrase (`North Korea`, `the Kiwis`, `Bank of Spain`) names something: every
/// capitalised word is a name word and the lower-case ones are connectors.
pub fn is_name_phrase(phrase: &str, start: usize, doc: &Document, lexicon: &Lexicon) -> bool {
    is_name_phrase_with(phrase, start, doc, lexicon, false)
}

/// Like `is_name_phrase`, with at least one capitalised word a name by `is_known_name_word`.
pub fn is_known_name_phrase(phrase: &str, start: usize, doc: &Document, lexicon: &Lexicon) -> bool {
    is_name_phrase_with(phrase, start, doc, lexicon, true)
}

fn is_name_phrase_with(
    phrase: &str,
    start: usize,
    doc: &Document,
    lexicon: &Lexicon,
    strict: bool,
) -> bool {
    let mut any_name = false;
    // Strict: every capitalised word a name as usual, and one of them known (`The President of
    // the Council Giorgia Meloni`: titles are words, the name itself is not).
    let mut any_known = !strict;
    let base = phrase.as_ptr() as usize;
    let mut words = phrase.split_whitespace().peekable();
    // A leading article belongs to names like `The Hague` and `the Kiwis`.
    if words.peek().is_some_and(|w| *w == "The" || *w == "the") {
        words.next();
    }
    for word in words {
        let offset = start + (word.as_ptr() as usize - base);
        let starts_upper = word.chars().next().is_some_and(char::is_uppercase);
        if starts_upper {
            if !is_name_word(word, offset, doc, lexicon) {
                return false;
            }
            any_known = any_known || is_known_name_word(word, offset, doc, lexicon);
            any_name = true;
        } else if !English::embedded().is_name_connector(word) {
            return false;
        }
    }
    any_name && any_known
}

/// A word at least this frequent in the lexicon (a count from the SymSpell list, whose words run
/// from about 10⁴ to 10¹⁰) is a common English word.
const COMMON_WORD_COUNT: u64 = 2_000_000;

/// A condition on a capture, checked against the lexicon and the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predicate {
    ProperNoun,
    /// A name by the gazetteer, the dictionary or the article's casing elsewhere; not by the
    /// capital at this position alone (`is_known_name_phrase`).
    KnownName,
    NotProperNoun,
    Word,
    NotWord,
    /// A verb in its base form (`invade`, not `invaded`, `calls` or `did`).
    BaseVerb,
    /// A country, region or city the gazetteer knows (`Russia`, `North Korea`).
    Place,
    /// A capitalised word that is really a common English word (`Based`, `Lowering`): frequent in
    /// lower case, never written only capitalised, no name, and lower case elsewhere in the article
    /// or not capitalised mid-sentence elsewhere.
    CommonWord,
}

impl Predicate {
    pub fn parse(s: &str) -> Option<Predicate> {
        Some(match s {
            "proper-noun" => Predicate::ProperNoun,
            "known-name" => Predicate::KnownName,
            "not-proper-noun" => Predicate::NotProperNoun,
            "word" => Predicate::Word,
            "not-word" => Predicate::NotWord,
            "base-verb" => Predicate::BaseVerb,
            "place" => Predicate::Place,
            "common-word" => Predicate::CommonWord,
            _ => return None,
        })
    }

    pub fn holds(self, text: &str, start: usize, doc: &Document, lexicon: &Lexicon) -> bool {
        match self {
            Predicate::ProperNoun => is_name_phrase(text, start, doc, lexicon),
            Predicate::KnownName => is_known_name_phrase(text, start, doc, lexicon),
            Predicate::NotProperNoun => !is_name_phrase(text, start, doc, lexicon),
            Predicate::Word => text.split_whitespace().all(|w| lexicon.is_word(w)),
            Predicate::NotWord => !text.split_whitespace().all(|w| lexicon.is_word(w)),
            Predicate::BaseVerb => {
                lexicon.is_word(text) && !crate::engine::morph::is_inflected(text)
            }
            Predicate::Place => matches!(
                lexicon.name_kind(text),
                Some(kind) if kind.is_place()
            ),
            Predicate::CommonWord => {
                let lower = text.to_lowercase();
                let evidence = doc.case_evidence(text);
                lexicon.frequency_of_lowercase(&lower) >= COMMON_WORD_COUNT
                    && !lexicon.is_capitalised_only(text)
                    && lexicon.name_kind_ignoring_case(text).is_none()
                    && evidence.capitalized_mid_sentence <= 1
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::document::is_mentioned;

    fn check(text: &str, phrase: &str) -> bool {
        let doc = Document::new(text);
        let start = text.find(phrase).unwrap();
        is_name_phrase(phrase, start, &doc, Lexicon::embedded())
    }

    #[test]
    fn function_word_table_is_sorted() {}

    #[test]
    fn names_are_recognised() {
        assert!(check("Moscow has denied it.", "Moscow"));
        assert!(check("At first, Kim had a cool relationship.", "Kim"));
        assert!(check("the Kiwis have not managed", "Kiwis"));
        assert!(check("the Bank of Spain said", "Bank of Spain"));
        assert!(check("sanctions by USA were", "USA"));
    }

    #[test]
    fn sentence_start_words_and_pronouns_are_not_names() {
        assert!(!check("Later he said so.", "Later"));
        assert!(!check("this afternoon The first action", "The"));
        assert!(!check("Yesterday it rained.", "Yesterday"));
    }

    #[test]
    fn clause_starts_and_contractions_are_not_names() {
        assert!(!check(
            "Changed in 3.2: Previously it was illegal.",
            "Previously"
        ));
        assert!(!check("Treat them well; Perhaps they are.", "Perhaps"));
        assert!(!check("Isn't it nice that it works?", "Isn't"));
        assert!(!check("- Make it possible to build.", "Make"));
        assert!(check("Earlier; Kim took steps.", "Kim"));
    }

    #[test]
    fn quoted_words_are_mentioned() {
        let text = "the \"stringprefix\" or (hintslight) and “Heimdal” but not Heimdal";
        let at = |w: &str| {
            let start = text.find(w).unwrap();
            is_mentioned(text, start, start + w.len())
        };
        assert!(at("stringprefix"));
        assert!(at("hintslight"));
        assert!(at("Heimdal"));
        assert!(!is_mentioned(text, text.len() - 7, text.len()));
    }

    #[test]
    fn known_names_need_more_than_a_capital() {
        let known = |text: &str, phrase: &str| {
            let doc = Document::new(text);
            let start = text.find(phrase).unwrap();
            is_known_name_phrase(phrase, start, &doc, Lexicon::embedded())
        };
        assert!(!known("He is good to all, Thereby he is good.", "Thereby"));
        assert!(!known("And saw, Making it rich, an angel.", "Making"));
        assert!(known("After the test, Kim he took steps.", "Kim"));
        assert!(known("After the talks, Moscow it said no.", "Moscow"));
        assert!(known("Giorgia Meloni she is irritated.", "Giorgia Meloni"));
    }
}
