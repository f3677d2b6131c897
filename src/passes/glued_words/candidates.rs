//! Candidate splits of a token, each with the evidence behind its halves, and the pick.

use crate::engine::document::{Document, TokenKind};
use crate::engine::english::English;
use crate::engine::frequency;
use crate::engine::lexicon::{Lexicon, NameKind};

use super::shape::*;
use super::*;

/// Where the backing of a capitalised left half comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// A place or organisation of the gazetteer (`Soviet Union`).
    Place,
    /// The article writes it alone elsewhere.
    Article,
    Other,
}

/// How well the left half of a split is backed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Backing {
    /// An unknown word that may be a name.
    Weak,
    /// Only a given name or surname of the gazetteer.
    Medium,
    /// A gazetteer place or organisation, a user name, an acronym, a number, or a name the
    /// article writes alone.
    Strong,
}

pub(super) struct Candidate {
    pub(super) split: usize,
    pub(super) backing: Backing,
    pub(super) safe: bool,
    /// Reported with a suggestion, never applied: the split is not convincing.
    pub(super) display_only: bool,
    pub(super) confidence: f32,
    pub(super) score: f64,
    pub(super) evidence: String,
}

impl GluedWords {
    /// Whether the token sits inside a URL, an address, a hashtag, a handle, a dotted or
    /// snake_case name, or a hyphenated or apostrophe compound.
    pub(super) fn in_code_like_context(&self, doc: &Document, index: usize, shape: Shape) -> bool {
        let tokens = doc.tokens();
        let token = &tokens[index];
        let touching_before = index
            .checked_sub(1)
            .map(|i| &tokens[i])
            .filter(|t| t.span.end == token.span.start);
        let before_that = index
            .checked_sub(2)
            .map(|i| &tokens[i])
            .filter(|t| touching_before.is_some_and(|b| t.span.end == b.span.start));
        if let Some(p) = adjacent_punct(doc, touching_before) {
            let word_before = before_that.is_some_and(|t| t.kind != TokenKind::Space);
            match p {
                "-" | "–" if matches!(shape, Shape::Number(_)) => {}
                "." | "'" | "’" | "-" | "–" if word_before => return true,
                "@" | "#" | "/" | "\\" | "_" | "=" | "&" | "~" | "%" | "$" | "+" | "|" | "<"
                | ">" | ":" | "^" | "*" => return true,
                _ => {}
            }
        }
        let after = tokens
            .get(index + 1)
            .filter(|t| t.span.start == token.span.end);
        let after_that = tokens
            .get(index + 2)
            .filter(|t| after.is_some_and(|a| a.span.end == t.span.start));
        if let Some(p) = adjacent_punct(doc, after) {
            let word_after =
                after_that.is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number));
            match p {
                "@" | "_" | "/" | "\\" | "=" | "#" => return true,
                "." | "-" | "–" | ":" if word_after => return true,
                _ => {}
            }
        }
        false
    }

    pub(super) fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }

    /// A right half (lower case) that can be the next word of a sentence.
    pub(super) fn right_half_ok(
        &self,
        right: &str,
        lexicon: &Lexicon,
        min_chars: usize,
    ) -> Option<u64> {
        let count = lexicon.frequency_of_lowercase(right);
        if self.compound_right.contains(right) || self.suffixes.contains(right) {
            return None;
        }
        if self.is_function_word(right) {
            return (count > 0 || right.len() <= 2).then_some(count.max(1));
        }
        (right.chars().count() >= min_chars && count >= self.min_right_count).then_some(count)
    }

    /// The evidence that a capitalised left half is a name.
    pub(super) fn name_backing(
        &self,
        left: &str,
        right: &str,
        doc: &Document,
        index: usize,
        lexicon: &Lexicon,
    ) -> Option<(Backing, String, Source)> {
        let chars = left.chars().count();
        let common_word = lexicon.frequency(left) > 0 && !lexicon.is_capitalised_only(left);
        if let Some(phrase) = gazetteer_phrase(left, doc, index, lexicon) {
            let kind = lexicon.name_kind(&phrase);
            let place_or_org = !matches!(kind, Some(NameKind::Given | NameKind::Surname));
            let multi_word = phrase.contains(' ');
            // A one-word place that is also a common word (`Male`, `Nice`, `Reading`) is not
            // enough on its own.
            if place_or_org && (multi_word || (chars >= 4 && !common_word)) {
                let kind = kind.map_or("name", kind_name);
                return Some((
                    Backing::Strong,
                    format!("`{phrase}` is a known {kind}"),
                    Source::Place,
                ));
            }
        }
        if chars >= 3
            && doc.count_exact(left) > 0
            && (!common_word || doc.case_evidence(left).capitalized_mid_sentence > 0)
        {
            // A common word capitalised elsewhere (a title: `Love`) may still start a compound
            // (`Lovesongs`); a short right half may be the rest of another name (`Kailean`).
            let clear_right =
                self.is_function_word(right) || (!common_word && right.chars().count() >= 5);
            let backing = if clear_right {
                Backing::Strong
            } else {
                Backing::Medium
            };
            return Some((
                backing,
                format!("`{left}` stands alone elsewhere in the article"),
                Source::Article,
            ));
        }
        let person = matches!(
            lexicon.name_kind(left),
            Some(NameKind::Given | NameKind::Surname)
        );
        if lexicon.is_capitalised_only(left) && chars >= 4 {
            // The dictionary's capitalised words include many surnames (`Ferris`, `Lopez`) and
            // name pieces (`Ascii`, `Hansel`): those count as much as the gazetteer's surnames;
            // others (months, demonyms) count fully before a function word (`Julywhen`).
            let clause_word = self.is_function_word(right) && !self.name_endings.contains(right);
            let backing = if person || !clause_word {
                Backing::Medium
            } else {
                Backing::Strong
            };
            return Some((
                backing,
                format!("`{left}` is a word English writes capitalised"),
                Source::Other,
            ));
        }
        if let Some(kind @ (NameKind::Given | NameKind::Surname)) = lexicon.name_kind(left) {
            return Some((
                Backing::Medium,
                format!("`{left}` is a known {}", kind_name(kind)),
                Source::Other,
            ));
        }
        if !common_word && chars >= 3 {
            return Some((
                Backing::Weak,
                format!("`{left}` is not an English word and may be a name"),
                Source::Other,
            ));
        }
        None
    }

    pub(super) fn capitalised_candidates(
        &self,
        word: &str,
        doc: &Document,
        index: usize,
        lexicon: &Lexicon,
        out: &mut Vec<Candidate>,
    ) {
        for (split, _) in word.char_indices().skip(2) {
            let (left, right) = word.split_at(split);
            if right.chars().count() < 2 {
                break;
            }
            // The right half first: one look-up rules out most split points.
            if self.right_half_ok(right, lexicon, 3).is_none() {
                continue;
            }
            let Some((backing, why_left, source)) =
                self.name_backing(left, right, doc, index, lexicon)
            else {
                continue;
            };
            let Some(count) = self.right_half_ok(right, lexicon, 4) else {
                continue;
            };
            // `Alexandre`, `Dasgupta`, `Roche`: a name or a name ending is the rest of a name, unless
            // the left half is a place or organisation (`United Nationsthe`), or a name the
            // article writes alone before a longer ending (`Putinand`, not `Marcin`).
            let function = self.is_function_word(right);
            let ending_ok = match source {
                Source::Place => true,
                // `Trumpof` after `Trump`: a clause word after a name of four letters or more;
                // names that end so (`Marcin`, `Gilles`) are held by wordfreq's veto.
                Source::Article => {
                    right.len() >= 3
                        || (self.is_function_word(right)
                            && left.chars().count() >= 4
                            && !self.particles.contains(right))
                }
                Source::Other => false,
            };
            let name_piece = lexicon.name_kind_ignoring_case(right).is_some()
                || lexicon.is_capitalised_only(right);
            if (!function && name_piece) || (!ending_ok && self.name_endings.contains(right)) {
                continue;
            }
            let clause_word = function && !self.name_endings.contains(right);
            let past_verb = right.ends_with("ed") && right.len() >= 5;
            let title = self.appositive_titles.contains(right);
            let given = given_name_before(doc, index, lexicon);
            let (safe, confidence) = match backing {
                Backing::Strong => (true, if function { 0.95 } else { 0.9 }),
                // `Felix Bolañoshas`: a given name, then a surname, then a clause.
                Backing::Medium | Backing::Weak
                    if given.is_some() && (clause_word || past_verb || title) =>
                {
                    (true, 0.7)
                }
                Backing::Medium if function && !self.name_endings.contains(right) => (false, 0.6),
                Backing::Weak if function && !self.name_endings.contains(right) => (false, 0.4),
                Backing::Weak if right.chars().count() >= 5 => (false, 0.35),
                _ => continue,
            };
            out.push(Candidate {
                split,
                backing,
                safe,
                display_only: false,
                confidence,
                score: (count as f64).ln(),
                evidence: match given {
                    Some(given) if safe && backing != Backing::Strong => format!(
                        "{why_left}, after the given name `{given}`; {}",
                        right_evidence(right, function)
                    ),
                    _ => format!("{why_left}; {}", right_evidence(right, function)),
                },
            });
        }
    }

    pub(super) fn lower_candidates(&self, word: &str, lexicon: &Lexicon, out: &mut Vec<Candidate>) {
        let first = out.len();
        // Every split into two known words, whether or not it qualifies below: a word that
        // splits two ways (`namespace`: `name space`, `names pace`) is not split for sure.
        // The likeliest reading must be the one chosen, by a clear margin (a factor of 20).
        let (mut best, mut second) = ((usize::MAX, f64::MIN), f64::MIN);
        for (split, _) in word.char_indices().skip(2) {
            let (left, right) = word.split_at(split);
            let (l, r) = (
                lexicon.frequency_of_lowercase(left),
                lexicon.frequency_of_lowercase(right),
            );
            if right.len() >= 2 && l >= self.min_left_count && r >= self.min_left_count {
                let score = (l as f64).ln() + (r as f64).ln();
                if score > best.1 {
                    second = best.1;
                    best = (split, score);
                } else if score > second {
                    second = score;
                }
            }
        }
        let clear = |split: usize| split == best.0 && best.1 - second >= 20f64.ln();
        for (split, _) in word.char_indices().skip(2) {
            let (left, right) = word.split_at(split);
            if right.chars().count() < 2 {
                break;
            }
            if self.compound_left.contains(left) {
                continue;
            }
            let left_count = lexicon.frequency_of_lowercase(left);
            if left_count < self.min_left_count {
                continue;
            }
            let left_zipf = frequency::english(left).unwrap_or(0.0);
            let right_zipf = frequency::english(right).unwrap_or(0.0);
            // `nationalmourning`, `undocumentedpeople`: an adjective before a noun is no closed
            // compound, even before a compound's usual right half (`people`).
            let adjective = left.chars().count() >= 6
                && self.adjective_endings.iter().any(|e| left.ends_with(&**e))
                && left_zipf >= 3.5
                && right.chars().count() >= 4
                && right_zipf >= 3.5;
            let right_count = match self.right_half_ok(right, lexicon, 3) {
                Some(count) => count,
                None if adjective && !self.suffixes.contains(right) => {
                    lexicon.frequency_of_lowercase(right).max(1)
                }
                None => continue,
            };
            // `rangeof`, `assistin`: a common word of five letters or more before a short
            // preposition, in a form no wordfreq table holds (`login`, `plugin` are there).
            let before_preposition = left.chars().count() >= 5
                && left_zipf >= 4.0
                && self.short_prepositions.contains(right);
            let english_function = English::embedded().is_function_word(right) && right.len() >= 3;
            let participle = (left.ends_with("ed") || left.ends_with("ing")) && left.len() >= 6;
            let plural = left.len() >= 5
                && left.ends_with('s')
                && !(left.ends_with("ss") || left.ends_with("us") || left.ends_with("is"))
                && lexicon.frequency_of_lowercase(&left[..left.len() - 1]) >= self.min_left_count;
            let function = self.is_function_word(right);
            let mut display_only = false;
            let (safe, confidence, why) = if before_preposition {
                (true, 0.75, "a common word before a preposition")
            } else if adjective {
                (true, 0.7, "an adjective before a noun")
            } else if participle && english_function {
                (true, 0.75, "a participle before a function word")
            } else if self.particles.contains(right) {
                if participle {
                    (true, 0.8, "a participle before a particle")
                } else {
                    (false, 0.4, "a word before a particle (could be a compound)")
                }
            } else if function && right.len() <= 2 && !participle {
                // `grantor`, `sizeof`, `mailto`, `polkit`: short function words end many words.
                continue;
            } else if function && left.chars().count() >= 4 {
                (true, 0.8, "a word before a function word")
            } else if self.number_words.contains(left) && right.len() >= 3 {
                (true, 0.8, "a number word before a word")
            } else if (participle || plural) && right.chars().count() >= 4 {
                (true, 0.7, "an inflected word before a word")
            } else if left.chars().count() >= 5
                && right.chars().count() >= 5
                && word.chars().count() >= 12
            {
                // Long enough that a closed compound is unlikely (`cryptocurrencyinvestor`),
                // not convincing enough to apply (`coronavirus`, `lockdowns` stay unreported).
                display_only = true;
                (false, 0.3, "two words (could be a closed compound)")
            } else {
                continue;
            };
            out.push(Candidate {
                split,
                backing: Backing::Strong,
                safe,
                display_only,
                confidence,
                score: (left_count as f64).ln() + (right_count as f64).ln(),
                evidence: format!(
                    "`{word}` is not in the lexicon; `{left}` and `{right}` are common words: {why}"
                ),
            });
        }
        for candidate in &mut out[first..] {
            if candidate.safe && !clear(candidate.split) {
                candidate.safe = false;
                candidate.confidence *= 0.5;
            }
        }
    }

    pub(super) fn comma_after_name(&self, right: &str) -> bool {
        self.comma_before.contains(right)
            || (self.participle_comma
                && right.ends_with("ing")
                && right.chars().count() >= 6
                && !self.participle_exceptions.contains(right))
    }
}

