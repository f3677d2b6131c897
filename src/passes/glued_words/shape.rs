//! The shape of a token: which kinds of glue it can be, and contexts where nothing is glue.

use crate::engine::document::{Document, Token, TokenKind};

/// The shape of a token that may be glued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// `fiveyears`
    Lower,
    /// `Shoiguvisited`: one capital, then lower case.
    Capitalised,
    /// `USApointing`: capitals up to this byte, then lower case.
    Acronym(usize),
    /// `1953with`, `1At`: digits up to this byte, then a word.
    Number(usize),
}

pub(super) fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
            && c != '×'
            && c != '÷')
}

pub(super) fn all_lower(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| is_latin_letter(c) && c.is_lowercase())
}

/// Classifies a word token; `None` for anything that is never split (CamelCase, all capitals,
/// digits inside letters, other scripts, combining marks).
pub(super) fn shape(word: &str) -> Option<Shape> {
    let first = word.chars().next()?;
    if first.is_ascii_digit() {
        let digits = word
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(word.len());
        let rest = &word[digits..];
        let mut chars = rest.chars();
        let head = chars.next()?;
        let tail = chars.as_str();
        let word_like = is_latin_letter(head) && (tail.is_empty() || all_lower(tail));
        return word_like.then_some(Shape::Number(digits));
    }
    if !word.chars().all(is_latin_letter) {
        return None;
    }
    if first.is_lowercase() {
        return all_lower(word).then_some(Shape::Lower);
    }
    let caps = word.find(|c: char| !c.is_uppercase()).unwrap_or(word.len());
    let rest = &word[caps..];
    if !all_lower(rest) {
        return None; // all capitals, or CamelCase: `iPhone`, `McDonald`, `YouTube`
    }
    if word[..caps].chars().count() >= 2 {
        Some(Shape::Acronym(caps))
    } else {
        Some(Shape::Capitalised)
    }
}

pub(super) fn adjacent_punct<'t>(doc: &'t Document, token: Option<&Token>) -> Option<&'t str> {
    let token = token?;
    (token.kind == TokenKind::Punct).then(|| doc.token_text(token))
}
