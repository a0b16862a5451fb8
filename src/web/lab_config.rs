//! Reading a lab configuration from a plain JS object, and writing one back.

use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

use super::api::activation_from_js;
use super::js;
use crate::mlp::schema::{SettingKind, SettingValue, LAYERS, SEED, SETTINGS, WIDTH};
use crate::mlp::LabConfig;

/// The keys `Lab` accepts besides the settings' config keys.
const EXTRA_KEYS: [&str; 5] = ["preset", "dataSeed", "hiddenWidths", "activation", "params"];

/// Builds a [`LabConfig`]: the preset's (or the default) values, overridden by every key given.
/// Each setting is read by its schema row: its kind says how to read it, its limits check it.
pub fn from_js(value: &JsValue) -> Result<LabConfig, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(LabConfig::default());
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(format!(
            "lab config must be an object like {{ dataset: \"moons\", lr: 0.1 }}, got {}",
            js::type_name(value)
        ));
    }
    let obj: &Object = value.unchecked_ref();
    let known = |key: &str| EXTRA_KEYS.contains(&key) || SETTINGS.iter().any(|s| s.config_key == key);
    for key in Object::keys(obj).iter().filter_map(|k| k.as_string()) {
        if !known(&key) {
            let mut all: Vec<&str> = vec!["preset"];
            all.extend(SETTINGS.iter().map(|s| s.config_key));
            all.extend(&EXTRA_KEYS[1..]);
            return Err(format!("lab config: unknown key {key:?}; expected one of: {}", all.join(", ")));
        }
    }
    let what = "lab config";
    let mut config = match js::optional_string(value, "preset", what)? {
        Some(name) => LabConfig::preset(&name).map_err(|e| e.to_string())?,
        None => LabConfig::default(),
    };
    let widths = js::get(value, "hiddenWidths");
    let explicit_widths = !widths.is_undefined() && !widths.is_null();
    for setting in SETTINGS {
        let key = setting.config_key;
        if explicit_widths && (setting.key == LAYERS.key || setting.key == WIDTH.key) {
            continue;
        }
        let given = match setting.kind {
            SettingKind::Choice => js::optional_string(value, key, what)?.map(Given::Choice),
            SettingKind::Number => js::optional_number(value, key, what)?.map(Given::Number),
            SettingKind::Integer => whole_number(value, key)?.map(Given::Number),
        };
        match given {
            Some(Given::Choice(id)) => setting.apply(&mut config, SettingValue::Choice(&id)),
            Some(Given::Number(x)) => setting.apply(&mut config, SettingValue::Number(x)),
            None => Ok(()),
        }
        .map_err(|e| e.to_string())?;
    }
    if let Some(seed) = whole_number(value, "dataSeed")? {
        SEED.check_named("data seed", seed).map_err(|e| e.to_string())?;
        config.data_seed = seed as u64;
    }
    if explicit_widths {
        config.hidden_widths = hidden_widths(&widths)?;
    }
    if let Some(id) = js::optional_string(value, "activation", what)? {
        config.activation = activation_from_js(&id, &js::get(value, "params"))?;
    } else if !js::get(value, "params").is_undefined() {
        config.activation = activation_from_js(config.activation.id(), &js::get(value, "params"))?;
    }
    config.validate().map_err(|e| e.to_string())?;
    Ok(config)
}

/// A setting's value as read from JS, before the schema checks it.
enum Given {
    Number(f64),
    Choice(String),
}

/// `hiddenWidths`: an array of whole numbers (the core checks their range).
fn hidden_widths(widths: &JsValue) -> Result<Vec<usize>, String> {
    if !Array::is_array(widths) {
        return Err(format!(
            "lab config: hiddenWidths must be an array of layer widths, got {}",
            js::type_name(widths)
        ));
    }
    let widths: &Array = widths.unchecked_ref();
    let length = widths.length() as f64;
    LAYERS.check(length).map_err(|_| {
        format!("lab config: hiddenWidths has {length} layers; at most {} are allowed", LAYERS.max)
    })?;
    widths
        .iter()
        .enumerate()
        .map(|(i, w)| match w.as_f64() {
            Some(x) if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= 1e9 => Ok(x as usize),
            _ => {
                Err(format!("lab config: hiddenWidths[{i}] must be a whole number, got {}", js::describe(&w)))
            }
        })
        .collect()
}

/// The configuration as the object [`from_js`] reads (round-trips): every setting by its config
/// key (momentum 0 under Adam), the layers also as `hiddenWidths` (which wins when read back),
/// the dataset seed and the activation with its parameters.
pub fn to_js(config: &LabConfig) -> Object {
    let obj = Object::new();
    for setting in SETTINGS {
        match setting.value(config) {
            SettingValue::Number(x) => js::set(&obj, setting.config_key, x),
            SettingValue::Choice(id) => js::set(&obj, setting.config_key, id),
        }
    }
    let widths: Array = config.hidden_widths.iter().map(|&w| JsValue::from(w as f64)).collect();
    js::set(&obj, "hiddenWidths", widths);
    js::set(&obj, "dataSeed", config.data_seed as f64);
    js::set(&obj, "activation", config.activation.id());
    let params = Object::new();
    for (name, value) in config.activation.params() {
        match value {
            crate::activation::ParamValue::Number(x) => js::set(&params, name, x),
            crate::activation::ParamValue::Choice(c) => js::set(&params, name, c),
        }
    }
    js::set(&obj, "params", params);
    obj
}

/// An optional whole number ≥ 0 (its range is the schema's to check), or `None` when missing.
fn whole_number(obj: &JsValue, key: &str) -> Result<Option<f64>, String> {
    let v = js::get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(x) if x.is_finite() && x >= 0.0 && x.fract() == 0.0 => Ok(Some(x)),
        _ => Err(format!("lab config: {key} must be a whole number, got {}", js::describe(&v))),
    }
}
