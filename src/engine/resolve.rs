//! Choosing and applying fixes: one pure function per round, and a map from the text of any
//! round back to the original so every change in the output is attributable to a finding.
//!
//! A round sorts the applicable fixes (safe before unsafe, then by confidence, then by position),
//! keeps those that do not overlap one already kept, records why each other one was dropped, and
//! applies the kept ones. The cleaner repeats rounds on the result until nothing changes (a fix can
//! expose another: `HIMbut` → `HIM but` → `UN but`), at most [`MAX_ROUNDS`] times.

use serde::Serialize;
use std::ops::Range;

use crate::engine::finding::{Applicability, Finding};

/// Bound on rounds; real articles settle in two or three.
pub const MAX_ROUNDS: usize = 6;

/// Which fixes a round applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// `Safe` only (`mtclean fix`).
    Safe,
    /// `Safe` and `Unsafe` (`--unsafe-fixes`).
    SafeAndUnsafe,
    /// Everything with a replacement, display-only too (a rule's own tests).
    All,
}

impl Policy {
    pub fn allows(self, applicability: Applicability) -> bool {
        match self {
            Policy::Safe => applicability == Applicability::Safe,
            Policy::SafeAndUnsafe => applicability != Applicability::DisplayOnly,
            Policy::All => true,
        }
    }
}

/// Why a fix was not applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum DropReason {
    /// Another fix over an overlapping span was kept (named by its check id).
    Overlaps { kept: String },
    /// The policy does not apply this applicability.
    NotAllowed,
    /// No replacement was offered.
    NoFix,
}

#[derive(Debug, Clone)]
pub struct Round {
    pub text: String,
    /// Findings whose fixes were applied, with spans in the round's input text.
    pub applied: Vec<Finding>,
    pub dropped: Vec<(Finding, DropReason)>,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        // Two insertions at one point conflict; an insertion strictly inside a span does too.
        if a.is_empty() && b.is_empty() {
            return a.start == b.start;
        }
        let (point, span) = if a.is_empty() {
            (a.start, b)
        } else {
            (b.start, a)
        };
        return span.start < point && point < span.end;
    }
    a.start < b.end && b.start < a.end
}

/// Applies the non-overlapping fixes the policy allows to `text`; spans are byte ranges of it.
pub fn apply_round(text: &str, findings: Vec<Finding>, policy: Policy) -> Round {
    let mut candidates = Vec::new();
    let mut dropped = Vec::new();
    for finding in findings {
        match &finding.fix {
            None => dropped.push((finding, DropReason::NoFix)),
            Some(fix) if !policy.allows(fix.applicability) => {
                dropped.push((finding, DropReason::NotAllowed))
            }
            Some(fix) if text.get(finding.span.clone()) == Some(fix.replacement.as_str()) => {}
            Some(_) => candidates.push(finding),
        }
    }
    candidates.sort_by(|a, b| {
        a.applicability()
            .cmp(&b.applicability())
            .then(b.confidence().total_cmp(&a.confidence()))
            .then(a.span.start.cmp(&b.span.start))
            .then(b.span.end.cmp(&a.span.end))
            .then(a.check.cmp(&b.check))
    });
    let mut kept: Vec<Finding> = Vec::new();
    let mut by_start = KeptSpans::default();
    for finding in candidates {
        debug_assert!(
            text.is_char_boundary(finding.span.start) && text.is_char_boundary(finding.span.end)
        );
        match by_start.first_overlapping(&finding.span) {
            Some(winner) => {
                let kept_id = kept[winner].check.as_str().to_string();
                dropped.push((finding, DropReason::Overlaps { kept: kept_id }));
            }
            None => {
                by_start.insert(&finding.span, kept.len());
                kept.push(finding);
            }
        }
    }
    kept.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for finding in &kept {
        out.push_str(&text[at..finding.span.start]);
        out.push_str(
            &finding
                .fix
                .as_ref()
                .expect("candidates have fixes")
                .replacement,
        );
        at = finding.span.end;
    }
    out.push_str(&text[at..]);
    Round {
        text: out,
        applied: kept,
        dropped,
    }
}

/// The spans kept so far in a round, ordered by position, so that the overlap test of a new
/// candidate looks only at its neighbours: linear in the number of fixes overall (a scan of every
/// kept fix made a 50 MB machine-translated text quadratic).
#[derive(Debug, Default)]
struct KeptSpans {
    /// (start, end) → index in the kept list (the order in which they won).
    spans: std::collections::BTreeMap<(usize, usize), usize>,
}

