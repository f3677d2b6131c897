//! Scoring one article: the faithful port of `score.py` (annotations located, edits aligned,
//! each annotation fixed, wrong or missed, and the false edits).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use align::{Tag, norm, py_is_alnum, tokens};

use super::*;

/// One annotated artifact, as stored in a gold file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub cat: String,
    pub tier: String,
    pub before: String,
    pub accept: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct GoldFile {
    pub(crate) annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Fixed,
    Wrong,
    Missed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fixed => "fixed",
            Status::Wrong => "wrong",
            Status::Missed => "missed",
        }
    }
}

/// One annotation judged against an output.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    pub cat: String,
    pub tier: String,
    pub before: String,
    pub status: Status,
    /// What the output reads there (the smallest candidate, as `score.py` reports it).
    pub got: String,
}

/// A change outside every annotation.
#[derive(Debug, Clone, Serialize)]
pub struct FalseEdit {
    pub before: String,
    pub after: String,
    /// About 25 characters either side of the change in the original, newlines as spaces.
    pub context: String,
}

/// The score of one output, before any totals (`score.py`'s `score()`).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleScore {
    pub words: usize,
    /// Every annotation, optional ones included.
    pub judged: Vec<Judged>,
    pub false_edits: Vec<FalseEdit>,
}

/// Finds each annotation's byte span: `before` must occur exactly once.
pub fn locate(orig: &str, anns: &[Annotation]) -> Result<Vec<(usize, usize)>, String> {
    anns.iter()
        .map(|a| {
            let count = if a.before.is_empty() {
                0
            } else {
                orig.matches(a.before.as_str()).count()
            };
            if count != 1 {
                return Err(format!(
                    "`before` {:?} occurs {count} times in the article (must be exactly once)",
                    a.before
                ));
            }
            let start = orig.find(a.before.as_str()).unwrap();
            Ok((start, start + a.before.len()))
        })
        .collect()
}

/// Slice `s` from `chars` characters before byte `from` to `chars` characters after byte `to`.
pub(crate) fn context(s: &str, from: usize, to: usize, chars: usize) -> String {
    let start = s[..from]
        .char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(0, |(i, _)| i);
    let end = s[to.min(s.len())..]
        .char_indices()
        .nth(chars)
        .map_or(s.len(), |(i, _)| to + i);
    s[start..end].replace('\n', " ")
}

