#![doc = include_str!("glued_words.md")]

mod boundary;
mod candidates;
mod shape;
#[cfg(test)]
mod tests;

use rustc_hash::FxHashSet as HashSet;

use serde::Deserialize;

use crate::engine::document::{Document, TokenKind};
use crate::engine::finding::{Applicability, CheckId, CheckInfo, Family, Finding, Fix};
use crate::passes::{Context, Pass};

use candidates::*;
use shape::*;

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
    pub(super) min_right_count: u64,
    pub(super) min_left_count: u64,
    pub(super) function_words: Vec<String>,
    pub(super) name_endings: Vec<String>,
    pub(super) particles: Vec<String>,
    pub(super) comma_before: Vec<String>,
    /// Job titles that follow a full name in apposition (`Artyom Lukin, professor at`).
    pub(super) appositive_titles: Vec<String>,
    pub(super) participle_comma: bool,
    pub(super) participle_exceptions: Vec<String>,
    pub(super) number_words: Vec<String>,
    pub(super) compound_left: Vec<String>,
    pub(super) compound_right: Vec<String>,
    pub(super) suffixes: Vec<String>,
    pub(super) units: Vec<String>,
    /// Words a drop cap writes in capitals at the start of a text (`THEruling` → `The ruling`).
    pub(super) lead_words: Vec<String>,
    /// Endings of adjectives and participles (`national`, `significant`, `undocumented`).
    pub(super) adjective_endings: Vec<String>,
    /// Prepositions of two letters that end no compound (`rangeof`, `assistin`).
    pub(super) short_prepositions: Vec<String>,
    /// Plurals without -s (`people`): a number glued before one is a count.
    pub(super) irregular_plurals: Vec<String>,
    /// Weights and thresholds of the boundary score (`boundary.rs`).
    pub(super) score: boundary::Weights,
}

fn set(words: Vec<String>) -> HashSet<Box<str>> {
    words
        .into_iter()
        .map(|w| w.to_lowercase().into_boxed_str())
        .collect()
}

/// Splits glued words; see the module documentation.
pub struct GluedWords {
    pub(super) min_right_count: u64,
    pub(super) min_left_count: u64,
    pub(super) function_words: HashSet<Box<str>>,
    pub(super) name_endings: HashSet<Box<str>>,
    pub(super) particles: HashSet<Box<str>>,
    pub(super) comma_before: HashSet<Box<str>>,
    pub(super) appositive_titles: HashSet<Box<str>>,
    pub(super) participle_comma: bool,
    pub(super) participle_exceptions: HashSet<Box<str>>,
    pub(super) number_words: HashSet<Box<str>>,
    pub(super) compound_left: HashSet<Box<str>>,
    pub(super) compound_right: HashSet<Box<str>>,
    pub(super) suffixes: HashSet<Box<str>>,
    pub(super) units: HashSet<Box<str>>,
    pub(super) lead_words: HashSet<Box<str>>,
    pub(super) adjective_endings: Vec<String>,
    pub(super) short_prepositions: HashSet<Box<str>>,
    pub(super) irregular_plurals: HashSet<Box<str>>,
    pub(super) weights: boundary::Weights,
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
            lead_words: set(table.lead_words),
            adjective_endings: table.adjective_endings,
            short_prepositions: set(table.short_prepositions),
            irregular_plurals: set(table.irregular_plurals),
            weights: table.score,
        })
    }
}

impl GluedWords {
    /// Whether `left` (in capitals) is a word a drop cap writes at the start of a sentence.
    fn is_lead(&self, doc: &Document, index: usize, left: &str) -> bool {
        let tokens = doc.tokens();
        // Skip an opening quote: `“BUTthat’s it`.
        let mut start = index;
        while start > 0
            && matches!(
                doc.token_text(&tokens[start - 1]),
                "“" | "\"" | "‘" | "'" | "«"
            )
        {
            start -= 1;
        }
        // A sentence start, a line start, or after a number or a dash (`date 2022-05-04 ANDthe`).
        let before = tokens[..start]
            .iter()
            .rev()
            .find(|t| t.kind != TokenKind::Space);
        let at_start = doc.is_sentence_start(tokens[start].span.start)
            || before.is_none_or(|t| {
                matches!(t.kind, TokenKind::LineBreak | TokenKind::Number)
                    || matches!(doc.token_text(t), "." | "!" | "?" | "-" | "–" | "—" | ":")
            });
        self.lead_words.contains(left.to_lowercase().as_str()) && at_start
    }
}

/// `THE` → `The`.
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
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
            // `ATone`, `INa` opening a sentence: the case pattern outweighs the lower-case word.
            let lead = matches!(shape(word), Some(Shape::Acronym(split))
                if self.is_lead(doc, index, &word[..split]));
            // `Sotomayor`, `Tebas`, `Fico`: a form wordfreq knows in some language is a name
            // or a compound the lexicon lacks.
            if !lead && (known || boundary::whole_is_word(word)) {
                continue;
            }
            let Some(shape) = shape(word) else {
                out.extend(self.boundary_finding(doc, index, lexicon));
                continue;
            };
            if lead {
                // Nothing below applies to a drop cap's word.
            } else if lexicon.name_kind(word).is_some()
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
                    if self.is_lead(doc, index, left)
                        && (self.is_function_word(right)
                            || crate::engine::frequency::english(right).is_some_and(|z| z >= 3.0))
                    {
                        // `THEperson`, `INa` opening a sentence: a drop cap's word.
                        candidates.push(Candidate {
                            split,
                            backing: Backing::Strong,
                            safe: true,
                            display_only: false,
                            confidence: 0.9,
                            score: 0.0,
                            evidence: format!(
                                "`{left}` opens the sentence in capitals (a drop cap); \
                                 `{right}` is a common word"
                            ),
                        });
                    }
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
                        // Two capitals alone (`JGit`, `CTest`) are as often a brand's CamelCase;
                        // a drop cap's word opening the text is not (`INa`, `ATone`).
                        let safe = known
                            || alone
                            || (left.chars().count() >= 3 && right.len() >= 3)
                            || self.is_lead(doc, index, left);
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
                    if !ok && !capitalised {
                        // `105people`, `1photo`: a count before a noun, scored.
                        let units = |w: &str| self.units.contains(w) || self.suffixes.contains(w);
                        // `£90million` is British style, `105people` is glue.
                        let currency = index > 0
                            && matches!(
                                doc.token_text(&doc.tokens()[index - 1]),
                                "£" | "$" | "€" | "¥"
                            );
                        let count_word = |w: &str| {
                            self.irregular_plurals.contains(w)
                                || (!currency && self.number_words.contains(w))
                        };
                        if doc.count_exact(word) <= 1
                            && let Some(scored) = boundary::score_number_noun(
                                &self.weights,
                                split,
                                word,
                                units,
                                count_word,
                            )
                        {
                            out.extend(self.finding_of(doc, index, scored));
                        }
                        continue;
                    }
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
            // `THEruling` opening the text: a drop cap's word, written `The ruling`.
            let lead = matches!(shape, Shape::Acronym(_)) && self.is_lead(doc, index, left);
            let titled;
            let left = if lead {
                titled = title_case(left);
                titled.as_str()
            } else {
                left
            };
            // A name starting the sentence is its subject: no comma before a participle.
            let comma = !lead
                && comma_ok
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