pub(super) fn kind_name(kind: NameKind) -> &'static str {
    kind.describe()
}

pub(super) fn right_evidence(right: &str, function: bool) -> String {
    if function {
        format!("`{right}` is a function word")
    } else {
        format!("`{right}` is a common word")
    }
}

/// The word before the token when it is a given name: one of the gazetteer (`Felix` in
/// `Felix Bolañoshas`), or a capitalised word mid-sentence that is no English word at all
/// (`Volodímir` in `Volodímir Zelenskiasked`, `Patxi` in `Patxi Lopezhas`): the census list of
/// given names is American, and foreign given names are what machine-translated news is full of.
pub(super) fn given_name_before<'d>(
    doc: &'d Document,
    index: usize,
    lexicon: &Lexicon,
) -> Option<&'d str> {
    let tokens = doc.tokens();
    let space = tokens.get(index.checked_sub(1)?)?;
    let word = tokens.get(index.checked_sub(2)?)?;
    if space.kind != TokenKind::Space || word.kind != TokenKind::Word {
        return None;
    }
    let text = doc.token_text(word);
    if matches!(lexicon.name_kind(text), Some(NameKind::Given)) {
        return Some(text);
    }
    let mut chars = text.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && chars.clone().count() >= 2
        && chars.all(|c| c.is_lowercase());
    // `Lopez` in `Andres Manuel Lopez Obradorpresident`: a surname mid-sentence, before another.
    let name_word = !lexicon.is_word(text)
        || matches!(lexicon.name_kind(text), Some(NameKind::Surname))
        || lexicon.is_capitalised_only(text);
    let unknown_name = capitalised
        && name_word
        && lexicon
            .name_kind(text)
            .is_none_or(|k| k == NameKind::Surname)
        && !doc.is_sentence_start(word.span.start);
    unknown_name.then_some(text)
}

