//! Untranslated function words between English words, decided from cross-language frequency
//! (`engine/frequency.rs`) and the neighbours instead of a closed list of contexts:
//! `the gravity del turmoil` → `the gravity of the turmoil`, `talks mit the rebels`,
//! `the edge van de box`.
//!
//! A word listed with context `between-english` in a language file is a candidate when
//!
//! - it is far more common in its source language than in English ([`MIN_MARGIN`] Zipf units);
//!   a form English uses often (`do`, `van`, `e`: [`HOMOGRAPH_ZIPF`]) needs only
//!   [`MIN_HOMOGRAPH_MARGIN`] but passes the English-grammar guards of its kind ([`Homograph`]);
//!   forms English uses as determiners or verbs before nouns (`no`, `am`, `per`, `met`, `die`)
//!   are simply not listed;
//! - the word before is a lowercase English word (more common in English than in the source
//!   language), not a determiner (`a van`, `the con`) nor `to` (`to con`, `to die`);
//! - the word after is a lowercase English word, an English determiner, a number, or a
//!   capitalised word that is a place the gazetteer knows or an English common word
//!   (`del Lower House`): never a surname (`said del Toro`, `for da Silva`), never another
//!   foreign function word (`von der Leyen`, `de la Fuente`: a name or a passage);
//! - neither neighbour is a word of a foreign passage.
//!
//! When the word means different things in the languages that list it (`en`: Spanish and French
//! `in`, Dutch `and`), the article's own artifacts decide ([`source_language`]); without them the
//! fix is unsafe.
//!
//! | feature                  | weight / threshold | why                                          |
//! |--------------------------|--------------------|----------------------------------------------|
//! | source − English Zipf    | ≥ `MIN_MARGIN` 2.0 | a 100× ratio: English text rarely has it      |
//! | English Zipf of the word | ≥ `HOMOGRAPH_ZIPF` 4.8 → grammar guards | `do`, `van`, `e` are English too |
//! | neighbour Englishness    | English Zipf ≥ source Zipf | `chili con carne`, `en masse` stay |
//! | readings disagree        | unsafe unless the article's language decides | `en` → `in`/`and` |

use rustc_hash::FxHashMap as HashMap;

use super::{Entry, Scan, starts_lower, starts_upper};
use crate::engine::document::{Document, TokenKind};
use crate::engine::english::English;
use crate::engine::finding::{Applicability, CheckId, Family, Finding, Fix};
use crate::engine::frequency::{self, Lang};

/// Source Zipf minus English Zipf a listed word needs: 2.0 is a hundredfold ratio.
pub const MIN_MARGIN: f32 = 2.0;
/// An English Zipf from which a neighbour counts as English whatever the source language says.
pub const COMMON_ENGLISH: f32 = 4.0;
/// Below this margin a form is not foreign enough even with the guards.
pub const MIN_HOMOGRAPH_MARGIN: f32 = 0.5;
/// From this English Zipf on, a form is an everyday English word (`do` 6.4, `van` 4.8, `e` 5.3)
/// and only the grammar guards let it through.
pub const HOMOGRAPH_ZIPF: f32 = 4.8;

/// English words after which a verb in its base form follows (`to do`, `let them do`): a
/// homograph there is English.
const VERB_BEFORE: &[&str] = &[
    "to", "i", "you", "we", "they", "will", "would", "can", "could", "should", "might", "must",
    "may", "not", "did", "does", "who", "that", "which", "what", "how", "why", "where", "when",
    "let", "help", "make", "made", "see", "saw", "watch", "have", "had", "people", "also", "and",
    "or", "but", "then", "so", "still", "just", "never", "always", "often", "really", "lets",
];

/// How English itself uses a listed form, which decides the guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Homograph {
    /// Not an everyday English word (`del`, `und`, `vom`, and `de`, which English has only in names).
    No,
    /// A single letter (`e`, `y`): English uses it as a label (`x y z`, `vitamin e`).
    Letter,
    /// An English noun (`van`): not after a determiner, not before a function word.
    Noun,
    /// An English verb (`do`: it has an irregular past): not after a subject or `to`, and not
    /// before an object.
    Verb,
}

