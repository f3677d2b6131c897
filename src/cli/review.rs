//! `mtclean review`: an interactive session like `git add -p`.
//!
//! The session reads answers line by line from stdin (no raw mode: type the letter, then Enter),
//! so it works in a pipe and tests can script it. Everything it shows goes to stderr; stdout only
//! carries the text with `--output -`.

use clap::{Args, ValueEnum};
use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use mtclean::Policy;
use mtclean::finding::Applicability;
use mtclean::input::{self};
use mtclean::render::{self};
use mtclean::review::{self, Choice, Decision, DecisionsFile, FileDecision, RuleChoice};

use super::common::*;
use super::decisions::*;

pub(crate) const REVIEW_HELP: &str = "\
y - yes: apply this change
n - no: leave the original text
e - edit: type the replacement text on the next line (an empty line cancels)
a - all of this rule: apply this change and every later change of its rule
d - drop this rule: leave this change and every later change of its rule
b - back: undo the previous answer and ask it again
q - quit: leave this and all remaining changes, write the result
? - print this help
Answers are read a line at a time: type the letter, then Enter.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Only {
    Safe,
    Unsafe,
    All,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Answers are read line by line from stdin (letter + Enter), so a session can be scripted:
  printf 'y\\nn\\nq\\n' | mtclean review article.txt
With --decisions FILE, choices already in FILE are reused without asking (rule choices, `a`/`d`,
apply to any article; per-change choices only where rule, span and text still match) and the
session's choices are saved back to FILE: review a second article with the same rule choices, or
resume a session that was quit. --apply-decisions FILE reuses choices without writing FILE.
On quit (or end of input) the remaining changes are left out and the result is written.")]
pub(crate) struct ReviewArgs {
    /// The article to review; rewritten in place (atomically, BOM, line endings and permissions
    /// kept) unless --output is given.
    pub(crate) file: PathBuf,
    /// Write the result here instead (`-` for stdout).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Reuse the choices in FILE (if it exists) and save this session's choices to it (JSON).
    #[arg(long, value_name = "FILE")]
    pub(crate) decisions: Option<PathBuf>,
    /// Reuse the choices in FILE without writing it.
    #[arg(long, value_name = "FILE")]
    pub(crate) apply_decisions: Option<PathBuf>,
    /// Which changes to ask about (`unsafe`: unsafe and display-only); the others keep what
    /// `mtclean fix` does (safe applied).
    #[arg(long, value_enum, default_value = "all")]
    pub(crate) only: Only,
    /// Colour: auto (stderr is a terminal without NO_COLOR), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) color: ColorChoice,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

pub(crate) fn wanted(only: Only, applicability: Applicability) -> bool {
    match only {
        Only::All => true,
        Only::Safe => applicability == Applicability::Safe,
        Only::Unsafe => applicability != Applicability::Safe,
    }
}

/// How a decision was settled, for the summary.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    Asked,
    Reused,
}

pub(crate) fn run_review(
    args: ReviewArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<Status> {
    if is_stdin(&args.file) {
        writeln!(
            stderr,
            "mtclean: review needs a file: stdin carries the answers"
        )?;
        return Ok(Status::Error);
    }
    let cleaner = build_cleaner(&args.common, &args.file)?;
    let decoded = read_input(&args.file, args.common.lossy)?;
    let mut preset = DecisionsFile::default();
    for path in [&args.apply_decisions, &args.decisions]
        .into_iter()
        .flatten()
    {
        let must_exist = Some(path) == args.apply_decisions.as_ref();
        if !must_exist && !path.exists() {
            continue;
        }
        let file = load_decisions(path).map_err(anyhow::Error::msg)?;
        preset.decisions.extend(file.decisions);
        preset.rules.extend(file.rules);
    }
    let original = decoded.text.as_str();
    let outcome = cleaner.clean(original, Policy::SafeAndUnsafe);
    let decisions = review::decisions(original, &outcome);
    let reused = preset.choices_for(&decisions);
    let color = use_color_on(args.color, std::io::stderr().is_terminal());
    let name = display_name(&args.file);
    let index = render::LineIndex::new(original);

    let mut session = DecisionsFile {
        version: 1,
        article: Some(name.clone()),
        decisions: Vec::new(),
        rules: preset.rules.clone(),
    };
    let mut choices: Vec<Option<(Choice, How)>> = vec![None; decisions.len()];
    let stdin = std::io::stdin();
    let mut answers = stdin.lock();
    let total = decisions.len();
    let mut quit = false;
    // The questions answered, in order, each with the rule choices before it (for `b`).
    let mut history: Vec<(usize, BTreeMap<String, RuleChoice>)> = Vec::new();
    let mut i = 0;
    while i < decisions.len() {
        let decision = &decisions[i];
        if quit {
            break;
        }
        if !wanted(args.only, decision.applicability) {
            i += 1;
            continue;
        }
        let (line, col) = index.line_col(decision.span.start);
        let head = format!("({}/{total}) {name}:{line}:{col}", i + 1);
        if let Some(choice) = reused[i].clone() {
            writeln!(
                stderr,
                "{head} {}: {} (from the decisions file)",
                decision.rule,
                describe(&choice)
            )?;
            choices[i] = Some((choice, How::Reused));
            i += 1;
            continue;
        }
        if let Some(rule) = session.rule_choice(decision) {
            let choice = match rule {
                RuleChoice::All => Choice::Accept,
                RuleChoice::Drop => Choice::Reject,
            };
            writeln!(
                stderr,
                "{head} {}: {} (rule choice)",
                decision.rule,
                describe(&choice)
            )?;
            choices[i] = Some((choice, How::Asked));
            i += 1;
            continue;
        }
        show(stderr, &head, original, decision, color)?;
        let rules_before = session.rules.clone();
        let mut back = None;
        loop {
            let prompt = if decision.has_suggestion() {
                "[y]es [n]o [e]dit [a]ll of this rule [d]rop this rule [b]ack [q]uit [?] > "
            } else {
                "no suggestion: [n]o [e]dit [a]ll of this rule [d]rop this rule [b]ack [q]uit [?] > "
            };
            write!(stderr, "{prompt}")?;
            stderr.flush()?;
            let Some(answer) = read_answer(&mut answers)? else {
                writeln!(stderr)?;
                quit = true;
                break;
            };
            match answer.trim().to_lowercase().as_str() {
                "y" | "yes" if decision.has_suggestion() => {
                    choices[i] = Some((Choice::Accept, How::Asked));
                }
                "y" | "yes" => {
                    writeln!(
                        stderr,
                        "no suggestion to accept: `e` to type one, `n` to skip"
                    )?;
                    continue;
                }
                "n" | "no" => choices[i] = Some((Choice::Reject, How::Asked)),
                "e" | "edit" => {
                    write!(stderr, "replacement for “{}”: ", decision.before)?;
                    stderr.flush()?;
                    match read_answer(&mut answers)? {
                        None => {
                            writeln!(stderr)?;
                            quit = true;
                            break;
                        }
                        Some(text) if text.is_empty() => continue,
                        Some(text) => choices[i] = Some((Choice::Edit(text), How::Asked)),
                    }
                }
                "a" | "all" => {
                    session.rules.insert(decision.rule.clone(), RuleChoice::All);
                    choices[i] = Some((Choice::Accept, How::Asked));
                }
                "d" | "drop" => {
                    session
                        .rules
                        .insert(decision.rule.clone(), RuleChoice::Drop);
                    choices[i] = Some((Choice::Reject, How::Asked));
                }
                "b" | "back" => match history.pop() {
                    Some((previous, rules)) => {
                        // Undo it and whatever followed from it (rule choices are re-applied).
                        session.rules = rules;
                        for choice in &mut choices[previous..=i] {
                            if matches!(choice, Some((_, How::Asked))) {
                                *choice = None;
                            }
                        }
                        back = Some(previous);
                    }
                    None => {
                        writeln!(stderr, "nothing to go back to")?;
                        continue;
                    }
                },
                "q" | "quit" => quit = true,
                "?" | "" => {
                    writeln!(stderr, "{REVIEW_HELP}")?;
                    continue;
                }
                other => {
                    writeln!(stderr, "unknown answer `{other}`\n{REVIEW_HELP}")?;
                    continue;
                }
            }
            break;
        }
        if let Some(previous) = back {
            i = previous;
            continue;
        }
        if choices[i].is_some() {
            history.push((i, rules_before));
            // Saved after every answer, so an interrupted session (Ctrl-C) loses nothing.
            if let Some(path) = &args.decisions {
                save_session(path, &session, &decisions, &choices)?;
            }
        }
        i += 1;
    }

    // Decisions not asked about (--only) keep what `mtclean fix` does; unanswered ones (quit)
    // are left out.
    let final_choices: Vec<Choice> = decisions
        .iter()
        .zip(&choices)
        .map(|(d, c)| match c {
            Some((choice, _)) => choice.clone(),
            None if !wanted(args.only, d.applicability) => d.default_choice(),
            None => Choice::Reject,
        })
        .collect();
    let result = review::apply(original, &decisions, &final_choices);

    let mut errors = false;
    match &args.output {
        Some(path) if is_stdin(path) => stdout.write_all(&decoded.encode(&result))?,
        Some(path) => {
            // Atomic replacement for a regular file; a device or pipe (`/dev/null`) is written.
            let written = if path.metadata().is_ok_and(|m| m.is_file()) {
                input::write_atomic(path, &decoded.encode(&result)).map_err(|e| e.to_string())
            } else {
                std::fs::write(path, decoded.encode(&result))
                    .map_err(|e| format!("{}: {e}", path.display()))
            };
            if let Err(e) = written {
                writeln!(stderr, "mtclean: {e}")?;
                errors = true;
            }
        }
        None if result != original => {
            if let Err(e) = input::write_atomic(&args.file, &decoded.encode(&result)) {
                writeln!(stderr, "mtclean: {e}")?;
                errors = true;
            }
        }
        None => {}
    }
    if let Some(path) = &args.decisions
        && let Err(e) = save_session(path, &session, &decisions, &choices)
    {
        writeln!(stderr, "mtclean: {e}")?;
        errors = true;
    }
    summary(stderr, &decisions, &choices)?;
    Ok(if errors { Status::Error } else { Status::Clean })
}

/// Writes the session's choices so far (atomically) to the decisions file.
fn save_session(
    path: &std::path::Path,
    session: &DecisionsFile,
    decisions: &[Decision],
    choices: &[Option<(Choice, How)>],
) -> Result<(), mtclean::Error> {
    let mut session = session.clone();
    for (decision, choice) in decisions.iter().zip(choices) {
        if let Some((choice, _)) = choice {
            session.decisions.push(FileDecision::new(decision, choice));
        }
    }
    input::write_output(path, session.to_json().as_bytes())
}

pub(crate) fn describe(choice: &Choice) -> String {
    match choice {
        Choice::Accept => "accepted".into(),
        Choice::Reject => "rejected".into(),
        Choice::Edit(text) => format!("edited to “{text}”"),
    }
}

/// One line of input without its line break; `None` at the end of input.
pub(crate) fn read_answer(input: &mut dyn BufRead) -> std::io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let trimmed = line.strip_suffix('\n').unwrap_or(&line);
    let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
    Ok(Some(trimmed.to_string()))
}

pub(crate) fn show(
    out: &mut dyn Write,
    head: &str,
    original: &str,
    decision: &Decision,
    color: bool,
) -> std::io::Result<()> {
    let hunk = render::hunks(original, std::slice::from_ref(decision));
    writeln!(out, "\n{head}")?;
    if let Some(hunk) = hunk.first() {
        writeln!(
            out,
            "  {}",
            render::terminal_line(&hunk.segments, color, Some(100))
        )?;
    }
    writeln!(
        out,
        "  {} ({}, confidence {:.2})",
        decision.rules.join(" + "),
        decision.applicability,
        decision.confidence
    )?;
    for message in &decision.messages {
        writeln!(out, "  {message}")?;
    }
    if decision.has_suggestion() {
        writeln!(out, "  “{}” → “{}”", decision.before, decision.after)?;
    }
    Ok(())
}

pub(crate) fn summary(
    out: &mut dyn Write,
    decisions: &[Decision],
    choices: &[Option<(Choice, How)>],
) -> std::io::Result<()> {
    let mut per_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut totals = [0usize; 3];
    let mut reused = 0;
    for (decision, choice) in decisions.iter().zip(choices) {
        let Some((choice, how)) = choice else {
            continue;
        };
        if *how == How::Reused {
            reused += 1;
        }
        let k = match choice {
            Choice::Accept => 0,
            Choice::Reject => 1,
            Choice::Edit(_) => 2,
        };
        totals[k] += 1;
        per_rule.entry(&decision.rule).or_default()[k] += 1;
    }
    let decided: usize = totals.iter().sum();
    writeln!(
        out,
        "\nmtclean: {} accepted, {} rejected, {} edited; {} of {} changes decided ({} from a decisions file)",
        totals[0],
        totals[1],
        totals[2],
        decided,
        decisions.len(),
        reused
    )?;
    for (rule, [a, r, e]) in per_rule {
        writeln!(out, "  {rule}: {a} accepted, {r} rejected, {e} edited")?;
    }
    Ok(())
}
