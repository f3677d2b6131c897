//! A synthetic benchmark: machine-translation artifacts injected into clean, professionally
//! written English news (`news-clean/` of the shared eval folder), with gold annotations in the
//! shared format.
//!
//! Why: the real articles are few (about 140 core artifacts), so a score on them moves in big
//! steps and rewards rules written for their words. Injected artifacts are many, sit in text
//! nobody tuned for, and come with an exact answer: the clean text they were made from.
//!
//! How: each article gets one to four artifacts, families drawn uniformly among those the text
//! offers a place for, never overlapping or within [`MARGIN`] bytes of each other. The shapes
//! are the ones the real articles' annotations show (glue `Nadalwill`, `ANDthe`, `1953with`,
//! `worksThe`; untranslated function words `y`, `und`, `del`; stray subjects `Kim He had`;
//! `, In a speech`, `in kyiv`, `. tomorrow`; `Exchange ,`, `crime.Police`, `Chile..`, `Jong -un`;
//! `promised”hold`, `War“, wrote`, `end, “he wrote`, `9.”The`; `So Paulo`), applied to whatever
//! words of this article fit the pattern, so no real article's words are used. Each annotation is
//! `tier = "core"`, `accept` holds the original text (and, for a fused name, the split with a
//! comma, which the real gold accepts too), and `before` is widened word by word until
//! it occurs exactly once in the article. Example: `Rafael Nadal will play` becomes
//! `Rafael Nadalwill play` with `{"cat": "glue", "before": "Nadalwill", "accept": ["Nadal will"]}`.
//!
//! Deterministic: a SplitMix64 generator seeded with [`SEED`] and the file name, so adding an
//! article changes no other. The articles are split into `dev` and `held-out` by outlet (a hash of
//! the `outlet` column of `SOURCES.tsv`), so no outlet's style is in both halves.
//!
//! Limits: the artifacts are cleaner than real ones (one per place, no mistranslated content
//! around them); `accept` holds only the original, so a fix that is also right but differs (a
//! comma added to a split glue) counts as wrong; the lower-cased-name shape trusts capitalisation
//! mid-sentence (the article's own evidence, not a lexicon, so the benchmark does not move when
//! the project's word tables do), so it can pick a capitalised common word; the families are the core
//! ones that need no world knowledge (no calques, word order or mistranslated names).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::{Annotation, EvalError, read_text};

/// The fixed seed of every synthetic article (changing it changes the whole benchmark).
pub const SEED: u64 = 0x6d74_636c_6561_6e12;

/// Minimum distance in bytes between two injected artifacts, so widening never makes them meet.
pub const MARGIN: usize = 60;

/// Half of the synthetic articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Dev,
    HeldOut,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Dev => "dev",
            Part::HeldOut => "held-out",
        }
    }
}

/// One injected artifact: its annotation and the shape that made it (for reading the gold).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injected {
    pub annotation: Annotation,
    pub shape: &'static str,
}

/// A clean article with artifacts injected.
#[derive(Debug, Clone)]
pub struct SynthArticle {
    /// The clean article's file name (`0001_outlet.txt`).
    pub name: String,
    pub outlet: String,
    pub part: Part,
    pub text: String,
    pub injected: Vec<Injected>,
}

impl SynthArticle {
    pub fn annotations(&self) -> Vec<Annotation> {
        self.injected.iter().map(|i| i.annotation.clone()).collect()
    }

    /// The gold file, in the shared format (plus each annotation's `shape`, which scorers ignore).
    pub fn gold_json(&self) -> serde_json::Value {
        let anns: Vec<serde_json::Value> = self
            .injected
            .iter()
            .map(|i| {
                serde_json::json!({
                    "cat": i.annotation.cat,
                    "tier": i.annotation.tier,
                    "before": i.annotation.before,
                    "accept": i.annotation.accept,
                    "shape": i.shape,
                })
            })
            .collect();
        serde_json::json!({ "annotations": anns })
    }
}

