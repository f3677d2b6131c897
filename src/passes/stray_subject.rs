#![doc = include_str!("stray_subject.md")]

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::engine::document::{Document, Token, TokenKind};
use crate::engine::english::English;
use crate::engine::evidence;
use crate::engine::finding::{Applicability, CheckId, CheckInfo, Family, Finding, Fix};
use crate::engine::lexicon::Lexicon;
use crate::passes::{Context, Pass};

/// The `stray-subject` check.
pub static STRAY_SUBJECT: CheckInfo = CheckInfo {
    id: "stray-subject",
    family: Family::DupSubject,
    summary: "a subject pronoun repeats the subject before it: `Kim He had` → `Kim had`",
    doc: include_str!("stray_subject.md"),
};

static CHECKS: [&CheckInfo; 1] = [&STRAY_SUBJECT];

const CASING_TABLE: &str = "tables/casing.toml";

/// The longest subject phrase looked at (`Capt. Ana Ortiz of the Lake County Fire
/// Department`); a longer run without punctuation is no plain noun phrase.
const MAX_PHRASE_WORDS: usize = 10;

/// Confidence of each decision (recorded for review and ordering).
const CONFIDENCE_NAME_PHRASE: f32 = 0.9;
const CONFIDENCE_NOUN_PHRASE: f32 = 0.8;
const CONFIDENCE_FRONTED: f32 = 0.5;
const CONFIDENCE_CAPITAL: f32 = 0.75;

const FRONTED: &str = "the clause opens with a fronted phrase";

/// How many capitalised words, connectors (`of`, `de`) between them allowed, end at token
/// `last`.
fn capitalised_run(doc: &Document, tokens: &[Token], last: usize) -> usize {
    let mut count = 0;
    for token in tokens[..=last].iter().rev() {
        let text = doc.token_text(token);
        match token.kind {
            TokenKind::Space => {}
            TokenKind::Word if starts_upper(text) && !evidence::is_function_word(text) => {
                count += 1;
            }
            TokenKind::Word if English::embedded().is_name_connector(text) => {}
            _ => break,
        }
    }
    count
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    pronouns: Vec<String>,
    verbs: Vec<String>,
    clause_openers: Vec<String>,
    subordinators: Vec<String>,
    fronting: Vec<String>,
    inside_phrase: Vec<String>,
    keep_after: Vec<String>,
    object_verbs: Vec<String>,
}

/// The word sets of `[stray_subject]` in `data/tables/casing.toml`; see the file for each.
#[derive(Debug)]
struct Table {
    pronouns: HashSet<String>,
    verbs: HashSet<String>,
    clause_openers: HashSet<String>,
    subordinators: HashSet<String>,
    fronting: HashSet<String>,
    inside_phrase: HashSet<String>,
    keep_after: HashSet<String>,
    object_verbs: HashSet<String>,
}

fn table() -> &'static Table {
    #[derive(serde::Deserialize)]
    struct File {
        stray_subject: RawTable,
    }
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: File = toml::from_str(crate::engine::data::required(CASING_TABLE))
            .unwrap_or_else(|e| panic!("data/{CASING_TABLE}: {e}"));
        let raw = file.stray_subject;
        let set = |v: Vec<String>| v.into_iter().collect::<HashSet<_>>();
        Table {
            pronouns: set(raw.pronouns),
            verbs: set(raw.verbs),
            clause_openers: set(raw.clause_openers),
            subordinators: set(raw.subordinators),
            fronting: set(raw.fronting),
            inside_phrase: set(raw.inside_phrase),
            keep_after: set(raw.keep_after),
            object_verbs: set(raw.object_verbs),
        }
    })
}

#[derive(Debug, Default)]
pub struct StraySubjectPass;

