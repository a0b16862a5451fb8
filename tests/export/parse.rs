//! A `.safetensors` reader written from the format's definition, sharing no code with the
//! `safetensors` crate: 8 bytes of little-endian header length N, N bytes of JSON
//! (`{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {…}}`, offsets
//! relative to the end of the header), then the data. Panics on anything malformed: a test helper.

use std::collections::HashMap;

/// A parsed file: F32 tensors by name (shape, values) and the metadata strings.
pub struct Parsed {
    pub tensors: HashMap<String, (Vec<usize>, Vec<f32>)>,
    pub metadata: HashMap<String, String>,
}

/// The JSON the header can hold.
#[derive(Debug)]
enum Json {
    Object(Vec<(String, Json)>),
    Array(Vec<Json>),
    Text(String),
    Number(f64),
}

/// Reads every tensor of `bytes` (each must be F32, its offsets contiguous and in bounds).
pub fn parse_safetensors(bytes: &[u8]) -> Parsed {
    let length = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    assert_eq!(length % 8, 0, "the header is padded to 8 bytes");
    let header = std::str::from_utf8(&bytes[8..8 + length]).unwrap();
    let data = &bytes[8 + length..];
    let mut chars = header.trim_end_matches(' ').chars().peekable();
    let Json::Object(entries) = value(&mut chars) else { panic!("the header is a JSON object") };
    assert!(chars.next().is_none(), "nothing after the header object");
    let (mut tensors, mut metadata, mut covered) = (HashMap::new(), HashMap::new(), 0);
    for (name, entry) in entries {
        let Json::Object(fields) = entry else { panic!("{name} is an object") };
        if name == "__metadata__" {
            for (key, text) in fields {
                let Json::Text(text) = text else { panic!("metadata values are strings") };
                metadata.insert(key, text);
            }
            continue;
        }
        let field = |key: &str| &fields.iter().find(|(k, _)| k == key).unwrap().1;
        assert!(matches!(field("dtype"), Json::Text(t) if t == "F32"), "{name} is F32");
        let numbers = |json: &Json| match json {
            Json::Array(items) => items
                .iter()
                .map(|i| match i {
                    Json::Number(n) => *n as usize,
                    _ => panic!(),
                })
                .collect::<Vec<_>>(),
            _ => panic!("an array"),
        };
        let (shape, offsets) = (numbers(field("shape")), numbers(field("data_offsets")));
        let (begin, end) = (offsets[0], offsets[1]);
        assert_eq!(end - begin, 4 * shape.iter().product::<usize>(), "{name}: offsets span its shape");
        covered += end - begin;
        let values =
            data[begin..end].chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().unwrap())).collect();
        tensors.insert(name, (shape, values));
    }
    assert_eq!(covered, data.len(), "the tensors cover the data exactly");
    Parsed { tensors, metadata }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_space(chars: &mut Chars) {
    while chars.peek().is_some_and(|c| c.is_whitespace()) {
        chars.next();
    }
}

fn value(chars: &mut Chars) -> Json {
    skip_space(chars);
    let json = match chars.peek().copied().unwrap() {
        '{' => Json::Object(sequence(chars, '}', |chars| {
            let Json::Text(key) = value(chars) else { panic!("keys are strings") };
            skip_space(chars);
            assert_eq!(chars.next(), Some(':'));
            (key, value(chars))
        })),
        '[' => Json::Array(sequence(chars, ']', value)),
        '"' => Json::Text(text(chars)),
        _ => {
            let mut number = String::new();
            while chars.peek().is_some_and(|c| c.is_ascii_digit() || "+-.eE".contains(*c)) {
                number.push(chars.next().unwrap());
            }
            Json::Number(number.parse().unwrap())
        }
    };
    skip_space(chars);
    json
}

/// Items between an opening bracket (next char) and `close`, separated by commas.
fn sequence<T>(chars: &mut Chars, close: char, mut item: impl FnMut(&mut Chars) -> T) -> Vec<T> {
    chars.next();
    let mut items = Vec::new();
    skip_space(chars);
    if chars.peek() == Some(&close) {
        chars.next();
        return items;
    }
    loop {
        items.push(item(chars));
        skip_space(chars);
        match chars.next() {
            Some(',') => continue,
            Some(c) if c == close => return items,
            other => panic!("expected , or {close}, got {other:?}"),
        }
    }
}

fn text(chars: &mut Chars) -> String {
    chars.next();
    let mut text = String::new();
    loop {
        match chars.next().unwrap() {
            '"' => return text,
            '\\' => match chars.next().unwrap() {
                'n' => text.push('\n'),
                't' => text.push('\t'),
                'r' => text.push('\r'),
                'b' => text.push('\u{8}'),
                'f' => text.push('\u{c}'),
                'u' => {
                    let hex: String = (0..4).map(|_| chars.next().unwrap()).collect();
                    text.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                }
                c => text.push(c),
            },
            c => text.push(c),
        }
    }
}