/// SplitMix64: tiny, deterministic, good enough to pick places.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// FNV-1a, 64 bits: a stable hash (std's is randomised per process).
pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The half an outlet's articles go to.
pub fn part_of_outlet(outlet: &str) -> Part {
    if fnv1a(&outlet.trim().to_lowercase()) >> 32 & 1 == 0 {
        Part::Dev
    } else {
        Part::HeldOut
    }
}

/// A word: a run of letters and digits, by byte offsets.
#[derive(Debug, Clone, Copy)]
struct Word {
    s: usize,
    e: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word { s, e: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word { s, e: text.len() });
    }
    out
}

/// One change to the clean text: `text[start..end]` (the answer) becomes `replacement`.
#[derive(Debug, Clone)]
struct Edit {
    start: usize,
    end: usize,
    replacement: String,
    /// Another right answer for `text[start..end]`, as the real gold lists one (`Nadal, will`).
    alternative: Option<String>,
    cat: &'static str,
    shape: &'static str,
}

/// Function words that follow a name in the glue shapes (`Nadalwill`, `Lopezwho`).
const AFTER_NAME: &[&str] = &[
    "will", "who", "which", "has", "had", "said", "says", "was", "is", "and", "but", "after", "to",
    "of", "in", "with", "that", "for", "on", "at", "from", "would", "could", "also",
];
/// Sentence-initial function words that the `ANDthe` shape upper-cases and fuses.
const CAPS_START: &[&str] = &["And", "But", "The", "In", "On", "At", "For", "So", "As"];
/// Titles whose abbreviation point is followed by a fused word (`Jr.to`).
const ABBREVIATIONS: &[&str] = &[
    "Jr", "Sr", "Dr", "Mr", "Mrs", "Ms", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Prof",
];
/// Verbs after a subject, where a stray pronoun is inserted (`Kim He had`).
const SUBJECT_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "has",
    "had",
    "was",
    "is",
    "will",
    "would",
    "announced",
    "stated",
    "explained",
    "noted",
    "warned",
    "wrote",
    "called",
    "insisted",
    "confirmed",
];
/// Capitalised words that are not names (never a subject for a stray pronoun, never lower-cased
/// as a name).
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "There",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "For",
    "With",
    "From",
    "A",
    "An",
    "If",
    "When",
    "While",
    "As",
    "After",
    "Before",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "What",
    "Who",
    "Which",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];
/// Function words the casing shape capitalises mid-sentence (`and In June`, `Wednesday There`).
const CAP_MID: &[&str] = &[
    "in", "the", "there", "who", "but", "to", "and", "on", "at", "for", "with", "from", "this",
];

/// English function words and their untranslated equivalents, per source language
/// (es, pt, it, fr, de, nl); `None` where the word is spelt as in English or is an English word
/// (nl `met`, it `per`): a cleaner could never tell those apart, so they are no fair test.
const FOREIGN: &[(&str, [Option<&str>; 6])] = &[
    (
        "and",
        [
            Some("y"),
            Some("e"),
            Some("e"),
            Some("et"),
            Some("und"),
            Some("en"),
        ],
    ),
    (
        "with",
        [
            Some("con"),
            Some("com"),
            Some("con"),
            Some("avec"),
            Some("mit"),
            None,
        ],
    ),
    (
        "of",
        [
            Some("de"),
            Some("de"),
            Some("di"),
            Some("de"),
            Some("von"),
            Some("van"),
        ],
    ),
    (
        "but",
        [
            Some("pero"),
            Some("mas"),
            Some("ma"),
            Some("mais"),
            Some("aber"),
            Some("maar"),
        ],
    ),
    (
        "or",
        [
            Some("o"),
            Some("ou"),
            Some("o"),
            Some("ou"),
            Some("oder"),
            None,
        ],
    ),
    (
        "for",
        [
            Some("para"),
            Some("para"),
            None,
            Some("pour"),
            Some("für"),
            Some("voor"),
        ],
    ),
    (
        "from",
        [
            Some("desde"),
            Some("desde"),
            Some("da"),
            Some("depuis"),
            Some("aus"),
            Some("uit"),
        ],
    ),
    ("in", [Some("en"), Some("em"), None, Some("en"), None, None]),
];
/// `of the`, contracted as the source languages write it.
const OF_THE: [&str; 6] = ["del", "do", "del", "du", "vom", "van de"];

