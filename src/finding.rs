//! Findings and fixes: what a pass reports, and what the resolver may apply.
//!
//! A [`Finding`] is data: a byte span, a typed [`CheckId`], the artifact [`Family`], a message
//! for the editor and an optional [`Fix`]. Strings appear only at the serde and CLI edges.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::Arc;

/// The artifact family a finding belongs to; the names match the annotation categories of the
/// evaluation set so that scores can be broken down per family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Glue,
    Foreign,
    Passage,
    Mistoken,
    DupSubject,
    Calque,
    Casing,
    Quotes,
    Punct,
    Name,
    Pronoun,
    Article,
    Order,
    Script,
    Boilerplate,
}

impl Family {
    pub const ALL: [Family; 15] = [
        Family::Glue,
        Family::Foreign,
        Family::Passage,
        Family::Mistoken,
        Family::DupSubject,
        Family::Calque,
        Family::Casing,
        Family::Quotes,
        Family::Punct,
        Family::Name,
        Family::Pronoun,
        Family::Article,
        Family::Order,
        Family::Script,
        Family::Boilerplate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Glue => "glue",
            Family::Foreign => "foreign",
            Family::Passage => "passage",
            Family::Mistoken => "mistoken",
            Family::DupSubject => "dup_subject",
            Family::Calque => "calque",
            Family::Casing => "casing",
            Family::Quotes => "quotes",
            Family::Punct => "punct",
            Family::Name => "name",
            Family::Pronoun => "pronoun",
            Family::Article => "article",
            Family::Order => "order",
            Family::Script => "script",
            Family::Boilerplate => "boilerplate",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Family {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Family::ALL
            .into_iter()
            .find(|family| family.as_str() == s)
            .ok_or_else(|| {
                let known: Vec<_> = Family::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown family `{s}` (known: {})", known.join(", "))
            })
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Applied by `mtclean fix`.
    Safe,
    /// Applied only with `--unsafe-fixes`; offered in review.
    Unsafe,
    /// Reported, never applied: the suggestion (if any) is for a human to judge.
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

impl fmt::Display for Applicability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Applicability {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "safe" => Ok(Applicability::Safe),
            "unsafe" => Ok(Applicability::Unsafe),
            "display-only" | "display_only" => Ok(Applicability::DisplayOnly),
            _ => Err(format!(
                "unknown applicability `{s}` (expected safe, unsafe or display-only)"
            )),
        }
    }
}

/// The checks implemented in code (one per pass file); rule-file checks are [`CheckId::Rule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BuiltinCheck {
    GluedWord,
    LowercaseName,
    DamagedName,
    NameVariant,
    ForeignWord,
    ForeignPassage,
    MixedScript,
    QuoteMark,
    PunctSpacing,
    DoubledMark,
}

impl BuiltinCheck {
    pub const ALL: [BuiltinCheck; 10] = [
        BuiltinCheck::GluedWord,
        BuiltinCheck::LowercaseName,
        BuiltinCheck::DamagedName,
        BuiltinCheck::NameVariant,
        BuiltinCheck::ForeignWord,
        BuiltinCheck::ForeignPassage,
        BuiltinCheck::MixedScript,
        BuiltinCheck::QuoteMark,
        BuiltinCheck::PunctSpacing,
        BuiltinCheck::DoubledMark,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BuiltinCheck::GluedWord => "glued-word",
            BuiltinCheck::LowercaseName => "lowercase-name",
            BuiltinCheck::DamagedName => "damaged-name",
            BuiltinCheck::NameVariant => "name-variant",
            BuiltinCheck::ForeignWord => "foreign-word",
            BuiltinCheck::ForeignPassage => "foreign-passage",
            BuiltinCheck::MixedScript => "mixed-script",
            BuiltinCheck::QuoteMark => "quote-mark",
            BuiltinCheck::PunctSpacing => "punct-spacing",
            BuiltinCheck::DoubledMark => "doubled-mark",
        }
    }
}

/// The id of a rule loaded from a rule file, interned so findings clone cheaply.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(Arc<str>);

