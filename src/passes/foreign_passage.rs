#![doc = include_str!("foreign_passage.md")]

use std::sync::{Arc, OnceLock};

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::engine::document::{Document, TokenKind};
use crate::engine::finding::{CheckId, CheckInfo, Family, Finding};
use crate::engine::languages::Languages;
use crate::engine::lexicon::Lexicon;
use crate::passes::foreign_words::Table;
use crate::passes::{Context, Pass};

/// The `foreign-passage` check.
pub static FOREIGN_PASSAGE: CheckInfo = CheckInfo {
    id: "foreign-passage",
    family: Family::Passage,
    summary: "an untranslated passage of three or more words (display-only)",
    doc: include_str!("foreign_passage.md"),
};

static CHECKS: [&CheckInfo; 1] = [&FOREIGN_PASSAGE];

/// Words in a scored window.
pub const WINDOW: usize = 5;
/// A window is foreign when lingua gives English at most this probability.
pub const MAX_ENGLISH: f64 = 0.10;
/// Foreign-looking words a window needs before lingua is asked.
const MIN_SUSPECTS: usize = 3;
/// Lowercase words a passage needs after trimming (names do not make a passage).
const MIN_WORDS: usize = 3;

/// Finds untranslated passages in the selected languages (those compiled in with lingua).
pub struct ForeignPassagePass {
    /// English and the selected languages lingua knows.
    models: Vec<Language>,
    /// Built on first use: models load lazily, per language, as lingua needs them.
    detector: OnceLock<Option<LanguageDetector>>,
    table: Arc<Table>,
}

impl Default for ForeignPassagePass {
    fn default() -> Self {
        ForeignPassagePass::new(Languages::embedded(), Table::embedded())
    }
}

impl ForeignPassagePass {
    /// The pass for these languages; `table` holds their words (shared with the word pass).
    pub fn new(languages: &Languages, table: Arc<Table>) -> ForeignPassagePass {
        let mut models = vec![Language::English];
        models.extend(languages.iter().filter_map(|l| l.lingua()));
        ForeignPassagePass {
            models,
            detector: OnceLock::new(),
            table,
        }
    }

    /// lingua's verdict on a text: P(English) and the most likely other language with its
    /// probability; `None` when no source language is selected.
    pub fn score(&self, text: &str) -> Option<(f64, Option<(Language, f64)>)> {
        let detector = self.detector.get_or_init(|| {
            (self.models.len() > 1)
                .then(|| LanguageDetectorBuilder::from_languages(&self.models).build())
        });
        let values = detector.as_ref()?.compute_language_confidence_values(text);
        let english = values
            .iter()
            .find(|(language, _)| *language == Language::English)
            .map_or(0.0, |(_, p)| *p);
        let other = values
            .into_iter()
            .filter(|(language, _)| *language != Language::English)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        Some((english, other))
    }
}

#[derive(Debug, Clone, Copy)]
struct Word {
    lower: bool,
    start: usize,
    end: usize,
    suspect: bool,
}

fn looks_foreign(word: &str, after_apostrophe: bool, lexicon: &Lexicon, table: &Table) -> bool {
    let lower_start = word.chars().next().is_some_and(char::is_lowercase);
    // A capitalised `El`, `Del`, `EL PAÍS` is a name, not a foreign function word.
    if lower_start && table.is_foreign_marker(word) {
        return true;
    }
    // Names and sentence starts are not evidence; nor are the pieces of `Russia’s` and
    // `don’t` (`s`, `t`, `ll`), nor other one- and two-letter scraps: on clean news they woke
    // lingua for most windows.
    if !lower_start || after_apostrophe || word.chars().nth(2).is_none() {
        return false;
    }
    !lexicon.is_word(word) || !word.is_ascii()
}

/// Runs of words inside one line, split at line breaks and at anything but spaces, apostrophes,
/// commas and hyphens between words.
fn lines(doc: &Document, lexicon: &Lexicon, table: &Table) -> Vec<Vec<Word>> {
    let mut lines = vec![Vec::new()];
    for token in doc.tokens() {
        match token.kind {
            TokenKind::LineBreak => lines.push(Vec::new()),
            TokenKind::Punct | TokenKind::Number
                if !matches!(doc.token_text(token), "'" | "’" | "," | "-")
                    && lines.last().is_some_and(|line| !line.is_empty()) =>
            {
                lines.push(Vec::new());
            }
            TokenKind::Word => {
                let text = doc.token_text(token);
                let after_apostrophe = doc.text()[..token.span.start].ends_with(['\'', '’']);
                let suspect = looks_foreign(text, after_apostrophe, lexicon, table);
                lines.last_mut().expect("never empty").push(Word {
                    // One-letter words (`a`, `y`, `e`) are too short to make a passage.
                    lower: text.chars().next().is_some_and(char::is_lowercase)
                        && text.chars().nth(1).is_some(),
                    start: token.span.start,
                    end: token.span.end,
                    suspect,
                });
            }
            _ => {}
        }
    }
    lines.retain(|line| line.len() >= MIN_WORDS);
    lines
}

