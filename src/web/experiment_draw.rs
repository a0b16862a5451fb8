//! The experiment charts on a canvas (main thread): `drawDistribution`, `drawIntervals` and
//! `drawGradientNorms` read plain option objects (results that crossed `postMessage`), check
//! them, and draw through the core builders in `crate::plot::experiments`. Also `repeatLimits()`,
//! the bounds of the lab's repeat inputs.

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::error::js_error;
use super::lab_draw::{check_scale, checked, theme_by_name};
use super::{js, read};
use crate::experiments::{MAX_REPEAT_SEEDS, MAX_REPEAT_STEPS};
use crate::plot::experiments::{
    draw_distribution, draw_gradient_norms, draw_intervals, DistributionChart, GradientChart, GradientSeries,
    GradientStyle, IntervalRow, IntervalsChart,
};
use crate::plot::Theme;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** The repeat-over-seeds limits (repeatLab refuses anything beyond them) and the lab's default seed count. */
export interface RepeatLimits { seeds: { min: number; max: number; default: number }; steps: { min: number; max: number }; }
/** Every experiment chart's options may name the page's theme (default "light") and devicePixelRatio (default 1). */
export interface ExperimentChartLook { theme?: "light" | "dark"; scale?: number; }
/** drawDistribution's options: one value per seed for each network; NaN = a diverged run (counted, not plotted). */
export interface DistributionOptions extends ExperimentChartLook { title: string; unit: string; labels: [string, string]; relu: Float64Array | number[]; other: Float64Array | number[]; integer?: boolean; }
/** One row of drawIntervals: a paired difference's mean and 95% interval. */
export interface IntervalRowOptions { label: string; mean: number; low: number; high: number; }
/** drawIntervals' options; claimedSign is the sign the claim predicts for the difference. */
export interface IntervalsOptions extends ExperimentChartLook { title: string; unit: string; rows: IntervalRowOptions[]; claimedSign: number; }
/** One line of drawGradientNorms: a norm per hidden layer (layer 1 first); dashed e.g. for "at initialisation". */
export interface GradientSeriesOptions { label: string; values: Float64Array | number[]; style: "relu" | "other" | "sigmoid" | "tanh" | "init"; dashed?: boolean; }
/** drawGradientNorms' options. */
export interface GradientNormsOptions extends ExperimentChartLook { title: string; series: GradientSeriesOptions[]; }
"#;

/// Most values (seeds) a distribution reads per network: repeatLab's seed limit.
const MAX_SEEDS: usize = 1000;
/// Most rows of an interval chart, series of a gradient chart, and layers per series.
const MAX_ROWS: usize = 32;
const MAX_LAYERS: usize = 64;

/// How many seeds the lab's "Repeat over N seeds" starts with.
pub const DEFAULT_REPEAT_SEEDS: u32 = 20;

/// The limits of `repeatLab` / `RepeatRun` for the page's inputs, and the lab's default seed
/// count: `{ seeds: { min, max, default }, steps: { min, max } }`.
#[wasm_bindgen(js_name = repeatLimits, unchecked_return_type = "RepeatLimits")]
pub fn repeat_limits() -> js_sys::Object {
    let seeds = js_sys::Object::new();
    js::set(&seeds, "min", 1.0);
    js::set(&seeds, "max", f64::from(MAX_REPEAT_SEEDS));
    js::set(&seeds, "default", f64::from(DEFAULT_REPEAT_SEEDS));
    let steps = js_sys::Object::new();
    js::set(&steps, "min", 1.0);
    js::set(&steps, "max", MAX_REPEAT_STEPS as f64);
    let limits = js_sys::Object::new();
    js::set(&limits, "seeds", seeds);
    js::set(&limits, "steps", steps);
    limits
}

/// Draws the distribution of one metric over seeds for both networks (strip + box each). NaN
/// values are diverged runs: counted in a note under the chart, not plotted. Throws naming the
/// first bad field.
#[wasm_bindgen(js_name = drawDistribution)]
pub fn draw_distribution_js(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DistributionOptions")] options: JsValue,
) -> Result<(), JsError> {
    const WHAT: &str = "drawDistribution";
    let keys = ["title", "unit", "labels", "relu", "other", "integer", "theme", "scale"];
    let example = "{ title, unit, labels: [\"ReLU\", \"Leaky ReLU\"], relu, other }";
    read::only_keys(&options, &keys, WHAT, example).map_err(js_error)?;
    let (theme, scale) = look(&options, WHAT)?;
    let labels = read::get(&options, "labels", WHAT).map_err(js_error)?;
    let labels = read::array(&labels, 2, &format!("{WHAT}: labels")).map_err(js_error)?;
    let labels: Vec<String> = labels
        .iter()
        .map(|l| l.as_string().ok_or_else(|| js_error(format!("{WHAT}: labels must be two strings"))))
        .collect::<Result<_, _>>()?;
    let [relu_label, other_label] = <[String; 2]>::try_from(labels)
        .map_err(|_| js_error(format!("{WHAT}: labels must be two strings [relu, other]")))?;
    let values = |key: &str| -> Result<Vec<f64>, JsError> {
        let v = read::get(&options, key, WHAT).map_err(js_error)?;
        read::numbers(&v, MAX_SEEDS, &format!("{WHAT}: {key}")).map_err(js_error)
    };
    let integer = read::get(&options, "integer", WHAT).map_err(js_error)?;
    let chart = DistributionChart {
        title: text(&options, "title", WHAT)?,
        unit: text(&options, "unit", WHAT)?,
        labels: [relu_label, other_label],
        values: [values("relu")?, values("other")?],
        integer: integer.as_bool().unwrap_or(false),
        theme,
        scale,
    };
    let canvas = checked(&canvas, WHAT)?;
    let root = backend(canvas)?.into_drawing_area();
    draw_distribution(&root, &chart).map_err(js_error)?;
    root.present().map_err(js_error)
}

