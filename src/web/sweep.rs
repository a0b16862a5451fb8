//! `bornDeadSweep` (Lu et al. 2019) and its chart.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::api::activation_from_js;
use super::error::js_error;
use super::js;
use super::lab_draw::{check_scale, draw_lines_on, theme_by_name};
use crate::mlp::{born_dead_sweep as sweep, Side};
use crate::plot::lab::{net_color, LineChart, Series};
use crate::plot::parse_hex_color;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Options of bornDeadSweep; defaults: relu, depth 10, widths [2, 3, 4, 5, 10], 1000 trials, seed 1. */
export interface SweepOptions {
  activation?: string; params?: ActivationParams; widths?: number[]; depth?: number; trials?: number; seed?: number;
}
export interface SweepPoint { width: number; bornDead: number; trials: number; fraction: number; }
/** One line of the sweep chart. */
export interface SweepSeries { label: string; color?: string; points: SweepPoint[]; }
"#;

/// For each width, how many of `trials` random networks (1 input, `depth` hidden layers of
/// `width`, He-normal weights, zero biases) are constant on 1000 inputs in [-√3, √3].
#[wasm_bindgen(js_name = bornDeadSweep, unchecked_return_type = "SweepPoint[]")]
pub fn born_dead_sweep(
    #[wasm_bindgen(unchecked_param_type = "SweepOptions | undefined")] options: JsValue,
) -> Result<Array, JsError> {
    let fail = js_error::<String>;
    let what = "bornDeadSweep";
    if !options.is_undefined() && !options.is_null() && !options.is_object() {
        return Err(fail(format!(
            "bornDeadSweep: options must be an object, got {}",
            js::type_name(&options)
        )));
    }
    let id =
        js::optional_string(&options, "activation", what).map_err(fail)?.unwrap_or_else(|| "relu".into());
    let activation = activation_from_js(&id, &js::get(&options, "params")).map_err(fail)?;
    let widths = match js::get(&options, "widths") {
        v if v.is_undefined() || v.is_null() => vec![2, 3, 4, 5, 10],
        v if Array::is_array(&v) => {
            let array: Array = v.into();
            if array.length() > 64 {
                return Err(fail(format!(
                    "sweep width count must be between 1 and 64, got {}",
                    array.length()
                )));
            }
            array.iter().map(|w| whole(&w, "widths[]")).collect::<Result<Vec<_>, _>>().map_err(fail)?
        }
        v => {
            return Err(fail(format!(
                "bornDeadSweep: widths must be an array of numbers, got {}",
                js::type_name(&v)
            )))
        }
    };
    let count = |key: &str, default: usize| -> Result<usize, String> {
        let v = js::get(&options, key);
        if v.is_undefined() || v.is_null() {
            Ok(default)
        } else {
            whole(&v, key)
        }
    };
    let depth = count("depth", 10).map_err(fail)?;
    let trials = count("trials", 1000).map_err(fail)?;
    let seed = count("seed", 1).map_err(fail)? as u64;
    let points = sweep(activation, &widths, depth, trials, seed).map_err(js_error)?;
    Ok(points
        .iter()
        .map(|p| {
            let obj = Object::new();
            js::set(&obj, "width", p.width as f64);
            js::set(&obj, "bornDead", p.born_dead as f64);
            js::set(&obj, "trials", p.trials as f64);
            js::set(&obj, "fraction", p.fraction);
            JsValue::from(obj)
        })
        .collect())
}

/// Born-dead fraction against width, one line per series.
#[wasm_bindgen(js_name = drawSweep)]
pub fn draw_sweep(
    canvas: &HtmlCanvasElement,
    #[wasm_bindgen(unchecked_param_type = "SweepSeries[]")] series: JsValue,
    theme: &str,
    scale: f64,
) -> Result<(), JsError> {
    let fail = js_error::<String>;
    if !Array::is_array(&series) {
        return Err(fail(format!("drawSweep: series must be an array, got {}", js::type_name(&series))));
    }
    let series: Array = series.into();
    if series.length() > 8 {
        return Err(fail(format!("drawSweep: at most 8 series, got {}", series.length())));
    }
    let theme = theme_by_name(theme)?;
    let series = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let label = js::optional_string(&s, "label", "drawSweep")?.unwrap_or_default();
            let color = match js::optional_string(&s, "color", "drawSweep")? {
                Some(hex) => parse_hex_color(&hex)
                    .ok_or_else(|| format!("drawSweep: color must look like \"#1f77b4\", got {hex:?}"))?,
                None => net_color(&theme, Side::BOTH[i % 2]),
            };
            let points = js::get(&s, "points");
            if !Array::is_array(&points) {
                return Err(format!(
                    "drawSweep: series[{i}].points must be an array of {{ width, fraction }}"
                ));
            }
            let points = Array::from(&points)
                .iter()
                .map(|p| {
                    Ok((js::number(&p, "width", "drawSweep")?, js::number(&p, "fraction", "drawSweep")?))
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(Series { label, color, faint: false, points })
        })
        .collect::<Result<Vec<_>, String>>()
        .map_err(fail)?;
    let chart = LineChart {
        series,
        x_label: "width (neurons per layer)".into(),
        y_label: "born dead".into(),
        y_range: Some((0.0, 1.0)),
        markers: true,
        theme,
        scale: check_scale(scale)?,
    };
    draw_lines_on(canvas, &chart)
}

/// A whole number ≥ 0 (huge ones are left for the core's range check to name).
fn whole(v: &JsValue, key: &str) -> Result<usize, String> {
    match v.as_f64() {
        Some(x) if x.is_finite() && x >= 0.0 && x.fract() == 0.0 => Ok(x.min(1e12) as usize),
        _ => Err(format!("bornDeadSweep: {key} must be a whole number, got {}", js::describe(v))),
    }
}
