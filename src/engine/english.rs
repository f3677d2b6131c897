//! English closed-class words and the small word sets the engine and the passes share, loaded
//! once from `data/tables/english.toml` (data, not Rust arrays, so one verify test keeps every
//! list sorted and unique, and a reader finds the words in one place).

use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE_FILE: &str = "tables/english.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnglish {
    function_words: Vec<String>,
    name_connectors: Vec<String>,
    determiners: Vec<String>,
    verb_context: Vec<String>,
    irregular_participles: Vec<String>,
    calendar: Vec<String>,
    irregular_verbs: Vec<(String, String)>,
}

/// The English word sets; see `data/tables/english.toml` for what each holds.
#[derive(Debug)]
pub struct English {
    function_words: HashSet<String>,
    name_connectors: HashSet<String>,
    determiners: HashSet<String>,
    verb_context: HashSet<String>,
    irregular_participles: HashSet<String>,
    calendar: HashSet<String>,
    /// base → simple past, and the set of irregular pasts that differ from their base.
    past_of: HashMap<String, String>,
    irregular_pasts: HashSet<String>,
}

fn set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().collect()
}

impl English {
    /// The embedded table, parsed on first use.
    pub fn embedded() -> &'static English {
        static ENGLISH: OnceLock<English> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            let raw: RawEnglish = toml::from_str(crate::engine::data::required(TABLE_FILE))
                .unwrap_or_else(|e| panic!("data/{TABLE_FILE}: {e}"));
            let irregular_pasts = raw
                .irregular_verbs
                .iter()
                .filter(|(base, past)| base != past)
                .map(|(_, past)| past.clone())
                .collect();
            English {
                function_words: set(raw.function_words),
                name_connectors: set(raw.name_connectors),
                determiners: set(raw.determiners),
                verb_context: set(raw.verb_context),
                irregular_participles: set(raw.irregular_participles),
                calendar: set(raw.calendar),
                past_of: raw.irregular_verbs.into_iter().collect(),
                irregular_pasts,
            }
        })
    }

    /// A closed-class word (`the`, `He`, `which`), in any case.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word) || self.function_words.contains(&word.to_lowercase())
    }

    /// A lower-case word allowed inside a name (`of`, `de`, `van`); case as written.
    pub fn is_name_connector(&self, word: &str) -> bool {
        self.name_connectors.contains(word)
    }

    pub fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains(word)
    }

    /// A word after which English `con` is a verb; lower case.
    pub fn is_verb_context(&self, lower: &str) -> bool {
        self.verb_context.contains(lower)
    }

    pub fn is_irregular_participle(&self, lower: &str) -> bool {
        self.irregular_participles.contains(lower)
    }

    /// A weekday or month, as written.
    pub fn is_calendar_word(&self, word: &str) -> bool {
        self.calendar.contains(word)
    }

    /// The simple past of an irregular verb's base form.
    pub fn irregular_past(&self, base: &str) -> Option<&str> {
        self.past_of.get(base).map(String::as_str)
    }

    /// An irregular simple past that is not also its base (`went`, not `cut`).
    pub fn is_irregular_past(&self, word: &str) -> bool {
        self.irregular_pasts.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// typos' `verify.rs` idea: the data stays canonical, so diffs of it stay readable.
    #[test]
    fn every_list_is_sorted_and_unique() {
        let text = crate::engine::data::required(TABLE_FILE);
        let raw: RawEnglish = toml::from_str(text).unwrap();
        for (name, list) in [
            ("function_words", &raw.function_words),
            ("name_connectors", &raw.name_connectors),
            ("determiners", &raw.determiners),
            ("verb_context", &raw.verb_context),
            ("irregular_participles", &raw.irregular_participles),
            ("calendar", &raw.calendar),
        ] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{name}: not sorted or not unique"
            );
        }
        assert!(
            raw.irregular_verbs.windows(2).all(|w| w[0].0 < w[1].0),
            "irregular_verbs: not sorted by base or a base twice"
        );
    }

    #[test]
    fn answers_from_the_table() {
        let english = English::embedded();
        assert!(english.is_function_word("He") && english.is_function_word("which"));
        assert!(!english.is_function_word("Kim"));
        assert!(english.is_name_connector("de") && !english.is_name_connector("De"));
        assert_eq!(english.irregular_past("go"), Some("went"));
        assert!(english.is_irregular_past("went") && !english.is_irregular_past("cut"));
        assert!(english.is_calendar_word("Monday"));
    }
}
