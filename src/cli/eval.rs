//! `mtclean eval`: scores the cleaner against annotated articles.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

use mtclean::eval;

use super::common::*;

#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    /// Directories of articles; every directory below holding *.txt files is a set (`gold/`
    /// directories excepted). Gold: DIR/../gold/<DIR name>/<stem>.json, DIR/../gold/<stem>.json
    /// or DIR/gold/<stem>.json; an article without gold is a control. Without DIR: the standard
    /// sets of the shared eval folder (--data), as one table.
    #[arg(value_name = "DIR", conflicts_with = "data")]
    pub(crate) dirs: Vec<PathBuf>,
    /// The shared eval folder (real/, news-clean/, clean/, seeds/): score real/tune, real/check,
    /// synthetic/dev, synthetic/held-out, news-clean, clean and seeds [default: ../shared/eval].
    #[arg(long, value_name = "DIR")]
    pub(crate) data: Option<PathBuf>,
    /// Write the synthetic articles and their gold to OUTDIR (outside the repository) and stop.
    #[arg(long, value_name = "OUTDIR", hide = true)]
    pub(crate) write_synthetic: Option<PathBuf>,
    /// List every annotation not fixed and every false edit, with context.
    #[arg(long)]
    pub(crate) show: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
    /// Compare with a saved `--format json` run: exit 1 if precision or core recall fell.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Also write this run as JSON (for a later --baseline).
    #[arg(long, value_name = "FILE")]
    pub(crate) save: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

pub(crate) fn run_eval(
    args: EvalArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<Status> {
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
    let (cleaner, policy) = build_cleaner_and_policy(&args.common)?;
    let data = args
        .data
        .clone()
        .unwrap_or_else(|| PathBuf::from(eval::bench::DEFAULT_DATA));
    if let Some(out) = &args.write_synthetic {
        let written = eval::bench::write_synthetic(&data, out)?;
        writeln!(
            stderr,
            "wrote {written} synthetic articles to {}",
            out.display()
        )?;
        return Ok(Status::Clean);
    }
    let report = if args.dirs.is_empty() {
        eval::bench::evaluate_data(&cleaner, policy, &data)?
    } else {
        eval::evaluate(&cleaner, policy, &args.dirs)?
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
