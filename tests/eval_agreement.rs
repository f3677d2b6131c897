//! The Rust scorer (`mtclean::eval`) against the reference `score.py`, on every article of the
//! shared eval folder and several outputs per article: the cleaner's (safe, and safe + unsafe)
//! and two synthetic ones with seeded random edits, so wrong, missed and false paths all run; and
//! on a sample of the synthetic benchmark articles, written to a temporary folder as
//! `mtclean eval --write-synthetic` writes them.
//! Skipped, with a note, when the shared folder (except in CI) or python3 is absent.

mod common;

use mtclean::eval::{self, Annotation, align, synth};
use mtclean::{Cleaner, Options, Policy};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let dir = common::shared_eval()?;
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 absent");
        return None;
    }
    Some(dir)
}

/// `score.py ORIG HYP [GOLD] --json`, parsed.
fn score_py(shared: &Path, orig: &Path, hyp: &Path, gold: Option<&Path>) -> Value {
    let mut cmd = Command::new("python3");
    cmd.arg(shared.join("score.py")).arg(orig).arg(hyp);
    if let Some(g) = gold {
        cmd.arg(g);
    }
    let out = cmd.arg("--json").output().unwrap();
    assert!(
        out.status.success(),
        "score.py failed on {}: {}",
        orig.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A hypothesis with a few random edits: some annotations fixed, some botched, and random
/// token deletions, insertions, replacements and gluings elsewhere.
fn synthetic(orig: &str, anns: &[Annotation], seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for a in anns {
        let start = orig.find(&a.before).unwrap();
        let end = start + a.before.len();
        match rng.below(4) {
            0 | 1 => edits.push((start, end, a.accept[rng.below(a.accept.len())].clone())),
            2 => edits.push((start, end, format!("{} zzz", a.before))),
            _ => {}
        }
    }
    let toks = align::tokens(orig);
    for _ in 0..8 {
        if toks.len() < 2 {
            break;
        }
        let i = rng.below(toks.len() - 1);
        let t = &toks[i];
        let edit = match rng.below(5) {
            0 => (t.start, t.end, String::new()),
            1 => (t.start, t.start, "inserted ".to_string()),
            2 => (t.start, t.end, t.text.to_uppercase() + "x"),
            3 => (t.end, toks[i + 1].start, String::new()),
            _ => (t.end, t.end, ",".to_string()),
        };
        edits.push(edit);
    }
    edits.sort_by_key(|e| (e.0, e.1));
    let mut out = String::new();
    let mut at = 0;
    for (start, end, replacement) in edits {
        if start < at {
            continue; // overlaps an earlier edit
        }
        out.push_str(&orig[at..start]);
        out.push_str(&replacement);
        at = end;
    }
    out.push_str(&orig[at..]);
    out
}

/// Equal up to float noise; integers and floats compared as numbers.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn rust_scorer_agrees_with_score_py_on_every_article() {
    let Some(shared) = shared() else { return };
    let cleaner = Cleaner::new(&Options::default()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut compared = 0;
    let mut disagreements = Vec::new();
    let (mut fixed, mut wrong, mut false_edits) = (0, 0, 0);
    for set in ["seeds", "real", "clean"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join(set))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for (n, path) in files.iter().enumerate() {
            let orig = std::fs::read_to_string(path).unwrap();
            let gold = eval::gold_path(path);
            let anns = match &gold {
                Some(g) => eval::read_gold(g, &orig).unwrap(),
                None => Vec::new(),
            };
            let hyps = [
                ("safe", cleaner.clean(&orig, Policy::Safe).text),
                ("unsafe", cleaner.clean(&orig, Policy::SafeAndUnsafe).text),
                ("random1", synthetic(&orig, &anns, 1000 + n as u64)),
                ("random2", synthetic(&orig, &anns, 2000 + n as u64)),
            ];
            for (label, hyp) in hyps {
                let hyp_path = tmp.path().join("hyp.txt");
                std::fs::write(&hyp_path, &hyp).unwrap();
                let python = score_py(&shared, path, &hyp_path, gold.as_deref());
                let rust = eval::score(&orig, &hyp, &anns).unwrap().score_py_json();
                let count = |key: &str| rust.get(key).and_then(Value::as_u64).unwrap_or(0);
                fixed += count("fixed");
                wrong += count("wrong");
                false_edits += count("false_edits");
                if !same(&python, &rust) {
                    disagreements.push(format!(
                        "{} [{label}]\n  python: {python}\n  rust:   {rust}",
                        path.display()
                    ));
                }
                compared += 1;
            }
        }
    }
    assert!(compared >= 19 * 4, "only {compared} outputs compared");
    assert!(
        fixed > 0 && wrong > 0 && false_edits > 0,
        "every path exercised: fixed {fixed}, wrong {wrong}, false {false_edits}"
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn rust_scorer_agrees_with_score_py_on_synthetic_articles() {
    let Some(shared) = shared() else { return };
    let cleaner = Cleaner::new(&Options::default()).unwrap();
    let articles = synth::build(&shared.join("news-clean")).unwrap();
    assert!(
        articles.len() >= 400,
        "{} synthetic articles",
        articles.len()
    );
    let tmp = tempfile::tempdir().unwrap();
    // Every 12th article: about 40, from both halves, the gold as written for score.py.
    let sample: Vec<synth::SynthArticle> = articles.into_iter().step_by(12).collect();
    let written = synth::write(&sample, tmp.path()).unwrap();
    assert_eq!(written, sample.len());
    let (mut compared, mut fixed, mut missed) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for (n, a) in sample.iter().enumerate() {
        let part = a.part.as_str();
        let orig_path = tmp.path().join(part).join(&a.name);
        let gold = tmp
            .path()
            .join("gold")
            .join(part)
            .join(a.name.replace(".txt", ".json"));
        // The gold as written reads back to the same annotations.
        let orig = std::fs::read_to_string(&orig_path).unwrap();
        assert_eq!(orig, a.text);
        assert_eq!(eval::read_gold(&gold, &orig).unwrap(), a.annotations());
        let anns = a.annotations();
        for (label, hyp) in [
            ("safe", cleaner.clean(&orig, Policy::Safe).text),
            ("random", synthetic(&orig, &anns, 3000 + n as u64)),
        ] {
            let hyp_path = tmp.path().join("hyp.txt");
            std::fs::write(&hyp_path, &hyp).unwrap();
            let python = score_py(&shared, &orig_path, &hyp_path, Some(&gold));
            let rust = eval::score(&orig, &hyp, &anns).unwrap().score_py_json();
            fixed += rust["fixed"].as_u64().unwrap_or(0);
            missed += rust["annotations"].as_u64().unwrap_or(0)
                - rust["fixed"].as_u64().unwrap_or(0)
                - rust["wrong"].as_u64().unwrap_or(0);
            if !same(&python, &rust) {
                disagreements.push(format!(
                    "{} [{label}]\n  python: {python}\n  rust:   {rust}",
                    a.name
                ));
            }
            compared += 1;
        }
    }
    assert!(compared >= 60, "only {compared} outputs compared");
    assert!(fixed > 0 && missed > 0, "fixed {fixed}, missed {missed}");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
