//! The development benchmark (`mtclean eval --data DIR`): every standard set of the shared eval
//! folder, scored and printed as one table.
//!
//! Sets, in order: `real/tune` and `real/check` (the real articles, split by site, see
//! [`split`](super::split)), `synthetic/dev` and `synthetic/held-out` (artifacts injected into
//! `news-clean/`, split by outlet, see [`synth`](super::synth)), `news-clean` (the same clean news
//! unmodified: every edit is a false edit), `clean` (annotated controls) and `seeds`. The folder is
//! read where it lives (third-party text stays out of the repository); a missing folder is a clear
//! error, not an empty table.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::split::{Half, Split};
use super::{ArticleReport, EvalError, Report, SetReport, Totals, evaluate_article, score, synth};
use crate::{Cleaner, Policy};

/// Where the shared eval folder sits relative to a checkout's root.
pub const DEFAULT_DATA: &str = "../shared/eval";

/// The `*.txt` files directly in `dir`, sorted.
fn txts(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| EvalError::Io {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn set(name: &str, articles: Vec<ArticleReport>) -> SetReport {
    let mut totals = Totals::default();
    for a in &articles {
        totals.add(&a.score);
        totals.controls += usize::from(a.is_control());
    }
    SetReport {
        name: name.to_string(),
        articles,
        totals,
    }
}

fn score_files(
    cleaner: &Cleaner,
    policy: Policy,
    files: &[PathBuf],
) -> Result<Vec<ArticleReport>, EvalError> {
    files
        .par_iter()
        .map(|f| evaluate_article(cleaner, policy, f))
        .collect()
}

/// Checks that `data` is a shared eval folder.
pub fn check_data(data: &Path) -> Result<(), EvalError> {
    for sub in ["real", "news-clean"] {
        if !data.join(sub).is_dir() {
            return Err(EvalError::NoData(data.to_path_buf()));
        }
    }
    Ok(())
}

/// The synthetic articles of `data/news-clean`.
pub fn synthetic(data: &Path) -> Result<Vec<synth::SynthArticle>, EvalError> {
    check_data(data)?;
    synth::build(&data.join("news-clean"))
}

/// Scores every standard set of the shared eval folder `data`.
pub fn evaluate_data(cleaner: &Cleaner, policy: Policy, data: &Path) -> Result<Report, EvalError> {
    check_data(data)?;
    let split = Split::embedded();
    let (mut tune, mut check) = (Vec::new(), Vec::new());
    for f in txts(&data.join("real"))? {
        match split.half_of(&f).map_err(EvalError::Split)? {
            Half::Tune => tune.push(f),
            Half::Check => check.push(f),
        }
    }
    let mut sets = vec![
        set("real/tune", score_files(cleaner, policy, &tune)?),
        set("real/check", score_files(cleaner, policy, &check)?),
    ];
    let synthetic = synthetic(data)?;
    for part in [synth::Part::Dev, synth::Part::HeldOut] {
        let articles = synthetic
            .par_iter()
            .filter(|a| a.part == part)
            .map(|a| {
                let anns = a.annotations();
                let hyp = cleaner.clean(&a.text, policy).text;
                let path = PathBuf::from(format!("synthetic/{}/{}", part.as_str(), a.name));
                let score = score(&a.text, &hyp, &anns).map_err(|message| EvalError::Gold {
                    path: path.clone(),
                    message,
                })?;
                Ok(ArticleReport {
                    gold: Some(path.with_extension("json")),
                    path,
                    score,
                })
            })
            .collect::<Result<Vec<_>, EvalError>>()?;
        sets.push(set(&format!("synthetic/{}", part.as_str()), articles));
    }
    for name in ["news-clean", "clean", "seeds"] {
        let dir = data.join(name);
        if dir.is_dir() {
            sets.push(set(name, score_files(cleaner, policy, &txts(&dir)?)?));
        }
    }
    let mut total = Totals::default();
    for s in &sets {
        total.merge(&s.totals);
    }
    Ok(Report {
        policy,
        sets,
        total,
        benchmark: true,
    })
}

/// Writes the synthetic sets of `data` to `out` (outside the repository); returns the count.
pub fn write_synthetic(data: &Path, out: &Path) -> Result<usize, EvalError> {
    synth::write(&synthetic(data)?, out)
}

/// The benchmark table: a row per set, then core recall per family (category) per set.
pub fn render_table(report: &Report) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<20} {:>5} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6} {:>6} {:>8}",
        "set", "files", "words", "core", "R_core", "P", "F0.5", "wrong", "false", "false/1k"
    );
    for s in &report.sets {
        let t = &s.totals;
        let _ = writeln!(
            out,
            "{:<20} {:>5} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6} {:>6} {:>8.2}",
            s.name,
            t.files,
            t.words,
            format!("{}/{}", t.fixed_core, t.core),
            if t.core > 0 {
                format!("{:.3}", t.recall_core())
            } else {
                "-".into()
            },
            format!("{:.3}", t.precision()),
            if t.annotations > 0 {
                format!("{:.3}", t.f05())
            } else {
                "-".into()
            },
            t.wrong,
            t.false_edits,
            t.false_per_1k_words(),
        );
    }
    let mut cats: Vec<&String> = report
        .sets
        .iter()
        .flat_map(|s| s.totals.core_by_category.keys())
        .collect();
    cats.sort();
    cats.dedup();
    if !cats.is_empty() {
        let _ = write!(out, "\ncore recall per family (fixed/core)\n{:<20}", "set");
        for c in &cats {
            let _ = write!(out, " {:>11}", c);
        }
        out.push('\n');
        for s in report.sets.iter().filter(|s| s.totals.core > 0) {
            let _ = write!(out, "{:<20}", s.name);
            for c in &cats {
                let cell = s
                    .totals
                    .core_by_category
                    .get(*c)
                    .map_or("-".to_string(), |k| {
                        format!("{}/{}", k.fixed, k.fixed + k.wrong + k.missed)
                    });
                let _ = write!(out, " {cell:>11}");
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let err = check_data(Path::new("/nonexistent/shared/eval")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("/nonexistent/shared/eval"), "{msg}");
        assert!(msg.contains("--data"), "{msg}");
    }

    #[test]
    fn table_has_a_row_per_set_and_family_columns() {
        let mut t = Totals::default();
        t.add(&super::super::ArticleScore {
            words: 10,
            judged: vec![super::super::Judged {
                cat: "glue".into(),
                tier: "core".into(),
                before: "ab".into(),
                status: super::super::Status::Fixed,
                got: "a b".into(),
            }],
            false_edits: vec![],
        });
        let report = Report {
            policy: Policy::Safe,
            sets: vec![SetReport {
                name: "real/tune".into(),
                articles: vec![],
                totals: t.clone(),
            }],
            total: t,
            benchmark: true,
        };
        let table = render_table(&report);
        assert!(table.contains("real/tune"), "{table}");
        assert!(table.contains("1/1"), "{table}");
        assert!(table.contains("glue"), "{table}");
    }
}
