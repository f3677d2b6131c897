#![doc = include_str!("foreign_words.md")]

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, OnceLock};

use crate::engine::document::{Document, TokenKind};
use crate::engine::english::English;
use crate::engine::evidence;
use crate::engine::finding::{Applicability, CheckId, CheckInfo, Example, Family, Finding, Fix};
use crate::engine::languages::{Languages, WordContext};
use crate::engine::lexicon::{Lexicon, NameKind};
use crate::passes::{Context, Pass};

mod between;
pub use between::source_language;

/// The `foreign-word` check.
pub static FOREIGN_WORD: CheckInfo = CheckInfo {
    id: "foreign-word",
    family: Family::Foreign,
    summary: "an untranslated function word between English words: `North Korea y Russia` → `North Korea and Russia`",
    doc: include_str!("foreign_words.md"),
};

static CHECKS: [&CheckInfo; 1] = [&FOREIGN_WORD];

/// One untranslated word of one language, as the pass looks it up.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The language's code (`es`) and its name for messages (`Spanish`).
    pub lang: String,
    pub language: String,
    pub word: String,
    pub english: String,
    pub pos: String,
    pub context: WordContext,
    pub applicability: Applicability,
    pub examples: Vec<Example>,
    pub ok: Vec<String>,
}

/// The words of the selected languages, by word, and their foreign-run markers.
#[derive(Debug)]
pub struct Table {
    pub entries: Vec<Entry>,
    by_word: HashMap<String, Vec<usize>>,
    foreign_only: HashSet<String>,
    /// Words (each word of two-word forms too) listed with context `between-english`.
    between: HashSet<String>,
}

impl Table {
    pub fn from_languages(languages: &Languages) -> Table {
        let mut entries = Vec::new();
        let mut foreign_only = HashSet::default();
        for language in languages.iter() {
            foreign_only.extend(language.markers.iter().cloned());
            for word in &language.words {
                entries.push(Entry {
                    lang: language.code.clone(),
                    language: language.display_name(),
                    word: word.word.clone(),
                    english: word.english.clone(),
                    pos: word.pos.clone(),
                    context: word.context,
                    applicability: word.applicability,
                    examples: word.examples.clone(),
                    ok: word.ok.clone(),
                });
            }
        }
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::default();
        let mut between = HashSet::default();
        for (index, entry) in entries.iter().enumerate() {
            if entry.context == WordContext::BetweenEnglish {
                between.extend(entry.word.split(' ').map(str::to_string));
            } else {
                by_word.entry(entry.word.clone()).or_default().push(index);
            }
        }
        Table {
            entries,
            by_word,
            foreign_only,
            between,
        }
    }

    /// The table of every embedded language.
    pub fn embedded() -> Arc<Table> {
        static TABLE: OnceLock<Arc<Table>> = OnceLock::new();
        TABLE
            .get_or_init(|| Arc::new(Table::from_languages(Languages::embedded())))
            .clone()
    }

    /// A function word of a selected language that English does not have.
    pub fn is_foreign_marker(&self, word: &str) -> bool {
        self.foreign_only.contains(word.to_lowercase().as_str())
    }

    /// Whether `word` is one of the words this table translates by context (any case).
    pub fn is_listed(&self, word: &str) -> bool {
        self.by_word.contains_key(word)
    }

    /// Whether `word` is listed for the frequency-decided `between-english` context.
    pub fn is_between_word(&self, word: &str) -> bool {
        self.between.contains(word)
    }
}

/// Finds untranslated function words; see the module doc.
pub struct ForeignWordPass {
    table: Arc<Table>,
}

impl Default for ForeignWordPass {
    fn default() -> Self {
        ForeignWordPass {
            table: Table::embedded(),
        }
    }
}

impl ForeignWordPass {
    pub fn with_table(table: Arc<Table>) -> Self {
        ForeignWordPass { table }
    }
}

/// A non-space token of a line: words, numbers and punctuation, with whether a single space
/// (not a line break) separates it from the previous item.
#[derive(Debug, Clone, Copy)]
struct Item<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    kind: TokenKind,
    /// Joined to the previous item by horizontal space only (no line break, no gap of nothing).
    spaced: bool,
    /// Starts a new line.
    line_start: bool,
}

