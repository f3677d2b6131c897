//! The command-line contract: every command, flag and exit code the README promises.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

mod cli_support;
use cli_support::{CLEANED, DIRTY};

const SEED: &str = "corpus/000_c13951b50018919a.txt";

fn mtclean() -> Command {
    let mut cmd = Command::cargo_bin("mtclean").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn temp_file(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn fix_prints_the_cleaned_text() {
    mtclean().args(["fix", SEED]).assert().success().stdout(
        predicate::str::contains("At first, Kim had a relatively cool")
            .and(predicate::str::contains(
                "Both Russia and North Korea have denied",
            ))
            .and(predicate::str::contains("Kim promised “hold hands”")),
    );
}

#[test]
fn fix_reads_stdin_with_dash_or_nothing() {
    mtclean()
        .args(["fix", "-"])
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout(CLEANED);
    mtclean()
        .arg("fix")
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout(CLEANED);
}

#[test]
fn fix_applies_unsafe_fixes_only_when_asked() {
    let text = "It backed Moscow after what Russia invade Ukraine.\n";
    mtclean()
        .arg("fix")
        .write_stdin(text)
        .assert()
        .success()
        .stdout(text);
    mtclean()
        .args(["fix", "--unsafe-fixes"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout("It backed Moscow after Russia invaded Ukraine.\n");
}

#[test]
fn fix_check_exits_one_when_something_would_change() {
    mtclean()
        .args(["fix", "--check"])
        .write_stdin(DIRTY)
        .assert()
        .code(1)
        .stdout("");
    mtclean()
        .args(["fix", "--check"])
        .write_stdin(CLEANED)
        .assert()
        .code(0);
}

#[test]
fn fix_diff_is_a_patch_that_applies() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(dir.path(), "a.txt", DIRTY.as_bytes());
    let output = mtclean()
        .current_dir(dir.path())
        .args(["fix", "--diff", "a.txt"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let diff = String::from_utf8(output).unwrap();
    assert!(diff.starts_with("--- a/a.txt\n+++ b/a.txt\n"), "{diff}");
    let patch = std::process::Command::new("patch")
        .current_dir(dir.path())
        .args(["-p1", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn();
    let Ok(mut patch) = patch else {
        panic!("`patch` is needed for this test (apt-get install patch)");
    };
    use std::io::Write;
    patch
        .stdin
        .take()
        .unwrap()
        .write_all(diff.as_bytes())
        .unwrap();
    assert!(patch.wait().unwrap().success());
    assert_eq!(std::fs::read_to_string(path).unwrap(), CLEANED);
}

#[test]
fn fix_write_keeps_crlf_bom_and_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let original = "\u{feff}At first, Kim He had doubts.\r\nMoscow He has denied it.\r\n";
    let path = temp_file(dir.path(), "crlf.txt", original.as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    mtclean()
        .args(["fix", "--write"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read(&path).unwrap();
    assert_eq!(
        String::from_utf8(written).unwrap(),
        "\u{feff}At first, Kim had doubts.\r\nMoscow has denied it.\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn invalid_utf8_is_an_error_naming_file_and_offset_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"Kim He had \xff\xfe doubts.\n";
    let path = temp_file(dir.path(), "bad.txt", bytes);
    mtclean()
        .args(["fix", "--write"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt").and(predicate::str::contains("byte 11")));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    mtclean().args(["check"]).arg(&path).assert().code(2);
    mtclean()
        .args(["fix", "--lossy"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{fffd}"));
}

#[test]
fn empty_file_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(dir.path(), "empty.txt", b"");
    mtclean()
        .arg("fix")
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    mtclean()
        .arg("check")
        .arg(&path)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn missing_file_is_an_error() {
    mtclean()
        .args(["fix", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
    mtclean()
        .args(["check", "no/such/file.txt"])
        .assert()
        .code(2);
    mtclean()
        .args(["diff", "no/such/file.txt"])
        .assert()
        .code(2);
}

#[test]
fn several_files_need_write_diff_or_check() {
    mtclean()
        .args(["fix", SEED, "corpus/001_0eefa034e8e5b66f.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--write"));
    mtclean()
        .args(["fix", "--check", SEED, "corpus/001_0eefa034e8e5b66f.txt"])
        .assert()
        .code(1);
}

#[test]
fn check_prints_one_finding_a_line() {
    mtclean()
        .args(["check", "-"])
        .write_stdin(DIRTY)
        .assert()
        .code(1)
        .stdout("<stdin>:1:15: stray-subject-after-name: subject pronoun repeated after the name it stands for: He had → had\n");
    mtclean()
        .arg("check")
        .write_stdin(CLEANED)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn check_json_has_the_documented_fields() {
    let output = mtclean()
        .args(["check", "--format", "json", SEED])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    let mut count = 0;
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        for field in [
            "path",
            "start",
            "end",
            "line",
            "col",
            "rule",
            "family",
            "message",
            "before",
            "after",
            "applicability",
            "confidence",
        ] {
            assert!(record.get(field).is_some(), "{field} missing in {line}");
        }
        let (start, end) = (
            record["start"].as_u64().unwrap() as usize,
            record["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&seed[start..end], record["before"].as_str().unwrap());
        count += 1;
    }
    assert!(count >= 8, "{text}");
}

#[test]
fn check_reports_unsafe_findings_marked() {
    mtclean()
        .arg("check")
        .write_stdin("It backed Moscow after what Russia invade Ukraine.\n")
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("despues-de-que-after-what")
                .and(predicate::str::contains("[unsafe]")),
        );
}

#[test]
fn broken_pipe_is_not_an_error() {
    // `head -c1` closes the pipe after one byte; mtclean must exit quietly.
    let big = DIRTY.repeat(20_000);
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(dir.path(), "big.txt", big.as_bytes());
    let bin = assert_cmd::cargo::cargo_bin("mtclean");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' check '{}' | head -c1 >/dev/null; echo ${{PIPESTATUS:-}}",
            bin.display(),
            path.display()
        ))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let status = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' check '{}' | head -c1 >/dev/null",
            bin.display(),
            path.display()
        ))
        .status()
        .unwrap();
    assert_eq!(
        status.code(),
        Some(0),
        "a reader that leaves early is not an error"
    );
}

#[test]
fn diff_labels_each_change_with_its_rule() {
    mtclean().args(["diff", SEED]).assert().code(1).stdout(
        predicate::str::contains("stray-subject-after-name")
            .and(predicate::str::contains("tanto-como-both-and"))
            .and(predicate::str::contains("quote-mark"))
            .and(predicate::str::contains("[-He -]"))
            .and(predicate::str::contains("\x1b").not()),
    );
    mtclean()
        .args(["diff", "--color", "always", SEED])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\x1b["));
    mtclean()
        .args(["diff", "--color", "always", "-"])
        .write_stdin(CLEANED)
        .assert()
        .code(0)
        .stdout("");
}

/// Every id that `check` can print has a page: the built-in checks as well as the rules.
#[test]
fn rules_list_and_explain_cover_the_built_in_checks() {
    let list = mtclean().args(["rules", "list"]).output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    for id in [
        "glued-word",
        "lowercase-name",
        "damaged-name",
        "name-variant",
        "foreign-word",
        "foreign-passage",
        "mixed-script",
        "quote-mark",
        "punct-spacing",
        "doubled-mark",
    ] {
        assert!(list.lines().any(|l| l.starts_with(id)), "{id} not listed");
        mtclean()
            .args(["rules", "explain", id])
            .assert()
            .success()
            .stdout(
                predicate::str::contains("## What it does")
                    .and(predicate::str::contains("## Limits")),
            );
    }
    mtclean()
        .args(["rules", "explain", "glued-word"])
        .assert()
        .stdout(predicate::str::contains("Soviet Unionbut"));
}

#[test]
fn rules_list_explain_and_test() {
    mtclean().args(["rules", "list"]).assert().success().stdout(
        predicate::str::contains("stray-subject-after-name")
            .and(predicate::str::contains("dup_subject")),
    );
    mtclean()
        .args(["rules", "explain", "tanto-como-both-and"])
        .assert()
        .success()
        .stdout(predicate::str::contains("So much Russia as North Korea"));
    mtclean()
        .args(["rules", "explain", "no-such-rule"])
        .assert()
        .code(2);
    mtclean()
        .args(["rules", "test"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 failed"));
}

const USER_RULE: &str = r#"
family = "calque"
[[rule]]
id = "user-rule"
message = "m"
pattern = 'colour'
replacement = "color"
applicability = "safe"
examples = [{ input = "a colour", output = "a color" }]
ok = ["a color"]
"#;

#[test]
fn user_rule_directories_are_loaded_and_tested() {
    let dir = tempfile::tempdir().unwrap();
    temp_file(dir.path(), "mine.toml", USER_RULE.as_bytes());
    mtclean()
        .args(["fix", "--rules"])
        .arg(dir.path())
        .write_stdin("The colour red")
        .assert()
        .success()
        .stdout("The color red");
    mtclean()
        .args(["rules", "test"])
        .arg(dir.path())
        .assert()
        .success();
}

#[test]
fn broken_rule_directory_fails_naming_file_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    let failing = USER_RULE.replace("output = \"a color\"", "output = \"a colour\"");
    temp_file(dir.path(), "failing.toml", failing.as_bytes());
    mtclean()
        .args(["rules", "test"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout(
            predicate::str::contains("FAIL user-rule")
                .and(predicate::str::contains("failing.toml")),
        );

    let bad = tempfile::tempdir().unwrap();
    temp_file(
        bad.path(),
        "bad.toml",
        USER_RULE.replace("'colour'", "'(colour'").as_bytes(),
    );
    for args in [vec!["rules", "test"], vec!["fix", "--rules"]] {
        mtclean()
            .args(&args)
            .arg(bad.path())
            .write_stdin("x")
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("bad.toml")
                    .and(predicate::str::contains("user-rule"))
                    .and(predicate::str::contains("pattern")),
            );
    }
}

#[test]
fn user_lexicon_file_must_exist() {
    mtclean()
        .args(["fix", "--lexicon", "no/such/names.txt"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("names.txt"));
}

#[test]
fn help_shows_examples() {
    mtclean()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:").and(predicate::str::contains("Exit codes")));
}

/// A one-article set: `DIR/set/a.txt` with gold at `DIR/gold/set/a.json`: one core annotation
/// the cleaner fixes, one core it misses, one optional.
fn eval_set(dir: &Path) -> PathBuf {
    let set = dir.join("set");
    std::fs::create_dir_all(&set).unwrap();
    std::fs::create_dir_all(dir.join("gold/set")).unwrap();
    temp_file(
        &set,
        "a.txt",
        b"At first, Kim He had a cool relationship with Moscow. Skip to content.\n",
    );
    let gold = serde_json::json!({"annotations": [
        {"cat": "dup_subject", "tier": "core", "before": "Kim He", "accept": ["Kim"]},
        {"cat": "calque", "tier": "core", "before": "cool relationship", "accept": ["cold relationship"]},
        {"cat": "boilerplate", "tier": "optional", "before": "Skip to content.", "accept": [""]}
    ]});
    temp_file(&dir.join("gold/set"), "a.json", gold.to_string().as_bytes());
    set
}

#[test]
fn eval_prints_scores_per_set_and_category() {
    let dir = tempfile::tempdir().unwrap();
    let set = eval_set(dir.path());
    mtclean().arg("eval").arg(&set).assert().success().stdout(
        predicate::str::contains("1 files (0 controls)")
            .and(predicate::str::contains("P=1.000 R_core=0.500 R_all=0.500"))
            .and(predicate::str::contains(
                "annotations=2 (core 2) fixed=1 (core 1) wrong=0 missed=1 false=0",
            ))
            .and(predicate::str::contains("dup_subject      1     0      0")),
    );
    mtclean()
        .args(["eval", "--show"])
        .arg(&set)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "a.txt: missed [calque/core] \"cool relationship\" -> \"cool relationship\"",
        ));
}

#[test]
fn eval_json_has_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let set = eval_set(dir.path());
    let out = mtclean()
        .args(["eval", "--format", "json"])
        .arg(&set)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["policy"], "safe");
    let s = &v["sets"][0];
    assert_eq!(s["name"], set.display().to_string());
    for (key, want) in [
        ("files", 1.0),
        ("annotations", 2.0),
        ("core", 2.0),
        ("fixed", 1.0),
        ("wrong", 0.0),
        ("missed", 1.0),
        ("false_edits", 0.0),
        ("precision", 1.0),
        ("recall_core", 0.5),
        ("recall_all", 0.5),
        ("false_per_1k_words", 0.0),
    ] {
        assert_eq!(s[key].as_f64(), Some(want), "{key}");
    }
    assert!((s["f0.5"].as_f64().unwrap() - 1.25 * 0.5 / 0.75).abs() < 1e-9);
    assert_eq!(s["by_category"]["calque"]["missed"], 1);
    assert_eq!(s["articles"][0]["file"], "a.txt");
    assert_eq!(s["articles"][0]["control"], false);
    assert_eq!(v["total"]["fixed"], 1);
}

#[test]
fn eval_baseline_exits_one_on_a_regression_only() {
    let dir = tempfile::tempdir().unwrap();
    let set = eval_set(dir.path());
    let saved = dir.path().join("base.json");
    mtclean()
        .args(["eval", "--save"])
        .arg(&saved)
        .arg(&set)
        .assert()
        .success();
    mtclean()
        .args(["eval", "--baseline"])
        .arg(&saved)
        .arg(&set)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no regression"));
    let better = serde_json::json!({"sets": [], "total": {"precision": 1.0, "recall_core": 0.75}});
    let better = temp_file(dir.path(), "better.json", better.to_string().as_bytes());
    mtclean()
        .args(["eval", "--baseline"])
        .arg(&better)
        .arg(&set)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "total: recall_core fell from 0.750 to 0.500",
        ));
}

#[test]
fn eval_errors_exit_two_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    mtclean()
        .args(["eval"])
        .arg(dir.path().join("nope"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope: not a directory"));
    let set = eval_set(dir.path());
    let gold = dir.path().join("gold/set/a.json");
    std::fs::write(&gold, "{\"annotations\": [").unwrap();
    mtclean()
        .arg("eval")
        .arg(&set)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.json: bad gold file"));
    std::fs::write(
        &gold,
        r#"{"annotations": [{"cat": "x", "tier": "core", "before": "absent", "accept": []}]}"#,
    )
    .unwrap();
    mtclean()
        .arg("eval")
        .arg(&set)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("occurs 0 times"));
}

/// A miniature shared eval folder, all constructed: one real article per half of the committed
/// split (site names only), and two clean news articles from two outlets.
fn data_folder(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    for sub in ["real", "gold/real", "news-clean", "clean", "seeds"] {
        std::fs::create_dir_all(data.join(sub)).unwrap();
    }
    temp_file(
        &data.join("real"),
        "01_pledgetimes-constructed.txt",
        b"At first, Kim He had a cool relationship with Moscow.\n",
    );
    let gold = serde_json::json!({"annotations": [
        {"cat": "dup_subject", "tier": "core", "before": "Kim He", "accept": ["Kim"]}
    ]});
    temp_file(
        &data.join("gold/real"),
        "01_pledgetimes-constructed.json",
        gold.to_string().as_bytes(),
    );
    temp_file(
        &data.join("real"),
        "02_ytn-constructed.txt",
        b"The minister left for Seoul on Monday.\n",
    );
    let news = "The council met on Tuesday and voted with the mayor. Officials said the plan, \
        which costs $5 million, will start in May. “We are ready,” the mayor told reporters.\n";
    temp_file(&data.join("news-clean"), "0001_a.txt", news.as_bytes());
    temp_file(&data.join("news-clean"), "0002_b.txt", news.as_bytes());
    temp_file(
        &data.join("news-clean"),
        "SOURCES.tsv",
        b"file\taddress\toutlet\ttopic\n0001_a.txt\thttps://a.example\tOutlet A\tx\n\
0002_b.txt\thttps://b.example\tOutlet B\tx\n",
    );
    data
}

#[test]
fn eval_data_prints_one_table_of_the_standard_sets() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_folder(dir.path());
    let out = mtclean()
        .args(["eval", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for row in [
        "real/tune ",
        "real/check ",
        "news-clean ",
        "core recall per family",
    ] {
        assert!(text.contains(row), "{row} missing:\n{text}");
    }
    assert!(text.contains("synthetic/"), "{text}");
    let tune = text.lines().find(|l| l.starts_with("real/tune")).unwrap();
    assert!(tune.contains(" 1/1 ") && tune.contains("1.000"), "{tune}");
    let json = mtclean()
        .args(["eval", "--format", "json", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["sets"][0]["name"], "real/tune");
    assert_eq!(v["sets"][0]["core_by_category"]["dup_subject"]["fixed"], 1);
    assert_eq!(v["sets"][1]["name"], "real/check");
}

#[test]
fn eval_data_errors_name_the_folder_or_the_file() {
    let dir = tempfile::tempdir().unwrap();
    mtclean()
        .args(["eval", "--data"])
        .arg(dir.path().join("absent"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("absent: no shared eval folder")
                .and(predicate::str::contains("--data DIR")),
        );
    let data = data_folder(dir.path());
    temp_file(&data.join("real"), "03_nosuchsite-x.txt", b"Text.\n");
    mtclean()
        .args(["eval", "--data"])
        .arg(&data)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("03_nosuchsite-x.txt")
                .and(predicate::str::contains("in neither half")),
        );
}

#[test]
fn write_synthetic_writes_articles_and_gold_that_eval_reads() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_folder(dir.path());
    let out = dir.path().join("synth");
    mtclean()
        .args(["eval", "--data"])
        .arg(&data)
        .arg("--write-synthetic")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 2 synthetic articles"));
    let parts: Vec<PathBuf> = ["dev", "held-out"]
        .iter()
        .map(|p| out.join(p))
        .filter(|p| p.is_dir())
        .collect();
    assert!(!parts.is_empty());
    for part in parts {
        mtclean().arg("eval").arg(&part).assert().success();
    }
}
