//! What the command-line test files share: the binary, a dirty line and its cleaned form, and
//! file helpers.
#![allow(dead_code)] // each test file uses its own subset

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// One stray subject, fixed safely.
pub const DIRTY: &str = "At first, Kim He had a cool relationship with Moscow.\n";
pub const CLEANED: &str = "At first, Kim had a cool relationship with Moscow.\n";

pub fn mtclean() -> Command {
    Command::cargo_bin("mtclean").unwrap()
}

/// Writes `contents` to `dir/name`, creating folders; returns the path.
pub fn write(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, contents).unwrap();
    path
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
