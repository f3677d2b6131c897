//! Throughput of each pass and of the whole pipeline on ≥ 10 MB of news text, clean news (the
//! controls: corpus/001–004 and the shared eval folder's clean/) and machine-translated news
//! (corpus/000 and the shared real/) separately, built by repeating the articles; plus the lexicon
//! load time. The shared folder (`../shared/eval`) is read where it lives; without it, only the
//! seeds are repeated.
//!
//! Articles are processed one at a time, as a newsroom would feed them. `cargo bench` runs it in
//! a few minutes (sample sizes are small); `bench/compare.sh` measures the binary as a process.

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use mtclean::document::Document;
use mtclean::finding::Finding;
use mtclean::lexicon::Lexicon;
use mtclean::passes::Context;
use mtclean::{Cleaner, Options, Policy};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

const TARGET_BYTES: usize = 10 * 1024 * 1024;

fn txts(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipped: {} not found", dir.display());
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// The corpus articles of one kind, repeated until they hold at least 10 MB.
fn articles(mt: bool) -> Vec<String> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    let top = txts(&corpus);
    let mut paths: Vec<PathBuf> = if mt {
        top.into_iter()
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("000_"))
            .chain(txts(&shared.join("real")))
            .collect()
    } else {
        top.into_iter()
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with("000_"))
            .chain(txts(&shared.join("clean")))
            .collect()
    };
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < TARGET_BYTES {
        for t in &texts {
            bytes += t.len();
            out.push(t.clone());
        }
    }
    out
}

fn bytes(articles: &[String]) -> u64 {
    articles.iter().map(|a| a.len() as u64).sum()
}

fn passes_and_pipeline(c: &mut Criterion) {
    let cleaner = Cleaner::new(&Options::default()).unwrap();
    let context = Context {
        lexicon: cleaner.lexicon(),
    };
    for (kind, mt) in [("clean", false), ("mt", true)] {
        let texts = articles(mt);
        let mut group = c.benchmark_group(format!("{kind}-10MB"));
        // Ten flat samples of one pass over 10 MB each: the minimum criterion allows.
        group.sample_size(10);
        group.sampling_mode(SamplingMode::Flat);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(10));
        group.throughput(Throughput::Bytes(bytes(&texts)));
        group.bench_function("document", |b| {
            b.iter(|| {
                for t in &texts {
                    black_box(Document::new(black_box(t)));
                }
            })
        });
        let docs: Vec<Document> = texts.iter().map(|t| Document::new(t)).collect();
        for pass in cleaner.passes() {
            group.bench_function(format!("pass-{}", pass.name()), |b| {
                let mut out: Vec<Finding> = Vec::new();
                b.iter(|| {
                    for doc in &docs {
                        out.clear();
                        pass.find(doc, &context, &mut out);
                        black_box(&out);
                    }
                })
            });
        }
        drop(docs);
        group.bench_function("clean-safe", |b| {
            b.iter(|| {
                for t in &texts {
                    black_box(cleaner.clean(black_box(t), Policy::Safe));
                }
            })
        });
        group.finish();
    }
}

fn lexicon_load(c: &mut Criterion) {
    let file = |name: &str| mtclean::data::text(name).expect(name);
    let (words, cased, gazetteer) = (
        file("lexicon/en_words.txt"),
        file("lexicon/en_cased.txt"),
        file("lexicon/gazetteer.txt"),
    );
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("lexicon-from-sources", |b| {
        b.iter(|| black_box(Lexicon::from_sources(words, cased, gazetteer)))
    });
    group.bench_function("cleaner-new", |b| {
        b.iter(|| black_box(Cleaner::new(&Options::default()).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, lexicon_load, passes_and_pipeline);
criterion_main!(benches);
