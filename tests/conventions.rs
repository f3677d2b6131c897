//! The conventions users of ruff, black and typos expect (issue 17): a summary after `check`,
//! `fix --check` naming each file that would change, no "changed" when nothing was written.

use predicates::prelude::*;
use std::path::Path;

mod cli_support;
use cli_support::{CLEANED, DIRTY, mtclean};

fn write(dir: &Path, name: &str, contents: &str) {
    std::fs::write(dir.join(name), contents).unwrap();
}

#[test]
fn check_ends_with_a_summary_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DIRTY);
    write(dir.path(), "b.txt", CLEANED);
    let output = mtclean().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr, "mtclean: 1 finding in 1 of 2 files, 1 fixable (`mtclean fix`)\n",
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "stdout holds only the finding: {stdout}"
    );
    mtclean()
        .arg("check")
        .arg(dir.path().join("b.txt"))
        .assert()
        .code(0)
        .stderr("mtclean: 0 findings in 0 of 1 file, 0 fixable\n");
}

#[test]
fn fix_check_names_each_file_that_would_change() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DIRTY);
    write(dir.path(), "b.txt", CLEANED);
    mtclean()
        .args(["fix", "--check"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("would fix")
                .and(predicate::str::contains("a.txt (1 fix)"))
                .and(predicate::str::contains("b.txt").not())
                .and(predicate::str::contains("2 files (1 would change)"))
                .and(predicate::str::contains("changed").not()),
        );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        DIRTY
    );
    mtclean()
        .args(["fix", "--check", "--quiet"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr("");
}

#[test]
fn the_config_is_found_from_each_files_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["quiet/deep", "loud"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    write(
        root,
        "quiet/mtclean.toml",
        "[rules]\ndisable_families = [\"dup_subject\"]\n",
    );
    write(root, "quiet/deep/x.txt", DIRTY);
    write(root, "loud/x.txt", DIRTY);
    // From a working directory with no mtclean.toml above it, each file gets its own folder's.
    for cwd in [root, &root.join("loud")] {
        let output = mtclean()
            .current_dir(cwd)
            .arg("check")
            .arg(root.join("quiet/deep/x.txt"))
            .arg(root.join("loud/x.txt"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("loud/x.txt:1:"), "{stdout}");
        assert!(!stdout.contains("quiet/deep/x.txt"), "{stdout}");
    }
    mtclean()
        .arg("fix")
        .arg(root.join("quiet/deep/x.txt"))
        .assert()
        .success()
        .stdout(DIRTY);
    mtclean()
        .arg("fix")
        .arg("--no-config")
        .arg(root.join("quiet/deep/x.txt"))
        .assert()
        .success()
        .stdout(CLEANED);
    mtclean()
        .current_dir(root.join("quiet"))
        .arg("fix")
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout(DIRTY);
}

#[test]
fn select_ignore_and_per_file_ignores_in_rufs_shape() {
    let finds = |args: &[&str]| {
        let output = mtclean()
            .arg("check")
            .arg("--no-config")
            .args(args)
            .write_stdin(DIRTY)
            .output()
            .unwrap();
        assert_ne!(
            output.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.status.code() == Some(1)
    };
    assert!(finds(&[]));
    // Two checks find the stray subject of DIRTY: the rule and the stray-subject pass.
    assert!(finds(&["--ignore", "stray-subject-after-name"]));
    assert!(!finds(&[
        "--ignore",
        "stray-subject-after-name,stray-subject"
    ]));
    assert!(!finds(&["--ignore", "glue,dup_subject"]));
    assert!(!finds(&["--select", "glue"]));
    assert!(finds(&["--select", "dup_subject"]));
    assert!(finds(&[
        "--select",
        "glue",
        "--select",
        "stray-subject-after-name"
    ]));
    mtclean()
        .args(["check", "--no-config", "--ignore", "no-such-check"])
        .write_stdin(DIRTY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-check"));

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["sports", "news"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
        write(&root.join(sub), "a.txt", DIRTY);
    }
    write(
        root,
        "mtclean.toml",
        "[per-file-ignores]\n\"sports/*.txt\" = [\"dup_subject\"]\n",
    );
    let output = mtclean()
        .current_dir(root)
        .args(["check", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("news/a.txt:1:"), "{stdout}");
    assert!(!stdout.contains("sports"), "{stdout}");
    mtclean()
        .current_dir(root)
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "per-file-ignores.\"sports/*.txt\"",
        ));
}

#[test]
fn allow_words_leave_a_right_word_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "a.txt",
        &format!("{DIRTY}Later, Moscow He has denied it.\n"),
    );
    write(root, "mtclean.toml", "allow-words = [\"had\"]\n");
    mtclean()
        .current_dir(root)
        .args(["fix", "a.txt"])
        .assert()
        .success()
        .stdout(format!("{DIRTY}Later, Moscow has denied it.\n"));
    let output = mtclean()
        .current_dir(root)
        .args(["check", "a.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("a.txt:2:") && !stdout.contains("a.txt:1:"),
        "{stdout}"
    );
    mtclean()
        .current_dir(root)
        .args(["diff", "--color", "never", "a.txt"])
        .assert()
        .stdout(
            predicate::str::contains("Kim [-He")
                .not()
                .and(predicate::str::contains("Moscow [-He -]has")),
        );
}
