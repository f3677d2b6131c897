//! English words with frequencies, words English only writes capitalised, and a gazetteer of
//! names, loaded once from the files in `data/lexicon/` (embedded in the binary; sources and
//! licences in `data/lexicon/README.md`), plus an optional user lexicon of a newsroom's names.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;
use std::sync::OnceLock;

use crate::Error;

/// The kind of a gazetteer entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    Country,
    Capital,
    City,
    Demonym,
    Org,
    Region,
    Given,
    Surname,
    /// From the user's lexicon.
    User,
}

impl NameKind {
    /// Lower is more specific: a word that is both a country and a surname is a country.
    fn priority(self) -> u8 {
        match self {
            NameKind::User => 0,
            NameKind::Country => 1,
            NameKind::Capital => 2,
            NameKind::Demonym => 3,
            NameKind::Region => 4,
            NameKind::Org => 5,
            NameKind::City => 6,
            NameKind::Given => 7,
            NameKind::Surname => 8,
        }
    }

    /// What the kind is called in messages (`country`, `given name`).
    pub fn describe(self) -> &'static str {
        match self {
            NameKind::Country => "country",
            NameKind::Capital => "capital",
            NameKind::City => "city",
            NameKind::Demonym => "demonym",
            NameKind::Org => "organisation",
            NameKind::Region => "region",
            NameKind::Given => "given name",
            NameKind::Surname => "surname",
            NameKind::User => "name (user lexicon)",
        }
    }

    /// A place: a country, capital, city or region.
    pub fn is_place(self) -> bool {
        matches!(
            self,
            NameKind::Country | NameKind::Capital | NameKind::City | NameKind::Region
        )
    }

    fn parse(tag: &str) -> Option<NameKind> {
        Some(match tag {
            "country" => NameKind::Country,
            "capital" => NameKind::Capital,
            "city" => NameKind::City,
            "demonym" => NameKind::Demonym,
            "org" => NameKind::Org,
            "region" => NameKind::Region,
            "given" => NameKind::Given,
            "surname" => NameKind::Surname,
            _ => return None,
        })
    }
}

#[derive(Debug, Default)]
pub struct Lexicon {
    /// Lower-case word → corpus count.
    /// Keys borrow the (lower-case) word list itself: no allocation per word at start-up.
    frequencies: HashMap<&'static str, u64>,
    /// Words a dictionary writes only capitalised (`Washington`, `Monday`), in lower case.
    capitalised_only: HashSet<Box<str>>,
    /// Names as written (`North Korea`, `RTVE`) → kind; single words also indexed in lower case.
    names: HashMap<Box<str>, NameKind>,
    /// Lower-case name → (its usual spelling, kind), keeping the most specific kind.
    names_lower: HashMap<Box<str>, (Box<str>, NameKind)>,
    /// Longest gazetteer entry in words, to bound multi-word look-ups.
    longest_name_words: usize,
}

const WORDS_FILE: &str = "lexicon/en_words.txt";
const CASED_FILE: &str = "lexicon/en_cased.txt";
const GAZETTEER_FILE: &str = "lexicon/gazetteer.txt";

