//! What several commands share: the common flags, the cleaner they build, reading input, colour
//! and progress.

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub(crate) use mtclean::batch::load::read_stdin;
use mtclean::batch::load::{self, Loaded};
pub(crate) use mtclean::batch::load::{display_name, is_stdin};
use mtclean::config::{self, Flags};
use mtclean::input::{self, Decoded};
use mtclean::stats::Stats;
use mtclean::walk::{self, Input};
use mtclean::{Cleaner, Error, Policy};

#[derive(Debug, Args)]
pub(crate) struct CommonArgs {
    /// Extra rule directory (all *.toml under it); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub(crate) rule_dirs: Vec<PathBuf>,
    /// A user lexicon: names your newsroom uses, one a line.
    #[arg(long, value_name = "FILE")]
    pub(crate) lexicon: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    #[arg(long)]
    pub(crate) lossy: bool,
    /// Apply fixes marked unsafe too (they may need a human look).
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Remove scraping boilerplate (`Read also: …`, `Share post:`, `[ad_1]`): off by default.
    #[arg(long)]
    pub(crate) strip_boilerplate: bool,
    /// Settings file for every input (default: the nearest mtclean.toml from each file's folder
    /// upward, else from the working directory upward).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore any mtclean.toml.
    #[arg(long)]
    pub(crate) no_config: bool,
    /// Only these checks: rule or check ids, or family names (comma-separated; as ruff's).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Leave out these checks: rule or check ids, or family names (comma-separated).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
}

impl CommonArgs {
    /// The settings of the working directory (for stdin and `config show`).
    pub(crate) fn effective(&self) -> Result<config::Effective, Error> {
        self.effective_with(self.config_file_for(None).as_deref())
    }

    /// The settings file for an input, as ruff and typos find theirs: `--config FILE`, none with
    /// `--no-config`, else the nearest `mtclean.toml` from the input's folder upward, else the
    /// nearest from the working directory upward (stdin, or a file outside any project).
    pub(crate) fn config_file_for(&self, input: Option<&Path>) -> Option<PathBuf> {
        if self.no_config {
            return None;
        }
        if let Some(path) = &self.config {
            return Some(path.clone());
        }
        let from_input = input
            .filter(|p| !is_stdin(p))
            .and_then(|p| std::path::absolute(p).ok())
            .and_then(|p| {
                let folder = if p.is_dir() {
                    Some(p.clone())
                } else {
                    p.parent().map(Path::to_path_buf)
                };
                folder.and_then(|dir| config::find_upward(&dir))
            });
        from_input.or_else(|| {
            std::env::current_dir()
                .ok()
                .and_then(|dir| config::find_upward(&dir))
        })
    }

