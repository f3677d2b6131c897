//! Doubled and stacked marks: `in Chile..`, `why not?.`, `the vote., to`, `specialists. , an`,
//! `“a traitor”., he`, `harmony.”, he declared`, `rate). .`.
//!
//! A run of sentence marks is read as a whole and looked up in [`LEGITIMATE`]; a run that is not
//! there and has a known repair in [`REPAIRS`] is collapsed. Abbreviations (`U.S.,`, `etc.,`,
//! `Inc.,`) are legitimate before a comma and are recognised by their shape and a closed list.

use std::ops::Range;

use super::{Repair, in_address};
use crate::engine::finding::Applicability;

/// Runs of marks that are correct as they stand (white space removed, `"` for any double quote).
const LEGITIMATE: &[&str] = &[
    "...", "....", "?!", "!?", "!!", "!!!", "??", "???", ".\"", ",\"", "?\"", "!\"",
];

/// Run (white space removed; `"` stands for any closing double quote) → what it becomes.
const REPAIRS: &[(&str, &str, &str)] = &[
    ("..", ".", "a doubled full stop"),
    ("?.", "?", "a full stop after a question mark"),
    ("!.", "!", "a full stop after an exclamation mark"),
    (".,", ",", "a full stop before a comma"),
    (",,", ",", "a doubled comma"),
    (";;", ";", "a doubled semicolon"),
    ("\"..", "\".", "a second full stop after the closing quote"),
    (
        "\".,",
        "\",",
        "a full stop between the closing quote and the comma",
    ),
    (
        ".\",",
        ",\"",
        "a full stop and a comma around the closing quote: the comma goes inside",
    ),
];

/// Abbreviations written in lower case that end in a full stop and may take a comma.
const ABBREVIATIONS: &[&str] = &[
    "etc", "approx", "incl", "esp", "dept", "govt", "misc", "vol", "est", "fig", "nos", "ibid",
    "cit", "seq", "vs", "al", "co", "inc", "ltd", "corp", "jr", "sr", "st", "no",
];

fn is_mark(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | '?' | '!')
}

/// Whether two marks stand together anywhere (one space between them allowed, a closing quote
/// before them too): most paragraphs have none, and are not looked at further.
fn has_stack(p: &str) -> bool {
    let b = p.as_bytes();
    let mark = |c: u8| matches!(c, b'.' | b',' | b';' | b'?' | b'!');
    (0..b.len()).any(|i| {
        let next = b.get(i + 1).copied().unwrap_or(0);
        (mark(b[i]) || b[i] == b'"' || (b[i] == 0x9D && i >= 2 && b[i - 2] == 0xE2))
            && (mark(next) || next == b' ' && b.get(i + 2).copied().is_some_and(mark))
            && (mark(b[i]) || mark(next))
    })
}

