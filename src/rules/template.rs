//! Replacement templates: `$1`, `$name`, `${name}` and `${name:case}` references.

use regex::{Captures, Regex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseOp {
    Keep,
    Upper,
    Lower,
    Capitalize,
    Uncapitalize,
    Past,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum GroupRef {
    Index(usize),
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Group(GroupRef, CaseOp),
}

/// A replacement with `$1`, `$name`, `${name}` and `${name:case}` references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

impl Template {
    pub(super) fn parse(source: &str, regex: &Regex) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = source.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if c != '$' {
                literal.push(c);
                continue;
            }
            let (name, case) = match chars.peek() {
                Some(&(_, '$')) => {
                    chars.next();
                    literal.push('$');
                    continue;
                }
                Some(&(_, '{')) => {
                    chars.next();
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some((_, '}')) => break,
                            Some((_, ch)) => inner.push(ch),
                            None => return Err(format!("unclosed `${{` in `{source}`")),
                        }
                    }
                    let (name, case) = inner.split_once(':').unwrap_or((&inner, ""));
                    let case = match case {
                        "" => CaseOp::Keep,
                        "upper" => CaseOp::Upper,
                        "lower" => CaseOp::Lower,
                        "capitalize" => CaseOp::Capitalize,
                        "uncapitalize" => CaseOp::Uncapitalize,
                        "past" => CaseOp::Past,
                        other => {
                            return Err(format!(
                                "unknown case `{other}` (expected upper, lower, capitalize, uncapitalize or past)"
                            ));
                        }
                    };
                    (name.to_string(), case)
                }
                _ => {
                    let mut name = String::new();
                    while let Some(&(_, ch)) = chars.peek() {
                        if ch.is_ascii_alphanumeric() || ch == '_' {
                            name.push(ch);
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    if name.is_empty() {
                        return Err("a lone `$` (write `$$` for a dollar sign)".into());
                    }
                    (name, CaseOp::Keep)
                }
            };
            let group = match name.parse::<usize>() {
                Ok(index) if index < regex.captures_len() => GroupRef::Index(index),
                Ok(index) => return Err(format!("no capture group {index} in the pattern")),
                Err(_) if regex.capture_names().flatten().any(|n| n == name) => {
                    GroupRef::Name(name)
                }
                Err(_) => return Err(format!("no capture group named `{name}` in the pattern")),
            };
            if !literal.is_empty() {
                pieces.push(Piece::Literal(std::mem::take(&mut literal)));
            }
            pieces.push(Piece::Group(group, case));
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Ok(Template { pieces })
    }

    pub(super) fn expand(&self, captures: &Captures) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Group(group, case) => {
                    let text = match group {
                        GroupRef::Index(i) => captures.get(*i),
                        GroupRef::Name(n) => captures.name(n),
                    }
                    .map_or("", |m| m.as_str());
                    apply_case(&mut out, text, *case);
                }
            }
        }
        out
    }
}

fn apply_case(out: &mut String, text: &str, case: CaseOp) {
    match case {
        CaseOp::Keep => out.push_str(text),
        CaseOp::Upper => out.push_str(&text.to_uppercase()),
        CaseOp::Lower => out.push_str(&text.to_lowercase()),
        CaseOp::Past => out.push_str(&crate::engine::morph::past_tense(text)),
        CaseOp::Capitalize | CaseOp::Uncapitalize => {
            let mut chars = text.chars();
            if let Some(first) = chars.next() {
                if case == CaseOp::Capitalize {
                    out.extend(first.to_uppercase());
                } else {
                    out.extend(first.to_lowercase());
                }
                out.push_str(chars.as_str());
            }
        }
    }
}
