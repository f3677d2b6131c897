//! Totals per set and category, the text and JSON reports, and the baseline comparison.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Policy;

use super::*;

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

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub(crate) fn totals_line(t: &Totals) -> String {
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
pub(crate) fn write_show(out: &mut String, set: &SetReport) {
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
