#![doc = include_str!("glued_words.md")]

use rustc_hash::FxHashSet as HashSet;

use serde::Deserialize;

use crate::engine::document::{Document, Token, TokenKind};
use crate::engine::finding::{Applicability, CheckId, CheckInfo, Family, Finding, Fix};
use crate::engine::lexicon::{Lexicon, NameKind};
use crate::passes::{Context, Pass};

/// The `glued-word` check.
pub static GLUED_WORD: CheckInfo = CheckInfo {
    id: "glued-word",
    family: Family::Glue,
    summary: "a link's text fused with the next word: `Soviet Unionbut` → `Soviet Union, but`",
    doc: include_str!("glued_words.md"),
};

static CHECKS: [&CheckInfo; 1] = [&GLUED_WORD];

const TABLE_FILE: &str = "tables/glue.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    min_right_count: u64,
    min_left_count: u64,
    function_words: Vec<String>,
    name_endings: Vec<String>,
    particles: Vec<String>,
    comma_before: Vec<String>,
    /// Job titles that follow a full name in apposition (`Artyom Lukin, professor at`).
    appositive_titles: Vec<String>,
    participle_comma: bool,
    participle_exceptions: Vec<String>,
    number_words: Vec<String>,
    compound_left: Vec<String>,
    compound_right: Vec<String>,
    suffixes: Vec<String>,
    units: Vec<String>,
}

fn set(words: Vec<String>) -> HashSet<Box<str>> {
    words
        .into_iter()
        .map(|w| w.to_lowercase().into_boxed_str())
        .collect()
}

/// Splits glued words; see the module documentation.
pub struct GluedWords {
    min_right_count: u64,
    min_left_count: u64,
    function_words: HashSet<Box<str>>,
    name_endings: HashSet<Box<str>>,
    particles: HashSet<Box<str>>,
    comma_before: HashSet<Box<str>>,
    appositive_titles: HashSet<Box<str>>,
    participle_comma: bool,
    participle_exceptions: HashSet<Box<str>>,
    number_words: HashSet<Box<str>>,
    compound_left: HashSet<Box<str>>,
    compound_right: HashSet<Box<str>>,
    suffixes: HashSet<Box<str>>,
    units: HashSet<Box<str>>,
}

impl GluedWords {
    /// The pass with the table embedded in the binary.
    pub fn embedded() -> GluedWords {
        let text = crate::engine::data::required(TABLE_FILE);
        GluedWords::from_toml(text).expect("data/tables/glue.toml is valid")
    }

    /// The pass with a table in the format of `data/tables/glue.toml`.
    pub fn from_toml(text: &str) -> Result<GluedWords, toml::de::Error> {
        let table: TableFile = toml::from_str(text)?;
        Ok(GluedWords {
            min_right_count: table.min_right_count,
            min_left_count: table.min_left_count,
            function_words: set(table.function_words),
            name_endings: set(table.name_endings),
            particles: set(table.particles),
            comma_before: set(table.comma_before),
            appositive_titles: set(table.appositive_titles),
            participle_comma: table.participle_comma,
            participle_exceptions: set(table.participle_exceptions),
            number_words: set(table.number_words),
            compound_left: set(table.compound_left),
            compound_right: set(table.compound_right),
            suffixes: set(table.suffixes),
            units: set(table.units),
        })
    }
}

/// The shape of a token that may be glued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `fiveyears`
    Lower,
    /// `Shoiguvisited`: one capital, then lower case.
    Capitalised,
    /// `USApointing`: capitals up to this byte, then lower case.
    Acronym(usize),
    /// `1953with`, `1At`: digits up to this byte, then a word.
    Number(usize),
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
            && c != '×'
            && c != '÷')
}

fn all_lower(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| is_latin_letter(c) && c.is_lowercase())
}

