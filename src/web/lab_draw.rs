//! Drawing the lab's charts on a canvas: the checks every chart export shares (theme, scale,
//! canvas size) and `drawLabChart`, which draws a chart from the plain `history()` / `stats()`
//! objects a worker posted, through the same core builders as `Lab`'s own draw methods.

use js_sys::{Array, Float64Array, Uint32Array};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::error::js_error;
use super::js;
use crate::mlp::{Column, Histogram, HistoryColumns, NetColumns, Pair, Side};
use crate::plot::lab::{draw_histogram, draw_line_chart, HistogramChart, LineChart};
use crate::plot::lab_charts::{histogram_chart, history_chart, LabChartKind, LayerHistogram};
use crate::plot::Theme;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** What `Lab.history()` returns (also after a structured clone). */
export interface LabHistory { steps: Float64Array; relu: Record<string, Float64Array>; other: Record<string, Float64Array>; }
/** Options of drawLabChart: the page's theme, its devicePixelRatio, and the histogram's layer (default 0). */
export interface LabChartOptions { theme: "light" | "dark"; scale: number; layer?: number; }
"#;

const WHAT: &str = "drawLabChart";

/// Draws one lab chart (`"dead"`, `"loss"`, `"accuracy"` or `"histogram"`) from plain data: a
/// `lab.history()` object and a `lab.stats()` object (or `null` before any), as they arrive from
/// `postMessage`. Draws what `lab.drawDeadChart`, `drawMetricChart` or `drawHistogram` would.
/// Throws naming the first bad field.
#[wasm_bindgen(js_name = drawLabChart)]
pub fn draw_lab_chart(
    canvas: &HtmlCanvasElement,
    kind: &str,
    #[wasm_bindgen(unchecked_param_type = "LabHistory")] history: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LabStats | null")] stats: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LabChartOptions")] options: JsValue,
) -> Result<(), JsError> {
    let kind = LabChartKind::from_id(kind).map_err(js_error)?;
    if !options.is_object() {
        return Err(js_error(format!(
            "{WHAT}: options must be an object like {{ theme: \"light\", scale: 1 }}"
        )));
    }
    let theme = js::optional_string(&options, "theme", WHAT)
        .map_err(js_error)?
        .ok_or_else(|| js_error(format!("{WHAT}: options.theme is required")))?;
    let theme = theme_by_name(&theme)?;
    let scale = check_scale(js::number(&options, "scale", WHAT).map_err(js_error)?)?;
    let stats = (!stats.is_null() && !stats.is_undefined()).then_some(stats);
    if let Some(stats) = &stats {
        if !stats.is_object() {
            return Err(js_error(format!(
                "{WHAT}: stats must be a lab.stats() object or null, got {}",
                js::type_name(stats)
            )));
        }
    }
    if kind == LabChartKind::Histogram {
        let layer = js::get(&options, "layer");
        let layer =
            if layer.is_undefined() { 0.0 } else { js::number(&options, "layer", WHAT).map_err(js_error)? };
        return draw_histogram_on(canvas, &histogram_from_js(stats.as_ref(), layer, theme, scale)?);
    }
    let labels = match &stats {
        Some(stats) => Pair { relu: (), other: () }.map(|side, ()| {
            js::optional_string(&js::get(stats, side.id()), "label", WHAT).ok().flatten().unwrap_or_default()
        }),
        None => Pair::default(),
    };
    let history = history_from_js(&history)?;
    draw_lines_on(canvas, &history_chart(kind, &history, &labels, theme, scale))
}

/// A `lab.history()` object as columns, every column checked.
fn history_from_js(history: &JsValue) -> Result<HistoryColumns, JsError> {
    if !history.is_object() {
        return Err(js_error(format!(
            "{WHAT}: history must be a lab.history() object, got {}",
            js::type_name(history)
        )));
    }
    let steps = numbers(&js::get(history, "steps"), "history.steps")?;
    let nets = Pair { relu: (), other: () }.map(|side, ()| -> Result<NetColumns, JsError> {
        let net = js::get(history, side.id());
        let mut values: [Vec<f64>; 6] = Default::default();
        for (slot, column) in values.iter_mut().zip(Column::ALL) {
            *slot = numbers(&js::get(&net, column.id()), &format!("history.{}.{}", side.id(), column.id()))?;
        }
        Ok(NetColumns::new(values))
    });
    let columns = HistoryColumns { steps, nets: Pair { relu: nets.relu?, other: nets.other? } };
    columns.check().map_err(|e| js_error(format!("{WHAT}: {e}")))?;
    Ok(columns)
}

