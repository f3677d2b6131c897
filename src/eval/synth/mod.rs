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

mod shapes;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Annotation, EvalError, read_text};

use shapes::*;

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
