//! `mtclean fix`: cleaned text to stdout, files rewritten in place or into a mirror tree, a diff,
//! or only an exit code.

use clap::Args;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

use mtclean::batch::guard;
use mtclean::batch::load::{self, Loaded};
use mtclean::batch::pieces;
use mtclean::input::{self};
use mtclean::render::{self};
use mtclean::review::DecisionsFile;
use mtclean::stats::Stats;
use mtclean::walk::Input;
use mtclean::{Error, Policy};

use super::common::*;

#[derive(Debug, Args)]
pub(crate) struct FixArgs {
    /// Files or directories to clean (directories: every *.txt, recursively); `-` or nothing
    /// reads stdin.
    pub(crate) files: Vec<PathBuf>,
    /// Rewrite the files in place (atomically; line endings, BOM and permissions kept).
    #[arg(long, conflicts_with_all = ["diff", "check", "out_dir"])]
    pub(crate) write: bool,
    /// With --write: keep the original as FILE+SUFFIX (e.g. `.orig`).
    #[arg(long, value_name = "SUFFIX", requires = "write")]
    pub(crate) backup: Option<String>,
    /// Write cleaned copies under DIR, mirroring the input tree.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["diff", "check"])]
    pub(crate) out_dir: Option<PathBuf>,
    /// Print a unified diff (applies with `patch -p1`) instead of the text.
    #[arg(long)]
    pub(crate) diff: bool,
    /// Write nothing; name each file that would change on stderr and exit 1 if any would.
    #[arg(long)]
    pub(crate) check: bool,
    /// Apply exactly the accepted and edited decisions of this file (from `mtclean review
    /// --decisions` or the HTML report's export) instead of the default fixes.
    #[arg(long, value_name = "FILE", conflicts_with = "jsonl")]
    pub(crate) decisions: Option<PathBuf>,
    /// Inputs are JSON lines: clean one string field of each record, keep everything else.
    #[arg(long)]
    pub(crate) jsonl: bool,
    /// With --jsonl: the field to clean; nested objects with dots (`article.body`).
    #[arg(long, default_value = "text", requires = "jsonl")]
    pub(crate) field: String,
    /// With --jsonl: add a field of this name with the record's fix counts by family.
    #[arg(long, value_name = "NAME", requires = "jsonl")]
    pub(crate) add_field: Option<String>,
    /// Only files matching this pattern inside directories (default `*.txt`); repeatable.
    #[arg(long, value_name = "GLOB")]
    pub(crate) glob: Vec<String>,
    /// Skip files matching this pattern inside directories; repeatable.
    #[arg(long, value_name = "GLOB")]
    pub(crate) exclude: Vec<String>,
    /// Write the run's totals as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub(crate) stats: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub(crate) jobs: Option<usize>,
    /// No progress bar and no summary on stderr.
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

/// Where `fix` puts its results.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sink {
    Stdout,
    Write { backup: Option<String> },
    OutDir(PathBuf),
    Diff,
    Check,
}

/// What one file produced: stdout bytes (text or diff), stderr notes, totals.
#[derive(Default)]
pub(crate) struct FileResult {
    pub(crate) stdout: Vec<u8>,
    pub(crate) notes: Vec<String>,
    pub(crate) stats: Stats,
    pub(crate) changed: bool,
}

