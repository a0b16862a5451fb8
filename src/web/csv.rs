//! `parseCsv`: a CSV file's text as the `data` object a `Lab` config takes. Glue only: the core's
//! [`crate::mlp::csv::parse_csv`] reads, checks and splits.

use js_sys::{Array, Float32Array, Object, Uint8Array};
use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::{js, read};
use crate::mlp::csv::MAX_CSV_BYTES;
use crate::mlp::dataset::{MAX_CLASSES, MAX_DATA_ROWS, MAX_FEATURES, TEST_FRACTION};
use crate::mlp::schema::MAX_SEED;
use crate::mlp::{Dataset, SplitDataset};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** How `parseCsv` splits the rows: the share held out for testing (default 0.2), and the shuffle's seed (default 1). */
export interface CsvOptions { testFraction?: number; seed?: number; }
/** What `parseCsv` accepts at most (the core's limits). */
export interface CsvLimits { maxBytes: number; maxFeatures: number; maxClasses: number; maxRows: number; }
/** A CSV file's rows, split: a Lab's `data`, the labels as bytes and each class named by its label text. */
export type CsvData = LabData & { trainY: Uint8Array; testY: Uint8Array; classes: string[] };
"#;

/// Parses CSV text (numeric columns, the last one the class label, an optional header row) into
/// `{ trainX, trainY, testX, testY, features, classes }`, the rows shuffled from `options.seed`
/// and `round(rows × options.testFraction)` of them held out. Throws an `Error` naming the line
/// (and column) of the first problem, e.g. `line 7: expected 3 fields (like the header), got 2`.
#[wasm_bindgen(js_name = parseCsv, unchecked_return_type = "CsvData")]
pub fn parse_csv(
    text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: JsValue,
) -> Result<Object, JsError> {
    let text = read::string_arg(&text, "parseCsv: text").map_err(js_error)?;
    let (test_fraction, seed) = read_options(&options).map_err(js_error)?;
    let split = crate::mlp::csv::parse_csv(&text, test_fraction, seed).map_err(js_error)?;
    Ok(data_object(&split))
}

/// The limits `parseCsv` enforces: `{ maxBytes, maxFeatures, maxClasses, maxRows }`, for a page
/// to refuse a file too large before reading it, and to say what is allowed.
#[wasm_bindgen(js_name = csvLimits, unchecked_return_type = "CsvLimits")]
pub fn csv_limits() -> Object {
    let obj = Object::new();
    js::set(&obj, "maxBytes", MAX_CSV_BYTES as f64);
    js::set(&obj, "maxFeatures", MAX_FEATURES as f64);
    js::set(&obj, "maxClasses", MAX_CLASSES as f64);
    js::set(&obj, "maxRows", MAX_DATA_ROWS as f64);
    obj
}

/// `testFraction` and `seed` from the options object (either may be left out).
fn read_options(options: &JsValue) -> Result<(f64, u64), String> {
    if options.is_undefined() || options.is_null() {
        return Ok((TEST_FRACTION, 1));
    }
    let what = "parseCsv options";
    read::only_keys(options, &["testFraction", "seed"], what, "{ testFraction: 0.2, seed: 1 }")?;
    let test_fraction = read::optional_number(options, "testFraction", what)?.unwrap_or(TEST_FRACTION);
    let seed = read::optional_whole(options, "seed", MAX_SEED, what)?.map_or(1, |seed| seed as u64);
    Ok((test_fraction, seed))
}

/// The split as the plain object `Lab`'s `data` config reads.
fn data_object(split: &SplitDataset) -> Object {
    let obj = Object::new();
    let inputs_labels = |part: &Dataset| (Float32Array::from(part.inputs()), Uint8Array::from(part.labels()));
    let (train_x, train_y) = inputs_labels(&split.train);
    let (test_x, test_y) = inputs_labels(&split.test);
    js::set(&obj, "trainX", train_x);
    js::set(&obj, "trainY", train_y);
    js::set(&obj, "testX", test_x);
    js::set(&obj, "testY", test_y);
    js::set(&obj, "features", split.train.features() as f64);
    let classes: Array =
        (0..split.train.classes()).map(|class| JsValue::from(split.class_name(class))).collect();
    js::set(&obj, "classes", classes);
    obj
}
