//! `mtclean review` (scripted through stdin), `mtclean report` and `mtclean fix --decisions`.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

/// Decisions in order: 1 safe (stray subject), 2 unsafe (calque), 3 safe (same rule as 1),
/// 4 display-only without a suggestion (user rule below).
const ARTICLE: &str = "At first, Kim He had a cool relationship with Moscow.\n\
It backed Moscow after what Russia invade Ukraine.\n\
Later, Moscow He has denied it.\n\
He said por supuesto.\n";

const DISPLAY_RULE: &str = r#"family = "passage"

[[rule]]
id = "spanish-por-supuesto"
message = "an untranslated Spanish phrase"
pattern = '''\bpor supuesto\b'''
applicability = "display-only"
examples = [{ input = "He said por supuesto.", output = "He said por supuesto." }]
ok = ["He said of course."]
"#;

const STRAY: &str = "stray-subject-after-name";
const CALQUE: &str = "despues-de-que-after-what";

fn mtclean() -> Command {
    let mut cmd = Command::cargo_bin("mtclean").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

struct Setup {
    dir: tempfile::TempDir,
    article: PathBuf,
    rules: PathBuf,
}

fn setup(text: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(&article, text).unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("mine.toml"), DISPLAY_RULE).unwrap();
    Setup {
        dir,
        article,
        rules,
    }
}

