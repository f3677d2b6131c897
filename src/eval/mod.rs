//! Measuring the cleaner against annotated articles (`mtclean eval`).
//!
//! The annotation format and the scoring are those of the project's reference scorer
//! (`score.py` / `evaluate.py` in the shared eval folder), ported faithfully: edits are found by a
//! token alignment (`difflib.SequenceMatcher`, see [`align`]) of the original and the output; each
//! annotation is *fixed* (the output reads one of its `accept` rewrites), *missed* (it still reads
//! `before`) or *wrong*; every change outside all annotations is a *false edit*. Precision is
//! fixed / (fixed + wrong + false edits), recall is fixed / annotations (core tier, and all tiers
//! but `optional`), F0.5 weighs precision twice as much as recall, as in grammatical error
//! correction. `tests/eval_agreement.rs` checks the port against `score.py` on every article.
//!
//! Sets: every directory (given, or below a given one) that holds `*.txt` files directly is one
//! set; directories named `gold` are never sets. Gold for `DIR/<stem>.txt` is looked up as
//! `DIR/../gold/<DIR name>/<stem>.json`, then `DIR/../gold/<stem>.json`, then
//! `DIR/gold/<stem>.json` (as `evaluate.py`); an article without gold is a control.

pub mod align;
pub mod bench;
pub mod split;
pub mod synth;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Cleaner, Policy};
use align::{Tag, norm, py_is_alnum, tokens};

/// An evaluation that cannot run: names the file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("{}: bad gold file: {message}", path.display())]
    Gold { path: PathBuf, message: String },
    #[error(
        "{}: no shared eval folder there (it needs real/ and news-clean/); give its path with --data DIR",
        .0.display()
    )]
    NoData(PathBuf),
    #[error("{0}")]
    Split(String),
}

/// One annotated artifact, as stored in a gold file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub cat: String,
    pub tier: String,
    pub before: String,
    pub accept: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct GoldFile {
    annotations: Vec<Annotation>,
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
fn context(s: &str, from: usize, to: usize, chars: usize) -> String {
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

fn round2(x: f64) -> f64 {
    format!("{x:.2}").parse().unwrap()
}

fn ratio(num: usize, den: usize, empty: f64) -> f64 {
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

/// Fixed / wrong / missed annotations of one category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCounts {
    pub fixed: usize,
    pub wrong: usize,
    pub missed: usize,
}

/// Counts summed over articles; optional annotations are left out (neither credit nor blame).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub files: usize,
    pub controls: usize,
    pub words: usize,
    pub annotations: usize,
    pub core: usize,
    pub fixed: usize,
    pub fixed_core: usize,
    pub wrong: usize,
    pub missed: usize,
    pub false_edits: usize,
    pub by_category: BTreeMap<String, CategoryCounts>,
    /// The same, core tier only (core recall per family).
    pub core_by_category: BTreeMap<String, CategoryCounts>,
}

impl Totals {
    pub fn add(&mut self, score: &ArticleScore) {
        self.files += 1;
        self.words += score.words;
        self.false_edits += score.false_edits.len();
        for j in score.judged.iter().filter(|j| j.tier != "optional") {
            self.annotations += 1;
            let core = j.tier == "core";
            self.core += usize::from(core);
            let cat = self.by_category.entry(j.cat.clone()).or_default();
            match j.status {
                Status::Fixed => {
                    self.fixed += 1;
                    self.fixed_core += usize::from(core);
                    cat.fixed += 1;
                }
                Status::Wrong => {
                    self.wrong += 1;
                    cat.wrong += 1;
                }
                Status::Missed => {
                    self.missed += 1;
                    cat.missed += 1;
                }
            }
            if core {
                let c = self.core_by_category.entry(j.cat.clone()).or_default();
                match j.status {
                    Status::Fixed => c.fixed += 1,
                    Status::Wrong => c.wrong += 1,
                    Status::Missed => c.missed += 1,
                }
            }
        }
    }

    pub fn merge(&mut self, other: &Totals) {
        self.files += other.files;
        self.controls += other.controls;
        self.words += other.words;
        self.annotations += other.annotations;
        self.core += other.core;
        self.fixed += other.fixed;
        self.fixed_core += other.fixed_core;
        self.wrong += other.wrong;
        self.missed += other.missed;
        self.false_edits += other.false_edits;
        for (mine, theirs) in [
            (&mut self.by_category, &other.by_category),
            (&mut self.core_by_category, &other.core_by_category),
        ] {
            for (k, c) in theirs {
                let m = mine.entry(k.clone()).or_default();
                m.fixed += c.fixed;
                m.wrong += c.wrong;
                m.missed += c.missed;
            }
        }
    }

    /// fixed / (fixed + wrong + false edits); 1.0 when nothing was attempted.
    pub fn precision(&self) -> f64 {
        ratio(self.fixed, self.fixed + self.wrong + self.false_edits, 1.0)
    }

    /// Core-tier recall; 0 without core annotations (as `evaluate.py`).
    pub fn recall_core(&self) -> f64 {
        ratio(self.fixed_core, self.core, 0.0)
    }

    /// Recall over core and stretch annotations.
    pub fn recall_all(&self) -> f64 {
        ratio(self.fixed, self.annotations, 0.0)
    }

    pub fn f05(&self) -> f64 {
        f05(self.precision(), self.recall_all())
    }

    pub fn false_per_1k_words(&self) -> f64 {
        1000.0 * self.false_edits as f64 / self.words.max(1) as f64
    }

    /// Counts and metrics as one JSON object (metrics unrounded).
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap();
        let map = v.as_object_mut().unwrap();
        map.insert("precision".into(), self.precision().into());
        map.insert("recall_core".into(), self.recall_core().into());
        map.insert("recall_all".into(), self.recall_all().into());
        map.insert("f0.5".into(), self.f05().into());
        map.insert(
            "false_per_1k_words".into(),
            self.false_per_1k_words().into(),
        );
        v
    }
}

