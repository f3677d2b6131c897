//! Expanding the command line's paths into the files to clean: files as given, directories walked
//! recursively in sorted order (so output order is deterministic), hidden entries skipped,
//! `--glob` / `--exclude` patterns matched against the path relative to the directory given.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

use crate::Error;

/// One file to process, and the directory argument it was found under (for `--out-dir`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path relative to the argument it came from (the file name for a file argument).
    pub relative: PathBuf,
    /// Named on the command line (not found in a folder): a binary one is an error, not a skip.
    pub named: bool,
}

/// What the walk passed over, for the end-of-run note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    pub hidden: usize,
    pub not_matching: usize,
}

fn glob_set(patterns: &[String], flag: &str) -> Result<Option<GlobSet>, Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| Error::Config {
            path: PathBuf::from(flag),
            message: format!("bad pattern `{pattern}`: {e}"),
        })?;
        builder.add(glob);
    }
    builder.build().map(Some).map_err(|e| Error::Config {
        path: PathBuf::from(flag),
        message: e.to_string(),
    })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Expands `paths`. Inside directories only files matching `globs` (default `*.txt`) and not
/// matching `excludes` are taken; a file named on the command line is always taken. A file
/// reached twice (`d d/x.txt`, `x.txt ./x.txt`, a symlink to a named file) is taken once, the
/// first time: cleaning it twice would make the second backup a copy of the cleaned text.
pub fn expand(
    paths: &[PathBuf],
    globs: &[String],
    excludes: &[String],
) -> Result<(Vec<Input>, Skipped), Error> {
    let default_glob = vec!["*.txt".to_string()];
    let include = glob_set(
        if globs.is_empty() {
            &default_glob
        } else {
            globs
        },
        "--glob",
    )?;
    let exclude = glob_set(excludes, "--exclude")?;
    let mut inputs = Vec::new();
    let mut skipped = Skipped::default();
    let mut seen = std::collections::HashSet::new();
    // A path that cannot be resolved (it vanished) is kept as given: reading it reports the error.
    let mut first_time =
        |path: &Path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.into()));
    for path in paths {
        if !path.is_dir() {
            let relative = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
            if first_time(path) {
                inputs.push(Input {
                    path: path.clone(),
                    relative,
                    named: true,
                });
            }
            continue;
        }
        let hidden = std::cell::Cell::new(0);
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                let keep = entry.depth() == 0 || !is_hidden(entry.file_name());
                hidden.set(hidden.get() + usize::from(!keep));
                keep
            });
        for entry in walker {
            let entry = entry.map_err(|e| Error::Io {
                path: e.path().map_or_else(|| path.clone(), Path::to_path_buf),
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("walk failed")),
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(path)
                .unwrap_or(entry.path())
                .to_path_buf();
            let matches = |set: &Option<GlobSet>| {
                set.as_ref().is_some_and(|s| {
                    s.is_match(&relative)
                        || entry.file_name().to_str().is_some_and(|n| s.is_match(n))
                })
            };
            if !matches(&include) || matches(&exclude) {
                skipped.not_matching += 1;
                continue;
            }
            if first_time(entry.path()) {
                inputs.push(Input {
                    path: entry.path().to_path_buf(),
                    relative,
                    named: false,
                });
            }
        }
        skipped.hidden += hidden.get();
    }
    Ok((inputs, skipped))
}

/// Whether bytes look binary (a NUL in the first 8 KiB), as git and ripgrep judge it.
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_hidden_and_filters() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/.git")).unwrap();
        std::fs::write(root.join("b/2.txt"), "x").unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::fs::write(root.join("c.json"), "x").unwrap();
        std::fs::write(root.join(".hidden.txt"), "x").unwrap();
        std::fs::write(root.join("b/.git/config.txt"), "x").unwrap();
        std::fs::write(root.join("b/skip.txt"), "x").unwrap();
        let (inputs, skipped) = expand(&[root.to_path_buf()], &[], &["skip.txt".into()]).unwrap();
        let names: Vec<_> = inputs
            .iter()
            .map(|i| i.relative.display().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "b/2.txt"]);
        assert_eq!(skipped.hidden, 2);
        assert_eq!(skipped.not_matching, 2);
        let (inputs, _) = expand(&[root.to_path_buf()], &["*.json".into()], &[]).unwrap();
        assert_eq!(inputs.len(), 1);
        assert!(expand(&[root.to_path_buf()], &["[".into()], &[]).is_err());
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary("héllo".as_bytes()));
    }
}