fn items<'t>(doc: &'t Document) -> Vec<Item<'t>> {
    let mut out: Vec<Item> = Vec::new();
    let mut saw_space = false;
    let mut saw_break = true;
    for token in doc.tokens() {
        match token.kind {
            TokenKind::Space => saw_space = true,
            TokenKind::LineBreak => saw_break = true,
            kind => {
                out.push(Item {
                    text: doc.token_text(token),
                    start: token.span.start,
                    end: token.span.end,
                    kind,
                    spaced: saw_space && !saw_break,
                    line_start: saw_break,
                });
                saw_space = false;
                saw_break = false;
            }
        }
    }
    out
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.len() <= 6
        && word.chars().all(|c| c.is_alphanumeric())
        && letters.iter().all(|c| c.is_uppercase())
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

struct Scan<'a, 't> {
    items: &'a [Item<'t>],
    doc: &'a Document<'t>,
    lexicon: &'a Lexicon,
    table: &'a Table,
}

impl Scan<'_, '_> {
    fn word(&self, index: usize) -> Option<&str> {
        self.items
            .get(index)
            .filter(|item| item.kind == TokenKind::Word)
            .map(|item| item.text)
    }

    /// Item `index` is a word joined to item `index - 1` by a space.
    fn spaced_word(&self, index: usize) -> Option<&str> {
        self.items
            .get(index)
            .filter(|item| item.kind == TokenKind::Word && item.spaced)
            .map(|item| item.text)
    }

    /// A lowercase English word, not a foreign marker.
    fn is_english_lower(&self, word: &str) -> bool {
        starts_lower(word)
            && self.lexicon.is_word(word)
            && !self.table.is_foreign_marker(word)
            && !self.table.is_listed(word)
    }

    fn is_foreign_at(&self, index: usize) -> bool {
        self.word(index)
            .is_some_and(|w| self.table.is_foreign_marker(w) || self.table.is_listed(w))
    }

    /// Whether `phrase` (its words joined by spaces) names a place or an organisation.
    fn is_place(&self, phrase: &str, single: bool) -> bool {
        (single && is_acronym(phrase))
            || (starts_upper(phrase)
                && self
                    .lexicon
                    .name_kind(phrase)
                    .is_some_and(|k| k.is_place() || k == NameKind::Org))
    }

    /// The place or organisation (or acronym) that ends at item `last` (inclusive), as the index of
    /// its first item.
    fn place_ending_at(&self, last: usize) -> Option<usize> {
        let longest = self.lexicon.longest_name_words().max(1);
        let mut found = None;
        let mut words: Vec<&str> = Vec::new();
        let mut first = last;
        while words.len() < longest {
            let Some(word) = self.word(first) else {
                break;
            };
            words.insert(0, word);
            if self.is_place(&words.join(" "), words.len() == 1) {
                found = Some(first);
            }
            if first == 0 || !self.items[first].spaced {
                break;
            }
            first -= 1;
        }
        found
    }

    /// The place or organisation (or acronym) that starts at item `first`, as the index of its last
    /// item.
    fn place_starting_at(&self, first: usize) -> Option<usize> {
        let longest = self.lexicon.longest_name_words().max(1);
        let mut found = None;
        let mut words: Vec<&str> = Vec::new();
        let mut last = first;
        while words.len() < longest {
            let Some(word) = self.word(last) else {
                break;
            };
            if !words.is_empty() && !self.items[last].spaced {
                break;
            }
            words.push(word);
            if self.is_place(&words.join(" "), words.len() == 1) {
                found = Some(last);
            }
            last += 1;
        }
        found
    }

    /// A capitalised name word at item `index` that is not a foreign or English function word.
    fn is_name_at(&self, index: usize) -> bool {
        let Some(word) = self.word(index) else {
            return false;
        };
        starts_upper(word)
            && !self.table.is_foreign_marker(word)
            && !self.table.is_listed(word)
            && !evidence::is_function_word(word)
            && evidence::is_name_word(word, self.items[index].start, self.doc, self.lexicon)
    }

