//! The command line: clap definitions, turned into plain [`Options`] for the library.
//!
//! Exit codes: 0 nothing to fix (or fixed as asked), 1 findings or changes (`check`, `fix --check`,
//! `fix --diff`), 2 an error (the batch goes on; the exit code says so at the end). A closed pipe
//! on stdout ends the run quietly.

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use mtclean::config::{self, Flags};
use mtclean::eval;
use mtclean::input::{self, Decoded};
use mtclean::jsonl::{self, FieldPath, Skip};
use mtclean::lexicon::Lexicon;
use mtclean::render;
use mtclean::review::DecisionsFile;
use mtclean::rules::{self, RuleSet};
use mtclean::stats::Stats;
use mtclean::walk::{self, Input};
use mtclean::{Cleaner, Error, Outcome, Policy};

const AFTER_HELP: &str = "\
Examples:
  mtclean fix corpus/000_c13951b50018919a.txt       cleaned text to stdout (safe fixes)
  mtclean fix --diff article.txt | patch -p1       review as a patch, then apply it
  mtclean fix --write --unsafe-fixes articles/      rewrite every *.txt under a folder in place
  mtclean fix --out-dir clean/ scraped/             write cleaned copies into a mirror tree
  mtclean fix --jsonl --field article.body < in.jsonl > out.jsonl
                                                    clean one field of each JSON-lines record
  mtclean check article.txt                         one finding a line, with its rule
  mtclean check --format json - < article.txt       JSON lines for tools
  mtclean diff article.txt                          coloured word diff, each change labelled
  mtclean rules list | explain ID | test [DIR]      the rules and their own tests
  mtclean review article.txt --decisions d.json     accept/reject/edit each change (like git add -p)
  mtclean report *.txt -o review.html               an HTML review page; export decisions from it
  mtclean fix --decisions d.json article.txt        apply exactly the accepted decisions
  mtclean eval --data ../shared/eval                the benchmark: every standard set, one table
  mtclean eval corpus                               score the articles of any folder
  mtclean eval --save base.json; mtclean eval --baseline base.json
  mtclean config show                               effective settings and where each came from

Exit codes: 0 nothing to fix, 1 findings or changes, 2 error.";

#[derive(Debug, Parser)]
#[command(name = "mtclean", version, about = "Find and fix machine-translation artifacts in English news text", after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the cleaned text (safe fixes only unless --unsafe-fixes), or rewrite files in place.
    Fix(FixArgs),
    /// Report every finding: `path:line:col: rule: message: before → after`.
    Check(CheckArgs),
    /// Show a word-level diff of the fixes, each labelled with its rule.
    Diff(DiffArgs),
    /// Score the cleaner against annotated articles: per set and category, fixed / wrong /
    /// missed annotations, false edits, precision, recall and F0.5.
    Eval(EvalArgs),
    /// Review each change interactively (answers read line by line from stdin).
    Review(crate::review_cli::ReviewArgs),
    /// Write one self-contained HTML page to review the changes of one or more files.
    Report(crate::review_cli::ReportArgs),
    /// List, explain and test rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Show the effective configuration (mtclean.toml and flags) and where each value came from.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    Show {
        #[command(flatten)]
        common: CommonArgs,
    },
}

#[derive(Debug, Args)]
pub(crate) struct CommonArgs {
    /// Extra rule directory (all *.toml under it); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,
    /// A user lexicon: names your newsroom uses, one a line.
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    #[arg(long)]
    pub(crate) lossy: bool,
    /// Apply fixes marked unsafe too (they may need a human look).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Remove scraping boilerplate (`Read also: …`, `Share post:`, `[ad_1]`): off by default.
    #[arg(long)]
    strip_boilerplate: bool,
    /// Settings file (default: the nearest mtclean.toml from the working directory upward).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any mtclean.toml.
    #[arg(long)]
    no_config: bool,
}

impl CommonArgs {
    fn effective(&self) -> Result<config::Effective, Error> {
        let file = if self.no_config {
            None
        } else if let Some(path) = &self.config {
            Some(path.clone())
        } else {
            std::env::current_dir()
                .ok()
                .and_then(|dir| config::find_upward(&dir))
        };
        config::resolve(
            file.as_deref(),
            &Flags {
                unsafe_fixes: self.unsafe_fixes,
                strip_boilerplate: self.strip_boilerplate,
                rule_dirs: self.rule_dirs.clone(),
                lexicon: self.lexicon.clone(),
            },
        )
    }
}