/// What the injector needs to know about the article's words.
struct Ctx<'a> {
    text: &'a str,
    w: Vec<Word>,
}

impl<'a> Ctx<'a> {
    fn word(&self, i: usize) -> &'a str {
        &self.text[self.w[i].s..self.w[i].e]
    }

    /// The text between word `i` and word `i + 1`.
    fn gap(&self, i: usize) -> &'a str {
        &self.text[self.w[i].e..self.w[i + 1].s]
    }

    fn is_cap(&self, i: usize) -> bool {
        let w = self.word(i);
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.clone().count() > 0
            && cs.all(char::is_lowercase)
    }

    fn is_lower(&self, i: usize) -> bool {
        self.word(i).chars().all(char::is_lowercase)
    }

    /// First word of a sentence: at the start, after a line break, or after `.`/`!`/`?` (and
    /// any closing quotes).
    fn sentence_initial(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let gap = self.gap(i - 1);
        if gap.contains('\n') {
            return true;
        }
        let trimmed = gap.trim_end().trim_end_matches(['“', '"', '‘', '(']);
        let trimmed = trimmed.trim_end();
        trimmed.ends_with(['.', '!', '?', ':'])
            || trimmed.ends_with(".”")
            || trimmed.ends_with(".\"")
    }

    fn edit(
        &self,
        from: usize,
        to: usize,
        replacement: String,
        cat: &'static str,
        shape: &'static str,
    ) -> Edit {
        Edit {
            start: self.w[from].s,
            end: self.w[to].e,
            replacement,
            alternative: None,
            cat,
            shape,
        }
    }
}

fn upper_first(s: &str) -> String {
    let mut cs = s.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    cs.next()
        .map(|c| c.to_lowercase().chain(cs).collect())
        .unwrap_or_default()
}

