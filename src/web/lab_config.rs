//! Reading a lab configuration from a plain JS object, and writing one back.

use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

use super::api::activation_from_js;
use super::js;
use crate::mlp::{DatasetKind, LabConfig, OptimizerKind, WeightInit};

/// The keys `Lab` accepts, for the "unknown key" message.
const KEYS: [&str; 17] = [
    "preset",
    "dataset",
    "points",
    "noise",
    "dataSeed",
    "hiddenLayers",
    "width",
    "hiddenWidths",
    "activation",
    "params",
    "init",
    "biasInit",
    "optimizer",
    "momentum",
    "lr",
    "weightDecay",
    "batchSize",
];
const MORE_KEYS: [&str; 1] = ["seed"];

/// Builds a [`LabConfig`]: the preset's (or the default) values, overridden by every key given.
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
    for key in Object::keys(obj).iter().filter_map(|k| k.as_string()) {
        if !KEYS.contains(&key.as_str()) && !MORE_KEYS.contains(&key.as_str()) {
            let all = KEYS.iter().chain(&MORE_KEYS).copied().collect::<Vec<_>>().join(", ");
            return Err(format!("lab config: unknown key {key:?}; expected one of: {all}"));
        }
    }
    let what = "lab config";
    let mut config = match js::optional_string(value, "preset", what)? {
        Some(name) => LabConfig::preset(&name).map_err(|e| e.to_string())?,
        None => LabConfig::default(),
    };
    if let Some(id) = js::optional_string(value, "dataset", what)? {
        config.dataset = DatasetKind::from_id(&id).map_err(|e| e.to_string())?;
    }
    if let Some(points) = count(value, "points")? {
        config.points = points;
    }
    if let Some(noise) = js::optional_number(value, "noise", what)? {
        config.noise = noise;
    }
    if let Some(seed) = seed(value, "dataSeed")? {
        config.data_seed = seed;
    }
    let widths = js::get(value, "hiddenWidths");
    if !widths.is_undefined() && !widths.is_null() {
        if !Array::is_array(&widths) {
            return Err(format!(
                "lab config: hiddenWidths must be an array of layer widths, got {}",
                js::type_name(&widths)
            ));
        }
        let widths: Array = widths.into();
        if widths.length() > 64 {
            return Err(format!(
                "lab config: hiddenWidths has {} layers; at most 8 are allowed",
                widths.length()
            ));
        }
        config.hidden_widths = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                whole(&w).ok_or_else(|| {
                    format!("lab config: hiddenWidths[{i}] must be a whole number, got {}", js::describe(&w))
                })
            })
            .collect::<Result<_, _>>()?;
    } else {
        let layers = count(value, "hiddenLayers")?.unwrap_or(config.hidden_widths.len());
        let width = count(value, "width")?.unwrap_or(config.hidden_widths[0]);
        if layers > 64 {
            return Err(format!("hidden layer count must be between 1 and 8, got {layers}"));
        }
        config.hidden_widths = vec![width; layers];
    }
    if let Some(id) = js::optional_string(value, "activation", what)? {
        config.activation = activation_from_js(&id, &js::get(value, "params"))?;
    } else if !js::get(value, "params").is_undefined() {
        config.activation = activation_from_js(config.activation.id(), &js::get(value, "params"))?;
    }
    if let Some(id) = js::optional_string(value, "init", what)? {
        config.weight_init = WeightInit::from_id(&id).map_err(|e| e.to_string())?;
    }
    if let Some(bias) = js::optional_number(value, "biasInit", what)? {
        config.bias_init = bias;
    }
    let momentum = js::optional_number(value, "momentum", what)?;
    match js::optional_string(value, "optimizer", what)?.as_deref() {
        Some("sgd") => config.optimizer = OptimizerKind::Sgd { momentum: momentum.unwrap_or(0.0) },
        Some("adam") => config.optimizer = OptimizerKind::Adam,
        Some(other) => {
            return Err(format!("lab config: optimizer must be \"sgd\" or \"adam\", got {other:?}"))
        }
        None => {
            if let (Some(m), OptimizerKind::Sgd { .. }) = (momentum, config.optimizer) {
                config.optimizer = OptimizerKind::Sgd { momentum: m };
            }
        }
    }
    if let Some(lr) = js::optional_number(value, "lr", what)? {
        config.learning_rate = lr;
    }
    if let Some(decay) = js::optional_number(value, "weightDecay", what)? {
        config.weight_decay = decay;
    }
    if let Some(batch) = count(value, "batchSize")? {
        config.batch_size = batch;
    }
    if let Some(seed) = seed(value, "seed")? {
        config.seed = seed;
    }
    config.validate().map_err(|e| e.to_string())?;
    Ok(config)
}

/// The configuration as the object [`from_js`] reads (round-trips).
pub fn to_js(config: &LabConfig) -> Object {
    let obj = Object::new();
    js::set(&obj, "dataset", config.dataset.id());
    js::set(&obj, "points", config.points as f64);
    js::set(&obj, "noise", config.noise);
    js::set(&obj, "dataSeed", config.data_seed as f64);
    let widths: Array = config.hidden_widths.iter().map(|&w| JsValue::from(w as f64)).collect();
    js::set(&obj, "hiddenWidths", widths);
    js::set(&obj, "activation", config.activation.id());
    let params = Object::new();
    for (name, value) in config.activation.params() {
        match value {
            crate::activation::ParamValue::Number(x) => js::set(&params, name, x),
            crate::activation::ParamValue::Choice(c) => js::set(&params, name, c),
        }
    }
    js::set(&obj, "params", params);
    js::set(&obj, "init", config.weight_init.id());
    js::set(&obj, "biasInit", config.bias_init);
    match config.optimizer {
        OptimizerKind::Sgd { momentum } => {
            js::set(&obj, "optimizer", "sgd");
            js::set(&obj, "momentum", momentum);
        }
        OptimizerKind::Adam => js::set(&obj, "optimizer", "adam"),
    }
    js::set(&obj, "lr", config.learning_rate);
    js::set(&obj, "weightDecay", config.weight_decay);
    js::set(&obj, "batchSize", config.batch_size as f64);
    js::set(&obj, "seed", config.seed as f64);
    obj
}

/// A whole number ≥ 0 that fits a usize, or `None` for anything else.
fn whole(v: &JsValue) -> Option<usize> {
    let x = v.as_f64()?;
    (x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= 1e9).then_some(x as usize)
}

/// An optional count: a whole number; huge values are passed on for the core's range message.
fn count(obj: &JsValue, key: &str) -> Result<Option<usize>, String> {
    let v = js::get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(x) if x.is_finite() && x >= 0.0 && x.fract() == 0.0 => {
            Ok(Some(x.min(usize::MAX as f64 / 2.0) as usize))
        }
        _ => Err(format!("lab config: {key} must be a whole number, got {}", js::describe(&v))),
    }
}

/// An optional seed: a whole number from 0 to 2^53 (what a JS number holds exactly).
fn seed(obj: &JsValue, key: &str) -> Result<Option<u64>, String> {
    let v = js::get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(x) if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= 9_007_199_254_740_992.0 => {
            Ok(Some(x as u64))
        }
        _ => {
            Err(format!("lab config: {key} must be a whole number from 0 to 2^53, got {}", js::describe(&v)))
        }
    }
}