/// One article of a set, scored.
#[derive(Debug, Clone)]
pub struct ArticleReport {
    pub path: PathBuf,
    /// The gold file, `None` for a control.
    pub gold: Option<PathBuf>,
    pub score: ArticleScore,
}

impl ArticleReport {
    pub fn is_control(&self) -> bool {
        self.gold.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct SetReport {
    /// The directory as given (or found below a given one).
    pub name: String,
    pub articles: Vec<ArticleReport>,
    pub totals: Totals,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub policy: Policy,
    pub sets: Vec<SetReport>,
    pub total: Totals,
    /// The standard sets of a shared eval folder (`--data`): printed as one table.
    pub benchmark: bool,
}

/// Reads a text as Python's text mode does (universal newlines), strictly UTF-8.
fn read_text(path: &Path) -> Result<String, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// The gold file for an article, looked up as `evaluate.py`'s `gold_for` does.
pub fn gold_path(article: &Path) -> Option<PathBuf> {
    let dir = article.parent().unwrap_or(Path::new("."));
    let stem = article.file_stem()?.to_string_lossy().into_owned();
    let file = format!("{stem}.json");
    let dir_name = dir
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    [
        dir.join("..").join("gold").join(&dir_name).join(&file),
        dir.join("..").join("gold").join(&file),
        dir.join("gold").join(&file),
    ]
    .into_iter()
    .find(|g| g.is_file())
}

/// Reads and checks a gold file against its article.
pub fn read_gold(path: &Path, article: &str) -> Result<Vec<Annotation>, EvalError> {
    let text = read_text(path)?;
    let gold: GoldFile = serde_json::from_str(&text).map_err(|e| EvalError::Gold {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    locate(article, &gold.annotations).map_err(|message| EvalError::Gold {
        path: path.to_path_buf(),
        message,
    })?;
    Ok(gold.annotations)
}

/// The sets under `dir`: `dir` itself and every directory below it that holds `*.txt` files
/// directly, `gold` directories excluded; each with its articles, sorted.
pub fn find_sets(dir: &Path) -> Result<Vec<(PathBuf, Vec<PathBuf>)>, EvalError> {
    if !dir.is_dir() {
        return Err(EvalError::NotADirectory(dir.to_path_buf()));
    }
    let mut sets = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let io = |source| EvalError::Io {
            path: d.clone(),
            source,
        };
        let mut txts = Vec::new();
        let mut subdirs = Vec::new();
        for entry in std::fs::read_dir(&d).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "gold") {
                    subdirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "txt") {
                txts.push(path);
            }
        }
        txts.sort();
        subdirs.sort();
        if !txts.is_empty() {
            sets.push((d.clone(), txts));
        }
        stack.extend(subdirs.into_iter().rev());
    }
    sets.sort();
    Ok(sets)
}

/// Scores the cleaner's output for one article (gold looked up next to it).
pub fn evaluate_article(
    cleaner: &Cleaner,
    policy: Policy,
    path: &Path,
) -> Result<ArticleReport, EvalError> {
    let orig = read_text(path)?;
    let gold = gold_path(path);
    let anns = match &gold {
        Some(g) => read_gold(g, &orig)?,
        None => Vec::new(),
    };
    let hyp = cleaner.clean(&orig, policy).text;
    let score = score(&orig, &hyp, &anns).map_err(|message| EvalError::Gold {
        path: gold.clone().unwrap_or_else(|| path.to_path_buf()),
        message,
    })?;
    Ok(ArticleReport {
        path: path.to_path_buf(),
        gold,
        score,
    })
}

/// Runs the cleaner over every set under `dirs` and totals the scores.
pub fn evaluate(cleaner: &Cleaner, policy: Policy, dirs: &[PathBuf]) -> Result<Report, EvalError> {
    let mut sets = Vec::new();
    let mut total = Totals::default();
    for dir in dirs {
        for (set_dir, files) in find_sets(dir)? {
            let mut totals = Totals::default();
            let mut articles = Vec::new();
            for f in files {
                let article = evaluate_article(cleaner, policy, &f)?;
                totals.add(&article.score);
                totals.controls += usize::from(article.is_control());
                articles.push(article);
            }
            total.merge(&totals);
            sets.push(SetReport {
                name: set_dir.display().to_string(),
                articles,
                totals,
            });
        }
    }
    Ok(Report {
        policy,
        sets,
        total,
        benchmark: false,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn totals_line(t: &Totals) -> String {
    format!(
        "P={:.3} R_core={:.3} R_all={:.3} F0.5={:.3}  annotations={} (core {}) fixed={} (core {}) wrong={} missed={} false={} false/1k={:.2} words={}",
        t.precision(),
        t.recall_core(),
        t.recall_all(),
        t.f05(),
        t.annotations,
        t.core,
        t.fixed,
        t.fixed_core,
        t.wrong,
        t.missed,
        t.false_edits,
        t.false_per_1k_words(),
        t.words,
    )
}

/// `--show` lines of a set: every non-fixed annotation (optional ones left out) and every
/// false edit with its context.
fn write_show(out: &mut String, set: &SetReport) {
    use std::fmt::Write;
    for a in &set.articles {
        let name = file_name(&a.path);
        for j in a
            .score
            .judged
            .iter()
            .filter(|j| j.status != Status::Fixed && j.tier != "optional")
        {
            let _ = writeln!(
                out,
                "    {name}: {:<6} [{}/{}] {:?} -> {:?}",
                j.status.as_str(),
                j.cat,
                j.tier,
                j.before,
                j.got
            );
        }
        for fe in &a.score.false_edits {
            let _ = writeln!(
                out,
                "    {name}: false  {:?} -> {:?}   ...{}...",
                fe.before, fe.after, fe.context
            );
        }
    }
}

impl Report {
    /// The human report: one block per set, then the total; `show` adds every non-fixed
    /// annotation (optional ones left out) and every false edit with its context.
    pub fn render_text(&self, show: bool) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        if self.benchmark {
            out.push_str(&bench::render_table(self));
            if show {
                for set in &self.sets {
                    let _ = writeln!(out, "{}:", set.name);
                    write_show(&mut out, set);
                }
            }
            return out;
        }
        for set in &self.sets {
            let t = &set.totals;
            let _ = writeln!(
                out,
                "{}: {} files ({} controls)\n  {}",
                set.name,
                t.files,
                t.controls,
                totals_line(t)
            );
            if !t.by_category.is_empty() {
                let _ = writeln!(
                    out,
                    "  {:<12} {:>5} {:>5} {:>6}",
                    "category", "fixed", "wrong", "missed"
                );
                for (cat, c) in &t.by_category {
                    let _ = writeln!(
                        out,
                        "  {:<12} {:>5} {:>5} {:>6}",
                        cat, c.fixed, c.wrong, c.missed
                    );
                }
            }
            if show {
                write_show(&mut out, set);
            }
        }
        if self.sets.len() > 1 {
            let _ = writeln!(
                out,
                "total: {} files\n  {}",
                self.total.files,
                totals_line(&self.total)
            );
        }
        out
    }

    /// The machine-readable report (`--format json`, `--save`, `--baseline`).
    pub fn to_json(&self) -> serde_json::Value {
        let sets: Vec<serde_json::Value> = self
            .sets
            .iter()
            .map(|s| {
                let mut v = s.totals.to_json();
                let map = v.as_object_mut().unwrap();
                map.insert("name".into(), s.name.clone().into());
                let articles: Vec<serde_json::Value> = s
                    .articles
                    .iter()
                    .map(|a| {
                        let mut t = Totals::default();
                        t.add(&a.score);
                        serde_json::json!({
                            "file": file_name(&a.path),
                            "control": a.is_control(),
                            "words": a.score.words,
                            "fixed": t.fixed,
                            "wrong": t.wrong,
                            "missed": t.missed,
                            "false_edits": t.false_edits,
                            "not_fixed": a.score.judged.iter().filter(|j| j.status != Status::Fixed).collect::<Vec<_>>(),
                            "false": a.score.false_edits,
                        })
                    })
                    .collect();
                map.insert("articles".into(), articles.into());
                v
            })
            .collect();
        serde_json::json!({
            "policy": if self.policy == Policy::Safe { "safe" } else { "safe+unsafe" },
            "sets": sets,
            "total": self.total.to_json(),
        })
    }
}

/// Compares a run with a saved `--format json` run: one line per set (or the total) whose
/// precision or core recall went down. Sets absent from either side are not compared.
pub fn regressions(baseline: &serde_json::Value, current: &Report) -> Result<Vec<String>, String> {
    let get = |v: &serde_json::Value, key: &str| v.get(key).and_then(|x| x.as_f64());
    let sets = baseline
        .get("sets")
        .and_then(|s| s.as_array())
        .ok_or("no `sets` array (not a `mtclean eval --format json` file)")?;
    let mut out = Vec::new();
    let mut check = |name: &str, base: &serde_json::Value, now: &Totals| {
        for (key, value) in [
            ("precision", now.precision()),
            ("recall_core", now.recall_core()),
        ] {
            if let Some(before) = get(base, key)
                && value + 1e-9 < before
            {
                out.push(format!("{name}: {key} fell from {before:.3} to {value:.3}"));
            }
        }
    };
    for set in &current.sets {
        if let Some(base) = sets
            .iter()
            .find(|b| b.get("name").and_then(|n| n.as_str()) == Some(set.name.as_str()))
        {
            check(&set.name, base, &set.totals);
        }
    }
    if let Some(base) = baseline.get("total") {
        check("total", base, &current.total);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(cat: &str, tier: &str, before: &str, accept: &[&str]) -> Annotation {
        Annotation {
            cat: cat.into(),
            tier: tier.into(),
            before: before.into(),
            accept: accept.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn judges_fixed_wrong_missed_and_false() {
        let orig = "The Soviet Unionbut y Russia met. Kim He left. All fine here.";
        let anns = [
            ann("glue", "core", "Unionbut", &["Union but"]),
            ann("foreign", "core", "y Russia", &["and Russia"]),
            ann("dup_subject", "core", "Kim He", &["Kim"]),
        ];
        let hyp = "The Soviet Union but o Russia met. Kim He left. All good here.";
        let s = score(orig, hyp, &anns).unwrap();
        let status: Vec<Status> = s.judged.iter().map(|j| j.status).collect();
        // As score.py judges it: the alignment pairs `Unionbut y` with `Union but o`, so the
        // glue fix lands in a replace block that also holds the wrong one.
        assert_eq!(status, vec![Status::Wrong, Status::Wrong, Status::Missed]);
        assert_eq!(s.judged[0].got, "Union but o");
        assert_eq!(s.false_edits.len(), 1);
        assert_eq!(
            s.false_edits[0].context,
            "ia met. Kim He left. All fine here."
        );
        assert_eq!(s.false_edits[0].before, "fine");
        assert_eq!(s.false_edits[0].after, "good");
        let mut t = Totals::default();
        t.add(&s);
        assert_eq!(t.precision(), 0.0);
        assert_eq!(t.recall_core(), 0.0);
    }

    #[test]
    fn insertion_at_an_edge_counts_for_the_span() {
        let orig = "He said hold hands today.";
        let anns = [ann("quotes", "core", "hold hands", &["“hold hands"])];
        let s = score(orig, "He said “hold hands today.", &anns).unwrap();
        assert_eq!(s.judged[0].status, Status::Fixed);
        assert!(s.false_edits.is_empty());
    }

    #[test]
    fn before_must_occur_once() {
        assert!(locate("a b a", &[ann("x", "core", "a", &["b"])]).is_err());
    }

    #[test]
    fn rounds_like_python() {
        // Python: round(0.0625, 3) == 0.062, round(0.6875, 3) == 0.688.
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(0.6875), 0.688);
        assert_eq!(round3(2.0 / 3.0), 0.667);
    }
}
