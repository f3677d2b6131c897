//! Bulk cleaning: directories, JSON lines, parallel runs, configuration, and never losing a byte.

use predicates::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

mod cli_support;
use cli_support::{CLEANED, DIRTY, mtclean, read, write};

#[test]
fn check_and_fix_skip_a_binary_file_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", DIRTY.as_bytes());
    write(root, "b.txt", b"x\0y");
    let note = predicate::str::contains("b.txt: looks binary (a NUL byte); skipped");
    // Both report the dirty file (exit 1, not the error code 2) and skip the binary one.
    mtclean()
        .arg("check")
        .arg(root)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.txt:1:"))
        .stderr(note.clone());
    mtclean()
        .args(["fix", "--check"])
        .arg(root)
        .assert()
        .code(1)
        .stderr(note);
}

#[test]
fn directories_are_walked_with_globs_hidden_and_binary_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", DIRTY.as_bytes());
    write(root, "sub/b.txt", DIRTY.as_bytes());
    write(root, "sub/skip.txt", DIRTY.as_bytes());
    write(root, "notes.md", DIRTY.as_bytes());
    write(root, ".hidden/c.txt", DIRTY.as_bytes());
    write(root, "bin.txt", b"\x00\x01binary");
    mtclean()
        .args(["fix", "--write", "--exclude", "skip.txt"])
        .arg(root)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("bin.txt: looks binary")
                .and(predicate::str::contains("2 files (2 changed)"))
                .and(predicate::str::contains("skipped 1 binary and 1 hidden")),
        );
    assert_eq!(read(&root.join("a.txt")), CLEANED);
    assert_eq!(read(&root.join("sub/b.txt")), CLEANED);
    assert_eq!(read(&root.join("sub/skip.txt")), DIRTY);
    assert_eq!(read(&root.join("notes.md")), DIRTY, "only *.txt by default");
    assert_eq!(read(&root.join(".hidden/c.txt")), DIRTY);
    mtclean()
        .args(["fix", "--write", "--quiet", "--glob", "*.md"])
        .arg(root)
        .assert()
        .success()
        .stderr("");
    assert_eq!(read(&root.join("notes.md")), CLEANED);
}

#[test]
fn out_dir_mirrors_the_tree_and_keeps_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "x/a.txt", DIRTY.as_bytes());
    write(&input, "b.txt", CLEANED.as_bytes());
    let out = dir.path().join("out");
    mtclean()
        .args(["fix", "-q", "--out-dir"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    assert_eq!(read(&out.join("x/a.txt")), CLEANED);
    assert_eq!(read(&out.join("b.txt")), CLEANED);
    assert_eq!(read(&input.join("x/a.txt")), DIRTY, "inputs untouched");
}

#[test]
fn backup_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY.as_bytes());
    mtclean()
        .args(["fix", "--write", "--backup", ".orig"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(read(&path), CLEANED);
    assert_eq!(read(&dir.path().join("a.txt.orig")), DIRTY);
}

#[test]
fn stats_file_counts_by_family_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DIRTY.as_bytes());
    write(dir.path(), "b.txt", "Moscow He has denied it.\n".as_bytes());
    let stats = dir.path().join("stats.json");
    mtclean()
        .args(["fix", "--check", "--stats"])
        .arg(&stats)
        .arg(dir.path())
        .assert()
        .code(1);
    let value: serde_json::Value = serde_json::from_str(&read(&stats)).unwrap();
    assert_eq!(value["files"], 2);
    assert_eq!(value["files_changed"], 2);
    assert_eq!(value["fixes"], 2);
    assert_eq!(value["by_family"]["dup_subject"], 2);
    assert_eq!(value["by_rule"]["stray-subject-after-name"], 2);
}

#[test]
fn output_order_is_deterministic_whatever_the_jobs() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(
            dir.path(),
            &format!("{i:02}.txt"),
            format!("Article {i}. Moscow He has denied it.\n").as_bytes(),
        );
    }
    let run = |jobs: &str| {
        mtclean()
            .args(["fix", "--diff", "-q", "--jobs", jobs])
            .arg(dir.path())
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("8"));
    let text = String::from_utf8(one).unwrap();
    let first = text.find("00.txt").unwrap();
    let last = text.find("39.txt").unwrap();
    assert!(first < last);
}