fn review(setup: &Setup, extra: &[&str], answers: &str) -> assert_cmd::assert::Assert {
    mtclean()
        .arg("review")
        .arg(&setup.article)
        .arg("--rules")
        .arg(&setup.rules)
        .args(extra)
        .write_stdin(answers)
        .assert()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn review_yes_no_quit_to_stdout() {
    let s = setup(ARTICLE);
    review(&s, &["--output", "-"], "y\nn\nq\n")
        .success()
        .stdout(ARTICLE.replace("Kim He had", "Kim had"))
        .stderr(
            predicate::str::contains("(1/4) article.txt:1:15")
                .or(predicate::str::contains("(1/4)"))
                .and(predicate::str::contains("Kim [-He -]had"))
                .and(predicate::str::contains(STRAY))
                .and(predicate::str::contains("(safe, confidence 0.90)"))
                .and(predicate::str::contains(
                    "[y]es [n]o [e]dit [a]ll of this rule [d]rop this rule [b]ack [q]uit [?]",
                ))
                .and(predicate::str::contains("{+"))
                .and(predicate::str::contains(
                    "1 accepted, 1 rejected, 0 edited; 2 of 4",
                ))
                .and(predicate::str::contains("\x1b").not()),
        );
    assert_eq!(read(&s.article), ARTICLE, "--output leaves the file alone");
}

#[test]
fn review_rewrites_the_file_keeping_bom_crlf_and_permissions() {
    let text = format!("\u{feff}{}", ARTICLE.replace('\n', "\r\n"));
    let s = setup(&text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&s.article, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    review(&s, &[], "y\ny\ny\nn\n").success();
    let expected = text
        .replace("Kim He had", "Kim had")
        .replace("after what Russia invade", "after Russia invaded")
        .replace("Moscow He has", "Moscow has");
    assert_eq!(read(&s.article), expected);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&s.article).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

#[test]
fn review_edit_types_a_replacement() {
    let s = setup(ARTICLE);
    review(&s, &["-o", "-"], "e\nhas had\nn\nn\nn\n")
        .success()
        .stdout(ARTICLE.replace("Kim He had", "Kim has had"))
        .stderr(
            predicate::str::contains("replacement for “He had”")
                .and(predicate::str::contains("0 accepted, 3 rejected, 1 edited")),
        );
}

#[test]
fn review_all_of_this_rule_and_drop_this_rule() {
    let s = setup(ARTICLE);
    // a: accept 1 and (without asking) 3; n: reject 2; n: skip 4.
    review(&s, &["-o", "-"], "a\nn\nn\n")
        .success()
        .stdout(
            ARTICLE
                .replace("Kim He had", "Kim had")
                .replace("Moscow He has", "Moscow has"),
        )
        .stderr(
            predicate::str::contains("(3/4)")
                .and(predicate::str::contains("accepted (rule choice)")),
        );
    // d: reject 1 and 3; y: accept 2; end of input at 4: quit.
    review(&s, &["-o", "-"], "d\ny\n")
        .success()
        .stdout(ARTICLE.replace("after what Russia invade", "after Russia invaded"))
        .stderr(
            predicate::str::contains("rejected (rule choice)").and(predicate::str::contains(
                format!("  {STRAY}: 0 accepted, 2 rejected, 0 edited"),
            )),
        );
}

#[test]
fn review_display_only_offers_no_yes_but_edit() {
    let s = setup(ARTICLE);
    review(
        &s,
        &["-o", "-", "--color", "never"],
        "n\nn\nn\ny\n?\ne\nof course\n",
    )
    .success()
    .stdout(ARTICLE.replace("por supuesto", "of course"))
    .stderr(
        predicate::str::contains("[!por supuesto!]")
            .and(predicate::str::contains(
                "no suggestion: [n]o [e]dit [a]ll of this rule [d]rop this rule [b]ack [q]uit [?]",
            ))
            .and(predicate::str::contains("no suggestion to accept"))
            .and(predicate::str::contains("q - quit"))
            .and(predicate::str::contains("display-only")),
    );
}

#[test]
fn review_only_safe_keeps_the_rest_as_fix_does() {
    let s = setup(ARTICLE);
    review(&s, &["-o", "-", "--only", "safe"], "y\nn\n")
        .success()
        .stdout(ARTICLE.replace("Kim He had", "Kim had"))
        .stderr(predicate::str::contains("(2/4)").not());
}

#[test]
fn review_colour_when_asked() {
    let s = setup(ARTICLE);
    review(&s, &["-o", "-", "--color", "always"], "q\n")
        .success()
        .stdout(ARTICLE)
        .stderr(predicate::str::contains("\x1b[31;9m"));
}

#[test]
fn review_decisions_are_saved_and_reused_on_another_article() {
    let s = setup(ARTICLE);
    let decisions = s.dir.path().join("decisions.json");
    // a: all of the stray-subject rule; d: drop the calque rule; n: skip the display-only.
    review(
        &s,
        &["--decisions", decisions.to_str().unwrap()],
        "a\nd\nn\n",
    )
    .success();
    let saved: serde_json::Value = serde_json::from_str(&read(&decisions)).unwrap();
    assert_eq!(saved["rules"][STRAY], "all");
    assert_eq!(saved["rules"][CALQUE], "drop");
    assert_eq!(saved["decisions"].as_array().unwrap().len(), 4);
    let reviewed = read(&s.article);
    assert_eq!(
        reviewed,
        ARTICLE
            .replace("Kim He had", "Kim had")
            .replace("Moscow He has", "Moscow has")
    );

    // A second article: the rule choices answer everything, no question asked.
    let second = s.dir.path().join("second.txt");
    let text = "Earlier, Seoul He had said so. They left after what Russia invade it.\n";
    std::fs::write(&second, text).unwrap();
    mtclean()
        .arg("review")
        .arg(&second)
        .args(["--apply-decisions", decisions.to_str().unwrap(), "-o", "-"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(text.replace("Seoul He had", "Seoul had"))
        .stderr(predicate::str::contains("[q]uit").not());

    // `fix --decisions` applies the saved file to the original article.
    let original = s.dir.path().join("original.txt");
    std::fs::write(&original, ARTICLE).unwrap();
    mtclean()
        .args(["fix", "--rules"])
        .arg(&s.rules)
        .arg("--decisions")
        .arg(&decisions)
        .arg(&original)
        .assert()
        .success()
        .stdout(reviewed)
        .stderr("");
}

#[test]
fn review_errors_exit_two() {
    let s = setup(ARTICLE);
    mtclean().args(["review", "-"]).assert().code(2);
    mtclean()
        .args(["review", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
    let bad = s.dir.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    review(&s, &["--decisions", bad.to_str().unwrap()], "")
        .code(2)
        .stderr(predicate::str::contains("bad decisions file"));
    review(&s, &["--apply-decisions", "no/such.json"], "").code(2);
    assert_eq!(read(&s.article), ARTICLE);
}

fn decisions_json(entries: &str, rules: &str) -> String {
    format!(r#"{{"version": 1, "decisions": [{entries}], "rules": {{{rules}}}}}"#)
}

#[test]
fn fix_decisions_applies_exactly_the_accepted_and_edited() {
    let s = setup(ARTICLE);
    let path = s.dir.path().join("d.json");
    let start = ARTICLE.find("what Russia invade").unwrap();
    let calque = format!(
        r#"{{"rule": "{CALQUE}", "start": {start}, "end": {}, "before": "what Russia invade", "after": "Russia invaded", "choice": "accepted"}}"#,
        start + "what Russia invade".len()
    );
    let kim = ARTICLE.find("He had").unwrap();
    let edited = format!(
        r#"{{"rule": "{STRAY}", "start": {kim}, "end": {}, "before": "He had", "after": "had", "choice": "edited", "text": "has had"}}"#,
        kim + 6
    );
    std::fs::write(&path, decisions_json(&format!("{calque}, {edited}"), "")).unwrap();
    mtclean()
        .arg("fix")
        .arg("--decisions")
        .arg(&path)
        .arg(&s.article)
        .assert()
        .success()
        .stdout(
            ARTICLE
                .replace("Kim He had", "Kim has had")
                .replace("after what Russia invade", "after Russia invaded"),
        );
    // A rule choice covers every decision of the rule; nothing else is applied.
    std::fs::write(&path, decisions_json("", &format!(r#""{STRAY}": "all""#))).unwrap();
    mtclean()
        .arg("fix")
        .arg("--decisions")
        .arg(&path)
        .arg(&s.article)
        .assert()
        .success()
        .stdout(
            ARTICLE
                .replace("Kim He had", "Kim had")
                .replace("Moscow He has", "Moscow has"),
        );
    // --check and --diff follow the decisions too.
    std::fs::write(&path, decisions_json("", "")).unwrap();
    mtclean()
        .args(["fix", "--check", "--decisions"])
        .arg(&path)
        .arg(&s.article)
        .assert()
        .code(0);
    // A decision that matches nothing is reported.
    std::fs::write(
        &path,
        decisions_json(
            &format!(r#"{{"rule": "{STRAY}", "start": 0, "end": 2, "before": "At", "after": "x", "choice": "accepted"}}"#),
            "",
        ),
    )
    .unwrap();
    mtclean()
        .arg("fix")
        .arg("--decisions")
        .arg(&path)
        .arg(&s.article)
        .assert()
        .success()
        .stdout(ARTICLE)
        .stderr(predicate::str::contains(
            "1 decision(s) of the decisions file match no change",
        ));
}

#[test]
fn fix_decisions_bad_file_is_an_error() {
    let s = setup(ARTICLE);
    let path = s.dir.path().join("d.json");
    std::fs::write(&path, r#"{"decisions": [{"rule": "x", "start": 0, "end": 1, "before": "A", "after": "B", "choice": "edited"}]}"#).unwrap();
    mtclean()
        .arg("fix")
        .arg("--decisions")
        .arg(&path)
        .arg(&s.article)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`edited` needs a `text`"));
    mtclean()
        .args(["fix", "--decisions", "no/such.json"])
        .arg(&s.article)
        .assert()
        .code(2);
}

#[test]
fn report_writes_one_escaped_self_contained_page() {
    let hostile = format!(
        "{ARTICLE}Hostile <script>alert(1)</script> \"q\" 'a' & </textarea> </script> end.\n"
    );
    let s = setup(&hostile);
    let second = s.dir.path().join("<b>second&'.txt");
    std::fs::write(&second, "Later, Moscow He has denied it.\n").unwrap();
    let page = s.dir.path().join("review.html");
    mtclean()
        .args(["report", "-o"])
        .arg(&page)
        .arg(&s.article)
        .arg(&second)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("2 article(s)"));
    let html = read(&page);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("</textarea>"));
    assert!(!html.contains("<b>second"));
    assert_eq!(html.matches("</script>").count(), 2, "only the page's own");
    assert!(html.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39; &amp; &lt;/textarea&gt;"
    ));
    assert!(html.contains("\\u003c/script\\u003e"));
    assert!(!html.contains("http:") && !html.contains("https:") && !html.contains("src="));
    assert!(html.contains(STRAY) && html.contains(CALQUE));
    assert!(html.contains("<del>") && html.contains("<ins>"));
    // The same diff as `mtclean diff`: the same marked segments.
    assert!(html.contains(
        "data-family=\"dup_subject\"><del><span class=\"mk\">[-</span>He <span class=\"mk\">-]</span></del>had"
    ));

    mtclean()
        .args(["report", "-o", "-"])
        .arg(&s.article)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<!DOCTYPE html>"));
    mtclean()
        .args(["report", "-o"])
        .arg(&page)
        .arg("no/such/file.txt")
        .assert()
        .code(2);
    mtclean().args(["report"]).arg(&s.article).assert().code(2);
    mtclean()
        .args(["report", "-o", "no/such/dir/r.html"])
        .arg(&s.article)
        .assert()
        .code(2);
}

#[test]
fn review_back_undoes_the_previous_answer() {
    let s = setup(ARTICLE);
    // No to the first, back, yes to it; `a` on the third... then back from the fourth undoes the
    // rule choice too.
    review(&s, &["-o", "-"], "n\nb\ny\nn\nn\nn\n")
        .success()
        .stdout(ARTICLE.replace("Kim He had", "Kim had"));
    review(&s, &["-o", "-"], "b\nd\nb\ny\nn\nn\nn\n")
        .success()
        .stdout(ARTICLE.replace("Kim He had", "Kim had"))
        .stderr(predicate::str::contains("nothing to go back to"));
}

#[test]
fn review_saves_the_decisions_after_every_answer() {
    use std::io::Write;
    let s = setup(ARTICLE);
    let decisions = s.dir.path().join("d.json");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mtclean"))
        .arg("review")
        .arg(&s.article)
        .arg("--rules")
        .arg(&s.rules)
        .arg("--decisions")
        .arg(&decisions)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"y\n").unwrap();
    stdin.flush().unwrap();
    // The session is still open (stdin not closed): the answer must already be on disk.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !decisions.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let saved = read(&decisions);
    assert!(
        saved.contains(STRAY) && saved.contains("accepted"),
        "{saved}"
    );
    assert_eq!(
        read(&s.article),
        ARTICLE,
        "killed: the article is untouched"
    );
}
