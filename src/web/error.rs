//! The one conversion of errors at the JS boundary: any core error (or message) becomes a JS
//! `Error` whose message is the error's text.

use std::fmt::Display;
use wasm_bindgen::JsError;

/// A JS `Error` with `error`'s message; use as `.map_err(js_error)`.
pub(crate) fn js_error<E: Display>(error: E) -> JsError {
    JsError::new(&error.to_string())
}
