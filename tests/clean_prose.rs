//! Clean, edited English that the safe fixes must leave exactly as it is.
//!
//! Passages written for this test or seen in English prose outside the dev set (quotation
//! collections, documentation, docstrings) that a safe fix once changed or nearly did: clause
//! starts after a colon or semicolon, capital letters used as labels, titles, names with
//! particles, brands in lower case, place names that name a kind of thing.

use mtclean::{Cleaner, Options, Policy};

const PASSAGES: &[&str] = &[
    // Clause starts after a colon, a semicolon or a list marker capitalise ordinary words.
    "Changed in version 3.2: Previously it was illegal to delete a name from the local namespace.",
    "Treat men and women well; treat them as if they were real; Perhaps they are.",
    "- bpo-19746: Make it possible to examine the errors from unittest discovery.",
    "Isn't it conceivable to you that an intelligent person could harbor two opposing ideas?",
    "He is good to those who are good; he is also good to those who are not good, Thereby he is good.",
    // Capital letters as labels, and titles introduced by a noun.
    "A lack of vitamin A causes night blindness, and hepatitis A spreads through food.",
    "Do not send cookies of domain A without a Domain attribute to domain B.",
    "The rules are set out in section The try statement of the reference.",
    "The evacuation followed Plan A, and Category A prisoners were moved first.",
    // Names: Chinese surnames that read as pronouns, particles, hyphens, lower-case brands.
    "Vice Premier He Lifeng met the delegation, and He Jiankui spoke later.",
    "The philosopher José Ortega y Gasset and the painter Diego Velázquez are buried in Madrid.",
    "Ursula von der Leyen met Charles de Gaulle's grandson at the Élysée.",
    "Jean-Claude Van Damme and Catherine Zeta-Jones attended the premiere.",
    "iPhone sales rose in the quarter, and eBay said its listings grew.",
    "Us Weekly reported the wedding first, and the magazine sold out.",
    "The film Us was directed by Jordan Peele.",
    // Places that name a kind of thing, and software with a version.
    "He searched the drawer for a manila envelope and a bottle of india ink.",
    "The tool is a swiss army knife for cryptographic tasks.",
    "The library can be built with cairo 1.12, but it needs a newer branch to work.",
    // Quotes and punctuation that are right as they stand.
    "A “\"def\"” statement executed inside a function defines a local function.",
    "Recipes that use \"..\" quoting no longer force invocation of the shell.",
    "“We will not back down,” she said. “Not now, not ever.”",
    "He called it “a farce” and left the room.",
    "Wait . . . what did he say?",
    // Sentence-like lines and words that look glued but are words.
    "Nevertheless, the committee approved the budget without debate.",
    "The band They Might Be Giants played at the festival in The Hague.",
    "The novel It by Stephen King was filmed twice.",
];

#[test]
fn safe_fixes_leave_clean_prose_unchanged() {
    let cleaner = Cleaner::new(&Options::default()).unwrap();
    let mut changed = Vec::new();
    for passage in PASSAGES {
        let outcome = cleaner.clean(passage, Policy::Safe);
        if outcome.text != *passage {
            changed.push(format!("{passage}\n  → {}", outcome.text));
        }
        // As one article too: the article-level evidence must not change the verdict.
    }
    let article = PASSAGES.join("\n\n");
    let outcome = cleaner.clean(&article, Policy::Safe);
    if outcome.text != article {
        for (before, after) in article.split("\n\n").zip(outcome.text.split("\n\n")) {
            if before != after {
                changed.push(format!("(in one article) {before}\n  → {after}"));
            }
        }
    }
    assert!(
        changed.is_empty(),
        "safe fixes changed clean prose:\n{}",
        changed.join("\n")
    );
}