impl KeptSpans {
    fn insert(&mut self, span: &Range<usize>, index: usize) {
        self.spans.insert((span.start, span.end), index);
    }

    /// The earliest kept span (by kept index, as a scan in kept order finds it) that overlaps
    /// `span`. Non-empty kept spans never overlap each other, so only the last non-empty one
    /// starting before `span` can reach into it; the others that can overlap start inside it.
    fn first_overlapping(&self, span: &Range<usize>) -> Option<usize> {
        let mut winner: Option<usize> = None;
        let mut consider = |kept: &(usize, usize), index: usize| {
            if overlaps(&(kept.0..kept.1), span) {
                winner = Some(winner.map_or(index, |w| w.min(index)));
            }
        };
        if let Some((kept, &index)) = self
            .spans
            .range(..(span.start, 0))
            .rev()
            .find(|((start, end), _)| start < end)
        {
            consider(kept, index);
        }
        let last_start = if span.is_empty() {
            span.start
        } else {
            span.end - 1
        };
        for (kept, &index) in self.spans.range((span.start, 0)..=(last_start, usize::MAX)) {
            consider(kept, index);
        }
        winner
    }
}

/// One run of a current text and where it came from in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    current: Range<usize>,
    original: Range<usize>,
    changed: bool,
}

/// Maps spans of the text after some rounds back to the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditMap {
    segments: Vec<Segment>,
}

impl EditMap {
    /// The identity map of a text of `len` bytes.
    pub fn identity(len: usize) -> EditMap {
        EditMap {
            segments: vec![Segment {
                current: 0..len,
                original: 0..len,
                changed: false,
            }],
        }
    }

    /// The original span a current span came from; a span touching a changed run covers all of it.
    pub fn to_original(&self, span: Range<usize>) -> Range<usize> {
        let start = self.map_point(span.start, true);
        let end = if span.is_empty() {
            self.map_point(span.end, true).max(start)
        } else {
            self.map_point(span.end, false)
        };
        start.min(end)..end.max(start)
    }

    /// Maps one current offset; `is_start` picks the segment an offset on a boundary belongs to.
    fn map_point(&self, at: usize, is_start: bool) -> usize {
        // Segments are contiguous and ordered by current offset: binary search.
        let index = if is_start {
            self.segments.partition_point(|s| {
                s.current.end <= at && !(s.current.is_empty() && s.current.start == at)
            })
        } else {
            self.segments.partition_point(|s| s.current.end < at)
        };
        match self.segments.get(index) {
            Some(segment) if segment.changed => {
                if is_start {
                    segment.original.start
                } else {
                    segment.original.end
                }
            }
            Some(segment) => {
                segment.original.start
                    + (at.saturating_sub(segment.current.start)).min(segment.original.len())
            }
            None => self.segments.last().map_or(0, |s| s.original.end),
        }
    }

    /// The current span covering everything that came from an original span.
    pub fn to_current(&self, original: Range<usize>) -> Range<usize> {
        // Segments are ordered by original offset too: start at the first that can touch.
        let first = self
            .segments
            .partition_point(|s| s.original.end < original.start);
        let mut start = None;
        let mut end = 0;
        for segment in &self.segments[first..] {
            if segment.original.start > original.end {
                break;
            }
            let touches = if original.is_empty() {
                segment.original.start <= original.start && original.start <= segment.original.end
            } else {
                segment.original.start < original.end && original.start < segment.original.end
            };
            if !touches {
                continue;
            }
            let (s, e) = if segment.changed {
                (segment.current.start, segment.current.end)
            } else {
                let s = segment.current.start
                    + original
                        .start
                        .saturating_sub(segment.original.start)
                        .min(segment.current.len());
                let e = segment.current.start
                    + (original.end.min(segment.original.end)
                        - segment.original.start.min(original.end))
                    .min(segment.current.len());
                (s, e.max(s))
            };
            start.get_or_insert(s);
            end = e;
        }
        let start = start.unwrap_or(0);
        start..end.max(start)
    }

    /// The net edits from the original to `current` (the text this map describes): original
    /// span and replacement, non-overlapping, in order. Applying them to the original gives
    /// `current` exactly.
    pub fn edits(&self, current: &str) -> Vec<(Range<usize>, String)> {
        self.segments
            .iter()
            .filter(|s| s.changed)
            .map(|s| (s.original.clone(), current[s.current.clone()].to_string()))
            .collect()
    }