/// Classifies a word token; `None` for anything that is never split (CamelCase, all capitals,
/// digits inside letters, other scripts, combining marks).
fn shape(word: &str) -> Option<Shape> {
    let first = word.chars().next()?;
    if first.is_ascii_digit() {
        let digits = word
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(word.len());
        let rest = &word[digits..];
        let mut chars = rest.chars();
        let head = chars.next()?;
        let tail = chars.as_str();
        let word_like = is_latin_letter(head) && (tail.is_empty() || all_lower(tail));
        return word_like.then_some(Shape::Number(digits));
    }
    if !word.chars().all(is_latin_letter) {
        return None;
    }
    if first.is_lowercase() {
        return all_lower(word).then_some(Shape::Lower);
    }
    let caps = word.find(|c: char| !c.is_uppercase()).unwrap_or(word.len());
    let rest = &word[caps..];
    if !all_lower(rest) {
        return None; // all capitals, or CamelCase: `iPhone`, `McDonald`, `YouTube`
    }
    if word[..caps].chars().count() >= 2 {
        Some(Shape::Acronym(caps))
    } else {
        Some(Shape::Capitalised)
    }
}

/// Where the backing of a capitalised left half comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// A place or organisation of the gazetteer (`Soviet Union`).
    Place,
    /// The article writes it alone elsewhere.
    Article,
    Other,
}

/// How well the left half of a split is backed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Backing {
    /// An unknown word that may be a name.
    Weak,
    /// Only a given name or surname of the gazetteer.
    Medium,
    /// A gazetteer place or organisation, a user name, an acronym, a number, or a name the
    /// article writes alone.
    Strong,
}

struct Candidate {
    split: usize,
    backing: Backing,
    safe: bool,
    /// Reported with a suggestion, never applied: the split is not convincing.
    display_only: bool,
    confidence: f32,
    score: f64,
    evidence: String,
}

fn adjacent_punct<'t>(doc: &'t Document, token: Option<&Token>) -> Option<&'t str> {
    let token = token?;
    (token.kind == TokenKind::Punct).then(|| doc.token_text(token))
}

impl GluedWords {
    /// Whether the token sits inside a URL, an address, a hashtag, a handle, a dotted or
    /// snake_case name, or a hyphenated or apostrophe compound.
    fn in_code_like_context(&self, doc: &Document, index: usize, shape: Shape) -> bool {
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

    fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }

    /// A right half (lower case) that can be the next word of a sentence.
    fn right_half_ok(&self, right: &str, lexicon: &Lexicon, min_chars: usize) -> Option<u64> {
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
    fn name_backing(
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

    fn capitalised_candidates(
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
                Source::Article => right.len() >= 3,
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

    fn lower_candidates(&self, word: &str, lexicon: &Lexicon, out: &mut Vec<Candidate>) {
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
            let Some(right_count) = self.right_half_ok(right, lexicon, 3) else {
                continue;
            };
            let participle = (left.ends_with("ed") || left.ends_with("ing")) && left.len() >= 6;
            let plural = left.len() >= 5
                && left.ends_with('s')
                && !(left.ends_with("ss") || left.ends_with("us") || left.ends_with("is"))
                && lexicon.frequency_of_lowercase(&left[..left.len() - 1]) >= self.min_left_count;
            let function = self.is_function_word(right);
            let mut display_only = false;
            let (safe, confidence, why) = if self.particles.contains(right) {
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

    fn comma_after_name(&self, right: &str) -> bool {
        self.comma_before.contains(right)
            || (self.participle_comma
                && right.ends_with("ing")
                && right.chars().count() >= 6
                && !self.participle_exceptions.contains(right))
    }
}

fn kind_name(kind: NameKind) -> &'static str {
    match kind {
        NameKind::Country => "country",
        NameKind::Capital => "capital",
        NameKind::City => "city",
        NameKind::Demonym => "demonym",
        NameKind::Org => "organisation",
        NameKind::Region => "region",
        NameKind::Given => "given name",
        NameKind::Surname => "surname",
        NameKind::User => "name (user lexicon)",
    }
}

fn right_evidence(right: &str, function: bool) -> String {
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
fn given_name_before<'d>(doc: &'d Document, index: usize, lexicon: &Lexicon) -> Option<&'d str> {
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
    let unknown_name = capitalised
        && !lexicon.is_word(text)
        && lexicon.name_kind(text).is_none()
        && !doc.is_sentence_start(word.span.start);
    unknown_name.then_some(text)
}

/// The longest gazetteer name that ends with `left` and starts with the words before the token
/// (`Bank of Spain` is not listed, `Spain` is; `Soviet Union` is).
fn gazetteer_phrase(left: &str, doc: &Document, index: usize, lexicon: &Lexicon) -> Option<String> {
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

impl Pass for GluedWords {
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &CHECKS
    }

    fn find(&self, doc: &Document, context: &Context, out: &mut Vec<Finding>) {
        let lexicon = context.lexicon;
        let mut lower = String::new();
        let mut candidates = Vec::new();
        for (index, token) in doc.tokens().iter().enumerate() {
            if token.kind != TokenKind::Word || token.span.len() < 3 {
                continue;
            }
            let word = doc.token_text(token);
            // Cheap first: most tokens are known words.
            let known = if word.bytes().all(|b| b.is_ascii_lowercase()) {
                lexicon.frequency_of_lowercase(word) > 0
            } else {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                lexicon.frequency_of_lowercase(&lower) > 0
            };
            if known {
                continue;
            }
            let Some(shape) = shape(word) else {
                continue;
            };
            if lexicon.name_kind(word).is_some()
                || lexicon.name_kind_ignoring_case(word).is_some()
                || lexicon.is_capitalised_only(word)
                || self.in_code_like_context(doc, index, shape)
            {
                continue;
            }
            candidates.clear();
            let mut comma_ok = false;
            match shape {
                Shape::Lower => self.lower_candidates(word, lexicon, &mut candidates),
                Shape::Capitalised => {
                    comma_ok = true;
                    self.capitalised_candidates(word, doc, index, lexicon, &mut candidates);
                }
                Shape::Acronym(split) => {
                    comma_ok = true;
                    let (left, right) = word.split_at(split);
                    // `JPMorgan`, `PCWorld`: the last capital may start a capitalised word.
                    let last_capital = left.char_indices().last().map_or(0, |(i, _)| i);
                    let tail = &word[last_capital..];
                    let tail_lower = tail.to_lowercase();
                    let camel = lexicon.name_kind(tail).is_some()
                        || lexicon.is_capitalised_only(tail)
                        || lexicon.frequency_of_lowercase(&tail_lower)
                            > lexicon.frequency_of_lowercase(right);
                    // `DWIMmed`, `OKing`: a verb made of the acronym, last letter doubled or not.
                    let verb_form = self.suffixes.contains(right)
                        || right
                            .strip_prefix(|c: char| tail_lower.starts_with(c))
                            .is_some_and(|rest| self.suffixes.contains(rest));
                    if let Some(count) = self
                        .right_half_ok(right, lexicon, 4)
                        .filter(|_| !camel && !verb_form)
                    {
                        let function = self.is_function_word(right);
                        let known = lexicon.name_kind(left).is_some();
                        let alone = doc.count_exact(left) > 0;
                        let why_left = if known {
                            format!("`{left}` is a known name")
                        } else if alone {
                            format!("`{left}` stands alone elsewhere in the article")
                        } else {
                            format!("`{left}` is an acronym")
                        };
                        // Two capitals alone (`JGit`, `CTest`) are as often a brand's CamelCase.
                        let safe =
                            known || alone || (left.chars().count() >= 3 && right.len() >= 3);
                        candidates.push(Candidate {
                            split,
                            backing: Backing::Strong,
                            safe,
                            display_only: false,
                            confidence: 0.9,
                            score: (count as f64).ln(),
                            evidence: format!("{why_left}; {}", right_evidence(right, function)),
                        });
                    }
                }
                Shape::Number(split) => {
                    let right = &word[split..];
                    let capitalised = right.starts_with(|c: char| c.is_uppercase());
                    lower.clear();
                    lower.extend(right.chars().flat_map(char::to_lowercase));
                    let right_lower = lower.as_str();
                    // Up to four digits: a day, a count, a year; longer is an id or a hash.
                    let year = split == 4;
                    let ok = split <= 4
                        && if capitalised {
                            // `July 1At the summit`: a capitalised function word starts a sentence.
                            self.is_function_word(right_lower) && right.len() >= 2
                        } else if self.is_function_word(right_lower) && right.len() >= 2 {
                            // `1950-1953with`; `2in` is two inches, `2024a` a label.
                            year || right.len() >= 3
                        } else {
                            // `2006sanctions`; `32bit`, `256color` are units and settings.
                            year && right.len() >= 4
                                && !self.units.contains(right_lower)
                                && self.right_half_ok(right_lower, lexicon, 4).is_some()
                        };
                    if ok {
                        let function = self.is_function_word(right_lower);
                        candidates.push(Candidate {
                            split,
                            backing: Backing::Strong,
                            safe: true,
                            display_only: false,
                            confidence: 0.85,
                            score: 0.0,
                            evidence: format!(
                                "a number glued to a word; {}",
                                right_evidence(right_lower, function)
                            ),
                        });
                    }
                }
            }
            let Some(best) = pick(&mut candidates) else {
                continue;
            };
            // A form the article repeats is usually a real word (`Krivoruchko` twice), unless a
            // strong name is glued to a function word each time (a link repeated: `Russiaand`).
            if doc.count_exact(word) > 1
                && !(best.safe && self.is_function_word(&word[best.split..].to_lowercase()))
            {
                continue;
            }
            let (left, right) = word.split_at(best.split);
            // A name starting the sentence is its subject: no comma before a participle.
            let comma = comma_ok
                && (self.comma_before.contains(right)
                    || (!doc.is_sentence_start(token.span.start) && self.comma_after_name(right)));
            let replacement = format!("{left}{} {right}", if comma { "," } else { "" });
            // A token alone in quotes or brackets is talked about (`"stringprefix"`,
            // `(hintslight)`): an identifier spelled so on purpose, never split unreviewed.
            let mentioned =
                crate::engine::document::is_mentioned(doc.text(), token.span.start, token.span.end);
            let applicability = if best.safe && !mentioned {
                Applicability::Safe
            } else if best.display_only {
                Applicability::DisplayOnly
            } else {
                Applicability::Unsafe
            };
            out.push(Finding {
                span: token.span.clone(),
                check: CheckId::Builtin(&GLUED_WORD),
                family: Family::Glue,
                message: format!("glued words: {} → {replacement}", best.evidence),
                fix: Some(Fix {
                    replacement,
                    applicability,
                    confidence: best.confidence,
                }),
            });
        }
    }
}

/// The best split: strongest backing, then safe, then score. Two different safe splits with the
/// same backing make the choice ambiguous: the winner is only a suggestion.
fn pick(candidates: &mut [Candidate]) -> Option<&Candidate> {
    candidates.sort_by(|a, b| {
        (b.backing, b.safe)
            .cmp(&(a.backing, a.safe))
            .then(b.score.total_cmp(&a.score))
    });
    if candidates.len() >= 2 {
        let (first, second) = (&candidates[0], &candidates[1]);
        if first.safe && second.safe && first.backing == second.backing {
            candidates[0].safe = false;
            candidates[0].confidence *= 0.5;
        }
    }
    candidates.first()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, Options, Policy};

    fn cleaner() -> &'static Cleaner {
        static CLEANER: std::sync::OnceLock<Cleaner> = std::sync::OnceLock::new();
        CLEANER.get_or_init(|| Cleaner::new(&Options::default()).unwrap())
    }

    fn glue_findings(input: &str) -> Vec<Finding> {
        let doc = Document::new(input);
        let context = Context {
            lexicon: Lexicon::embedded(),
        };
        let mut out = Vec::new();
        GluedWords::embedded().find(&doc, &context, &mut out);
        out
    }

    /// The safe fixes of this pass alone turn `input` into `expected`.
    #[track_caller]
    fn assert_fix(input: &str, expected: &str) {
        let findings: Vec<Finding> = glue_findings(input)
            .into_iter()
            .filter(|f| f.applicability() == Applicability::Safe)
            .collect();
        let mut text = input.to_string();
        for finding in findings.iter().rev() {
            let fix = finding.fix.as_ref().unwrap();
            text.replace_range(finding.span.clone(), &fix.replacement);
        }
        assert_eq!(text, expected, "{findings:#?}");
    }

    #[track_caller]
    fn assert_no_findings(input: &str) {
        let findings = glue_findings(input);
        assert!(findings.is_empty(), "{input}: {findings:#?}");
    }

    #[track_caller]
    fn assert_suggests(input: &str, expected: &str) {
        let findings = glue_findings(input);
        assert!(
            findings
                .iter()
                .all(|f| f.applicability() != Applicability::Safe),
            "{findings:#?}"
        );
        let outcome = cleaner().clean(input, Policy::SafeAndUnsafe);
        assert_eq!(outcome.text, expected);
    }

    #[test]
    fn table_is_embedded_and_valid() {
        let pass = GluedWords::embedded();
        assert!(pass.is_function_word("which"));
        assert!(GluedWords::from_toml("min_right_count = 1").is_err());
    }

    #[test]
    fn splits_name_before_relative_pronoun_with_comma() {
        assert_fix(
            "Their report to the Bank of Spainwhich said so.",
            "Their report to the Bank of Spain, which said so.",
        );
    }

    #[test]
    fn splits_multi_word_gazetteer_name() {
        assert_fix(
            "It was part of the Soviet Unionbut now it is not.",
            "It was part of the Soviet Union, but now it is not.",
        );
        assert_fix(
            "They flew to New Zealandin March.",
            "They flew to New Zealand in March.",
        );
    }

    #[test]
    fn splits_country_before_participle_with_comma() {
        assert_fix(
            "Troops returned to Russiaspeaking of peace.",
            "Troops returned to Russia, speaking of peace.",
        );
    }

    #[test]
    fn splits_country_before_content_word_without_comma() {
        assert_fix(
            "The war on Ukraineanalysts say is long.",
            "The war on Ukraine analysts say is long.",
        );
    }

    #[test]
    fn splits_name_that_stands_alone_elsewhere() {
        assert_fix(
            "Sergei Shoiguvisited Pyongyang. Shoigu met Kim.",
            "Sergei Shoigu visited Pyongyang. Shoigu met Kim.",
        );
    }

    #[test]
    fn splits_unknown_full_name_before_past_verb() {
        // `Volodímir` is no English word and stands mid-sentence: a given name.
        assert_fix(
            "President Volodímir Zelenskiasked for help.",
            "President Volodímir Zelenski asked for help.",
        );
    }

    #[test]
    fn only_suggests_unknown_name_before_word_without_given_name() {
        assert_suggests(
            "The president, Zelenskiasked for help.",
            "The president, Zelenski asked for help.",
        );
    }

    #[test]
    fn splits_full_name_before_clause() {
        assert_fix(
            "the minister Felix Bolañoshas said",
            "the minister Felix Bolaños has said",
        );
        assert_fix(
            "the judge Javier Aguirrewho led it",
            "the judge Javier Aguirre, who led it",
        );
    }

    #[test]
    fn keeps_full_name_ending_in_a_name_ending() {
        assert_no_findings("the actor Ashton Kutcher and Walter Brattain met.");
    }

    #[test]
    fn splits_full_name_before_job_title() {
        assert_fix(
            "wrote Artyom Lukinprofessor at the university",
            "wrote Artyom Lukin professor at the university",
        );
        assert_suggests(
            "Lukinprofessor at the university",
            "Lukin professor at the university",
        );
    }

    #[test]
    fn splits_foreign_full_name_before_function_word() {
        assert_fix(
            "the spokesman Patxi Lopezhas said it.",
            "the spokesman Patxi Lopez has said it.",
        );
    }

    #[test]
    fn only_suggests_surname_before_function_word_at_sentence_start() {
        assert_suggests("Patxi Lopezhas said it.", "Patxi Lopez has said it.");
    }

    #[test]
    fn splits_acronym_before_lowercase_word() {
        assert_fix(
            "Washington has said. USApointing to Moscow.",
            "Washington has said. USA pointing to Moscow.",
        );
        assert_fix(
            "the public broadcaster RTVEwhose board",
            "the public broadcaster RTVE, whose board",
        );
        assert_fix("the ERCthe party", "the ERC the party");
    }

    #[test]
    fn splits_number_before_word() {
        assert_fix(
            "the war of 1950-1953with extensive damage",
            "the war of 1950-1953 with extensive damage",
        );
        assert_fix(
            "on Monday July 1At the summit",
            "on Monday July 1 At the summit",
        );
    }

    #[test]
    fn splits_lowercase_words() {
        assert_fix("for fiveyears now", "for five years now");
        assert_fix(
            "he participatedin the talks",
            "he participated in the talks",
        );
        assert_fix(
            "they receivedpersonal letters",
            "they received personal letters",
        );
        assert_fix(
            "it was “exceptionalbut fair",
            "it was “exceptional but fair",
        );
        assert_fix(
            "Ukrainian cerealsraised prices",
            "Ukrainian cereals raised prices",
        );
    }

    #[test]
    fn keeps_known_words_and_names() {
        assert_no_findings(
            "Washington, Pyongyang, Vladivostok and Interfax reported it in Moscow.",
        );
        assert_no_findings("Shoigu arrived. Later Shoigu left.");
    }

    #[test]
    fn keeps_token_written_the_same_elsewhere() {
        assert_no_findings("Krivoruchkowho arrived. Krivoruchkowho left.");
    }

    #[test]
    fn splits_repeated_glue_of_country_and_function_word() {
        assert_fix(
            "claimed by Russiaand denied. Talks with Russiaand China.",
            "claimed by Russia and denied. Talks with Russia and China.",
        );
    }

    #[test]
    fn keeps_title_compound_of_common_word_capitalised_elsewhere() {
        assert_no_findings("Their album Golden Heartsongs sold well; a song, Heart, did not.");
    }

    #[test]
    fn keeps_camel_case_brands_and_names() {
        assert_no_findings(
            "An iPhone, YouTube, PlayStation, DeSantis, McDonald, JPMorgan, TikTok, DeMille, \
             MacBook, LinkedIn, WhatsApp, McConnell and O'Brien.",
        );
    }

    #[test]
    fn keeps_quoted_and_bracketed_tokens_unapplied() {
        for input in [
            "whitespace is not allowed between the \"stringprefix\" and the literal",
            "fontconfig uses \"Slight\" (hintslight) as the hinting style",
        ] {
            let findings = glue_findings(input);
            assert!(
                findings
                    .iter()
                    .all(|f| f.applicability() != Applicability::Safe),
                "{input}: {findings:#?}"
            );
        }
    }

    #[test]
    fn keeps_urls_emails_hashtags_handles_and_code() {
        assert_no_findings(
            "See https://example.com/Russiaanalysts or mail john.Russiawho@example.org, \
             #Russiawhich, @Chinabut, snake_Russiaand, module.Chinawho and report.Spainwhich.",
        );
    }

    #[test]
    fn keeps_other_scripts() {
        assert_no_findings("Москваwhich and 北京who and Ελλάδαbut");
    }

    #[test]
    fn keeps_ordinals_units_and_times() {
        assert_no_findings(
            "On the 21st, 3rd and 100th day, 5km at 9am or 10pm, a 4x4 in 3D on 5G after COVID-19.",
        );
    }

    #[test]
    fn keeps_model_names_and_decades() {
        assert_no_findings("An iPhone 8, F-16s, Boeing 737s, the 1990s and an MP3.");
    }

    #[test]
    fn keeps_acronym_plurals_and_possessives() {
        assert_no_findings("The NGOs, MPs, CEOs and UNs met the NGO's staff. They OKed it.");
    }

    #[test]
    fn keeps_roman_numerals() {
        assert_no_findings("King Charles III, Pope Pius XII and World War II.");
    }

    #[test]
    fn keeps_real_compounds() {
        assert_no_findings("The webpage was underway; nonetheless, however, something happened.");
        assert_no_findings("The cyberattack and overreliance on policymakers and lawmakers.");
        assert_no_findings("A login, a plugin, a standoff and a spillover.");
        assert_no_findings("A sportsbook and the salesforce of the newsfeed.");
    }

    #[test]
    fn only_reports_long_pair_of_content_words() {
        let findings = glue_findings("an internationalorganization said");
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].applicability(), Applicability::DisplayOnly);
        assert_eq!(
            findings[0].fix.as_ref().unwrap().replacement,
            "international organization"
        );
        assert_no_findings("the coronavirus lockdowns and a horseplayer");
    }

    #[test]
    fn keeps_words_ending_in_short_function_words() {
        assert_no_findings("the grantor and the requestor use sizeof and mailto with polkit.");
    }

    #[test]
    fn does_not_apply_split_when_a_likelier_one_exists() {
        let text = "a namespace of whitespace in userspace; it transcodes";
        assert_fix(text, text);
    }

    #[test]
    fn does_not_apply_split_of_two_capital_camel_case_or_acronym_verbs() {
        let text = "Run CTest on JGit; it was DWIMmed and OKed.";
        assert_fix(text, text);
    }

    #[test]
    fn keeps_names_whose_parts_stand_alone_in_a_name_list() {
        let text = "Thanks to Greg, Gregor, Kai, Kailean, Gil, Gilles, Alex, Alexandre, Michael, \
                    Michaelis, Paul Isache and Marc, Marcin.";
        assert_fix(text, text);
    }

    #[test]
    fn splits_name_standing_alone_before_and() {
        assert_fix(
            "Kim met Putin. Later Putinand Kim signed.",
            "Kim met Putin. Later Putin and Kim signed.",
        );
    }

    #[test]
    fn keeps_numbers_with_settings_and_ids() {
        assert_no_findings(
            "a 32bit build, 256color terminal, commit 7465feb, a 2in pipe, version 2024a",
        );
    }

    #[test]
    fn keeps_common_word_place_before_name_piece() {
        let text = "the village of Maledong, Mr Agranov, Ms Dasgupta and Asciidoctor";
        assert_fix(text, text);
    }

    #[test]
    fn keeps_foreign_words() {
        assert_no_findings("The mañanera and the Generalitat and the Bundestag and the Moncloa.");
    }

    #[test]
    fn keeps_unknown_names_ending_in_name_endings() {
        assert_no_findings("Mr Tarkinson and Ms Velardeis met Mr Ferrisin.");
    }

    #[test]
    fn keeps_compound_place_names() {
        assert_no_findings("They went to Russiatown and Spainfield.");
    }

    #[test]
    fn message_states_the_evidence() {
        let findings = glue_findings("Sergei Shoiguvisited Pyongyang. Shoigu met Kim.");
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0]
                .message
                .contains("`Shoigu` stands alone elsewhere in the article"),
            "{}",
            findings[0].message
        );
        assert!(findings[0].message.contains("`visited` is a common word"));
    }

    #[test]
    fn user_lexicon_backs_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("names.txt");
        std::fs::write(&path, "Krivoruchko\n").unwrap();
        let lexicon = Lexicon::embedded().with_user_file(&path).unwrap();
        let input = "General Krivoruchkowho led it.";
        let doc = Document::new(input);
        let mut out = Vec::new();
        GluedWords::embedded().find(&doc, &Context { lexicon: &lexicon }, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].applicability(), Applicability::Safe);
        assert_eq!(out[0].fix.as_ref().unwrap().replacement, "Krivoruchko, who");
    }
}
