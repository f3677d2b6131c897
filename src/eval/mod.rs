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
mod report;
mod score;
pub mod split;
pub mod synth;

use std::path::{Path, PathBuf};

use crate::{Cleaner, Policy};

pub use report::*;
pub use score::*;

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
