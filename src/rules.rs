//! Rule files: TOML files of regex rules for recurring artifacts, each carrying its own tests.
//!
//! The files in `rules/` are embedded in the binary; `--rules DIR` adds a user's. A file looks
//! like this (every field of a rule is checked when it loads; a bad file is an error naming the
//! file, the rule and the field):
//!
//! ```toml
//! family = "dup_subject"            # default family of the rules below
//!
//! [[rule]]
//! id = "stray-pronoun-after-name"
//! message = "subject pronoun repeated after the name it stands for"
//! pattern = '''(?P<name>\p{Lu}\w+) (?:He|She|It|They) (?P<verb>had|has)\b'''
//! replacement = "$name $verb"      # captures: $1, $name, ${name}, ${name:capitalize|uncapitalize|upper|lower|past}
//! applicability = "safe"           # safe | unsafe | display-only
//! confidence = 0.9
//! require = { name = "proper-noun" }          # capture → predicate (proper-noun, known-name, not-proper-noun, word, not-word, base-verb, place, common-word)
//! unless_before = '''(?:Professor|Dr\.?)\s*$''' # skip when the 80 bytes before the match match this
//! unless_after = '''^\s*Lifeng'''              # … or the 80 bytes after it
//! unless = '''^Kim'''                           # … or the match itself
//! examples = [{ input = "At first, Kim He had a cool relationship", output = "At first, Kim had a cool relationship" }]
//! ok = ["Vice Premier He Lifeng had talks"]
//! ```

use include_dir::Dir;
use regex::{Captures, Regex};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::evidence;
use crate::finding::{Applicability, CheckId, Family, Finding, Fix, RuleId, narrow};
use crate::lexicon::{Lexicon, NameKind};
use crate::{Error, RuleError};

/// A word at least this frequent in the lexicon (a count from the SymSpell list, whose words run
/// from about 10⁴ to 10¹⁰) is a common English word.
const COMMON_WORD_COUNT: u64 = 2_000_000;

/// Bytes of context the `unless_before` / `unless_after` patterns see.
const CONTEXT_BYTES: usize = 80;

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
    examples: Vec<RawExample>,
    #[serde(default)]
    ok: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    input: String,
    output: String,
}

/// A test that comes with a rule.
#[derive(Debug, Clone)]
pub struct Example {
    pub input: String,
    pub output: String,
}

/// A condition on a capture, checked against the lexicon and the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Predicate {
    ProperNoun,
    /// A name by the gazetteer, the dictionary or the article's casing elsewhere; not by the
    /// capital at this position alone (`evidence::is_known_name_phrase`).
    KnownName,
    NotProperNoun,
    Word,
    NotWord,
    /// A verb in its base form (`invade`, not `invaded`, `calls` or `did`).
    BaseVerb,
    /// A country, region or city the gazetteer knows (`Russia`, `North Korea`).
    Place,
    /// A capitalised word that is really a common English word (`Based`, `Lowering`): frequent in
    /// lower case, never written only capitalised, no name, and lower case elsewhere in the article
    /// or not capitalised mid-sentence elsewhere.
    CommonWord,
}

impl Predicate {
    fn parse(s: &str) -> Option<Predicate> {
        Some(match s {
            "proper-noun" => Predicate::ProperNoun,
            "known-name" => Predicate::KnownName,
            "not-proper-noun" => Predicate::NotProperNoun,
            "word" => Predicate::Word,
            "not-word" => Predicate::NotWord,
            "base-verb" => Predicate::BaseVerb,
            "place" => Predicate::Place,
            "common-word" => Predicate::CommonWord,
            _ => return None,
        })
    }

