//! Where integration tests find the shared eval folder: `../shared/eval` beside the checkout.
//! The project carries no copy of its third-party articles, so tests that need them read them
//! there; without it they say plainly that they were skipped, except under CI (the env var `CI`
//! set), which always has the folder and must not pass by skipping.

use std::path::{Path, PathBuf};

/// The shared eval folder, or `None` (after a note on stderr) when it is absent outside CI.
pub fn shared_eval() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    if dir.join("real").is_dir() && dir.join("news-clean").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} not found, and CI is set: CI must have the shared eval folder",
        dir.display()
    );
    eprintln!("skipped: ../shared/eval not found");
    None
}

/// The `*.txt` files directly in `dir`, sorted.
#[allow(dead_code)] // not every test file lists folders
pub fn txts(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.is_file())
        .collect();
    files.sort();
    files
}
