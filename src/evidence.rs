//! Shared judgements from the lexicon and the article: is this word a name?
//!
//! Rules (`require = { name = "proper-noun" }`) and passes ask the same question, so it is
//! answered in one place.

use crate::document::Document;
use crate::lexicon::Lexicon;

/// English closed-class words that a calque capitalises mid-sentence (`Kim He had`,
/// `this afternoon The first`): capitalised, they are still never names.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "as", "at", "be", "because", "been",
    "before", "both", "but", "by", "can", "could", "did", "do", "does", "each", "either", "for",
    "from", "had", "has", "have", "he", "her", "here", "hers", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "may", "me", "might", "must", "my", "neither", "no", "nor",
    "not", "of", "on", "or", "our", "ours", "shall", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those",
    "to", "under", "until", "upon", "us", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "would", "yet", "you", "your", "yours",
];

/// Lower-case words allowed inside a multi-word name (`Bank of Spain`, `Primo de Rivera`).
const NAME_CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "di", "da", "do", "dos", "das", "la", "le", "van", "von", "der",
    "den", "al", "bin", "the", "and", "y", "e", "et", "for",
];

pub fn is_function_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    FUNCTION_WORDS.binary_search(&lower.as_str()).is_ok()
}

/// Whether one capitalised word, at byte `start` of the document, is (part of) a name.
pub fn is_name_word(word: &str, start: usize, doc: &Document, lexicon: &Lexicon) -> bool {
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
    let evidence = doc.case_evidence(word);
    if evidence.capitalized_mid_sentence > 0 && evidence.lower == 0 {
        return true;
    }
    // Capitalised here mid-sentence, or a word English does not have: a name.
    !doc.is_sentence_start(start) || !lexicon.is_word(word)
}

/// Whether a phrase (`North Korea`, `the Kiwis`, `Bank of Spain`) names something: every
/// capitalised word is a name word and the lower-case ones are connectors.
pub fn is_name_phrase(phrase: &str, start: usize, doc: &Document, lexicon: &Lexicon) -> bool {
    let mut any_name = false;
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
            any_name = true;
        } else if !NAME_CONNECTORS.contains(&word) {
            return false;
        }
    }
    any_name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, phrase: &str) -> bool {
        let doc = Document::new(text);
        let start = text.find(phrase).unwrap();
        is_name_phrase(phrase, start, &doc, Lexicon::embedded())
    }

    #[test]
    fn function_word_table_is_sorted() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

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
}
