//! Splitting CSV text into numbered lines and a line into fields, in one pass each.

use std::borrow::Cow;

use super::{error, MAX_FEATURES};
use crate::mlp::LabError;

/// The file's lines with their numbers (from 1), split at `\n`, `\r\n` or a lone `\r`.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut number = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        number += 1;
        let bytes = rest.as_bytes();
        let end = bytes.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(bytes.len());
        let line = &rest[..end];
        let skip = match bytes.get(end..end + 2) {
            Some(b"\r\n") => 2,
            _ if end < bytes.len() => 1,
            _ => 0,
        };
        rest = &rest[end + skip..];
        Some((number, line))
    })
}

/// Splits one line into trimmed fields (unquoted), refusing more than `MAX_FEATURES + 1` of them
/// without reading further.
pub(super) fn split_fields<'a>(
    line: &'a str,
    separator: u8,
    number: usize,
    fields: &mut Vec<Cow<'a, str>>,
) -> Result<(), LabError> {
    fields.clear();
    let bytes = line.as_bytes();
    let mut start = 0;
    loop {
        if fields.len() > MAX_FEATURES {
            let message = format!(
                "line {number}: more than {} columns; at most {MAX_FEATURES} features and a label",
                MAX_FEATURES + 1
            );
            return Err(error(message));
        }
        let column = fields.len() + 1;
        let content = start + bytes[start..].iter().take_while(|&&b| b == b' ').count();
        let end = if bytes.get(content) == Some(&b'"') {
            let (value, after) = quoted(line, content + 1).ok_or_else(|| {
                error(format!(
                    "line {number}, column {column}: a quoted field must end with \" on the same line"
                ))
            })?;
            let end = after + bytes[after..].iter().take_while(|&&b| b == b' ').count();
            if end < bytes.len() && bytes[end] != separator {
                let message =
                    format!("line {number}, column {column}: unexpected text after the closing quote");
                return Err(error(message));
            }
            fields.push(value);
            end
        } else {
            let end = bytes[start..].iter().position(|&b| b == separator).map_or(bytes.len(), |k| start + k);
            fields.push(Cow::Borrowed(line[start..end].trim()));
            end
        };
        if end == bytes.len() {
            return Ok(());
        }
        start = end + 1;
    }
}

/// The text of a quoted field whose content starts at `start` (just after the opening quote), and
/// the index just past its closing quote; `None` when the line ends first.
fn quoted(line: &str, start: usize) -> Option<(Cow<'_, str>, usize)> {
    let bytes = line.as_bytes();
    let mut value = Cow::Borrowed("");
    let (mut chunk, mut at) = (start, start);
    loop {
        at += bytes[at..].iter().position(|&b| b == b'"')?;
        if bytes.get(at + 1) == Some(&b'"') {
            value.to_mut().push_str(&line[chunk..=at]);
            at += 2;
            chunk = at;
        } else if chunk == start {
            return Some((Cow::Borrowed(&line[start..at]), at + 1));
        } else {
            value.to_mut().push_str(&line[chunk..at]);
            return Some((value, at + 1));
        }
    }
}
