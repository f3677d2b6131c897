//! `mtclean diff`: a word diff, each change labelled with its check.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

use mtclean::Outcome;
use mtclean::batch::load::{self, Loaded};
use mtclean::render::{self};

use super::common::*;

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The file to show; `-` reads stdin.
    pub(crate) file: PathBuf,
    /// Colour: auto (a terminal without NO_COLOR), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) color: ColorChoice,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

pub(crate) fn run_diff(args: DiffArgs, stdout: &mut dyn Write) -> anyhow::Result<Status> {
    let cleaners = Cleaners::new(&args.common, &[args.file.as_path()])?;
    let (cleaner, policy) = cleaners.of(0);
    // The same reading as `fix` and `check`: a binary input is an error, a special file refused.
    let decoded = match load::load(&args.file, args.common.lossy)? {
        Loaded::Text(decoded) => decoded,
        Loaded::Binary => anyhow::bail!(load::binary_error(&args.file)),
    };
    let mut outcome: Outcome = cleaner.clean(&decoded.text, policy);
    mtclean::review::allow_words(&decoded.text, &mut outcome, cleaners.allowed(0));
    let name = display_name(&args.file);
    let rendered = render::word_diff(&name, &decoded.text, &outcome, use_color(args.color));
    stdout.write_all(rendered.as_bytes())?;
    Ok(if outcome.applied().next().is_some() {
        Status::Findings
    } else {
        Status::Clean
    })
}
