//! Cleaning one text field of JSON-lines records without touching anything else.
//!
//! Scraped corpora come as JSONL with the article in a field (`text`, or nested: `article.body`).
//! Each record is parsed only far enough to find that field's string literal; when the cleaned
//! text differs, that literal alone is replaced in the line. Every other byte of the record (key
//! order, spacing, number formats, escapes in other fields) is kept as it came. A line that is not
//! JSON, or has no such string field, passes through unchanged with a note.

use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::ops::Range;

use crate::engine::finding::Family;
use crate::{Cleaner, Outcome, Policy};

/// Where the text lives in a record: `text`, or `article.body` for nested objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath(Vec<String>);

impl FieldPath {
    pub fn parse(path: &str) -> FieldPath {
        FieldPath(path.split('.').map(str::to_string).collect())
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("."))
    }
}

/// Why a record passed through unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    NotJson(String),
    NoField,
    NotAString,
    Empty,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::NotJson(e) => write!(f, "not a JSON object ({e}); passed through unchanged"),
            Skip::NoField => f.write_str("no such field; passed through unchanged"),
            Skip::NotAString => f.write_str("the field is not a string; passed through unchanged"),
            Skip::Empty => f.write_str("empty line"),
        }
    }
}

/// The result of one record.
#[derive(Debug)]
pub struct Record {
    /// The output line, without its line ending.
    pub line: String,
    pub outcome: Option<Outcome>,
    pub skipped: Option<Skip>,
}

/// Byte range of `inner` inside `outer` (`inner` must be a sub-slice of `outer`).
fn sub_range(outer: &str, inner: &str) -> Range<usize> {
    let start = inner.as_ptr() as usize - outer.as_ptr() as usize;
    start..start + inner.len()
}

/// The byte range of the field's JSON literal in `line`.
fn locate(line: &str, path: &FieldPath) -> Result<Range<usize>, Skip> {
    let mut current: &str = line.trim();
    for key in &path.0 {
        let object: BTreeMap<String, &RawValue> =
            serde_json::from_str(current).map_err(|e| match current == line.trim() {
                true => Skip::NotJson(e.to_string()),
                false => Skip::NoField,
            })?;
        let value = object.get(key).ok_or(Skip::NoField)?;
        current = value.get();
    }
    Ok(sub_range(line, current))
}

/// Per-record counts by family, for `--add-field`.
pub fn counts_by_family(outcome: &Outcome) -> BTreeMap<Family, usize> {
    let mut counts = BTreeMap::new();
    for change in outcome.applied() {
        *counts.entry(change.family).or_insert(0) += 1;
    }
    counts
}

/// Cleans one record. `line` has no line ending. With `add_field`, an object field of that name
/// with the fix counts by family is appended to the record.
pub fn clean_record(
    cleaner: &Cleaner,
    line: &str,
    path: &FieldPath,
    policy: Policy,
    add_field: Option<&str>,
) -> Record {
    if line.trim().is_empty() {
        return Record {
            line: line.to_string(),
            outcome: None,
            skipped: Some(Skip::Empty),
        };
    }
    let range = match locate(line, path) {
        Ok(range) => range,
        Err(skip) => {
            return Record {
                line: line.to_string(),
                outcome: None,
                skipped: Some(skip),
            };
        }
    };
    let Ok(text) = serde_json::from_str::<String>(&line[range.clone()]) else {
        return Record {
            line: line.to_string(),
            outcome: None,
            skipped: Some(Skip::NotAString),
        };
    };
    let outcome = cleaner.clean(&text, policy);
    let mut out = if outcome.text == text {
        line.to_string()
    } else {
        let literal = serde_json::to_string(&outcome.text).expect("a string serialises");
        format!("{}{}{}", &line[..range.start], literal, &line[range.end..])
    };
    if let Some(name) = add_field {
        let counts: BTreeMap<&str, usize> = counts_by_family(&outcome)
            .into_iter()
            .map(|(family, n)| (family.as_str(), n))
            .collect();
        let value = serde_json::json!({ "fixes": outcome.applied().count(), "by_family": counts });
        if let Some(close) = out.rfind('}') {
            let empty_object = out[..close].trim_end().ends_with('{');
            let separator = if empty_object { "" } else { "," };
            let key = serde_json::to_string(name).expect("a string serialises");
            out.insert_str(close, &format!("{separator}{key}:{value}"));
        }
    }
    Record {
        line: out,
        outcome: Some(outcome),
        skipped: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    fn cleaner() -> Cleaner {
        Cleaner::new(&Options::default()).unwrap()
    }

    #[test]
    fn only_the_field_literal_changes() {
        let line = r#"{"id": 7,  "text":"At first, Kim He had doubts.", "n": 1.50, "x":"\u00e9"}"#;
        let record = clean_record(
            &cleaner(),
            line,
            &FieldPath::parse("text"),
            Policy::Safe,
            None,
        );
        assert_eq!(
            record.line,
            r#"{"id": 7,  "text":"At first, Kim had doubts.", "n": 1.50, "x":"\u00e9"}"#
        );
    }

    #[test]
    fn unchanged_records_are_byte_identical() {
        let line = r#"{"text":"Clean \u0041 text.", "b":[1, 2]}"#;
        let record = clean_record(
            &cleaner(),
            line,
            &FieldPath::parse("text"),
            Policy::Safe,
            None,
        );
        assert_eq!(record.line, line);
        assert!(record.skipped.is_none());
    }

    #[test]
    fn nested_paths_are_followed() {
        let line = r#"{"article": {"title": "T", "body": "Moscow He has denied it."}, "k": 1}"#;
        let record = clean_record(
            &cleaner(),
            line,
            &FieldPath::parse("article.body"),
            Policy::Safe,
            None,
        );
        assert_eq!(
            record.line,
            r#"{"article": {"title": "T", "body": "Moscow has denied it."}, "k": 1}"#
        );
    }

    #[test]
    fn bad_lines_pass_through_with_a_reason() {
        let path = FieldPath::parse("text");
        for (line, skip) in [
            ("not json", "not a JSON"),
            (r#"{"other": "x"}"#, "no such field"),
            (r#"{"text": 5}"#, "not a string"),
            ("[1,2]", "not a JSON"),
        ] {
            let record = clean_record(&cleaner(), line, &path, Policy::Safe, None);
            assert_eq!(record.line, line);
            assert!(record.skipped.unwrap().to_string().contains(skip), "{line}");
        }
    }

    #[test]
    fn add_field_appends_counts() {
        let line = r#"{"text":"Moscow He has denied it."}"#;
        let record = clean_record(
            &cleaner(),
            line,
            &FieldPath::parse("text"),
            Policy::Safe,
            Some("mtclean"),
        );
        let value: serde_json::Value = serde_json::from_str(&record.line).unwrap();
        assert_eq!(value["mtclean"]["fixes"], 1);
        assert_eq!(value["mtclean"]["by_family"]["dup_subject"], 1);
        assert!(
            record
                .line
                .starts_with(r#"{"text":"Moscow has denied it.","mtclean":"#)
        );
    }
}
