//! `mtclean review` in a real pseudo-terminal (expectrl): prompts are read off the terminal,
//! answers typed as keystrokes, colour on because stderr is a terminal, the file rewritten.
#![cfg(unix)]

use expectrl::{Eof, Session};
use std::time::Duration;

const ARTICLE: &str = "At first, Kim He had a cool relationship with Moscow.\n\
It backed Moscow after what Russia invade Ukraine.\n\
Later, Moscow He has denied it.\n";

const PROMPT: &str = "[q]uit [?] > ";

#[test]
fn review_in_a_terminal_with_keystrokes() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mtclean"));
    command.arg("review").arg(&article).env_remove("NO_COLOR");
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(60)));

    // 1: stray subject, shown in colour (old red and struck); `?` prints help, then `y`.
    let shown = session.expect(PROMPT).unwrap();
    let shown = String::from_utf8_lossy(shown.before()).to_string();
    assert!(shown.contains("(1/3)"), "{shown}");
    assert!(shown.contains("\x1b[31;9mHe "), "{shown}");
    assert!(shown.contains("stray-subject-after-name"), "{shown}");
    session.send_line("?").unwrap();
    session.expect("q - quit").unwrap();
    session.expect(PROMPT).unwrap();
    session.send_line("y").unwrap();
    // 2: the unsafe calque: edit it.
    let shown = session.expect(PROMPT).unwrap();
    assert!(String::from_utf8_lossy(shown.before()).contains("(2/3)"));
    session.send_line("e").unwrap();
    session.expect("replacement for").unwrap();
    session.send_line("Russia attacked").unwrap();
    // 3: no.
    session.expect(PROMPT).unwrap();
    session.send_line("n").unwrap();
    let rest = session.expect(Eof).unwrap();
    let summary = String::from_utf8_lossy(rest.as_bytes()).to_string();
    assert!(
        summary.contains("1 accepted, 1 rejected, 1 edited"),
        "{summary}"
    );

    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        ARTICLE
            .replace("Kim He had", "Kim had")
            .replace("what Russia invade", "Russia attacked")
    );
}

#[test]
fn check_without_files_on_a_terminal_says_it_reads_stdin() {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mtclean"));
    command.args(["check", "--no-config"]);
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(60)));
    session.expect("reading the text from stdin").unwrap();
    session
        .send_line("At first, Kim He had a cool relationship with Moscow.")
        .unwrap();
    session
        .send(expectrl::ControlCode::EndOfTransmission)
        .unwrap();
    session.expect("stray-subject-after-name").unwrap();
}