/// How a pronoun is written: `he` or `He`; `HE` (a caps lead-in) is neither.
fn pronoun_case(word: &str) -> Option<bool> {
    let mut chars = word.chars();
    let first = chars.next()?;
    if !chars.all(char::is_lowercase) {
        return None;
    }
    Some(first.is_uppercase())
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A verb by its form: a finite verb of the table, a regular or irregular past, or (after a
/// singular pronoun) a third-person `-s` form of an English verb.
fn is_verb(word: &str, singular: bool, lexicon: &Lexicon) -> bool {
    let table = table();
    if table.verbs.contains(word) || English::embedded().is_irregular_past(word) {
        return true;
    }
    if word.len() > 4 && word.ends_with("ed") && lexicon.is_word(word) {
        return true;
    }
    singular
        && word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && lexicon.is_word(&word[..word.len() - 1])
}

/// A word that makes the run before the pronoun something other than a noun phrase: a verb
/// form, a participle, a verb that takes a person and a clause.
fn is_verbal(lower: &str, lexicon: &Lexicon) -> bool {
    let table = table();
    table.object_verbs.contains(lower)
        || table.verbs.contains(lower)
        || English::embedded().is_irregular_past(lower)
        || (lower.len() > 4 && lower.ends_with("ed") && lexicon.is_word(lower))
        || (lower.len() > 5 && lower.ends_with("ing") && lexicon.is_word(lower))
}

/// What the run of words before the pronoun, back to the clause boundary, is.
#[derive(Debug, PartialEq, Eq)]
enum Phrase {
    /// A noun phrase that starts its clause: the pronoun repeats it. `determined`: it holds a
    /// determiner (`the airport`), so a lower-case noun in it is a noun.
    Subject { determined: bool },
    /// A fronted phrase (`In Paris`, `When Kim arrived`) or a verb inside the run: the pronoun
    /// may be the clause's real subject.
    NotSubject(&'static str),
}

/// Reads back from the word before the pronoun (token `last`) to the clause boundary.
fn phrase_before(doc: &Document, tokens: &[Token], last: usize, lexicon: &Lexicon) -> Phrase {
    let table = table();
    let mut words: Vec<&str> = Vec::new();
    let mut i = last + 1;
    while i > 0 {
        i -= 1;
        let token = &tokens[i];
        let text = doc.token_text(token);
        match token.kind {
            TokenKind::Space => continue,
            TokenKind::LineBreak => break,
            TokenKind::Number => {
                words.push(text);
                continue;
            }
            TokenKind::Punct => {
                // A hyphen or apostrophe inside a name (`Jong-un`, `O’Neill`) is part of it.
                let joined = matches!(text, "-" | "'" | "’" | "&")
                    && i > 0
                    && tokens[i - 1].kind == TokenKind::Word
                    && tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word);
                if joined {
                    continue;
                }
                break;
            }
            TokenKind::Word => {
                if table.clause_openers.contains(text) {
                    break;
                }
                words.push(text);
                if words.len() > MAX_PHRASE_WORDS {
                    return Phrase::NotSubject("the run before it is too long for a subject");
                }
            }
        }
    }
    // `words` runs from the pronoun backwards; its last entry opens the clause.
    let Some(first) = words.last() else {
        return Phrase::NotSubject("nothing before it");
    };
    let first_lower = first.to_lowercase();
    // `when Ortiz he was`: the subordinate clause's subject, repeated.
    if table.subordinators.contains(&first_lower) {
        words.pop();
        if words.is_empty() {
            return Phrase::NotSubject("nothing before it");
        }
    } else if table.fronting.contains(&first_lower) {
        return Phrase::NotSubject(FRONTED);
    }
    let determined = words
        .iter()
        .any(|w| English::embedded().is_determiner(&w.to_lowercase()));
    for word in &words {
        if starts_upper(word) {
            continue;
        }
        if table.inside_phrase.contains(*word) {
            continue;
        }
        if table.fronting.contains(*word) || is_verbal(word, lexicon) {
            return Phrase::NotSubject("a verb or a clause word stands before it");
        }
    }
    Phrase::Subject { determined }
}

impl Pass for StraySubjectPass {
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &CHECKS
    }

    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>) {
        let table = table();
        let tokens = doc.tokens();
        let lexicon = context.lexicon;
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word || i < 2 {
                continue;
            }
            let pronoun = doc.token_text(token);
            let lower = pronoun.to_lowercase();
            if !table.pronouns.contains(&lower) {
                continue;
            }
            let Some(capitalised) = pronoun_case(pronoun) else {
                continue;
            };
            let (Some(space_before), Some(prev), Some(space_after), Some(next)) = (
                tokens.get(i - 1),
                tokens.get(i - 2),
                tokens.get(i + 1),
                tokens.get(i + 2),
            ) else {
                continue;
            };
            if space_before.kind != TokenKind::Space
                || space_after.kind != TokenKind::Space
                || prev.kind != TokenKind::Word
                || next.kind != TokenKind::Word
            {
                continue;
            }
            let prev_text = doc.token_text(prev);
            let next_text = doc.token_text(next);
            let singular = matches!(lower.as_str(), "he" | "she" | "it");
            // `it seems` is parenthetical; a capitalised next word is a title or a name (`He
            // Jiankui`, `It Follows`).
            if !starts_lower(next_text)
                || matches!(next_text, "seems" | "seemed" | "appears" | "appeared")
                || !is_verb(next_text, singular, lexicon)
            {
                continue;
            }
            let prev_lower = prev_text.to_lowercase();
            if table.keep_after.contains(&prev_lower)
                || English::embedded().is_calendar_word(prev_text)
                || evidence::is_function_word(prev_text)
            {
                continue;
            }
            let decision = if starts_upper(prev_text) {
                if !evidence::is_name_word(prev_text, prev.span.start, doc, lexicon) {
                    continue;
                }
                // A capital alone is no name before a lower-case pronoun: an adverb after a
                // glued quote (`website.”Suddenly it was`) is capitalised too.
                // A run of capitalised words (`the Lake County Fire Department`) is a name.
                if !capitalised
                    && !evidence::is_known_name_word(prev_text, prev.span.start, doc, lexicon)
                    && capitalised_run(doc, tokens, i - 2) < 2
                {
                    continue;
                }
                // The same name and pronoun twice is a name (`Liu He said … Liu He met`).
                let repeated = doc
                    .text()
                    .matches(&format!("{prev_text} {pronoun} "))
                    .count()
                    > 1;
                match phrase_before(doc, tokens, i - 2, lexicon) {
                    Phrase::Subject { .. } if repeated => Some((
                        Applicability::Unsafe,
                        CONFIDENCE_FRONTED,
                        "the name phrase before it opens the clause, but the article writes this pair more than once",
                    )),
                    Phrase::Subject { .. } => Some((
                        Applicability::Safe,
                        CONFIDENCE_NAME_PHRASE,
                        "the name phrase before it opens the clause",
                    )),
                    // A capitalised pronoun mid-sentence is never English; after a fronted
                    // phrase it may be the clause's subject (`In Madrid He was`).
                    Phrase::NotSubject(why) if capitalised && why == FRONTED => {
                        Some((Applicability::Unsafe, CONFIDENCE_FRONTED, why))
                    }
                    Phrase::NotSubject(_) if capitalised && !repeated => Some((
                        Applicability::Safe,
                        CONFIDENCE_CAPITAL,
                        "a capitalised pronoun after a name inside a sentence",
                    )),
                    Phrase::NotSubject(_) => None,
                }
            } else if capitalised
                && prev_text.chars().count() >= 3
                && starts_lower(prev_text)
                && lexicon.is_word(prev_text)
            {
                // `the airport It said`: a lower-case pronoun after a noun is often a relative
                // clause without `that` (`the day he died`), a capitalised one never is.
                // Only after a determiner: a caption or a button label (`Chevron icon It
                // indicates`) is no noun phrase.
                match phrase_before(doc, tokens, i - 2, lexicon) {
                    Phrase::Subject { determined: true } => Some((
                        Applicability::Safe,
                        CONFIDENCE_NOUN_PHRASE,
                        "the noun phrase before it opens the clause",
                    )),
                    _ => None,
                }
            } else {
                None
            };
            let Some((applicability, confidence, why)) = decision else {
                continue;
            };
            let (replacement, repair) = if applicability == Applicability::Safe {
                (String::new(), "drop it")
            } else {
                (lower.clone() + " ", "lower-case it (or drop it)")
            };
            out.push(Finding {
                span: token.span.start..next.span.start,
                check: CheckId::Builtin(&STRAY_SUBJECT),
                family: Family::DupSubject,
                message: format!(
                    "“{pronoun}” after “{prev_text}” before “{next_text}”: {why}, {repair}"
                ),
                fix: Some(Fix {
                    replacement,
                    applicability,
                    confidence,
                }),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::testing::{assert_fix, assert_no_findings, assert_suggests};

    #[test]
    fn table_lists_are_sorted_lower_case_and_unique() {
        let file: toml::Table =
            toml::from_str(crate::engine::data::required(CASING_TABLE)).expect("toml");
        let section = file["stray_subject"].as_table().expect("section");
        for (key, list) in section {
            let words: Vec<&str> = list
                .as_array()
                .expect("list")
                .iter()
                .map(|v| v.as_str().expect("string"))
                .collect();
            let mut sorted = words.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(words, sorted, "{key}: sorted, unique");
            assert!(words.iter().all(|w| w.to_lowercase() == *w), "{key}");
        }
        let _ = table();
    }

    #[test]
    fn drops_a_capitalised_pronoun_after_a_name() {
        let p = StraySubjectPass;
        assert_fix(
            &p,
            "At first, Kim He had a cool relationship.",
            "At first, Kim had a cool relationship.",
        );
        assert_fix(
            &p,
            "Despite that, the Gunners They have not won.",
            "Despite that, the Gunners have not won.",
        );
        assert_fix(
            &p,
            "The president of Chile He stressed the point.",
            "The president of Chile stressed the point.",
        );
    }

    #[test]
    fn drops_a_lower_case_pronoun_after_a_clause_opening_name() {
        let p = StraySubjectPass;
        assert_fix(
            &p,
            "“We will win,” Moreno he said.",
            "“We will win,” Moreno said.",
        );
        assert_fix(
            &p,
            "Reports say that Ana Ortiz she had left early.",
            "Reports say that Ana Ortiz had left early.",
        );
        assert_fix(
            &p,
            "Officials said Netflix it has refused.",
            "Officials said Netflix has refused.",
        );
        assert_fix(
            &p,
            "“The plan for Canada it is simple,” she said.",
            "“The plan for Canada is simple,” she said.",
        );
    }

    #[test]
    fn drops_a_pronoun_after_a_long_name_or_a_subordinate_subject() {
        let p = StraySubjectPass;
        assert_fix(
            &p,
            "Shops that sold fuel to Canada They will close.",
            "Shops that sold fuel to Canada will close.",
        );
        assert_fix(
            &p,
            "But the Ministry of Public Works she said no.",
            "But the Ministry of Public Works said no.",
        );
        assert_fix(
            &p,
            "It rained in May, when Ortiz he was away.",
            "It rained in May, when Ortiz was away.",
        );
    }

    #[test]
    fn drops_a_capitalised_pronoun_after_a_noun_phrase() {
        let p = StraySubjectPass;
        assert_fix(
            &p,
            "Flights resumed, the airport It said on Monday.",
            "Flights resumed, the airport said on Monday.",
        );
    }

    #[test]
    fn lower_cases_a_capitalised_pronoun_after_a_fronted_phrase() {
        let p = StraySubjectPass;
        assert_suggests(
            &p,
            "In Madrid He was received warmly.",
            "In Madrid he was received warmly.",
        );
    }

    #[test]
    fn keeps_pronouns_that_are_the_real_subject() {
        let p = StraySubjectPass;
        for text in [
            "The minister told Kim he had to leave.",
            "Washington warned Moscow it would pay.",
            "When Kim arrived he was tired.",
            "In Paris it seems the talks failed.",
            "Like Trump he has never lost.",
            "After meeting Putin he flew home.",
            "the day he died was cold.",
            "the coach he insisted on was gone.",
            "Kim met Putin. He had arrived by train.",
            "Chevron icon It indicates an expandable section.",
            "her website.”Suddenly it was like a dream.",
        ] {
            assert_no_findings(&p, text);
        }
    }

    #[test]
    fn a_pair_written_twice_is_a_name_and_never_safe() {
        let text = "Liu He said so. Later Liu He met them.";
        let findings = crate::passes::testing::run_alone(&StraySubjectPass, text);
        assert!(!findings.is_empty());
        assert!(
            findings
                .iter()
                .all(|f| f.applicability() == Applicability::Unsafe)
        );
    }

    #[test]
    fn keeps_names_and_titles_that_contain_a_pronoun() {
        let p = StraySubjectPass;
        for text in [
            "Vice Premier He Lifeng had talks.",
            "Professor He said the data were clear.",
            "The scientist He Jiankui was jailed.",
            "She watched It Follows twice.",
            "On Monday He announced nothing.",
            "The band They Might Be Giants played.",
            "THE president HE said nothing.",
            "the novel It was filmed.",
        ] {
            assert_no_findings(&p, text);
        }
    }
}
