//! The analysed text every pass reads: tokens with byte spans and kinds, sentence and paragraph
//! bounds, and document evidence (which word forms occur, and how they are cased).
//!
//! Passes match against NFC text, so `e` + combining accent matches a rule or a lexicon entry
//! written with `é`. When the input is not already NFC, [`Document::text`] is its NFC form and
//! [`Document::to_original`] maps spans back, so every byte outside a fix stays as it came.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits and combining marks (`Russia`, `1953with`, `F16`).
    Word,
    /// Digits only.
    Number,
    /// Any other single visible character.
    Punct,
    /// Horizontal white space.
    Space,
    /// One line break (`\n`, `\r\n` or `\r`).
    LineBreak,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
    pub kind: TokenKind,
}

/// How a word form (compared in lower case) is written across the article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseEvidence {
    /// `russia`
    pub lower: u32,
    /// `Russia` not at a sentence start: the strongest sign of a proper noun.
    pub capitalized_mid_sentence: u32,
    /// `Russia` at a sentence start, which says nothing about the word itself.
    pub capitalized_sentence_start: u32,
    /// `RUSSIA`
    pub upper: u32,
}

/// Maps byte offsets of the NFC text back to the original text.
#[derive(Debug, Clone)]
struct OffsetMap {
    /// (offset in NFC text, offset in original) at each segment start, ascending; a segment is
    /// one starter and the combining marks that follow it.
    anchors: Vec<(usize, usize)>,
    nfc_len: usize,
    original_len: usize,
}

impl OffsetMap {
    fn map_start(&self, offset: usize) -> usize {
        if offset >= self.nfc_len {
            return self.original_len;
        }
        let index = self.anchors.partition_point(|&(nfc, _)| nfc <= offset);
        if index == 0 {
            return 0;
        }
        self.anchors[index - 1].1
    }

    fn map_end(&self, offset: usize) -> usize {
        let index = self.anchors.partition_point(|&(nfc, _)| nfc < offset);
        match self.anchors.get(index) {
            Some(&(_, original)) => original,
            None => self.original_len,
        }
    }
}

/// NFC-normalise `text` segment by segment so each segment's position in the original is known.
/// Composition across two starters (Hangul jamo) is not done; such text only matches less.
fn normalize_with_map(text: &str) -> (String, OffsetMap) {
    let mut normalized = String::with_capacity(text.len());
    let mut anchors = Vec::new();
    let mut segment_start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, _)) = chars.next() {
        while let Some(&(_, next)) = chars.peek() {
            if canonical_combining_class(next) == 0 {
                break;
            }
            chars.next();
        }
        let end = chars.peek().map_or(text.len(), |&(offset, _)| offset);
        anchors.push((normalized.len(), start));
        normalized.extend(text[start..end].nfc());
        segment_start = end;
    }
    debug_assert_eq!(segment_start, text.len());
    let map = OffsetMap {
        anchors,
        nfc_len: normalized.len(),
        original_len: text.len(),
    };
    (normalized, map)
}

/// A text ready for the passes.
#[derive(Debug)]
pub struct Document<'a> {
    text: Cow<'a, str>,
    offsets: Option<OffsetMap>,
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
    evidence: HashMap<String, CaseEvidence>,
    exact_forms: HashMap<String, u32>,
}

impl<'a> Document<'a> {
    pub fn new(original: &'a str) -> Self {
        let (text, offsets) = match is_nfc_quick(original.chars()) {
            IsNormalized::Yes => (Cow::Borrowed(original), None),
            _ if original.nfc().eq(original.chars()) => (Cow::Borrowed(original), None),
            _ => {
                let (normalized, map) = normalize_with_map(original);
                (Cow::Owned(normalized), Some(map))
            }
        };
        let tokens = tokenize(&text);
        let paragraphs = paragraph_bounds(&text, &tokens);
        let sentences = sentence_bounds(&text, &tokens);
        let mut document = Document {
            text,
            offsets,
            tokens,
            sentences,
            paragraphs,
            evidence: HashMap::default(),
            exact_forms: HashMap::default(),
        };
        document.collect_evidence();
        document
    }

    /// The text passes match against (NFC).
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    pub fn token_text(&self, token: &Token) -> &str {
        &self.text[token.span.clone()]
    }

    /// Maps a span of [`Document::text`] to the original text given to [`Document::new`].
    pub fn to_original(&self, span: Range<usize>) -> Range<usize> {
        match &self.offsets {
            None => span,
            Some(map) if span.is_empty() => {
                let at = map.map_start(span.start);
                at..at
            }
            Some(map) => map.map_start(span.start)..map.map_end(span.end),
        }
    }

    /// Whether a sentence starts at this byte offset (first word of a sentence).
    pub fn is_sentence_start(&self, offset: usize) -> bool {
        let index = self.sentences.partition_point(|s| s.start < offset);
        self.sentences.get(index).is_some_and(|s| s.start == offset)
    }

