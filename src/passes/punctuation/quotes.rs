//! Double quotes: a tokeniser, the pairing of one paragraph's marks, and the direction and
//! spacing repairs that follow from the pairing.
//!
//! Every double mark of a paragraph (`“ ” „ "`, guillemets, TeX ``` `` ''```) is one token;
//! a doubled mark (`“”Don’t`) and a comma wrapped in marks after a space (`them “,” said`) are
//! one token too. Each token's own context may make its role certain (paragraph start or end,
//! punctuation after it, or spacing and glyph agreeing). The pairing alternates open, close,
//! open, close; it is trusted only when the count is even and no certain role contradicts it.

use std::ops::Range;

use super::{Repair, Style};
use crate::engine::finding::Applicability;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Open,
    Close,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glyph {
    /// `“` or `„`
    Open,
    /// `”`
    Close,
    /// `"`
    Straight,
    GuillemetOpen,
    GuillemetClose,
    /// ``` `` ```
    TexOpen,
    /// `''`
    TexClose,
}

impl Glyph {
    fn role(self) -> Option<Role> {
        match self {
            Glyph::Open | Glyph::GuillemetOpen | Glyph::TexOpen => Some(Role::Open),
            Glyph::Close | Glyph::GuillemetClose | Glyph::TexClose => Some(Role::Close),
            Glyph::Straight => None,
        }
    }

    fn is_foreign(self) -> bool {
        matches!(
            self,
            Glyph::GuillemetOpen | Glyph::GuillemetClose | Glyph::TexOpen | Glyph::TexClose
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Single,
    /// Two marks in a row (`“”Don’t`, `sense””`): one of them is deleted.
    Doubled,
    /// `␣“,”` (or with a period): a closing comma wrapped in two marks.
    WrappedComma(char),
}

/// One quote token of a paragraph, in document offsets.
#[derive(Debug, Clone)]
struct Mark {
    /// The mark itself (for `WrappedComma`, from the white space before it).
    span: Range<usize>,
    glyph: Glyph,
    shape: Shape,
    /// The characters just outside the span, within the paragraph.
    prev: Option<char>,
    next: Option<char>,
}

fn is_quote(c: char) -> Option<Glyph> {
    match c {
        '“' | '„' => Some(Glyph::Open),
        '”' => Some(Glyph::Close),
        '"' => Some(Glyph::Straight),
        '«' => Some(Glyph::GuillemetOpen),
        '»' => Some(Glyph::GuillemetClose),
        _ => None,
    }
}

/// The quote tokens of `text[range]`.
/// `tex`: the document opens quotes with ``` `` ```, so `''` closes them (alone, `''` is a
/// house style of some papers and is left as it is).
fn tokenise(text: &str, range: Range<usize>, tex: bool) -> Vec<Mark> {
    let p = &text[range.clone()];
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut raw: Vec<(Range<usize>, Glyph)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|x| x.1);
        let glyph = if c == '`' && next == Some('`') && prev != Some('`') {
            Some(Glyph::TexOpen)
        } else if tex && c == '\'' && next == Some('\'') && prev != Some('\'') {
            Some(Glyph::TexClose)
        } else if c == '"'
            && prev.is_some_and(|p| p.is_ascii_digit())
            && !next.is_some_and(char::is_alphabetic)
        {
            // An inch mark (`12"`), not a quote.
            None
        } else {
            is_quote(c)
        };
        if let Some(glyph) = glyph {
            let len = if matches!(glyph, Glyph::TexOpen | Glyph::TexClose) {
                2
            } else {
                c.len_utf8()
            };
            raw.push((range.start + at..range.start + at + len, glyph));
            i += if len == 2 { 2 } else { 1 };
        } else {
            i += 1;
        }
    }
    let char_before = |at: usize| -> Option<char> {
        (at > range.start)
            .then(|| text[range.start..at].chars().next_back())
            .flatten()
    };
    let char_after = |at: usize| -> Option<char> {
        (at < range.end)
            .then(|| text[at..range.end].chars().next())
            .flatten()
    };
    let mut marks: Vec<Mark> = Vec::new();
    let mut k = 0;
    while k < raw.len() {
        let (span, glyph) = raw[k].clone();
        // `␣“,”␣`: a mark, a comma or period, a mark, between white space (or the end).
        if k + 1 < raw.len() {
            let (next_span, next_glyph) = raw[k + 1].clone();
            let between = &text[span.end..next_span.start];
            let prev = char_before(span.start);
            let after = char_after(next_span.end);
            if (between == "," || between == ".")
                && prev.is_some_and(char::is_whitespace)
                && after.is_none_or(char::is_whitespace)
                && !glyph.is_foreign()
                && !next_glyph.is_foreign()
            {
                let ws_start = text[range.start..span.start].trim_end().len() + range.start;
                marks.push(Mark {
                    span: ws_start..next_span.end,
                    glyph: next_glyph,
                    shape: Shape::WrappedComma(between.chars().next().unwrap()),
                    prev: char_before(ws_start),
                    next: after,
                });
                k += 2;
                continue;
            }
            // `”“` is a quotation closing and the next opening, not a doubled mark.
            let close_then_open = glyph == Glyph::Close && next_glyph == Glyph::Open;
            // A straight mark against a curly one is quoting inside a quotation (`“"def"”`).
            let nested = (glyph == Glyph::Straight) != (next_glyph == Glyph::Straight);
            if between.is_empty()
                && !nested
                && !glyph.is_foreign()
                && !next_glyph.is_foreign()
                && !close_then_open
            {
                marks.push(Mark {
                    span: span.start..next_span.end,
                    glyph,
                    shape: Shape::Doubled,
                    prev,
                    next: after,
                });
                k += 2;
                continue;
            }
        }
        marks.push(Mark {
            prev: char_before(span.start),
            next: char_after(span.end),
            span,
            glyph,
            shape: Shape::Single,
        });
        k += 1;
    }
    marks
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn opens_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '/')
}

