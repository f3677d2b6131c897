//! The HTML review page (`mtclean report`): one self-contained file (inline CSS and JS, no
//! network), each article's text with every decision inline (`<del>` old, `<ins>` new, with text
//! markers so it reads without colour), its rule, message and confidence, and an accept/reject
//! toggle. Buttons download the cleaned text and export the choices as a decisions file that
//! `mtclean fix --decisions` applies.
//!
//! The page renders the same [`segments`](super::segments) as `mtclean diff` and `mtclean review`.
//! The JS never uses byte offsets: the text is rebuilt from the segments (JS strings are UTF-16);
//! the byte spans are only echoed into the exported decisions file.
//!
//! Everything from the article is escaped; the data is JSON in a `<script type="application/json">`
//! with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`.

use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{Piece, Segment, segments};
use crate::engine::finding::Applicability;
use crate::review::Decision;

/// One article of the page.
pub struct Article<'a> {
    pub name: &'a str,
    pub original: &'a str,
    pub decisions: &'a [Decision],
}

#[derive(Serialize)]
struct ArticleData<'a> {
    name: &'a str,
    /// Where the page keeps this article's choices in the browser: a hash of the text and of the
    /// changes, so choices come back only for the same article and the same changes.
    key: String,
    decisions: Vec<DecisionData<'a>>,
    /// `[piece, decision index or -1, text]`.
    segments: Vec<(Piece, i64, &'a str)>,
}

#[derive(Serialize)]
struct DecisionData<'a> {
    rule: &'a str,
    rules: &'a [String],
    family: &'a str,
    applicability: &'a str,
    confidence: f32,
    messages: &'a [String],
    start: usize,
    end: usize,
    before: &'a str,
    after: &'a str,
    suggestion: bool,
    accepted: bool,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that is safe inside `<script>`: no `<`, `>` or `&` can end the element.
fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .expect("plain data serialises")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// FNV-1a (64 bits) of the article's text and its changes' spans and replacements, in hex: a
/// storage key, not a security measure.
fn storage_key(article: &Article) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    feed(article.original.as_bytes());
    for d in article.decisions {
        feed(&d.span.start.to_le_bytes());
        feed(&d.span.end.to_le_bytes());
        feed(d.after.as_bytes());
    }
    format!("{hash:016x}")
}

const STYLE: &str = include_str!("review.css");
const SCRIPT: &str = include_str!("review.js");

