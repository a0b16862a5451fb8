//! A CSV file of numbers as a training and a test set: every column a feature except the last,
//! which is the class label.
//!
//! The format read, and why:
//! - **Lines** end with `\n`, `\r\n` or a lone `\r`; blank lines (only spaces) are skipped; a
//!   leading byte-order mark is ignored. Line numbers in errors count every physical line from 1.
//! - **Separator**: the first non-blank line's tab if it has one, else its semicolon, else a comma.
//!   (A file written with decimal commas uses `;`; its numbers are then refused with a hint to use
//!   `.`: one decimal point keeps "1,5" from meaning two different things.)
//! - **Header**: optional. The first row is a header when one of its non-label fields is text that
//!   is not a number (an empty field alone does not make a header, so `1,,0` is a data row with a
//!   missing value). Its names are not used beyond the column count.
//! - **Quotes** (RFC 4180): a field may be wrapped in `"…"`, with `""` for a quote inside; a quoted
//!   field must end on its line (numbers and labels never need line breaks).
//! - **Labels**: the distinct texts of the last column become the classes. If every label is a
//!   number they are ordered by value (`"1"` and `"1.0"` are one class, named by the text seen
//!   first), else in order of first appearance. The class names are those texts.
//! - **Split**: rows are shuffled with [`Rng::new`]`(seed)` and the last `round(rows × test_fraction)`
//!   form the test set, as for the built-in sets; not stratified.
//!
//! Limits: [`MAX_CSV_BYTES`] of text, [`MAX_FEATURES`] features, [`MAX_CLASSES`] classes and
//! [`MAX_DATA_ROWS`] rows, each refused as soon as it is crossed, so a hostile file costs one
//! pass over at most [`MAX_CSV_BYTES`]. Every error names the line (and the column, counted from 1).

use std::collections::BTreeMap;

use super::dataset::{Dataset, SplitDataset, MAX_CLASSES, MAX_DATA_ROWS, MAX_FEATURES};
use super::rng::Rng;
use super::LabError;
use fields::{lines, split_fields};

mod fields;

/// The largest CSV text accepted, in bytes (64 MiB).
pub const MAX_CSV_BYTES: usize = 64 << 20;
/// The most characters of a field an error message quotes.
const MAX_SHOWN: usize = 40;
/// The longest class name [`SplitDataset::new`] accepts.
const MAX_LABEL_CHARS: usize = 40;
/// The field every CSV error is reported under.
const FIELD: &str = "csv";

/// Parses `text` (see the module documentation for the format) and splits its rows into a training
/// set and a test set of `round(rows × test_fraction)` rows, shuffled from `seed`.
pub fn parse_csv(text: &str, test_fraction: f64, seed: u64) -> Result<SplitDataset, LabError> {
    if text.len() > MAX_CSV_BYTES {
        let message =
            format!("the CSV text must be at most 64 MiB ({MAX_CSV_BYTES} bytes), got {} bytes", text.len());
        return Err(LabError::new(FIELD, message));
    }
    if !(test_fraction > 0.0 && test_fraction < 1.0) {
        let message = format!("test fraction must be greater than 0 and less than 1, got {test_fraction}");
        return Err(LabError::new("test fraction", message));
    }
    let table = read_table(text.strip_prefix('\u{feff}').unwrap_or(text))?;
    split(table, test_fraction, seed)
}

/// Every data row of the file, before the split.
struct Table {
    /// Row-major, `features` numbers per row.
    inputs: Vec<f32>,
    /// The class of each row, as an index into `class_names`.
    labels: Vec<u8>,
    features: usize,
    class_names: Vec<String>,
}

/// Reads every row: numbers, then a label.
fn read_table(text: &str) -> Result<Table, LabError> {
    let mut lines = lines(text).filter(|(_, line)| !line.trim().is_empty()).peekable();
    let Some(&(first_number, first_line)) = lines.peek() else {
        return Err(error("the file is empty: expected rows of numbers, the last column the label"));
    };
    let separator =
        [b'\t', b';', b','].into_iter().find(|&s| first_line.as_bytes().contains(&s)).unwrap_or(b',');
    let mut fields = Vec::new();
    split_fields(first_line, separator, first_number, &mut fields)?;
    let columns = fields.len();
    if columns < 2 {
        let message = format!(
            "line {first_number}: found 1 column; need at least 2 (the features, then the label), \
             separated by commas, semicolons or tabs"
        );
        return Err(error(message));
    }
    let header = fields[..columns - 1].iter().any(|field| !field.is_empty() && field.parse::<f64>().is_err());
    if header {
        lines.next();
    }
    let features = columns - 1;
    let mut table = Table { inputs: Vec::new(), labels: Vec::new(), features, class_names: Vec::new() };
    let mut classes: BTreeMap<String, u8> = BTreeMap::new();
    for (number, line) in lines {
        split_fields(line, separator, number, &mut fields)?;
        if fields.len() != columns {
            let what = if header { "the header" } else { "the first row" };
            let message =
                format!("line {number}: expected {columns} fields (like {what}), got {}", fields.len());
            return Err(error(message));
        }
        if table.labels.len() == MAX_DATA_ROWS {
            return Err(error(format!(
                "line {number}: more than {MAX_DATA_ROWS} data rows; at most {MAX_DATA_ROWS}"
            )));
        }
        for (column, field) in fields[..features].iter().enumerate() {
            table.inputs.push(parse_number(field, number, column + 1)?);
        }
        let label = check_label(&fields[features], number, columns)?;
        let class = match classes.get(label) {
            Some(&class) => class,
            None if classes.len() == MAX_CLASSES => {
                let message = format!(
                    "line {number}, column {columns}: label {} would be class {}; at most {MAX_CLASSES} classes \
                     (the last column must be a class label, not a measurement)",
                    shown(label),
                    MAX_CLASSES + 1
                );
                return Err(error(message));
            }
            None => {
                let class = classes.len() as u8;
                classes.insert(label.to_owned(), class);
                table.class_names.push(label.to_owned());
                class
            }
        };
        table.labels.push(class);
    }
    if table.labels.is_empty() {
        return Err(error(format!("line {first_number} is a header, and no data rows follow it")));
    }
    order_numeric_labels(&mut table);
    if table.class_names.len() < 2 {
        let message = format!(
            "every row has the label {}: the last column must hold at least 2 classes",
            shown(&table.class_names[0])
        );
        return Err(error(message));
    }
    Ok(table)
}

