//! `mtclean check`: one finding a line, or JSON lines.

use clap::Args;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

use mtclean::Outcome;
use mtclean::batch::load::{self, Loaded};
use mtclean::batch::pieces;
use mtclean::render::{self};
use mtclean::stats::Stats;

use super::common::*;

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files or directories to check; `-` or nothing reads stdin.
    pub(crate) files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
    /// Only files matching this pattern inside directories (default `*.txt`); repeatable.
    #[arg(long, value_name = "GLOB")]
    pub(crate) glob: Vec<String>,
    /// Skip files matching this pattern inside directories; repeatable.
    #[arg(long, value_name = "GLOB")]
    pub(crate) exclude: Vec<String>,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

pub(crate) fn run_check(
    args: CheckArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<Status> {
    note_terminal_stdin(&args.files, stderr)?;
    let mut stats = Stats::default();
    let inputs = expand_inputs(&args.files, &args.glob, &args.exclude, &mut stats)?;
    let paths: Vec<&std::path::Path> = inputs.iter().map(|i| i.path.as_path()).collect();
    let cleaners = Cleaners::new(&args.common, &paths)?;
    if inputs.is_empty() {
        warn_no_files(&args.files, stderr)?;
    }
    /// What one input gave: findings to print, a note for a skipped binary, or an error.
    enum Checked {
        Findings(String, String, Outcome),
        Skipped(String),
        Failed(String),
    }
    let results: Vec<Checked> = inputs
        .par_iter()
        .enumerate()
        .map(
            |(i, input)| match load::load(&input.path, args.common.lossy) {
                Ok(Loaded::Text(decoded)) => {
                    let (cleaner, policy) = cleaners.of(i);
                    let mut outcome = pieces::clean(cleaner, &decoded.text, policy);
                    mtclean::review::allow_words(&decoded.text, &mut outcome, cleaners.allowed(i));
                    Checked::Findings(display_name(&input.path), decoded.text, outcome)
                }
                Ok(Loaded::Binary) if input.named => {
                    Checked::Failed(format!("mtclean: {}", load::binary_error(&input.path)))
                }
                Ok(Loaded::Binary) => Checked::Skipped(load::binary_note(&input.path)),
                Err(e) => Checked::Failed(format!("mtclean: {e}")),
            },
        )
        .collect();
    let mut errors = false;
    let mut found = false;
    let (mut findings, mut fixable, mut files, mut files_with) = (0, 0, 0, 0);
    for result in results {
        match result {
            Checked::Failed(note) => {
                writeln!(stderr, "{note}")?;
                errors = true;
            }
            Checked::Skipped(note) => writeln!(stderr, "{note}")?,
            Checked::Findings(name, text, outcome) => {
                found |= !outcome.changes.is_empty();
                files += 1;
                files_with += usize::from(!outcome.changes.is_empty());
                findings += outcome.changes.len();
                fixable += outcome.applied().count();
                let rendered = match args.format {
                    Format::Text => render::check_lines(&name, &text, &outcome.changes),
                    Format::Json => render::json_lines(&name, &text, &outcome.changes),
                };
                stdout.write_all(rendered.as_bytes())?;
            }
        }
    }
    // The summary goes to stderr, so stdout stays one finding a line for tools.
    if files > 0 {
        let hint = match (fixable, findings - fixable) {
            (0, _) => "",
            (_, 0) => " (`mtclean fix`)",
            _ => " (`mtclean fix`; the others need --unsafe-fixes or a review)",
        };
        writeln!(
            stderr,
            "mtclean: {findings} finding{} in {files_with} of {files} file{}, {fixable} fixable{hint}",
            if findings == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" },
        )?;
    }
    Ok(if errors {
        Status::Error
    } else if found {
        Status::Findings
    } else {
        Status::Clean
    })
}
