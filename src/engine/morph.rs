//! Just enough English verb morphology for calque repairs (`after what Russia invade` →
//! `after Russia invaded`): the simple past of a base form, and whether a form is already
//! inflected. English irregular verbs are a closed class, listed in `data/tables/english.toml`.

use crate::engine::english::English;

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The simple past of a base form (`invade` → `invaded`, `attack` → `attacked`,
/// `carry` → `carried`, `stop` → `stopped`, `go` → `went`).
pub fn past_tense(base: &str) -> String {
    if let Some(past) = English::embedded().irregular_past(base) {
        return past.to_string();
    }
    let chars: Vec<char> = base.chars().collect();
    let n = chars.len();
    if base.ends_with('e') {
        return format!("{base}d");
    }
    if n >= 2 && chars[n - 1] == 'y' && !is_vowel(chars[n - 2]) {
        return format!("{}ied", &base[..base.len() - 1]);
    }
    // Short consonant-vowel-consonant verbs double the last consonant (stop → stopped).
    if n == 3 || (n == 4 && !is_vowel(chars[0]) && !is_vowel(chars[1])) {
        let (a, b, c) = (chars[n - 3], chars[n - 2], chars[n - 1]);
        if !is_vowel(a) && is_vowel(b) && !is_vowel(c) && !matches!(c, 'w' | 'x' | 'y') {
            return format!("{base}{c}ed");
        }
    }
    format!("{base}ed")
}

/// Whether a word is already inflected (a past, a participle, a third person `-s`), so no
/// base form: `did`, `invaded`, `calls`.
pub fn is_inflected(word: &str) -> bool {
    word.ends_with("ed")
        || word.ends_with("ing")
        || (word.ends_with('s') && !word.ends_with("ss"))
        || English::embedded().is_irregular_past(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_and_irregular_pasts() {
        assert_eq!(past_tense("invade"), "invaded");
        assert_eq!(past_tense("attack"), "attacked");
        assert_eq!(past_tense("carry"), "carried");
        assert_eq!(past_tense("stop"), "stopped");
        assert_eq!(past_tense("go"), "went");
        assert_eq!(past_tense("annex"), "annexed");
        assert_eq!(past_tense("enter"), "entered");
    }

    #[test]
    fn inflected_forms_are_recognised() {
        assert!(is_inflected("did"));
        assert!(is_inflected("invaded"));
        assert!(is_inflected("calls"));
        assert!(!is_inflected("invade"));
        assert!(
            !is_inflected("cut"),
            "cut is both base and past: treated as base"
        );
        assert!(!is_inflected("press"));
    }
}
