//! Loading rule files: the TOML schema, checks that name file, rule and field, and the embedded
//! and on-disk folders.

use include_dir::Dir;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Example, Rule, Template};
use crate::engine::evidence::Predicate;
use crate::engine::finding::{Applicability, Family, RuleId};
use crate::{Error, RuleError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    family: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    family: Option<String>,
    message: String,
    pattern: String,
    replacement: Option<String>,
    applicability: String,
    confidence: Option<f32>,
    #[serde(default)]
    doc: Option<String>,
    #[serde(default)]
    unless: Option<String>,
    #[serde(default)]
    unless_before: Option<String>,
    #[serde(default)]
    unless_after: Option<String>,
    #[serde(default)]
    require: BTreeMap<String, String>,
    #[serde(default)]
    examples: Vec<Example>,
    #[serde(default)]
    ok: Vec<String>,
}

pub(super) fn collect_embedded_toml<'a>(dir: &'a Dir<'a>, out: &mut Vec<(&'a Path, &'a str)>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            out.push((
                file.path(),
                file.contents_utf8().expect("embedded rule files are UTF-8"),
            ));
        }
    }
    for sub in dir.dirs() {
        collect_embedded_toml(sub, out);
    }
}

/// Every `*.toml` rule file under `dir`, sorted, recursively.
pub fn toml_files_under(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = std::fs::read_dir(&current).map_err(|source| Error::Io {
            path: current.clone(),
            source,
        })?;
        for entry in entries {
            let path = entry
                .map_err(|source| Error::Io {
                    path: current.clone(),
                    source,
                })?
                .path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

pub(super) fn load_dir(dir: &Path) -> Result<Vec<Rule>, Error> {
    let mut rules = Vec::new();
    for path in toml_files_under(dir)? {
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        rules.extend(parse_rule_file(&path, &text)?);
    }
    Ok(rules)
}

/// Parses and checks one rule file. Errors name the file, the rule id (when known) and the field.
pub fn parse_rule_file(path: &Path, text: &str) -> Result<Vec<Rule>, Error> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let rule = e.span().and_then(|span| rule_id_around(text, span.start));
        RuleError {
            file: path.to_path_buf(),
            rule,
            field: field_of_toml_error(e.message()),
            message: e.message().trim().to_string(),
        }
    })?;
    let _ = raw.description;
    let file_family = raw.family.as_deref();
    let mut rules = Vec::with_capacity(raw.rule.len());
    // Compiling the patterns (large Unicode classes) is most of the start-up time: in parallel.
    use rayon::prelude::*;
    let built: Vec<Result<Rule, Error>> = raw
        .rule
        .into_par_iter()
        .map(|raw_rule| build_rule(path, file_family, raw_rule))
        .collect();
    for rule in built {
        rules.push(rule?);
    }
    Ok(rules)
}

fn build_rule(path: &Path, file_family: Option<&str>, raw: RawRule) -> Result<Rule, Error> {
    let id = raw.id.clone();
    let err = |field: &str, message: String| -> Error {
        RuleError {
            file: path.to_path_buf(),
            rule: Some(id.clone()),
            field: Some(field.to_string()),
            message,
        }
        .into()
    };
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        return Err(err(
            "id",
            "ids are non-empty and use only ASCII letters, digits, `-`, `_` and `.`".into(),
        ));
    }
    let family_name = raw.family.as_deref().or(file_family).ok_or_else(|| {
        err(
            "family",
            "no family (set it on the rule or at the top of the file)".into(),
        )
    })?;
    let family: Family = family_name.parse().map_err(|e| err("family", e))?;
    let pattern = Regex::new(&raw.pattern).map_err(|e| err("pattern", e.to_string()))?;
    let replacement = raw
        .replacement
        .as_deref()
        .map(|r| Template::parse(r, &pattern))
        .transpose()
        .map_err(|e| err("replacement", e))?;
    let applicability: Applicability = raw
        .applicability
        .parse()
        .map_err(|e| err("applicability", e))?;
    if replacement.is_none() && applicability != Applicability::DisplayOnly {
        return Err(err(
            "replacement",
            "missing: only display-only rules may leave it out".into(),
        ));
    }
    let confidence = raw.confidence.unwrap_or(match applicability {
        Applicability::Safe => 0.9,
        Applicability::Unsafe => 0.6,
        Applicability::DisplayOnly => 0.4,
    });
    if !(0.0..=1.0).contains(&confidence) {
        return Err(err(
            "confidence",
            format!("{confidence} is not between 0 and 1"),
        ));
    }
    let compile = |field: &str, source: &Option<String>| -> Result<Option<Regex>, Error> {
        source
            .as_deref()
            .map(Regex::new)
            .transpose()
            .map_err(|e| err(field, e.to_string()))
    };
    let unless = compile("unless", &raw.unless)?;
    let unless_before = compile("unless_before", &raw.unless_before)?;
    let unless_after = compile("unless_after", &raw.unless_after)?;
    let mut require = Vec::new();
    for (group, predicate) in &raw.require {
        if !pattern.capture_names().flatten().any(|n| n == group) {
            return Err(err(
                "require",
                format!("no capture group named `{group}` in the pattern"),
            ));
        }
        let parsed = Predicate::parse(predicate).ok_or_else(|| {
            err(
                "require",
                format!(
                    "unknown predicate `{predicate}` (expected proper-noun, known-name, not-proper-noun, word, not-word, base-verb, place or common-word)"
                ),
            )
        })?;
        require.push((group.clone(), parsed));
    }
    if raw.examples.is_empty() {
        return Err(err(
            "examples",
            "every rule needs at least one example (input → output)".into(),
        ));
    }
    if raw.ok.is_empty() {
        return Err(err(
            "ok",
            "every rule needs at least one ok case (text it must leave alone)".into(),
        ));
    }
    Ok(Rule {
        id: RuleId::new(&raw.id),
        family,
        message: raw.message,
        doc: raw.doc,
        pattern,
        replacement,
        applicability,
        confidence,
        unless,
        unless_before,
        unless_after,
        require,
        examples: raw.examples,
        ok: raw.ok,
        source: path.to_path_buf(),
    })
}

/// The id of the `[[rule]]` table that contains byte `at`, for TOML errors.
fn rule_id_around(text: &str, at: usize) -> Option<String> {
    let header = text[..at.min(text.len())].rfind("[[rule]]")?;
    let id_pattern = Regex::new(r#"(?m)^\s*id\s*=\s*["']([^"']*)["']"#).expect("valid");
    let table_end = text[header + 8..]
        .find("[[rule]]")
        .map_or(text.len(), |end| header + 8 + end);
    id_pattern
        .captures(&text[header..table_end])
        .map(|c| c[1].to_string())
}

fn field_of_toml_error(message: &str) -> Option<String> {
    let backticked = Regex::new(r"`([a-z_]+)`").expect("valid");
    backticked.captures(message).map(|c| c[1].to_string())
}