/// The role a mark's own surroundings make certain, if any.
fn certain_role(text: &str, para: &Range<usize>, m: &Mark) -> Option<Role> {
    if let Shape::WrappedComma(_) = m.shape {
        return Some(Role::Close);
    }
    let Some(prev) = m.prev else {
        return Some(Role::Open);
    };
    let Some(next) = m.next else {
        // A mark ending the paragraph closes, unless it follows a colon (a block quote below).
        // An opening mark after a word may be a text cut off after it (`the ability “`).
        let last = text[para.start..m.span.start]
            .trim_end()
            .chars()
            .next_back();
        let closes = last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ','))
            || m.glyph.role() != Some(Role::Open) && last.is_some_and(is_word);
        return closes.then_some(Role::Close);
    };
    // `,” ` `.” ` `” ,` `”.`: punctuation on the outside of a mark, then a break.
    let after_next = text[m.span.end..para.end].chars().nth(1);
    if matches!(next, ',' | '.' | ';' | ':' | '!' | '?' | ')')
        && after_next.is_none_or(|c| c.is_whitespace() || is_quote(c).is_some() || c == ')')
        && !prev.is_whitespace()
    {
        return Some(Role::Close);
    }
    if matches!(prev, ',' | '.' | '!' | '?' | ';') && next.is_whitespace() {
        return Some(Role::Close);
    }
    if matches!(prev, '(' | '[') && is_word(next) {
        return Some(Role::Open);
    }
    let spacing = if opens_after(prev)
        && (is_word(next) || matches!(next, '‘' | '\'' | '¿' | '¡' | '…'))
    {
        Some(Role::Open)
    } else if is_word(prev) && next.is_whitespace() {
        Some(Role::Close)
    } else {
        None
    };
    // Straight marks carry no direction of their own: their spacing is all there is.
    match m.glyph.role() {
        None => spacing,
        Some(glyph) if spacing == Some(glyph) => spacing,
        Some(_) => None,
    }
}

/// Verbs that report speech after a quotation (`“…,” said Kim`): a closed list.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "explained",
    "explains",
    "told",
    "stated",
    "states",
    "noted",
    "notes",
    "declared",
    "asked",
    "replied",
    "insisted",
    "stressed",
    "warned",
    "wrote",
    "concluded",
    "continued",
    "assured",
    "argued",
    "recalled",
    "announced",
    "emphasized",
    "emphasised",
    "commented",
    "remarked",
    "acknowledged",
    "admitted",
    "observed",
    "underlined",
];

/// English and French function words: text in guillemets that reads as French stays French.
const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "une", "et", "est", "nous", "vous", "ils", "elle", "je", "que",
    "qui", "pour", "dans", "sur", "pas", "ne", "avec", "ce", "cette", "sont", "au", "aux", "mais",
    "où", "il", "à", "c'est", "d'un", "l'",
];
const ENGLISH: &[&str] = &[
    "the", "a", "an", "and", "is", "of", "to", "in", "that", "it", "for", "on", "with", "was",
    "are", "be", "this", "we", "you", "they", "he", "she", "not", "but", "will", "have", "i",
];

