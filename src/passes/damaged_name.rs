#![doc = include_str!("damaged_name.md")]

use rustc_hash::FxHashMap as HashMap;

use crate::engine::document::{Document, TokenKind};
use crate::engine::finding::{Applicability, CheckId, CheckInfo, Family, Finding, Fix};
use crate::engine::lexicon::Lexicon;
use crate::passes::{Context, Pass};

mod dropped;

/// The `damaged-name` check.
pub static DAMAGED_NAME: CheckInfo = CheckInfo {
    id: "damaged-name",
    family: Family::Name,
    summary: "a name with letters dropped, repaired from the article: `Pedro Snchez` → `Pedro Sánchez`",
    doc: include_str!("damaged_name.md"),
};

/// The `name-variant` check.
pub static NAME_VARIANT: CheckInfo = CheckInfo {
    id: "name-variant",
    family: Family::Name,
    summary: "a name spelt two ways in one article: `Schulz` / `Scholz` (unsafe)",
    doc: include_str!("damaged_name.md"),
};

static CHECKS: [&CheckInfo; 2] = [&DAMAGED_NAME, &NAME_VARIANT];

pub struct NamesPass;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Damage {
    AccentsDeleted,
    DoubledLetterDropped,
    LetterDroppedFromKnownPlace,
    LetterDropped,
    LetterChanged,
}

fn is_capitalised_name_form(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().any(char::is_lowercase)
        && chars.all(char::is_alphabetic)
}

/// `short` is `long` with every non-ASCII letter removed (and there was at least one).
fn accents_deleted(long: &[char], short: &[char]) -> bool {
    let kept: Vec<char> = long.iter().copied().filter(char::is_ascii).collect();
    kept.len() < long.len() && kept == short
}

/// The index of the one character of `long` whose deletion gives `short`.
fn one_deleted(long: &[char], short: &[char]) -> Option<usize> {
    if long.len() != short.len() + 1 {
        return None;
    }
    let at = long
        .iter()
        .zip(short)
        .position(|(a, b)| a != b)
        .unwrap_or(short.len());
    (long[at + 1..] == short[at..]).then_some(at)
}

fn one_changed(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).filter(|(x, y)| x != y).count() == 1
}

fn classify(full: &[char], damaged: &[char], lexicon: &Lexicon, full_text: &str) -> Option<Damage> {
    if accents_deleted(full, damaged) {
        return Some(Damage::AccentsDeleted);
    }
    if let Some(at) = one_deleted(full, damaged) {
        let doubled = (at > 0 && full[at - 1] == full[at]) || full.get(at + 1) == Some(&full[at]);
        if doubled {
            return Some(Damage::DoubledLetterDropped);
        }
        if matches!(
            lexicon.name_kind(full_text),
            Some(kind) if kind.is_place()
        ) {
            return Some(Damage::LetterDroppedFromKnownPlace);
        }
        // A plural or possessive-like `s` is inflection, not damage.
        return (full[at] != 's' || at + 1 != full.len()).then_some(Damage::LetterDropped);
    }
    if damaged.len() >= 5 && one_changed(full, damaged) {
        return Some(Damage::LetterChanged);
    }
    None
}

impl Pass for NamesPass {
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &CHECKS
    }

    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>) {
        let before = out.len();
        find_in_article(doc, context, out);
        // Then names damaged everywhere in the article, from the word lists and the gazetteer.
        let taken: Vec<std::ops::Range<usize>> =
            out[before..].iter().map(|f| f.span.clone()).collect();
        for repair in dropped::find(doc, context.lexicon) {
            if taken
                .iter()
                .any(|s| s.start < repair.span.end && repair.span.start < s.end)
            {
                continue;
            }
            let damaged = &doc.text()[repair.span.clone()];
            let source = if repair.from_gazetteer {
                "the gazetteer"
            } else {
                "the source languages' word lists"
            };
            out.push(Finding {
                span: repair.span,
                check: CheckId::Builtin(&DAMAGED_NAME),
                family: Family::Name,
                message: format!(
                    "`{damaged}` looks like `{}` with its accented letters deleted (from {source})",
                    repair.replacement
                ),
                fix: Some(Fix {
                    replacement: repair.replacement,
                    applicability: Applicability::Safe,
                    confidence: 0.8,
                }),
            });
        }
    }
}