    /// The map after applying `applied` (spans in the current text, sorted, non-overlapping), in
    /// one pass over the segments.
    pub fn after(&self, applied: &[Finding]) -> EditMap {
        let mut builder = Builder::default();
        let mut cursor = SegmentCursor {
            map: self,
            index: 0,
        };
        let mut old_at = 0;
        for finding in applied {
            cursor.copy(old_at, finding.span.start, &mut builder);
            let replacement_len = finding.fix.as_ref().map_or(0, |f| f.replacement.len());
            builder.push(Segment {
                current: builder.at..builder.at + replacement_len,
                original: self.to_original(finding.span.clone()),
                changed: true,
            });
            old_at = finding.span.end;
        }
        let end = self.segments.last().map_or(0, |s| s.current.end);
        cursor.copy(old_at, end, &mut builder);
        EditMap {
            segments: builder.segments,
        }
    }
}

/// Accumulates the segments of a new map, merging touching changed runs.
#[derive(Default)]
struct Builder {
    segments: Vec<Segment>,
    /// Current length of the new text so far.
    at: usize,
}

impl Builder {
    fn push(&mut self, segment: Segment) {
        self.at = segment.current.end;
        if let Some(last) = self.segments.last_mut()
            && last.changed
            && segment.changed
            && last.original.end >= segment.original.start
        {
            last.current.end = segment.current.end;
            last.original.end = last.original.end.max(segment.original.end);
            return;
        }
        if segment.current.is_empty() && !segment.changed {
            return;
        }
        self.segments.push(segment);
    }
}

/// Walks the old segments once, copying the runs between applied fixes.
struct SegmentCursor<'a> {
    map: &'a EditMap,
    index: usize,
}