#[derive(Debug, Args)]
struct FixArgs {
    /// Files or directories to clean (directories: every *.txt, recursively); `-` or nothing
    /// reads stdin.
    files: Vec<PathBuf>,
    /// Rewrite the files in place (atomically; line endings, BOM and permissions kept).
    #[arg(long, conflicts_with_all = ["diff", "check", "out_dir"])]
    write: bool,
    /// With --write: keep the original as FILE+SUFFIX (e.g. `.orig`).
    #[arg(long, value_name = "SUFFIX", requires = "write")]
    backup: Option<String>,
    /// Write cleaned copies under DIR, mirroring the input tree.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["diff", "check"])]
    out_dir: Option<PathBuf>,
    /// Print a unified diff (applies with `patch -p1`) instead of the text.
    #[arg(long)]
    diff: bool,
    /// Print nothing; exit 1 when anything would change.
    #[arg(long)]
    check: bool,
    /// Apply exactly the accepted and edited decisions of this file (from `mtclean review
    /// --decisions` or the HTML report's export) instead of the default fixes.
    #[arg(long, value_name = "FILE", conflicts_with = "jsonl")]
    decisions: Option<PathBuf>,
    /// Inputs are JSON lines: clean one string field of each record, keep everything else.
    #[arg(long)]
    jsonl: bool,
    /// With --jsonl: the field to clean; nested objects with dots (`article.body`).
    #[arg(long, default_value = "text", requires = "jsonl")]
    field: String,
    /// With --jsonl: add a field of this name with the record's fix counts by family.
    #[arg(long, value_name = "NAME", requires = "jsonl")]
    add_field: Option<String>,
    /// Only files matching this pattern inside directories (default `*.txt`); repeatable.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// Skip files matching this pattern inside directories; repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Write the run's totals as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    stats: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// No progress bar and no summary on stderr.
    #[arg(long, short = 'q')]
    quiet: bool,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or directories to check; `-` or nothing reads stdin.
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Only files matching this pattern inside directories (default `*.txt`); repeatable.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// Skip files matching this pattern inside directories; repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The file to show; `-` reads stdin.
    file: PathBuf,
    /// Colour: auto (a terminal without NO_COLOR), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Args)]
struct EvalArgs {
    /// Directories of articles; every directory below holding *.txt files is a set (`gold/`
    /// directories excepted). Gold: DIR/../gold/<DIR name>/<stem>.json, DIR/../gold/<stem>.json
    /// or DIR/gold/<stem>.json; an article without gold is a control. Without DIR: the standard
    /// sets of the shared eval folder (--data), as one table.
    #[arg(value_name = "DIR", conflicts_with = "data")]
    dirs: Vec<PathBuf>,
    /// The shared eval folder (real/, news-clean/, clean/, seeds/): score real/tune, real/check,
    /// synthetic/dev, synthetic/held-out, news-clean, clean and seeds [default: ../shared/eval].
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Write the synthetic articles and their gold to OUTDIR (outside the repository) and stop.
    #[arg(long, value_name = "OUTDIR", hide = true)]
    write_synthetic: Option<PathBuf>,
    /// List every annotation not fixed and every false edit, with context.
    #[arg(long)]
    show: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Compare with a saved `--format json` run: exit 1 if precision or core recall fell.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Also write this run as JSON (for a later --baseline).
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// One line per rule: id, family, applicability, message.
    List {
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// A rule's documentation, pattern and examples.
    Explain {
        id: String,
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// Run the rules' own examples and ok cases (the embedded ones, or those under DIR).
    Test { dirs: Vec<PathBuf> },
}

/// Exit status of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean = 0,
    Findings = 1,
    Error = 2,
}

/// Runs the parsed command line; output goes to the given writers so tests can capture it.
pub fn run(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write) -> std::io::Result<Status> {
    match cli.command {
        Command::Fix(args) => {
            if let Some(jobs) = args.jobs {
                // The binary runs one command, so the global pool is this run's pool.
                if let Err(e) = rayon::ThreadPoolBuilder::new()
                    .num_threads(jobs.max(1))
                    .build_global()
                {
                    writeln!(stderr, "mtclean: cannot start {jobs} threads: {e}")?;
                    return Ok(Status::Error);
                }
            }
            run_fix(args, stdout, stderr)
        }
        Command::Check(args) => run_check(args, stdout, stderr),
        Command::Diff(args) => run_diff(args, stdout, stderr),
        Command::Eval(args) => run_eval(args, stdout, stderr),
        Command::Review(args) => crate::review_cli::run_review(args, stdout, stderr),
        Command::Report(args) => crate::review_cli::run_report(args, stdout, stderr),
        Command::Rules { command } => run_rules(command, stdout, stderr),
        Command::Config {
            command: ConfigCommand::Show { common },
        } => match common.effective() {
            Ok(effective) => {
                stdout.write_all(effective.show().as_bytes())?;
                Ok(Status::Clean)
            }
            Err(e) => {
                writeln!(stderr, "mtclean: {e}")?;
                Ok(Status::Error)
            }
        },
    }
}

/// The cleaner for the review commands (they offer every applicability themselves).
pub(crate) fn build_cleaner(
    common: &CommonArgs,
    stderr: &mut dyn Write,
) -> std::io::Result<Option<Cleaner>> {
    Ok(build_cleaner_and_policy(common, stderr)?.map(|(cleaner, _)| cleaner))
}

fn build_cleaner_and_policy(
    common: &CommonArgs,
    stderr: &mut dyn Write,
) -> std::io::Result<Option<(Cleaner, Policy)>> {
    let built = common.effective().and_then(|effective| {
        let policy = if effective.unsafe_fixes {
            Policy::SafeAndUnsafe
        } else {
            Policy::Safe
        };
        Cleaner::new(&effective.options).map(|cleaner| (cleaner, policy))
    });
    match built {
        Ok(built) => Ok(Some(built)),
        Err(e) => {
            writeln!(stderr, "mtclean: {e}")?;
            Ok(None)
        }
    }
}

pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

pub(crate) fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

fn read_stdin() -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: PathBuf::from("<stdin>"),
            source,
        })?;
    Ok(bytes)
}

