//! Source languages as data: one file per language, `data/languages/<code>.toml`, with its code,
//! its name, the function words that mark a foreign run, and the untranslated function words the
//! foreign-word pass repairs (each with its English equivalent, context, applicability, examples
//! and `ok` cases). A new language is one such file; for passage detection, also the lingua cargo
//! feature of the same name.

use include_dir::{Dir, include_dir};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;

use crate::Error;
use crate::engine::finding::{Applicability, Example};

static LANGUAGE_FILES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data/languages");

/// Where an untranslated word's English equivalent applies (see `data/languages/es.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WordContext {
    BetweenNames,
    BeforeName,
    BeforePlace,
    AfterThe,
    Article,
    BeforeParticiple,
    Title,
    /// Between two English words, decided from cross-language frequency and the neighbours
    /// (`the gravity del turmoil`); see `src/passes/foreign_words/between.rs`.
    BetweenEnglish,
}

/// One untranslated function word of a language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordEntry {
    pub word: String,
    pub english: String,
    pub pos: String,
    pub context: WordContext,
    #[serde(default = "safe", deserialize_with = "applicability")]
    pub applicability: Applicability,
    pub examples: Vec<Example>,
    pub ok: Vec<String>,
}

fn safe() -> Applicability {
    Applicability::Safe
}

fn applicability<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Applicability, D::Error> {
    let text = String::deserialize(d)?;
    Applicability::from_str(&text).map_err(serde::de::Error::custom)
}

/// One source language, as its data file describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub markers: Vec<String>,
    #[serde(default, rename = "word")]
    pub words: Vec<WordEntry>,
}

impl Language {
    /// Parses one language file; errors name the file and the entry.
    pub fn parse(path: &Path, text: &str) -> Result<Language, Error> {
        let table_error = |message: String| Error::Table {
            path: path.to_path_buf(),
            message,
        };
        let language: Language =
            toml::from_str(text).map_err(|e| table_error(e.message().trim().to_string()))?;
        if language.code.len() != 2 || !language.code.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(table_error(format!(
                "field `code`: `{}` is not a two-letter ISO 639-1 code",
                language.code
            )));
        }
        if let Some(entry) = language
            .words
            .iter()
            .find(|e| e.examples.is_empty() || e.ok.is_empty())
        {
            return Err(table_error(format!(
                "word `{}`: needs at least one example and one ok case",
                entry.word
            )));
        }
        Ok(language)
    }

    /// lingua's model for passage detection, when its cargo feature is compiled in.
    pub fn lingua(&self) -> Option<lingua::Language> {
        lingua::Language::from_str(&self.name).ok()
    }

    /// The name with a capital, for messages (`Spanish`).
    pub fn display_name(&self) -> String {
        let mut chars = self.name.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    }
}

/// The source languages a cleaner knows.
#[derive(Debug, Clone)]
pub struct Languages {
    list: Vec<Language>,
}

impl Languages {
    /// Every language file embedded from `data/languages/`, parsed on first use.
    pub fn embedded() -> &'static Languages {
        static LANGUAGES: OnceLock<Languages> = OnceLock::new();
        LANGUAGES.get_or_init(|| {
            let mut list: Vec<Language> = LANGUAGE_FILES
                .files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
                .map(|f| {
                    let path = PathBuf::from("data/languages").join(f.path());
                    let text = f.contents_utf8().expect("language files are UTF-8");
                    Language::parse(&path, text).unwrap_or_else(|e| panic!("{e}"))
                })
                .collect();
            list.sort_by(|a, b| a.code.cmp(&b.code));
            Languages { list }
        })
    }

    pub fn new(list: Vec<Language>) -> Languages {
        Languages { list }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Language> {
        self.list.iter()
    }

    pub fn by_code(&self, code: &str) -> Option<&Language> {
        self.list.iter().find(|l| l.code == code)
    }

    /// The languages named in `wanted` (by name or code, any case), or all of them for `None`.
    /// An unknown name is an error listing the known ones.
    pub fn select(&self, wanted: Option<&[String]>) -> Result<Languages, String> {
        let Some(wanted) = wanted else {
            return Ok(self.clone());
        };
        let mut list = Vec::new();
        for name in wanted {
            let lower = name.to_lowercase();
            let Some(language) = self
                .list
                .iter()
                .find(|l| l.name == lower || l.code == lower)
            else {
                let known: Vec<&str> = self.list.iter().map(|l| l.name.as_str()).collect();
                return Err(format!(
                    "unknown language `{name}` in `languages` (known: {})",
                    known.join(", ")
                ));
            };
            if !list.iter().any(|l: &Language| l.code == language.code) {
                list.push(language.clone());
            }
        }
        Ok(Languages { list })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_language_loads_with_its_lingua_model() {
        let languages = Languages::embedded();
        let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["ca", "de", "es", "fr", "it", "nl", "pt"]);
        for language in languages.iter() {
            assert!(!language.markers.is_empty(), "{}", language.code);
            // Dutch has no lingua feature compiled in: its words are fixed, its passages are not
            // detected (see the module doc).
            assert!(
                language.lingua().is_some() || language.code == "nl",
                "{}: no lingua model",
                language.name
            );
        }
        assert_eq!(languages.by_code("es").unwrap().display_name(), "Spanish");
    }

    #[test]
    fn selection_by_name_or_code_and_unknown_names_are_errors() {
        let all = Languages::embedded();
        let picked = all
            .select(Some(&["Spanish".to_string(), "fr".to_string()]))
            .unwrap();
        let codes: Vec<&str> = picked.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["es", "fr"]);
        let err = all.select(Some(&["klingon".to_string()])).unwrap_err();
        assert!(err.contains("klingon") && err.contains("spanish"), "{err}");
        assert_eq!(all.select(None).unwrap().iter().count(), 7);
    }

    #[test]
    fn a_bad_file_names_the_file_and_the_entry() {
        let path = Path::new("data/languages/xx.toml");
        let missing_ok = r#"
code = "xx"
name = "xx"
markers = ["zz"]
[[word]]
word = "q"
english = "and"
pos = "conj"
context = "between-names"
examples = [{ input = "a q b", output = "a and b" }]
ok = []
"#;
        let err = Language::parse(path, missing_ok).unwrap_err().to_string();
        assert!(err.contains("xx.toml") && err.contains("word `q`"), "{err}");
        let bad_context = missing_ok.replace("between-names", "anywhere");
        let err = Language::parse(path, &bad_context).unwrap_err().to_string();
        assert!(err.contains("xx.toml") && err.contains("anywhere"), "{err}");
    }
}
