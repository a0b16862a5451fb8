//! Browser tests of the catalogue's metadata and the theme as JS sees them: `activations()`'s
//! group, suggestion rank and flat-below-zero flag, and `theme()`'s hex colours.
#![cfg(target_arch = "wasm32")]

use actviz::web::{activations, theme};
use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap()
}

fn entry(id: &str) -> JsValue {
    activations().iter().find(|a| get(a, "id") == id).unwrap()
}

#[wasm_bindgen_test]
fn activations_carry_group_suggestion_and_flat_below_zero() {
    let relu = entry("relu");
    assert_eq!(get(&relu, "group"), "ReLU family");
    assert_eq!(get(&relu, "suggest"), 0);
    assert_eq!(get(&relu, "flatBelowZero"), true);
    let mish = entry("mish");
    assert_eq!(get(&mish, "group"), "Smooth and gated");
    assert_eq!(get(&mish, "suggest"), 8);
    assert_eq!(get(&mish, "flatBelowZero"), false);
    let prelu = entry("prelu");
    assert!(get(&prelu, "suggest").is_null(), "never suggested is null");
    assert_eq!(get(&entry("relu6"), "flatBelowZero"), true);
}

#[wasm_bindgen_test]
fn theme_gives_light_and_dark_hex_colours() {
    let t: JsValue = theme().into();
    let is_hex = |v: &JsValue| {
        let s = v.as_string().unwrap_or_default();
        s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
    };
    for scheme in ["light", "dark"] {
        let colors = get(&t, scheme);
        let palette = Array::from(&get(&colors, "palette"));
        assert_eq!(palette.length(), 5, "{scheme}");
        assert!(palette.iter().all(|c| is_hex(&c)), "{scheme}");
        for key in ["relu", "other", "background", "grid", "axis", "text", "muted"] {
            assert!(is_hex(&get(&colors, key)), "{scheme}.{key}");
        }
        let page = get(&colors, "page");
        for key in ["bg", "surface-2", "border", "text", "muted", "faint", "danger", "focus", "crosshair"] {
            assert!(is_hex(&get(&page, key)), "{scheme}.page.{key}");
        }
    }
    let light = get(&t, "light");
    assert_eq!(Array::from(&get(&light, "palette")).get(0), "#2563eb");
    assert_eq!(get(&light, "relu"), "#e06c00");
    assert_eq!(get(&get(&t, "dark"), "background"), "#151a22", "the dark page's --surface");
}
