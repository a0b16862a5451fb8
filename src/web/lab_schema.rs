//! `labSchema()`: every lab setting and preset as plain JS, from the core's one table, so the lab
//! form, the embedded lab and the URL parser restate no key, label, limit or choice.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::{js, lab_config};
use crate::mlp::schema::{Scale, SettingValue, SETTINGS};
use crate::mlp::{
    LabConfig, DEAD_GRADIENT, MAX_SWEEP_DEPTH, MAX_SWEEP_TRIALS, MAX_SWEEP_WIDTH, MAX_SWEEP_WORK, PRESETS,
};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** One lab setting: its URL / page-state key, its `Lab` config key, label, kind and limits. */
export interface LabField {
  key: string; configKey: string; label: string; kind: "number" | "integer" | "choice";
  min: number; max: number; step: number; default: number | string;
  /** lr: the slider moves in log10 steps of `step` between log10(min) and log10(max). */
  scale?: "log";
  choices?: { id: string; label: string }[];
  description?: string;
  /** The setting applies only while setting `key` has choice `value` (momentum: optimizer sgd). */
  onlyWith?: { key: string; value: string };
}
/** A named starting point, with every key of its `Lab` config. */
export interface LabPreset {
  id: string; label: string; summary: string;
  /** The experiment's length: the step count the summary talks about (the lab pauses there). */
  steps: number;
  config: LabConfig;
}
/** The born-dead sweep's limits (`bornDeadSweep` refuses anything beyond them). */
export interface SweepLimits { maxDepth: number; maxTrials: number; maxWidth: number; maxWork: number; }
export interface LabSchema {
  fields: LabField[]; presets: LabPreset[]; sweep: SweepLimits;
  /** A neuron is dead when |f'(z)| <= deadThreshold on every training input (0.001). */
  deadThreshold: number;
}
"#;

/// Every lab setting (in the form's and the URL's order), every preset with its full config and
/// length, the born-dead sweep's limits and the dead-gradient threshold.
#[wasm_bindgen(js_name = labSchema, unchecked_return_type = "LabSchema")]
pub fn lab_schema() -> Object {
    let fields: Array = SETTINGS
        .iter()
        .map(|s| {
            let obj = Object::new();
            js::set(&obj, "key", s.key);
            js::set(&obj, "configKey", s.config_key);
            js::set(&obj, "label", s.label);
            js::set(&obj, "kind", s.kind.id());
            js::set(&obj, "min", s.min);
            js::set(&obj, "max", s.max);
            js::set(&obj, "step", s.step);
            match s.default_value() {
                SettingValue::Number(x) => js::set(&obj, "default", x),
                SettingValue::Choice(id) => js::set(&obj, "default", id),
            }
            if s.scale == Scale::Log {
                js::set(&obj, "scale", "log");
            }
            let choices = (s.choices)();
            if !choices.is_empty() {
                let list: Array = choices
                    .iter()
                    .map(|c| {
                        let choice = Object::new();
                        js::set(&choice, "id", c.id);
                        js::set(&choice, "label", c.label);
                        JsValue::from(choice)
                    })
                    .collect();
                js::set(&obj, "choices", list);
            }
            if let Some(description) = s.description {
                js::set(&obj, "description", description);
            }
            if let Some((key, value)) = s.only_with {
                let only = Object::new();
                js::set(&only, "key", key);
                js::set(&only, "value", value);
                js::set(&obj, "onlyWith", only);
            }
            JsValue::from(obj)
        })
        .collect();
    let schema = Object::new();
    js::set(&schema, "fields", fields);
    js::set(&schema, "presets", presets());
    let sweep = Object::new();
    js::set(&sweep, "maxDepth", MAX_SWEEP_DEPTH as f64);
    js::set(&sweep, "maxTrials", MAX_SWEEP_TRIALS as f64);
    js::set(&sweep, "maxWidth", MAX_SWEEP_WIDTH as f64);
    js::set(&sweep, "maxWork", MAX_SWEEP_WORK as f64);
    js::set(&schema, "sweep", sweep);
    js::set(&schema, "deadThreshold", DEAD_GRADIENT);
    schema
}

/// Every preset: `{ id, label, summary, steps, config }`.
pub(crate) fn presets() -> Array {
    PRESETS
        .iter()
        .filter_map(|preset| {
            let config = LabConfig::preset(preset.id).ok()?;
            let obj = Object::new();
            js::set(&obj, "id", preset.id);
            js::set(&obj, "label", preset.label);
            js::set(&obj, "summary", preset.summary);
            js::set(&obj, "steps", preset.steps as f64);
            js::set(&obj, "config", lab_config::to_js(&config));
            Some(JsValue::from(obj))
        })
        .collect()
}