#[test]
fn invalid_utf8_in_a_batch_is_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "a_bad.txt", b"Moscow He has \xff denied.\n");
    let good = write(dir.path(), "b_good.txt", DIRTY.as_bytes());
    mtclean()
        .args(["fix", "--write"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a_bad.txt: invalid UTF-8 at byte 14",
        ));
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        b"Moscow He has \xff denied.\n"
    );
    assert_eq!(read(&good), CLEANED);
    mtclean()
        .args(["fix", "--write", "--lossy"])
        .arg(&bad)
        .assert()
        .success();
    assert_eq!(read(&bad), "Moscow has \u{fffd} denied.\n");
}

#[test]
fn line_endings_and_bom_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mixed =
        "\u{feff}Intro line.\r\nMoscow He has denied it.\nAt first, Kim He had doubts.\r\n\r\nEnd.";
    let path = write(dir.path(), "mixed.txt", mixed.as_bytes());
    mtclean()
        .args(["fix", "--write"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(
        read(&path),
        "\u{feff}Intro line.\r\nMoscow has denied it.\nAt first, Kim had doubts.\r\n\r\nEnd."
    );
}

#[cfg(unix)]
#[test]
fn read_only_file_is_not_rewritten() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "ro.txt", DIRTY.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    mtclean()
        .args(["fix", "--write"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("read-only"));
    assert_eq!(read(&path), DIRTY);
}

#[test]
fn a_file_that_vanishes_is_an_error_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", DIRTY.as_bytes());
    let gone = dir.path().join("gone.txt");
    mtclean()
        .args(["fix", "--write"])
        .arg(&gone)
        .arg(&good)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gone.txt"));
    assert_eq!(read(&good), CLEANED);
}

#[test]
fn jsonl_cleans_one_field_and_keeps_everything_else() {
    let input = concat!(
        r#"{"id":1,"text":"At first, Kim He had doubts.","meta":{"n":1.50}}"#,
        "\n",
        "this is not json\n",
        r#"{"id":3,"text":"Already clean."}"#,
        "\r\n",
        "\n",
        r#"{"id":5,"body":"no text field"}"#,
        "\n",
    );
    mtclean()
        .args(["fix", "--jsonl"])
        .write_stdin(input)
        .assert()
        .success()
        .stdout(concat!(
            r#"{"id":1,"text":"At first, Kim had doubts.","meta":{"n":1.50}}"#,
            "\n",
            "this is not json\n",
            r#"{"id":3,"text":"Already clean."}"#,
            "\r\n",
            "\n",
            r#"{"id":5,"body":"no text field"}"#,
            "\n",
        ))
        .stderr(
            predicate::str::contains("<stdin>:2: not a JSON object")
                .and(predicate::str::contains("<stdin>:5: no such field")),
        );
}