/// `score.py`'s `score()`: judges every annotation and lists false edits.
/// `anns` must be located in `orig` (see [`locate`]).
pub fn score(orig: &str, hyp: &str, anns: &[Annotation]) -> Result<ArticleScore, String> {
    let located = locate(orig, anns)?;
    let ot = tokens(orig);
    let ht = tokens(hyp);
    let ow: Vec<&str> = ot.iter().map(|t| t.text).collect();
    let hw: Vec<&str> = ht.iter().map(|t| t.text).collect();
    let ops = align::SequenceMatcher::new(&ow, &hw).opcodes();
    let hyp_text = |j1: usize, j2: usize| -> &str {
        if j1 >= j2 {
            ""
        } else {
            &hyp[ht[j1].start..ht[j2 - 1].end]
        }
    };
    let map_start = |ts: usize| {
        for o in &ops {
            if o.i1 <= ts && ts < o.i2 {
                return if o.tag == Tag::Equal {
                    o.j1 + (ts - o.i1)
                } else {
                    o.j1
                };
            }
        }
        ht.len()
    };
    let map_end = |te: usize| {
        for o in &ops {
            if o.i1 < te && te <= o.i2 {
                return if o.tag == Tag::Equal {
                    o.j1 + (te - o.i1)
                } else {
                    o.j2
                };
            }
        }
        0
    };
    let mut spans = Vec::with_capacity(anns.len());
    for (a, &(start, end)) in anns.iter().zip(&located) {
        let ts = ot.iter().position(|t| t.end > start);
        let te = ot.iter().rposition(|t| t.start < end);
        match (ts, te) {
            (Some(ts), Some(te)) => spans.push((ts, te + 1)),
            _ => return Err(format!("`before` {:?} holds no token", a.before)),
        }
    }
    let mut judged = Vec::with_capacity(anns.len());
    for (a, &(ts, te)) in anns.iter().zip(&spans) {
        let (hs, he) = (map_start(ts), map_end(te));
        let mut cands = vec![norm(hyp_text(hs, he))];
        for o in &ops {
            if o.tag == Tag::Insert && o.i1 == ts {
                cands.push(norm(hyp_text(o.j1, he)));
            }
            if o.tag == Tag::Insert && o.i1 == te {
                cands.push(norm(hyp_text(hs, o.j2)));
            }
        }
        cands.sort();
        cands.dedup();
        let status = if a.accept.iter().any(|x| cands.contains(&norm(x))) {
            Status::Fixed
        } else if cands.contains(&norm(&a.before)) {
            Status::Missed
        } else {
            Status::Wrong
        };
        judged.push(Judged {
            cat: a.cat.clone(),
            tier: a.tier.clone(),
            before: a.before.clone(),
            status,
            got: cands[0].clone(),
        });
    }
    let mut false_edits = Vec::new();
    for o in &ops {
        if o.tag == Tag::Equal {
            continue;
        }
        let covered = spans.iter().any(|&(ts, te)| {
            if o.tag == Tag::Insert {
                ts <= o.i1 && o.i1 <= te
            } else {
                o.i1 < te && ts < o.i2
            }
        });
        if covered {
            continue;
        }
        let before = if o.i2 > o.i1 {
            &orig[ot[o.i1].start..ot[o.i2 - 1].end]
        } else {
            ""
        };
        let from = if o.i1 < ot.len() {
            ot[o.i1].start
        } else {
            orig.len()
        };
        let to = if o.i2 > o.i1 {
            ot[o.i2 - 1].end
        } else if ot.is_empty() {
            0
        } else {
            ot[o.i1.min(ot.len() - 1)].start
        };
        false_edits.push(FalseEdit {
            before: before.to_string(),
            after: hyp_text(o.j1, o.j2).to_string(),
            context: if to >= from {
                context(orig, from, to, 25)
            } else {
                context(orig, to, from, 25)
            },
        });
    }
    let words = ot
        .iter()
        .filter(|t| t.text.chars().next().is_some_and(py_is_alnum))
        .count();
    Ok(ArticleScore {
        words,
        judged,
        false_edits,
    })
}

/// Python's `round(x, 3)` (correctly rounded from the binary value, like Rust's formatting).
pub fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap()
}

pub(crate) fn round2(x: f64) -> f64 {
    format!("{x:.2}").parse().unwrap()
}

pub(crate) fn ratio(num: usize, den: usize, empty: f64) -> f64 {
    if den == 0 {
        empty
    } else {
        num as f64 / den as f64
    }
}

/// `1.25·P·R / (0.25·P + R)`, 0 when both are 0.
pub fn f05(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        1.25 * p * r / (0.25 * p + r)
    } else {
        0.0
    }
}

impl ArticleScore {
    /// The JSON line `score.py --json` prints for this score (same keys, same rounding).
    pub fn score_py_json(&self) -> serde_json::Value {
        let fe = self.false_edits.len();
        let mut out = serde_json::json!({
            "words": self.words,
            "false_edits": fe,
            "false_per_1k_words": round2(1000.0 * fe as f64 / self.words.max(1) as f64),
        });
        let mut totals = Totals::default();
        totals.add(self);
        if totals.annotations > 0 {
            let rc = ratio(totals.fixed_core, totals.core, 0.0);
            let (p, ra) = (totals.precision(), totals.recall_all());
            let cats: BTreeMap<&String, String> = totals
                .by_category
                .iter()
                .map(|(k, c)| (k, format!("{}/{}", c.fixed, c.fixed + c.wrong + c.missed)))
                .collect();
            let map = out.as_object_mut().unwrap();
            map.insert("annotations".into(), totals.annotations.into());
            map.insert("fixed".into(), totals.fixed.into());
            map.insert("wrong".into(), totals.wrong.into());
            map.insert("recall_core".into(), round3(rc).into());
            map.insert("recall_all".into(), round3(ra).into());
            map.insert("precision".into(), round3(p).into());
            map.insert("f0.5".into(), round3(f05(p, ra)).into());
            map.insert("by_category".into(), serde_json::json!(cats));
        }
        out
    }
}
