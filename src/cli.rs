//! The command line: clap definitions, turned into plain [`Options`] for the library.
//!
//! Exit codes: 0 nothing to fix (or fixed as asked), 1 findings or changes (`check`, `fix --check`,
//! `fix --diff`), 2 an error. A closed pipe on stdout ends the run quietly.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use mtclean::eval;
use mtclean::input::{self, Decoded};
use mtclean::lexicon::Lexicon;
use mtclean::render;
use mtclean::rules::{self, RuleSet};
use mtclean::{Cleaner, Error, Options, Outcome, Policy};

const AFTER_HELP: &str = "\
Examples:
  mtclean fix corpus/000_c13951b50018919a.txt       cleaned text to stdout (safe fixes)
  mtclean fix --diff article.txt | patch -p1       review as a patch, then apply it
  mtclean fix --write --unsafe-fixes *.txt          rewrite files in place, unsafe fixes too
  mtclean check article.txt                         one finding a line, with its rule
  mtclean check --format json - < article.txt       JSON lines for tools
  mtclean diff article.txt                          coloured word diff, each change labelled
  mtclean rules list | explain ID | test [DIR]      the rules and their own tests
  mtclean eval corpus                               score against the annotated dev set
  mtclean eval --save base.json corpus; mtclean eval --baseline base.json corpus

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
    /// List, explain and test rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// Extra rule directory (all *.toml under it); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,
    /// A user lexicon: names your newsroom uses, one a line.
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    #[arg(long)]
    lossy: bool,
    /// Apply fixes marked unsafe too (they may need a human look).
    #[arg(long)]
    unsafe_fixes: bool,
}

impl CommonArgs {
    fn options(&self) -> Options {
        Options {
            rule_dirs: self.rule_dirs.clone(),
            lexicon: self.lexicon.clone(),
        }
    }

    fn policy(&self) -> Policy {
        if self.unsafe_fixes {
            Policy::SafeAndUnsafe
        } else {
            Policy::Safe
        }
    }
}

#[derive(Debug, Args)]
struct FixArgs {
    /// Files to clean; `-` or nothing reads stdin.
    files: Vec<PathBuf>,
    /// Rewrite the files in place (atomically; line endings, BOM and permissions kept).
    #[arg(long, conflicts_with_all = ["diff", "check"])]
    write: bool,
    /// Print a unified diff (applies with `patch -p1`) instead of the text.
    #[arg(long)]
    diff: bool,
    /// Print nothing; exit 1 when anything would change.
    #[arg(long)]
    check: bool,
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
    /// Files to check; `-` or nothing reads stdin.
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
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
    /// or DIR/gold/<stem>.json; an article without gold is a control.
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
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
        Command::Fix(args) => run_fix(args, stdout, stderr),
        Command::Check(args) => run_check(args, stdout, stderr),
        Command::Diff(args) => run_diff(args, stdout, stderr),
        Command::Eval(args) => run_eval(args, stdout, stderr),
        Command::Rules { command } => run_rules(command, stdout, stderr),
    }
}

fn build_cleaner(common: &CommonArgs, stderr: &mut dyn Write) -> std::io::Result<Option<Cleaner>> {
    match Cleaner::new(&common.options()) {
        Ok(cleaner) => Ok(Some(cleaner)),
        Err(e) => {
            writeln!(stderr, "mtclean: {e}")?;
            Ok(None)
        }
    }
}

/// `-` or no file at all means stdin.
fn inputs(files: &[PathBuf]) -> Vec<PathBuf> {
    if files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        files.to_vec()
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

fn read_input(path: &Path, lossy: bool) -> Result<Decoded, Error> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io {
                path: PathBuf::from("<stdin>"),
                source,
            })?;
        input::decode(Path::new("<stdin>"), bytes, lossy)
    } else {
        input::read_file(path, lossy)
    }
}

fn run_fix(
    args: FixArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Status> {
    let files = inputs(&args.files);
    if files.len() > 1 && !(args.write || args.diff || args.check) {
        writeln!(
            stderr,
            "mtclean: several files: add --write, --diff or --check (stdout holds one text)"
        )?;
        return Ok(Status::Error);
    }
    if args.write && files.iter().any(|f| is_stdin(f)) {
        writeln!(stderr, "mtclean: --write needs files, not stdin")?;
        return Ok(Status::Error);
    }
    let Some(cleaner) = build_cleaner(&args.common, stderr)? else {
        return Ok(Status::Error);
    };
    let mut errors = false;
    let mut changed = false;
    for path in &files {
        let decoded = match read_input(path, args.common.lossy) {
            Ok(decoded) => decoded,
            Err(e) => {
                writeln!(stderr, "mtclean: {e}")?;
                errors = true;
                continue;
            }
        };
        let outcome = cleaner.clean(&decoded.text, args.common.policy());
        let differs = outcome.text != decoded.text;
        changed |= differs;
        if args.write {
            if differs && let Err(e) = input::write_atomic(path, &decoded.encode(&outcome.text)) {
                writeln!(stderr, "mtclean: {e}")?;
                errors = true;
            }
        } else if args.diff {
            let name = display_name(path);
            stdout
                .write_all(render::unified_diff(&name, &decoded.text, &outcome.text).as_bytes())?;
        } else if !args.check {
            stdout.write_all(&decoded.encode(&outcome.text))?;
        }
        if !outcome.converged {
            writeln!(
                stderr,
                "mtclean: {}: still changing after {} rounds; output may not be final",
                display_name(path),
                outcome.rounds
            )?;
        }
    }
    Ok(if errors {
        Status::Error
    } else if changed && (args.check || args.diff) {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn run_check(
    args: CheckArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Status> {
    let Some(cleaner) = build_cleaner(&args.common, stderr)? else {
        return Ok(Status::Error);
    };
    let mut errors = false;
    let mut found = false;
    for path in inputs(&args.files) {
        let decoded = match read_input(&path, args.common.lossy) {
            Ok(decoded) => decoded,
            Err(e) => {
                writeln!(stderr, "mtclean: {e}")?;
                errors = true;
                continue;
            }
        };
        let outcome = cleaner.clean(&decoded.text, args.common.policy());
        found |= !outcome.changes.is_empty();
        let name = display_name(&path);
        let rendered = match args.format {
            Format::Text => render::check_lines(&name, &decoded.text, &outcome.changes),
            Format::Json => render::json_lines(&name, &decoded.text, &outcome.changes),
        };
        stdout.write_all(rendered.as_bytes())?;
    }
    Ok(if errors {
        Status::Error
    } else if found {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn run_diff(
    args: DiffArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Status> {
    let Some(cleaner) = build_cleaner(&args.common, stderr)? else {
        return Ok(Status::Error);
    };
    let decoded = match read_input(&args.file, args.common.lossy) {
        Ok(decoded) => decoded,
        Err(e) => {
            writeln!(stderr, "mtclean: {e}")?;
            return Ok(Status::Error);
        }
    };
    let outcome: Outcome = cleaner.clean(&decoded.text, args.common.policy());
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
    let Some(cleaner) = build_cleaner(&args.common, stderr)? else {
        return Ok(Status::Error);
    };
    let report = match eval::evaluate(&cleaner, args.common.policy(), &args.dirs) {
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