pub(crate) fn read_input(path: &Path, lossy: bool) -> Result<Decoded, Error> {
    if is_stdin(path) {
        input::decode(Path::new("<stdin>"), read_stdin()?, lossy)
    } else {
        input::read_file(path, lossy)
    }
}

/// The inputs of `fix`/`check`: stdin alone, or the expanded files and directories.
fn expand_inputs(
    files: &[PathBuf],
    globs: &[String],
    excludes: &[String],
    stats: &mut Stats,
) -> Result<Vec<Input>, Error> {
    if files.is_empty() || (files.len() == 1 && is_stdin(&files[0])) {
        return Ok(vec![Input {
            path: PathBuf::from("-"),
            relative: PathBuf::from("stdin"),
        }]);
    }
    let (inputs, skipped) = walk::expand(files, globs, excludes)?;
    stats.skipped_hidden += skipped.hidden;
    Ok(inputs)
}

fn progress_bar(len: u64, quiet: bool, unit: &str) -> ProgressBar {
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

/// Where `fix` puts its results.
#[derive(Debug, Clone, PartialEq)]
enum Sink {
    Stdout,
    Write { backup: Option<String> },
    OutDir(PathBuf),
    Diff,
    Check,
}

/// What one file produced: stdout bytes (text or diff), stderr notes, totals.
#[derive(Default)]
struct FileResult {
    stdout: Vec<u8>,
    notes: Vec<String>,
    stats: Stats,
    changed: bool,
}

fn process_file(
    cleaner: &Cleaner,
    policy: Policy,
    input: &Input,
    sink: &Sink,
    lossy: bool,
    stdin: Option<&[u8]>,
    decisions: Option<&DecisionsFile>,
) -> FileResult {
    let mut result = FileResult::default();
    let name = display_name(&input.path);
    let bytes = match stdin {
        Some(bytes) => bytes.to_vec(),
        None => match std::fs::read(&input.path) {
            Ok(bytes) => bytes,
            Err(source) => {
                result.notes.push(format!(
                    "mtclean: {}",
                    Error::Io {
                        path: input.path.clone(),
                        source
                    }
                ));
                result.stats.errors += 1;
                return result;
            }
        },
    };
    if walk::looks_binary(&bytes) {
        result.notes.push(format!(
            "mtclean: {name}: looks binary (a NUL byte); skipped"
        ));
        result.stats.skipped_binary += 1;
        return result;
    }
    let decoded = match input::decode(Path::new(&name), bytes, lossy) {
        Ok(decoded) => decoded,
        Err(e) => {
            result.notes.push(format!("mtclean: {e}"));
            result.stats.errors += 1;
            return result;
        }
    };
    let mut outcome = match decisions {
        // The decisions file says which changes to apply, whatever their applicability.
        Some(_) => cleaner.clean(&decoded.text, Policy::SafeAndUnsafe),
        None => cleaner.clean(&decoded.text, policy),
    };
    if let Some(file) = decisions {
        let mut warnings = Vec::new();
        if let Ok(text) =
            crate::review_cli::apply_file(file, &decoded.text, &outcome, &input.path, &mut warnings)
        {
            outcome.text = text;
        }
        result.notes.extend(
            String::from_utf8_lossy(&warnings)
                .lines()
                .map(str::to_string),
        );
    }
    result.changed = outcome.text != decoded.text;
    result.stats.files = 1;
    result.stats.files_changed = usize::from(result.changed);
    result.stats.bytes = decoded.text.len() as u64;
    result.stats.add_outcome(&outcome);
    if !outcome.converged {
        result.notes.push(format!(
            "mtclean: {name}: still changing after {} rounds; output may not be final",
            outcome.rounds
        ));
    }
    let write_result = match sink {
        Sink::Stdout => {
            result.stdout = decoded.encode(&outcome.text);
            Ok(())
        }
        Sink::Diff => {
            result.stdout = render::unified_diff(&name, &decoded.text, &outcome.text).into_bytes();
            Ok(())
        }
        Sink::Check => Ok(()),
        Sink::Write { backup } if result.changed => {
            let backed_up = match backup {
                Some(suffix) => {
                    let mut backup_path = input.path.clone().into_os_string();
                    backup_path.push(suffix);
                    std::fs::copy(&input.path, &backup_path)
                        .map(|_| ())
                        .map_err(|source| Error::Io {
                            path: PathBuf::from(backup_path),
                            source,
                        })
                }
                None => Ok(()),
            };
            backed_up
                .and_then(|()| input::write_atomic(&input.path, &decoded.encode(&outcome.text)))
        }
        Sink::Write { .. } => Ok(()),
        Sink::OutDir(dir) => {
            let target = dir.join(&input.relative);
            let permissions = std::fs::metadata(&input.path).ok().map(|m| m.permissions());
            target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .map_err(|source| Error::Io {
                    path: target.clone(),
                    source,
                })
                .and_then(|()| {
                    input::write_atomic_with(&target, &decoded.encode(&outcome.text), permissions)
                })
        }
    };
    if let Err(e) = write_result {
        result.notes.push(format!("mtclean: {e}"));
        result.stats.errors += 1;
    }
    result
}

fn finish(
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
        if let Err(e) = input::write_atomic_with(path, format!("{json}\n").as_bytes(), None) {
            writeln!(stderr, "mtclean: {e}")?;
            return Ok(false);
        }
    }
    Ok(true)
}