    fn holds(self, text: &str, start: usize, doc: &Document, lexicon: &Lexicon) -> bool {
        match self {
            Predicate::ProperNoun => evidence::is_name_phrase(text, start, doc, lexicon),
            Predicate::KnownName => evidence::is_known_name_phrase(text, start, doc, lexicon),
            Predicate::NotProperNoun => !evidence::is_name_phrase(text, start, doc, lexicon),
            Predicate::Word => text.split_whitespace().all(|w| lexicon.is_word(w)),
            Predicate::NotWord => !text.split_whitespace().all(|w| lexicon.is_word(w)),
            Predicate::BaseVerb => lexicon.is_word(text) && !crate::morph::is_inflected(text),
            Predicate::Place => matches!(
                lexicon.name_kind(text),
                Some(NameKind::Country | NameKind::Capital | NameKind::City | NameKind::Region)
            ),
            Predicate::CommonWord => {
                let lower = text.to_lowercase();
                let evidence = doc.case_evidence(text);
                lexicon.frequency_of_lowercase(&lower) >= COMMON_WORD_COUNT
                    && !lexicon.is_capitalised_only(text)
                    && lexicon.name_kind_ignoring_case(text).is_none()
                    && evidence.capitalized_mid_sentence <= 1
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseOp {
    Keep,
    Upper,
    Lower,
    Capitalize,
    Uncapitalize,
    Past,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum GroupRef {
    Index(usize),
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Group(GroupRef, CaseOp),
}

/// A replacement with `$1`, `$name`, `${name}` and `${name:case}` references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

impl Template {
    fn parse(source: &str, regex: &Regex) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = source.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if c != '$' {
                literal.push(c);
                continue;
            }
            let (name, case) = match chars.peek() {
                Some(&(_, '$')) => {
                    chars.next();
                    literal.push('$');
                    continue;
                }
                Some(&(_, '{')) => {
                    chars.next();
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some((_, '}')) => break,
                            Some((_, ch)) => inner.push(ch),
                            None => return Err(format!("unclosed `${{` in `{source}`")),
                        }
                    }
                    let (name, case) = inner.split_once(':').unwrap_or((&inner, ""));
                    let case = match case {
                        "" => CaseOp::Keep,
                        "upper" => CaseOp::Upper,
                        "lower" => CaseOp::Lower,
                        "capitalize" => CaseOp::Capitalize,
                        "uncapitalize" => CaseOp::Uncapitalize,
                        "past" => CaseOp::Past,
                        other => {
                            return Err(format!(
                                "unknown case `{other}` (expected upper, lower, capitalize, uncapitalize or past)"
                            ));
                        }
                    };
                    (name.to_string(), case)
                }
                _ => {
                    let mut name = String::new();
                    while let Some(&(_, ch)) = chars.peek() {
                        if ch.is_ascii_alphanumeric() || ch == '_' {
                            name.push(ch);
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    if name.is_empty() {
                        return Err("a lone `$` (write `$$` for a dollar sign)".into());
                    }
                    (name, CaseOp::Keep)
                }
            };
            let group = match name.parse::<usize>() {
                Ok(index) if index < regex.captures_len() => GroupRef::Index(index),
                Ok(index) => return Err(format!("no capture group {index} in the pattern")),
                Err(_) if regex.capture_names().flatten().any(|n| n == name) => {
                    GroupRef::Name(name)
                }
                Err(_) => return Err(format!("no capture group named `{name}` in the pattern")),
            };
            if !literal.is_empty() {
                pieces.push(Piece::Literal(std::mem::take(&mut literal)));
            }
            pieces.push(Piece::Group(group, case));
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Ok(Template { pieces })
    }

    fn expand(&self, captures: &Captures) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Group(group, case) => {
                    let text = match group {
                        GroupRef::Index(i) => captures.get(*i),
                        GroupRef::Name(n) => captures.name(n),
                    }
                    .map_or("", |m| m.as_str());
                    apply_case(&mut out, text, *case);
                }
            }
        }
        out
    }
}

fn apply_case(out: &mut String, text: &str, case: CaseOp) {
    match case {
        CaseOp::Keep => out.push_str(text),
        CaseOp::Upper => out.push_str(&text.to_uppercase()),
        CaseOp::Lower => out.push_str(&text.to_lowercase()),
        CaseOp::Past => out.push_str(&crate::morph::past_tense(text)),
        CaseOp::Capitalize | CaseOp::Uncapitalize => {
            let mut chars = text.chars();
            if let Some(first) = chars.next() {
                if case == CaseOp::Capitalize {
                    out.extend(first.to_uppercase());
                } else {
                    out.extend(first.to_lowercase());
                }
                out.push_str(chars.as_str());
            }
        }
    }
}

/// One loaded rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: RuleId,
    pub family: Family,
    pub message: String,
    pub doc: Option<String>,
    pub pattern: Regex,
    replacement: Option<Template>,
    pub applicability: Applicability,
    pub confidence: f32,
    unless: Option<Regex>,
    unless_before: Option<Regex>,
    unless_after: Option<Regex>,
    require: Vec<(String, Predicate)>,
    pub examples: Vec<Example>,
    pub ok: Vec<String>,
    /// The file the rule came from (`data/rules/quotes.toml` for embedded ones).
    pub source: PathBuf,
}

