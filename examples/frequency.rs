//! What the word-frequency tables cost: first use of each language, one article's words looked
//! up in every language, lookups per second, and the memory they add on top of a clean.
//!
//! `cargo run --release --example frequency [ARTICLE]` (default: the seed article). Run it under
//! `/usr/bin/time -v` for the process's wall time and peak memory.

use std::hint::black_box;
use std::time::{Duration, Instant};

use mtclean::engine::frequency::{self, Lang};

/// A line of /proc/self/status in kB (Linux only; 0 elsewhere).
fn status_kb(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches(" kB").parse().ok())
        .unwrap_or(0)
}

fn per_second(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "corpus/000_c13951b50018919a.txt".to_string());
    let text = std::fs::read_to_string(&path).expect("article");
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .collect();

    let start = Instant::now();
    let cleaner = mtclean::Cleaner::new(&mtclean::Options::default()).expect("cleaner builds");
    let outcome = cleaner.clean(&text, mtclean::Policy::Safe);
    let clean_time = start.elapsed();
    let (rss_clean, peak_clean) = (status_kb("VmRSS"), status_kb("VmHWM"));
    println!(
        "{path}: {} words; Cleaner::new + clean {clean_time:.2?} ({} edits); RSS {rss_clean} kB, peak {peak_clean} kB",
        words.len(),
        outcome.edits.len()
    );

    // First use: opening the map (header and footer) and one lookup's page faults.
    let mut opened = Vec::new();
    for lang in Lang::ALL {
        let start = Instant::now();
        black_box(frequency::zipf(lang, "the"));
        opened.push(format!("{} {:.1?}", lang.code(), start.elapsed()));
    }
    println!("first lookup per language: {}", opened.join(", "));

    // The article's words in English only (what a glue or casing check asks), then in all 13
    // tables (a pass that weighs every source language).
    let start = Instant::now();
    let in_english = words
        .iter()
        .filter(|w| frequency::english(w).is_some())
        .count();
    println!(
        "article in English: {} lookups in {:.2?}, {in_english} found; RSS {} kB (+{})",
        words.len(),
        start.elapsed(),
        status_kb("VmRSS"),
        status_kb("VmRSS").saturating_sub(rss_clean)
    );
    let start = Instant::now();
    let mut found = [0usize; 13];
    for word in &words {
        for (slot, lang) in found.iter_mut().zip(Lang::ALL) {
            if frequency::zipf(lang, word).is_some() {
                *slot += 1;
            }
        }
    }
    let all_time = start.elapsed();
    println!(
        "article x 13 languages: {} lookups in {all_time:.2?}; found in en {} of {}, es {}, de {}",
        words.len() * 13,
        found[0],
        words.len(),
        found[1],
        found[5]
    );
    println!(
        "after the lookups: RSS {} kB (+{}), peak {} kB (+{})",
        status_kb("VmRSS"),
        status_kb("VmRSS").saturating_sub(rss_clean),
        status_kb("VmHWM"),
        status_kb("VmHWM").saturating_sub(peak_clean)
    );

    // Throughput, warm: English lookups, then the likeliest source language (12 lookups each).
    let measure = |lookup: &dyn Fn(&str)| {
        let (mut count, start) = (0usize, Instant::now());
        while start.elapsed() < Duration::from_millis(500) {
            for word in &words {
                lookup(word);
            }
            count += words.len();
        }
        per_second(count, start.elapsed())
    };
    let english = measure(&|w| {
        black_box(frequency::english(w));
    });
    let source = measure(&|w| {
        black_box(frequency::likeliest_source(w));
    });
    println!(
        "warm: frequency::english {:.2} M lookups/s, likeliest_source {:.2} M words/s",
        english / 1e6,
        source / 1e6
    );
}
