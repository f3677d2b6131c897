//! A unified diff that `patch -p1` applies to the file as it is on disk: lines are split at `\n`
//! only, as `patch` splits them (the `similar` crate's own formatter also splits at a lone `\r`,
//! so a CR-only file or a stray `\r` gave hunks that did not apply), a missing final newline is
//! marked `\ No newline at end of file`, and the caller diffs the bytes on disk (BOM included).
//!
//! Example: `mtclean fix --diff a.txt | patch -p1` gives the file `mtclean fix a.txt` prints.
//! Limit: the text must be UTF-8 (it is, or it would not have been cleaned).

use similar::{Algorithm, DiffTag};
use std::fmt::Write as _;

/// Lines of context around each change, as `diff -u`.
const CONTEXT: usize = 3;

/// The diff from `original` to `fixed`, headed `a/PATH` and `b/PATH`; empty when they are equal.
pub fn unified_diff(path: &str, original: &str, fixed: &str) -> String {
    if original == fixed {
        return String::new();
    }
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let new: Vec<&str> = fixed.split_inclusive('\n').collect();
    let ops = similar::capture_diff_slices(Algorithm::Myers, &old, &new);
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for group in similar::group_diff_ops(ops, CONTEXT) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            hunk_range(&old_range),
            hunk_range(&new_range)
        );
        for op in &group {
            let (tag, old_lines, new_lines) = op.as_tag_tuple();
            let removed = &old[old_lines];
            let added = &new[new_lines];
            match tag {
                DiffTag::Equal => push_lines(&mut out, ' ', removed),
                DiffTag::Delete => push_lines(&mut out, '-', removed),
                DiffTag::Insert => push_lines(&mut out, '+', added),
                DiffTag::Replace => {
                    push_lines(&mut out, '-', removed);
                    push_lines(&mut out, '+', added);
                }
            }
        }
    }
    out
}

/// `start,len` as `diff -u` writes it: 1-based, and for an empty range the line before it.
fn hunk_range(range: &std::ops::Range<usize>) -> String {
    let len = range.end - range.start;
    let start = if len == 0 {
        range.start
    } else {
        range.start + 1
    };
    format!("{start},{len}")
}

fn push_lines(out: &mut String, sign: char, lines: &[&str]) {
    for line in lines {
        out.push(sign);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_at_newlines_only() {
        let diff = unified_diff("a.txt", "one\rtwo\n", "one\r2\n");
        assert_eq!(
            diff,
            "--- a/a.txt\n+++ b/a.txt\n@@ -1,1 +1,1 @@\n-one\rtwo\n+one\r2\n"
        );
        let diff = unified_diff("a", "x\ny", "x\nz");
        assert!(
            diff.ends_with("@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n"),
            "{diff}"
        );
        assert_eq!(unified_diff("a", "same\n", "same\n"), "");
        let diff = unified_diff("a", "", "new\n");
        assert!(diff.ends_with("@@ -0,0 +1,1 @@\n+new\n"), "{diff}");
    }
}
