//! The `mtclean` binary: parse arguments, run, map the result to an exit code.

mod cli;

use clap::Parser;
use std::io::{ErrorKind, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let stdout = std::io::stdout();
    let mut stdout = std::io::BufWriter::new(stdout.lock());
    let mut stderr = std::io::stderr();
    let result = cli::run(cli, &mut stdout, &mut stderr).and_then(|status| {
        stdout.flush()?;
        Ok(status)
    });
    match result {
        Ok(status) => ExitCode::from(status as u8),
        // `mtclean check big.txt | head` closes the pipe early: that is not an error.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(stderr, "mtclean: {e}");
            ExitCode::from(2)
        }
    }
}