/// Every place of the article where each family's shapes fit; `lang` picks the source language
/// of the untranslated words (one per article, as a machine-translated article has one).
fn candidates(c: &Ctx, lang: usize) -> Vec<Vec<Edit>> {
    let (mut glue, mut foreign, mut dup, mut casing, mut punct, mut quotes, mut name) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let n = c.w.len();
    let lower_words: std::collections::HashSet<&str> = (0..n)
        .filter(|&i| c.is_lower(i))
        .map(|i| c.word(i))
        .collect();
    for i in 0..n {
        let w = c.word(i);
        let initial = c.sentence_initial(i);
        let next = (i + 1 < n).then(|| (c.gap(i), c.word(i + 1)));
        let after_stop = i + 1 < n && c.gap(i) == ". ";
        // --- glue ---
        if let Some((gap, nw)) = next {
            // The real gold accepts a comma where a fused name is split (an appositive reading).
            if gap == " " && c.is_cap(i) && !initial && AFTER_NAME.contains(&nw) {
                let mut e = c.edit(i, i + 1, format!("{w}{nw}"), "glue", "name+word");
                e.alternative = Some(format!("{w}, {nw}"));
                glue.push(e);
            }
            if gap == " "
                && c.is_lower(i)
                && w.chars().count() >= 4
                && c.is_lower(i + 1)
                && nw.chars().count() >= 2
            {
                glue.push(c.edit(i, i + 1, format!("{w}{nw}"), "glue", "word+word"));
            }
            if gap == " " && initial && CAPS_START.contains(&w) && c.is_lower(i + 1) {
                let fused = format!("{}{nw}", w.to_uppercase());
                glue.push(c.edit(i, i + 1, fused, "glue", "CAPS+word"));
            }
            let alpha = w.chars().all(char::is_alphabetic);
            if (gap == " " || gap == ", ")
                && alpha
                && w.chars().count() >= 3
                && nw.starts_with(|ch: char| ch.is_ascii_digit())
            {
                let mut e = c.edit(i, i + 1, format!("{w}{nw}"), "glue", "word+digit");
                e.alternative = Some(format!("{w}, {nw}"));
                glue.push(e);
            }
            if gap == " " && w.chars().all(|ch| ch.is_ascii_digit()) && c.is_lower(i + 1) {
                glue.push(c.edit(i, i + 1, format!("{w}{nw}"), "glue", "digit+word"));
            }
            if gap == ". " && ABBREVIATIONS.contains(&w) && c.is_lower(i + 1) {
                glue.push(c.edit(i, i + 1, format!("{w}.{nw}"), "glue", "abbrev.word"));
            }
            if after_stop && c.is_lower(i) && w.chars().count() >= 3 && c.is_cap(i + 1) {
                glue.push(c.edit(i, i + 1, format!("{w}{nw}"), "glue", "sentence-end"));
            }
        }
        // --- foreign: a function word between two English words ---
        if i > 0 && i + 1 < n && c.gap(i - 1) == " " && c.gap(i) == " " {
            for (en, tr) in FOREIGN {
                if w == *en
                    && let Some(t) = tr[lang]
                {
                    foreign.push(c.edit(i, i, t.to_string(), "foreign", "function-word"));
                }
            }
            if w == "of" && i + 2 < n && c.word(i + 1) == "the" && c.gap(i + 1) == " " {
                let t = OF_THE[lang].to_string();
                foreign.push(c.edit(i, i + 1, t, "foreign", "of-the"));
            }
        }
        // --- dup_subject: a stray pronoun after the subject ---
        if let Some((gap, nw)) = next
            && gap == " "
            && SUBJECT_VERBS.contains(&nw)
        {
            // Mid-sentence only: a capitalised sentence start may be a common noun.
            if c.is_cap(i) && !initial && !NOT_NAMES.contains(&w) {
                let pron = ["He", "She", "he", "she"][(fnv1a(w) % 4) as usize];
                let r = format!("{w} {pron} {nw}");
                dup.push(c.edit(i, i + 1, r, "dup_subject", "name+pronoun"));
            }
            if i > 0 && c.is_lower(i) && c.gap(i - 1) == " " && matches!(c.word(i - 1), "the") {
                let pron = if w.ends_with('s') { "They" } else { "It" };
                let r = format!("{w} {pron} {nw}");
                dup.push(c.edit(i, i + 1, r, "dup_subject", "noun+pronoun"));
            }
        }
        // --- casing ---
        if i > 0
            && !initial
            && CAP_MID.contains(&w)
            && matches!(c.gap(i - 1), " " | ", ")
            && next.is_some_and(|(g, _)| g == " ")
        {
            casing.push(c.edit(i, i, upper_first(w), "casing", "capitalised-function-word"));
        }
        // A name, as far as the article itself tells: capitalised mid-sentence, never written
        // lower-case in the article, not after an article (`the Government`) and not the tail
        // of a longer capitalised run (`Supreme Court`).
        if i > 0
            && !initial
            && c.is_cap(i)
            && w.chars().count() >= 3
            && !NOT_NAMES.contains(&w)
            && !lower_words.contains(lower_first(w).as_str())
            && !matches!(c.word(i - 1), "the" | "The" | "a" | "A" | "an" | "An")
            && !(c.gap(i - 1) == " " && c.is_cap(i - 1))
        {
            // A two-word name is lower-cased whole (`maria lopez`).
            let two = i + 1 < n && c.gap(i) == " " && c.is_cap(i + 1);
            let to = if two { i + 1 } else { i };
            let lowered = c.text[c.w[i].s..c.w[to].e].to_lowercase();
            casing.push(c.edit(i, to, lowered, "casing", "lower-cased-name"));
        }
        if i > 0
            && c.gap(i - 1) == ". "
            && c.is_cap(i)
            && c.word(i - 1).chars().count() >= 3
            && w != "I"
        {
            let r = format!("{}. {}", c.word(i - 1), lower_first(w));
            casing.push(c.edit(i - 1, i, r, "casing", "lower-sentence-start"));
        }
        // --- punct ---
        if let Some((gap, nw)) = next {
            let alpha = w.chars().all(char::is_alphabetic) && w.chars().count() >= 2;
            if alpha && matches!(gap, ", " | "; " | ": ") {
                let mark = &gap[..1];
                let r = format!("{w} {mark} {nw}");
                punct.push(c.edit(i, i + 1, r, "punct", "space-before-mark"));
            }
            if gap == ". " && c.is_lower(i) && w.chars().count() >= 3 && c.is_cap(i + 1) {
                let r = format!("{w}.{nw}");
                punct.push(c.edit(i, i + 1, r, "punct", "no-space-after-stop"));
            }
            let doubled = match gap {
                ". " => Some(".."),
                "? " => Some("?."),
                "). " => Some(").."),
                _ => None,
            };
            if let Some(marks) = doubled
                && alpha
            {
                let r = format!("{w}{marks} {nw}");
                punct.push(c.edit(i, i + 1, r, "punct", "doubled-mark"));
            }
            if gap == "-" && alpha && c.word(i + 1).chars().all(char::is_alphabetic) {
                punct.push(c.edit(i, i + 1, format!("{w} -{nw}"), "punct", "hyphen-space"));
            }
        }
        // --- quotes ---
        if let Some((gap, nw)) = next {
            match gap {
                " “" => {
                    let r = format!("{w}”{nw}");
                    quotes.push(c.edit(i, i + 1, r, "quotes", "open-glued-flipped"));
                }
                " \"" => {
                    let r = format!("{w}\"{nw}");
                    quotes.push(c.edit(i, i + 1, r, "quotes", "open-glued"));
                }
                ",” " | ",\" " => {
                    let q = if gap.contains('"') { "\"" } else { "“" };
                    let r = format!("{w}{q}, {nw}");
                    quotes.push(c.edit(i, i + 1, r, "quotes", "comma-outside"));
                    let r = format!("{w}, {q}{nw}");
                    quotes.push(c.edit(i, i + 1, r, "quotes", "close-as-open"));
                }
                ". “" | ". \"" => {
                    let q = if gap.contains('"') { "\"" } else { "”" };
                    let r = format!("{w}.{q}{nw}");
                    quotes.push(c.edit(i, i + 1, r, "quotes", "open-glued-after-stop"));
                }
                _ => {}
            }
        }
        // --- name: accented letters dropped ---
        if c.is_cap(i) || (initial && w.chars().next().is_some_and(char::is_uppercase)) {
            let stripped: String = w
                .chars()
                .filter(|ch| ch.is_ascii() || ch.nfd().count() == 1)
                .collect();
            if stripped != w && stripped.chars().count() >= 2 {
                name.push(c.edit(i, i, stripped, "name", "accents-dropped"));
            }
        }
    }
    vec![glue, foreign, dup, casing, punct, quotes, name]
}

