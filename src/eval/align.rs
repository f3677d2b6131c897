//! A faithful port of the pieces of Python the reference scorer (`score.py`) relies on:
//! the token regex `\w+|[^\w\s]` with Python's Unicode `\w`/`\s`, and
//! `difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()`, tie-breaking included.
//!
//! Offsets are byte offsets (Python's are code points; every use is an order comparison or a slice,
//! so the two agree).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

/// One token: its text and byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Python's `str.isspace()` (and `\s` in a `str` pattern): Unicode White_Space plus the
/// information separators U+001C–U+001F (bidi class B/S).
pub fn py_is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.isalnum()` for one character: letters (L*) and numbers (N*).
pub fn py_is_alnum(c: char) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let re = RE.get_or_init(|| Regex::new(r"^[\p{L}\p{N}]$").unwrap());
    let mut buf = [0u8; 4];
    re.is_match(c.encode_utf8(&mut buf))
}

/// `re.finditer(r"\w+|[^\w\s]", text)` with Python's semantics: `\w` is `[\p{L}\p{N}_]`
/// (not Rust's, which also takes combining marks and connector punctuation).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s\x{1c}-\x{1f}]").expect("token regex")
    });
    re.find_iter(text)
        .map(|m| Token {
            text: m.as_str(),
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

/// `score.py`'s `norm()`: NFC, ’ → ', runs of whitespace → one space, stripped.
pub fn norm(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = s
        .nfc()
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect();
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split(py_is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// An opcode tag, as `get_opcodes()` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Equal,
    Replace,
    Delete,
    Insert,
}

/// `(tag, i1, i2, j1, j2)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opcode {
    pub tag: Tag,
    pub i1: usize,
    pub i2: usize,
    pub j1: usize,
    pub j2: usize,
}

/// `SequenceMatcher(None, a, b, autojunk=False)`: no junk, no popular elements.
pub struct SequenceMatcher {
    a: Vec<u32>,
    b: Vec<u32>,
    b2j: HashMap<u32, Vec<usize>>,
}

