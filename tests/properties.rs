//! Property tests on random and mutated article text: no panic, every byte outside the reported
//! fixes unchanged, and cleaning is idempotent.

use mtclean::{Cleaner, Options, Outcome, Policy};
use proptest::prelude::*;
use std::sync::OnceLock;

fn cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| Cleaner::new(&Options::default()).unwrap())
}

fn articles() -> &'static Vec<String> {
    static ARTICLES: OnceLock<Vec<String>> = OnceLock::new();
    ARTICLES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        texts.sort();
        texts
    })
}

/// Rebuilds the output from the original and the net edits alone: if this equals the cleaner's
/// output, no byte outside a reported edit was touched.
fn rebuild(original: &str, outcome: &Outcome) -> String {
    let mut out = String::new();
    let mut at = 0;
    for edit in &outcome.edits {
        assert!(edit.span.start >= at, "edits overlap or are out of order");
        out.push_str(&original[at..edit.span.start]);
        out.push_str(&edit.after);
        at = edit.span.end;
    }
    out.push_str(&original[at..]);
    out
}

fn check(text: &str) -> Result<(), TestCaseError> {
    for policy in [Policy::Safe, Policy::SafeAndUnsafe] {
        let outcome = cleaner().clean(text, policy);
        prop_assert_eq!(&rebuild(text, &outcome), &outcome.text);
        for change in &outcome.changes {
            prop_assert_eq!(&text[change.span.clone()], change.before.as_str());
        }
        for edit in &outcome.edits {
            prop_assert!(
                !edit.changes.is_empty(),
                "edit {:?} has no finding behind it",
                edit
            );
        }
        if outcome.converged {
            let again = cleaner().clean(&outcome.text, policy);
            prop_assert_eq!(&again.text, &outcome.text, "not idempotent");
        }
    }
    Ok(())
}

/// Edits the way scraping and translation damage text.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteSpace(usize),
    Insert(usize, &'static str),
    Lowercase(usize),
    Uppercase(usize),
    Decompose,
    Crlf,
}

const INSERTS: &[&str] = &[
    "”",
    "“",
    "\"",
    "’",
    "..",
    " .",
    " y ",
    " con ",
    " He ",
    " They ",
    "\u{301}",
    "\r\n",
    "\n\n",
    "é",
    "ß",
    "Путин",
    "東京",
    "🙂",
    "\u{200b}",
    "So much ",
    "after what ",
    " -un",
    "\u{feff}",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteSpace),
        (any::<usize>(), prop::sample::select(INSERTS)).prop_map(|(at, s)| Mutation::Insert(at, s)),
        any::<usize>().prop_map(Mutation::Lowercase),
        any::<usize>().prop_map(Mutation::Uppercase),
        Just(Mutation::Decompose),
        Just(Mutation::Crlf),
    ]
}

fn char_boundary(text: &str, seed: usize) -> usize {
    if text.is_empty() {
        return 0;
    }
    let mut at = seed % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(mut text: String, mutation: &Mutation) -> String {
    match mutation {
        Mutation::DeleteSpace(seed) => {
            let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
            if !spaces.is_empty() {
                text.remove(spaces[seed % spaces.len()]);
            }
            text
        }
        Mutation::Insert(seed, piece) => {
            let at = char_boundary(&text, *seed);
            text.insert_str(at, piece);
            text
        }
        Mutation::Lowercase(seed) | Mutation::Uppercase(seed) => {
            let at = char_boundary(&text, *seed);
            let end = char_boundary(&text, at + 40);
            let (start, end) = (at.min(end), at.max(end));
            let piece = if matches!(mutation, Mutation::Lowercase(_)) {
                text[start..end].to_lowercase()
            } else {
                text[start..end].to_uppercase()
            };
            format!("{}{}{}", &text[..start], piece, &text[end..])
        }
        Mutation::Decompose => {
            unicode_normalization::UnicodeNormalization::nfd(text.as_str()).collect()
        }
        Mutation::Crlf => text.replace('\n', "\r\n"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_articles_keep_bytes_outside_fixes_and_are_idempotent(
        index in any::<usize>(),
        start in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 0..12),
    ) {
        let article = &articles()[index % articles().len()];
        // A window of the article keeps each case fast.
        let from = char_boundary(article, start);
        let mut to = (from + 1500).min(article.len());
        while !article.is_char_boundary(to) {
            to -= 1;
        }
        let mut text = article[from..to].to_string();
        for m in &mutations {
            text = apply(text, m);
        }
        check(&text)?;
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}") {
        check(&text)?;
    }

    #[test]
    fn random_words_never_panic(words in prop::collection::vec("[A-Za-zÁÉáéñ”“.,' -]{1,12}", 0..60)) {
        check(&words.join(" "))?;
    }
}
