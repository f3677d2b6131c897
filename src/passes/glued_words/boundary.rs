//! Glue at a case or digit boundary inside a token (`worksThe`, `Valparaiso100`, `date2024`),
//! and numbers glued to a noun (`105people`), decided by one score per candidate.
//!
//! Each candidate gets a score: the weighted sum of named features (the weights and the two
//! thresholds live in `[score]` of `data/tables/glue.toml`, each documented there). At or above
//! `safe_at` the split is applied by `fix`; at or above `suggest_at` it is only suggested.
//! Evidence comes from wordfreq (English and the source languages: is the whole token a word
//! anywhere, how common is each half), the lexicon's cased words and gazetteer, the article's own
//! words, and the word after the token.

use serde::Deserialize;

use crate::engine::document::{Document, TokenKind};
use crate::engine::english::English;
use crate::engine::finding::{Applicability, CheckId, Family, Finding, Fix};
use crate::engine::frequency::{self, Lang};
use crate::engine::lexicon::Lexicon;

use super::GLUED_WORD;
use super::shape::{Shape, all_lower, is_latin_letter};

/// Weights of the boundary score; see `[score]` in `data/tables/glue.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::passes) struct Weights {
    pub safe_at: f32,
    pub suggest_at: f32,
    pub case_boundary: f32,
    pub digit_boundary: f32,
    pub right_function: f32,
    pub right_adverb: f32,
    pub right_name: f32,
    pub right_content: f32,
    pub left_function: f32,
    pub left_common: f32,
    pub left_rare: f32,
    pub left_calendar: f32,
    pub left_place: f32,
    pub left_short: f32,
    pub year: f32,
    pub long_number: f32,
    pub quantity_after: f32,
    pub number_after: f32,
    pub plural_right: f32,
    pub whole_word: f32,
}

/// Where a token may be cut at a boundary of case or of letters and digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Boundary {
    /// `worksThe`: lower-case letters, then one capitalised word.
    LowerUpper(usize),
    /// `date2024`, `May1`: a lower-case or capitalised word, then digits.
    LetterDigit(usize),
}

/// The boundary of a token, if it has exactly one of these shapes.
pub(super) fn boundary(word: &str) -> Option<Boundary> {
    let first = word.chars().next()?;
    if !is_latin_letter(first) {
        return None;
    }
    let letters = word
        .find(|c: char| !is_latin_letter(c))
        .unwrap_or(word.len());
    if letters < word.len() {
        let digits = &word[letters..];
        let head = &word[..letters];
        let tail = &head[first.len_utf8()..];
        let word_like = all_lower(tail) && head.chars().count() >= 2;
        return (word_like && digits.bytes().all(|b| b.is_ascii_digit()))
            .then_some(Boundary::LetterDigit(letters));
    }
    if !first.is_lowercase() {
        return None;
    }
    let upper = word.find(char::is_uppercase)?;
    let (left, right) = word.split_at(upper);
    let mut rest = right.chars();
    rest.next();
    (all_lower(left) && all_lower(rest.as_str())).then_some(Boundary::LowerUpper(upper))
}

/// One scored split.
pub(super) struct Scored {
    pub score: f32,
    pub replacement: String,
    pub evidence: String,
}

fn zipf_en(word: &str) -> f32 {
    frequency::english(word).unwrap_or(0.0)
}

/// A form that wordfreq counts as a word of English or of a source language as a whole
/// (`Sotomayor`, `Tebas`, `Fico`, `Babis`, `carmaker`): a name or a compound, never glue. Glue
/// itself is rarer than these tables' cuts, save a few English web forms (`fromthe` at 1.8).
pub(super) fn whole_is_word(word: &str) -> bool {
    frequency::english(word).is_some_and(|z| z >= 2.0)
        || Lang::SOURCES
            .iter()
            .any(|&lang| frequency::zipf(lang, word).is_some_and(|z| z >= 2.0))
}

/// A regular plural of a common noun (`kilometers`, `years`), or one of the irregular plurals of
/// `data/tables/glue.toml`.
fn is_plural(word: &str) -> bool {
    let stem = word.strip_suffix('s').filter(|s| s.len() >= 3);
    stem.is_some_and(|s| zipf_en(s) >= 3.0 && !s.ends_with('s'))
}

