//! Reading plain JS objects passed to the exported functions, with errors that say which field
//! was wrong and what was expected.

use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::activation::ParamValue;

/// The largest number of x values one call evaluates.
pub const MAX_SAMPLES: usize = 10_000_000;

/// Property `key` of `obj`; `undefined` when `obj` is not an object.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `typeof`-style name of a value, for error messages.
pub fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

/// Shows a value as the user wrote it (`NaN`, `"abc"`, `true`).
pub fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        format!("{s:?}")
    } else if let Some(x) = v.as_f64() {
        crate::activation::format_number(x)
    } else {
        type_name(v)
    }
}

/// A required finite number.
pub fn number(obj: &JsValue, key: &str, what: &str) -> Result<f64, String> {
    optional_number(obj, key, what)?.ok_or_else(|| format!("{what}: {key} is required (a finite number)"))
}

/// A finite number, or `None` when the field is missing, `undefined` or `null`.
pub fn optional_number(obj: &JsValue, key: &str, what: &str) -> Result<Option<f64>, String> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(x) if x.is_finite() => Ok(Some(x)),
        _ => Err(format!("{what}: {key} must be a finite number, got {}", describe(&v))),
    }
}

/// A string, or `None` when missing.
pub fn optional_string(obj: &JsValue, key: &str, what: &str) -> Result<Option<String>, String> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| format!("{what}: {key} must be a string, got {}", describe(&v)))
}

/// Activation parameters from a plain object keyed by PyTorch names; `undefined`/`null` means
/// "all defaults".
pub fn params(v: &JsValue, id: &str) -> Result<Vec<(String, ParamValue)>, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(vec![]);
    }
    if !v.is_object() || Array::is_array(v) {
        return Err(format!(
            "{id}: params must be a plain object like {{ negative_slope: 0.2 }}, got {}",
            type_name(v)
        ));
    }
    let obj: &Object = v.unchecked_ref();
    Object::entries(obj)
        .iter()
        .map(|entry| {
            let pair: Array = entry.unchecked_into();
            let name = pair.get(0).as_string().unwrap_or_default();
            let value = pair.get(1);
            let value = if let Some(x) = value.as_f64() {
                ParamValue::Number(x)
            } else if let Some(s) = value.as_string() {
                ParamValue::Choice(s)
            } else {
                return Err(format!("{id}: {name} must be a number or a string, got {}", type_name(&value)));
            };
            Ok((name, value))
        })
        .collect()
}

/// x values from a `Float64Array` or an array of numbers.
pub fn samples(v: &JsValue) -> Result<Vec<f64>, String> {
    let xs = if let Some(typed) = v.dyn_ref::<Float64Array>() {
        check_len(typed.length() as usize)?;
        typed.to_vec()
    } else if Array::is_array(v) {
        let array: &Array = v.unchecked_ref();
        check_len(array.length() as usize)?;
        array
            .iter()
            .enumerate()
            .map(|(i, x)| {
                x.as_f64().ok_or_else(|| format!("xs[{i}] must be a number, got {}", type_name(&x)))
            })
            .collect::<Result<_, _>>()?
    } else {
        return Err(format!("xs must be a Float64Array or an array of numbers, got {}", type_name(v)));
    };
    Ok(xs)
}

fn check_len(n: usize) -> Result<(), String> {
    if n > MAX_SAMPLES {
        return Err(format!("xs has {n} values; at most {MAX_SAMPLES} are evaluated per call"));
    }
    Ok(())
}

/// Sets `obj[key] = value` on an object we just created (cannot fail).
pub fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}
