//! `mtclean report`: one self-contained HTML page to review the changes of one or more files.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

use mtclean::Policy;
use mtclean::batch::guard;
use mtclean::input;
use mtclean::render::html;
use mtclean::review::{self};

use super::common::*;

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// The articles to show.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// The HTML file to write (`-` for stdout).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: PathBuf,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

pub(crate) fn run_report(
    args: ReportArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<Status> {
    if !is_stdin(&args.output) {
        guard::check_not_an_input(&args.output, &args.files, "-o").map_err(anyhow::Error::msg)?;
    }
    let paths: Vec<&std::path::Path> = args.files.iter().map(PathBuf::as_path).collect();
    let cleaners = Cleaners::new(&args.common, &paths)?;
    let mut loaded = Vec::new();
    for (i, path) in args.files.iter().enumerate() {
        let decoded = read_input(path, args.common.lossy)?;
        let (cleaner, _) = cleaners.of(i);
        let outcome = cleaner.clean(&decoded.text, Policy::SafeAndUnsafe);
        let decisions = review::decisions(&decoded.text, &outcome);
        loaded.push((display_name(path), decoded.text, decisions));
    }
    let articles: Vec<html::Article> = loaded
        .iter()
        .map(|(name, text, decisions)| html::Article {
            name,
            original: text,
            decisions,
        })
        .collect();
    let page = html::report(&articles);
    if is_stdin(&args.output) {
        stdout.write_all(page.as_bytes())?;
    } else if let Err(e) = input::write_output(&args.output, page.as_bytes()) {
        writeln!(stderr, "mtclean: {e}")?;
        return Ok(Status::Error);
    } else {
        let count: usize = loaded.iter().map(|(_, _, d)| d.len()).sum();
        writeln!(
            stderr,
            "mtclean: wrote {} ({} article(s), {count} change(s))",
            args.output.display(),
            loaded.len()
        )?;
    }
    Ok(Status::Clean)
}
