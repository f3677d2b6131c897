//! How common a word form is in English and in each source language the tool knows, from
//! wordfreq's lists (`data/wordfreq/`, see its README for origin, cut and licence).
//!
//! Why: most decisions about a suspicious token come down to "is this an English word, or a
//! word of the language the article was translated from?" (`y`, `del`, `und` left
//! untranslated), and "is this glued string a word at all?". A frequency per form in each
//! language answers both with one number, the Zipf value: log10 of uses per billion words
//! (`the` is 7.7, a word used once per million words is 3).
//!
//! ```
//! use mtclean::engine::frequency::{self, Lang};
//!
//! assert!(frequency::english("the").unwrap() > 7.0);
//! // `y` is far more common in Spanish than in English text.
//! assert!(frequency::zipf(Lang::Es, "y").unwrap() > frequency::english("y").unwrap() + 1.5);
//! assert_eq!(frequency::english("qqxzv"), None);
//! ```
//!
//! Lookups fold the form the way wordfreq folded its data ([`fold`]): NFC, lower case with
//! Python's `casefold` for the letters news uses (`Straße` → `strasse`), curly apostrophes to
//! `'`, and Turkish dotted/dotless i for [`Lang::Tr`]. Accents are kept (`café` and `cafe` are
//! different forms, as in wordfreq), and so is the apostrophe (`don't` is one form).
//!
//! Limits: wordfreq folds case, so these tables cannot tell `Bush` from `bush` (the cased
//! evidence stays in [`crate::lexicon`]). Each table stops at a cut ([`Lang::cut`]): a form that
//! is absent is rarer than that, not unknown to the language. Forms with digits are not kept.
//! wordfreq's tokenizer splits hyphenated words, so ask about each part. Zipf is quantised to
//! tenths.
//!
//! The tables are `fst` maps that `build.rs` writes at compile time and the binary embeds: the
//! first lookup in a language opens its map in O(1) (no parse, no allocation); each lookup walks
//! the form's bytes.

use std::borrow::Cow;
use std::sync::OnceLock;

use fst::Map;
use unicode_normalization::UnicodeNormalization;

/// A language with a frequency table: English and the source languages of the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Es,
    Pt,
    Fr,
    It,
    De,
    Nl,
    Ca,
    Ru,
    Pl,
    Cs,
    Tr,
    Id,
}

impl Lang {
    /// Every language with a table, in `build.rs` order.
    pub const ALL: [Lang; 13] = [
        Lang::En,
        Lang::Es,
        Lang::Pt,
        Lang::Fr,
        Lang::It,
        Lang::De,
        Lang::Nl,
        Lang::Ca,
        Lang::Ru,
        Lang::Pl,
        Lang::Cs,
        Lang::Tr,
        Lang::Id,
    ];

    /// The source languages: every language but English.
    pub const SOURCES: [Lang; 12] = [
        Lang::Es,
        Lang::Pt,
        Lang::Fr,
        Lang::It,
        Lang::De,
        Lang::Nl,
        Lang::Ca,
        Lang::Ru,
        Lang::Pl,
        Lang::Cs,
        Lang::Tr,
        Lang::Id,
    ];

    /// The ISO 639-1 code, which is also the table's file name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::Fr => "fr",
            Lang::It => "it",
            Lang::De => "de",
            Lang::Nl => "nl",
            Lang::Ca => "ca",
            Lang::Ru => "ru",
            Lang::Pl => "pl",
            Lang::Cs => "cs",
            Lang::Tr => "tr",
            Lang::Id => "id",
        }
    }

    /// The English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Spanish",
            Lang::Pt => "Portuguese",
            Lang::Fr => "French",
            Lang::It => "Italian",
            Lang::De => "German",
            Lang::Nl => "Dutch",
            Lang::Ca => "Catalan",
            Lang::Ru => "Russian",
            Lang::Pl => "Polish",
            Lang::Cs => "Czech",
            Lang::Tr => "Turkish",
            Lang::Id => "Indonesian",
        }
    }

    /// The language of an ISO 639-1 code (`"es"`), as the passes name source languages.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The lowest Zipf value the table keeps (`data/wordfreq/build.py`: `CUTS`, and wordfreq's
    /// 'small' lists, which stop at 3, for Turkish and Indonesian). An absent form is rarer.
    pub fn cut(self) -> f32 {
        match self {
            Lang::En => 1.5,
            Lang::Tr | Lang::Id => 3.0,
            _ => 2.0,
        }
    }

    /// How many forms the table holds.
    pub fn forms(self) -> usize {
        map(self).len()
    }
}

static TABLES: [&[u8]; 13] = [
    include_bytes!(concat!(env!("OUT_DIR"), "/en.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/es.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/pt.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/fr.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/it.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/de.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/nl.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/ca.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/ru.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/pl.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/cs.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/tr.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/id.fst")),
];

