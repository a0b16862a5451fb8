//! Splits a formula into tokens, each with its position (a char index, as the page marks it).
//! Anything that is not a token of the grammar (`;`, `$`, quotes, markup's `&`, control and
//! non-ASCII characters) is refused here, by position.

use super::FormulaError;

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Token {
    Number(f64),
    /// A name: `x`, `pi`, `e` or a function (ASCII letters, digits and `_`, not starting with a digit).
    Name(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Lt,
    Le,
    Gt,
    Ge,
    Open,
    Close,
    Comma,
}

/// A token, where it starts, and its text as typed (at most [`SHOWN`] chars, for messages).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Spanned {
    pub(crate) token: Token,
    pub(crate) position: usize,
    pub(crate) text: String,
}

/// The longest token text an error message quotes; longer names are cut with `…`.
const SHOWN: usize = 24;

/// The tokens of `text`, which the caller has checked to be at most a few thousand chars.
pub(crate) fn tokens(text: &str) -> Result<Vec<Spanned>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let token = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            '0'..='9' | '.' => {
                i = number_end(&chars, i);
                let literal: String = chars[start..i].iter().collect();
                let value: f64 = literal.parse().map_err(|_| {
                    FormulaError::new(start, format!("malformed number \"{}\" at {start}", shorten(&literal)))
                })?;
                if value.is_infinite() {
                    let message = format!("number \"{}\" at {start} is too large for f64", shorten(&literal));
                    return Err(FormulaError::new(start, message));
                }
                Token::Number(value)
            }
            'a'..='z' | 'A'..='Z' | '_' => {
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                Token::Name(chars[start..i].iter().collect())
            }
            '<' | '>' => {
                i += 1;
                let equal = chars.get(i) == Some(&'=');
                i += usize::from(equal);
                match (c, equal) {
                    ('<', false) => Token::Lt,
                    ('<', true) => Token::Le,
                    ('>', false) => Token::Gt,
                    _ => Token::Ge,
                }
            }
            _ => {
                i += 1;
                match c {
                    '+' => Token::Plus,
                    '-' => Token::Minus,
                    '*' => Token::Star,
                    '/' => Token::Slash,
                    '^' => Token::Caret,
                    '(' => Token::Open,
                    ')' => Token::Close,
                    ',' => Token::Comma,
                    _ => return Err(unexpected_character(c, start)),
                }
            }
        };
        let text: String = chars[start..i].iter().collect();
        out.push(Spanned { token, position: start, text: shorten(&text) });
    }
    Ok(out)
}

/// The end of the number starting at `i`: digits, an optional fraction, an optional exponent
/// (`e`, an optional sign, digits). A letter `e` not followed by digits ends the number (so
/// `2e` is refused by the parser as `2` followed by the name `e`).
fn number_end(chars: &[char], mut i: usize) -> usize {
    let digits = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
    };
    digits(&mut i);
    if chars.get(i) == Some(&'.') {
        i += 1;
        digits(&mut i);
    }
    if matches!(chars.get(i), Some('e' | 'E')) {
        let mut j = i + 1;
        if matches!(chars.get(j), Some('+' | '-')) {
            j += 1;
        }
        if chars.get(j).is_some_and(char::is_ascii_digit) {
            i = j;
            digits(&mut i);
        }
    }
    i
}

/// `unexpected character ";" at 3`, with control and invisible characters named by code point
/// so the message never carries them.
fn unexpected_character(c: char, position: usize) -> FormulaError {
    let shown = if c.is_ascii_graphic() { format!("\"{c}\"") } else { format!("U+{:04X}", u32::from(c)) };
    let hint = match c {
        '=' => "; comparisons are < <= > >=",
        '[' | '{' => "; group with ( )",
        _ => "",
    };
    FormulaError::new(position, format!("unexpected character {shown} at {position}{hint}"))
}

/// `text` cut to [`SHOWN`] chars.
pub(crate) fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(SHOWN).collect();
        cut.push('…');
        cut
    }
}