/// Whether the digits at the end of the token go on after a hyphen or a point: a range, a
/// score, a decimal, a date or a compound adjective (`2-1`, `4.6`, `2024-07-06`, `65-year-old`).
fn number_goes_on(doc: &Document, index: usize) -> bool {
    let tokens = doc.tokens();
    let token = &tokens[index];
    let Some(punct) = tokens
        .get(index + 1)
        .filter(|t| t.span.start == token.span.end && t.kind == TokenKind::Punct)
    else {
        return false;
    };
    let Some(next) = tokens
        .get(index + 2)
        .filter(|t| t.span.start == punct.span.end)
    else {
        return false;
    };
    match doc.token_text(punct) {
        "-" | "–" => {
            next.kind == TokenKind::Number
                || (next.kind == TokenKind::Word && all_lower(doc.token_text(next)))
        }
        "." => next.kind == TokenKind::Number,
        _ => false,
    }
}

/// The next word after the token, if only a space separates them.
fn next_word<'d>(doc: &'d Document, index: usize) -> Option<&'d str> {
    let tokens = doc.tokens();
    let space = tokens.get(index + 1)?;
    let word = tokens.get(index + 2)?;
    (space.kind == TokenKind::Space && word.kind == TokenKind::Word).then(|| doc.token_text(word))
}

/// Scores the split of a token at its boundary.
pub(super) fn score(
    weights: &Weights,
    at: Boundary,
    word: &str,
    doc: &Document,
    index: usize,
    lexicon: &Lexicon,
) -> Option<Scored> {
    let english = English::embedded();
    let mut score = 0.0;
    let mut why: Vec<String> = Vec::new();
    match at {
        Boundary::LowerUpper(split) => {
            let (left, right) = word.split_at(split);
            let right_lower = right.to_lowercase();
            score += weights.case_boundary;
            why.push("a capital after lower-case letters inside a word".into());
            if whole_is_word(word) {
                score += weights.whole_word;
            }
            let left_zipf = zipf_en(left);
            if left.chars().count() < 3 {
                score += weights.left_short;
            }
            if left_zipf >= 3.5 {
                score += weights.left_common;
                why.push(format!("`{left}` is a common word"));
            } else {
                score += weights.left_rare;
            }
            let right_zipf = zipf_en(&right_lower);
            if english.is_function_word(&right_lower) && right.len() >= 2 {
                score += weights.right_function;
                why.push(format!("`{right}` starts a sentence"));
            } else if right_lower.ends_with("ly") && right.len() >= 6 && right_zipf >= 3.0 {
                score += weights.right_adverb;
                why.push(format!("`{right}` is a sentence adverb"));
            } else if right_zipf < 4.0
                && (lexicon.name_kind(right).is_some()
                    || lexicon.is_capitalised_only(right)
                    || (right.chars().count() >= 3 && right_zipf < 3.0))
            {
                // A common word that is also a name (`Junior`, `Skip`) is not evidence.
                score += weights.right_name;
                why.push(format!("`{right}` is a name"));
            } else {
                score += weights.right_content;
            }
            Some(Scored {
                score,
                replacement: format!("{left}. {right}"),
                evidence: why.join("; "),
            })
        }
        Boundary::LetterDigit(split) => {
            let (left, digits) = word.split_at(split);
            score += weights.digit_boundary;
            why.push("digits glued after a word".into());
            let capitalised = left.starts_with(char::is_uppercase);
            let left_lower = left.to_lowercase();
            if left.chars().count() < 3 {
                score += weights.left_short;
            }
            if capitalised {
                if english.is_calendar_word(left) {
                    score += weights.left_calendar;
                    why.push(format!("`{left}` is a month or weekday"));
                } else if lexicon.name_kind(left).is_some_and(|k| k.is_place())
                    || doc.count_exact(left) > 0
                    || (whole_is_word(left) && zipf_en(&left_lower) < 3.5)
                {
                    // A place, a name the article writes alone, or a form wordfreq knows that
                    // is no English common word (`Valparaiso`).
                    score += weights.left_place;
                    why.push(format!("`{left}` is a known place or stands alone"));
                } else {
                    score += weights.left_rare;
                }
            } else if english.is_function_word(&left_lower) {
                score += weights.left_function;
                why.push(format!("`{left}` is a function word"));
            } else if zipf_en(&left_lower) >= 4.8 {
                score += weights.left_common;
                why.push(format!("`{left}` is a common word"));
            } else {
                score += weights.left_rare;
            }
            let year = digits.len() == 4 && matches!(digits.parse::<u32>(), Ok(1900..=2099));
            if year {
                score += weights.year;
                why.push(format!("`{digits}` is a year"));
            }
            if digits.len() >= 5 {
                score += weights.long_number;
            }
            if next_word(doc, index).is_some_and(|w| all_lower(w) && is_plural(w)) {
                score += weights.quantity_after;
                why.push("a plural noun follows: a quantity".into());
            }
            if number_goes_on(doc, index) {
                score += weights.number_after;
                why.push("the number goes on (`2-1`, `4.6`, `65-year-old`)".into());
            }
            Some(Scored {
                score,
                replacement: format!("{left} {digits}"),
                evidence: why.join("; "),
            })
        }
    }
}