/// The whole page.
pub fn report(articles: &[Article]) -> String {
    let all_segments: Vec<Vec<Segment>> = articles
        .iter()
        .map(|a| segments(a.original, a.decisions, 0, 0..a.original.len()))
        .collect();
    let data: Vec<ArticleData> = articles
        .iter()
        .zip(&all_segments)
        .map(|(article, segs)| ArticleData {
            name: article.name,
            key: storage_key(article),
            decisions: article
                .decisions
                .iter()
                .map(|d| DecisionData {
                    rule: &d.rule,
                    rules: &d.rules,
                    family: d.family.as_str(),
                    applicability: d.applicability.as_str(),
                    confidence: (d.confidence * 1000.0).round() / 1000.0,
                    messages: &d.messages,
                    start: d.span.start,
                    end: d.span.end,
                    before: &d.before,
                    after: &d.after,
                    suggestion: d.has_suggestion(),
                    accepted: d.default_choice() == crate::review::Choice::Accept,
                })
                .collect(),
            segments: segs
                .iter()
                .map(|s| {
                    (
                        s.piece,
                        s.decision.map_or(-1, |d| d as i64),
                        s.text.as_str(),
                    )
                })
                .collect(),
        })
        .collect();
    let families: BTreeSet<&str> = articles
        .iter()
        .flat_map(|a| a.decisions.iter().map(|d| d.family.as_str()))
        .collect();

    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>mtclean review</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>mtclean review</h1>\n");
    out.push_str(
        "<p class=\"help\">Each change shows the old text <del><span class=\"mk\">[-</span>struck\
         <span class=\"mk\">-]</span></del> and the new text <ins><span class=\"mk\">{+</span>\
         inserted<span class=\"mk\">+}</span></ins>, its rule, confidence and message. \
         Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous change, <kbd>a</kbd> accept, \
         <kbd>r</kbd> reject, <kbd>Space</kbd> toggle. Safe fixes start accepted, unsafe and \
         display-only ones rejected. Your choices are kept in this browser (a reload keeps \
         them); leaving with choices not yet exported asks first.</p>\n",
    );
    if articles.len() > 1 {
        out.push_str(
            "<p class=\"actions\"><button type=\"button\" data-export-all>Export the decisions \
             of every article (one JSON file each)</button></p>\n",
        );
    }
    out.push_str("<form class=\"filters\" aria-label=\"Filters\">\n<fieldset><legend>Applicability</legend>\n");
    for app in ["safe", "unsafe", "display-only"] {
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" data-filter=\"app\" value=\"{app}\" checked> {app}</label>"
        );
    }
    out.push_str("</fieldset>\n<fieldset><legend>Family</legend>\n");
    for family in &families {
        let family = escape(family);
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" data-filter=\"family\" value=\"{family}\" checked> {family}</label>"
        );
    }
    out.push_str("</fieldset>\n</form>\n</header>\n<main>\n");

    for (i, (article, segs)) in articles.iter().zip(&all_segments).enumerate() {
        let name = escape(article.name);
        let count = |app: Applicability| {
            article
                .decisions
                .iter()
                .filter(|d| d.applicability == app)
                .count()
        };
        let _ = writeln!(
            out,
            "<section class=\"article\" id=\"a{i}\" aria-labelledby=\"h{i}\">\n<h2 id=\"h{i}\">{name}</h2>"
        );
        let _ = writeln!(
            out,
            "<p class=\"counts\" id=\"counts{i}\" aria-live=\"polite\">{} changes: {} safe, {} unsafe, {} display-only</p>",
            article.decisions.len(),
            count(Applicability::Safe),
            count(Applicability::Unsafe),
            count(Applicability::DisplayOnly)
        );
        let _ = writeln!(
            out,
            "<p class=\"actions\"><button type=\"button\" data-download=\"{i}\">Download cleaned text</button> \
             <button type=\"button\" data-export=\"{i}\">Export decisions (JSON)</button> \
             <button type=\"button\" data-all=\"{i}\" data-to=\"accepted\">Accept all shown</button> \
             <button type=\"button\" data-all=\"{i}\" data-to=\"rejected\">Reject all shown</button></p>"
        );
        out.push_str("<div class=\"text\">");
        let mut k = 0;
        while k < segs.len() {
            let Some(d) = segs[k].decision else {
                out.push_str(&escape(&segs[k].text));
                k += 1;
                continue;
            };
            let decision = &article.decisions[d];
            let accepted = decision.default_choice() == crate::review::Choice::Accept;
            let state = if accepted { "accepted" } else { "rejected" };
            let _ = write!(
                out,
                "<span class=\"chg {state} app-{} fam-{}\" id=\"c{i}-{d}\" data-article=\"{i}\" data-decision=\"{d}\" data-app=\"{}\" data-family=\"{}\">",
                decision.applicability.as_str(),
                escape(decision.family.as_str()),
                decision.applicability.as_str(),
                escape(decision.family.as_str()),
            );
            while k < segs.len() && segs[k].decision == Some(d) {
                let text = escape(&segs[k].text);
                match segs[k].piece {
                    Piece::Same if !decision.has_suggestion() => {
                        let _ = write!(
                            out,
                            "<mark><span class=\"mk\">[!</span>{text}<span class=\"mk\">!]</span></mark>"
                        );
                    }
                    Piece::Same => out.push_str(&text),
                    Piece::Old => {
                        let _ = write!(
                            out,
                            "<del><span class=\"mk\">[-</span>{text}<span class=\"mk\">-]</span></del>"
                        );
                    }
                    Piece::New => {
                        let _ = write!(
                            out,
                            "<ins><span class=\"mk\">{{+</span>{text}<span class=\"mk\">+}}</span></ins>"
                        );
                    }
                }
                k += 1;
            }
            let rule = escape(&decision.rules.join(" + "));
            let (label, disabled) = if decision.has_suggestion() {
                (
                    if accepted {
                        "✓ accepted"
                    } else {
                        "✗ rejected"
                    },
                    "",
                )
            } else {
                ("note: no fix", " aria-disabled=\"true\"")
            };
            let _ = write!(
                out,
                "<button type=\"button\" class=\"tog\" aria-pressed=\"{accepted}\"{disabled} aria-describedby=\"m{i}-{d}\">{label}</button>\
                 <span class=\"meta\" id=\"m{i}-{d}\">[{rule} · {} · {:.2}] {}</span></span>",
                decision.applicability.as_str(),
                decision.confidence,
                escape(&decision.messages.join("; ")),
            );
        }
        out.push_str("</div>\n</section>\n");
    }
    out.push_str("</main>\n<script type=\"application/json\" id=\"mtclean-data\">");
    out.push_str(&script_json(&data));
    out.push_str("</script>\n<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, Options, Policy, review};

    #[test]
    fn review_page_shows_the_same_segments_as_word_diff() {
        let text = include_str!("../../corpus/000_c13951b50018919a.txt");
        let outcome = Cleaner::new(&Options::default())
            .unwrap()
            .clean(text, Policy::SafeAndUnsafe);
        let decisions = review::decisions(text, &outcome);
        let diff = super::super::word_diff("a", text, &outcome, false);
        let page = report(&[Article {
            name: "a",
            original: text,
            decisions: &decisions,
        }]);
        let all = segments(text, &decisions, 0, 0..text.len());
        assert!(all.iter().any(|s| s.piece == Piece::Old));
        for segment in all {
            let (open, close) = match segment.piece {
                Piece::Same => continue,
                Piece::Old => ("[-", "-]"),
                Piece::New => ("{+", "+}"),
            };
            let shown = format!("{open}{}{close}", segment.text);
            assert!(diff.contains(&shown), "{shown} not in {diff}");
            let marked = format!(
                "{open}</span>{}<span class=\"mk\">{close}",
                escape(&segment.text)
            );
            assert!(page.contains(&marked), "{marked}");
        }
    }

    #[test]
    fn review_page_escapes_hostile_text() {
        let text =
            "At first, Kim He had <script>alert(1)</script> \"q\" 'a' & </textarea></script> ok.";
        let outcome = Cleaner::new(&Options::default())
            .unwrap()
            .clean(text, Policy::SafeAndUnsafe);
        let decisions = review::decisions(text, &outcome);
        let page = report(&[Article {
            name: "<b>name</b>.txt",
            original: text,
            decisions: &decisions,
        }]);
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("</textarea>"));
        assert!(!page.contains("<b>name"));
        assert_eq!(page.matches("</script>").count(), 2, "only the page's own");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("\\u003cscript\\u003ealert(1)"));
        assert!(page.contains("&quot;q&quot; &#39;a&#39; &amp;"));
        assert!(page.contains("lang=\"en\""));
        assert!(!page.contains("http://") && !page.contains("https://"));
    }
}