impl Rule {
    /// The findings of this rule in a document.
    pub fn find(&self, doc: &Document, lexicon: &Lexicon, out: &mut Vec<Finding>) {
        let text = doc.text();
        for captures in self.pattern.captures_iter(text) {
            let whole = captures.get(0).expect("group 0 always matches");
            if whole.is_empty() || !self.context_allows(text, whole.start(), whole.end()) {
                continue;
            }
            if let Some(unless) = &self.unless
                && unless.is_match(whole.as_str())
            {
                continue;
            }
            let required = self.require.iter().all(|(group, predicate)| {
                captures
                    .name(group)
                    .is_none_or(|m| predicate.holds(m.as_str(), m.start(), doc, lexicon))
            });
            if !required {
                continue;
            }
            let mut span = whole.start()..whole.end();
            let fix = match &self.replacement {
                None => None,
                Some(template) => {
                    let expanded = template.expand(&captures);
                    if expanded == whole.as_str() {
                        continue;
                    }
                    let (changed, replacement) = narrow(whole.as_str(), &expanded);
                    span = whole.start() + changed.start..whole.start() + changed.end;
                    Some(Fix {
                        replacement,
                        applicability: self.applicability,
                        confidence: self.confidence,
                    })
                }
            };
            out.push(Finding {
                span,
                check: CheckId::Rule(self.id.clone()),
                family: self.family,
                message: self.message.clone(),
                fix,
            });
        }
    }

    fn context_allows(&self, text: &str, start: usize, end: usize) -> bool {
        if let Some(before) = &self.unless_before {
            let from = floor_char_boundary(text, start.saturating_sub(CONTEXT_BYTES));
            if before.is_match(&text[from..start]) {
                return false;
            }
        }
        if let Some(after) = &self.unless_after {
            let to = ceil_char_boundary(text, (end + CONTEXT_BYTES).min(text.len()));
            if after.is_match(&text[end..to]) {
                return false;
            }
        }
        true
    }

    /// Runs the rule's own examples and ok cases; returns one line per failure.
    pub fn self_test(&self, lexicon: &Lexicon) -> Vec<String> {
        let mut failures = Vec::new();
        for example in &self.examples {
            let got = apply_alone(self, &example.input, lexicon);
            if got != example.output {
                failures.push(format!(
                    "example: {:?}\n    expected: {:?}\n    got:      {:?}",
                    example.input, example.output, got
                ));
            }
        }
        for ok in &self.ok {
            let mut found = Vec::new();
            self.find(&Document::new(ok), lexicon, &mut found);
            if let Some(finding) = found.first() {
                failures.push(format!(
                    "ok case changed: {:?}\n    matched: {:?}",
                    ok,
                    &ok[finding.span.clone()]
                ));
            }
        }
        failures
    }
}

