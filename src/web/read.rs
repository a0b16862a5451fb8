//! Reading JS values without ever letting JS code throw through Rust frames.
//!
//! Any property read, `Array.isArray`, `instanceof` or key listing can run user code: a getter, a
//! Proxy trap, a revoked Proxy. js-sys binds most of these without `catch`, so an exception would
//! unwind straight through the wasm frames, leaving wasm-bindgen's stack pointer, a `RefCell`
//! borrow or an allocation behind. Every read of a caller's value here goes through a binding
//! marked `catch` (an `Err` instead of an unwind), and whatever is handed back to the rest of the
//! web layer is plain Rust data or a genuine value of our own (a fresh `Float64Array` copy, whose
//! `length` cannot lie and whose buffer cannot be detached under us).

use js_sys::{Array, Float32Array, Float64Array, Function, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray(v)`: throws on a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_catch(v: &JsValue) -> Result<bool, JsValue>;
    /// `Object.keys(v)`: runs a Proxy's `ownKeys` and `getOwnPropertyDescriptor` traps.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn keys_catch(v: &JsValue) -> Result<Array, JsValue>;
    /// `Float64Array`, bound again for a constructor that catches.
    #[wasm_bindgen(js_name = Float64Array)]
    type Float64Copy;
    /// `new Float64Array(v)`: a fresh copy; throws on a detached buffer.
    #[wasm_bindgen(catch, constructor, js_class = Float64Array)]
    fn new(v: &JsValue) -> Result<Float64Copy, JsValue>;
    /// `Float32Array`, bound again for a constructor that catches.
    #[wasm_bindgen(js_name = Float32Array)]
    type Float32Copy;
    /// `new Float32Array(v)`: a fresh copy; throws on a detached buffer.
    #[wasm_bindgen(catch, constructor, js_class = Float32Array)]
    fn new(v: &JsValue) -> Result<Float32Copy, JsValue>;
    /// `Uint8Array`, bound again for a constructor that catches.
    #[wasm_bindgen(js_name = Uint8Array)]
    type Uint8Copy;
    /// `new Uint8Array(v)`: a fresh copy; throws on a detached buffer.
    #[wasm_bindgen(catch, constructor, js_class = Uint8Array)]
    fn new(v: &JsValue) -> Result<Uint8Copy, JsValue>;
    /// `Uint32Array`, bound again for a constructor that catches.
    #[wasm_bindgen(js_name = Uint32Array)]
    type Uint32Copy;
    /// `new Uint32Array(v)`: a fresh copy; throws on a detached buffer.
    #[wasm_bindgen(catch, constructor, js_class = Uint32Array)]
    fn new(v: &JsValue) -> Result<Uint32Copy, JsValue>;
}

/// A fresh genuine copy of a genuine `Float64Array`.
fn copy_f64_catch(v: &JsValue) -> Result<Float64Array, JsValue> {
    Float64Copy::new(v).map(JsCast::unchecked_into)
}

/// A fresh genuine copy of a genuine `Float32Array`.
fn copy_f32_catch(v: &JsValue) -> Result<Float32Array, JsValue> {
    Float32Copy::new(v).map(JsCast::unchecked_into)
}

/// A fresh genuine copy of a genuine `Uint32Array`.
fn copy_u32_catch(v: &JsValue) -> Result<Uint32Array, JsValue> {
    Uint32Copy::new(v).map(JsCast::unchecked_into)
}

thread_local! {
    /// `%TypedArray%.prototype[Symbol.toStringTag]`'s getter: the kind of a genuine typed array
    /// (`"Float64Array"`) or `undefined` for anything else, Proxies included, without running
    /// anything the caller wrote.
    static TYPED_ARRAY_TAG: Option<Function> = typed_array_tag_getter();
}

fn typed_array_tag_getter() -> Option<Function> {
    let f64_proto = Reflect::get_prototype_of(Float64Array::new_with_length(0).as_ref()).ok()?;
    let typed_proto = Reflect::get_prototype_of(f64_proto.as_ref()).ok()?;
    let tag = js_sys::Symbol::to_string_tag();
    let descriptor = Reflect::get_own_property_descriptor(&typed_proto, &tag).ok()?;
    Reflect::get(&descriptor, &"get".into()).ok()?.dyn_into().ok()
}

/// The class of a genuine typed array (`"Float64Array"`, `"Uint32Array"`...), else `None`.
pub fn typed_array_kind(v: &JsValue) -> Option<String> {
    if !v.is_object() {
        return None;
    }
    TYPED_ARRAY_TAG.with(|getter| getter.as_ref()?.call0(v).ok()?.as_string())
}

/// What a thrown JS value says: an `Error`'s message, a thrown string or number, else a general
/// phrase. Reading `message` may itself throw (a hostile thrown object); that is caught too.
pub fn thrown(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    if let Some(x) = e.as_f64() {
        return crate::activation::format_number(x);
    }
    if e.is_object() {
        if let Some(message) = Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()) {
            return message;
        }
    }
    "an exception".into()
}

/// `Array.isArray(v)`, with a revoked Proxy reported as an error.
pub fn is_array(v: &JsValue, what: &str) -> Result<bool, String> {
    if !v.is_object() {
        return Ok(false);
    }
    is_array_catch(v).map_err(|e| format!("{what} could not be read: {}", thrown(&e)))
}

/// A `typeof`-style name of a value, for error messages (runs no code of the caller's).
pub fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        return "null".into();
    }
    if let Some(kind) = typed_array_kind(v) {
        return format!("a {kind}");
    }
    match is_array_catch(v) {
        Ok(true) => "an array".into(),
        Err(_) => "a revoked Proxy".into(),
        Ok(false) => v.js_typeof().as_string().unwrap_or_default(),
    }
}

/// Shows a value as the user wrote it (`NaN`, `"abc"`, `true`, `an array`).
pub fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        format!("{:?}", s.chars().take(80).collect::<String>())
    } else if let Some(x) = v.as_f64() {
        crate::activation::format_number(x)
    } else if let Some(b) = v.as_bool() {
        b.to_string()
    } else {
        type_name(v)
    }
}

/// Property `key` of `obj` (`undefined` when `obj` is not an object); a throwing getter or trap
/// is an error naming the key.
pub fn get(obj: &JsValue, key: &str, what: &str) -> Result<JsValue, String> {
    if !obj.is_object() {
        return Ok(JsValue::UNDEFINED);
    }
    Reflect::get(obj, &JsValue::from_str(key))
        .map_err(|e| format!("{what}: {key} could not be read: {}", thrown(&e)))
}

/// Element `i` of an array (or array-like Proxy), a throwing trap being an error naming it.
fn get_index(array: &JsValue, i: u32, what: &str) -> Result<JsValue, String> {
    Reflect::get_u32(array, i).map_err(|e| format!("{what}[{i}] could not be read: {}", thrown(&e)))
}

/// Whether `v` is a plain object: `{...}` or `Object.create(null)`, not an array, a Map, a class
/// instance or a function. A Proxy's `getPrototypeOf` trap may throw: an error.
pub fn is_plain_object(v: &JsValue, what: &str) -> Result<bool, String> {
    if !v.is_object() || is_array(v, what)? {
        return Ok(false);
    }
    let fail = |e: JsValue| format!("{what} could not be read: {}", thrown(&e));
    let proto: js_sys::Object = Reflect::get_prototype_of(v).map_err(fail)?;
    if proto.is_null() {
        return Ok(true);
    }
    // Object.prototype of any realm (an iframe's too) is the one whose own prototype is null.
    Ok(Reflect::get_prototype_of(proto.as_ref()).map_err(fail)?.is_null())
}

/// A name for a non-plain object in messages: `a Map`, `an array`, `null`, `number`.
pub fn object_kind(v: &JsValue) -> String {
    if v.is_object() && !v.is_function() && is_array_catch(v) == Ok(false) {
        let name = Reflect::get_prototype_of(v)
            .ok()
            .and_then(|proto| Reflect::get_own_property_descriptor(&proto, &"constructor".into()).ok())
            .and_then(|d| Reflect::get(&d, &"value".into()).ok())
            .and_then(|c| {
                Reflect::get_own_property_descriptor(c.unchecked_ref::<js_sys::Object>(), &"name".into()).ok()
            })
            .and_then(|d| Reflect::get(&d, &"value".into()).ok())
            .and_then(|n| n.as_string());
        if let Some(name) = name.filter(|n| !n.is_empty() && n.len() <= 40) {
            return format!("a {name}");
        }
    }
    type_name(v)
}

/// The own enumerable string keys of a plain object. `example` shows what was expected.
pub fn plain_keys(v: &JsValue, what: &str, example: &str) -> Result<Vec<String>, String> {
    if !is_plain_object(v, what)? {
        return Err(format!("{what} must be a plain object like {example}, got {}", object_kind(v)));
    }
    let keys = keys_catch(v).map_err(|e| format!("{what} could not be read: {}", thrown(&e)))?;
    // A genuine array of strings, made by Object.keys: reading it runs nothing of the caller's.
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// Checks that a plain object has only `allowed` keys (`undefined` values count as missing).
pub fn only_keys(v: &JsValue, allowed: &[&str], what: &str, example: &str) -> Result<(), String> {
    for key in plain_keys(v, what, example)? {
        if !allowed.contains(&key.as_str()) && !get(v, &key, what)?.is_undefined() {
            return Err(format!(
                "{what}: unknown key {:?}; expected one of: {}",
                key.chars().take(40).collect::<String>(),
                allowed.join(", ")
            ));
        }
    }
    Ok(())
}

/// A finite number, or `None` when missing, `undefined` or `null`.
pub fn optional_number(obj: &JsValue, key: &str, what: &str) -> Result<Option<f64>, String> {
    let v = get(obj, key, what)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(x) if x.is_finite() => Ok(Some(x)),
        _ => Err(format!("{what}: {key} must be a finite number, got {}", describe(&v))),
    }
}

/// A required finite number.
pub fn number(obj: &JsValue, key: &str, what: &str) -> Result<f64, String> {
    optional_number(obj, key, what)?.ok_or_else(|| format!("{what}: {key} is required (a finite number)"))
}

/// A string, or `None` when missing, `undefined` or `null`.
pub fn optional_string(obj: &JsValue, key: &str, what: &str) -> Result<Option<String>, String> {
    let v = get(obj, key, what)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| format!("{what}: {key} must be a string, got {}", describe(&v)))
}

/// A whole number from 0 to `max` (≤ 2^53 − 1, so exact), or `None` when missing. The error
/// shows the value as given.
pub fn optional_whole(obj: &JsValue, key: &str, max: f64, what: &str) -> Result<Option<f64>, String> {
    let v = get(obj, key, what)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    whole(&v, max, &format!("{what}: {key}")).map(Some)
}

/// A whole number from 0 to `max`; `name` starts the error.
pub fn whole(v: &JsValue, max: f64, name: &str) -> Result<f64, String> {
    match v.as_f64() {
        Some(x) if x.is_finite() && x.fract() == 0.0 && (0.0..=max).contains(&x) => Ok(x),
        _ if max < f64::MAX => {
            Err(format!("{name} must be a whole number from 0 to {max}, got {}", describe(v)))
        }
        _ => Err(format!("{name} must be a whole number, got {}", describe(v))),
    }
}

/// A string argument (an id, a theme): wrong types are errors naming `name`.
pub fn string_arg(v: &JsValue, name: &str) -> Result<String, String> {
    v.as_string().ok_or_else(|| format!("{name} must be a string, got {}", describe(v)))
}

/// A number argument (`typeof` number, finite): no coercion of strings, booleans or arrays.
pub fn number_arg(v: &JsValue, name: &str) -> Result<f64, String> {
    match v.as_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(format!("{name} must be a finite number, got {}", describe(v))),
    }
}

/// The elements of an array of at most `max` (a lying `length` counts as given), each read
/// through `catch`.
pub fn array(v: &JsValue, max: usize, what: &str) -> Result<Vec<JsValue>, String> {
    if !is_array(v, what)? {
        return Err(format!("{what} must be an array, got {}", type_name(v)));
    }
    let length = get(v, "length", what)?;
    let n = match length.as_f64() {
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => n,
        _ => return Err(format!("{what} has a length that is not a whole number: {}", describe(&length))),
    };
    if n > max as f64 {
        return Err(format!("{what} has {} entries; at most {max} are allowed", describe(&length)));
    }
    (0..n as u32).map(|i| get_index(v, i, what)).collect()
}

/// Numbers from a genuine `Float64Array` (copied in JS first: its real length, never a
/// redefined `length`; a detached buffer is an error) or an array of numbers, at most `max`.
pub fn numbers(v: &JsValue, max: usize, what: &str) -> Result<Vec<f64>, String> {
    match typed_array_kind(v).as_deref() {
        Some("Float64Array") => {
            let copy = copy_f64_catch(v).map_err(|e| format!("{what} could not be read: {}", thrown(&e)))?;
            let n = copy.length() as usize;
            if n > max {
                return Err(format!("{what} has {n} values; at most {max} are allowed"));
            }
            Ok(copy.to_vec())
        }
        Some(other) => Err(format!("{what} must be a Float64Array or an array of numbers, got a {other}")),
        None if is_array(v, what)? => array(v, max, what)?
            .iter()
            .enumerate()
            .map(|(i, x)| {
                x.as_f64().ok_or_else(|| format!("{what}[{i}] must be a number, got {}", type_name(x)))
            })
            .collect(),
        None => Err(format!("{what} must be a Float64Array or an array of numbers, got {}", type_name(v))),
    }
}

/// The numbers of a genuine typed array of one of the `kinds` (e.g. `["Float32Array"]`), copied
/// as [`numbers`] copies: a `Float32Array` as f32, any other kind converted to f64 by JS.
pub enum TypedNumbers {
    /// From a `Float32Array`.
    F32(Vec<f32>),
    /// From any other typed array, each element as JS converts it to a Number.
    F64(Vec<f64>),
}

/// Reads a typed array of one of `kinds` (copied first, so its length cannot lie); anything else
/// is an error naming `what` and the kinds accepted.
pub fn typed_numbers(v: &JsValue, kinds: &[&str], what: &str) -> Result<TypedNumbers, String> {
    let unreadable = |e: JsValue| format!("{what} could not be read: {}", thrown(&e));
    match typed_array_kind(v) {
        Some(kind) if kinds.contains(&kind.as_str()) => match kind.as_str() {
            "Float32Array" => Ok(TypedNumbers::F32(copy_f32_catch(v).map_err(unreadable)?.to_vec())),
            _ => Ok(TypedNumbers::F64(copy_f64_catch(v).map_err(unreadable)?.to_vec())),
        },
        other => {
            let got = other.map_or_else(|| type_name(v), |kind| format!("a {kind}"));
            Err(format!("{what} must be a {}, got {got}", kinds.join(" or ")))
        }
    }
}

/// The bytes of a genuine `Uint8Array` (copied first), else an error naming `what`.
pub fn bytes(v: &JsValue, what: &str) -> Result<Vec<u8>, String> {
    if typed_array_kind(v).as_deref() != Some("Uint8Array") {
        let got = typed_array_kind(v).map_or_else(|| type_name(v), |kind| format!("a {kind}"));
        return Err(format!("{what} must be a Uint8Array, got {got}"));
    }
    let copy: js_sys::Uint8Array = Uint8Copy::new(v)
        .map(JsCast::unchecked_into)
        .map_err(|e| format!("{what} could not be read: {}", thrown(&e)))?;
    Ok(copy.to_vec())
}

/// Counts from a genuine `Uint32Array` (copied as [`numbers`] copies) or an array of whole numbers.
pub fn counts(v: &JsValue, max: usize, what: &str) -> Result<Vec<u32>, String> {
    if typed_array_kind(v).as_deref() == Some("Uint32Array") {
        let copy = copy_u32_catch(v).map_err(|e| format!("{what} could not be read: {}", thrown(&e)))?;
        if copy.length() as usize > max {
            return Err(format!("{what} has {} values; at most {max} are allowed", copy.length()));
        }
        return Ok(copy.to_vec());
    }
    numbers(v, max, what)?
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            c if c.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&c) => Ok(c as u32),
            c => Err(format!("{what}[{i}] must be a whole number from 0 to {}, got {c}", u32::MAX)),
        })
        .collect()
}