/// Scores a number glued to a lower-case noun that no other rule took (`105people`, `1photo`).
pub(super) fn score_number_noun(
    weights: &Weights,
    split: usize,
    word: &str,
    units: impl Fn(&str) -> bool,
    count_word: impl Fn(&str) -> bool,
) -> Option<Scored> {
    let (digits, right) = word.split_at(split);
    if !all_lower(right) || right.len() < 3 || units(right) || split > 4 {
        return None;
    }
    let right_zipf = zipf_en(right);
    if right_zipf < 3.0 {
        return None;
    }
    let mut score = weights.digit_boundary;
    let mut why = vec![format!("a number glued to `{right}`, a common word")];
    if is_plural(right) || count_word(right) {
        score += weights.plural_right;
        why.push(format!("`{right}` is a plural noun or a number word"));
    } else if digits == "1" {
        // `1photo`: one, and a singular noun.
        score += weights.plural_right;
        why.push(format!("one `{right}`"));
    }
    Some(Scored {
        score,
        replacement: format!("{digits} {right}"),
        evidence: why.join("; "),
    })
}

impl super::GluedWords {
    /// A finding for a token cut at a case or digit boundary, when its score reaches a threshold.
    pub(super) fn boundary_finding(
        &self,
        doc: &Document,
        index: usize,
        lexicon: &Lexicon,
    ) -> Option<Finding> {
        let token = &doc.tokens()[index];
        let word = doc.token_text(token);
        let at = boundary(word)?;
        if lexicon.name_kind(word).is_some() || doc.count_exact(word) > 1 {
            return None;
        }
        // `date2024-07-06`, `the65-year-old`, `Empoli2-1`: a number goes on, no code.
        let number_goes_on = matches!(at, Boundary::LetterDigit(_)) && number_goes_on(doc, index);
        if !number_goes_on && self.in_code_like_context(doc, index, Shape::Lower) {
            return None;
        }
        let scored = score(&self.weights, at, word, doc, index, lexicon)?;
        self.finding_of(doc, index, scored)
    }

    /// The finding of a scored split: safe, a suggestion, or nothing, by the thresholds.
    pub(super) fn finding_of(
        &self,
        doc: &Document,
        index: usize,
        scored: Scored,
    ) -> Option<Finding> {
        if scored.score < self.weights.suggest_at {
            return None;
        }
        let token = &doc.tokens()[index];
        let mentioned =
            crate::engine::document::is_mentioned(doc.text(), token.span.start, token.span.end);
        let safe = scored.score >= self.weights.safe_at && !mentioned;
        let confidence = (scored.score / (self.weights.safe_at + 1.0)).clamp(0.1, 0.95);
        Some(Finding {
            span: token.span.clone(),
            check: CheckId::Builtin(&GLUED_WORD),
            family: Family::Glue,
            message: format!(
                "glued words: {} (score {:.1}) → {}",
                scored.evidence, scored.score, scored.replacement
            ),
            fix: Some(Fix {
                replacement: scored.replacement,
                applicability: if safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
                confidence,
            }),
        })
    }
}