/// Applies one rule (every applicability) until the text stops changing.
fn apply_alone(rule: &Rule, input: &str, lexicon: &Lexicon) -> String {
    let mut text = input.to_string();
    for _ in 0..crate::resolve::MAX_ROUNDS {
        let doc = Document::new(&text);
        let mut findings = Vec::new();
        rule.find(&doc, lexicon, &mut findings);
        for finding in &mut findings {
            finding.span = doc.to_original(finding.span.clone());
        }
        let round = crate::resolve::apply_round(&text, findings, crate::resolve::Policy::All);
        if round.applied.is_empty() {
            break;
        }
        text = round.text;
    }
    text
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// All loaded rules. (A `RegexSet` prefilter was measured slower than running each rule: the
/// set's overlapping search cannot use the DFA.)
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The rules embedded in the binary.
    pub fn embedded() -> Result<RuleSet, Error> {
        use rayon::prelude::*;
        let mut files = Vec::new();
        collect_embedded_toml(&crate::data::RULES, &mut files);
        let parsed: Vec<Result<Vec<Rule>, Error>> = files
            .par_iter()
            .map(|(path, text)| parse_rule_file(&Path::new("data/rules").join(path), text))
            .collect();
        let mut rules = Vec::new();
        for file in parsed {
            rules.extend(file?);
        }
        RuleSet::from_rules(rules)
    }

    /// The embedded rules plus every `*.toml` file under each directory (recursively).
    pub fn embedded_and(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
        let mut rules = RuleSet::embedded()?.rules;
        for dir in dirs {
            rules.extend(load_dir(dir)?);
        }
        RuleSet::from_rules(rules)
    }

    /// Only the rules under these directories (for `mtclean rules test DIR`).
    pub fn from_dirs(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
        let mut rules = Vec::new();
        for dir in dirs {
            rules.extend(load_dir(dir)?);
        }
        RuleSet::from_rules(rules)
    }

    fn from_rules(rules: Vec<Rule>) -> Result<RuleSet, Error> {
        let mut seen: HashMap<&str, &Path> = HashMap::new();
        for rule in &rules {
            if let Some(first) = seen.insert(rule.id.as_str(), &rule.source) {
                return Err(RuleError {
                    file: rule.source.clone(),
                    rule: Some(rule.id.as_str().to_string()),
                    field: Some("id".into()),
                    message: format!("duplicate id: also defined in {}", first.display()),
                }
                .into());
            }
        }
        Ok(RuleSet { rules })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.as_str() == id)
    }

    /// Keeps only the rules the predicate accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&Rule) -> bool) {
        self.rules.retain(|r| keep(r));
    }

    pub fn find(&self, doc: &Document, lexicon: &Lexicon, out: &mut Vec<Finding>) {
        for rule in &self.rules {
            rule.find(doc, lexicon, out);
        }
    }

    /// Runs every rule's own tests; returns `(rule, failures)` for the failing ones.
    pub fn self_test(&self, lexicon: &Lexicon) -> Vec<(&Rule, Vec<String>)> {
        self.rules
            .iter()
            .map(|rule| (rule, rule.self_test(lexicon)))
            .filter(|(_, failures)| !failures.is_empty())
            .collect()
    }

    /// Fails with a [`RuleError`] naming the first failing rule, its file and its example.
    pub fn check_self_tests(&self, lexicon: &Lexicon) -> Result<(), Error> {
        match self.self_test(lexicon).into_iter().next() {
            None => Ok(()),
            Some((rule, failures)) => Err(RuleError {
                file: rule.source.clone(),
                rule: Some(rule.id.as_str().to_string()),
                field: Some(if failures[0].starts_with("ok") {
                    "ok".into()
                } else {
                    "examples".into()
                }),
                message: failures.join("\n  "),
            }
            .into()),
        }
    }
}

fn collect_embedded_toml<'a>(dir: &'a Dir<'a>, out: &mut Vec<(&'a Path, &'a str)>) {
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

