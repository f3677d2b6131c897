//! The file-handling promises of issue 17, one test per case (the README's "Reliability" section
//! points here): nothing is written over an input by accident, a backup holds the bytes read, a
//! text that cannot be cleaned is never replaced by an empty one, owners are kept, a diff applies.

use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Stdio;

mod cli_support;
use cli_support::{CLEANED, DIRTY, mtclean, read, write};

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

// Case 1: two inputs that would land on the same output are an error naming both, before anything
// is written.
#[test]
fn out_dir_collisions_are_an_error_naming_both_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a/x.txt", DIRTY.as_bytes());
    write(root, "b/x.txt", DIRTY.as_bytes());
    write(root, "b/y.txt", DIRTY.as_bytes());
    let out = root.join("out");
    let output = mtclean()
        .current_dir(root)
        .args(["fix", "--out-dir", "out", "a/x.txt", "b/y.txt", "b/x.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    let message = stderr_of(&output);
    assert!(
        message.contains("a/x.txt") && message.contains("b/x.txt"),
        "{message}"
    );
    assert!(!out.exists(), "nothing written, not even b/y.txt");
    // Two folders with the same layout collide the same way.
    mtclean()
        .current_dir(root)
        .args(["fix", "--out-dir", "out", "a", "b"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a/x.txt").and(predicate::str::contains("b/x.txt")));
    assert!(!out.exists());
    // The JSON-lines mode names its outputs after the file name: the same rule holds.
    mtclean()
        .current_dir(root)
        .args(["fix", "--jsonl", "--out-dir", "out", "a/x.txt", "b/x.txt"])
        .assert()
        .code(2);
    assert!(!out.exists());
}

// Case 1 and 2: an input reached twice (a folder and a file in it) is cleaned once, and its backup
// holds the bytes read, not the cleaned text.
#[test]
fn overlapping_inputs_are_cleaned_once_and_the_backup_is_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = write(root, "d/x.txt", DIRTY.as_bytes());
    mtclean()
        .current_dir(root)
        .args([
            "fix",
            "--write",
            "--backup",
            ".orig",
            "d",
            "d/x.txt",
            "./d/x.txt",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 files (1 changed)"));
    assert_eq!(read(&file), CLEANED);
    assert_eq!(read(&root.join("d/x.txt.orig")), DIRTY);
}

// Case 2: an empty suffix would name the file itself; a planted symlink is replaced, not
// written through.
#[cfg(unix)]
#[test]
fn backup_never_overwrites_the_file_or_writes_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = write(root, "x.txt", DIRTY.as_bytes());
    mtclean()
        .args(["fix", "--write", "--backup", ""])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--backup"));
    assert_eq!(read(&file), DIRTY);
    let victim = write(root, "victim", b"precious\n");
    std::os::unix::fs::symlink(&victim, root.join("x.txt.orig")).unwrap();
    mtclean()
        .args(["fix", "--write", "--backup", ".orig"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(
        read(&victim),
        "precious\n",
        "the link's target is untouched"
    );
    let backup = root.join("x.txt.orig");
    assert!(std::fs::symlink_metadata(&backup).unwrap().is_file());
    assert_eq!(read(&backup), DIRTY);
    assert_eq!(read(&file), CLEANED);
}

// Case 3: a binary (here UTF-16) file or stdin is an error (exit 2) in fix, check and diff, and
// `fix` to stdout passes the bytes through unchanged, so `fix a > o; mv o a` loses nothing.
#[test]
fn a_named_binary_input_is_an_error_everywhere_and_never_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = DIRTY.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let file = write(dir.path(), "u16.txt", &utf16);
    let output = mtclean().arg("fix").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(output.stdout, utf16, "passed through unchanged");
    assert!(stderr_of(&output).contains("looks binary"));
    let output = mtclean()
        .arg("fix")
        .write_stdin(utf16.clone())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(output.stdout, utf16);
    for args in [
        &["check"][..],
        &["diff"],
        &["fix", "--check"],
        &["fix", "--diff"],
    ] {
        mtclean()
            .args(args)
            .arg(&file)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("looks binary"));
    }
    // Invalid UTF-8 is the same: the text comes back as it was, with exit 2.
    let latin1 = write(dir.path(), "latin1.txt", b"caf\xe9 Kim He had\n");
    let output = mtclean().arg("fix").arg(&latin1).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(output.stdout, b"caf\xe9 Kim He had\n");
}

// Case 4: an output folder equal to or inside an input folder, or an output file that is an
// input, is refused before anything is written.
#[test]
fn outputs_over_the_inputs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = write(root, "d/x.txt", DIRTY.as_bytes());
    for out in ["d", "d/out", "./d/"] {
        mtclean()
            .current_dir(root)
            .args(["fix", "--out-dir", out, "d"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("inside"));
        assert_eq!(read(&file), DIRTY);
        assert!(!root.join("d/out").exists());
    }
    // A file argument whose output is itself.
    mtclean()
        .current_dir(root.join("d"))
        .args(["fix", "--out-dir", ".", "x.txt"])
        .assert()
        .code(2);
    assert_eq!(read(&file), DIRTY);
    mtclean()
        .args(["report", "-o"])
        .arg(&file)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is an input"));
    assert_eq!(read(&file), DIRTY);
    mtclean()
        .args(["fix", "--check", "--stats"])
        .arg(&file)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is an input"));
    assert_eq!(read(&file), DIRTY);
}

// Case 5: special files are refused in every mode (and a FIFO is not opened, so nothing hangs);
// a file that did not change is not rewritten (same inode, hard links kept).
#[cfg(unix)]
#[test]
fn special_files_are_refused_and_unchanged_files_not_rewritten() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let fifo = root.join("pipe.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let modes: [&[&str]; 6] = [
        &["fix"],
        &["fix", "--write"],
        &["fix", "--jsonl", "--write"],
        &["fix", "--jsonl"],
        &["check"],
        &["diff"],
    ];
    for args in modes {
        mtclean()
            .args(args)
            .arg(&fifo)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a regular file"));
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
    let clean = write(
        root,
        "clean.jsonl",
        b"{\"text\":\"Nothing to fix here.\"}\n",
    );
    let link = root.join("link.jsonl");
    std::fs::hard_link(&clean, &link).unwrap();
    let inode = std::fs::metadata(&clean).unwrap().ino();
    mtclean()
        .args(["fix", "--jsonl", "--write"])
        .arg(&clean)
        .assert()
        .success();
    assert_eq!(std::fs::metadata(&clean).unwrap().ino(), inode);
    assert_eq!(std::fs::metadata(&link).unwrap().nlink(), 2);
}

// Case 6: a rewritten file keeps its owner and group (when the process may set them: as root).
#[cfg(unix)]
#[test]
fn owner_and_group_are_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let text = write(root, "x.txt", DIRTY.as_bytes());
    let review = write(root, "r.txt", DIRTY.as_bytes());
    let jsonl = write(
        root,
        "x.jsonl",
        b"{\"text\":\"Kim He had a cool relationship.\"}\n",
    );
    let chown = |path: &Path| {
        std::process::Command::new("chown")
            .arg("nobody:nogroup")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success())
    };
    if !(chown(&text) && chown(&review) && chown(&jsonl)) {
        eprintln!("not root: owner test skipped");
        return;
    }
    for path in [&text, &review, &jsonl] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let owner = |path: &Path| {
        let m = std::fs::metadata(path).unwrap();
        (m.uid(), m.gid(), m.mode() & 0o777)
    };
    let before = owner(&text);
    assert_ne!(before.0, 0);
    mtclean()
        .args(["fix", "--write", "--backup", ".orig"])
        .arg(&text)
        .assert()
        .success();
    assert_eq!(read(&text), CLEANED);
    assert_eq!(owner(&text), before);
    assert_eq!(owner(&root.join("x.txt.orig")), before, "the backup too");
    mtclean()
        .arg("review")
        .arg(&review)
        .write_stdin("y\n")
        .assert()
        .success();
    assert_eq!(read(&review), CLEANED);
    assert_eq!(owner(&review), before);
    mtclean()
        .args(["fix", "--jsonl", "--write"])
        .arg(&jsonl)
        .assert()
        .success();
    assert!(read(&jsonl).contains("Kim had"));
    assert_eq!(owner(&jsonl), before);
}

// Case 8: a folder with nothing to clean is a warning and exit 0 in every mode, not a panic.
#[test]
fn an_empty_folder_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    write(&empty, "notes.md", b"not a txt\n");
    let out = dir.path().join("out");
    let modes: [&[&str]; 4] = [
        &["fix", "--write"],
        &["fix", "--diff"],
        &["fix", "--check"],
        &["check"],
    ];
    for args in modes {
        mtclean()
            .args(args)
            .arg(&empty)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("no files to clean"));
    }
    mtclean()
        .args(["fix", "--out-dir"])
        .arg(&out)
        .arg(&empty)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no files to clean"));
}

