//! Activation parameters and x samples read from JS (through [`super::read`], so nothing the
//! caller wrote can throw through Rust), and setting properties on objects we create.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use super::read;
use crate::activation::ParamValue;

/// The largest number of x values one call evaluates.
pub const MAX_SAMPLES: usize = 10_000_000;

/// Activation parameters from a plain object keyed by PyTorch names; `undefined`/`null` means
/// "all defaults", and a key whose value is `undefined` is a missing key.
pub fn params(v: &JsValue, id: &str) -> Result<Vec<(String, ParamValue)>, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(vec![]);
    }
    let what = format!("{id}: params");
    let mut params = vec![];
    for name in read::plain_keys(v, &what, "{ negative_slope: 0.2 }")? {
        let value = read::get(v, &name, id)?;
        let value = if value.is_undefined() {
            continue;
        } else if let Some(x) = value.as_f64() {
            ParamValue::Number(x)
        } else if let Some(s) = value.as_string() {
            ParamValue::Choice(s)
        } else {
            return Err(format!(
                "{id}: {name} must be a number or a string, got {}",
                read::type_name(&value)
            ));
        };
        params.push((name, value));
    }
    Ok(params)
}

/// x values from a `Float64Array` or an array of numbers (at most [`MAX_SAMPLES`]).
pub fn samples(v: &JsValue) -> Result<Vec<f64>, String> {
    read::numbers(v, MAX_SAMPLES, "xs")
}

/// Sets `obj[key] = value` on an object we just created (cannot fail).
pub fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}
