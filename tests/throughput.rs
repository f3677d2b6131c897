//! Throughput and lingua's share of run time: `cargo test --release --test throughput -- --ignored --nocapture`.

use std::time::Instant;

use mtclean::document::Document;
use mtclean::lexicon::Lexicon;
use mtclean::passes::foreign_passage::ForeignPassagePass;
use mtclean::passes::foreign_words::ForeignWordPass;
use mtclean::passes::{Context, Pass};
use mtclean::{Cleaner, Options, Policy};

/// The given corpus articles repeated to about `bytes`.
fn repeated(names: &[&str], bytes: usize) -> String {
    let mut unit = String::new();
    for name in names {
        unit.push_str(&std::fs::read_to_string(format!("corpus/{name}")).unwrap());
        unit.push('\n');
    }
    let mut text = String::with_capacity(bytes + unit.len());
    while text.len() < bytes {
        text.push_str(&unit);
    }
    text
}

fn measure(label: &str, text: &str) {
    let cleaner = Cleaner::new(&Options::default()).unwrap();
    let _ = cleaner.clean("warm up con Putin que no habrá más recortes", Policy::Safe);
    let started = Instant::now();
    let outcome = cleaner.clean(text, Policy::Safe);
    let total = started.elapsed().as_secs_f64();
    let doc = Document::new(text);
    let context = Context {
        lexicon: Lexicon::embedded(),
    };
    let mut findings = Vec::new();
    let started = Instant::now();
    ForeignPassagePass::default().find(&doc, &context, &mut findings);
    let passage = started.elapsed().as_secs_f64() * outcome.rounds as f64;
    let started = Instant::now();
    ForeignWordPass::default().find(&doc, &context, &mut findings);
    let words = started.elapsed().as_secs_f64() * outcome.rounds as f64;
    println!("{label}: foreign-words pass {words:.2} s");
    let mb = text.len() as f64 / 1e6;
    println!(
        "{label}: {mb:.1} MB, {} rounds, {total:.2} s, {:.1} MB/s; passage pass (lingua) {passage:.2} s = {:.0}% of the run",
        outcome.rounds,
        mb / total,
        100.0 * passage / total
    );
}

#[test]
#[ignore = "timing: run in release with --ignored --nocapture"]
fn throughput_and_lingua_share() {
    let clean = repeated(
        &[
            "001_0eefa034e8e5b66f.txt",
            "002_afe601fb885740dd.txt",
            "003_d4cd48ca58b9c647.txt",
            "004_c71561b0e5952fa8.txt",
        ],
        4_000_000,
    );
    measure("clean news", &clean);
    let mt = repeated(&["000_c13951b50018919a.txt"], 4_000_000);
    measure("MT news", &mt);
}