pub(super) fn repairs(text: &str, para: Range<usize>, out: &mut Vec<Repair>) {
    let p = &text[para.clone()];
    if !has_stack(p) {
        return;
    }
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if !is_mark(c) {
            i += 1;
            continue;
        }
        // The run: marks, closing quotes, and single spaces between marks (`. ,`).
        let mut j = i;
        let mut key = String::new();
        while j < chars.len() {
            let c = chars[j].1;
            if is_mark(c) {
                key.push(c);
            } else if matches!(c, '”' | '"') && j > i {
                key.push('"');
            } else if c == ' '
                && j > i
                && chars.get(j + 1).is_some_and(|&(_, n)| is_mark(n))
                && is_mark(chars[j - 1].1)
            {
                // `. ,`: a space between two marks belongs to the run.
            } else {
                break;
            }
            j += 1;
        }
        // A closing quote just before the run belongs to it (`”.,`).
        let quote_before = i > 0 && matches!(chars[i - 1].1, '”' | '"');
        let (run_start, key) = if quote_before {
            (i - 1, format!("\"{key}"))
        } else {
            (i, key)
        };
        let end = chars.get(j).map_or(p.len(), |&(at, _)| at);
        let next = chars.get(j).map(|x| x.1);
        let key = key.trim_end_matches('"').to_string();
        let key_end = {
            // The run without trailing closing quotes keeps them out of the span.
            let mut e = end;
            let mut k = j;
            while k > i && matches!(chars[k - 1].1, '”' | '"') {
                k -= 1;
                e = chars[k].0;
            }
            e
        };
        i = j.max(i + 1);
        if key.chars().count() < 2 || LEGITIMATE.contains(&key.as_str()) {
            continue;
        }
        // Only before a break: `..` inside `a..b` is a range or a path.
        if !next.is_none_or(|c| c.is_whitespace() || matches!(c, '”' | '"' | ')')) {
            continue;
        }
        let Some(&(_, replacement, message)) = REPAIRS.iter().find(|(k, _, _)| *k == key) else {
            continue;
        };
        let before = &p[..chars[run_start].0];
        let word: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // A run after white space is a list bullet or a quotation of the marks themselves
        // (`".."`, `cd ..`).
        if before.trim_end().is_empty() || before.ends_with(char::is_whitespace) {
            continue;
        }
        let abbreviation = !word.is_empty()
            && (word.contains('.')
                || word.chars().count() == 1
                || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                || word.chars().all(char::is_uppercase));
        // `No.. 10`, `Inc.. the`: after an abbreviation a second full stop may end the
        // sentence (kept), but not before a number or a lower-case word, where it goes on.
        let goes_on = p[end..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c.is_lowercase());
        if key.starts_with('.') && abbreviation && !(key == ".." && goes_on) {
            continue;
        }
        // Before a comma, a capitalised word with a full stop is an abbreviation too (`Calif.,`,
        // `Ky.,`): only a lower-case word's full stop is a stray one.
        if key.starts_with(".") && key != ".." && !word.chars().all(char::is_lowercase) {
            continue;
        }
        // `Yahoo!.`: a name that ends in `!` keeps it, and the full stop is the house's choice.
        if key == "!." && word.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let at = para.start + chars[run_start].0;
        let span_end = para.start + key_end;
        if in_address(text, at) {
            continue;
        }
        let quote = text[at..span_end]
            .chars()
            .find(|c| matches!(c, '”' | '"'))
            .unwrap_or('”');
        let replacement = replacement.replace('"', &quote.to_string());
        // A stacked mark after a word is never right, so even alone it is not left as a
        // writer's slip (abbreviations and ellipses are kept above).
        out.push(Repair {
            span: at..span_end,
            replacement,
            check: &super::DOUBLED_MARK,
            message: message.to_string(),
            applicability: Applicability::Safe,
            could_be_typo: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixed;
    use crate::Policy;

    /// Safe and unsafe: most examples hold one slip, which alone is only suggested (see
    /// `one_slip_alone_is_only_suggested` in the module above).
    fn safe(text: &str) -> String {
        fixed(text, Policy::SafeAndUnsafe)
    }

    #[test]
    fn stacked_marks_collapse() {
        assert_eq!(safe("He lived in Chile.."), "He lived in Chile.");
        assert_eq!(
            safe("And why not?. Nobody asked."),
            "And why not? Nobody asked."
        );
        assert_eq!(
            safe("After the vote., to everyone's surprise"),
            "After the vote, to everyone's surprise"
        );
        assert_eq!(
            safe("with doctors and specialists. , an exemplary service"),
            "with doctors and specialists, an exemplary service"
        );
        assert_eq!(
            safe("He called him “a traitor”., he says."),
            "He called him “a traitor”, he says."
        );
        assert_eq!(
            safe("They live in peace.”, he declared."),
            "They live in peace,” he declared."
        );
        assert_eq!(safe("at the official rate).."), "at the official rate).");
        assert_eq!(safe("the best year. . Next"), "the best year. Next");
        assert_eq!(
            safe("It is called “The Hour”. . Next"),
            "It is called “The Hour”. Next"
        );
        assert_eq!(safe("Yes,, of course"), "Yes, of course");
        assert_eq!(
            safe("He spoke inside No.. 10 on Monday."),
            "He spoke inside No. 10 on Monday."
        );
    }

    #[test]
    fn legitimate_sequences_stay() {
        for text in [
            "Wait... what?! Really?? No!!!",
            "Made in the U.S., sold in Canada.",
            "Apples, pears, etc., were sold.",
            "Acme Inc., the maker, and J. Smith Jr., the heir.",
            "He joined Yahoo!. Then E! hired him.",
            "Run `cd ..` then list files.",
            "Use the range 1..10 in the loop.",
            "It happened in Orlando, Fla., and in Biloxi, Miss., on Monday.",
            "Sanctions against the U.S.. Then the talks.",
            "It rose to 118 percent in 2024,. In May it fell.",
            "Wait . . . what?",
            "“Why?” he asked. “Because.”",
            "It ended. . . . Then silence.",
            "The string \"..\" means the parent.",
        ] {
            assert_eq!(safe(text), text, "{text}");
        }
    }
}