impl Lexicon {
    /// The lexicon embedded in the binary, parsed on first use.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let file = |name: &str| crate::engine::data::text(name).unwrap_or("");
            Lexicon::from_sources(file(WORDS_FILE), file(CASED_FILE), file(GAZETTEER_FILE))
        })
    }

    /// Builds a lexicon from the three file formats: `word<TAB>count` lines, one capitalised word
    /// a line, and `name<TAB>kind` lines. Lines starting with `#` are comments.
    /// The word list must be in lower case (a line with a capital is skipped): the lexicon
    /// borrows its words rather than copying 80,000 of them at every start.
    pub fn from_sources(words: &'static str, cased: &str, gazetteer: &str) -> Lexicon {
        let mut lexicon = Lexicon::default();
        lexicon.frequencies.reserve(words.len() / 16);
        for line in data_lines(words) {
            let (word, count) = line.split_once('\t').unwrap_or((line, "1"));
            if word.chars().any(char::is_uppercase) {
                continue;
            }
            let count = count.trim().parse().unwrap_or(1);
            lexicon
                .frequencies
                .entry(word)
                .and_modify(|c| *c = (*c).max(count))
                .or_insert(count);
        }
        for line in data_lines(cased) {
            lexicon
                .capitalised_only
                .insert(line.to_lowercase().into_boxed_str());
        }
        for line in data_lines(gazetteer) {
            let (name, tag) = line.split_once('\t').unwrap_or((line, "org"));
            if let Some(kind) = NameKind::parse(tag.trim()) {
                lexicon.add_name(name, kind);
            }
        }
        lexicon
    }

    /// A copy of this lexicon with the names of a user lexicon file (one name a line, `#`
    /// comments) added.
    pub fn with_user_file(&self, path: &Path) -> Result<Lexicon, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut lexicon = Lexicon {
            frequencies: self.frequencies.clone(),
            capitalised_only: self.capitalised_only.clone(),
            names: self.names.clone(),
            names_lower: self.names_lower.clone(),
            longest_name_words: self.longest_name_words,
        };
        for line in data_lines(&text) {
            lexicon.add_name(line, NameKind::User);
        }
        Ok(lexicon)
    }

    fn add_name(&mut self, name: &str, kind: NameKind) {
        let words = name.split_whitespace().count();
        self.longest_name_words = self.longest_name_words.max(words);
        self.names.entry(name.into()).or_insert(kind);
        let entry = self
            .names_lower
            .entry(name.to_lowercase().into_boxed_str())
            .or_insert_with(|| (name.into(), kind));
        if kind.priority() < entry.1.priority() {
            *entry = (name.into(), kind);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.frequencies.is_empty()
    }

    pub fn word_count(&self) -> usize {
        self.frequencies.len()
    }

    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Corpus count of a word (any case); 0 when unknown.
    pub fn frequency(&self, word: &str) -> u64 {
        if let Some(&count) = self.frequencies.get(word) {
            return count;
        }
        // Already lower case (the common case): no second look-up, no allocation.
        if !word.chars().any(char::is_uppercase) {
            return 0;
        }
        self.frequencies
            .get(word.to_lowercase().as_str())
            .copied()
            .unwrap_or(0)
    }

    /// Corpus count of a word already in lower case: one hash look-up, no allocation.
    pub fn frequency_of_lowercase(&self, lower: &str) -> u64 {
        self.frequencies.get(lower).copied().unwrap_or(0)
    }

    pub fn is_word(&self, word: &str) -> bool {
        self.frequency(word) > 0
    }

    /// A word the dictionary only ever writes capitalised (`Monday`, `Washington`).
    pub fn is_capitalised_only(&self, word: &str) -> bool {
        if !word.chars().any(char::is_uppercase) {
            return self.capitalised_only.contains(word);
        }
        self.capitalised_only.contains(word.to_lowercase().as_str())
    }

    /// The gazetteer kind of a name written exactly so (`North Korea`, `RTVE`).
    pub fn name_kind(&self, name: &str) -> Option<NameKind> {
        self.names.get(name).copied()
    }

    /// The gazetteer kind of a name in any casing (`kyiv` → capital).
    pub fn name_kind_ignoring_case(&self, name: &str) -> Option<NameKind> {
        self.canonical_name(name).map(|(_, kind)| kind)
    }

    /// The usual spelling and kind of a name given in any casing (`north korean` →
    /// `North Korean`, demonym).
    pub fn canonical_name(&self, name: &str) -> Option<(&str, NameKind)> {
        let found = if name.chars().any(char::is_uppercase) {
            self.names_lower.get(name.to_lowercase().as_str())
        } else {
            self.names_lower.get(name)
        };
        found.map(|(spelling, kind)| (&**spelling, *kind))
    }

    /// Every gazetteer name as written, with its kind (for indexes a pass builds once).
    pub fn names(&self) -> impl Iterator<Item = (&str, NameKind)> {
        self.names.iter().map(|(name, kind)| (&**name, *kind))
    }

    pub fn longest_name_words(&self) -> usize {
        self.longest_name_words
    }

    /// A word that names something: in the gazetteer or written only capitalised.
    pub fn is_proper_noun(&self, word: &str) -> bool {
        self.name_kind(word).is_some() || self.is_capitalised_only(word)
    }
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Lexicon {
        Lexicon::from_sources(
            "the\t100\nsaid\t50\n# comment\nrussia\t7\n",
            "Washington\nMonday\n",
            "North Korea\tcountry\nRTVE\torg\nKyiv\tcapital\nbogus\tnot-a-kind\n",
        )
    }

    #[test]
    fn frequencies_ignore_case() {
        let lexicon = small();
        assert_eq!(lexicon.frequency("The"), 100);
        assert_eq!(lexicon.frequency("unknownword"), 0);
        assert!(lexicon.is_word("said"));
    }

    #[test]
    fn names_keep_their_casing() {
        let lexicon = small();
        assert_eq!(lexicon.name_kind("North Korea"), Some(NameKind::Country));
        assert_eq!(lexicon.name_kind("north korea"), None);
        assert_eq!(
            lexicon.name_kind_ignoring_case("kyiv"),
            Some(NameKind::Capital)
        );
        assert_eq!(
            lexicon.name_kind("bogus"),
            None,
            "unknown kinds are skipped"
        );
        assert_eq!(lexicon.longest_name_words(), 2);
        assert!(lexicon.is_proper_noun("Monday"));
        assert!(!lexicon.is_proper_noun("said"));
    }

    #[test]
    fn user_lexicon_adds_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("names.txt");
        std::fs::write(&path, "# newsroom names\nKrivoruchko\n").unwrap();
        let lexicon = small().with_user_file(&path).unwrap();
        assert_eq!(lexicon.name_kind("Krivoruchko"), Some(NameKind::User));
        assert!(small().with_user_file(&dir.path().join("missing")).is_err());
    }

    #[test]
    fn embedded_lexicon_is_real() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.word_count() > 50_000, "{}", lexicon.word_count());
        assert!(lexicon.frequency("the") > lexicon.frequency("analysts"));
        assert!(lexicon.name_count() > 1_000);
    }
}