impl SegmentCursor<'_> {
    /// Copies old current range `from..to` into the builder.
    fn copy(&mut self, from: usize, to: usize, builder: &mut Builder) {
        let segments = &self.map.segments;
        // Skip segments wholly before `from` (an empty changed run at `from` is kept).
        while self.index < segments.len()
            && (segments[self.index].current.end < from
                || (segments[self.index].current.end == from
                    && !segments[self.index].current.is_empty()))
        {
            self.index += 1;
        }
        let mut index = self.index;
        while index < segments.len() {
            let segment = &segments[index];
            if segment.current.start > to {
                break;
            }
            if segment.current.is_empty() {
                // An earlier deletion: carry it over (at an edge it merges with the neighbour).
                if segment.changed && from <= segment.current.start {
                    builder.push(Segment {
                        current: builder.at..builder.at,
                        original: segment.original.clone(),
                        changed: true,
                    });
                }
                index += 1;
                continue;
            }
            let s = segment.current.start.max(from);
            let e = segment.current.end.min(to);
            if s < e {
                let original = if segment.changed {
                    segment.original.clone()
                } else {
                    let start = segment.original.start + (s - segment.current.start);
                    start..start + (e - s)
                };
                builder.push(Segment {
                    current: builder.at..builder.at + (e - s),
                    original,
                    changed: segment.changed,
                });
            }
            if segment.current.end > to {
                break;
            }
            index += 1;
        }
        self.index = index;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ordered overlap test agrees with a scan of every kept span, on random spans
    /// (insertions included), in which span wins and in which is dropped.
    #[test]
    fn kept_spans_agree_with_a_full_scan() {
        let mut seed = 0x5eed_u64;
        let mut next = |bound: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % bound
        };
        for _ in 0..300 {
            let mut fast = KeptSpans::default();
            let mut slow: Vec<Range<usize>> = Vec::new();
            for _ in 0..40 {
                let start = next(60);
                let span = start..start + next(4);
                let expected = slow.iter().position(|k| overlaps(k, &span));
                assert_eq!(
                    fast.first_overlapping(&span),
                    expected,
                    "{span:?} vs {slow:?}"
                );
                if expected.is_none() {
                    fast.insert(&span, slow.len());
                    slow.push(span);
                }
            }
        }
    }
    use crate::engine::finding::TEST_CHECK;
    use crate::engine::finding::{CheckId, Family, Fix};

    fn finding(
        span: Range<usize>,
        replacement: &str,
        applicability: Applicability,
        confidence: f32,
    ) -> Finding {
        Finding {
            span,
            check: CheckId::Builtin(&TEST_CHECK),
            family: Family::Glue,
            message: String::new(),
            fix: Some(Fix {
                replacement: replacement.into(),
                applicability,
                confidence,
            }),
        }
    }

    #[test]
    fn applies_non_overlapping_fixes() {
        let text = "Soviet Unionbut USApointing";
        let round = apply_round(
            text,
            vec![
                finding(16..27, "USA pointing", Applicability::Safe, 0.9),
                finding(7..15, "Union, but", Applicability::Safe, 0.9),
            ],
            Policy::Safe,
        );
        assert_eq!(round.text, "Soviet Union, but USA pointing");
        assert_eq!(round.applied.len(), 2);
    }

    #[test]
    fn overlapping_fix_is_dropped_with_reason() {
        let round = apply_round(
            "abcdef",
            vec![
                finding(0..4, "X", Applicability::Safe, 0.5),
                finding(2..6, "Y", Applicability::Safe, 0.9),
            ],
            Policy::Safe,
        );
        assert_eq!(round.text, "abY");
        assert_eq!(round.dropped.len(), 1);
        assert!(matches!(round.dropped[0].1, DropReason::Overlaps { .. }));
    }

    #[test]
    fn policy_filters_unsafe_and_display_only() {
        let findings = vec![
            finding(0..1, "X", Applicability::Unsafe, 0.9),
            finding(2..3, "Y", Applicability::DisplayOnly, 0.9),
        ];
        let safe = apply_round("a b c", findings.clone(), Policy::Safe);
        assert_eq!(safe.text, "a b c");
        assert!(
            safe.dropped
                .iter()
                .all(|(_, r)| *r == DropReason::NotAllowed)
        );
        assert_eq!(
            apply_round("a b c", findings.clone(), Policy::SafeAndUnsafe).text,
            "X b c"
        );
        assert_eq!(apply_round("a b c", findings, Policy::All).text, "X Y c");
    }

    #[test]
    fn insertions_at_the_same_point_conflict() {
        assert!(overlaps(&(3..3), &(3..3)));
        assert!(overlaps(&(3..3), &(1..5)));
        assert!(
            !overlaps(&(1..1), &(1..5)),
            "an insertion before a span does not overlap it"
        );
        assert!(!overlaps(&(0..2), &(2..4)));
    }

    #[test]
    fn earlier_deletions_survive_later_rounds() {
        let original = "a””é ”";
        let first = vec![finding(4..7, "", Applicability::Safe, 1.0)];
        let map = EditMap::identity(original.len()).after(&first);
        let text1 = apply_round(original, first, Policy::Safe).text;
        let second = vec![finding(1..4, " “", Applicability::Safe, 1.0)];
        let map2 = map.after(&second);
        let text2 = apply_round(&text1, second, Policy::Safe).text;
        assert_eq!(text2, "a “é ”");
        assert_eq!(map2.edits(&text2), vec![(1..7, " “".to_string())]);
        // A deletion away from later changes stays its own edit.
        let third = vec![finding(
            text2.len() - 3..text2.len(),
            "!",
            Applicability::Safe,
            1.0,
        )];
        let map3 = map2.after(&third);
        let text3 = apply_round(&text2, third, Policy::Safe).text;
        assert_eq!(
            map3.edits(&text3),
            vec![
                (1..7, " “".to_string()),
                (original.len() - 3..original.len(), "!".to_string())
            ]
        );
    }

    #[test]
    fn edit_map_tracks_two_rounds() {
        // Round 1: "HIMbut" → "HIM but"; round 2: "HIM" → "UN".
        let original = "of the HIMbut Russian";
        let first = vec![finding(7..13, "HIM but", Applicability::Safe, 1.0)];
        let map = EditMap::identity(original.len()).after(&first);
        let text1 = apply_round(original, first, Policy::Safe).text;
        assert_eq!(text1, "of the HIM but Russian");
        assert_eq!(
            map.to_original(7..10),
            7..13,
            "inside a changed run maps to all of it"
        );
        assert_eq!(
            map.to_original(15..22),
            14..21,
            "after the change, shifted back"
        );
        assert_eq!(map.to_original(0..6), 0..6);
        assert_eq!(map.to_current(7..13), 7..14);
        let second = vec![finding(7..10, "UN", Applicability::Safe, 1.0)];
        let map2 = map.after(&second);
        let text2 = apply_round(&text1, second, Policy::Safe).text;
        assert_eq!(text2, "of the UN but Russian");
        assert_eq!(map2.to_original(7..13), 7..13);
        assert_eq!(map2.to_current(7..13), 7..13);
        assert_eq!(&text2[map2.to_current(14..21)], "Russian");
        assert_eq!(map2.edits(&text2), vec![(7..13, "UN but".to_string())]);
    }
}
