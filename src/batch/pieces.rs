//! Cleaning a huge text in pieces, so that its cost stays linear in its size and its memory
//! bounded. The engine works on a whole document (its tokens, sentences and article-level
//! evidence), and some of that work grows faster than the text: a 50 MB one-line dump took 5×
//! the time per byte of a 10 MB one and over a gigabyte of memory. A batch tool only needs that
//! evidence from nearby text, so a long text is cut between sentences and the pieces are cleaned
//! alone (in parallel), their outcomes joined with their offsets.
//!
//! The guarantee: a text of at most [`WHOLE_UP_TO`] bytes is cleaned whole, exactly as before. A
//! longer one is cut about every [`PIECE_BYTES`] bytes: at a blank line if the window after the
//! mark has one, else after a line break, else after a sentence end (`. `, `? `, `! ` before a
//! capital letter), else it is not cut (no sentence to cut at: cleaned whole). A fix never spans
//! a cut; the output equals cleaning the whole text whenever no finding depends on text in
//! another piece. What can differ is article-level evidence (how a word is cased elsewhere, a
//! name's other spellings, repeats), which comes from the piece's megabytes instead of the whole
//! file: for a dump of many articles, evidence from neighbouring articles instead of all of them.
//!
//! Example: a 50 MB one-line dump is cleaned as 12 pieces of about 4 MB.

use rayon::prelude::*;

use crate::{Cleaner, Outcome, Policy};

/// Texts up to this size are cleaned whole.
pub const WHOLE_UP_TO: usize = 8 << 20;
/// The size of a piece of a longer text (before moving to the next cut).
pub const PIECE_BYTES: usize = 4 << 20;

/// Pieces cleaned at the same time (each takes some 20 times its size while it is cleaned).
pub const PARALLEL: usize = 4;

/// Cleans `text` whole, or in pieces when it is longer than [`WHOLE_UP_TO`].
pub fn clean(cleaner: &Cleaner, text: &str, policy: Policy) -> Outcome {
    if text.len() <= WHOLE_UP_TO {
        return cleaner.clean(text, policy);
    }
    clean_in_pieces(cleaner, text, policy, PIECE_BYTES)
}

/// Cleans the pieces of `text` (cut about every `piece` bytes) and joins their outcomes: the
/// text, and every span and index shifted to the whole text.
pub fn clean_in_pieces(cleaner: &Cleaner, text: &str, policy: Policy, piece: usize) -> Outcome {
    let cuts = cuts(text, piece);
    let ranges: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    // At most PARALLEL pieces at a time, so memory stays bounded however many cores there are.
    let outcomes: Vec<(usize, Outcome)> = ranges
        .chunks(PARALLEL)
        .flat_map(|group| {
            group
                .par_iter()
                .map(|&(start, end)| (start, cleaner.clean(&text[start..end], policy)))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut joined = Outcome {
        text: String::with_capacity(text.len()),
        edits: Vec::new(),
        changes: Vec::new(),
        dropped: Vec::new(),
        rounds: 0,
        converged: true,
    };
    for (offset, outcome) in outcomes {
        let first_change = joined.changes.len();
        joined.text.push_str(&outcome.text);
        for mut change in outcome.changes {
            change.span = change.span.start + offset..change.span.end + offset;
            joined.changes.push(change);
        }
        for mut edit in outcome.edits {
            edit.span = edit.span.start + offset..edit.span.end + offset;
            edit.changes.iter_mut().for_each(|i| *i += first_change);
            joined.edits.push(edit);
        }
        for (mut change, reason) in outcome.dropped {
            change.span = change.span.start + offset..change.span.end + offset;
            joined.dropped.push((change, reason));
        }
        joined.rounds = joined.rounds.max(outcome.rounds);
        joined.converged &= outcome.converged;
    }
    joined
}

/// The piece boundaries of `text`: `0`, the cuts, `text.len()`. Each cut is the first good one
/// after `piece` bytes of the piece (a stretch with none is left whole).
pub fn cuts(text: &str, piece: usize) -> Vec<usize> {
    let piece = piece.max(4);
    let bytes = text.as_bytes();
    let mut out = vec![0];
    let mut start = 0;
    // The last piece is at least half a piece.
    while text.len() - start > piece + piece / 2 {
        let mut from = start + piece;
        let cut = loop {
            if from >= text.len() {
                break None;
            }
            let limit = (from + piece).min(text.len());
            if let Some(cut) = next_cut(bytes, from, limit) {
                break Some(cut);
            }
            // The next window overlaps this one by two bytes: a `. X` across the seam counts.
            from = limit.saturating_sub(2).max(from + 1);
        };
        match cut {
            Some(cut) if cut < text.len() => {
                out.push(cut);
                start = cut;
            }
            _ => break,
        }
    }
    out.push(text.len());
    out
}

/// The best cut in `bytes[from..limit]`: after a blank line, else after a line break, else after
/// the space of a sentence end before a capital letter. Every cut follows an ASCII byte, so it is
/// a char boundary.
fn next_cut(bytes: &[u8], from: usize, limit: usize) -> Option<usize> {
    let window = &bytes[from..limit];
    if let Some(i) = window.windows(2).position(|w| w == b"\n\n") {
        return Some(from + i + 2);
    }
    if let Some(i) = window.iter().position(|&b| b == b'\n') {
        return Some(from + i + 1);
    }
    window
        .windows(3)
        .position(|w| {
            matches!(w[0], b'.' | b'?' | b'!') && w[1] == b' ' && w[2].is_ascii_uppercase()
        })
        .map(|i| from + i + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_prefer_blank_lines_then_lines_then_sentences() {
        let text = "aaaa bbbb.\n\ncccc dddd. Eeee ffff.\ngggg";
        assert_eq!(cuts(text, 10), [0, 12, 34, text.len()]);
        let one_line = "Aaaa bbbb. Cccc dddd. Eeee ffff. Gggg hhhh.";
        let c = cuts(one_line, 8);
        assert_eq!(c, [0, 11, 22, 33, one_line.len()]);
        assert!(c.windows(2).all(|w| one_line[w[1]..].starts_with(char::is_uppercase) || w[1] == one_line.len()));
        // No sentence to cut at: one piece.
        assert_eq!(cuts(&"x".repeat(100), 10), [0, 100]);
        assert_eq!(cuts("short", 100), [0, 5]);
    }

    #[test]
    fn pieces_give_the_whole_texts_output_and_spans() {
        let cleaner = Cleaner::new(&crate::Options::default()).unwrap();
        let paragraph =
            "At first, Kim He had a cool relationship with Moscow. The talks went on.\n";
        let text = paragraph.repeat(40);
        let whole = cleaner.clean(&text, Policy::Safe);
        let pieces = clean_in_pieces(&cleaner, &text, Policy::Safe, 300);
        assert!(cuts(&text, 300).len() > 5, "really cut");
        assert_eq!(pieces.text, whole.text);
        assert_ne!(pieces.text, text);
        let spans = |o: &Outcome| -> Vec<_> {
            o.changes
                .iter()
                .map(|c| (c.span.clone(), c.after.clone(), c.applied))
                .collect()
        };
        assert_eq!(spans(&pieces), spans(&whole));
        assert_eq!(pieces.edits.len(), whole.edits.len());
        for edit in &pieces.edits {
            assert_eq!(&text[edit.span.clone()], edit.before);
            assert!(edit.changes.iter().all(|&i| pieces.changes[i].applied));
        }
    }
}
