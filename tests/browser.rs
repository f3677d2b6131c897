//! The HTML review page in a real browser: headless Chromium driven by playwright-core
//! (`tests/browser/review.test.mjs`) toggles two changes, downloads the cleaned text and the
//! decisions, and the text must equal `mtclean fix --decisions` on the exported decisions.
//!
//! Needs `/usr/bin/chromium`, `node` and `tests/browser/node_modules` (`.ci/run` installs them).
//! Locally a missing piece skips the test with a loud message; with `CI=true` it fails.

use assert_cmd::Command;
use std::path::Path;

const ARTICLE: &str = "At first, Kim He had a cool relationship with Moscow.\n\
It backed Moscow after what Russia invade Ukraine.\n\
Kim promised”hold hands” with Putin.\n\
Hostile: <script>alert(1)</script> \"double\" 'single' & </textarea> </script> “é” 😀 end.\n";

const SECOND: &str = "Later, Moscow He has denied it.\n";

fn missing_pieces(browser_dir: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        missing.push(format!("{chromium} (apt-get install chromium)"));
    }
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        missing.push("node (apt-get install nodejs npm)".into());
    }
    if !browser_dir.join("node_modules/playwright-core").exists() {
        missing.push("tests/browser/node_modules (cd tests/browser && npm ci)".into());
    }
    missing
}

#[test]
fn report_page_in_a_real_browser_matches_fix_decisions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = root.join("tests/browser");
    let missing = missing_pieces(&browser_dir);
    if !missing.is_empty() {
        let message = format!("browser test needs: {}", missing.join(", "));
        if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
            panic!("{message}");
        }
        // Written to the process's stderr, not `eprintln!`: the test harness would swallow that.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED report_page_in_a_real_browser_matches_fix_decisions: {message} ***\n"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let second = dir.path().join("second.txt");
    std::fs::write(&second, SECOND).unwrap();
    let page = dir.path().join("review.html");
    Command::cargo_bin("mtclean")
        .unwrap()
        .args(["report", "-o"])
        .arg(&page)
        .arg(&article)
        .arg(&second)
        .assert()
        .success();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut node = std::process::Command::new("node");
    node.arg(browser_dir.join("review.test.mjs"))
        .arg(&page)
        .arg(&out);
    if let Ok(shot) = std::env::var("MTCLEAN_SCREENSHOT") {
        node.arg(shot);
    }
    let status = node.status().unwrap();
    assert!(status.success(), "the browser script failed: {status}");

    let downloaded = std::fs::read_to_string(out.join("cleaned.txt")).unwrap();
    let decisions = out.join("decisions.json");
    let fixed = Command::cargo_bin("mtclean")
        .unwrap()
        .arg("fix")
        .arg("--decisions")
        .arg(&decisions)
        .arg(&article)
        .output()
        .unwrap();
    assert!(fixed.status.success(), "{fixed:?}");
    assert_eq!(downloaded, String::from_utf8_lossy(&fixed.stdout));
    assert!(fixed.stderr.is_empty(), "every decision matched: {fixed:?}");

    // "Export all" gave one decisions file per article; the second article's (untouched) gives
    // what `fix` gives, the first's what the single export gave.
    for (name, input) in [("article", &article), ("second", &second)] {
        let all = out.join(format!("all-{name}.decisions.json"));
        let fixed = Command::cargo_bin("mtclean")
            .unwrap()
            .arg("fix")
            .arg("--decisions")
            .arg(&all)
            .arg(input)
            .output()
            .unwrap();
        assert!(
            fixed.status.success() && fixed.stderr.is_empty(),
            "{fixed:?}"
        );
        let expected = if name == "article" {
            downloaded.clone()
        } else {
            SECOND.replace("Moscow He has", "Moscow has")
        };
        assert_eq!(String::from_utf8_lossy(&fixed.stdout), expected);
    }

    // The toggles took effect: one safe fix left out, one unsafe fix taken.
    let default = Command::cargo_bin("mtclean")
        .unwrap()
        .arg("fix")
        .arg(&article)
        .output()
        .unwrap();
    let default = String::from_utf8(default.stdout).unwrap();
    assert_ne!(downloaded, default);
    assert_ne!(downloaded, ARTICLE);
    assert!(
        downloaded.contains("Russia invaded Ukraine"),
        "{downloaded}"
    );
    assert!(downloaded.contains("Kim He had"), "{downloaded}");
    assert!(
        downloaded.contains(
            "<script>alert(1)</script> \"double\" 'single' & </textarea> </script> “é” 😀"
        )
    );
}
