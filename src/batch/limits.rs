//! Limits on what a configuration may make mtclean read. `mtclean.toml` is found by searching
//! upward, so a file planted in a parent folder (a shared checkout, `/tmp`) chooses the lexicon
//! and the rule folders: without limits `lexicon = "/dev/zero"` fills the memory and a rules
//! folder holding a symlink to itself walks forever. Each path is checked before anything is
//! loaded: a regular file (through symlinks) of bounded size; a rules folder walked to a bounded
//! depth and number of files, each folder reached once (a symlink loop is an error).
//!
//! Example: `lexicon = "/dev/zero"` gives `bad configuration: mtclean.toml: lexicon /dev/zero:
//! not a regular file`. Limits: the checks run just before loading, so a file swapped in between
//! (a race) is not caught; a rule whose replacement multiplies the text is the rule engine's to
//! bound (the cleaner's round limit caps it), not checked here.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Largest `mtclean.toml` (a real one is a few hundred bytes).
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;
/// Largest user lexicon (one name a line: 64 MiB is millions of names).
pub const MAX_LEXICON_BYTES: u64 = 64 << 20;
/// Largest rule file.
pub const MAX_RULE_FILE_BYTES: u64 = 4 << 20;
/// Deepest folder under a rules folder.
pub const MAX_RULE_DEPTH: usize = 16;
/// Most rule files under one rules folder.
pub const MAX_RULE_FILES: usize = 10_000;

/// Checks that `path` is a regular file of at most `max` bytes; `what` names it in the error.
pub fn regular_file(path: &Path, max: u64, what: &str) -> Result<(), String> {
    let metadata =
        std::fs::metadata(path).map_err(|e| format!("{what} {}: {e}", path.display()))?;
    if !metadata.is_file() {
        return Err(format!(
            "{what} {}: not a regular file (a pipe, device, socket or folder); refused",
            path.display()
        ));
    }
    if metadata.len() > max {
        return Err(format!(
            "{what} {}: {} bytes, more than the limit of {max}; refused",
            path.display(),
            metadata.len()
        ));
    }
    Ok(())
}

/// Checks a rules folder: every folder under it reached once and at most `MAX_RULE_DEPTH` deep,
/// every `*.toml` a regular file within `MAX_RULE_FILE_BYTES`, at most `MAX_RULE_FILES` of them.
pub fn rules_folder(dir: &Path) -> Result<(), String> {
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    let mut files = 0usize;
    while let Some((current, depth)) = stack.pop() {
        let real = std::fs::canonicalize(&current)
            .map_err(|e| format!("rules folder {}: {e}", current.display()))?;
        if !seen.insert(real) {
            return Err(format!(
                "rules folder {}: reached twice (a symlink loop or a second link); refused",
                current.display()
            ));
        }
        if depth > MAX_RULE_DEPTH {
            return Err(format!(
                "rules folder {}: deeper than {MAX_RULE_DEPTH} folders; refused",
                current.display()
            ));
        }
        let entries = std::fs::read_dir(&current)
            .map_err(|e| format!("rules folder {}: {e}", current.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("rules folder {}: {e}", current.display()))?
                .path();
            if path.is_dir() {
                stack.push((path, depth + 1));
            } else if path.extension().is_some_and(|e| e == "toml") {
                regular_file(&path, MAX_RULE_FILE_BYTES, "rule file")?;
                files += 1;
                if files > MAX_RULE_FILES {
                    return Err(format!(
                        "rules folder {}: more than {MAX_RULE_FILES} rule files; refused",
                        dir.display()
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn special_files_loops_and_sizes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let err = regular_file(Path::new("/dev/zero"), MAX_LEXICON_BYTES, "lexicon").unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
        let big = root.join("big.txt");
        std::fs::write(&big, vec![b'a'; 11]).unwrap();
        assert!(
            regular_file(&big, 10, "lexicon")
                .unwrap_err()
                .contains("limit")
        );
        assert!(regular_file(&big, 11, "lexicon").is_ok());

        let rules = root.join("rules");
        std::fs::create_dir_all(rules.join("sub")).unwrap();
        std::fs::write(rules.join("sub/a.toml"), "").unwrap();
        assert!(rules_folder(&rules).is_ok());
        std::os::unix::fs::symlink(&rules, rules.join("sub/loop")).unwrap();
        let err = rules_folder(&rules).unwrap_err();
        assert!(err.contains("reached twice"), "{err}");
        std::fs::remove_file(rules.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", rules.join("zero.toml")).unwrap();
        assert!(
            rules_folder(&rules)
                .unwrap_err()
                .contains("not a regular file")
        );
        std::fs::remove_file(rules.join("zero.toml")).unwrap();
        let mut deep = rules.clone();
        for _ in 0..=MAX_RULE_DEPTH {
            deep.push("d");
        }
        std::fs::create_dir_all(&deep).unwrap();
        assert!(rules_folder(&rules).unwrap_err().contains("deeper"));
    }
}