static MAPS: [OnceLock<Map<&'static [u8]>>; 13] = [const { OnceLock::new() }; 13];

/// The table of one language, opened on first use (reads the fst's header and footer only).
fn map(lang: Lang) -> &'static Map<&'static [u8]> {
    let index = lang as usize;
    MAPS[index].get_or_init(|| {
        Map::new(TABLES[index]).expect("build.rs writes a valid fst for every language")
    })
}

/// Calls `f` with every form of `lang`'s table and its Zipf × 10, in byte order: for indexes a
/// pass builds once (the forms of a source language with accented letters, say).
pub fn for_each_form(lang: Lang, mut f: impl FnMut(&str, u8)) {
    use fst::Streamer;
    let mut stream = map(lang).stream();
    while let Some((key, value)) = stream.next() {
        if let (Ok(form), Ok(z)) = (std::str::from_utf8(key), u8::try_from(value)) {
            f(form, z);
        }
    }
}

/// The form's Zipf value × 10 in `lang` (10..=80), or `None` below the table's cut.
pub fn zipf10(lang: Lang, word: &str) -> Option<u8> {
    let form = fold(lang, word);
    let value = map(lang).get(form.as_bytes())?;
    Some(u8::try_from(value).expect("build.rs stores one byte per form"))
}

/// The form's Zipf value in `lang` (log10 of uses per billion words), or `None` when the form is
/// rarer than [`Lang::cut`] (or no word at all).
pub fn zipf(lang: Lang, word: &str) -> Option<f32> {
    zipf10(lang, word).map(|z| f32::from(z) / 10.0)
}

/// The form's Zipf value in English.
pub fn english(word: &str) -> Option<f32> {
    zipf(Lang::En, word)
}

/// How much more common the form is in English than in `lang`, in Zipf units (log10 of the
/// ratio of the frequencies): `con` is about -2.7 against Spanish, `the` about +2.3 (English
/// leaks into the other lists, so a margin says more than presence). An absent form
/// counts at its table's cut, the most it could be, so the margin is never stretched by a cut.
pub fn english_margin(lang: Lang, word: &str) -> f32 {
    let en = english(word).unwrap_or(Lang::En.cut());
    let other = zipf(lang, word).unwrap_or(lang.cut());
    en - other
}

/// The source language in which the form is most common, and its Zipf value there; `None`
/// when no source table holds it. Ties go to the earlier language in [`Lang::SOURCES`].
pub fn likeliest_source(word: &str) -> Option<(Lang, f32)> {
    let mut best: Option<(Lang, u8)> = None;
    for lang in Lang::SOURCES {
        if let Some(z) = zipf10(lang, word)
            && best.is_none_or(|(_, b)| z > b)
        {
            best = Some((lang, z));
        }
    }
    best.map(|(lang, z)| (lang, f32::from(z) / 10.0))
}

/// Folds a form the way wordfreq folded its lists before counting: NFC, Python's `casefold`
/// (lower case, plus `ß` → `ss`, final `ς` → `σ` and the like), curly apostrophes to `'`, and
/// for Turkish `I` → `ı`, `İ` → `i`, `ș`/`ț` → `ş`/`ţ`. Lower-case ASCII is returned as is.
/// Punctuation around a word is the caller's to strip: wordfreq's forms keep inner `'` and `.`
/// only (`U.S.` is the form `u.s`).
pub fn fold(lang: Lang, word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'\'' || b == b'.')
    {
        return Cow::Borrowed(word);
    }
    let turkish = lang == Lang::Tr;
    let mut folded = String::with_capacity(word.len() + 2);
    for ch in word.nfc() {
        match ch {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => folded.push('\''),
            'I' if turkish => folded.push('ı'),
            'İ' if turkish => folded.push('i'),
            'ș' if turkish => folded.push('ş'),
            'Ș' if turkish => folded.push('ş'),
            'ț' if turkish => folded.push('ţ'),
            'Ț' if turkish => folded.push('ţ'),
            // Where Python's casefold goes beyond lower case.
            'ß' | 'ẞ' => folded.push_str("ss"),
            'ς' => folded.push('σ'),
            'ſ' => folded.push('s'),
            'µ' => folded.push('μ'),
            'ϐ' => folded.push('β'),
            'ϑ' => folded.push('θ'),
            'ϕ' => folded.push('φ'),
            'ϖ' => folded.push('π'),
            'ϰ' => folded.push('κ'),
            'ϱ' => folded.push('ρ'),
            'ϵ' => folded.push('ε'),
            'ﬀ' => folded.push_str("ff"),
            'ﬁ' => folded.push_str("fi"),
            'ﬂ' => folded.push_str("fl"),
            'ﬃ' => folded.push_str("ffi"),
            'ﬄ' => folded.push_str("ffl"),
            'ﬅ' | 'ﬆ' => folded.push_str("st"),
            _ => folded.extend(ch.to_lowercase()),
        }
    }
    Cow::Owned(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Streamer};

    fn z(lang: Lang, word: &str) -> f32 {
        zipf(lang, word).unwrap_or_else(|| panic!("{word:?} is in the {lang:?} table"))
    }

    #[test]
    fn frequent_words_are_frequent() {
        assert!(z(Lang::En, "the") > 7.5);
        assert!(z(Lang::En, "said") > 5.5);
        assert!(z(Lang::De, "und") > 7.0);
        assert!(z(Lang::Es, "y") > 7.0);
        assert!(z(Lang::Fr, "et") > 7.0);
        assert!(z(Lang::Pt, "não") > 6.0);
        assert!(z(Lang::It, "della") > 6.0);
        assert!(z(Lang::Nl, "het") > 7.0);
        assert!(z(Lang::Ca, "amb") > 6.0);
        assert!(z(Lang::Ru, "и") > 7.0);
        assert!(z(Lang::Pl, "się") > 6.5);
        assert!(z(Lang::Cs, "je") > 6.5);
        assert!(z(Lang::Tr, "ve") > 6.5);
        assert!(z(Lang::Id, "yang") > 6.5);
    }

    #[test]
    fn news_names_survive_the_english_cut() {
        for name in ["shoigu", "netflix", "kyiv", "zelensky", "sotomayor"] {
            assert!(z(Lang::En, name) >= Lang::En.cut(), "{name}");
        }
    }

    #[test]
    fn unknown_strings_are_absent() {
        for lang in Lang::ALL {
            assert_eq!(zipf(lang, "qqxzvkw"), None, "{lang:?}");
            assert_eq!(zipf(lang, ""), None, "{lang:?}");
        }
    }

    #[test]
    fn function_words_tell_the_language() {
        // `y`: Spanish "and", in English text mostly a letter.
        assert!(z(Lang::Es, "y") > z(Lang::En, "y") + 1.5);
        assert!(z(Lang::De, "und") > z(Lang::En, "und") + 3.0);
        // English leaks into the other lists (web and subtitle text quote it): `the` is 5.4 in
        // Spanish, so compare margins, not presence.
        assert!(z(Lang::En, "the") > z(Lang::Es, "the") + 2.0);
        for word in ["con", "del", "para"] {
            let margin = english_margin(Lang::Es, word);
            assert!(margin < -1.5, "{word}: English - Spanish = {margin}");
        }
        assert!(english_margin(Lang::Es, "the") > 2.0);
        assert_eq!(likeliest_source("und").map(|(l, _)| l), Some(Lang::De));
        assert_eq!(likeliest_source("não").map(|(l, _)| l), Some(Lang::Pt));
        assert_eq!(likeliest_source("qqxzvkw"), None);
        // Absent from both tables: each side at its cut, so no evidence either way beyond them.
        let absent = english_margin(Lang::Es, "qqxzvkw");
        assert!((absent - (Lang::En.cut() - Lang::Es.cut())).abs() < 1e-6);
    }

    #[test]
    fn lookups_fold_like_wordfreq() {
        assert_eq!(zipf(Lang::En, "The"), zipf(Lang::En, "the"));
        assert_eq!(zipf(Lang::En, "NETFLIX"), zipf(Lang::En, "netflix"));
        assert_eq!(zipf(Lang::En, "don\u{2019}t"), zipf(Lang::En, "don't"));
        assert!(zipf(Lang::En, "don't").is_some());
        assert_eq!(zipf(Lang::De, "Straße"), zipf(Lang::De, "strasse"));
        assert!(zipf(Lang::De, "Straße").is_some());
        // Decomposed input finds the composed form.
        assert_eq!(zipf(Lang::Pt, "na\u{303}o"), zipf(Lang::Pt, "não"));
        // Turkish: `I` is the capital of dotless `ı`, `İ` of `i`.
        assert_eq!(fold(Lang::Tr, "KIRMIZI"), "kırmızı");
        assert_eq!(fold(Lang::Tr, "İstanbul"), "istanbul");
        assert!(zipf(Lang::Tr, "İSTANBUL").is_some());
        assert_eq!(fold(Lang::En, "ISTANBUL"), "istanbul");
        // Accents are part of the form.
        assert_eq!(fold(Lang::Fr, "Café"), "café");
        assert!(matches!(fold(Lang::En, "plain"), Cow::Borrowed(_)));
    }

    /// Each table's keys are already folded (so a lookup can find every one of them), its values
    /// lie between the cut and 8, and its lowest value is the cut `Lang::cut` promises.
    #[test]
    fn tables_match_their_fold_and_cut() {
        for lang in Lang::ALL {
            let mut stream = map(lang).into_stream();
            let (mut count, mut lowest, mut highest) = (0usize, u64::MAX, 0u64);
            let mut unfolded = Vec::new();
            while let Some((key, value)) = stream.next() {
                let form = std::str::from_utf8(key).expect("forms are UTF-8");
                if fold(lang, form) != form && unfolded.len() < 5 {
                    unfolded.push(form.to_string());
                }
                count += 1;
                lowest = lowest.min(value);
                highest = highest.max(value);
            }
            assert!(unfolded.is_empty(), "{lang:?}: {unfolded:?}");
            assert!(count > 30_000, "{lang:?}: {count} forms");
            assert_eq!(count, lang.forms());
            assert_eq!(lowest, (lang.cut() * 10.0).round() as u64, "{lang:?}");
            assert!((70..=80).contains(&highest), "{lang:?}: {highest}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert!(!lang.name().is_empty());
        }
        assert_eq!(Lang::from_code("xx"), None);
        assert!(!Lang::SOURCES.contains(&Lang::En));
    }
}
