//! Quick throughput figures (criterion benches live in `benches/`): run with
//! `cargo test --release --test throughput -- --ignored --nocapture`.

use mtclean::document::Document;
use mtclean::lexicon::Lexicon;
use mtclean::passes::glued_words::GluedWords;
use mtclean::passes::{Context, Pass};
use mtclean::{Cleaner, Options, Policy};
use std::time::Instant;

const TARGET_BYTES: usize = 10 * 1024 * 1024;

/// The corpus articles, repeated until they make at least 10 MB.
fn articles() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    let mut out = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        for text in &texts {
            total += text.len();
            out.push(text.clone());
        }
    }
    out
}

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / seconds
}

#[test]
#[ignore = "timing: run in release with --ignored --nocapture"]
fn glue_pass_and_cleaner_throughput() {
    let start = Instant::now();
    let lexicon = Lexicon::embedded();
    let load = start.elapsed();
    println!(
        "lexicon load (embedded, first use): {:.1} ms ({} words, {} names)",
        load.as_secs_f64() * 1e3,
        lexicon.word_count(),
        lexicon.name_count()
    );
    let start = Instant::now();
    let pass = GluedWords::embedded();
    println!(
        "glue table load: {:.2} ms",
        start.elapsed().as_secs_f64() * 1e3
    );

    let texts = articles();
    let bytes: usize = texts.iter().map(String::len).sum();
    let context = Context { lexicon };

    let start = Instant::now();
    for text in &texts {
        let _ = Document::new(text);
    }
    let documents = start.elapsed().as_secs_f64();

    let docs: Vec<Document> = texts.iter().map(|t| Document::new(t)).collect();
    let mut findings = Vec::new();
    let start = Instant::now();
    for doc in &docs {
        pass.find(doc, &context, &mut findings);
    }
    let glue = start.elapsed().as_secs_f64();
    assert!(!findings.is_empty());

    let cleaner = Cleaner::new(&Options::default()).unwrap();
    let start = Instant::now();
    for text in &texts {
        let _ = cleaner.clean(text, Policy::Safe);
    }
    let whole = start.elapsed().as_secs_f64();
    println!(
        "{:.1} MB: Document::new {:.0} MB/s; glued-words pass alone {:.0} MB/s; whole cleaner {:.1} MB/s (one core)",
        bytes as f64 / (1024.0 * 1024.0),
        mb_per_s(bytes, documents),
        mb_per_s(bytes, glue),
        mb_per_s(bytes, whole)
    );
}