#[test]
fn jsonl_nested_field_and_add_field() {
    let input = r#"{"article":{"body":"Moscow He has denied it."},"k":"v"}"#;
    let output = mtclean()
        .args([
            "fix",
            "--jsonl",
            "--field",
            "article.body",
            "--add-field",
            "mtclean",
        ])
        .write_stdin(format!("{input}\n"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let line = String::from_utf8(output).unwrap();
    assert!(
        line.starts_with(r#"{"article":{"body":"Moscow has denied it."},"k":"v","mtclean":"#),
        "{line}"
    );
    let value: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(value["mtclean"]["by_family"]["dup_subject"], 1);
}

#[test]
fn jsonl_write_in_place_and_invalid_utf8_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = br#"{"text":"Moscow He has denied it."}"#.to_vec();
    bytes.extend_from_slice(b"\n{\"text\":\"bad \xff byte\"}\n");
    let path = write(dir.path(), "a.jsonl", &bytes);
    mtclean()
        .args(["fix", "--jsonl", "--write"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.jsonl:2: invalid UTF-8"));
    let mut expected = br#"{"text":"Moscow has denied it."}"#.to_vec();
    expected.extend_from_slice(b"\n{\"text\":\"bad \xff byte\"}\n");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        expected,
        "bad record passed through byte for byte"
    );
}

/// The pipe-stage contract (Spark's `RDD.pipe`, Hadoop Streaming): one output line per input
/// line, in order, each flushed before the next input line arrives.
#[test]
fn jsonl_streams_record_by_record() {
    let bin = assert_cmd::cargo::cargo_bin("mtclean");
    let mut child = std::process::Command::new(bin)
        .args(["fix", "--jsonl", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for i in 0..5 {
        writeln!(stdin, r#"{{"i":{i},"text":"Moscow He has denied it."}}"#).unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        assert_eq!(
            line,
            format!("{{\"i\":{i},\"text\":\"Moscow has denied it.\"}}\n")
        );
    }
    writeln!(stdin, "not json").unwrap();
    stdin.flush().unwrap();
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(
        line, "not json\n",
        "a bad record is reported and passed through; the stream goes on"
    );
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn boilerplate_is_removed_only_when_asked() {
    let text =
        "First paragraph.\n\nRead Also: Putin says the West is to blame\n\nSecond paragraph.\n";
    mtclean()
        .arg("fix")
        .write_stdin(text)
        .assert()
        .success()
        .stdout(text);
    mtclean()
        .args(["fix", "--strip-boilerplate"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout("First paragraph.\n\nSecond paragraph.\n");
}

#[test]
fn config_file_is_found_upward_and_shown_with_sources() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtclean.toml",
        b"strip_boilerplate = true\n[rules]\ndisable = [\"stray-subject-after-name\", \"stray-subject\"]\n",
    );
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    mtclean()
        .current_dir(&nested)
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("strip_boilerplate = true  #")
                .and(predicate::str::contains("mtclean.toml"))
                .and(predicate::str::contains("unsafe_fixes = false  # default")),
        );
    mtclean()
        .current_dir(&nested)
        .args(["config", "show", "--unsafe-fixes"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "unsafe_fixes = true  # command line (--unsafe-fixes)",
        ));
    // The disabled rule is off here, and on again with --no-config.
    mtclean()
        .current_dir(&nested)
        .arg("fix")
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout(DIRTY);
    mtclean()
        .current_dir(&nested)
        .args(["fix", "--no-config"])
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout(CLEANED);
}

#[test]
fn bad_config_is_an_error_naming_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "conf.toml",
        b"[rules]\ndisable = [\"no-such-rule\"]\n",
    );
    mtclean()
        .args(["fix", "--config"])
        .arg(&path)
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("conf.toml").and(predicate::str::contains("no-such-rule")),
        );
}

#[test]
fn an_unknown_language_in_the_config_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "mtclean.toml", b"languages = [\"klingon\"]\n");
    for command in [
        &["config", "show", "--config"][..],
        &["check", "--config"][..],
    ] {
        mtclean()
            .args(command)
            .arg(&path)
            .write_stdin("x")
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("mtclean.toml")
                    .and(predicate::str::contains("unknown language `klingon`")),
            );
    }
}

/// `languages` limits both the foreign-word tables and passage detection.
#[test]
fn languages_in_the_config_limit_foreign_words_and_passages() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Talks between North Korea y Russia went on. The minister said que no habrá \
                más recortes para los trabajadores this year.\n";
    let run = |languages: &str| {
        let config = write(
            dir.path(),
            "mtclean.toml",
            format!("languages = [{languages}]\n").as_bytes(),
        );
        let out = mtclean()
            .args(["check", "--config"])
            .arg(&config)
            .write_stdin(text)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let spanish = run("\"spanish\"");
    assert!(spanish.contains("foreign-word"), "{spanish}");
    assert!(spanish.contains("foreign-passage"), "{spanish}");
    let french = run("\"french\"");
    assert!(!french.contains("foreign-word"), "{french}");
    assert!(!french.contains("Spanish"), "{french}");
}

/// `kill -9` in the middle of `--write` leaves every file either old or new, never half-written.
#[cfg(unix)]
#[test]
fn kill_during_write_leaves_files_old_or_new() {
    let dir = tempfile::tempdir().unwrap();
    let article = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/000_c13951b50018919a.txt"),
    )
    .unwrap();
    let big = article.repeat(40);
    let cleaner = mtclean::Cleaner::new(&mtclean::Options::default()).unwrap();
    let cleaned = cleaner.clean(&big, mtclean::Policy::Safe).text;
    assert_ne!(cleaned, big);
    let paths: Vec<PathBuf> = (0..60)
        .map(|i| write(dir.path(), &format!("{i:03}.txt"), big.as_bytes()))
        .collect();
    let bin = assert_cmd::cargo::cargo_bin("mtclean");
    for delay_ms in [30u64, 120, 400] {
        for path in &paths {
            std::fs::write(path, &big).unwrap();
        }
        let mut child = std::process::Command::new(&bin)
            .args(["fix", "--write", "-q", "--jobs", "2"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        for path in &paths {
            let now = std::fs::read_to_string(path).unwrap();
            assert!(
                now == big || now == cleaned,
                "{} is half-written ({} bytes)",
                path.display(),
                now.len()
            );
        }
    }
}
