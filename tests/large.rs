//! Robustness on one huge line: every corpus article (the seeds), whitespace collapsed, joined with spaces
//! and repeated until the text is N MB with no line break at all (a scraped dump that lost its
//! newlines). The output must be the cleaned two-article-sets piece repeated: the same fixes
//! everywhere, none lost or doubled at the seams, nothing else changed.
//!
//! The 200 MB run takes minutes in release and is ignored in the normal suite:
//! `cargo test --release --test large -- --ignored` (figures in docs/PERFORMANCE.md).

use std::path::Path;
use std::process::Command;

/// All corpus articles on one line, separated by single spaces.
fn unit() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    // The repository's own articles (the seeds): the shared eval folder is not needed here.
    let mut paths: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.is_file())
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "corpus articles missing");
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn repeat(unit: &str, times: usize) -> String {
    let mut text = String::with_capacity((unit.len() + 1) * times);
    for i in 0..times {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(unit);
    }
    text
}

fn run(args: &[&str], path: &Path) -> (i32, Vec<u8>) {
    let output = Command::new(assert_cmd::cargo::cargo_bin("mtclean"))
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    (output.status.code().unwrap(), output.stdout)
}

fn single_line(megabytes: usize) {
    let unit = unit();
    let times = megabytes * 1_000_000 / (unit.len() + 1) + 1;
    let dir = tempfile::tempdir().unwrap();

    // The reference: the same fixes on a small piece. Two copies, not one: article evidence
    // counts repeats (a glued token seen twice reads as a name), and from two copies on the
    // cleaned piece is the same whatever the length.
    let small = dir.path().join("small.txt");
    std::fs::write(&small, repeat(&unit, 2)).unwrap();
    let (code, piece) = run(&["fix"], &small);
    assert_eq!(code, 0);
    let piece = String::from_utf8(piece).unwrap();
    assert!(!piece.contains('\n'));
    let cleaned_unit = &piece[..(piece.len() - 1) / 2];
    assert_eq!(piece, repeat(cleaned_unit, 2), "the two copies clean alike");
    assert_ne!(cleaned_unit, unit);

    let big = dir.path().join("big.txt");
    std::fs::write(&big, repeat(&unit, times)).unwrap();
    let (code, stdout) = run(&["fix", "--check"], &big);
    assert_eq!(code, 1, "--check: something would change");
    assert!(stdout.is_empty());

    let out = dir.path().join("out");
    let (code, _) = run(&["fix", "-q", "--out-dir", out.to_str().unwrap()], &big);
    assert_eq!(code, 0);
    let cleaned = std::fs::read_to_string(out.join("big.txt")).unwrap();
    assert_eq!(cleaned.matches("Kim He had").count(), 0);
    assert_eq!(cleaned.matches("At first, Kim had").count(), times);
    assert_eq!(cleaned.len(), (cleaned_unit.len() + 1) * times - 1);
    assert!(
        cleaned == repeat(cleaned_unit, times),
        "the {megabytes} MB line is not the cleaned piece repeated {times} times"
    );
}

/// 2 MB on one line: fast enough for the debug test profile.
#[test]
fn single_line_of_2_mb() {
    single_line(2);
}

#[test]
#[ignore = "200 MB: run with --release -- --ignored"]
fn single_line_of_200_mb() {
    single_line(200);
}