fn homograph(entry: &Entry, lexicon: &crate::engine::lexicon::Lexicon) -> Homograph {
    let word = entry.word.as_str();
    if word.contains(' ') {
        return Homograph::No;
    }
    if word.chars().count() == 1 {
        return Homograph::Letter;
    }
    let common = frequency::english(word).is_some_and(|z| z >= HOMOGRAPH_ZIPF);
    if !common || !lexicon.is_word(word) {
        Homograph::No
    } else if English::embedded().irregular_past(word).is_some() {
        Homograph::Verb
    } else {
        Homograph::Noun
    }
}

/// A neighbour that reads as English: more common in English than in `lang`, or common in English
/// anyway (`essence`, `capital` are French and Portuguese words too).
fn englishish(word: &str, lang: Lang) -> bool {
    frequency::english_margin(lang, word) >= 0.0
        || frequency::english(word).is_some_and(|z| z >= COMMON_ENGLISH)
}

/// Nouns English puts before a letter used as a name (`the constant e`, `vitamin e`).
const LABEL_NOUNS: &[&str] = &[
    "axis", "class", "constant", "exhibit", "figure", "grade", "letter", "option", "plan", "point",
    "section", "type", "variable", "vitamin",
];

/// Foreign words English has borrowed with an English-looking second word.
const ENGLISH_IDIOMS: &[(&str, &str)] = &[
    ("com", "bubble"),
    ("en", "bloc"),
    ("en", "route"),
    ("en", "suite"),
];

/// Candidates of one word: every listed reading.
fn readings<'t>(entries: &'t [Entry], word: &str) -> Vec<&'t Entry> {
    entries
        .iter()
        .filter(|e| e.context == crate::engine::languages::WordContext::BetweenEnglish)
        .filter(|e| e.word == word)
        .collect()
}

fn lang_of(entry: &Entry) -> Option<Lang> {
    Lang::from_code(&entry.lang)
}

/// The source-minus-English margin of a (possibly two-word) form.
fn margin(entry: &Entry) -> f32 {
    let Some(lang) = lang_of(entry) else {
        return 0.0;
    };
    entry
        .word
        .split(' ')
        .map(|w| -frequency::english_margin(lang, w))
        .fold(f32::INFINITY, f32::min)
}

impl Scan<'_, '_> {
    /// Index of the item before `i` if it is a spaced word on the same line.
    fn left_word(&self, i: usize) -> Option<&str> {
        (i > 0 && self.items[i].spaced)
            .then(|| self.word(i - 1))
            .flatten()
    }

    /// Whether the word before the candidate (at `i`) reads as English, for `lang`.
    fn left_ok(&self, i: usize, lang: Lang, homograph: Homograph) -> bool {
        let Some(left) = self.left_word(i) else {
            return false;
        };
        let word = self.items[i].text;
        if let Some(right) = self.spaced_word(i + 1)
            && ENGLISH_IDIOMS.contains(&(word, right))
        {
            return false;
        }
        let english = English::embedded();
        let lower = left.to_lowercase();
        if !starts_lower(left)
            || !self.lexicon.is_word(left)
            || !englishish(left, lang)
            || self.table.is_foreign_marker(left)
            || self.table.is_listed(left)
            || self.table.is_between_word(left)
            || english.is_determiner(&lower)
            || matches!(lower.as_str(), "to" | "a" | "an" | "the")
            || (word == "com" && lower == "dot")
        {
            return false;
        }
        // English's own use of the form: `would con his victims`, `to do`.
        if self.lexicon.is_word(word) && VERB_BEFORE.contains(&lower.as_str()) {
            return false;
        }
        if homograph == Homograph::Letter
            && (left.chars().count() == 1
                || english.is_function_word(&lower)
                || LABEL_NOUNS.contains(&lower.as_str()))
        {
            return false; // `x and y`, `the constant e`
        }
        if matches!(homograph, Homograph::Verb | Homograph::Noun) {
            if VERB_BEFORE.contains(&lower.as_str()) || english.is_function_word(&lower) {
                return false;
            }
            // `let the president do it`: a causative two words back.
            if let Some(before) = self.left_word(i - 1)
                && VERB_BEFORE.contains(&before.to_lowercase().as_str())
            {
                return false;
            }
        }
        true
    }