// Case 9: `fix --diff` applies with `patch -p1` for a BOM, CR-only line endings and a stray `\r`
// inside a changed line, giving what `fix` prints.
#[test]
fn the_diff_applies_with_patch_for_bom_and_carriage_returns() {
    let texts: [(&str, String); 4] = [
        ("bom.txt", format!("\u{feff}{DIRTY}Second line.\n")),
        ("cr.txt", format!("Intro.\r{}\rEnd.\r", DIRTY.trim_end())),
        (
            "stray.txt",
            format!("One.\n{}\rtail\nTwo.\n", DIRTY.trim_end()),
        ),
        ("crlf_no_eol.txt", format!("One.\r\n{}", DIRTY.trim_end())),
    ];
    for (name, text) in texts {
        let dir = tempfile::tempdir().unwrap();
        let file = write(dir.path(), name, text.as_bytes());
        let fixed = mtclean().arg("fix").arg(&file).output().unwrap();
        assert!(fixed.status.success());
        assert_ne!(fixed.stdout, text.as_bytes(), "{name}: something to fix");
        let diff = mtclean()
            .current_dir(dir.path())
            .args(["fix", "--diff", name])
            .output()
            .unwrap();
        assert_eq!(diff.status.code(), Some(1));
        let mut patch = std::process::Command::new("patch")
            .args(["-p1", "--batch", "--quiet"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        patch.stdin.take().unwrap().write_all(&diff.stdout).unwrap();
        assert!(
            patch.wait().unwrap().success(),
            "{name}: the diff does not apply:\n{}",
            String::from_utf8_lossy(&diff.stdout)
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            fixed.stdout,
            "{name}: patched = fixed"
        );
    }
}

// Case 7: a hostile mtclean.toml (found upward from the working directory) or rules folder is an
// error naming it, not a hang or an exhausted memory.
#[cfg(unix)]
#[test]
fn hostile_config_and_rule_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", DIRTY.as_bytes());
    write(root, "mtclean.toml", b"lexicon = \"/dev/zero\"\n");
    mtclean()
        .current_dir(root)
        .args(["fix", "a.txt"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("mtclean.toml")
                .and(predicate::str::contains("not a regular file")),
        );
    let rules = root.join("rules");
    write(&rules, "sub/r.toml", b"");
    std::os::unix::fs::symlink(&rules, rules.join("sub/again")).unwrap();
    write(root, "mtclean.toml", b"[rules]\ndirs = [\"rules\"]\n");
    mtclean()
        .current_dir(root)
        .args(["check", "a.txt"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("symlink loop"));
    mtclean()
        .args(["rules", "test"])
        .arg(&rules)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("symlink loop"));
    write(root, "mtclean.toml", b"[rules]\ndisable = [\"a\" \"b\"]\n");
    mtclean()
        .current_dir(root)
        .args(["check", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 2, column 16"));
}

// Case 9, on real text: the diff of every corpus article (one run, one patch) applies with
// `patch -p1` and gives what `fix --out-dir` writes.
#[test]
fn the_diff_of_every_corpus_article_applies_with_patch() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("corpus");
    let mut count = 0;
    for sub in ["", "real", "clean"] {
        let Ok(entries) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let target = copy.join(sub).join(path.file_name().unwrap());
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::copy(&path, &target).unwrap();
                count += 1;
            }
        }
    }
    assert!(count >= 5, "corpus articles missing: {count}");
    let diff = mtclean()
        .current_dir(dir.path())
        .args(["fix", "--diff", "--quiet", "--unsafe-fixes", "corpus"])
        .output()
        .unwrap();
    assert_eq!(diff.status.code(), Some(1), "{}", stderr_of(&diff));
    let out = dir.path().join("out");
    mtclean()
        .current_dir(dir.path())
        .args([
            "fix",
            "--quiet",
            "--unsafe-fixes",
            "--out-dir",
            "out",
            "corpus",
        ])
        .assert()
        .success();
    let mut patch = std::process::Command::new("patch")
        .args(["-p1", "--batch", "--quiet"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    patch.stdin.take().unwrap().write_all(&diff.stdout).unwrap();
    assert!(
        patch.wait().unwrap().success(),
        "the corpus diff does not apply"
    );
    for entry in walk(&copy) {
        let relative = entry.strip_prefix(&copy).unwrap();
        assert_eq!(
            std::fs::read(&entry).unwrap(),
            std::fs::read(out.join(relative)).unwrap(),
            "{}: patched = fixed",
            relative.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

// A named symlink is rewritten where it points, and stays a link.
#[cfg(unix)]
#[test]
fn a_symlinked_input_is_rewritten_where_it_points() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let target = write(root, "real.txt", DIRTY.as_bytes());
    let link = root.join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    mtclean()
        .args(["fix", "--write"])
        .arg(&link)
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(read(&target), CLEANED);
}