/// A byte span `(start, end)`.
type Span = (usize, usize);

/// Applies `edits` (sorted, disjoint) and returns the new text with, for each edit, its span in
/// the new text and in the original.
fn apply(text: &str, edits: &[Edit]) -> (String, Vec<(Span, Span)>) {
    let mut out = String::with_capacity(text.len() + 64);
    let mut spans = Vec::with_capacity(edits.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.start]);
        let s = out.len();
        out.push_str(&e.replacement);
        spans.push(((s, out.len()), (e.start, e.end)));
        at = e.end;
    }
    out.push_str(&text[at..]);
    (out, spans)
}

/// Widens a span of `new` (and the matching span of `old`, whose context is the same text) word
/// by word, right then left, until `new[span]` occurs exactly once in `new`. `None` if it never
/// does within a few words.
fn widen(
    new: &str,
    old: &str,
    (mut ns, mut ne): Span,
    (mut os, mut oe): Span,
) -> Option<(Span, Span)> {
    for step in 0..12 {
        if new[ns..ne].trim() == &new[ns..ne] && new.matches(&new[ns..ne]).count() == 1 {
            return Some(((ns, ne), (os, oe)));
        }
        if step % 2 == 0 && ne < new.len() {
            // Through the gap and the next word.
            let rest = &new[ne..];
            let gap = rest
                .find(|c: char| c.is_alphanumeric())
                .unwrap_or(rest.len());
            let word = rest[gap..]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len() - gap);
            let k = gap + word;
            if old.get(oe..oe + k) != Some(&new[ne..ne + k]) {
                return None;
            }
            ne += k;
            oe += k;
        } else if ns > 0 {
            let before = &new[..ns];
            let gap_start = before
                .rfind(|c: char| c.is_alphanumeric())
                .map_or(0, |i| i + before[i..].chars().next().unwrap().len_utf8());
            let word_start = before[..gap_start]
                .rfind(|c: char| !c.is_alphanumeric())
                .map_or(0, |i| i + before[i..].chars().next().unwrap().len_utf8());
            let k = ns - word_start;
            if os < k || old.get(os - k..os) != Some(&new[ns - k..ns]) {
                return None;
            }
            ns -= k;
            os -= k;
        }
    }
    None
}