    /// Whether the item after the candidate (at `next`) reads as English, for `lang`.
    fn right_ok(&self, next: usize, lang: Lang, homograph: Homograph) -> bool {
        let Some(item) = self.items.get(next).filter(|item| item.spaced) else {
            return false;
        };
        let english = English::embedded();
        match item.kind {
            TokenKind::Number => return true,
            TokenKind::Word => {}
            _ => return false,
        }
        let word = item.text;
        if self.table.is_foreign_marker(word)
            || self.table.is_listed(word)
            || self.table.is_between_word(word)
        {
            return false;
        }
        let lower = word.to_lowercase();
        if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return true; // `10th`
        }
        if starts_upper(word) {
            // A place, or an English common word with a capital (`the Lower House`); not a
            // surname (`said del Toro`).
            return self.place_starting_at(next).is_some()
                || (self.lexicon.is_word(&lower)
                    && frequency::english(&lower).is_some_and(|z| z >= COMMON_ENGLISH)
                    && englishish(&lower, lang));
        }
        if english.is_determiner(&lower) {
            // `do the dishes` is English: a verb takes an object.
            return homograph != Homograph::Verb;
        }
        if !(self.lexicon.is_word(word) && englishish(word, lang)) {
            return false;
        }
        match homograph {
            Homograph::Letter => word.chars().count() > 1,
            // `sing do re mi`: not before a short word either.
            Homograph::Verb | Homograph::Noun => {
                !english.is_function_word(&lower)
                    && !lower.ends_with("ly")
                    && word.chars().count() >= 3
            }
            Homograph::No => true,
        }
    }
}

impl<'t> Scan<'_, 't> {
    /// A conjunction between two capitalised names the article also uses on their own
    /// (`Lula y Petro`, `Salvini und Meloni`): its readings, when they all mean the same.
    /// A name that occurs only in the phrase is part of one double name (`Ortega y Gasset`,
    /// `Pi y Margall`) and stays.
    fn names_joined<'e>(&self, i: usize, entries: &'e [Entry]) -> Option<Vec<&'e Entry>> {
        let word = self.items[i].text;
        let all = readings(entries, word);
        let first = all.first()?;
        if all.iter().any(|e| e.english != first.english) || !all.iter().all(|e| e.pos == "conj") {
            return None;
        }
        let left = self.left_word(i)?;
        let right = self.spaced_word(i + 1)?;
        let name = |w: &str| {
            starts_upper(w)
                && w.chars().count() >= 2
                && !English::embedded().is_function_word(w)
                && !self.table.is_foreign_marker(w)
                && !self.table.is_listed(w)
                && self.doc.case_evidence(w).lower == 0
        };
        if !name(left) || !name(right) {
            return None;
        }
        // Each name stands elsewhere in the article, away from this phrase.
        let phrase = format!("{left} {word} {right}");
        let together = self.doc.text().matches(phrase.as_str()).count() as u32;
        if self.doc.count_exact(left) <= together || self.doc.count_exact(right) <= together {
            return None;
        }
        // Not inside a foreign passage (`entre Lula y Petro hay`).
        if self.is_foreign_at(i + 2) || i >= 2 && self.is_foreign_at(i - 2) {
            return None;
        }
        Some(all)
    }
}