/// Draws paired differences with their 95% intervals, the zero line and the claimed side.
#[wasm_bindgen(js_name = drawIntervals)]
pub fn draw_intervals_js(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "IntervalsOptions")] options: JsValue,
) -> Result<(), JsError> {
    const WHAT: &str = "drawIntervals";
    let keys = ["title", "unit", "rows", "claimedSign", "theme", "scale"];
    read::only_keys(
        &options,
        &keys,
        WHAT,
        "{ title, unit, rows: [{ label, mean, low, high }], claimedSign: 1 }",
    )
    .map_err(js_error)?;
    let (theme, scale) = look(&options, WHAT)?;
    let rows = read::get(&options, "rows", WHAT).map_err(js_error)?;
    let rows = read::array(&rows, MAX_ROWS, &format!("{WHAT}: rows"))
        .map_err(js_error)?
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let at = format!("{WHAT}: rows[{i}]");
            read::only_keys(row, &["label", "mean", "low", "high"], &at, "{ label, mean, low, high }")?;
            // NaN (no data yet) is allowed: the row says so.
            let num = |k: &str| read::get(row, k, &at).map(|v| v.as_f64().unwrap_or(f64::NAN));
            Ok(IntervalRow {
                label: read::optional_string(row, "label", &at)?.unwrap_or_default(),
                mean: num("mean")?,
                low: num("low")?,
                high: num("high")?,
            })
        })
        .collect::<Result<Vec<_>, String>>()
        .map_err(js_error)?;
    let sign = read::number(&options, "claimedSign", WHAT).map_err(js_error)?;
    let chart = IntervalsChart {
        title: text(&options, "title", WHAT)?,
        unit: text(&options, "unit", WHAT)?,
        rows,
        claimed_sign: sign.signum() * f64::from(sign != 0.0),
        theme,
        scale,
    };
    let canvas = checked(&canvas, WHAT)?;
    let root = backend(canvas)?.into_drawing_area();
    draw_intervals(&root, &chart).map_err(js_error)?;
    root.present().map_err(js_error)
}

/// Draws gradient norms per hidden layer on a log axis (values that are not positive skipped).
#[wasm_bindgen(js_name = drawGradientNorms)]
pub fn draw_gradient_norms_js(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "GradientNormsOptions")] options: JsValue,
) -> Result<(), JsError> {
    const WHAT: &str = "drawGradientNorms";
    read::only_keys(
        &options,
        &["title", "series", "theme", "scale"],
        WHAT,
        "{ title, series: [{ label, values, style }] }",
    )
    .map_err(js_error)?;
    let (theme, scale) = look(&options, WHAT)?;
    let series = read::get(&options, "series", WHAT).map_err(js_error)?;
    let series = read::array(&series, MAX_ROWS, &format!("{WHAT}: series"))
        .map_err(js_error)?
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = format!("{WHAT}: series[{i}]");
            read::only_keys(
                s,
                &["label", "values", "style", "dashed"],
                &at,
                "{ label, values, style: \"relu\" }",
            )?;
            let style = read::optional_string(s, "style", &at)?
                .ok_or_else(|| format!("{at}.style is required (relu, other, sigmoid, tanh or init)"))?;
            Ok(GradientSeries {
                label: read::optional_string(s, "label", &at)?.unwrap_or_default(),
                values: read::numbers(&read::get(s, "values", &at)?, MAX_LAYERS, &format!("{at}.values"))?,
                style: GradientStyle::from_id(&style).map_err(|e| format!("{at}: {e}"))?,
                dashed: read::get(s, "dashed", &at)?.as_bool().unwrap_or(false),
            })
        })
        .collect::<Result<Vec<_>, String>>()
        .map_err(js_error)?;
    let chart = GradientChart { title: text(&options, "title", WHAT)?, series, theme, scale };
    let canvas = checked(&canvas, WHAT)?;
    let root = backend(canvas)?.into_drawing_area();
    draw_gradient_norms(&root, &chart).map_err(js_error)?;
    root.present().map_err(js_error)
}

/// The optional `theme` (default light) and `scale` (default 1) of an options object.
fn look(options: &JsValue, what: &str) -> Result<(Theme, f64), JsError> {
    let theme = read::get(options, "theme", what).map_err(js_error)?;
    let theme = if theme.is_undefined() { Theme::LIGHT } else { theme_by_name(&theme)? };
    let scale = read::get(options, "scale", what).map_err(js_error)?;
    let scale = if scale.is_undefined() { 1.0 } else { check_scale(&scale)? };
    Ok((theme, scale))
}

/// A string field (missing: empty).
fn text(options: &JsValue, key: &str, what: &str) -> Result<String, JsError> {
    Ok(read::optional_string(options, key, what).map_err(js_error)?.unwrap_or_default())
}

fn backend(canvas: HtmlCanvasElement) -> Result<CanvasBackend, JsError> {
    CanvasBackend::with_canvas_object(canvas).ok_or_else(|| js_error("canvas has no 2D context"))
}