/// The longest gazetteer name that ends with `left` and starts with the words before the token
/// (`Bank of Spain` is not listed, `Spain` is; `Soviet Union` is).
pub(super) fn gazetteer_phrase(
    left: &str,
    doc: &Document,
    index: usize,
    lexicon: &Lexicon,
) -> Option<String> {
    let tokens = doc.tokens();
    let mut words: Vec<&str> = Vec::new();
    let mut i = index;
    while words.len() + 1 < lexicon.longest_name_words() && i >= 2 {
        let space = &tokens[i - 1];
        let word = &tokens[i - 2];
        if space.kind != TokenKind::Space || doc.token_text(space) != " " {
            break;
        }
        if word.kind != TokenKind::Word {
            break;
        }
        words.push(doc.token_text(word));
        i -= 2;
    }
    let mut best = None;
    for n in 0..=words.len() {
        let mut phrase = String::new();
        for w in words[..n].iter().rev() {
            phrase.push_str(w);
            phrase.push(' ');
        }
        phrase.push_str(left);
        if lexicon.name_kind(&phrase).is_some() {
            best = Some(phrase);
        }
    }
    best
}

/// The best split: strongest backing, then safe, then score. Two different safe splits with the
/// same backing make the choice ambiguous: the winner is only a suggestion.
pub(super) fn pick(candidates: &mut [Candidate]) -> Option<&Candidate> {
    candidates.sort_by(|a, b| {
        (b.backing, b.safe)
            .cmp(&(a.backing, a.safe))
            .then(b.score.total_cmp(&a.score))
    });
    if candidates.len() >= 2 {
        let (first, second) = (&candidates[0], &candidates[1]);
        if first.safe
            && second.safe
            && first.backing == second.backing
            && first.split != second.split
        {
            candidates[0].safe = false;
            candidates[0].confidence *= 0.5;
        }
    }
    candidates.first()
}