impl SequenceMatcher {
    pub fn new<'s, T: AsRef<str>>(a: &'s [T], b: &'s [T]) -> SequenceMatcher {
        // Intern: equality of ids is equality of strings.
        let mut ids: HashMap<&'s str, u32> = HashMap::new();
        let mut intern = |s: &'s str| {
            let next = ids.len() as u32;
            *ids.entry(s).or_insert(next)
        };
        let a: Vec<u32> = a.iter().map(|s| intern(s.as_ref())).collect();
        let b: Vec<u32> = b.iter().map(|s| intern(s.as_ref())).collect();
        let mut b2j: HashMap<u32, Vec<usize>> = HashMap::new();
        for (j, &elt) in b.iter().enumerate() {
            b2j.entry(elt).or_default().push(j);
        }
        SequenceMatcher { a, b, b2j }
    }

    /// `find_longest_match(alo, ahi, blo, bhi)` → `(i, j, k)`.
    pub fn find_longest_match(
        &self,
        alo: usize,
        ahi: usize,
        blo: usize,
        bhi: usize,
    ) -> (usize, usize, usize) {
        let (a, b) = (&self.a, &self.b);
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
        let mut j2len: HashMap<usize, usize> = HashMap::new();
        let nothing: Vec<usize> = Vec::new();
        for (i, elt) in a.iter().enumerate().take(ahi).skip(alo) {
            let mut newj2len: HashMap<usize, usize> = HashMap::new();
            for &j in self.b2j.get(elt).unwrap_or(&nothing) {
                if j < blo {
                    continue;
                }
                if j >= bhi {
                    break;
                }
                let prev = if j == 0 {
                    0
                } else {
                    j2len.get(&(j - 1)).copied().unwrap_or(0)
                };
                let k = prev + 1;
                newj2len.insert(j, k);
                if k > bestsize {
                    besti = i + 1 - k;
                    bestj = j + 1 - k;
                    bestsize = k;
                }
            }
            j2len = newj2len;
        }
        // No junk: only the non-junk extensions can apply (and are no-ops in practice).
        while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
            besti -= 1;
            bestj -= 1;
            bestsize += 1;
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && a[besti + bestsize] == b[bestj + bestsize]
        {
            bestsize += 1;
        }
        (besti, bestj, bestsize)
    }

    /// `get_matching_blocks()`, adjacent blocks collapsed, ending with `(la, lb, 0)`.
    pub fn matching_blocks(&self) -> Vec<(usize, usize, usize)> {
        let (la, lb) = (self.a.len(), self.b.len());
        let mut queue = vec![(0, la, 0, lb)];
        let mut blocks = Vec::new();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let (i, j, k) = self.find_longest_match(alo, ahi, blo, bhi);
            if k > 0 {
                blocks.push((i, j, k));
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        blocks.sort();
        let (mut i1, mut j1, mut k1) = (0, 0, 0);
        let mut out = Vec::new();
        for (i2, j2, k2) in blocks {
            if i1 + k1 == i2 && j1 + k1 == j2 {
                k1 += k2;
            } else {
                if k1 > 0 {
                    out.push((i1, j1, k1));
                }
                (i1, j1, k1) = (i2, j2, k2);
            }
        }
        if k1 > 0 {
            out.push((i1, j1, k1));
        }
        out.push((la, lb, 0));
        out
    }

    /// `get_opcodes()`.
    pub fn opcodes(&self) -> Vec<Opcode> {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        for (ai, bj, size) in self.matching_blocks() {
            let tag = if i < ai && j < bj {
                Some(Tag::Replace)
            } else if i < ai {
                Some(Tag::Delete)
            } else if j < bj {
                Some(Tag::Insert)
            } else {
                None
            };
            if let Some(tag) = tag {
                out.push(Opcode {
                    tag,
                    i1: i,
                    i2: ai,
                    j1: j,
                    j2: bj,
                });
            }
            i = ai + size;
            j = bj + size;
            if size > 0 {
                out.push(Opcode {
                    tag: Tag::Equal,
                    i1: ai,
                    i2: i,
                    j1: bj,
                    j2: j,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(a: &str, b: &str) -> Vec<(Tag, usize, usize, usize, usize)> {
        let a: Vec<String> = a.chars().map(String::from).collect();
        let b: Vec<String> = b.chars().map(String::from).collect();
        SequenceMatcher::new(&a, &b)
            .opcodes()
            .into_iter()
            .map(|o| (o.tag, o.i1, o.i2, o.j1, o.j2))
            .collect()
    }

    #[test]
    fn opcodes_match_python_docs_example() {
        // difflib docs: SequenceMatcher(None, "qabxcd", "abycdf").get_opcodes()
        use Tag::*;
        assert_eq!(
            ops("qabxcd", "abycdf"),
            vec![
                (Delete, 0, 1, 0, 0),
                (Equal, 1, 3, 0, 2),
                (Replace, 3, 4, 2, 3),
                (Equal, 4, 6, 3, 5),
                (Insert, 6, 6, 5, 6),
            ]
        );
    }

    #[test]
    fn longest_match_prefers_earliest_in_a() {
        // difflib docs: find_longest_match on " abcd" / "abcd abcd" gives (0, 4, 5).
        let a: Vec<String> = " abcd".chars().map(String::from).collect();
        let b: Vec<String> = "abcd abcd".chars().map(String::from).collect();
        assert_eq!(
            SequenceMatcher::new(&a, &b).find_longest_match(0, 5, 0, 9),
            (0, 4, 5)
        );
    }

    #[test]
    fn tokens_follow_python_word_class() {
        let t: Vec<&str> = tokens("Kim’s  co-op_1 ½x é\u{301}")
            .iter()
            .map(|t| t.text)
            .collect();
        // Combining marks are not \w in Python: the accent is its own token.
        assert_eq!(
            t,
            vec!["Kim", "’", "s", "co", "-", "op_1", "½x", "é", "\u{301}"]
        );
    }

    #[test]
    fn norm_collapses_and_straightens() {
        assert_eq!(norm("  it’s \n a\u{a0}test "), "it's a test");
    }
}