    pub(crate) fn effective_with(&self, file: Option<&Path>) -> Result<config::Effective, Error> {
        config::resolve(
            file,
            &Flags {
                unsafe_fixes: self.unsafe_fixes,
                strip_boilerplate: self.strip_boilerplate,
                rule_dirs: self.rule_dirs.clone(),
                lexicon: self.lexicon.clone(),
                select: self.select.clone(),
                ignore: self.ignore.clone(),
            },
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Exit status of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean = 0,
    Findings = 1,
    Error = 2,
}

/// The cleaner for the review commands (they offer every applicability themselves), with the
/// settings of `input`'s folder.
pub(crate) fn build_cleaner(common: &CommonArgs, input: &Path) -> Result<Cleaner, Error> {
    let file = common.config_file_for(Some(input));
    cleaner_with(common, file.as_deref()).map(|(cleaner, _)| cleaner)
}

/// The cleaner the flags and `mtclean.toml` (of the working directory) ask for, and the policy
/// of fixes to apply.
pub(crate) fn build_cleaner_and_policy(common: &CommonArgs) -> Result<(Cleaner, Policy), Error> {
    let file = common.config_file_for(None);
    cleaner_with(common, file.as_deref())
}

/// One cleaner per settings file the inputs use (most runs: one), and which one each input gets.
pub(crate) struct Cleaners {
    pub(crate) cleaners: Vec<(Cleaner, Policy)>,
    /// The `allow-words` of each cleaner's settings.
    pub(crate) allowed: Vec<Vec<String>>,
    pub(crate) of_input: Vec<usize>,
}

impl Cleaners {
    /// One cleaner per distinct (settings file, `[per-file-ignores]` that apply) among `inputs`.
    pub(crate) fn new(common: &CommonArgs, inputs: &[&Path]) -> Result<Cleaners, Error> {
        type Key = (Option<PathBuf>, Vec<String>);
        let mut settings: Vec<(Option<PathBuf>, config::Effective)> = Vec::new();
        let mut keys: Vec<Key> = Vec::new();
        let mut cleaners = Vec::new();
        let mut allowed = Vec::new();
        let mut of_input = Vec::with_capacity(inputs.len());
        let wanted: Vec<Option<&Path>> = if inputs.is_empty() {
            vec![None]
        } else {
            inputs.iter().map(|p| Some(*p)).collect()
        };
        // Files of one folder share their settings file: look it up once per folder.
        let mut by_folder: std::collections::HashMap<Option<PathBuf>, Option<PathBuf>> =
            std::collections::HashMap::new();
        for input in wanted {
            let folder = input.and_then(Path::parent).map(Path::to_path_buf);
            let file = match (input, by_folder.get(&folder)) {
                (Some(p), Some(file)) if !p.is_dir() => file.clone(),
                _ => {
                    let file = common.config_file_for(input);
                    if input.is_some_and(|p| !p.is_dir()) {
                        by_folder.insert(folder, file.clone());
                    }
                    file
                }
            };
            let effective = match settings.iter().find(|(f, _)| *f == file) {
                Some((_, effective)) => effective,
                None => {
                    settings.push((file.clone(), common.effective_with(file.as_deref())?));
                    &settings.last().expect("just pushed").1
                }
            };
            let ignores = input.map_or_else(Vec::new, |p| effective.ignores_for(p));
            let key = (file, ignores);
            let index = match keys.iter().position(|k| *k == key) {
                Some(index) => index,
                None => {
                    let mut effective = effective.clone();
                    config::ignore(&mut effective.options, &key.1);
                    cleaners.push(cleaner_from(&effective)?);
                    allowed.push(effective.allow_words.clone());
                    keys.push(key);
                    keys.len() - 1
                }
            };
            of_input.push(index);
        }
        Ok(Cleaners {
            cleaners,
            allowed,
            of_input,
        })
    }

    /// The `allow-words` of input `i`.
    pub(crate) fn allowed(&self, i: usize) -> &[String] {
        &self.allowed[self.of_input.get(i).copied().unwrap_or(0)]
    }

    /// The cleaner and policy of input `i`.
    pub(crate) fn of(&self, i: usize) -> (&Cleaner, Policy) {
        let (cleaner, policy) = &self.cleaners[self.of_input.get(i).copied().unwrap_or(0)];
        (cleaner, *policy)
    }
}

fn cleaner_with(common: &CommonArgs, file: Option<&Path>) -> Result<(Cleaner, Policy), Error> {
    cleaner_from(&common.effective_with(file)?)
}

fn cleaner_from(effective: &config::Effective) -> Result<(Cleaner, Policy), Error> {
    let policy = if effective.unsafe_fixes {
        Policy::SafeAndUnsafe
    } else {
        Policy::Safe
    };
    Ok((Cleaner::new(&effective.options)?, policy))
}

/// One named input (or stdin) for `review` and `report`, read as `fix` reads it: a special file
/// is refused and a binary one is an error.
pub(crate) fn read_input(path: &Path, lossy: bool) -> anyhow::Result<Decoded> {
    match load::load(path, lossy)? {
        Loaded::Text(decoded) => Ok(decoded),
        Loaded::Binary => anyhow::bail!(load::binary_error(path)),
    }
}

/// The inputs of `fix`/`check`: stdin alone, or the expanded files and directories.
pub(crate) fn expand_inputs(
    files: &[PathBuf],
    globs: &[String],
    excludes: &[String],
    stats: &mut Stats,
) -> Result<Vec<Input>, Error> {
    if files.is_empty() || (files.len() == 1 && is_stdin(&files[0])) {
        return Ok(vec![Input {
            path: PathBuf::from("-"),
            relative: PathBuf::from("stdin"),
            named: true,
        }]);
    }
    let (inputs, skipped) = walk::expand(files, globs, excludes)?;
    stats.skipped_hidden += skipped.hidden;
    Ok(inputs)
}

/// On a terminal, `check` or `fix` with no file would wait silently for stdin: say so.
pub(crate) fn note_terminal_stdin(
    files: &[PathBuf],
    stderr: &mut dyn Write,
) -> std::io::Result<()> {
    if files.is_empty() && std::io::stdin().is_terminal() {
        writeln!(
            stderr,
            "mtclean: reading the text from stdin (end with Ctrl-D); name files or folders to read them"
        )?;
    }
    Ok(())
}

/// The warning for folders that hold nothing to clean (not an error: an empty batch is done).
pub(crate) fn warn_no_files(arguments: &[PathBuf], stderr: &mut dyn Write) -> std::io::Result<()> {
    let names: Vec<String> = arguments.iter().map(|p| p.display().to_string()).collect();
    writeln!(
        stderr,
        "mtclean: warning: no files to clean in {} (inside folders only *.txt or --glob)",
        names.join(", ")
    )
}

pub(crate) fn progress_bar(len: u64, quiet: bool, unit: &str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {unit} {{per_sec}} eta {{eta}} {{msg}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

pub(crate) fn use_color_on(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
    }
}

pub(crate) fn use_color(choice: ColorChoice) -> bool {
    use_color_on(choice, std::io::stdout().is_terminal())
}

pub(crate) fn finish(
    stats: &Stats,
    stats_file: Option<&Path>,
    quiet: bool,
    many: bool,
    stderr: &mut dyn Write,
) -> std::io::Result<bool> {
    if !quiet && many {
        stderr.write_all(stats.summary().as_bytes())?;
    }
    if let Some(path) = stats_file {
        let json = serde_json::to_string_pretty(stats).expect("plain data serialises");
        if let Err(e) = input::write_output(path, format!("{json}\n").as_bytes()) {
            writeln!(stderr, "mtclean: {e}")?;
            return Ok(false);
        }
    }
    Ok(true)
}
