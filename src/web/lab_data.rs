//! Reading a `Lab` config's `data`: the caller's own training and test sets.
//!
//! ```js
//! data: { trainX, trainY, testX, testY, features, classes }
//! // trainX, testX: Float32Array, rows × features, row-major
//! // trainY, testY: class indices in a Uint8Array, Int32Array or Float64Array
//! // classes: a count, or an array of names (one per class)
//! // width, height (optional): the rows are width × height images
//! ```
//!
//! Every problem is an error naming the key, and the row and feature where it lies.

use std::sync::Arc;

use js_sys::{Array, Float32Array, Object, Uint8Array};
use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::js;
use super::read::{self, TypedNumbers};
use crate::mlp::dataset::{MAX_CLASSES, MAX_DATA_ROWS, MAX_FEATURES};
use crate::mlp::images::parse_image_set;
use crate::mlp::{Dataset, SplitDataset};

/// Reads an image set (the decompressed `assets/fashion-mnist-16.bin.gz`, see `src/mlp/images.rs`)
/// as a Lab's `data`: `{ trainX, trainY, testX, testY, features, classes, width, height }`, the
/// pixels scaled to [0, 1] (`trainX`, `testX`: Float32Array; labels: Uint8Array; `classes`: the
/// class names). A file that is not an image set, or is truncated, is an error saying so.
#[wasm_bindgen(js_name = loadImageSet, unchecked_return_type = "LabData & { width: number; height: number; classes: string[] }")]
pub fn load_image_set(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
) -> Result<Object, JsError> {
    let bytes = read::bytes(&bytes, "image set").map_err(js_error)?;
    let set = parse_image_set(&bytes).map_err(js_error)?;
    let scaled = |pixels: &[u8]| {
        Float32Array::from(&pixels.iter().map(|&p| f32::from(p) / 255.0).collect::<Vec<_>>()[..])
    };
    let obj = Object::new();
    js::set(&obj, "trainX", scaled(&set.train_pixels));
    js::set(&obj, "trainY", Uint8Array::from(&set.train_labels[..]));
    js::set(&obj, "testX", scaled(&set.test_pixels));
    js::set(&obj, "testY", Uint8Array::from(&set.test_labels[..]));
    js::set(&obj, "features", set.features() as f64);
    let names: Array = set.class_names.iter().map(|name| JsValue::from(name.as_str())).collect();
    js::set(&obj, "classes", names);
    js::set(&obj, "width", set.width as f64);
    js::set(&obj, "height", set.height as f64);
    Ok(obj)
}

/// The keys of `data` (`width` and `height`, optional, say the rows are images: width × height
/// must then be `features`).
const KEYS: [&str; 8] = ["trainX", "trainY", "testX", "testY", "features", "classes", "width", "height"];
/// What a label array may be.
const LABEL_KINDS: [&str; 3] = ["Uint8Array", "Int32Array", "Float64Array"];

/// The `data` object of a lab config, checked and converted.
pub fn from_js(value: &JsValue) -> Result<Arc<SplitDataset>, String> {
    let what = "lab config: data";
    if !read::is_plain_object(value, what)? {
        return Err(format!(
            "{what} must be an object {{ trainX, trainY, testX, testY, features, classes }}, got {}",
            read::type_name(value)
        ));
    }
    read::only_keys(value, &KEYS, what, "{ trainX, trainY, testX, testY, features: 256, classes: 10 }")?;
    let features = whole_in(&read::get(value, "features", what)?, 1, MAX_FEATURES, "data.features")?;
    let (width, height) = (read::get(value, "width", what)?, read::get(value, "height", what)?);
    if !width.is_undefined() || !height.is_undefined() {
        let width = whole_in(&width, 1, MAX_FEATURES, "data.width")?;
        let height = whole_in(&height, 1, MAX_FEATURES, "data.height")?;
        if width * height != features {
            return Err(format!(
                "data.width × data.height must be data.features = {features}, got {width} × {height}"
            ));
        }
    }
    let (classes, names) = classes(&read::get(value, "classes", what)?)?;
    let part = |x: &str, y: &str| -> Result<Dataset, String> {
        let labels = labels(&read::get(value, y, what)?, y, classes)?;
        let inputs = inputs(&read::get(value, x, what)?, x, labels.len(), features)?;
        Dataset::new(inputs, labels, features, classes).map_err(|e| format!("data: {e}"))
    };
    let (train, test) = (part("trainX", "trainY")?, part("testX", "testY")?);
    SplitDataset::new(train, test, names).map(Arc::new).map_err(|e| format!("data: {e}"))
}

