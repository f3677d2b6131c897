//! Start-up cost of each component: `cargo run --release --example startup`.

use std::time::Instant;

fn main() {
    let start = Instant::now();
    let rules = mtclean::rules::RuleSet::embedded().expect("rules load");
    let rules_time = start.elapsed();
    let mut costs: Vec<(std::time::Duration, &str)> = rules
        .rules()
        .iter()
        .map(|rule| {
            let start = Instant::now();
            let _ = regex::Regex::new(rule.pattern.as_str());
            (start.elapsed(), rule.id.as_str())
        })
        .collect();
    costs.sort();
    costs.reverse();
    for (cost, id) in costs.iter().take(8) {
        println!("  compile {cost:>10.2?}  {id}");
    }
    let start = Instant::now();
    let file = |name: &str| mtclean::data::text(name).unwrap_or("");
    let lexicon = mtclean::lexicon::Lexicon::from_sources(
        file("lexicon/en_words.txt"),
        file("lexicon/en_cased.txt"),
        file("lexicon/gazetteer.txt"),
    );
    let lexicon_time = start.elapsed();
    let start = Instant::now();
    let cleaner = mtclean::Cleaner::new(&mtclean::Options::default()).expect("cleaner builds");
    let cleaner_time = start.elapsed();
    let start = Instant::now();
    let text = std::fs::read_to_string("corpus/000_c13951b50018919a.txt").expect("seed article");
    let outcome = cleaner.clean(&text, mtclean::Policy::Safe);
    let clean_time = start.elapsed();
    println!(
        "rules {} ({:?}), lexicon {} words ({:?}), Cleaner::new {:?}, first clean of the seed {:?} ({} edits)",
        rules.rules().len(),
        rules_time,
        lexicon.word_count(),
        lexicon_time,
        cleaner_time,
        clean_time,
        outcome.edits.len()
    );
}