    fn applies(&self, entry: &Entry, i: usize) -> bool {
        let item = self.items[i];
        let spaced_before = item.spaced && i > 0;
        let spaced_after = self.spaced_word(i + 1).is_some();
        match entry.context {
            WordContext::BetweenNames => {
                if !spaced_before || !spaced_after {
                    return false;
                }
                let Some(left) = self.place_ending_at(i - 1) else {
                    return false;
                };
                let Some(right) = self.place_starting_at(i + 1) else {
                    return false;
                };
                // The whole run must be English around it: not `entre Rusia y China es`.
                let outside_left = left.checked_sub(1).is_some_and(|j| self.is_foreign_at(j));
                let outside_right = self.is_foreign_at(right + 1);
                // A capitalised run `X y Y Z` that goes on is a title, not two names.
                let title_left = left > 0
                    && self.items[left].spaced
                    && self.word(left - 1).is_some_and(|w| {
                        starts_upper(w)
                            && !evidence::is_function_word(w)
                            && !self.doc.is_sentence_start(self.items[left - 1].start)
                    });
                !outside_left && !outside_right && !title_left
            }
            WordContext::BeforeName => {
                if !spaced_before || !spaced_after {
                    // `”hold hands” con Putin`: a closing quote before is fine.
                    let after_quote = i > 0
                        && matches!(self.items[i - 1].text, "”" | "\"" | "’" | ")" | ",")
                        && item.spaced;
                    if !(after_quote && spaced_after) {
                        return false;
                    }
                }
                let previous = self.items[i - 1];
                let left_ok = if previous.kind != TokenKind::Word {
                    true
                } else if starts_upper(previous.text) {
                    self.place_ending_at(i - 1).is_some()
                } else {
                    self.is_english_lower(previous.text)
                        && !English::embedded().is_verb_context(&previous.text.to_lowercase())
                };
                if !left_ok || self.is_foreign_at(i - 1) {
                    return false;
                }
                let next = self.word(i + 1).unwrap_or("");
                let right_ok = English::embedded().is_determiner(next)
                    || self.place_starting_at(i + 1).is_some()
                    || (self.is_name_at(i + 1) && !English::embedded().is_calendar_word(next));
                // `Juan con Carlos`, `Chili con Carne`: a capitalised run on both sides.
                right_ok && !self.is_foreign_at(i + 2)
            }
            WordContext::BeforePlace => {
                if !spaced_before || !spaced_after {
                    return false;
                }
                let previous = self.items[i - 1].text;
                self.is_english_lower(previous)
                    && !self.is_foreign_at(i.saturating_sub(2))
                    && self.place_starting_at(i + 1).is_some()
            }
            WordContext::AfterThe => {
                if !spaced_before || self.items[i - 1].text != "the" {
                    return false;
                }
                match self.items.get(i + 1) {
                    None => true,
                    Some(next) if next.line_start => true,
                    Some(next) if next.kind == TokenKind::Word => {
                        next.spaced && self.is_english_lower(next.text)
                    }
                    Some(next) => next.kind == TokenKind::Punct,
                }
            }
            WordContext::Article => {
                let Some(next) = self.spaced_word(i + 1) else {
                    return false;
                };
                if !self.is_english_lower(next) {
                    return false;
                }
                // The word after must be English too (`El presidente dijo` is a passage).
                let after_ok = match self.items.get(i + 2) {
                    Some(after) if after.kind == TokenKind::Word => {
                        !self.table.is_foreign_marker(after.text)
                            && (self.lexicon.is_word(after.text) || starts_upper(after.text))
                    }
                    _ => true,
                };
                if !after_ok {
                    return false;
                }
                if starts_upper(item.text) {
                    self.doc.is_sentence_start(item.start)
                } else {
                    spaced_before
                        && self.is_english_lower(self.items[i - 1].text)
                        && !matches!(self.items[i - 1].text, "the" | "a" | "an")
                }
            }
            WordContext::BeforeParticiple => {
                if !spaced_before {
                    return false;
                }
                let previous = self.items[i - 1];
                if previous.kind != TokenKind::Word
                    || self.is_foreign_at(i - 1)
                    || !(self.lexicon.is_word(previous.text) || starts_upper(previous.text))
                {
                    return false;
                }
                let Some(next) = self.spaced_word(i + 1) else {
                    return false;
                };
                let lower = next.to_lowercase();
                starts_lower(next)
                    && self.is_english_lower(next)
                    && (lower.ends_with("ed")
                        || English::embedded().is_irregular_participle(&lower))
            }
            // Decided by `between::find` from frequencies, not here (never in `by_word`).
            WordContext::BetweenEnglish => false,
            WordContext::Title => {
                if !spaced_before || !spaced_after {
                    return false;
                }
                let previous = self.items[i - 1].text;
                if !self.is_english_lower(previous) {
                    return false;
                }
                let next = self.word(i + 1).unwrap_or("");
                if next == "de" {
                    self.spaced_word(i + 2).is_some() && self.place_starting_at(i + 2).is_some()
                } else {
                    self.is_name_at(i + 1)
                }
            }
        }
    }
}