fn run_fix(
    args: FixArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Status> {
    let Some((cleaner, policy)) = build_cleaner_and_policy(&args.common, stderr)? else {
        return Ok(Status::Error);
    };
    if args.jsonl {
        return run_fix_jsonl(&args, &cleaner, policy, stdout, stderr);
    }
    let mut stats = Stats::default();
    let inputs = match expand_inputs(&args.files, &args.glob, &args.exclude, &mut stats) {
        Ok(inputs) => inputs,
        Err(e) => {
            writeln!(stderr, "mtclean: {e}")?;
            return Ok(Status::Error);
        }
    };
    let several = inputs.len() > 1 || args.files.iter().any(|f| f.is_dir());
    let sink = if args.write {
        Sink::Write {
            backup: args.backup.clone(),
        }
    } else if let Some(dir) = &args.out_dir {
        Sink::OutDir(dir.clone())
    } else if args.diff {
        Sink::Diff
    } else if args.check {
        Sink::Check
    } else {
        Sink::Stdout
    };
    if several && sink == Sink::Stdout {
        writeln!(
            stderr,
            "mtclean: several files: add --write, --out-dir, --diff or --check (stdout holds one text)"
        )?;
        return Ok(Status::Error);
    }
    let stdin_bytes = if is_stdin(&inputs[0].path) {
        if matches!(sink, Sink::Write { .. } | Sink::OutDir(_)) {
            writeln!(
                stderr,
                "mtclean: --write and --out-dir need files, not stdin"
            )?;
            return Ok(Status::Error);
        }
        match read_stdin() {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                writeln!(stderr, "mtclean: {e}")?;
                return Ok(Status::Error);
            }
        }
    } else {
        None
    };
    let decisions = match &args.decisions {
        Some(path) => match crate::review_cli::load_decisions(path) {
            Ok(file) => Some(file),
            Err(e) => {
                writeln!(stderr, "mtclean: {e}")?;
                return Ok(Status::Error);
            }
        },
        None => None,
    };
    let bar = progress_bar(inputs.len() as u64, args.quiet || !several, "files");
    let results: Vec<FileResult> = inputs
        .par_iter()
        .map(|input| {
            let result = process_file(
                &cleaner,
                policy,
                input,
                &sink,
                args.common.lossy,
                stdin_bytes.as_deref(),
                decisions.as_ref(),
            );
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();
    let mut changed = false;
    for result in &results {
        for note in &result.notes {
            writeln!(stderr, "{note}")?;
        }
        stdout.write_all(&result.stdout)?;
        stats.merge(&result.stats);
        changed |= result.changed;
    }
    if !finish(&stats, args.stats.as_deref(), args.quiet, several, stderr)? {
        return Ok(Status::Error);
    }
    Ok(if stats.errors > 0 {
        Status::Error
    } else if changed && (args.check || args.diff) {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Lines read before a batch is cleaned in parallel; a batch also ends when the input has nothing
/// more buffered, so a slow producer (a pipe stage) gets each record back at once.
const BATCH_LINES: usize = 1024;
const BATCH_BYTES: usize = 8 << 20;

/// What stays the same for every JSON-lines stream of a run.
struct JsonlRun<'a> {
    cleaner: &'a Cleaner,
    policy: Policy,
    field: FieldPath,
    add_field: Option<&'a str>,
    bar: ProgressBar,
}

impl JsonlRun<'_> {
    /// Cleans a JSON-lines stream record by record, in parallel batches, in order, flushing after
    /// each batch; a note per bad record goes to `notes` as it is met.
    fn stream<R: Read>(
        &self,
        name: &str,
        reader: &mut BufReader<R>,
        out: &mut dyn Write,
        stats: &mut Stats,
        notes: &mut dyn Write,
    ) -> std::io::Result<()> {
        clean_jsonl_stream(self, name, reader, out, stats, notes)
    }
}

fn clean_jsonl_stream<R: Read>(
    run: &JsonlRun,
    name: &str,
    reader: &mut BufReader<R>,
    out: &mut dyn Write,
    stats: &mut Stats,
    notes: &mut dyn Write,
) -> std::io::Result<()> {
    let JsonlRun {
        cleaner,
        policy,
        field,
        add_field,
        bar,
    } = run;
    let (cleaner, policy, add_field) = (*cleaner, *policy, *add_field);
    let mut line_number = 0usize;
    loop {
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut batch_bytes = 0;
        loop {
            let mut raw = Vec::new();
            if reader.read_until(b'\n', &mut raw)? == 0 {
                break;
            }
            line_number += 1;
            batch_bytes += raw.len();
            batch.push((line_number, raw));
            if batch.len() >= BATCH_LINES
                || batch_bytes >= BATCH_BYTES
                || reader.buffer().is_empty()
            {
                break;
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        let cleaned: Vec<(Vec<u8>, Stats, Option<String>)> = batch
            .par_iter()
            .map(|(number, raw)| {
                let ending_len = if raw.ends_with(b"\r\n") {
                    2
                } else {
                    usize::from(raw.ends_with(b"\n"))
                };
                let (body, ending) = raw.split_at(raw.len() - ending_len);
                let mut record_stats = Stats {
                    records: 1,
                    bytes: raw.len() as u64,
                    ..Stats::default()
                };
                let text = match std::str::from_utf8(body) {
                    Ok(text) => text,
                    Err(e) => {
                        record_stats.errors += 1;
                        record_stats.records_passed_through += 1;
                        let note = format!(
                            "mtclean: {name}:{number}: invalid UTF-8 at byte {} of the record; passed through unchanged",
                            e.valid_up_to()
                        );
                        return (raw.clone(), record_stats, Some(note));
                    }
                };
                let record = jsonl::clean_record(cleaner, text, field, policy, add_field);
                let note = match &record.skipped {
                    Some(Skip::Empty) | None => None,
                    Some(skip) => {
                        record_stats.records_passed_through += 1;
                        Some(format!("mtclean: {name}:{number}: {skip}"))
                    }
                };
                if let Some(outcome) = &record.outcome {
                    record_stats.add_outcome(outcome);
                    record_stats.records_changed = usize::from(record.line != text);
                }
                let mut bytes = record.line.into_bytes();
                bytes.extend_from_slice(ending);
                (bytes, record_stats, note)
            })
            .collect();
        for (bytes, record_stats, note) in cleaned {
            if let Some(note) = note {
                writeln!(notes, "{note}")?;
            }
            out.write_all(&bytes)?;
            stats.merge(&record_stats);
        }
        out.flush()?;
        bar.inc(batch.len() as u64);
    }
}

fn run_fix_jsonl(
    args: &FixArgs,
    cleaner: &Cleaner,
    policy: Policy,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Status> {
    if args.diff || args.check {
        writeln!(
            stderr,
            "mtclean: --jsonl works with stdout, --write or --out-dir (not --diff or --check)"
        )?;
        return Ok(Status::Error);
    }
    let mut stats = Stats::default();
    let files: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    if files.len() > 1 && !args.write && args.out_dir.is_none() && files.iter().any(|f| is_stdin(f))
    {
        writeln!(stderr, "mtclean: stdin cannot be mixed with files")?;
        return Ok(Status::Error);
    }
    let run = JsonlRun {
        cleaner,
        policy,
        field: FieldPath::parse(&args.field),
        add_field: args.add_field.as_deref(),
        bar: progress_bar(0, args.quiet, "records"),
    };
    for path in &files {
        let name = display_name(path);
        if is_stdin(path) {
            if args.write || args.out_dir.is_some() {
                writeln!(
                    stderr,
                    "mtclean: --write and --out-dir need files, not stdin"
                )?;
                return Ok(Status::Error);
            }
            let mut reader = BufReader::new(std::io::stdin());
            run.stream(&name, &mut reader, stdout, &mut stats, stderr)?;
            continue;
        }
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(source) => {
                writeln!(
                    stderr,
                    "mtclean: {}",
                    Error::Io {
                        path: path.clone(),
                        source
                    }
                )?;
                stats.errors += 1;
                continue;
            }
        };
        stats.files += 1;
        let mut reader = BufReader::new(file);
        let target = if args.write {
            Some(path.clone())
        } else {
            args.out_dir
                .as_ref()
                .map(|dir| dir.join(path.file_name().unwrap_or(path.as_os_str())))
        };
        match target {
            None => run.stream(&name, &mut reader, stdout, &mut stats, stderr)?,
            Some(target) => {
                let written = write_stream_atomically(&target, path, |out| {
                    run.stream(&name, &mut reader, out, &mut stats, stderr)
                });
                if let Err(e) = written {
                    writeln!(stderr, "mtclean: {}: {e}", target.display())?;
                    stats.errors += 1;
                }
            }
        }
    }
    run.bar.finish_and_clear();
    if !finish(&stats, args.stats.as_deref(), args.quiet, true, stderr)? {
        return Ok(Status::Error);
    }
    Ok(if stats.errors > 0 {
        Status::Error
    } else {
        Status::Clean
    })
}

/// Streams into a temporary file next to `target`, then renames it over `target` with the
/// permissions of `like` (a crash leaves the old file whole).
fn write_stream_atomically(
    target: &Path,
    like: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let permissions = std::fs::metadata(like)?.permissions();
    if target.exists() && std::fs::metadata(target)?.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "file is read-only; not rewritten",
        ));
    }
    input::write_atomic_streaming(target, Some(permissions), fill)
}

fn run_check(
    args: CheckArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Status> {
    let Some((cleaner, policy)) = build_cleaner_and_policy(&args.common, stderr)? else {
        return Ok(Status::Error);
    };
    let mut stats = Stats::default();
    let inputs = match expand_inputs(&args.files, &args.glob, &args.exclude, &mut stats) {
        Ok(inputs) => inputs,
        Err(e) => {
            writeln!(stderr, "mtclean: {e}")?;
            return Ok(Status::Error);
        }
    };
    let results: Vec<Result<(String, String, Outcome), String>> = inputs
        .par_iter()
        .map(|input| {
            let decoded =
                read_input(&input.path, args.common.lossy).map_err(|e| format!("mtclean: {e}"))?;
            let outcome = cleaner.clean(&decoded.text, policy);
            Ok((display_name(&input.path), decoded.text, outcome))
        })
        .collect();
    let mut errors = false;
    let mut found = false;
    for result in results {
        match result {
            Err(note) => {
                writeln!(stderr, "{note}")?;
                errors = true;
            }
            Ok((name, text, outcome)) => {
                found |= !outcome.changes.is_empty();
                let rendered = match args.format {
                    Format::Text => render::check_lines(&name, &text, &outcome.changes),
                    Format::Json => render::json_lines(&name, &text, &outcome.changes),
                };
                stdout.write_all(rendered.as_bytes())?;
            }
        }
    }
    Ok(if errors {
        Status::Error
    } else if found {
        Status::Findings
    } else {
        Status::Clean
    })
}

pub(crate) fn use_color_on(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
    }
}

fn use_color(choice: ColorChoice) -> bool {
    use_color_on(choice, std::io::stdout().is_terminal())
}

fn run_diff(
    args: DiffArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Status> {
    let Some((cleaner, policy)) = build_cleaner_and_policy(&args.common, stderr)? else {
        return Ok(Status::Error);
    };
    let decoded = match read_input(&args.file, args.common.lossy) {
        Ok(decoded) => decoded,
        Err(e) => {
            writeln!(stderr, "mtclean: {e}")?;
            return Ok(Status::Error);
        }
    };
    let outcome: Outcome = cleaner.clean(&decoded.text, policy);
    let name = display_name(&args.file);
    let rendered = render::word_diff(&name, &decoded.text, &outcome, use_color(args.color));
    stdout.write_all(rendered.as_bytes())?;
    Ok(if outcome.applied().next().is_some() {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn load_rules(dirs: &[PathBuf], stderr: &mut dyn Write) -> std::io::Result<Option<RuleSet>> {
    match RuleSet::embedded_and(dirs) {
        Ok(rules) => Ok(Some(rules)),
        Err(e) => {
            writeln!(stderr, "mtclean: {e}")?;
            Ok(None)
        }
    }
}

fn run_rules(
    command: RulesCommand,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Status> {
    match command {
        RulesCommand::List { rule_dirs } => {
            let Some(rules) = load_rules(&rule_dirs, stderr)? else {
                return Ok(Status::Error);
            };
            for rule in rules.rules() {
                writeln!(
                    stdout,
                    "{:<34} {:<12} {:<12} {}",
                    rule.id.as_str(),
                    rule.family.as_str(),
                    rule.applicability.as_str(),
                    rule.message
                )?;
            }
            Ok(Status::Clean)
        }
        RulesCommand::Explain { id, rule_dirs } => {
            let Some(rules) = load_rules(&rule_dirs, stderr)? else {
                return Ok(Status::Error);
            };
            match rules.get(&id) {
                Some(rule) => {
                    stdout.write_all(rules::explain(rule).as_bytes())?;
                    Ok(Status::Clean)
                }
                None => {
                    writeln!(stderr, "mtclean: no rule `{id}` (see `mtclean rules list`)")?;
                    Ok(Status::Error)
                }
            }
        }
        RulesCommand::Test { dirs } => {
            let loaded = if dirs.is_empty() {
                RuleSet::embedded()
            } else {
                RuleSet::from_dirs(&dirs)
            };
            let rules = match loaded {
                Ok(rules) => rules,
                Err(e) => {
                    writeln!(stderr, "mtclean: {e}")?;
                    return Ok(Status::Error);
                }
            };
            let failures = rules.self_test(Lexicon::embedded());
            let cases: usize = rules
                .rules()
                .iter()
                .map(|r| r.examples.len() + r.ok.len())
                .sum();
            for (rule, problems) in &failures {
                writeln!(
                    stdout,
                    "FAIL {} ({})",
                    rule.id.as_str(),
                    rule.source.display()
                )?;
                for problem in problems {
                    writeln!(stdout, "  {problem}")?;
                }
            }
            writeln!(
                stdout,
                "{} rules, {} cases: {} rules passed, {} failed",
                rules.rules().len(),
                cases,
                rules.rules().len() - failures.len(),
                failures.len()
            )?;
            Ok(if failures.is_empty() {
                Status::Clean
            } else {
                Status::Error
            })
        }
    }
}

fn run_eval(
    args: EvalArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Status> {
    // Read the baseline first: a bad baseline file should not cost a whole run.
    let baseline = match &args.baseline {
        None => None,
        Some(path) => {
            let parsed = std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    serde_json::from_str::<serde_json::Value>(&t).map_err(|e| e.to_string())
                });
            match parsed {
                Ok(v) => Some(v),
                Err(e) => {
                    writeln!(stderr, "mtclean: {}: {e}", path.display())?;
                    return Ok(Status::Error);
                }
            }
        }
    };
    let Some((cleaner, policy)) = build_cleaner_and_policy(&args.common, stderr)? else {
        return Ok(Status::Error);
    };
    let data = args
        .data
        .clone()
        .unwrap_or_else(|| PathBuf::from(eval::bench::DEFAULT_DATA));
    if let Some(out) = &args.write_synthetic {
        return match eval::bench::write_synthetic(&data, out) {
            Ok(n) => {
                writeln!(stderr, "wrote {n} synthetic articles to {}", out.display())?;
                Ok(Status::Clean)
            }
            Err(e) => {
                writeln!(stderr, "mtclean: {e}")?;
                Ok(Status::Error)
            }
        };
    }
    let report = if args.dirs.is_empty() {
        eval::bench::evaluate_data(&cleaner, policy, &data)
    } else {
        eval::evaluate(&cleaner, policy, &args.dirs)
    };
    let report = match report {
        Ok(report) => report,
        Err(e) => {
            writeln!(stderr, "mtclean: {e}")?;
            return Ok(Status::Error);
        }
    };
    let json = report.to_json();
    match args.format {
        Format::Text => stdout.write_all(report.render_text(args.show).as_bytes())?,
        Format::Json => writeln!(stdout, "{json}")?,
    }
    if let Some(path) = &args.save {
        let text = serde_json::to_string_pretty(&json).expect("json") + "\n";
        if let Err(e) = std::fs::write(path, text) {
            writeln!(stderr, "mtclean: {}: {e}", path.display())?;
            return Ok(Status::Error);
        }
    }
    let Some(baseline) = baseline else {
        return Ok(Status::Clean);
    };
    match eval::regressions(&baseline, &report) {
        Ok(regressed) if regressed.is_empty() => {
            writeln!(stderr, "no regression against the baseline")?;
            Ok(Status::Clean)
        }
        Ok(regressed) => {
            for line in regressed {
                writeln!(stderr, "regression: {line}")?;
            }
            Ok(Status::Findings)
        }
        Err(e) => {
            writeln!(stderr, "mtclean: {}: {e}", args.baseline.unwrap().display())?;
            Ok(Status::Error)
        }
    }
}
