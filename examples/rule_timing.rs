//! Prints how long each pass and each rule takes over a text:
//! `cargo run --release --example rule_timing FILE`. For rule authors: a rule whose pattern
//! defeats the regex engine's DFA shows up at the top.

use mtclean::document::Document;
use mtclean::lexicon::Lexicon;
use mtclean::passes::Context;
use mtclean::rules::RuleSet;
use mtclean::{Cleaner, Options};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: rule_timing FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let rules = RuleSet::embedded().expect("embedded rules load");
    let lexicon = Lexicon::embedded();
    let start = Instant::now();
    let doc = Document::new(&text);
    let mb = text.len() as f64 / 1e6;
    println!("document {:>8.1} MB/s", mb / start.elapsed().as_secs_f64());
    let cleaner = Cleaner::new(&Options::default()).expect("cleaner builds");
    let context = Context {
        lexicon: cleaner.lexicon(),
    };
    for pass in cleaner.passes() {
        let start = Instant::now();
        let mut found = Vec::new();
        pass.find(&doc, &context, &mut found);
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "pass {:<16} {:>8.1} MB/s  {:>6} findings",
            pass.name(),
            mb / seconds,
            found.len()
        );
    }
    let mut timings: Vec<(f64, &str, usize)> = rules
        .rules()
        .iter()
        .map(|rule| {
            let start = Instant::now();
            let mut found = Vec::new();
            rule.find(&doc, lexicon, &mut found);
            (start.elapsed().as_secs_f64(), rule.id.as_str(), found.len())
        })
        .collect();
    timings.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = timings.iter().map(|t| t.0).sum();
    println!(
        "{:.1} MB, all rules {:.3} s ({:.1} MB/s)",
        mb,
        total,
        mb / total
    );
    for (seconds, id, found) in timings {
        println!("{:>8.1} MB/s  {:>6} findings  {id}", mb / seconds, found);
    }
}
