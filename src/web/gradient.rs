//! What the explorer shows about f′ besides its chart: the dead threshold (`deadGradient`),
//! the kinks where f′ is a convention (`derivativeKinks`) and the product of f′ over n layers
//! (`depthProducts`).

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::api::activation_from_js;
use super::{js, read};
use crate::activation::format_number;
use crate::plot::{self, DepthInput, DEAD_GRADIENT, MAX_DEPTH};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A point where f′ jumps: its one-sided limits, and the value PyTorch's autograd returns there. */
export interface DerivativeKink { x: number; left: number; right: number; torch: number; }
/** The "through n layers" view: `z` a fixed pre-activation, or null for z ~ N(0, 1) (RMS). */
export interface DepthSpec { layers: number; z?: number | null; }
"#;

/// The dead threshold: a unit whose |f′(z)| is at or below it on every input is dead (0.001).
#[wasm_bindgen(js_name = deadGradient)]
pub fn dead_gradient() -> f64 {
    DEAD_GRADIENT
}

/// The kinks of an activation with these parameters, in increasing x.
#[wasm_bindgen(js_name = derivativeKinks, unchecked_return_type = "DerivativeKink[]")]
pub fn derivative_kinks(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ActivationParams | undefined")] params: JsValue,
) -> Result<Array, JsError> {
    let err = |e: String| JsError::new(&e);
    let id = read::string_arg(&id, "activation id").map_err(err)?;
    let activation = activation_from_js(&id, &params).map_err(err)?;
    Ok(plot::kinks(&activation)
        .into_iter()
        .map(|k| {
            let obj = Object::new();
            js::set(&obj, "x", k.x);
            js::set(&obj, "left", k.left);
            js::set(&obj, "right", k.right);
            js::set(&obj, "torch", k.torch);
            JsValue::from(obj)
        })
        .collect())
}

/// The product of |f′| over 1..=`layers` layers (1 to 100): with `z`, |f′(z)|ⁿ; without,
/// (E[f′(z)²])^(n/2) for z ~ N(0, 1) in every layer. Element n − 1 is n layers' product.
#[wasm_bindgen(js_name = depthProducts)]
pub fn depth_products(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ActivationParams | undefined")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DepthSpec")] spec: JsValue,
) -> Result<Vec<f64>, JsError> {
    let err = |e: String| JsError::new(&e);
    let id = read::string_arg(&id, "activation id").map_err(err)?;
    let activation = activation_from_js(&id, &params).map_err(err)?;
    read::only_keys(&spec, &["layers", "z"], "depth spec", "{ layers: 10, z: null }").map_err(err)?;
    let layers = read::number(&spec, "layers", "depth").map_err(err)?;
    let max = f64::from(MAX_DEPTH);
    if !(layers.fract() == 0.0 && (1.0..=max).contains(&layers)) {
        return Err(err(format!(
            "depth: layers must be a whole number from 1 to {max}, got {}",
            format_number(layers)
        )));
    }
    let input = match read::optional_number(&spec, "z", "depth").map_err(err)? {
        None => DepthInput::Normal,
        Some(z) if z.abs() <= 1e6 => DepthInput::At(z),
        Some(z) => return Err(err(format!("depth: z must lie within ±1e6, got {}", format_number(z)))),
    };
    Ok(plot::depth_products(&activation, input, layers as u32))
}
