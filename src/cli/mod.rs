//! The command line: clap definitions, turned into plain options for the library; one file per
//! command, and `common.rs` for what several share. Nothing outside `cli/` imports it.
//!
//! Exit codes: 0 nothing to fix (or fixed as asked), 1 findings or changes (`check`, `fix --check`,
//! `fix --diff`), 2 an error (the batch goes on; the exit code says so at the end). A closed pipe
//! on stdout ends the run quietly.

mod check;
mod common;
mod decisions;
mod diff;
mod eval;
mod fix;
mod fix_jsonl;
mod report;
mod review;
mod rules;

use clap::{Parser, Subcommand};
use std::io::Write;

use self::check::*;
use self::common::*;
use self::decisions::*;
use self::diff::*;
use self::eval::*;
use self::fix::*;
use self::fix_jsonl::*;
use self::report::*;
use self::review::*;
use self::rules::*;

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
    Review(crate::cli::ReviewArgs),
    /// Write one self-contained HTML page to review the changes of one or more files.
    Report(crate::cli::ReportArgs),
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

/// Runs the parsed command line; output goes to the given writers so tests can capture it.
/// An error that ends a command is printed here, once; a closed pipe is handed back to `main`,
/// which ends quietly.
pub fn run(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write) -> std::io::Result<Status> {
    match dispatch(cli, stdout, stderr) {
        Ok(status) => Ok(status),
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>()
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                return Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
            }
            writeln!(stderr, "mtclean: {e:#}")?;
            Ok(Status::Error)
        }
    }
}

fn dispatch(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write) -> anyhow::Result<Status> {
    match cli.command {
        Command::Fix(args) => {
            if let Some(jobs) = args.jobs {
                // The binary runs one command, so the global pool is this run's pool.
                rayon::ThreadPoolBuilder::new()
                    .num_threads(jobs.max(1))
                    .build_global()
                    .map_err(|e| anyhow::anyhow!("cannot start {jobs} threads: {e}"))?;
            }
            if args.jsonl {
                run_fix_jsonl(&args, stdout, stderr)
            } else {
                run_fix(args, stdout, stderr)
            }
        }
        Command::Check(args) => run_check(args, stdout, stderr),
        Command::Diff(args) => run_diff(args, stdout),
        Command::Eval(args) => run_eval(args, stdout, stderr),
        Command::Review(args) => review::run_review(args, stdout, stderr),
        Command::Report(args) => report::run_report(args, stdout, stderr),
        Command::Rules { command } => run_rules(command, stdout, stderr),
        Command::Config {
            command: ConfigCommand::Show { common },
        } => {
            stdout.write_all(common.effective()?.show().as_bytes())?;
            Ok(Status::Clean)
        }
    }
}
