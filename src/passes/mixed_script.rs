#![doc = include_str!("mixed_script.md")]

use crate::engine::document::{Document, TokenKind};
use crate::engine::finding::{CheckId, CheckInfo, Family, Finding};
use crate::passes::{Context, Pass};

/// The `mixed-script` check.
pub static MIXED_SCRIPT: CheckInfo = CheckInfo {
    id: "mixed-script",
    family: Family::Script,
    summary: "letters of another script inside a Latin word: `Franোয়াo` (display-only)",
    doc: include_str!("mixed_script.md"),
};

static CHECKS: [&CheckInfo; 1] = [&MIXED_SCRIPT];

#[derive(Debug, Default)]
pub struct MixedScriptPass;

/// Latin letters: ASCII, Latin-1, Latin Extended-A/B, IPA, Latin Extended Additional, C, D, E,
/// and the fullwidth forms.
fn is_latin(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z'
        | '\u{00AA}' | '\u{00BA}'
        | '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1D00}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// Combining marks shared by every script (accents): neither Latin nor foreign.
fn is_shared_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// A letter or mark of a script other than Latin.
fn is_other_script(c: char) -> bool {
    !c.is_ascii() && !is_latin(c) && !is_shared_mark(c) && (c.is_alphabetic() || is_mark(c))
}

/// Combining marks of other scripts (Bengali vowel signs are marks, not letters).
fn is_mark(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace() && !c.is_ascii_punctuation() && {
        let code = c as u32;
        // The Brahmic, Arabic, Hebrew and Thai blocks carry their marks inside the block.
        (0x0590..=0x0FFF).contains(&code) || (0x1000..=0x109F).contains(&code)
    }
}

/// Whether a word mixes Latin letters with letters of another script.
pub fn mixes_scripts(word: &str) -> bool {
    word.chars().any(is_latin) && word.chars().any(is_other_script)
}

impl Pass for MixedScriptPass {
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &CHECKS
    }

    fn find(&self, doc: &Document, _context: &Context, out: &mut Vec<Finding>) {
        for token in doc.tokens() {
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = doc.token_text(token);
            if word.is_ascii() || !mixes_scripts(word) {
                continue;
            }
            out.push(Finding {
                span: token.span.clone(),
                check: CheckId::Builtin(&MIXED_SCRIPT),
                family: Family::Script,
                message: format!("letters of another script inside a Latin word: “{word}”"),
                fix: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reported(text: &str) -> Vec<String> {
        crate::passes::testing::run_alone(&MixedScriptPass, text)
            .iter()
            .map(|f| text[f.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn reports_bengali_inside_a_latin_word() {
        assert_eq!(reported("the pope Franোয়াo said"), ["Franোয়াo"]);
    }

    #[test]
    fn reports_cyrillic_look_alike() {
        assert_eq!(reported("the Сorp said"), ["Сorp"]);
    }

    #[test]
    fn keeps_whole_words_of_other_scripts_and_accents() {
        assert!(
            reported("Путин met officials in 東京 and Pedro Sánchez, Zelenskiy, naïve Ærø")
                .is_empty()
        );
        assert!(reported("Pedro Sa\u{301}nchez").is_empty());
    }
}