/// The languages the article's unambiguous untranslated words point to, with their counts,
/// most first: the article's source language inferred from its own artifacts.
pub fn source_language(findings: &[Finding], doc: &Document) -> Vec<(String, usize)> {
    let table = super::Table::embedded();
    let mut counts: HashMap<String, usize> = HashMap::default();
    for finding in findings
        .iter()
        .filter(|f| f.check == CheckId::Builtin(&super::FOREIGN_WORD))
    {
        let Some(word) = doc.text().get(finding.span.clone()) else {
            continue;
        };
        let mut langs: Vec<&str> = table
            .entries
            .iter()
            .filter(|e| e.word == word || e.word.split(' ').next() == Some(word))
            .map(|e| e.lang.as_str())
            .collect();
        langs.sort_unstable();
        langs.dedup();
        if let [only] = langs.as_slice() {
            *counts.entry((*only).to_string()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

struct Candidate<'t> {
    start: usize,
    end: usize,
    readings: Vec<&'t Entry>,
    /// Between two names (`Lula y Petro`), not between English words.
    names: bool,
}

/// Finds the candidates of the scan and pushes their findings.
pub(super) fn find(scan: &Scan, entries: &[Entry], out: &mut Vec<Finding>) {
    let mut found: Vec<Candidate> = Vec::new();
    let items = scan.items;
    let mut i = 0;
    while i < items.len() {
        let item = items[i];
        if item.kind != TokenKind::Word || !starts_lower(item.text) {
            i += 1;
            continue;
        }
        // A two-word form first (`van de`), then the word alone.
        let mut options: Vec<(usize, Vec<&Entry>)> = Vec::new();
        if let Some(next) = scan.spaced_word(i + 1) {
            let pair = format!("{} {next}", item.text);
            let pair_readings = readings(entries, &pair);
            if !pair_readings.is_empty() {
                options.push((i + 1, pair_readings));
            }
        }
        let single = readings(entries, item.text);
        if !single.is_empty() {
            options.push((i, single));
        }
        let mut advanced = false;
        if let Some(conj) = scan.names_joined(i, entries) {
            found.push(Candidate {
                start: item.start,
                end: item.end,
                readings: conj,
                names: true,
            });
            i += 1;
            continue;
        }
        for (last, candidates) in options {
            let passing: Vec<&Entry> = candidates
                .into_iter()
                .filter(|entry| {
                    let Some(lang) = lang_of(entry) else {
                        return false;
                    };
                    let kind = homograph(entry, scan.lexicon);
                    let floor = if kind == Homograph::No {
                        MIN_MARGIN
                    } else {
                        MIN_HOMOGRAPH_MARGIN
                    };
                    margin(entry) >= floor
                        && scan.left_ok(i, lang, kind)
                        && scan.right_ok(last + 1, lang, kind)
                })
                .collect();
            if passing.is_empty() {
                continue;
            }
            let start = item.start;
            let end = items[last].end;
            found.push(Candidate {
                start,
                end,
                readings: passing,
                names: false,
            });
            i = last + 1;
            advanced = true;
            break;
        }
        if !advanced {
            i += 1;
        }
    }
    if found.is_empty() {
        return;
    }
    // The article's language from its unambiguous candidates.
    let mut votes: HashMap<&str, usize> = HashMap::default();
    for candidate in &found {
        let mut langs: Vec<&str> = candidate.readings.iter().map(|e| e.lang.as_str()).collect();
        langs.sort_unstable();
        langs.dedup();
        if let [only] = langs.as_slice() {
            *votes.entry(only).or_default() += 1;
        }
    }
    for candidate in found {
        let mut englishes: Vec<&str> = candidate
            .readings
            .iter()
            .map(|e| e.english.as_str())
            .collect();
        englishes.sort_unstable();
        englishes.dedup();
        let (entry, applicability) = if englishes.len() == 1 {
            (candidate.readings[0], Applicability::Safe)
        } else {
            // The reading of the language the article's other artifacts point to.
            let best = candidate
                .readings
                .iter()
                .max_by_key(|e| {
                    (
                        votes.get(e.lang.as_str()).copied().unwrap_or(0),
                        e.lang == "es",
                    )
                })
                .copied()
                .expect("at least one reading");
            let decided = votes.get(best.lang.as_str()).copied().unwrap_or(0) > 0;
            let applicability = if decided {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            (best, applicability)
        };
        let applicability = if entry.applicability == Applicability::Safe {
            applicability
        } else {
            entry.applicability
        };
        out.push(Finding {
            span: candidate.start..candidate.end,
            check: CheckId::Builtin(&super::FOREIGN_WORD),
            family: Family::Foreign,
            message: format!(
                "untranslated {} “{}” ({}){}: {}",
                entry.language,
                entry.word,
                entry.pos,
                if candidate.names {
                    ""
                } else {
                    " between English words"
                },
                entry.english
            ),
            fix: Some(Fix {
                replacement: entry.english.clone(),
                applicability,
                confidence: 0.85,
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::ForeignWordPass;
    use crate::engine::document::Document;
    use crate::passes::testing;

    fn fix(text: &str) -> String {
        let pass = ForeignWordPass::default();
        testing::apply(text, &testing::run_alone(&pass, text), |_| true)
    }

    fn safe_fix(text: &str) -> String {
        let pass = ForeignWordPass::default();
        testing::apply(text, &testing::run_alone(&pass, text), |f| {
            f.fix
                .as_ref()
                .is_some_and(|x| x.applicability == crate::engine::finding::Applicability::Safe)
        })
    }

    #[test]
    fn translates_function_words_of_every_language_between_english_words() {
        for (input, output) in [
            ("the weight del debt grew", "the weight of the debt grew"),
            ("an act di courage", "an act of courage"),
            (
                "the leader du group resigned",
                "the leader of the group resigned",
            ),
            (
                "the chairman vom board quit",
                "the chairman of the board quit",
            ),
            ("the rest van de world", "the rest of the world"),
            ("talks mit the unions", "talks with the unions"),
            ("farmers und workers marched", "farmers and workers marched"),
            (
                "the members del Upper House",
                "the members of the Upper House",
            ),
            (
                "the growth do sector slowed",
                "the growth of the sector slowed",
            ),
        ] {
            assert_eq!(safe_fix(input), output, "{input}");
        }
    }

    #[test]
    fn joins_two_names_the_article_uses_alone() {
        let text = "Lula met Petro. Later Lula y Petro signed. Petro left, Lula stayed.";
        assert_eq!(
            safe_fix(text),
            "Lula met Petro. Later Lula and Petro signed. Petro left, Lula stayed."
        );
        let text = "Salvini spoke. Meloni spoke. Salvini und Meloni agreed.";
        assert!(safe_fix(text).contains("Salvini and Meloni"));
        let text = "Lula e Alckmin won; Alckmin thanked Lula.";
        assert!(safe_fix(text).contains("Lula and Alckmin"));
    }

    #[test]
    fn keeps_names_titles_and_english_uses() {
        for text in [
            "the Ortega y Gasset prize went to Ortega y Gasset fans",
            "Pi y Margall was president; Pi y Margall wrote books",
            "members of Generation Y shop online",
            "plot it on the y-axis now",
            "the Vamos con Vos front",
            "bills from Con Edison rose",
            "a bowl of chili con carne today",
            "El Salvador and El Paso and Los Angeles",
            "the La Liga season at Del Mar",
            "the company de la Fuente runs",
            "paintings by Leonardo da Vinci hang here",
            "the chairman Pinto da Costa said",
            "a Van Gogh painting and Der Spiegel and Die Welt",
            "Le Monde and Il Sole 24 Ore reported",
            "some towns, e.g. this one",
            "a con artist took the money",
            "what they do the most is wait",
            "people do business there",
            "there is no reason to wait",
            "sing do re mi fa so la ti",
            "the police van on the street",
            "said del Toro and thanked da Silva",
            "said von der Leyen on Monday",
            "they resigned en masse and went en route home",
        ] {
            assert_eq!(fix(text), text, "{text}");
        }
    }

    #[test]
    fn ambiguous_words_follow_the_article_language_or_stay_unsafe() {
        // `en`: Spanish and French `in`, Dutch `and`.
        let alone = "the slowdown en the region";
        assert_eq!(safe_fix(alone), alone);
        assert_eq!(fix(alone), "the slowdown in the region");
        let dutch = "the rest van de world en the sea";
        assert_eq!(safe_fix(dutch), "the rest of the world and the sea");
    }

    #[test]
    fn the_source_language_comes_from_the_article_artifacts() {
        let text = "the chairman vom board quit and talks mit the unions ended";
        let pass = ForeignWordPass::default();
        let findings = testing::run_alone(&pass, text);
        let doc = Document::new(text);
        let langs = super::source_language(&findings, &doc);
        assert_eq!(
            langs.first().map(|(l, n)| (l.as_str(), *n)),
            Some(("de", 2))
        );
    }
}
