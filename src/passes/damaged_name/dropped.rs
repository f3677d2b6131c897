//! Names whose accented letters the scraper deleted, restored from the source languages' word
//! lists and the gazetteer when the article never writes them intact: `Bogot` → `Bogotá`,
//! `So Paulo` → `São Paulo`, `Garca` → `García`.
//!
//! A capitalised ASCII word is a candidate when no English evidence backs it (not an English word,
//! not a gazetteer name, never written lower case in the article, rare in English), and deleting
//! the non-ASCII letters of a form of a source language's frequency list gives it. The intended
//! reading must be clear: the best form at least [`MIN_ZIPF`] and [`LEAD`] Zipf units ahead of any
//! other, and the damaged form itself not a word of that language nearly as common
//! ([`OWN_GAP`]). Multi-word gazetteer names (`So Paulo`, `Via del Mar`) are matched as
//! phrases, before single words; a short word (`So`) is repaired only inside such a phrase.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::engine::document::{Document, TokenKind};
use crate::engine::frequency::{self, Lang};
use crate::engine::lexicon::Lexicon;

/// The least Zipf value the restored form needs in its language.
pub const MIN_ZIPF: u8 = 25;
/// How far (Zipf × 10) the best restored form must lead the next different one.
pub const LEAD: u8 = 5;
/// How far (Zipf × 10) the restored form must lead the damaged form read as a word of the same
/// language (`Das` is German, not a damaged `Dás`).
pub const OWN_GAP: u8 = 10;
/// The English Zipf from which a damaged-looking word is simply English (`Prez`?).
pub const ENGLISH_MAX: f32 = 3.0;

/// Source languages whose lists are searched (Latin script, accents in common names).
const LANGS: [Lang; 6] = [Lang::Es, Lang::Pt, Lang::Fr, Lang::It, Lang::De, Lang::Ca];

/// Deleted-accents key (the form with its non-ASCII letters removed) → (form, language, Zipf×10).
type Index = HashMap<String, Vec<(String, Lang, u8)>>;

fn strip(form: &str) -> String {
    form.chars().filter(char::is_ascii).collect()
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Index = HashMap::default();
        for lang in LANGS {
            frequency::for_each_form(lang, |form, z| {
                if z >= MIN_ZIPF
                    && !form.is_ascii()
                    && form.chars().all(char::is_alphabetic)
                    && form.chars().count() >= 3
                {
                    let key = strip(form);
                    if key.len() >= 2 {
                        index
                            .entry(key)
                            .or_default()
                            .push((form.to_string(), lang, z));
                    }
                }
            });
        }
        index
    })
}

/// The clearly intended restoration of `word` (capitalised ASCII), lower case, or `None`.
pub fn restore_word(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let candidates = index().get(&lower)?;
    let mut best: Vec<(&str, u8)> = Vec::new();
    // The damaged form read as a word of any source language (`Rudo` is Spanish).
    let own = LANGS
        .iter()
        .filter_map(|&lang| frequency::zipf10(lang, &lower))
        .max()
        .unwrap_or(0);
    for (form, _, z) in candidates {
        if own + OWN_GAP > *z {
            return None;
        }
        // A letter deleted at the end leaves a plausible name of its own (`Nicol`, `Sant`):
        // only inner deletions, which leave impossible clusters (`Garca`, `Mrquez`), count.
        if !form.chars().last().is_some_and(|c| c.is_ascii()) {
            continue;
        }
        match best.iter_mut().find(|(f, _)| f == form) {
            Some(entry) => entry.1 = entry.1.max(*z),
            None => best.push((form, *z)),
        }
    }
    best.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    let (form, z) = *best.first()?;
    if best.get(1).is_some_and(|(_, second)| second + LEAD > z) {
        return None;
    }
    Some(form.to_string())
}

/// `word` written with the capitalisation of `like` (first letter only).
fn capitalise_like(form: &str, like: &str) -> String {
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = form.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    } else {
        form.to_string()
    }
}