impl RuleId {
    pub fn new(id: &str) -> Self {
        RuleId(Arc::from(id))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What produced a finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckId {
    Builtin(BuiltinCheck),
    Rule(RuleId),
}

impl CheckId {
    pub fn as_str(&self) -> &str {
        match self {
            CheckId::Builtin(check) => check.as_str(),
            CheckId::Rule(id) => id.as_str(),
        }
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CheckId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A proposed replacement of a finding's span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    pub replacement: String,
    pub applicability: Applicability,
    /// How sure the check is, from 0 to 1; recorded for review and ordering, not a threshold.
    pub confidence: f32,
}

/// One artifact found in a text. The span is in bytes of the text the pass was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub span: Range<usize>,
    pub check: CheckId,
    pub family: Family,
    pub message: String,
    pub fix: Option<Fix>,
}

impl Finding {
    /// Display-only when there is no fix at all.
    pub fn applicability(&self) -> Applicability {
        self.fix
            .as_ref()
            .map_or(Applicability::DisplayOnly, |fix| fix.applicability)
    }

    pub fn confidence(&self) -> f32 {
        self.fix.as_ref().map_or(0.0, |fix| fix.confidence)
    }
}

/// Byte offsets where the tokens of `text` start (a word, a run of white space, or any other
/// single character), plus `text.len()`.
fn token_bounds(text: &str) -> Vec<usize> {
    let mut bounds = Vec::new();
    let mut previous: Option<u8> = None;
    for (offset, c) in text.char_indices() {
        let class = if c.is_alphanumeric() {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        };
        if previous != Some(class) || class == 2 {
            bounds.push(offset);
        }
        previous = Some(class);
    }
    bounds.push(text.len());
    bounds
}

/// Shrinks a replacement of `old` by `new` to the tokens that differ, returning the byte range of
/// `old` that changes and its replacement. A pure deletion keeps the next token (`He had` → `had`),
/// so a reader sees where it happened.
pub fn narrow(old: &str, new: &str) -> (std::ops::Range<usize>, String) {
    let old_bounds = token_bounds(old);
    let new_bounds = token_bounds(new);
    let tokens = |text: &'_ str, bounds: &[usize]| -> Vec<(usize, usize)> {
        let _ = text;
        bounds.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let old_tokens = tokens(old, &old_bounds);
    let new_tokens = tokens(new, &new_bounds);
    let same = |a: (usize, usize), b: (usize, usize)| old[a.0..a.1] == new[b.0..b.1];
    let mut prefix = 0;
    while prefix < old_tokens.len()
        && prefix < new_tokens.len()
        && same(old_tokens[prefix], new_tokens[prefix])
    {
        prefix += 1;
    }
    let mut suffix = 0;
    while suffix < old_tokens.len() - prefix
        && suffix < new_tokens.len() - prefix
        && same(
            old_tokens[old_tokens.len() - 1 - suffix],
            new_tokens[new_tokens.len() - 1 - suffix],
        )
    {
        suffix += 1;
    }
    let old_end_token = old_tokens.len() - suffix;
    let new_end_token = new_tokens.len() - suffix;
    let mut old_range = old_bounds[prefix]..old_bounds[old_end_token];
    let mut new_range = new_bounds[prefix]..new_bounds[new_end_token];
    if new_range.is_empty() && suffix > 0 {
        // Keep the token after a deletion in view (`He had` → `had`, not `He ` → ``).
        old_range.end = old_bounds[old_end_token + 1];
        new_range.end = new_bounds[new_end_token + 1];
    }
    (old_range, new[new_range].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_keeps_only_changed_tokens() {
        assert_eq!(narrow("the ", "The "), (0..3, "The".into()));
        assert_eq!(narrow("Kim He had", "Kim had"), (4..10, "had".into()));
        let (range, new) = narrow("promised”hold hands”", "promised “hold hands”");
        assert_eq!((range, new.as_str()), (8..11, " “"));
        assert_eq!(narrow("abc", "abc"), (3..3, String::new()));
        assert_eq!(
            narrow(", Kim he took", ", Kim took"),
            (6..13, "took".into())
        );
    }

    #[test]
    fn family_names_round_trip() {
        for family in Family::ALL {
            assert_eq!(family.as_str().parse::<Family>().unwrap(), family);
        }
        assert!("glued".parse::<Family>().unwrap_err().contains("glue"));
    }

    #[test]
    fn finding_without_fix_is_display_only() {
        let finding = Finding {
            span: 0..3,
            check: CheckId::Builtin(BuiltinCheck::GluedWord),
            family: Family::Glue,
            message: "m".into(),
            fix: None,
        };
        assert_eq!(finding.applicability(), Applicability::DisplayOnly);
        assert_eq!(
            serde_json::to_value(&finding.check).unwrap(),
            serde_json::json!("glued-word")
        );
    }

    #[test]
    fn applicability_parses_both_spellings() {
        assert_eq!(
            "display_only".parse::<Applicability>().unwrap(),
            Applicability::DisplayOnly
        );
        assert!("maybe".parse::<Applicability>().is_err());
    }
}
