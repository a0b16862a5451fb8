//! `bornDeadSweep` (Lu et al. 2019) and its chart.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::api::activation_from_js;
use super::error::js_error;
use super::lab_draw::{check_scale, checked, draw_lines_on, theme_by_name};
use super::{js, read};
use crate::mlp::schema::MAX_SEED;
use crate::mlp::sweep::{MAX_SWEEP_DEPTH, MAX_SWEEP_TRIALS, MAX_SWEEP_WIDTH, MAX_SWEEP_WIDTHS};
use crate::mlp::{born_dead_sweep as sweep, LabError, Side};
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
    if !options.is_undefined() && !options.is_null() {
        read::only_keys(&options, &SWEEP_KEYS, "bornDeadSweep: options", "{ widths: [2, 3], trials: 100 }")
            .map_err(fail)?;
    }
    let id =
        read::optional_string(&options, "activation", what).map_err(fail)?.unwrap_or_else(|| "relu".into());
    let activation =
        activation_from_js(&id, &read::get(&options, "params", what).map_err(fail)?).map_err(fail)?;
    let widths = read::get(&options, "widths", what).map_err(fail)?;
    let widths = if widths.is_undefined() || widths.is_null() {
        vec![2, 3, 4, 5, 10]
    } else if read::is_array(&widths, "bornDeadSweep: widths").map_err(fail)? {
        read::array(&widths, MAX_SWEEP_WIDTHS, "sweep widths")
            .map_err(|_| {
                let n = read::get(&widths, "length", what).unwrap_or(JsValue::UNDEFINED);
                fail(format!(
                    "sweep width count must be between 1 and {MAX_SWEEP_WIDTHS}, got {}",
                    read::describe(&n)
                ))
            })?
            .iter()
            .map(|w| count(w, "sweep width", MAX_SWEEP_WIDTH))
            .collect::<Result<Vec<_>, _>>()
            .map_err(fail)?
    } else {
        return Err(fail(format!(
            "bornDeadSweep: widths must be an array of numbers, got {}",
            read::type_name(&widths)
        )));
    };
    let option = |key: &str, field: &'static str, max: usize, default: usize| -> Result<usize, String> {
        let v = read::get(&options, key, what)?;
        if v.is_undefined() || v.is_null() {
            Ok(default)
        } else {
            count(&v, field, max)
        }
    };
    let depth = option("depth", "sweep depth", MAX_SWEEP_DEPTH, 10).map_err(fail)?;
    let trials = option("trials", "sweep trials", MAX_SWEEP_TRIALS, 1000).map_err(fail)?;
    let seed = read::optional_whole(&options, "seed", MAX_SEED, what).map_err(fail)?.unwrap_or(1.0) as u64;
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

/// The keys of `SweepOptions`, of a `SweepSeries` and of a `SweepPoint`.
const SWEEP_KEYS: [&str; 6] = ["activation", "params", "widths", "depth", "trials", "seed"];
const SERIES_KEYS: [&str; 3] = ["label", "color", "points"];
const POINT_KEYS: [&str; 4] = ["width", "bornDead", "trials", "fraction"];

/// Born-dead fraction against width, one line per series.
#[wasm_bindgen(js_name = drawSweep)]
pub fn draw_sweep(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SweepSeries[]")] series: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"light\" | \"dark\"")] theme: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] scale: JsValue,
) -> Result<(), JsError> {
    let fail = js_error::<String>;
    if !read::is_array(&series, "drawSweep: series").map_err(fail)? {
        return Err(fail(format!("drawSweep: series must be an array, got {}", read::type_name(&series))));
    }
    let series = read::array(&series, 8, "drawSweep: series").map_err(fail)?;
    let (theme, scale) = (theme_by_name(&theme)?, check_scale(&scale)?);
    let series = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = format!("drawSweep: series[{i}]");
            read::only_keys(s, &SERIES_KEYS, &at, "{ label, color, points }")?;
            let label = read::optional_string(s, "label", &at)?.unwrap_or_default();
            let color = match read::optional_string(s, "color", &at)? {
                Some(hex) => parse_hex_color(&hex)
                    .ok_or_else(|| format!("drawSweep: color must look like \"#1f77b4\", got {hex:?}"))?,
                None => net_color(&theme, Side::BOTH[i % 2]),
            };
            let points = read::get(s, "points", &at)?;
            if !read::is_array(&points, &at)? {
                return Err(format!(
                    "drawSweep: series[{i}].points must be an array of {{ width, fraction }}"
                ));
            }
            let points = read::array(&points, MAX_SWEEP_WIDTHS, &format!("{at}.points"))?
                .iter()
                .enumerate()
                .map(|(j, p)| {
                    let at = format!("{at}.points[{j}]");
                    read::only_keys(p, &POINT_KEYS, &at, "{ width, fraction }")?;
                    Ok((read::number(p, "width", "drawSweep")?, read::number(p, "fraction", "drawSweep")?))
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(Series { label, color, faint: false, points })
        })
        .collect::<Result<Vec<_>, String>>()
        .map_err(fail)?;
    let canvas = checked(&canvas, "drawSweep")?;
    let chart = LineChart {
        series,
        x_label: "width (neurons per layer)".into(),
        y_label: "born dead".into(),
        y_range: Some((0.0, 1.0)),
        markers: true,
        theme,
        scale,
    };
    draw_lines_on(canvas, &chart)
}

/// A sweep count: a whole number, at most `max` (checked here, as given, before any cast to
/// `usize`, which is 32 bits on wasm32); its lower bound is the core's to check.
fn count(v: &JsValue, field: &'static str, max: usize) -> Result<usize, String> {
    let x = read::whole(v, f64::MAX, &format!("bornDeadSweep: {field}"))?;
    if x > max as f64 {
        return Err(LabError::out_of_range(field, read::describe(v), 1, max).to_string());
    }
    Ok(x as usize)
}