/// The histogram chart of layer `layer` from a `lab.stats()` object (axes only for none).
fn histogram_from_js(
    stats: Option<&JsValue>,
    layer: f64,
    theme: Theme,
    scale: f64,
) -> Result<HistogramChart, JsError> {
    let Some(stats) = stats else {
        return Ok(histogram_chart(None, theme, scale));
    };
    let mut parsed = vec![];
    for side in Side::BOTH {
        let path = format!("stats.{}", side.id());
        let net = js::get(stats, side.id());
        let layers = js::get(&net, "layers");
        if !Array::is_array(&layers) {
            return Err(js_error(format!(
                "{WHAT}: {path}.layers must be an array, got {}",
                js::type_name(&layers)
            )));
        }
        let layers: Array = layers.into();
        let count = layers.length() as f64;
        if !(layer.fract() == 0.0 && layer >= 0.0 && layer < count) {
            return Err(js_error(format!("layer must be between 0 and {}, got {layer}", count - 1.0)));
        }
        let h = js::get(&layers.get(layer as u32), "histogram");
        let at = format!("{path}.layers[{layer}].histogram");
        let (min, max) =
            (js::number(&h, "min", &at).map_err(js_error)?, js::number(&h, "max", &at).map_err(js_error)?);
        let counts = js::get(&h, "counts");
        let counts = match counts.dyn_ref::<Uint32Array>() {
            Some(typed) => typed.to_vec(),
            None => numbers(&counts, &format!("{at}.counts"))?.into_iter().map(|c| c as u32).collect(),
        };
        if counts.is_empty() {
            return Err(js_error(format!("{WHAT}: {at}.counts must not be empty")));
        }
        let label = js::optional_string(&net, "label", WHAT).map_err(js_error)?.unwrap_or_default();
        let diverged = !js::get(&net, "divergedAt").is_null() && !js::get(&net, "divergedAt").is_undefined();
        parsed.push((label, Histogram { min: min as f32, max: max as f32, counts }, diverged));
    }
    let layer =
        |i: usize| LayerHistogram { label: &parsed[i].0, histogram: &parsed[i].1, diverged: parsed[i].2 };
    Ok(histogram_chart(Some(Pair { relu: layer(0), other: layer(1) }), theme, scale))
}

/// Numbers from a `Float64Array` or an array of numbers; `path` names the field in the error.
fn numbers(v: &JsValue, path: &str) -> Result<Vec<f64>, JsError> {
    if let Some(typed) = v.dyn_ref::<Float64Array>() {
        return Ok(typed.to_vec());
    }
    if Array::is_array(v) {
        let array: &Array = v.unchecked_ref();
        return array
            .iter()
            .enumerate()
            .map(|(i, x)| {
                x.as_f64().ok_or_else(|| {
                    js_error(format!("{WHAT}: {path}[{i}] must be a number, got {}", js::type_name(&x)))
                })
            })
            .collect();
    }
    Err(js_error(format!(
        "{WHAT}: {path} must be a Float64Array or an array of numbers, got {}",
        js::type_name(v)
    )))
}

/// Draws a line chart filling the canvas.
pub(crate) fn draw_lines_on(canvas: &HtmlCanvasElement, chart: &LineChart) -> Result<(), JsError> {
    let root = backend(canvas)?.into_drawing_area();
    draw_line_chart(&root, chart).map_err(js_error)?;
    root.present().map_err(js_error)
}

/// Draws a histogram chart filling the canvas.
pub(crate) fn draw_histogram_on(canvas: &HtmlCanvasElement, chart: &HistogramChart) -> Result<(), JsError> {
    let root = backend(canvas)?.into_drawing_area();
    draw_histogram(&root, chart).map_err(js_error)?;
    root.present().map_err(js_error)
}

pub(crate) fn theme_by_name(name: &str) -> Result<Theme, JsError> {
    Theme::by_name(name).ok_or_else(|| js_error(format!("theme must be \"light\" or \"dark\", got {name:?}")))
}

pub(crate) fn check_scale(scale: f64) -> Result<f64, JsError> {
    if !(0.25..=8.0).contains(&scale) {
        return Err(js_error(format!("scale (devicePixelRatio) must be between 0.25 and 8, got {scale}")));
    }
    Ok(scale)
}

pub(crate) fn backend(canvas: &HtmlCanvasElement) -> Result<CanvasBackend, JsError> {
    if canvas.width() < 32 || canvas.height() < 32 || canvas.width() > 16_384 || canvas.height() > 16_384 {
        return Err(js_error(format!(
            "canvas must be 32 to 16384 pixels a side, got {}×{}",
            canvas.width(),
            canvas.height()
        )));
    }
    CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| js_error("canvas has no 2D context"))
}