/// A repair: the byte span, the replacement, and whether it came from the gazetteer.
pub struct Repair {
    pub span: std::ops::Range<usize>,
    pub replacement: String,
    pub from_gazetteer: bool,
}

/// Whether `word` could be a damaged name: capitalised, ASCII letters, and nothing English about
/// it.
fn suspicious(word: &str, doc: &Document, lexicon: &Lexicon) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase())
        && word.len() >= 3
        && !lexicon.is_word(word)
        && !lexicon.is_word(&word.to_lowercase())
        && lexicon.name_kind(word).is_none()
        && !lexicon.is_capitalised_only(word)
        && doc.case_evidence(word).lower == 0
        && frequency::english(word).is_none_or(|z| z < ENGLISH_MAX)
}

/// The repairs of one article.
pub fn find(doc: &Document, lexicon: &Lexicon) -> Vec<Repair> {
    let text = doc.text();
    // Gazetteer names with accented letters, by their deleted-accents spelling.
    let mut names: HashMap<String, &str> = HashMap::default();
    for (name, _) in lexicon.names() {
        if !name.is_ascii() && name.chars().next().is_some_and(char::is_uppercase) {
            let key = strip(name);
            let long_enough = name.contains(' ') || key.len() >= 4;
            if long_enough
                && key.split(' ').all(|w| !w.is_empty())
                && lexicon.name_kind(&key).is_none()
            {
                names.insert(key, name);
            }
        }
    }
    let words: Vec<_> = doc
        .tokens()
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let longest = lexicon.longest_name_words().clamp(1, 5);
    let mut out: Vec<Repair> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut matched = false;
        for n in (1..=longest).rev() {
            let Some(last) = words.get(i + n - 1) else {
                continue;
            };
            let phrase = &text[words[i].span.start..last.span.end];
            if phrase.split(' ').count() != n {
                continue;
            }
            let single_ok = n > 1 || suspicious(phrase, doc, lexicon);
            if single_ok && let Some(name) = names.get(phrase) {
                out.push(Repair {
                    span: words[i].span.start..last.span.end,
                    replacement: (*name).to_string(),
                    from_gazetteer: true,
                });
                i += n;
                matched = true;
                break;
            }
        }
        if matched {
            continue;
        }
        let word = doc.token_text(words[i]);
        if suspicious(word, doc, lexicon)
            && let Some(form) = restore_word(word)
        {
            out.push(Repair {
                span: words[i].span.clone(),
                replacement: capitalise_like(&form, word),
                from_gazetteer: false,
            });
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repairs(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        find(&doc, Lexicon::embedded())
            .into_iter()
            .map(|r| (text[r.span].to_string(), r.replacement))
            .collect()
    }

    #[test]
    fn restores_dropped_accents_the_article_never_writes() {
        let found = repairs("Flights from Bogot and Crdoba resumed; Mrquez wrote there.");
        for (damaged, intact) in [
            ("Bogot", "Bogotá"),
            ("Crdoba", "Córdoba"),
            ("Mrquez", "Márquez"),
        ] {
            assert!(
                found.contains(&(damaged.to_string(), intact.to_string())),
                "{damaged}: {found:?}"
            );
        }
    }

    #[test]
    fn restores_gazetteer_phrases_with_short_words() {
        let found = repairs("The race in So Paulo starts today.");
        assert_eq!(found, vec![("So Paulo".into(), "São Paulo".into())]);
    }

    #[test]
    fn keeps_english_words_and_foreign_words_that_are_intact() {
        for text in [
            "So the race starts today.",
            "Das said the plan works.",
            "The Cafe opened on Main Street.",
            "Jose Mourinho and Sao Paulo fans met.",
        ] {
            assert!(repairs(text).is_empty(), "{text}: {:?}", repairs(text));
        }
    }
}