impl Pass for ForeignWordPass {
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &CHECKS
    }

    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>) {
        let items = items(doc);
        let scan = Scan {
            items: &items,
            doc,
            lexicon: context.lexicon,
            table: &self.table,
        };
        // The frequency-decided words first: a two-word form (`van de`) wins over a context
        // rule for its second word.
        let before = out.len();
        between::find(&scan, &self.table.entries, out);
        let taken: Vec<std::ops::Range<usize>> =
            out[before..].iter().map(|f| f.span.clone()).collect();
        for (i, item) in items.iter().enumerate() {
            if item.kind != TokenKind::Word
                || taken
                    .iter()
                    .any(|span| span.start < item.end && item.start < span.end)
            {
                continue;
            }
            let Some(indices) = self.table.by_word.get(item.text) else {
                continue;
            };
            for &index in indices {
                let entry = &self.table.entries[index];
                if scan.applies(entry, i) {
                    out.push(Finding {
                        span: item.start..item.end,
                        check: CheckId::Builtin(&FOREIGN_WORD),
                        family: Family::Foreign,
                        message: format!(
                            "untranslated {} “{}” ({}): {}",
                            entry.language, entry.word, entry.pos, entry.english
                        ),
                        fix: Some(Fix {
                            replacement: entry.english.clone(),
                            applicability: entry.applicability,
                            confidence: 0.9,
                        }),
                    });
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::testing;

    /// Applies this pass's fixes once.
    fn fix(text: &str) -> String {
        fix_with(&ForeignWordPass::default(), text)
    }

    fn fix_with(pass: &ForeignWordPass, text: &str) -> String {
        testing::apply(text, &testing::run_alone(pass, text), |_| true)
    }

    #[test]
    fn table_entries_pass_their_own_tests() {
        let mut failures = Vec::new();
        for entry in &Table::embedded().entries {
            for example in &entry.examples {
                let got = fix(&example.input);
                if got != example.output {
                    failures.push(format!(
                        "{} `{}`: {:?} gave {:?}, expected {:?}",
                        entry.lang, entry.word, example.input, got, example.output
                    ));
                }
            }
            for ok in &entry.ok {
                let got = fix(ok);
                if got != *ok {
                    failures.push(format!(
                        "{} `{}`: ok case {:?} changed to {:?}",
                        entry.lang, entry.word, ok, got
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn translates_seed_artifacts() {
        assert_eq!(
            fix("Here is how relations began between North Korea y Russia and how"),
            "Here is how relations began between North Korea and Russia and how"
        );
        assert_eq!(
            fix("At first, Kim had a cool relationship with Russia y China who joined"),
            "At first, Kim had a cool relationship with Russia and China who joined"
        );
    }

    #[test]
    fn waits_for_the_glue_pass() {
        // `Chinawho` is not a name until the glued-words pass splits it.
        let text = "a cool relationship with Russia y Chinawho joined";
        assert_eq!(fix(text), text);
    }

    #[test]
    fn keeps_names_and_titles() {
        for text in [
            "the Ortega y Gasset awards",
            "his own Vamos con Vos front",
            "the Del Mar Thoroughbred Club",
            "El Salvador and Guatemala",
            "El Tri beat New Zealand",
            "people in Los Angeles and La Jolla",
            "San Lorenzo de El Escorial, Spain",
            "Primo de Rivera and De La Plata",
            "El Niño is back",
            "Vive la France",
        ] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn keeps_english_uses() {
        for text in [
            "members of Generation Y",
            "for all x and y",
            "let y = 2x",
            "a con artist",
            "the pros and cons",
            "a de facto ban",
            "good per se",
            "Smith et al. wrote",
            "the mañanera and the canasta básica",
        ] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn keeps_spanish_double_surnames() {
        let text = "the writer José Ortega y Gasset and Gabriel García y Márquez";
        assert_eq!(fix(text), text);
    }

    /// A new language is one data file: this one, written by the test, loads and works.
    #[test]
    fn a_language_file_written_here_is_all_a_new_language_needs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nl.toml");
        std::fs::write(
            &path,
            r#"
code = "nl"
name = "dutch"
markers = ["het", "niet", "zijn"]

[[word]]
word = "en"
english = "and"
pos = "conj"
context = "between-names"
examples = [{ input = "talks between Belgium en France ended", output = "talks between Belgium and France ended" }]
ok = ["the en dash"]
"#,
        )
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let language = crate::engine::languages::Language::parse(&path, &text).unwrap();
        let table = Arc::new(Table::from_languages(&Languages::new(vec![language])));
        let entry = &table.entries[0];
        assert_eq!(entry.language, "Dutch");
        let pass = ForeignWordPass::with_table(table.clone());
        let example = &entry.examples[0];
        assert_eq!(fix_with(&pass, &example.input), example.output);
        assert_eq!(fix_with(&pass, &entry.ok[0]), entry.ok[0]);
        assert!(table.is_foreign_marker("niet"));
    }
}