    /// How the word (compared case-insensitively) is cased across the article.
    pub fn case_evidence(&self, word: &str) -> CaseEvidence {
        let found = if word.chars().any(char::is_uppercase) {
            self.evidence.get(word.to_lowercase().as_str())
        } else {
            self.evidence.get(word)
        };
        found.copied().unwrap_or_default()
    }

    /// How often this exact form stands alone as a word in the article.
    pub fn count_exact(&self, word: &str) -> u32 {
        self.exact_forms.get(word).copied().unwrap_or(0)
    }

    fn collect_evidence(&mut self) {
        let mut evidence: HashMap<String, CaseEvidence> = HashMap::default();
        let mut exact: HashMap<String, u32> = HashMap::default();
        let mut lower = String::new();
        let mut sentence_index = 0;
        for token in &self.tokens {
            if token.kind != TokenKind::Word {
                continue;
            }
            while self
                .sentences
                .get(sentence_index)
                .is_some_and(|s| s.end <= token.span.start)
            {
                sentence_index += 1;
            }
            let at_start = self
                .sentences
                .get(sentence_index)
                .is_some_and(|s| s.start == token.span.start)
                || starts_clause(&self.text, token.span.start);
            let word = &self.text[token.span.clone()];
            // Look up before inserting: most tokens repeat a word already seen, and this keeps
            // the per-token allocations to new words.
            match exact.get_mut(word) {
                Some(count) => *count += 1,
                None => {
                    exact.insert(word.to_string(), 1);
                }
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if !evidence.contains_key(lower.as_str()) {
                evidence.insert(lower.clone(), CaseEvidence::default());
            }
            let entry = evidence.get_mut(lower.as_str()).expect("inserted above");
            let mut chars = word.chars();
            let first_upper = chars.next().is_some_and(char::is_uppercase);
            let all_upper = word.chars().filter(|c| c.is_alphabetic()).count() > 1
                && word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            if all_upper {
                entry.upper += 1;
            } else if first_upper && at_start {
                entry.capitalized_sentence_start += 1;
            } else if first_upper {
                entry.capitalized_mid_sentence += 1;
            } else {
                entry.lower += 1;
            }
        }
        self.evidence = evidence;
        self.exact_forms = exact;
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || canonical_combining_class(c) != 0
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 3);
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let kind;
        let mut end = start + c.len_utf8();
        if c == '\n' {
            kind = TokenKind::LineBreak;
        } else if c == '\r' {
            kind = TokenKind::LineBreak;
            if bytes.get(end) == Some(&b'\n') {
                chars.next();
                end += 1;
            }
        } else if c.is_whitespace() {
            kind = TokenKind::Space;
            while let Some(&(offset, next)) = chars.peek() {
                if !next.is_whitespace() || next == '\n' || next == '\r' {
                    break;
                }
                chars.next();
                end = offset + next.len_utf8();
            }
        } else if is_word_char(c) {
            let mut has_letter = !c.is_ascii_digit() && !c.is_numeric();
            while let Some(&(offset, next)) = chars.peek() {
                if !is_word_char(next) {
                    break;
                }
                has_letter |= !next.is_numeric();
                chars.next();
                end = offset + next.len_utf8();
            }
            kind = if has_letter {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
        } else {
            kind = TokenKind::Punct;
        }
        tokens.push(Token {
            span: start..end,
            kind,
        });
    }
    tokens
}

/// A paragraph is a run of lines between line breaks (scraped articles put one paragraph a line).
fn paragraph_bounds(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut start = None;
    let mut last_end = 0;
    for token in tokens {
        match token.kind {
            TokenKind::LineBreak => {
                if let Some(s) = start.take() {
                    paragraphs.push(s..last_end);
                }
            }
            TokenKind::Space => {}
            _ => {
                start.get_or_insert(token.span.start);
                last_end = token.span.end;
            }
        }
    }
    if let Some(s) = start {
        paragraphs.push(s..last_end);
    }
    debug_assert!(paragraphs.iter().all(|p| p.end <= text.len()));
    paragraphs
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Sentence bounds: a paragraph start, or the first token after `.`, `!`, `?` or `…` and white
/// space; after a closing quote (`“Why?” she asked`) only when the next token is not lowercase. Abbreviations are not special-cased here: passes that
/// care (a lowercase sentence start) check the word before.
fn sentence_bounds(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut pending_break = false;
    let mut saw_terminal = false;
    let mut closed_after_terminal = false;
    for token in tokens {
        match token.kind {
            TokenKind::LineBreak => {
                if let Some(s) = start.take() {
                    sentences.push(s..last_end);
                }
                saw_terminal = false;
                pending_break = false;
                closed_after_terminal = false;
            }
            TokenKind::Space => {
                if saw_terminal {
                    pending_break = true;
                }
            }
            _ => {
                let piece = &text[token.span.clone()];
                if pending_break {
                    let continues_quote = closed_after_terminal
                        && piece.chars().next().is_some_and(char::is_lowercase);
                    if !continues_quote && let Some(s) = start.take() {
                        sentences.push(s..last_end);
                    }
                    pending_break = false;
                    closed_after_terminal = false;
                }
                start.get_or_insert(token.span.start);
                last_end = token.span.end;
                if token.kind == TokenKind::Punct {
                    if matches!(piece, "." | "!" | "?" | "…") {
                        saw_terminal = true;
                        closed_after_terminal = false;
                    } else if saw_terminal && piece.starts_with(CLOSERS) {
                        closed_after_terminal = true;
                    } else {
                        saw_terminal = false;
                    }
                } else {
                    saw_terminal = false;
                }
            }
        }
    }
    if let Some(s) = start {
        sentences.push(s..last_end);
    }
    sentences
}

/// Whether the word at `start..end` stands alone inside quotes, brackets or backticks
/// (`"stringprefix"`, `(hintslight)`, `"Heimdal"`): a word talked about, spelled as its owner
/// spells it, which an edit must not change without a human look.
pub fn is_mentioned(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    matches!(
        (before, after),
        (Some('"'), Some('"'))
            | (Some('“'), Some('”'))
            | (Some('\''), Some('\''))
            | (Some('‘'), Some('’'))
            | (Some('('), Some(')'))
            | (Some('`'), Some('`' | '\''))
    )
}

/// Whether the word at byte `start` opens a clause that English capitalises: it follows a colon,
/// a semicolon, an opening quote or bracket, or a list marker at the start of a line.
pub fn starts_clause(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let Some(last) = before.chars().next_back() else {
        return true;
    };
    if matches!(last, ':' | ';' | '“' | '"' | '‘' | '(' | '[' | '\n') {
        return true;
    }
    // `- Make it`, `* Make it`, `• Make it` at the start of a line.
    if !matches!(last, '-' | '*' | '•' | '–' | '—' | 'o') {
        return false;
    }
    let marker = before.trim_end_matches(['-', '*', '•', '–', '—', 'o']);
    let marker_len = before.len() - marker.len();
    marker_len <= 2
        && marker
            .trim_end_matches([' ', '\t'])
            .chars()
            .next_back()
            .is_none_or(|c| c == '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(doc: &Document) -> Vec<String> {
        doc.tokens()
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| doc.token_text(t).to_string())
            .collect()
    }

    #[test]
    fn tokens_cover_every_byte_in_order() {
        let text = "Kim’s 1950-1953with USApointing.\r\n\r\nNext  line";
        let doc = Document::new(text);
        let mut at = 0;
        for token in doc.tokens() {
            assert_eq!(token.span.start, at);
            at = token.span.end;
        }
        assert_eq!(at, text.len());
        assert_eq!(
            words(&doc),
            ["Kim", "s", "1953with", "USApointing", "Next", "line"]
        );
        let breaks = doc
            .tokens()
            .iter()
            .filter(|t| t.kind == TokenKind::LineBreak)
            .count();
        assert_eq!(breaks, 2, "\\r\\n is one line break");
    }

    #[test]
    fn sentences_split_after_terminal_punctuation_and_quotes() {
        let text = "He left. “Why?” she asked. Then\nA new line";
        let doc = Document::new(text);
        let starts: Vec<String> = doc
            .sentences()
            .iter()
            .map(|s| text[s.start..].chars().take(3).collect::<String>())
            .collect();
        assert_eq!(starts, ["He ", "“Wh", "The", "A n"]);
    }

    #[test]
    fn case_evidence_tells_proper_nouns_from_sentence_starts() {
        let doc =
            Document::new("Moscow said no. The deal with Moscow failed. moscow. Talks began.");
        let moscow = doc.case_evidence("MOSCOW");
        assert_eq!(moscow.capitalized_sentence_start, 1);
        assert_eq!(moscow.capitalized_mid_sentence, 1);
        assert_eq!(moscow.lower, 1);
        assert_eq!(doc.case_evidence("talks").capitalized_mid_sentence, 0);
        assert_eq!(doc.count_exact("Moscow"), 2);
        assert!(doc.is_sentence_start(0));
    }

    #[test]
    fn decomposed_text_matches_as_nfc_and_maps_back() {
        let original = "Pedro Sa\u{301}nchez said";
        let doc = Document::new(original);
        assert_eq!(doc.text(), "Pedro Sánchez said");
        let start = doc.text().find("Sánchez").unwrap();
        let span = doc.to_original(start..start + "Sánchez".len());
        assert_eq!(&original[span], "Sa\u{301}nchez");
        let said = doc.text().find("said").unwrap();
        assert_eq!(&original[doc.to_original(said..said + 4)], "said");
        assert_eq!(
            doc.to_original(doc.text().len()..doc.text().len()),
            original.len()..original.len()
        );
    }

    #[test]
    fn nfc_text_is_borrowed() {
        let doc = Document::new("Sánchez");
        assert!(matches!(doc.text, Cow::Borrowed(_)));
    }

    #[test]
    fn paragraphs_are_lines() {
        let doc = Document::new("One.\n\nTwo three.\n");
        assert_eq!(doc.paragraphs().len(), 2);
    }
}
