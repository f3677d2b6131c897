//! One way to read an input for every command that walks files (`fix` and `check`), so they agree
//! on what is skipped: a file with a NUL byte in its first 8 KiB is binary and skipped with a note,
//! invalid UTF-8 is an error naming the byte offset (or replaced with `--lossy`).

use std::io::Read;
use std::path::{Path, PathBuf};

use super::input::{self, Decoded};
use super::walk;
use crate::Error;

/// What an input held, once read.
#[derive(Debug)]
pub enum Loaded {
    Text(Decoded),
    /// A NUL byte: not text, left alone.
    Binary,
}

/// Whether a path names standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name to show for an input: `<stdin>` for `-`.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// All of standard input.
pub fn read_stdin() -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: PathBuf::from("<stdin>"),
            source,
        })?;
    Ok(bytes)
}

/// Decides what bytes read from `path` hold.
pub fn classify(path: &Path, bytes: Vec<u8>, lossy: bool) -> Result<Loaded, Error> {
    if walk::looks_binary(&bytes) {
        return Ok(Loaded::Binary);
    }
    input::decode(Path::new(&display_name(path)), bytes, lossy).map(Loaded::Text)
}

/// Reads a file, or standard input for `-`, and decides what it holds.
pub fn load(path: &Path, lossy: bool) -> Result<Loaded, Error> {
    let bytes = if is_stdin(path) {
        read_stdin()?
    } else {
        read_regular(path)?
    };
    classify(path, bytes, lossy)
}

/// Reads a regular file (through symlinks); a FIFO, device or socket is refused without being
/// opened, so a pipe cannot hang the run and `/dev/zero` cannot fill the memory.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if !std::fs::metadata(path).map_err(io_error)?.is_file() {
        return Err(io_error(input::not_regular()));
    }
    std::fs::read(path).map_err(io_error)
}

/// The error for a binary input named on the command line (or stdin): cleaning it would give an
/// empty or damaged text, and skipping it silently would let `fix a > b && mv b a` empty it.
pub fn binary_error(path: &Path) -> String {
    format!(
        "{}: looks binary (a NUL byte: UTF-16 or not text); not cleaned",
        display_name(path)
    )
}

/// The note printed for a skipped binary input.
pub fn binary_note(path: &Path) -> String {
    format!(
        "mtclean: {}: looks binary (a NUL byte); skipped",
        display_name(path)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_bytes_are_binary_and_bad_utf8_is_an_error() {
        let path = Path::new("a.txt");
        assert!(matches!(
            classify(path, b"x\0y".to_vec(), false),
            Ok(Loaded::Binary)
        ));
        assert!(matches!(
            classify(path, b"caf\xe9".to_vec(), false),
            Err(Error::InvalidUtf8 { offset: 3, .. })
        ));
        match classify(path, "\u{feff}Olá".as_bytes().to_vec(), false) {
            Ok(Loaded::Text(decoded)) => {
                assert_eq!(decoded.text, "Olá");
                assert!(decoded.bom);
            }
            other => panic!("{other:?}"),
        }
    }
}
