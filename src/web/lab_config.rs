//! Reading a lab configuration from a plain JS object, and writing one back.

use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

use super::api::activation_from_js;
use super::{js, read};
use crate::mlp::schema::{SettingKind, SettingValue, LAYERS, SEED, SETTINGS, WIDTH};
use crate::mlp::LabConfig;

/// The keys `Lab` accepts besides the settings' config keys.
const EXTRA_KEYS: [&str; 6] = ["preset", "dataSeed", "hiddenWidths", "activation", "params", "data"];

/// Builds a [`LabConfig`]: the preset's (or the default) values, overridden by every key given.
/// Each setting is read by its schema row: its kind says how to read it, its limits check it.
/// Unknown keys, wrong types, unreadable values (a throwing getter) and a setting given where it
/// does not apply (a non-zero momentum with Adam) are errors naming the key.
pub fn from_js(value: &JsValue) -> Result<LabConfig, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(LabConfig::default());
    }
    let what = "lab config";
    let mut all: Vec<&str> = vec!["preset"];
    all.extend(SETTINGS.iter().map(|s| s.config_key));
    all.extend(&EXTRA_KEYS[1..]);
    read::only_keys(value, &all, what, "{ dataset: \"moons\", lr: 0.1 }")?;
    let mut config = match read::optional_string(value, "preset", what)? {
        Some(name) => LabConfig::preset(&name).map_err(|e| e.to_string())?,
        None => LabConfig::default(),
    };
    let widths = read::get(value, "hiddenWidths", what)?;
    let explicit_widths = !widths.is_undefined() && !widths.is_null();
    for setting in SETTINGS {
        let key = setting.config_key;
        if explicit_widths && (setting.key == LAYERS.key || setting.key == WIDTH.key) {
            // hiddenWidths wins; the key is still read, so a throwing getter is an error.
            read::get(value, key, what)?;
            continue;
        }
        let given = match setting.kind {
            SettingKind::Choice => read::optional_string(value, key, what)?.map(Given::Choice),
            SettingKind::Number => read::optional_number(value, key, what)?.map(Given::Number),
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
    let params = read::get(value, "params", what)?;
    if let Some(id) = read::optional_string(value, "activation", what)? {
        config.activation = activation_from_js(&id, &params)?;
    } else if !params.is_undefined() {
        config.activation = activation_from_js(config.activation.id(), &params)?;
    }
    let data = read::get(value, "data", what)?;
    if !data.is_undefined() && !data.is_null() {
        config.data = Some(super::lab_data::from_js(&data)?);
    }
    config.validate().map_err(|e| e.to_string())?;
    Ok(config)
}

/// A setting's value as read from JS, before the schema checks it.
enum Given {
    Number(f64),
    Choice(String),
}

/// `hiddenWidths`: an array of whole numbers within the schema's width limit.
fn hidden_widths(widths: &JsValue) -> Result<Vec<usize>, String> {
    let what = "lab config: hiddenWidths";
    if !read::is_array(widths, what)? {
        return Err(format!("{what} must be an array of layer widths, got {}", read::type_name(widths)));
    }
    let max_layers = LAYERS.max as usize;
    read::array(widths, max_layers, what)?
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x = read::whole(w, f64::MAX, &format!("{what}[{i}]"))?;
            WIDTH.check(x).map_err(|e| e.to_string())?;
            Ok(x as usize)
        })
        .collect()
}

/// The configuration as the object [`from_js`] reads (round-trips): every setting by its config
/// key (momentum 0 under Adam), the layers also as `hiddenWidths` (which wins when read back),
/// the dataset seed and the activation with its parameters. Given `data` is not copied back
/// (it may be megabytes): `lab.features` and `lab.classNames` describe it.
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

/// An optional whole number ≥ 0, or `None` when missing. Its range is the schema's to check,
/// which reports the value as given.
fn whole_number(obj: &JsValue, key: &str) -> Result<Option<f64>, String> {
    read::optional_whole(obj, key, f64::MAX, "lab config")
}