fn find_in_article(doc: &Document, context: &Context, out: &mut Vec<Finding>) {
    {
        let lexicon = context.lexicon;
        // Distinct capitalised forms, grouped by length in characters.
        let mut by_length: HashMap<usize, Vec<(&str, Vec<char>)>> = HashMap::default();
        let mut seen = rustc_hash::FxHashSet::default();
        for token in doc.tokens().iter().filter(|t| t.kind == TokenKind::Word) {
            let word = doc.token_text(token);
            if is_capitalised_name_form(word) && seen.insert(word) {
                let chars: Vec<char> = word.chars().collect();
                by_length
                    .entry(chars.len())
                    .or_default()
                    .push((word, chars));
            }
        }
        let mut repairs: HashMap<&str, (&str, Damage)> = HashMap::default();
        for forms in by_length.values() {
            for (word, chars) in forms {
                if chars.len() < 3
                    || lexicon.is_word(word)
                    || lexicon.name_kind(word).is_some()
                    || doc.case_evidence(word).lower > 0
                {
                    continue;
                }
                let mut best: Option<(&str, Damage, u32)> = None;
                for extra in 0..=3 {
                    for (full, full_chars) in
                        by_length.get(&(chars.len() + extra)).into_iter().flatten()
                    {
                        if full == word {
                            continue;
                        }
                        let Some(damage) = classify(full_chars, chars, lexicon, full) else {
                            continue;
                        };
                        if damage == Damage::LetterChanged
                            && doc.count_exact(full) <= doc.count_exact(word)
                        {
                            continue;
                        }
                        let count = doc.count_exact(full);
                        let better = best.is_none_or(|(_, d, c)| {
                            (damage, std::cmp::Reverse(count)) < (d, std::cmp::Reverse(c))
                        });
                        if better {
                            best = Some((full, damage, count));
                        }
                    }
                }
                // Never towards a spelling the article uses less often than this one.
                if let Some((full, damage, count)) = best
                    && count >= doc.count_exact(word)
                {
                    repairs.insert(word, (full, damage));
                }
            }
        }
        if repairs.is_empty() {
            return;
        }
        for token in doc.tokens().iter().filter(|t| t.kind == TokenKind::Word) {
            let word = doc.token_text(token);
            let Some(&(full, damage)) = repairs.get(word) else {
                continue;
            };
            let times = doc.count_exact(full);
            let (check, applicability, confidence, what) = match damage {
                Damage::AccentsDeleted => (
                    &DAMAGED_NAME,
                    Applicability::Safe,
                    0.9,
                    "with its accented letters deleted",
                ),
                Damage::DoubledLetterDropped => (
                    &DAMAGED_NAME,
                    Applicability::Safe,
                    0.85,
                    "with a doubled letter dropped",
                ),
                Damage::LetterDroppedFromKnownPlace => (
                    &DAMAGED_NAME,
                    Applicability::Safe,
                    0.85,
                    "with a letter dropped (a place the gazetteer knows)",
                ),
                Damage::LetterDropped => (
                    &DAMAGED_NAME,
                    Applicability::Unsafe,
                    0.6,
                    "with a letter dropped",
                ),
                Damage::LetterChanged => (
                    &NAME_VARIANT,
                    Applicability::Unsafe,
                    0.5,
                    "spelt another way",
                ),
            };
            // A name alone in quotes is spelled as its owner spells it (`a package "Heimdal"`).
            let applicability = if applicability == Applicability::Safe
                && crate::engine::document::is_mentioned(
                    doc.text(),
                    token.span.start,
                    token.span.end,
                ) {
                Applicability::Unsafe
            } else {
                applicability
            };
            out.push(Finding {
                span: token.span.clone(),
                check: CheckId::Builtin(check),
                family: Family::Name,
                message: format!("`{word}` looks like `{full}` ({times}× in this article) {what}"),
                fix: Some(Fix {
                    replacement: full.to_string(),
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

    fn fixes(text: &str) -> Vec<(String, String, Applicability)> {
        crate::passes::testing::run_alone(&NamesPass, text)
            .into_iter()
            .map(|f| {
                let fix = f.fix.unwrap();
                (text[f.span].to_string(), fix.replacement, fix.applicability)
            })
            .collect()
    }

    #[test]
    fn restores_deleted_accents_from_the_article() {
        let text = "Pedro Snchez spoke. Later Pedro Sánchez left, and Alberto Nez Feijo replied to Núñez Feijóo.";
        let found = fixes(text);
        assert!(
            found.contains(&("Snchez".into(), "Sánchez".into(), Applicability::Safe)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Nez".into(), "Núñez".into(), Applicability::Safe)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Feijo".into(), "Feijóo".into(), Applicability::Safe)),
            "{found:?}"
        );
    }

    #[test]
    fn decomposed_accents_count_as_one_letter() {
        let text = "Pedro Snchez spoke. Later Pedro Sa\u{301}nchez left.";
        assert_eq!(
            fixes(text),
            vec![("Snchez".into(), "Sánchez".into(), Applicability::Safe)]
        );
    }

    #[test]
    fn restores_dropped_doubled_letter_and_known_place() {
        let text = "With Ciotti stipulating this, Cioti is a frog. Ciotti left. Moscow and Pyongyan signed in Pyongyang.";
        let found = fixes(text);
        assert!(
            found.contains(&("Cioti".into(), "Ciotti".into(), Applicability::Safe)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Pyongyan".into(), "Pyongyang".into(), Applicability::Safe)),
            "{found:?}"
        );
    }

    #[test]
    fn reports_two_spellings_as_unsafe_towards_the_frequent_one() {
        let text = "Zelensky spoke. Zelensky left. Later Zelenski said no.";
        assert_eq!(
            fixes(text),
            vec![("Zelenski".into(), "Zelensky".into(), Applicability::Unsafe)]
        );
    }

    #[test]
    fn keeps_quoted_names_unapplied() {
        let text = "Heimdall would have been a name, but it was taken by a package \"Heimdal\".";
        let found = fixes(text);
        assert!(
            found.iter().all(|(_, _, a)| *a != Applicability::Safe),
            "{found:?}"
        );
    }

    #[test]
    fn never_rewrites_the_majority_spelling_into_a_rarer_unknown_one() {
        // `Quarvotti` ×3 is the article's spelling; `Quarvoti` ×1 is the damaged one.
        let text = "Quarvotti spoke. Quarvotti left. Quarvotti won. Later Quarvoti said no.";
        let found = fixes(text);
        assert!(
            found.iter().all(|(from, _, _)| from != "Quarvotti"),
            "{found:?}"
        );
        // Reversed counts: the rarer form is not a repair target.
        let text = "Quarvoti spoke. Quarvoti left. Quarvoti won. Later Quarvotti said no.";
        let found = fixes(text);
        assert!(
            found.iter().all(|(_, to, _)| to != "Quarvotti"),
            "{found:?}"
        );
    }

    #[test]
    fn keeps_transliterations_words_and_plurals() {
        assert!(fixes("Patxi Lopez and Patxi López both spoke.").is_empty());
        assert!(fixes("The Kims and Kim met; Melon and Meloni too.").is_empty());
        let found = fixes("Kozlov and Kozlova met.");
        assert!(
            found.iter().all(|(_, _, a)| *a != Applicability::Safe),
            "{found:?}"
        );
    }
}
