//! The held-out discipline for the real articles: `corpus/eval-split.toml` splits their sites into
//! a `tune` half (develop against it) and a `check` half (only ever scored), no site in both.
//!
//! A real article's site is the part of its file name between the number and the first `-`
//! (`101_d1softballnews-nadal-….txt` → `d1softballnews`). An article whose site is in neither half
//! is an error naming the file: a new site must be placed in one half before it is scored, or it
//! would silently count nowhere.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

/// The split as committed, embedded so that every binary scores the same halves.
pub const SPLIT_TOML: &str = include_str!("../../corpus/eval-split.toml");

/// Which half of the real articles a site belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    Tune,
    Check,
}

/// The two halves, as lists of site names.
#[derive(Debug, Clone, Deserialize)]
pub struct Split {
    pub tune: BTreeSet<String>,
    pub check: BTreeSet<String>,
}

impl Split {
    /// The committed split. Panics only if the embedded file is malformed (a test checks it).
    pub fn embedded() -> Split {
        Split::parse(SPLIT_TOML).expect("corpus/eval-split.toml is valid")
    }

    /// Parses a split and checks that no site is in both halves.
    pub fn parse(text: &str) -> Result<Split, String> {
        let split: Split = toml::from_str(text).map_err(|e| e.to_string())?;
        if let Some(both) = split.tune.intersection(&split.check).next() {
            return Err(format!("site `{both}` is in both halves"));
        }
        Ok(split)
    }

    /// The half of an article, from its file name; an error names the file.
    pub fn half_of(&self, article: &Path) -> Result<Half, String> {
        let name = article
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let site = site_of(&name).ok_or_else(|| {
            format!(
                "{}: no site in the file name (expected NUMBER_SITE-…)",
                article.display()
            )
        })?;
        if self.tune.contains(site) {
            Ok(Half::Tune)
        } else if self.check.contains(site) {
            Ok(Half::Check)
        } else {
            Err(format!(
                "{}: site `{site}` is in neither half of corpus/eval-split.toml",
                article.display()
            ))
        }
    }
}

/// `NUMBER_SITE-rest.txt` → `SITE`.
pub fn site_of(file_name: &str) -> Option<&str> {
    let (number, rest) = file_name.split_once('_')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let site = rest.split(['-', '.']).next()?;
    (!site.is_empty()).then_some(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_split_parses_and_has_both_halves() {
        let split = Split::embedded();
        assert!(split.tune.len() >= 5 && split.check.len() >= 5);
    }

    #[test]
    fn site_is_between_number_and_first_dash() {
        assert_eq!(site_of("101_somesite-a-story.txt"), Some("somesite"));
        assert_eq!(site_of("07_other.txt"), Some("other"));
        assert_eq!(site_of("story.txt"), None);
        assert_eq!(site_of("x1_site-a.txt"), None);
    }

    #[test]
    fn unknown_site_is_an_error_naming_the_file() {
        let split = Split::parse("tune = [\"a\"]\ncheck = [\"b\"]").unwrap();
        assert_eq!(split.half_of(Path::new("1_a-x.txt")), Ok(Half::Tune));
        assert_eq!(split.half_of(Path::new("2_b-x.txt")), Ok(Half::Check));
        let err = split.half_of(Path::new("dir/3_c-x.txt")).unwrap_err();
        assert!(
            err.contains("dir/3_c-x.txt") && err.contains("`c`"),
            "{err}"
        );
    }

    #[test]
    fn a_site_in_both_halves_is_refused() {
        assert!(Split::parse("tune = [\"a\"]\ncheck = [\"a\"]").is_err());
    }
}
