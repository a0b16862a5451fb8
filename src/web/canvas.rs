//! Checking what an export is given as a canvas before plotters touches it, and that the page
//! has what plotters needs (`document.body`, where it measures text).
//!
//! plotters-canvas calls the canvas and its 2D context through bindings that do not catch, so a
//! `null`, a Proxy, a plain object, a canvas in Node (no `HTMLCanvasElement` at all) or a context
//! whose methods were replaced on the instance would throw through Rust frames. The canvas is
//! brand-checked here by calling the platform's own `width` getter on it (a non-canvas throws,
//! caught), its context is fetched with the platform's own `getContext`, and both are refused if
//! an own property shadows what plotters calls.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlCanvasElement;

use super::read::{describe, thrown};

/// Largest canvas or SVG side, in device pixels.
pub const MAX_SIDE: f64 = 16_384.0;

/// A checked canvas with a 2D context, and its pixel size.
pub struct Canvas {
    pub element: HtmlCanvasElement,
    pub width: u32,
    pub height: u32,
}

/// `globalThis[name]`, `undefined` when missing (a getter that throws counts as missing).
fn global(name: &str) -> JsValue {
    Reflect::get(&js_sys::global(), &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `HTMLCanvasElement.prototype`'s own property `key`: its getter (`get`) or its value.
fn canvas_proto(key: &str, part: &str) -> Option<Function> {
    let class = global("HTMLCanvasElement");
    let proto: JsValue =
        Reflect::get(&class, &"prototype".into()).ok().filter(|p: &JsValue| p.is_object())?;
    let descriptor =
        Reflect::get_own_property_descriptor(proto.unchecked_ref::<js_sys::Object>(), &key.into()).ok()?;
    Reflect::get(&descriptor, &part.into()).ok()?.dyn_into().ok()
}

/// Checks the page can measure text the way plotters does (through `document.body`).
pub fn need_document(what: &str) -> Result<(), String> {
    let body = Reflect::get(&global("document"), &"body".into()).unwrap_or(JsValue::NULL);
    if !body.is_object() {
        return Err(format!(
            "{what} needs a browser page: plotters measures its text through document (and document.body)"
        ));
    }
    Ok(())
}

/// The canvas `v`, checked: a genuine `HTMLCanvasElement` with a usable 2D context whose pixel
/// size is `min_side` to 16384 a side. `what` starts every error.
pub fn canvas(v: &JsValue, min_side: u32, what: &str) -> Result<Canvas, String> {
    let expected = || format!("{what}: canvas must be an HTMLCanvasElement, got {}", describe(v));
    if !v.is_object() {
        return Err(expected());
    }
    let (Some(width_getter), Some(height_getter), Some(get_context)) =
        (canvas_proto("width", "get"), canvas_proto("height", "get"), canvas_proto("getContext", "value"))
    else {
        return Err(format!("{what} needs a browser page: there is no HTMLCanvasElement here"));
    };
    // The platform's getter throws "Illegal invocation" on anything but a real canvas.
    let width = width_getter.call0(v).map_err(|_| expected())?.as_f64().unwrap_or(0.0);
    let height = height_getter.call0(v).map_err(|_| expected())?.as_f64().unwrap_or(0.0);
    for key in ["width", "height", "getContext"] {
        if own_property(v, key) {
            return Err(format!("{what}: the canvas has its own {key} property shadowing the canvas's"));
        }
    }
    let context = get_context
        .call1(v, &"2d".into())
        .map_err(|e| format!("{what}: the canvas gave no 2D context: {}", thrown(&e)))?;
    if !context.is_object() {
        return Err(format!("{what}: canvas has no 2D context (is it already used for WebGL?)"));
    }
    let own = Reflect::own_keys(context.unchecked_ref()).map(|k| k.length()).unwrap_or(1);
    if own != 0 {
        return Err(format!("{what}: the canvas's 2D context has its own properties shadowing its methods"));
    }
    need_document(what)?;
    if !(min_side as f64..=MAX_SIDE).contains(&width) || !(min_side as f64..=MAX_SIDE).contains(&height) {
        return Err(format!(
            "{what}: canvas must be {min_side} to {MAX_SIDE} pixels a side, got {width}×{height}"
        ));
    }
    Ok(Canvas { element: v.clone().unchecked_into(), width: width as u32, height: height as u32 })
}

/// Whether `obj` (a genuine object, so no trap runs) has an own property `key`.
fn own_property(obj: &JsValue, key: &str) -> bool {
    let obj: &Object = obj.unchecked_ref();
    Reflect::get_own_property_descriptor(obj, &key.into()).map_or(true, |d| !d.is_undefined())
}
