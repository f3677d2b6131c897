//! `mtclean rules list | explain | test`.

use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

use mtclean::batch::limits;
use mtclean::lexicon::Lexicon;
use mtclean::passes;
use mtclean::rules::{self, RuleSet};

use super::common::*;

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCommand {
    /// One line per check: the built-in checks, then every rule (id, family, applicability, message).
    List {
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// A check's documentation: a built-in check's page, or a rule's doc, pattern and examples.
    Explain {
        id: String,
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// Run the rules' own examples and ok cases (the embedded ones, or those under DIR).
    Test { dirs: Vec<PathBuf> },
}

pub(crate) fn run_rules(
    command: RulesCommand,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<Status> {
    let named = match &command {
        RulesCommand::List { rule_dirs } | RulesCommand::Explain { rule_dirs, .. } => rule_dirs,
        RulesCommand::Test { dirs } => dirs,
    };
    // The same limits as for the folders of mtclean.toml (no special files, no symlink loops).
    for dir in named.iter().filter(|d| d.exists()) {
        limits::rules_folder(dir).map_err(anyhow::Error::msg)?;
    }
    match command {
        RulesCommand::List { rule_dirs } => {
            let rules = RuleSet::embedded_and(&rule_dirs)?;
            for check in passes::builtin_checks() {
                writeln!(
                    stdout,
                    "{:<34} {:<12} {:<12} {}",
                    check.id,
                    check.family.as_str(),
                    "built-in",
                    check.summary
                )?;
            }
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
            let rules = RuleSet::embedded_and(&rule_dirs)?;
            if let Some(check) = passes::builtin_checks().into_iter().find(|c| c.id == id) {
                writeln!(stdout, "{}  ({}, built-in)", check.id, check.family)?;
                writeln!(stdout, "{}\n", check.summary)?;
                stdout.write_all(check.doc.as_bytes())?;
                return Ok(Status::Clean);
            }
            match rules.get(&id) {
                Some(rule) => {
                    stdout.write_all(rules::explain(rule).as_bytes())?;
                    Ok(Status::Clean)
                }
                None => {
                    writeln!(
                        stderr,
                        "mtclean: no check or rule `{id}` (see `mtclean rules list`)"
                    )?;
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
            let rules = loaded?;
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