fn reads_as_french(text: &str) -> bool {
    let (mut fr, mut en) = (0, 0);
    for word in text
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        fr += usize::from(FRENCH.contains(&lower.as_str()));
        en += usize::from(ENGLISH.contains(&lower.as_str()));
    }
    fr > 0 && fr >= en
}

/// The repairs of one paragraph's double quotes.
pub(super) fn repairs(text: &str, para: Range<usize>, style: Style, out: &mut Vec<Repair>) {
    let p = &text[para.clone()];
    let any = p.contains(['“', '”', '„', '"', '«', '»']) || p.contains("``");
    if !any {
        return;
    }
    let marks = tokenise(text, para.clone(), style.tex_quotes);
    if marks.is_empty() {
        return;
    }
    // Guillemets around French stay as they are, and so does everything else in the paragraph:
    // French typography puts spaces inside them on purpose.
    if marks
        .iter()
        .any(|m| matches!(m.glyph, Glyph::GuillemetOpen | Glyph::GuillemetClose))
        && reads_as_french(&text[para.clone()])
    {
        return;
    }
    // Straight marks among curly ones quote inside the quotation (`“"def"”`): each kind pairs
    // on its own.
    let (straight, curly): (Vec<Mark>, Vec<Mark>) =
        marks.into_iter().partition(|m| m.glyph == Glyph::Straight);
    for marks in [straight, curly] {
        if !marks.is_empty() {
            pair(text, &para, &marks, style, out);
        }
    }
}

/// Pairs one kind of marks of a paragraph and repairs them.
fn pair(text: &str, para: &Range<usize>, marks: &[Mark], style: Style, out: &mut Vec<Repair>) {
    let para = para.clone();
    let certain: Vec<Option<Role>> = marks.iter().map(|m| certain_role(text, &para, m)).collect();
    let alternation = |i: usize| {
        if i.is_multiple_of(2) {
            Role::Open
        } else {
            Role::Close
        }
    };
    // `the end, “he wrote`, `in May, "said Kim`: a closing mark moved past the space after the
    // comma. Its spacing says open, but that is all that says so: where the alternation wants a
    // close and a lower-case word or a reporting verb follows, the alternation wins.
    let moved_close = |i: usize| {
        let m = &marks[i];
        certain[i] == Some(Role::Open)
            && alternation(i) == Role::Close
            && m.shape == Shape::Single
            && m.prev.is_some_and(char::is_whitespace)
            && text[para.start..m.span.start].trim_end().ends_with(',')
            && {
                let words: Vec<&str> = text[m.span.end..para.end]
                    .split_whitespace()
                    .take(3)
                    .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
                    .collect();
                words
                    .first()
                    .is_some_and(|w| w.starts_with(char::is_lowercase))
                    || words.iter().any(|w| REPORTING_VERBS.contains(w))
            }
    };
    let paired = marks.len().is_multiple_of(2)
        && certain
            .iter()
            .enumerate()
            .all(|(i, c)| c.is_none_or(|c| c == alternation(i)) || moved_close(i));
    // A pair of guillemets set tight around a few words (`«Bisenzio»`) is a house's choice of
    // marks, not a leftover: only spaced ones or ones mixed with English quotes are set anew.
    let kept_guillemets = |i: usize| {
        let pair = if i.is_multiple_of(2) {
            i..i + 2
        } else {
            i - 1..i + 1
        };
        paired
            && marks[pair.start].glyph == Glyph::GuillemetOpen
            && marks[pair.end - 1].glyph == Glyph::GuillemetClose
            && !marks[pair.start].next.is_some_and(char::is_whitespace)
            && !marks[pair.end - 1].prev.is_some_and(char::is_whitespace)
    };
    for (i, mark) in marks.iter().enumerate() {
        if kept_guillemets(i) {
            continue;
        }
        // A quotation that opens a sentence takes a comma before a reporting verb.
        let sentence_quote = paired && i % 2 == 1 && {
            let open = &marks[i - 1];
            text[para.start..open.span.start]
                .trim_end()
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'))
        };
        let role = if paired {
            alternation(i)
        } else {
            // Without a pairing, only the paragraph's ends decide alone.
            match (mark.prev, mark.next, certain[i]) {
                (None, _, Some(Role::Open)) => Role::Open,
                (_, None, Some(Role::Close)) => Role::Close,
                _ => continue,
            }
        };
        if let Some(repair) = repair(text, &para, mark, role, style, sentence_quote) {
            out.push(repair);
        }
    }
}