/// Injects one to four artifacts into `text`; deterministic in (`name`, `text`). Returns the
/// new text and its annotations (empty when the text offers no place).
pub fn inject(name: &str, text: &str) -> (String, Vec<Injected>) {
    let mut rng = Rng(SEED ^ fnv1a(name));
    let ctx = Ctx {
        text,
        w: words(text),
    };
    let lang = rng.below(6);
    let families = candidates(&ctx, lang);
    let want = 1 + rng.below(4);
    let mut chosen: Vec<Edit> = Vec::new();
    for _ in 0..want {
        let open: Vec<&Vec<Edit>> = families.iter().filter(|f| !f.is_empty()).collect();
        if open.is_empty() {
            break;
        }
        for _attempt in 0..20 {
            // Family, then shape, then place: a frequent shape (two common words) must not
            // crowd out a rare one (a name and a function word, the commonest real glue).
            let family = open[rng.below(open.len())];
            let mut shapes: Vec<&str> = family.iter().map(|e| e.shape).collect();
            shapes.sort_unstable();
            shapes.dedup();
            let shape = shapes[rng.below(shapes.len())];
            let places: Vec<&Edit> = family.iter().filter(|e| e.shape == shape).collect();
            let e = places[rng.below(places.len())];
            let clear = chosen
                .iter()
                .all(|o| e.end + MARGIN <= o.start || o.end + MARGIN <= e.start);
            if clear {
                chosen.push(e.clone());
                break;
            }
        }
    }
    chosen.sort_by_key(|e| e.start);
    // Drop any edit whose annotation cannot be made unique or would meet another, then redo.
    loop {
        let (new, spans) = apply(text, &chosen);
        let mut widened = Vec::with_capacity(spans.len());
        let mut bad = None;
        for (k, &(ns, os)) in spans.iter().enumerate() {
            match widen(&new, text, ns, os) {
                Some(w) => widened.push(w),
                None => {
                    bad = Some(k);
                    break;
                }
            }
        }
        if bad.is_none() {
            bad = widened
                .windows(2)
                .position(|p| p[0].0.1 >= p[1].0.0)
                .map(|k| k + 1);
        }
        if let Some(k) = bad {
            chosen.remove(k);
            continue;
        }
        let injected =
            chosen
                .iter()
                .zip(&widened)
                .map(|(e, &((ns, ne), (os, oe)))| Injected {
                    annotation: Annotation {
                        cat: e.cat.to_string(),
                        tier: "core".to_string(),
                        before: new[ns..ne].to_string(),
                        accept: std::iter::once(text[os..oe].to_string())
                            .chain(e.alternative.as_ref().map(|alt| {
                                format!("{}{alt}{}", &text[os..e.start], &text[e.end..oe])
                            }))
                            .filter(|a| a != &new[ns..ne])
                            .fold(Vec::new(), |mut v, a| {
                                if !v.contains(&a) {
                                    v.push(a);
                                }
                                v
                            }),
                    },
                    shape: e.shape,
                })
                .collect();
        return (new, injected);
    }
}

