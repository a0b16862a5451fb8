//! The activation API: `activations`, `evaluate`, `derivative`, `describe`.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::{js, read};
use crate::activation::formula::Style;
use crate::activation::{catalogue, info, Activation, ParamKind, ParamValue};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Activation parameters keyed by PyTorch name; missing keys take PyTorch's defaults. */
export type ActivationParams = Record<string, number | string>;

/** A numeric parameter, with the range and step of its slider. */
export interface NumberParamSpec {
  name: string; kind: "number"; default: number; min: number; max: number; step: number; description: string;
}
/** A parameter taking one of a few strings (gelu's `approximate`). */
export interface ChoiceParamSpec {
  name: string; kind: "choice"; default: string; choices: string[]; description: string;
}
/** Free text: `custom`'s `formula`, at most `maxLength` characters (the formula language). */
export interface TextParamSpec {
  name: string; kind: "text"; default: string; maxLength: number; description: string;
  /** Formulas to start from: `{ label, formula }`. */
  examples: { label: string; formula: string }[];
}
export type ParamSpec = NumberParamSpec | ChoiceParamSpec | TextParamSpec;

/** One catalogue entry. Formulas are MathML `<math>` elements built from constants only. */
export interface ActivationInfo {
  id: string; label: string; summary: string;
  /** PyTorch module with default parameters, e.g. `nn.LeakyReLU(negative_slope=0.01)`; for
   * `custom`, the Python source of a `class Custom(nn.Module)` whose forward is the formula. */
  torch: string;
  formula: string; derivativeFormula: string;
  params: ParamSpec[];
  /** The picker's group label, e.g. "ReLU family"; groups are listed in catalogue order. */
  group: string;
  /** Rank in the compare panel's suggestions (lower first); null when never suggested. */
  suggest: number | null;
  /** f and f′ are exactly 0 for every x < 0, whatever the parameters (relu, relu6). */
  flatBelowZero: boolean;
}

/** An activation with concrete parameters: formulas with the values substituted. */
export interface ActivationDescription {
  id: string; label: string; summary: string; torch: string; formula: string; derivativeFormula: string;
}
"#;

/// Every activation with its parameters, formulas, PyTorch snippet, picker group, suggestion rank
/// and whether it is flat below zero, in display order.
#[wasm_bindgen(unchecked_return_type = "ActivationInfo[]")]
pub fn activations() -> Array {
    catalogue()
        .iter()
        .map(|info| {
            let defaults = Activation::default_for(info.id).expect("catalogue defaults are valid");
            let obj = Object::new();
            js::set(&obj, "id", info.id);
            js::set(&obj, "label", info.label);
            js::set(&obj, "summary", info.summary);
            js::set(&obj, "torch", defaults.torch_snippet());
            js::set(&obj, "formula", defaults.formula_mathml(Style::Symbolic));
            js::set(&obj, "derivativeFormula", defaults.derivative_formula_mathml(Style::Symbolic));
            let params: Array = info.params.iter().map(|p| JsValue::from(param_spec(p))).collect();
            js::set(&obj, "params", params);
            js::set(&obj, "group", info.group.label());
            js::set(&obj, "suggest", info.suggest.map_or(JsValue::NULL, JsValue::from));
            js::set(&obj, "flatBelowZero", info.flat_below_zero);
            JsValue::from(obj)
        })
        .collect()
}

fn param_spec(p: &crate::activation::ParamSpec) -> Object {
    let obj = Object::new();
    js::set(&obj, "name", p.name);
    match p.kind {
        ParamKind::Number { default, min, max, step } => {
            js::set(&obj, "kind", "number");
            js::set(&obj, "default", default);
            js::set(&obj, "min", min);
            js::set(&obj, "max", max);
            js::set(&obj, "step", step);
        }
        ParamKind::Choice { default, choices } => {
            js::set(&obj, "kind", "choice");
            js::set(&obj, "default", default);
            let choices: Array = choices.iter().map(|&c| JsValue::from_str(c)).collect();
            js::set(&obj, "choices", choices);
        }
        ParamKind::Text { default, max_chars } => {
            js::set(&obj, "kind", "text");
            js::set(&obj, "default", default);
            js::set(&obj, "maxLength", max_chars as f64);
            let examples: Array = crate::formula::EXAMPLES
                .iter()
                .map(|example| {
                    let entry = Object::new();
                    js::set(&entry, "label", example.label);
                    js::set(&entry, "formula", example.formula);
                    entry
                })
                .collect();
            js::set(&obj, "examples", examples);
        }
    }
    js::set(&obj, "description", p.description);
    obj
}

/// `f(x)` for every x. Throws on an unknown id, an unknown parameter or an invalid value.
#[wasm_bindgen]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ActivationParams | undefined")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] xs: JsValue,
) -> Result<Vec<f64>, JsError> {
    map_samples(&id, &params, &xs, Activation::value)
}

/// `f'(x)` for every x, in closed form. Throws like [`evaluate`].
#[wasm_bindgen]
pub fn derivative(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ActivationParams | undefined")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] xs: JsValue,
) -> Result<Vec<f64>, JsError> {
    map_samples(&id, &params, &xs, Activation::derivative)
}

/// Builds the activation and applies `f` (its value or derivative) to every sample.
fn map_samples(
    id: &JsValue,
    params: &JsValue,
    xs: &JsValue,
    f: fn(&Activation, f64) -> f64,
) -> Result<Vec<f64>, JsError> {
    let id = read::string_arg(id, "activation id").map_err(|e| JsError::new(&e))?;
    let activation = activation_from_js(&id, params).map_err(|e| JsError::new(&e))?;
    let xs = js::samples(xs).map_err(|e| JsError::new(&e))?;
    Ok(xs.iter().map(|&x| f(&activation, x)).collect())
}

/// Formulas and PyTorch snippet of an activation with the given parameter values.
#[wasm_bindgen(unchecked_return_type = "ActivationDescription")]
pub fn describe(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ActivationParams | undefined")] params: JsValue,
) -> Result<Object, JsError> {
    let id = read::string_arg(&id, "activation id").map_err(|e| JsError::new(&e))?;
    let activation = activation_from_js(&id, &params).map_err(|e| JsError::new(&e))?;
    let info = info(activation.id()).expect("built activations are in the catalogue");
    let obj = Object::new();
    js::set(&obj, "id", info.id);
    js::set(&obj, "label", info.label);
    js::set(&obj, "summary", info.summary);
    js::set(&obj, "torch", activation.torch_snippet());
    js::set(&obj, "formula", activation.formula_mathml(Style::Numeric));
    js::set(&obj, "derivativeFormula", activation.derivative_formula_mathml(Style::Numeric));
    Ok(obj)
}

/// Builds an activation from an id and a JS params object, with the core's validation.
pub(crate) fn activation_from_js(id: &str, params: &JsValue) -> Result<Activation, String> {
    let params = js::params(params, id)?;
    let borrowed: Vec<(&str, ParamValue)> = params.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    Activation::from_params(id, &borrowed).map_err(|e| e.to_string())
}