/// Cleans input number `index` (its cleaner and allow-words from `cleaners`) into `sink`.
pub(crate) fn process_file(
    cleaners: &Cleaners,
    index: usize,
    input: &Input,
    sink: &Sink,
    lossy: bool,
    stdin: Option<&[u8]>,
    decisions: Option<&DecisionsFile>,
) -> FileResult {
    let (cleaner, policy) = cleaners.of(index);
    let allowed = cleaners.allowed(index);
    let mut result = FileResult::default();
    let name = display_name(&input.path);
    let bytes = match stdin {
        Some(bytes) => bytes.to_vec(),
        None => match load::read_regular(&input.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                result.notes.push(format!("mtclean: {e}"));
                result.stats.errors += 1;
                return result;
            }
        },
    };
    // A text that cannot be cleaned goes to stdout unchanged (with exit 2), so that
    // `mtclean fix a > b; mv b a` never empties `a`.
    let pass_through = |result: &mut FileResult, bytes: Option<Vec<u8>>| {
        result.stats.errors += 1;
        if let Some(bytes) = bytes {
            result.stdout = bytes;
        }
    };
    // A copy of the bytes read only where one is needed (a huge file is not held twice).
    let kept = matches!(
        sink,
        Sink::Stdout
            | Sink::Write {
                backup: Some(_),
                ..
            }
    )
    .then(|| bytes.clone());
    let stdout_copy = |kept: &Option<Vec<u8>>| kept.clone().filter(|_| *sink == Sink::Stdout);
    let decoded = match load::classify(&input.path, bytes, lossy) {
        Ok(Loaded::Text(decoded)) => decoded,
        Ok(Loaded::Binary) if input.named || stdin.is_some() => {
            result
                .notes
                .push(format!("mtclean: {}", load::binary_error(&input.path)));
            pass_through(&mut result, stdout_copy(&kept));
            return result;
        }
        Ok(Loaded::Binary) => {
            result.notes.push(load::binary_note(&input.path));
            result.stats.skipped_binary += 1;
            return result;
        }
        Err(e) => {
            result.notes.push(format!("mtclean: {e}"));
            pass_through(&mut result, stdout_copy(&kept));
            return result;
        }
    };
    let mut outcome = match decisions {
        // The decisions file says which changes to apply, whatever their applicability.
        Some(_) => cleaner.clean(&decoded.text, Policy::SafeAndUnsafe),
        // A huge text is cleaned in pieces (batch::pieces says what that guarantees).
        None => pieces::clean(cleaner, &decoded.text, policy),
    };
    if decisions.is_none() {
        mtclean::review::allow_words(&decoded.text, &mut outcome, allowed);
    }
    if let Some(file) = decisions {
        let mut warnings = Vec::new();
        if let Ok(text) =
            crate::cli::apply_file(file, &decoded.text, &outcome, &input.path, &mut warnings)
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
            // The diff is of the bytes on disk (BOM included), so that it applies with `patch`.
            let on_disk = |text: &str| String::from_utf8_lossy(&decoded.encode(text)).into_owned();
            result.stdout =
                render::unified_diff(&name, &on_disk(&decoded.text), &on_disk(&outcome.text))
                    .into_bytes();
            Ok(())
        }
        Sink::Check => Ok(()),
        Sink::Write { backup } if result.changed => {
            // The backup holds the bytes read, not what is on disk now.
            let backed_up = match backup {
                Some(suffix) => {
                    let original = kept.as_deref().unwrap_or_default();
                    input::write_backup(&input.path, suffix, original).map(|_| ())
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

/// Refuses, before anything is written, outputs that would collide or land on an input.
fn check_outputs(args: &FixArgs, inputs: &[Input]) -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = inputs.iter().map(|i| i.path.clone()).collect();
    if let Some(stats) = &args.stats {
        guard::check_not_an_input(stats, &paths, "--stats").map_err(anyhow::Error::msg)?;
    }
    if let Some(dir) = &args.out_dir {
        let planned: Vec<guard::Planned> = inputs
            .iter()
            .map(|i| guard::Planned {
                input: &i.path,
                output: dir.join(&i.relative),
            })
            .collect();
        guard::check_out_dir(dir, &args.files, &planned).map_err(anyhow::Error::msg)?;
    }
    Ok(())
}

pub(crate) fn run_fix(
    args: FixArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<Status> {
    if let Some(suffix) = &args.backup
        && (suffix.is_empty() || suffix.contains('/'))
    {
        anyhow::bail!("--backup {suffix:?}: the suffix must be non-empty and hold no `/`");
    }
    note_terminal_stdin(&args.files, stderr)?;
    let mut stats = Stats::default();
    let inputs = expand_inputs(&args.files, &args.glob, &args.exclude, &mut stats)?;
    check_outputs(&args, &inputs)?;
    let paths: Vec<&std::path::Path> = inputs.iter().map(|i| i.path.as_path()).collect();
    let cleaners = Cleaners::new(&args.common, &paths)?;
    if inputs.is_empty() {
        warn_no_files(&args.files, stderr)?;
    }
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
    let stdin_bytes = if inputs.first().is_some_and(|i| is_stdin(&i.path)) {
        if matches!(sink, Sink::Write { .. } | Sink::OutDir(_)) {
            writeln!(
                stderr,
                "mtclean: --write and --out-dir need files, not stdin"
            )?;
            return Ok(Status::Error);
        }
        Some(read_stdin()?)
    } else {
        None
    };
    let decisions = match &args.decisions {
        Some(path) => Some(crate::cli::load_decisions(path).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let bar = progress_bar(inputs.len() as u64, args.quiet || !several, "files");
    let results: Vec<FileResult> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            let result = process_file(
                &cleaners,
                i,
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
    stats.dry_run = matches!(sink, Sink::Check | Sink::Diff);
    for (input, result) in inputs.iter().zip(&results) {
        for note in &result.notes {
            writeln!(stderr, "{note}")?;
        }
        stdout.write_all(&result.stdout)?;
        stats.merge(&result.stats);
        changed |= result.changed;
        // As `black --check`: each file that would change, on stderr (stdout stays empty).
        if sink == Sink::Check && result.changed && !args.quiet {
            writeln!(
                stderr,
                "mtclean: would fix {} ({} fix{})",
                display_name(&input.path),
                result.stats.fixes,
                if result.stats.fixes == 1 { "" } else { "es" }
            )?;
        }
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
