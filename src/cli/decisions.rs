//! The decisions file that `mtclean fix --decisions` and `mtclean review --decisions` read.

use std::io::Write;
use std::path::Path;

use mtclean::Outcome;
use mtclean::review::{self, Choice, DecisionsFile};

use super::common::*;

pub(crate) fn load_decisions(path: &Path) -> Result<DecisionsFile, String> {
    let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    DecisionsFile::from_json(&json)
        .map_err(|e| format!("{}: bad decisions file: {e}", path.display()))
}

/// `mtclean fix --decisions`: exactly the accepted and edited decisions of the file.
pub(crate) fn apply_file(
    file: &DecisionsFile,
    original: &str,
    outcome: &Outcome,
    path: &Path,
    stderr: &mut dyn Write,
) -> std::io::Result<String> {
    let decisions = review::decisions(original, outcome);
    let unmatched = file.unmatched(&decisions);
    if unmatched > 0 {
        writeln!(
            stderr,
            "mtclean: {}: {unmatched} decision(s) of the decisions file match no change here (edited article?)",
            display_name(path)
        )?;
    }
    let choices: Vec<Choice> = file
        .choices_for(&decisions)
        .into_iter()
        .map(|c| c.unwrap_or(Choice::Reject))
        .collect();
    Ok(review::apply(original, &decisions, &choices))
}
