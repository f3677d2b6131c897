//! `mtclean.toml`: project settings, found upward from each input's folder (then from the working
//! directory; or given with `--config`), merged under the command-line flags. Every effective value remembers where it
//! came from, so `mtclean config show` can say.
//!
//! ```toml
//! unsafe_fixes = false
//! strip_boilerplate = true          # the boilerplate family is off unless enabled
//! lexicon = "newsroom-names.txt"    # relative to this file
//! languages = ["spanish", "french"] # source languages: passage detection and foreign words
//!
//! [rules]
//! dirs = ["house-rules"]
//! disable = ["lowercase-sentence-start"]        # rule or check ids
//! enable = []                                   # re-enable ids of a disabled family
//! disable_families = ["name"]
//! enable_families = []
//! applicability = { "stray-pronoun-after-noun" = "unsafe" }
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::batch::limits;
use crate::engine::finding::{Applicability, Family};
use crate::{Error, Options};

pub const FILE_NAME: &str = crate::cleaner::CONFIG_FILE_NAME;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    unsafe_fixes: Option<bool>,
    strip_boilerplate: Option<bool>,
    lexicon: Option<PathBuf>,
    languages: Option<Vec<String>>,
    #[serde(default)]
    rules: RawRules,
    /// Glob (relative to this file's folder, or a file name) → ids or families to leave out.
    #[serde(default, rename = "per-file-ignores")]
    per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Words that are right as written: a change whose text holds one is left out.
    #[serde(default, rename = "allow-words")]
    allow_words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    dirs: Vec<PathBuf>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    enable_families: Vec<String>,
    #[serde(default)]
    disable_families: Vec<String>,
    #[serde(default)]
    applicability: BTreeMap<String, String>,
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File(PathBuf),
    Flag(&'static str),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(path) => write!(f, "{}", path.display()),
            Source::Flag(flag) => write!(f, "command line ({flag})"),
        }
    }
}

/// The settings the command line may override.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub unsafe_fixes: bool,
    pub strip_boilerplate: bool,
    pub rule_dirs: Vec<PathBuf>,
    pub lexicon: Option<PathBuf>,
    /// `--select`: only these check ids or families.
    pub select: Vec<String>,
    /// `--ignore`: leave out these check ids or families.
    pub ignore: Vec<String>,
}

/// The effective configuration: library options, the fix policy, and each value's source.
#[derive(Debug, Clone)]
pub struct Effective {
    pub options: Options,
    pub unsafe_fixes: bool,
    pub file: Option<PathBuf>,
    /// `[per-file-ignores]`: a glob (relative to the file's folder) and what it leaves out.
    pub per_file_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
    /// `allow-words`: a change whose original text holds one of these whole words is left out.
    pub allow_words: Vec<String>,
    /// `(key, value, source)` for `mtclean config show`.
    pub provenance: Vec<(String, String, Source)>,
}