/// `classes`: a count from 2, or one name per class.
fn classes(value: &JsValue) -> Result<(usize, Vec<String>), String> {
    let what = "data.classes";
    if value.as_f64().is_some() {
        return Ok((whole_in(value, 2, MAX_CLASSES, what)?, Vec::new()));
    }
    if !read::is_array(value, what)? {
        return Err(format!(
            "{what} must be a class count or an array of class names, got {}",
            read::type_name(value)
        ));
    }
    let names = read::array(value, MAX_CLASSES, what)?
        .iter()
        .enumerate()
        .map(|(i, name)| {
            name.as_string()
                .ok_or_else(|| format!("{what}[{i}] must be a string, got {}", read::type_name(name)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if names.len() < 2 {
        return Err(format!("{what} must name at least 2 classes, got {}", names.len()));
    }
    Ok((names.len(), names))
}

/// A whole number in `min..=max`, else an error naming `what` and the range.
fn whole_in(value: &JsValue, min: usize, max: usize, what: &str) -> Result<usize, String> {
    match value.as_f64() {
        Some(x) if x.fract() == 0.0 && (min as f64..=max as f64).contains(&x) => Ok(x as usize),
        _ => Err(format!("{what} must be a whole number from {min} to {max}, got {}", read::describe(value))),
    }
}

/// One label array: whole numbers in `0..classes`, at least one, at most [`MAX_DATA_ROWS`].
fn labels(value: &JsValue, key: &str, classes: usize) -> Result<Vec<u8>, String> {
    let what = format!("data.{key}");
    let values = match read::typed_numbers(value, &LABEL_KINDS, &what)? {
        TypedNumbers::F64(values) => values,
        TypedNumbers::F32(values) => values.into_iter().map(f64::from).collect(),
    };
    if values.is_empty() {
        return Err(format!("{what} is empty: each set needs at least one row"));
    }
    if values.len() > MAX_DATA_ROWS {
        return Err(format!("{what} has {} rows; at most {MAX_DATA_ROWS} are allowed", values.len()));
    }
    values
        .iter()
        .enumerate()
        .map(|(row, &label)| {
            if label.fract() == 0.0 && (0.0..classes as f64).contains(&label) {
                Ok(label as u8)
            } else {
                Err(format!("{what}[{row}] must be a class from 0 to {}, got {label}", classes - 1))
            }
        })
        .collect()
}

/// One input array: `rows × features` finite f32 numbers.
fn inputs(value: &JsValue, key: &str, rows: usize, features: usize) -> Result<Vec<f32>, String> {
    let what = format!("data.{key}");
    let values = match read::typed_numbers(value, &["Float32Array"], &what)? {
        TypedNumbers::F32(values) => values,
        TypedNumbers::F64(values) => values.into_iter().map(|x| x as f32).collect(),
    };
    let expected = rows * features;
    if values.len() != expected {
        return Err(format!(
            "{what} must hold rows × features = {rows} × {features} = {expected} numbers, got {}",
            values.len()
        ));
    }
    if let Some(index) = values.iter().position(|x| !x.is_finite()) {
        let (row, feature) = (index / features, index % features);
        return Err(format!(
            "{what}[{index}] (row {row}, feature {feature}) must be a finite number, got {}",
            values[index]
        ));
    }
    Ok(values)
}