impl Pass for ForeignPassagePass {
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &CHECKS
    }

    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>) {
        if self.models.len() < 2 {
            return;
        }
        let table = &self.table;
        let text = doc.text();
        for line in lines(doc, context.lexicon, table) {
            let window = WINDOW.min(line.len());
            // Indices of words covered by a foreign window, with the window's best language.
            let mut foreign: Vec<Option<(Language, f64)>> = vec![None; line.len()];
            for first in 0..=line.len() - window {
                let words = &line[first..first + window];
                if words.iter().filter(|w| w.suspect).count() < MIN_SUSPECTS {
                    continue;
                }
                let Some((english, other)) =
                    self.score(&text[words[0].start..words[window - 1].end])
                else {
                    return;
                };
                if english > MAX_ENGLISH {
                    continue;
                }
                let Some(other) = other else { continue };
                for slot in &mut foreign[first..first + window] {
                    if slot.is_none_or(|(_, p)| p < other.1) {
                        *slot = Some(other);
                    }
                }
            }
            let mut i = 0;
            while i < line.len() {
                if foreign[i].is_none() {
                    i += 1;
                    continue;
                }
                let mut end = i;
                while end + 1 < line.len() && foreign[end + 1].is_some() {
                    end += 1;
                }
                let (mut first, mut last) = (i, end);
                while first < last && !line[first].suspect {
                    first += 1;
                }
                while last > first && !line[last].suspect {
                    last -= 1;
                }
                if line[first..=last].iter().filter(|w| w.lower).count() >= MIN_WORDS {
                    let (language, confidence) = foreign[first..=last]
                        .iter()
                        .flatten()
                        .copied()
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .expect("a foreign run");
                    out.push(Finding {
                        span: line[first].start..line[last].end,
                        check: CheckId::Builtin(&FOREIGN_PASSAGE),
                        family: Family::Passage,
                        message: format!(
                            "untranslated {language} passage (confidence {confidence:.2})"
                        ),
                        fix: None,
                    });
                }
                i = end + 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passages(text: &str) -> Vec<(String, String)> {
        crate::passes::testing::run_alone(&ForeignPassagePass::default(), text)
            .iter()
            .map(|f| (text[f.span.clone()].to_string(), f.message.clone()))
            .collect()
    }

    /// The passage found is the expected one within one word at each edge, in the right language.
    fn assert_passage(text: &str, expected: &str, language: &str) {
        let found = passages(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let (span, message) = &found[0];
        assert!(message.contains(language), "{message}");
        let start = text.find(span.as_str()).unwrap();
        let want = text.find(expected).unwrap();
        let words = |a: usize, b: usize| text[a.min(b)..a.max(b)].split_whitespace().count();
        assert!(
            words(start, want) <= 1 && words(start + span.len(), want + expected.len()) <= 1,
            "{text}: found {span:?}, expected {expected:?}"
        );
    }

    #[test]
    fn ignores_markup_and_single_letters() {
        let text =
            "At first, Kim had <script>alert(1)</script> \"q\" 'a' & </textarea></script> ok.";
        assert!(passages(text).is_empty(), "{:?}", passages(text));
    }

    #[test]
    fn finds_spanish_passage() {
        assert_passage(
            "The minister said that no habrá más recortes en el presupuesto this year.",
            "no habrá más recortes en el presupuesto",
            "Spanish",
        );
    }

    #[test]
    fn finds_portuguese_passage() {
        assert_passage(
            "Lula told reporters that o governo não vai aumentar os impostos before the vote.",
            "o governo não vai aumentar os impostos",
            "Portuguese",
        );
    }

    #[test]
    fn finds_french_passage() {
        assert_passage(
            "Macron insisted that nous ne reculerons pas devant les menaces during the summit.",
            "nous ne reculerons pas devant les menaces",
            "French",
        );
    }

    #[test]
    fn finds_italian_passage() {
        assert_passage(
            "Meloni replied that il governo non cambierà la sua posizione on migration.",
            "il governo non cambierà la sua posizione",
            "Italian",
        );
    }

    #[test]
    fn ignores_single_words_and_loanwords() {
        for text in [
            "Relations between North Korea y Russia are warm, con Putin in charge.",
            "The mañanera press conference and the canasta básica were discussed.",
            "The Ortega y Gasset awards were handed out in Madrid on Thursday.",
            "Sen. Smith said the plan was de facto dead, per se, as Jones et al. argued.",
            "He told the rendez-vous Europe 1-Les Echos that the plan holds.",
        ] {
            assert!(passages(text).is_empty(), "{text}: {:?}", passages(text));
        }
    }

    #[test]
    fn nothing_on_the_clean_controls() {
        let mut texts: Vec<(String, String)> = Vec::new();
        for dir in ["corpus", "/work/shared/eval/clean"] {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let name = path.display().to_string();
                if dir == "corpus" && name.contains("000_") {
                    continue; // the machine-translated seed
                }
                if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push((name, text));
                }
            }
        }
        for (name, text) in texts {
            assert!(passages(&text).is_empty(), "{name}: {:?}", passages(&text));
        }
    }
}