/// `file → outlet` from `news-clean/SOURCES.tsv` (tab-separated, with a header naming the
/// `file` and `outlet` columns).
pub fn read_outlets(news_clean: &Path) -> Result<BTreeMap<String, String>, EvalError> {
    let path = news_clean.join("SOURCES.tsv");
    let text = read_text(&path)?;
    let bad = |message: String| EvalError::Gold {
        path: path.clone(),
        message,
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| bad(format!("no `{name}` column")))
    };
    let (file_col, outlet_col) = (col("file")?, col("outlet")?);
    let mut out = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        match (cells.get(file_col), cells.get(outlet_col)) {
            (Some(f), Some(o)) => {
                out.insert(f.trim().to_string(), o.trim().to_string());
            }
            _ => return Err(bad(format!("short line: {line:?}"))),
        }
    }
    Ok(out)
}

/// Every article of `news_clean` with artifacts injected, in file order; an article with no
/// outlet in `SOURCES.tsv` is an error, one that offers no place for an artifact is left out.
pub fn build(news_clean: &Path) -> Result<Vec<SynthArticle>, EvalError> {
    let outlets = read_outlets(news_clean)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(news_clean)
        .map_err(|source| EvalError::Io {
            path: news_clean.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::with_capacity(files.len());
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let outlet = outlets.get(&name).ok_or_else(|| EvalError::Gold {
            path: news_clean.join("SOURCES.tsv"),
            message: format!("no outlet for {name}"),
        })?;
        let clean = read_text(&path)?;
        let (text, injected) = inject(&name, &clean);
        if injected.is_empty() {
            continue;
        }
        out.push(SynthArticle {
            part: part_of_outlet(outlet),
            outlet: outlet.clone(),
            name,
            text,
            injected,
        });
    }
    Ok(out)
}

/// Writes the synthetic articles as `OUT/<part>/<name>` with gold in `OUT/gold/<part>/<stem>.json`
/// (the layout `evaluate.py` and `mtclean eval OUT/dev` read). Refuses a folder inside an
/// mtclean checkout: the articles are third-party text and must stay out of the repository.
pub fn write(articles: &[SynthArticle], out: &Path) -> Result<usize, EvalError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| EvalError::Io { path, source }
    };
    // Checked on the nearest existing ancestor, before anything is created.
    let absolute = std::path::absolute(out).map_err(io(out))?;
    let existing = absolute
        .ancestors()
        .find(|a| a.exists())
        .unwrap_or(Path::new("/"));
    let canonical = existing.canonicalize().map_err(io(out))?;
    if let Some(repo) = canonical
        .ancestors()
        .find(|a| a.join("corpus/eval-split.toml").is_file())
    {
        return Err(EvalError::Io {
            path: out.to_path_buf(),
            source: std::io::Error::other(format!(
                "inside the repository {} (third-party text must stay outside it)",
                repo.display()
            )),
        });
    }
    std::fs::create_dir_all(out).map_err(io(out))?;
    for a in articles {
        let dir = out.join(a.part.as_str());
        let gold_dir = out.join("gold").join(a.part.as_str());
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        std::fs::create_dir_all(&gold_dir).map_err(io(&gold_dir))?;
        let txt = dir.join(&a.name);
        std::fs::write(&txt, &a.text).map_err(io(&txt))?;
        let stem = a.name.strip_suffix(".txt").unwrap_or(&a.name);
        let gold = gold_dir.join(format!("{stem}.json"));
        let json = serde_json::to_string_pretty(&a.gold_json()).expect("json") + "\n";
        std::fs::write(&gold, json).map_err(io(&gold))?;
    }
    Ok(articles.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::locate;

    // Constructed sentences (no third-party text).
    const TEXT: &str = "The mayor of Springfield said on Monday that the council will meet \
        with residents and farmers. Rafael Nadal will play in the final, officials said. \
        “We are ready,” the coach told reporters in São Paulo. The match starts at 9 pm, \
        after the end of the long-range forecast. In the end, the ministers said the plan was sound.\n\
        The report found 1953 cases; critics called it “a farce” and demanded answers.";

    #[test]
    fn injection_is_deterministic_and_gold_is_consistent() {
        for k in 0..200 {
            let name = format!("{k:04}_x.txt");
            let (a, anns) = inject(&name, TEXT);
            let (b, again) = inject(&name, TEXT);
            assert_eq!((&a, &anns), (&b, &again));
            assert!(
                (1..=4).contains(&anns.len()),
                "{name}: {} artifacts",
                anns.len()
            );
            let list: Vec<Annotation> = anns.iter().map(|i| i.annotation.clone()).collect();
            // Every `before` occurs exactly once, spans never overlap.
            let mut spans = locate(&a, &list).unwrap();
            spans.sort();
            assert!(
                spans.windows(2).all(|p| p[0].1 <= p[1].0),
                "{name}: {anns:#?}"
            );
            // Undoing every annotation gives back the clean text.
            let mut undone = a.clone();
            for i in anns.iter().filter(|i| i.shape == "name+word") {
                let accept = &i.annotation.accept;
                assert!(accept.len() == 2 && accept[1].contains(", "), "{i:?}");
            }
            for ann in &list {
                assert_ne!(ann.before, ann.accept[0]);
                undone = undone.replacen(&ann.before, &ann.accept[0], 1);
            }
            assert_eq!(undone, TEXT, "{name}: {anns:#?}");
        }
    }

    #[test]
    fn every_family_is_injected() {
        let mut cats = std::collections::BTreeSet::new();
        for k in 0..400 {
            for i in inject(&format!("{k}.txt"), TEXT).1 {
                cats.insert(i.annotation.cat);
            }
        }
        let want = [
            "casing",
            "dup_subject",
            "foreign",
            "glue",
            "name",
            "punct",
            "quotes",
        ];
        assert_eq!(cats.into_iter().collect::<Vec<_>>(), want);
    }

    #[test]
    fn shapes_read_as_the_real_artifacts_do() {
        let c = Ctx {
            text: TEXT,
            w: words(TEXT),
        };
        let all: Vec<(String, &str)> = candidates(&c, 0)
            .into_iter()
            .flatten()
            .map(|e| (e.replacement, e.shape))
            .collect();
        let has = |r: &str| all.iter().any(|(x, _)| x == r);
        assert!(has("Nadalwill"), "{all:?}");
        assert!(has("INthe"));
        assert!(has("1953cases"));
        assert!(has("y"));
        assert!(has("del"));
        assert!(has("Nadal He will") || has("Nadal She will") || has("Nadal he will"));
        assert!(has("ministers They said"));
        assert!(has("So"));
        assert!(has("ready“, the"));
        assert!(has("ready, “the"));
        assert!(has("long -range"));
        assert!(has("springfield"));
        assert!(!has("monday"), "weekdays are not lower-cased as names");
    }

    #[test]
    fn outlets_split_by_a_stable_hash() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(
            part_of_outlet("Some Outlet"),
            part_of_outlet(" some outlet ")
        );
    }
}