impl Effective {
    /// What `[per-file-ignores]` leaves out for `input` (sorted, without repeats): patterns are
    /// matched against the path relative to the settings file's folder, and against the name.
    pub fn ignores_for(&self, input: &Path) -> Vec<String> {
        let base = self
            .file
            .as_deref()
            .and_then(Path::parent)
            .map(std::path::absolute);
        let absolute = std::path::absolute(input).unwrap_or_else(|_| input.to_path_buf());
        let relative = match &base {
            Some(Ok(base)) => absolute.strip_prefix(base).unwrap_or(&absolute),
            _ => input,
        };
        let mut out: Vec<String> = self
            .per_file_ignores
            .iter()
            .filter(|(glob, _)| {
                glob.is_match(relative) || input.file_name().is_some_and(|n| glob.is_match(n))
            })
            .flat_map(|(_, ids)| ids.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// `options` with `ignored` left out: a family name turns its family off, anything else is a
/// check id turned off (an unknown id is an error when the cleaner is built).
pub fn ignore(options: &mut Options, ignored: &[String]) {
    for id in ignored {
        match id.parse::<Family>() {
            Ok(family) => {
                options.enable_families.retain(|f| *f != family);
                options.disable_families.push(family);
            }
            Err(_) => {
                options.enable.retain(|e| e != id);
                options.disable.push(id.clone());
            }
        }
    }
}

/// `options` keeping only `selected` (ruff's `--select`): every family off but the selected
/// families, and the selected ids turned on whatever their family.
fn select(options: &mut Options, selected: &[String]) {
    let families: Vec<Family> = selected.iter().filter_map(|s| s.parse().ok()).collect();
    options.enable = selected
        .iter()
        .filter(|s| s.parse::<Family>().is_err())
        .cloned()
        .collect();
    options.enable_families = families.clone();
    options.disable_families = Family::ALL
        .into_iter()
        .filter(|f| !families.contains(f))
        .collect();
}

/// `mtclean.toml` in `start` or the nearest parent that has one.
pub fn find_upward(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// A TOML error as `line L, column C: message` (the parser's span, counted in characters).
fn toml_message(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim();
    match error.span().and_then(|span| text.get(..span.start)) {
        Some(before) => {
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_string(),
    }
}

fn config_error(path: &Path, message: String) -> Error {
    Error::Config {
        path: path.to_path_buf(),
        message,
    }
}

/// Reads the configuration file (if any) and applies the flags on top.
pub fn resolve(file: Option<&Path>, flags: &Flags) -> Result<Effective, Error> {
    let (raw, source) = match file {
        Some(path) => {
            limits::regular_file(path, limits::MAX_CONFIG_BYTES, "the file")
                .map_err(|message| config_error(path, message))?;
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            let raw: RawConfig =
                toml::from_str(&text).map_err(|e| config_error(path, toml_message(&text, &e)))?;
            (raw, Source::File(path.to_path_buf()))
        }
        None => (RawConfig::default(), Source::Default),
    };
    let base = file
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let relative = |p: &PathBuf| {
        if p.is_absolute() {
            p.clone()
        } else {
            base.join(p)
        }
    };
    let mut provenance = Vec::new();
    let mut record =
        |key: &str, value: String, from: Source| provenance.push((key.to_string(), value, from));

    let pick_bool =
        |flag: bool, flag_name: &'static str, from_file: Option<bool>| -> (bool, Source) {
            if flag {
                (true, Source::Flag(flag_name))
            } else if let Some(value) = from_file {
                (value, source.clone())
            } else {
                (false, Source::Default)
            }
        };
    let (unsafe_fixes, from) = pick_bool(flags.unsafe_fixes, "--unsafe-fixes", raw.unsafe_fixes);
    record("unsafe_fixes", unsafe_fixes.to_string(), from);
    let (strip_boilerplate, from) = pick_bool(
        flags.strip_boilerplate,
        "--strip-boilerplate",
        raw.strip_boilerplate,
    );
    record("strip_boilerplate", strip_boilerplate.to_string(), from);

    let (lexicon, from) = match (&flags.lexicon, &raw.lexicon) {
        (Some(path), _) => (Some(path.clone()), Source::Flag("--lexicon")),
        (None, Some(path)) => (Some(relative(path)), source.clone()),
        (None, None) => (None, Source::Default),
    };
    record(
        "lexicon",
        lexicon
            .as_ref()
            .map_or("(embedded only)".into(), |p| p.display().to_string()),
        from,
    );

    let mut rule_dirs: Vec<PathBuf> = raw.rules.dirs.iter().map(relative).collect();
    if !rule_dirs.is_empty() {
        record("rules.dirs", format!("{rule_dirs:?}"), source.clone());
    }
    if !flags.rule_dirs.is_empty() {
        record(
            "rules.dirs (added)",
            format!("{:?}", flags.rule_dirs),
            Source::Flag("--rules"),
        );
        rule_dirs.extend(flags.rule_dirs.iter().cloned());
    }
    if rule_dirs.is_empty() {
        record(
            "rules.dirs",
            "[] (embedded rules only)".into(),
            Source::Default,
        );
    }

    let path = file.unwrap_or(Path::new(FILE_NAME));
    // What the settings make us read is checked before anything is loaded (batch::limits).
    let named_by = |flag: &str| {
        if file.is_some() {
            path.to_path_buf()
        } else {
            PathBuf::from(flag)
        }
    };
    // A missing path is left to the loader, which names it when (and only when) it is needed.
    if let Some(lexicon) = lexicon.as_ref().filter(|p| p.exists()) {
        limits::regular_file(lexicon, limits::MAX_LEXICON_BYTES, "lexicon")
            .map_err(|message| config_error(&named_by("--lexicon"), message))?;
    }
    for dir in rule_dirs.iter().filter(|p| p.exists()) {
        limits::rules_folder(dir).map_err(|message| config_error(&named_by("--rules"), message))?;
    }
    let families = |names: &[String], key: &str| -> Result<Vec<Family>, Error> {
        names
            .iter()
            .map(|n| {
                n.parse()
                    .map_err(|e| config_error(path, format!("rules.{key}: {e}")))
            })
            .collect()
    };
    let enable_families = families(&raw.rules.enable_families, "enable_families")?;
    let disable_families = families(&raw.rules.disable_families, "disable_families")?;
    let mut applicability = BTreeMap::new();
    for (id, value) in &raw.rules.applicability {
        let parsed: Applicability = value
            .parse()
            .map_err(|e| config_error(path, format!("rules.applicability.{id}: {e}")))?;
        applicability.insert(id.clone(), parsed);
    }
    for (key, value) in [
        ("rules.enable", format!("{:?}", raw.rules.enable)),
        ("rules.disable", format!("{:?}", raw.rules.disable)),
        (
            "rules.enable_families",
            format!("{:?}", raw.rules.enable_families),
        ),
        (
            "rules.disable_families",
            format!("{:?}", raw.rules.disable_families),
        ),
        (
            "rules.applicability",
            format!("{:?}", raw.rules.applicability),
        ),
    ] {
        let from = if value == "[]" || value == "{}" {
            Source::Default
        } else {
            source.clone()
        };
        record(key, value, from);
    }
    let languages = raw.languages.clone();
    // An unknown language is an error here, naming this file, not a silent no-op.
    crate::engine::languages::Languages::embedded()
        .select(languages.as_deref())
        .map_err(|message| Error::Config {
            path: file.map_or_else(|| PathBuf::from(FILE_NAME), Path::to_path_buf),
            message,
        })?;
    record(
        "languages",
        languages
            .as_ref()
            .map_or("(all compiled in)".into(), |l| format!("{l:?}")),
        if languages.is_some() {
            source.clone()
        } else {
            Source::Default
        },
    );

    let mut per_file_ignores = Vec::new();
    for (pattern, ids) in &raw.per_file_ignores {
        let glob = globset::Glob::new(pattern)
            .map_err(|e| config_error(path, format!("per-file-ignores: `{pattern}`: {e}")))?;
        per_file_ignores.push((glob.compile_matcher(), ids.clone()));
        record(
            &format!("per-file-ignores.\"{pattern}\""),
            format!("{ids:?}"),
            source.clone(),
        );
    }
    let mut options = Options {
        rule_dirs,
        lexicon,
        enable: raw.rules.enable,
        disable: raw.rules.disable,
        enable_families,
        disable_families,
        applicability,
        strip_boilerplate,
        languages,
        config_file: file.map(Path::to_path_buf),
    };
    if !raw.allow_words.is_empty() {
        record(
            "allow-words",
            format!("{:?}", raw.allow_words),
            source.clone(),
        );
    }
    if !flags.select.is_empty() {
        select(&mut options, &flags.select);
        record(
            "select",
            format!("{:?}", flags.select),
            Source::Flag("--select"),
        );
    }
    if !flags.ignore.is_empty() {
        ignore(&mut options, &flags.ignore);
        record(
            "ignore",
            format!("{:?}", flags.ignore),
            Source::Flag("--ignore"),
        );
    }
    Ok(Effective {
        options,
        unsafe_fixes,
        file: file.map(Path::to_path_buf),
        per_file_ignores,
        allow_words: raw.allow_words,
        provenance,
    })
}

impl Effective {
    /// `key = value  # source` lines.
    pub fn show(&self) -> String {
        let mut out = String::new();
        match &self.file {
            Some(path) => out.push_str(&format!("# configuration file: {}\n", path.display())),
            None => out.push_str("# no mtclean.toml found: defaults and flags only\n"),
        }
        for (key, value, source) in &self.provenance {
            out.push_str(&format!("{key} = {value}  # {source}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_the_file_and_sources_are_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "strip_boilerplate = true\nlexicon = \"names.txt\"\n[rules]\ndisable = [\"x\"]\ndisable_families = [\"name\"]\napplicability = { \"a\" = \"unsafe\" }\n",
        )
        .unwrap();
        let flags = Flags {
            unsafe_fixes: true,
            ..Flags::default()
        };
        let effective = resolve(Some(&path), &flags).unwrap();
        assert!(effective.unsafe_fixes);
        assert!(effective.options.strip_boilerplate);
        assert_eq!(
            effective.options.lexicon,
            Some(dir.path().join("names.txt"))
        );
        assert_eq!(effective.options.disable_families, vec![Family::Name]);
        let shown = effective.show();
        assert!(
            shown.contains("unsafe_fixes = true  # command line (--unsafe-fixes)"),
            "{shown}"
        );
        assert!(
            shown.contains(&format!("strip_boilerplate = true  # {}", path.display())),
            "{shown}"
        );
    }

    #[test]
    fn bad_config_names_the_file_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[rules]\ndisable_families = [\"nope\"]\n").unwrap();
        let message = resolve(Some(&path), &Flags::default())
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("mtclean.toml") && message.contains("disable_families"),
            "{message}"
        );
        std::fs::write(&path, "typo_key = 1\n").unwrap();
        let message = resolve(Some(&path), &Flags::default())
            .unwrap_err()
            .to_string();
        assert!(message.contains("typo_key"), "{message}");
    }

    #[test]
    fn toml_errors_give_line_and_column_and_limits_apply() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "unsafe_fixes = false\n[rules]\ndisable = [\"a\" \"b\"]\n",
        )
        .unwrap();
        let message = resolve(Some(&path), &Flags::default())
            .unwrap_err()
            .to_string();
        assert!(message.contains("line 3, column 16"), "{message}");
        std::fs::write(&path, "lexicon = \"/dev/zero\"\n").unwrap();
        let message = resolve(Some(&path), &Flags::default())
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("mtclean.toml") && message.contains("not a regular file"),
            "{message}"
        );
        let nested = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        std::fs::write(&path, nested).unwrap();
        assert!(resolve(Some(&path), &Flags::default()).is_err());
        std::fs::write(&path, vec![b'#'; limits::MAX_CONFIG_BYTES as usize + 1]).unwrap();
        let message = resolve(Some(&path), &Flags::default())
            .unwrap_err()
            .to_string();
        assert!(message.contains("limit"), "{message}");
    }

    #[test]
    fn found_upward() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        assert_eq!(find_upward(&nested), Some(dir.path().join(FILE_NAME)));
    }
}