/// What `mark` must become to play `role`, or `None` if it already does.
fn repair(
    text: &str,
    para: &Range<usize>,
    mark: &Mark,
    role: Role,
    style: Style,
    sentence_quote: bool,
) -> Option<Repair> {
    let glyph = match (mark.glyph, role) {
        (Glyph::Straight, _) => '"',
        (Glyph::Open | Glyph::Close, Role::Open) => '“',
        (Glyph::Open | Glyph::Close, Role::Close) => '”',
        (_, Role::Open) => style.open_quote(),
        (_, Role::Close) => style.close_quote(),
    };
    let mut problems: Vec<&str> = Vec::new();
    let mut span = mark.span.clone();
    let mut before = String::new();
    let mut after = String::new();
    let current = &text[mark.span.clone()];
    // A curly mark pointing the wrong way.
    let mut turned = false;
    let mut mark_text: String = match mark.shape {
        Shape::WrappedComma(c) => {
            if role != Role::Close {
                return None;
            }
            problems.push(
                "a comma wrapped in two quotes after a space: the comma closes the quotation",
            );
            format!(
                "{c}{}",
                if mark.glyph == Glyph::Straight {
                    '"'
                } else {
                    style.close_quote()
                }
            )
        }
        Shape::Doubled => {
            problems.push("a doubled quotation mark");
            glyph.to_string()
        }
        Shape::Single => {
            if !current.starts_with(glyph) || current.chars().count() != 1 {
                problems.push(match (mark.glyph, role) {
                    (Glyph::GuillemetOpen | Glyph::GuillemetClose, _) => {
                        "a French guillemet in English text"
                    }
                    (Glyph::TexOpen | Glyph::TexClose, _) => {
                        "typewriter quotes (`` '') in English text"
                    }
                    (_, Role::Open) => "a closing quotation mark where the quotation opens",
                    (_, Role::Close) => "an opening quotation mark where the quotation closes",
                });
                turned = matches!(mark.glyph, Glyph::Open | Glyph::Close);
            }
            glyph.to_string()
        }
    };
    match role {
        Role::Open => {
            // A word or punctuation glued before an opening mark needs a space.
            if let Some(prev) = mark.prev
                && (is_word(prev) || matches!(prev, '.' | ',' | ';' | ':' | '!' | '?' | '”'))
            {
                before.push(' ');
                problems.push("no space before the opening quote");
            }
            // `“ We` → `“We`.
            let rest = &text[mark.span.end..para.end];
            let trimmed = rest.trim_start();
            if trimmed.len() < rest.len() && trimmed.chars().next().is_some_and(is_word) {
                span.end += rest.len() - trimmed.len();
                problems.push("a space after the opening quote");
            }
        }
        Role::Close => {
            // `this. ” He` → `this.” He`.
            let head = &text[para.start..mark.span.start];
            let trimmed = head.trim_end();
            if !matches!(mark.shape, Shape::WrappedComma(_))
                && trimmed.len() < head.len()
                && trimmed.chars().next_back().is_some_and(|c| {
                    is_word(c) || matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '%' | ')')
                })
            {
                span.start = para.start + trimmed.len();
                problems.push("a space before the closing quote");
            }
            if mark.next.is_some_and(is_word) {
                after.push(' ');
                problems.push("no space after the closing quote");
            }
            // `“We will win” said Kim` → `“We will win,” said Kim`.
            let head = text[para.start..span.start].trim_end();
            let following: String = text[mark.span.end..para.end]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if sentence_quote
                && head.chars().next_back().is_some_and(is_word)
                && REPORTING_VERBS.contains(&following.as_str())
                && matches!(mark.shape, Shape::Single)
            {
                mark_text = format!(",{mark_text}");
                problems.push("no comma before the reporting verb");
            }
            // `War“, wrote` → `War,” wrote`, `table », the` → `table,” the`: once the mark is
            // set anew, the comma or full stop goes inside as English sets it.
            let rest = &text[mark.span.end..para.end];
            let mut rest_chars = rest.chars();
            if (turned || mark.glyph.is_foreign())
                && mark.shape == Shape::Single
                && let Some(p @ (',' | '.')) = rest_chars.next()
                && rest_chars.next().is_none_or(char::is_whitespace)
            {
                mark_text = format!("{p}{mark_text}");
                span.end += 1;
                if turned {
                    // `War“, wrote`: a turned mark after a word with the comma outside is what
                    // an engine makes of `,”`; smart quotes never set `“` after a letter.
                    problems.push("the punctuation goes inside the closing quote");
                }
            }
        }
    }
    // One thing wrong with a mark is what a writer's slip looks like; two are an engine's.
    // Guillemets, TeX quotes and a wrapped comma are an engine's habits, not slips.
    // A mark glued to a word on both sides (`the"lost city"`) is no slip of a writer's
    // either: a typist leaves a space out, not the space and the glyph's side both.
    let glued_both = mark.prev.is_some_and(is_word) && mark.next.is_some_and(is_word);
    let could_be_typo = problems.len() == 1
        && !glued_both
        && !mark.glyph.is_foreign()
        && !matches!(mark.shape, Shape::WrappedComma(_));
    let replacement = format!("{before}{mark_text}{after}");
    if replacement == text[span.clone()] || problems.is_empty() {
        return None;
    }
    Some(Repair {
        span,
        replacement,
        check: &super::QUOTE_MARK,
        message: problems.join("; "),
        applicability: Applicability::Safe,
        could_be_typo,
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixed;
    use crate::Policy;

    /// Safe and unsafe: a text with a single damaged quote only gets a suggestion (see
    /// `one_damaged_quote_is_only_suggested`), and most examples here have one.
    fn safe(text: &str) -> String {
        fixed(text, Policy::SafeAndUnsafe)
    }

    #[test]
    fn one_slipped_quote_is_only_suggested() {
        // A turned mark with the spacing right may be a writer's slip: one in a text is a
        // suggestion. A turned mark glued to the next word is an engine's, and is applied.
        let one = "“We are ready,“ the mayor said.";
        assert_eq!(fixed(one, Policy::Safe), one);
        assert_eq!(safe(one), "“We are ready,” the mayor said.");
        let glued = "It was “more open and fair“than the old law.";
        assert_eq!(
            fixed(glued, Policy::Safe),
            "It was “more open and fair” than the old law."
        );
        let guillemet = "“The order was respected.»";
        assert_eq!(fixed(guillemet, Policy::Safe), "“The order was respected.”");
        let two = "“We are ready,“ the mayor said.”The vote is today.”";
        assert_eq!(
            fixed(two, Policy::Safe),
            "“We are ready,” the mayor said. “The vote is today.”"
        );
    }

    #[test]
    fn engine_shapes_are_applied_even_alone() {
        // Glued to words on both sides, or turned with the comma outside: no writer's slip.
        assert_eq!(
            fixed("A third of the\"old town\" is still buried.", Policy::Safe),
            "A third of the \"old town\" is still buried."
        );
        assert_eq!(
            fixed("“We will build a new port“, the mayor said.", Policy::Safe),
            "“We will build a new port,” the mayor said."
        );
        // A turned mark after the comma may be a writer's slip: only suggested when alone.
        let slip = "“We will build a new port,“ the mayor said.";
        assert_eq!(fixed(slip, Policy::Safe), slip);
    }

    #[test]
    fn a_closing_mark_moved_past_the_comma_space_closes() {
        assert_eq!(
            fixed("“The boat could capsize, “he said.", Policy::Safe),
            "“The boat could capsize,” he said."
        );
        assert_eq!(
            fixed("\"It rained in May, \"said Kim.", Policy::Safe),
            "\"It rained in May,\" said Kim."
        );
        for text in [
            "“Yes,” he said, “we go.”",
            "He called it, “a disaster” and left.",
            "“Stop,” she said. “Now, “he wants it” too.",
        ] {
            assert_eq!(safe(text), text, "{text}");
        }
    }

    #[test]
    fn a_closing_mark_that_opens_is_turned_and_spaced() {
        assert_eq!(
            safe("Kim promised”hold hands” with the mayor."),
            "Kim promised “hold hands” with the mayor."
        );
        assert_eq!(
            safe("“It is over,” he said.”Now we rest,” she added."),
            "“It is over,” he said. “Now we rest,” she added."
        );
        assert_eq!(
            safe("“We came to help.” The rest follows in May 9.”The mayor agreed.”"),
            "“We came to help.” The rest follows in May 9. “The mayor agreed.”"
        );
    }

    #[test]
    fn an_opening_mark_that_closes_is_turned() {
        assert_eq!(
            safe("“Nothing was built for the Cold War“, wrote the professor."),
            "“Nothing was built for the Cold War,” wrote the professor."
        );
        assert_eq!(
            safe("It was “more open and fair“than the old law."),
            "It was “more open and fair” than the old law."
        );
    }

    #[test]
    fn spaces_inside_and_outside_the_marks() {
        assert_eq!(
            safe("“It happened last week ”, was the answer."),
            "“It happened last week”, was the answer."
        );
        assert_eq!(
            safe("At the end, “he wrote a letter” to us."),
            "At the end, “he wrote a letter” to us."
        );
        assert_eq!(
            safe("The mayor said “ We will rebuild ” on Monday."),
            "The mayor said “We will rebuild” on Monday."
        );
        assert_eq!(
            safe("“We need help,” the mayor said.“Please come.”"),
            "“We need help,” the mayor said. “Please come.”"
        );
        assert_eq!(
            safe("“The port is the main engine of trade, ”the minister noted."),
            "“The port is the main engine of trade,” the minister noted."
        );
        assert_eq!(
            safe("He called it “a clean deal”which nobody believed."),
            "He called it “a clean deal” which nobody believed."
        );
    }

    #[test]
    fn a_quoted_sentence_takes_a_comma_before_the_reporting_verb() {
        assert_eq!(
            safe("“It changes nothing of the substance“said the reporter."),
            "“It changes nothing of the substance,” said the reporter."
        );
        assert_eq!(
            safe("He left. “We will win” said the coach, “and soon.”"),
            "He left. “We will win,” said the coach, “and soon.”"
        );
    }

    #[test]
    fn a_comma_wrapped_in_marks_closes() {
        assert_eq!(
            safe("“It must become a priority for them “,” said the minister."),
            "“It must become a priority for them,” said the minister."
        );
    }

    #[test]
    fn doubled_marks_collapse() {
        assert_eq!(
            safe("He answered: “”I do not know.”"),
            "He answered: “I do not know.”"
        );
        assert_eq!(
            safe("“Nothing at all in that sense””"),
            "“Nothing at all in that sense”"
        );
    }

    #[test]
    fn paragraph_ends_decide_without_a_pairing() {
        // Three marks: no pairing, but a mark ending the paragraph closes.
        assert_eq!(
            safe("He said, “We help everyone. “We ask nothing in return. “"),
            "He said, “We help everyone. “We ask nothing in return.”"
        );
        assert_eq!(
            safe("Mayor Kim, “They split the town in two. Nobody wants this. “ He said."),
            "Mayor Kim, “They split the town in two. Nobody wants this.” He said."
        );
    }

    #[test]
    fn guillemets_and_typewriter_quotes_in_english() {
        assert_eq!(
            safe("The coach said: « We will fight to the end »."),
            "The coach said: “We will fight to the end.”"
        );
        assert_eq!(
            safe("“We must talk and sit at the table », the mayor said."),
            "“We must talk and sit at the table,” the mayor said."
        );
        assert_eq!(
            safe("“The order was respected.»"),
            "“The order was respected.”"
        );
        assert_eq!(
            safe("He called it ``a disaster'' on air."),
            "He called it “a disaster” on air."
        );
        assert_eq!(
            safe("She said \"it is over\" and ``left''."),
            "She said \"it is over\" and \"left.\""
        );
    }

    #[test]
    fn traps_stay() {
        for text in [
            "« Nous irons à la table », dit-il.",
            "Le ministre a dit « non » hier.",
            "He said “no” and left.",
            "“Is it over?” he asked. “No,” she said.",
            "The 12\" screen and the 3\" tube.",
            "“He told me “no” twice” is not English.",
            "“A quotation running on",
            "“Run on, and on.",
            "He said: “",
            "The sign read “” all day.",
            "“¡Viva!” shouted the crowd, “¿por qué no?”",
            "Nested ‘single’ quotes and it’s fine.",
            "“Dividing the world into two”",
            "The service area «Bisenzio» was closed.",
            "The “amnesty law” said to be ready passed.",
            "It gives workers the ability “",
            "A “\"def\"” statement defines a function.",
            "Meloni argued, ''It's hard,'' and left.",
        ] {
            assert_eq!(safe(text), text, "{text}");
        }
    }

    #[test]
    fn unpaired_middle_marks_are_left() {
        // Odd count, and the glued mark is mid-paragraph: which mark is stray is a guess.
        let text = "“We came,” he said.”We saw";
        assert_eq!(safe(text), text);
    }
}