/// A feature: a finite number that fits an f32.
fn parse_number(field: &str, number: usize, column: usize) -> Result<f32, LabError> {
    let at = format!("line {number}, column {column}");
    if field.is_empty() {
        return Err(error(format!("{at}: the field is empty; every feature must be a number")));
    }
    // Parsed straight to f32: correctly rounded, with no double rounding through f64.
    let value: f32 = field.parse().map_err(|_| {
        let hint = if field.contains(',') { " (use \".\" as the decimal point)" } else { "" };
        error(format!("{at}: {} is not a number{hint}", shown(field)))
    })?;
    // Infinity written out ("inf", "-Infinity") has an "i"; "1e39" and a 400-digit integer are
    // numbers too large for an f32.
    if value.is_nan() || (value.is_infinite() && field.bytes().any(|b| b.eq_ignore_ascii_case(&b'i'))) {
        let message = format!("{at}: {} is not a finite number; NaN and infinity are refused", shown(field));
        return Err(error(message));
    }
    if value.is_infinite() {
        let message = format!("{at}: {} is too large; features must be within ±3.4e38", shown(field));
        return Err(error(message));
    }
    Ok(value)
}

/// A label: non-empty text of at most 40 characters, and not NaN or infinite.
fn check_label(field: &str, number: usize, column: usize) -> Result<&str, LabError> {
    let at = format!("line {number}, column {column}");
    if field.is_empty() {
        return Err(error(format!("{at}: the label is empty")));
    }
    if field.chars().count() > MAX_LABEL_CHARS {
        return Err(error(format!(
            "{at}: label {} is longer than {MAX_LABEL_CHARS} characters",
            shown(field)
        )));
    }
    if field.parse::<f64>().is_ok_and(|value| !value.is_finite()) {
        return Err(error(format!("{at}: label {} is not a finite number", shown(field))));
    }
    Ok(field)
}

/// When every class name is a number, renumbers the classes in order of value, merging names of
/// equal value (`"1"`, `"1.0"`) into the class of the first one seen.
fn order_numeric_labels(table: &mut Table) {
    let Ok(values) = table.class_names.iter().map(|name| name.parse::<f64>()).collect::<Result<Vec<_>, _>>()
    else {
        return;
    };
    let mut order: Vec<usize> = (0..values.len()).collect();
    // Stable: among equal values the first seen comes first and names the merged class.
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut remap = vec![0u8; values.len()];
    let mut names = Vec::new();
    for (rank, &class) in order.iter().enumerate() {
        if rank == 0 || values[class] != values[order[rank - 1]] {
            names.push(std::mem::take(&mut table.class_names[class]));
        }
        remap[class] = (names.len() - 1) as u8;
    }
    table.class_names = names;
    for label in &mut table.labels {
        *label = remap[usize::from(*label)];
    }
}

/// Shuffles the rows from `seed` and holds out the last `round(rows × test_fraction)`.
fn split(table: Table, test_fraction: f64, seed: u64) -> Result<SplitDataset, LabError> {
    let rows = table.labels.len();
    let test_rows = |rows: usize| (rows as f64 * test_fraction).round() as usize;
    let test = test_rows(rows);
    if test == 0 || test == rows {
        let needed = (2..=MAX_DATA_ROWS).find(|&n| (1..n).contains(&test_rows(n))).unwrap_or(MAX_DATA_ROWS);
        let message = format!(
            "{rows} data rows are too few to hold out a test set of {}% and keep a training set; \
             need at least {needed} rows",
            test_fraction * 100.0
        );
        return Err(error(message));
    }
    let mut order: Vec<usize> = (0..rows).collect();
    Rng::new(seed).shuffle(&mut order);
    let classes = table.class_names.len();
    let part = |indices: &[usize]| {
        let inputs = indices
            .iter()
            .flat_map(|&row| &table.inputs[row * table.features..][..table.features])
            .copied()
            .collect();
        let labels = indices.iter().map(|&row| table.labels[row]).collect();
        Dataset::new(inputs, labels, table.features, classes)
    };
    let (train, test) = order.split_at(rows - test);
    SplitDataset::new(part(train)?, part(test)?, table.class_names.clone())
}

/// `field` for a message: quoted with escapes, cut to [`MAX_SHOWN`] characters.
fn shown(field: &str) -> String {
    match field.char_indices().nth(MAX_SHOWN) {
        Some((cut, _)) => format!("{:?}…", &field[..cut]),
        None => format!("{field:?}"),
    }
}

/// A CSV error with a complete message.
fn error(message: impl Into<String>) -> LabError {
    LabError::new(FIELD, message)
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