fn load_dir(dir: &Path) -> Result<Vec<Rule>, Error> {
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
        examples: raw
            .examples
            .into_iter()
            .map(|e| Example {
                input: e.input,
                output: e.output,
            })
            .collect(),
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

/// `mtclean rules explain`: the rule's documentation, in plain text.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  ({}, {})",
        rule.id.as_str(),
        rule.family,
        rule.applicability
    );
    let _ = writeln!(out, "{}", rule.message);
    if let Some(doc) = &rule.doc {
        let _ = writeln!(out, "\n{}", doc.trim());
    }
    let _ = writeln!(out, "\npattern: {}", rule.pattern.as_str());
    let _ = writeln!(out, "source:  {}", rule.source.display());
    let _ = writeln!(out, "confidence: {}", rule.confidence);
    let _ = writeln!(out, "\nexamples:");
    for example in &rule.examples {
        let _ = writeln!(out, "  {}\n  → {}", example.input, example.output);
    }
    let _ = writeln!(out, "\nleft alone:");
    for ok in &rule.ok {
        let _ = writeln!(out, "  {ok}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> &'static Lexicon {
        Lexicon::embedded()
    }

    fn rule_file(body: &str) -> Result<Vec<Rule>, Error> {
        parse_rule_file(Path::new("test.toml"), body)
    }

    const GOOD: &str = r#"
family = "punct"
[[rule]]
id = "double-period"
message = "doubled period"
pattern = '''\)\.\.(\s|$)'''
replacement = ").$1"
applicability = "safe"
examples = [{ input = "rate)..", output = "rate)." }]
ok = ["Wait... what", "rate)."]
"#;

    #[test]
    fn good_rule_file_passes_its_own_tests() {
        let rules = rule_file(GOOD).unwrap();
        assert_eq!(rules.len(), 1);
        assert!(rules[0].self_test(lexicon()).is_empty());
    }

    fn error_text(body: &str) -> String {
        rule_file(body).unwrap_err().to_string()
    }

    #[test]
    fn bad_regex_names_file_rule_and_field() {
        let message = error_text(&GOOD.replace(r"\)\.\.(\s|$)", r"(unclosed"));
        assert!(message.contains("test.toml"), "{message}");
        assert!(message.contains("double-period"), "{message}");
        assert!(message.contains("pattern"), "{message}");
    }

    #[test]
    fn unknown_field_names_rule_and_field() {
        let message = error_text(&GOOD.replace("message =", "mesage ="));
        assert!(message.contains("double-period"), "{message}");
        assert!(message.contains("mesage"), "{message}");
    }

    #[test]
    fn toml_syntax_error_names_the_file() {
        let message = error_text("family = \n[[rule]");
        assert!(message.contains("test.toml"), "{message}");
    }

    #[test]
    fn bad_replacement_group_is_reported() {
        let message = error_text(&GOOD.replace(").$1", ").$2"));
        assert!(message.contains("replacement"), "{message}");
        let message = error_text(&GOOD.replace(").$1", ").${1:shout}"));
        assert!(message.contains("shout"), "{message}");
    }

    #[test]
    fn bad_applicability_family_and_require_are_reported() {
        assert!(error_text(&GOOD.replace("\"safe\"", "\"sometimes\"")).contains("applicability"));
        assert!(error_text(&GOOD.replace("\"punct\"", "\"punctuation\"")).contains("family"));
        let with_require = GOOD.replace(
            "applicability",
            "require = { nosuch = \"proper-noun\" }\napplicability",
        );
        assert!(error_text(&with_require).contains("require"));
    }

    #[test]
    fn rules_without_tests_are_refused() {
        assert!(
            error_text(&GOOD.replace("ok = [\"Wait... what\", \"rate).\"]", "")).contains("ok")
        );
    }

    #[test]
    fn failing_example_is_reported() {
        let rules = rule_file(&GOOD.replace("output = \"rate).\"", "output = \"rate)\"")).unwrap();
        let failures = rules[0].self_test(lexicon());
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].contains("expected"));
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut rules = rule_file(GOOD).unwrap();
        rules.extend(rule_file(GOOD).unwrap());
        let message = RuleSet::from_rules(rules).unwrap_err().to_string();
        assert!(message.contains("duplicate"), "{message}");
    }

    #[test]
    fn template_applies_case_operations() {
        let regex = Regex::new(r"(?P<a>\w+) (?P<b>\w+)").unwrap();
        let template = Template::parse("${b:capitalize} ${a:lower} $$ ${a:upper}", &regex).unwrap();
        let captures = regex.captures("Hello world").unwrap();
        assert_eq!(template.expand(&captures), "World hello $ HELLO");
    }

    #[test]
    fn unless_before_sees_only_nearby_context() {
        let body = GOOD.replace(
            "applicability",
            "unless_before = '''Figure\\s*$'''\napplicability",
        );
        let rules = rule_file(&body).unwrap();
        let mut found = Vec::new();
        rules[0].find(
            &Document::new("Figure 3 (rate).. and rate).. end"),
            lexicon(),
            &mut found,
        );
        assert_eq!(
            found.len(),
            2,
            "the pattern's context is the 80 bytes before the match"
        );
    }

    #[test]
    fn every_embedded_rule_passes_its_own_tests() {
        let rules = RuleSet::embedded().unwrap();
        assert!(rules.rules().len() >= 10);
        let failures = rules.self_test(lexicon());
        let report: Vec<String> = failures
            .iter()
            .map(|(rule, f)| {
                format!(
                    "{} ({}):\n  {}",
                    rule.id.as_str(),
                    rule.source.display(),
                    f.join("\n  ")
                )
            })
            .collect();
        assert!(report.is_empty(), "{}", report.join("\n"));
    }

    #[test]
    fn every_rule_file_on_disk_is_embedded() {
        let on_disk =
            toml_files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/rules")).unwrap();
        let mut embedded = Vec::new();
        collect_embedded_toml(&crate::data::RULES, &mut embedded);
        let embedded: Vec<PathBuf> = embedded
            .iter()
            .map(|(p, _)| {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("data/rules")
                    .join(p)
            })
            .collect();
        for path in &on_disk {
            assert!(
                embedded.contains(path),
                "{} is not embedded: rebuild (touch src/rules.rs)",
                path.display()
            );
        }
        assert_eq!(on_disk.len(), embedded.len());
    }
}
