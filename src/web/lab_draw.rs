//! Drawing the lab's charts on a canvas: the checks every chart export shares (theme, scale,
//! canvas size) and `drawLabChart`, which draws a chart from the plain `history()` / `stats()`
//! objects a worker posted, through the same core builders as `Lab`'s own draw methods.

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::error::js_error;
use super::read;
use crate::mlp::{Column, Histogram, HistoryColumns, NetColumns, Pair, Side};
use crate::plot::lab::{draw_histogram, draw_line_chart_with, HistogramChart, LineChart, LineExtras};
use crate::plot::lab_charts::{
    histogram_chart, history_chart_view, HistoryView, LabChartKind, LayerHistogram,
};
use crate::plot::Theme;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** What `Lab.history()` returns (also after a structured clone). */
export interface LabHistory { steps: Float64Array; relu: Record<string, Float64Array>; other: Record<string, Float64Array>; }
/** Options of drawLabChart: the page's theme, its devicePixelRatio, the histogram's layer (default 0), log-scale step and loss axes (default false), and stepsPerEpoch to show epochs instead of steps. */
export interface LabChartOptions { theme: "light" | "dark"; scale: number; layer?: number; logSteps?: boolean; logLoss?: boolean; stepsPerEpoch?: number; }
"#;

const WHAT: &str = "drawLabChart";

/// Draws one lab chart (`"dead"`, `"loss"`, `"accuracy"` or `"histogram"`) from plain data: a
/// `lab.history()` object and a `lab.stats()` object (or `null` before any), as they arrive from
/// `postMessage`. Draws what `lab.drawDeadChart`, `drawMetricChart` or `drawHistogram` would.
/// Throws naming the first bad field.
#[wasm_bindgen(js_name = drawLabChart)]
pub fn draw_lab_chart(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"dead\" | \"loss\" | \"accuracy\" | \"histogram\"")]
    kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LabHistory")] history: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LabStats | null")] stats: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LabChartOptions")] options: JsValue,
) -> Result<(), JsError> {
    let kind = read::string_arg(&kind, &format!("{WHAT}: kind")).map_err(js_error)?;
    let kind = LabChartKind::from_id(&kind).map_err(js_error)?;
    read::only_keys(
        &options,
        &["theme", "scale", "layer", "logSteps", "logLoss", "stepsPerEpoch"],
        &format!("{WHAT}: options"),
        "{ theme: \"light\", scale: 1 }",
    )
    .map_err(js_error)?;
    let theme = read::get(&options, "theme", WHAT).map_err(js_error)?;
    if theme.is_undefined() {
        return Err(js_error(format!("{WHAT}: options.theme is required")));
    }
    let theme = theme_by_name(&theme)?;
    let scale = read::get(&options, "scale", WHAT).map_err(js_error)?;
    if scale.is_undefined() {
        return Err(js_error(format!("{WHAT}: options.scale is required (a finite number)")));
    }
    let scale = check_scale(&scale)?;
    let stats = (!stats.is_null() && !stats.is_undefined()).then_some(stats);
    if let Some(stats) = &stats {
        if !stats.is_object() {
            return Err(js_error(format!(
                "{WHAT}: stats must be a lab.stats() object or null, got {}",
                read::type_name(stats)
            )));
        }
    }
    let canvas = checked(&canvas, WHAT)?;
    if kind == LabChartKind::Histogram {
        let layer = read::optional_number(&options, "layer", WHAT).map_err(js_error)?.unwrap_or(0.0);
        return draw_histogram_on(canvas, &histogram_from_js(stats.as_ref(), layer, theme, scale)?);
    }
    let labels = match &stats {
        Some(stats) => {
            let label = |side: Side| -> Result<String, JsError> {
                let net = read::get(stats, side.id(), WHAT).map_err(js_error)?;
                Ok(read::optional_string(&net, "label", WHAT).map_err(js_error)?.unwrap_or_default())
            };
            Pair { relu: label(Side::Relu)?, other: label(Side::Other)? }
        }
        None => Pair::default(),
    };
    let mut history = history_from_js(&history)?;
    let per_epoch = read::optional_number(&options, "stepsPerEpoch", WHAT).map_err(js_error)?;
    if let Some(per_epoch) = per_epoch {
        if !(per_epoch.fract() == 0.0 && per_epoch >= 1.0) {
            return Err(js_error(format!(
                "{WHAT}: options.stepsPerEpoch must be a whole number ≥ 1, got {per_epoch}"
            )));
        }
        history.steps.iter_mut().for_each(|step| *step /= per_epoch);
    }
    let view = HistoryView { log_steps: flag(&options, "logSteps")?, log_loss: flag(&options, "logLoss")? };
    let (mut chart, extras) = history_chart_view(kind, &history, &labels, theme, scale, view);
    if per_epoch.is_some() {
        chart.x_label = chart.x_label.replace("step", "epoch");
    }
    draw_lines_with(canvas, &chart, &extras)
}

/// An optional boolean option (false when absent).
fn flag(options: &JsValue, key: &str) -> Result<bool, JsError> {
    let value = read::get(options, key, WHAT).map_err(js_error)?;
    if value.is_undefined() {
        return Ok(false);
    }
    value.as_bool().ok_or_else(|| {
        js_error(format!("{WHAT}: options.{key} must be true or false, got {}", read::describe(&value)))
    })
}

/// The longest history column drawLabChart reads (a history records far fewer entries).
const MAX_COLUMN: usize = 1_000_000;

/// A `lab.history()` object as columns, every column checked.
fn history_from_js(history: &JsValue) -> Result<HistoryColumns, JsError> {
    if !history.is_object() {
        return Err(js_error(format!(
            "{WHAT}: history must be a lab.history() object, got {}",
            read::type_name(history)
        )));
    }
    let field = |obj: &JsValue, key: &str| read::get(obj, key, WHAT).map_err(js_error);
    let steps = numbers(&field(history, "steps")?, "history.steps")?;
    let mut nets = vec![];
    for side in Side::BOTH {
        let net = field(history, side.id())?;
        let mut values: [Vec<f64>; Column::ALL.len()] = Default::default();
        for (slot, column) in values.iter_mut().zip(Column::ALL) {
            *slot = numbers(&field(&net, column.id())?, &format!("history.{}.{}", side.id(), column.id()))?;
        }
        nets.push(NetColumns::new(values));
    }
    let other = nets.pop().expect("two networks");
    let relu = nets.pop().expect("two networks");
    let columns = HistoryColumns { steps, nets: Pair { relu, other } };
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
    let fail = js_error::<String>;
    let mut parsed = vec![];
    for side in Side::BOTH {
        let path = format!("stats.{}", side.id());
        let net = read::get(stats, side.id(), WHAT).map_err(fail)?;
        let layers = read::get(&net, "layers", &path).map_err(fail)?;
        if !read::is_array(&layers, &path).map_err(fail)? {
            return Err(js_error(format!(
                "{WHAT}: {path}.layers must be an array, got {}",
                read::type_name(&layers)
            )));
        }
        let layers = read::array(&layers, 64, &format!("{WHAT}: {path}.layers")).map_err(fail)?;
        let count = layers.len() as f64;
        if !(layer.fract() == 0.0 && layer >= 0.0 && layer < count) {
            return Err(js_error(format!("layer must be between 0 and {}, got {layer}", count - 1.0)));
        }
        let at = format!("{path}.layers[{layer}].histogram");
        let h = read::get(&layers[layer as usize], "histogram", &at).map_err(fail)?;
        let (min, max) =
            (read::number(&h, "min", &at).map_err(fail)?, read::number(&h, "max", &at).map_err(fail)?);
        let counts =
            read::counts(&read::get(&h, "counts", &at).map_err(fail)?, 4096, &format!("{WHAT}: {at}.counts"))
                .map_err(fail)?;
        if counts.is_empty() {
            return Err(js_error(format!("{WHAT}: {at}.counts must not be empty")));
        }
        let label = read::optional_string(&net, "label", WHAT).map_err(fail)?.unwrap_or_default();
        let diverged = read::get(&net, "divergedAt", WHAT).map_err(fail)?;
        let diverged = !diverged.is_null() && !diverged.is_undefined();
        parsed.push((label, Histogram { min: min as f32, max: max as f32, counts }, diverged));
    }
    let layer =
        |i: usize| LayerHistogram { label: &parsed[i].0, histogram: &parsed[i].1, diverged: parsed[i].2 };
    Ok(histogram_chart(Some(Pair { relu: layer(0), other: layer(1) }), theme, scale))
}

/// Numbers from a `Float64Array` or an array of numbers; `path` names the field in the error.
fn numbers(v: &JsValue, path: &str) -> Result<Vec<f64>, JsError> {
    read::numbers(v, MAX_COLUMN, &format!("{WHAT}: {path}")).map_err(js_error)
}

/// Draws a line chart filling a checked canvas.
pub(crate) fn draw_lines_on(canvas: HtmlCanvasElement, chart: &LineChart) -> Result<(), JsError> {
    draw_lines_with(canvas, chart, &LineExtras::default())
}

/// Draws a line chart with log axes or bands filling a checked canvas.
pub(crate) fn draw_lines_with(
    canvas: HtmlCanvasElement,
    chart: &LineChart,
    extras: &LineExtras,
) -> Result<(), JsError> {
    let root = backend(canvas)?.into_drawing_area();
    draw_line_chart_with(&root, chart, extras).map_err(js_error)?;
    root.present().map_err(js_error)
}

/// Draws a histogram chart filling a checked canvas.
pub(crate) fn draw_histogram_on(canvas: HtmlCanvasElement, chart: &HistogramChart) -> Result<(), JsError> {
    let root = backend(canvas)?.into_drawing_area();
    draw_histogram(&root, chart).map_err(js_error)?;
    root.present().map_err(js_error)
}

/// The theme named by a string argument.
pub(crate) fn theme_by_name(name: &JsValue) -> Result<Theme, JsError> {
    let name = read::string_arg(name, "theme").map_err(js_error)?;
    Theme::by_name(&name)
        .ok_or_else(|| js_error(format!("theme must be \"light\" or \"dark\", got {name:?}")))
}

/// The devicePixelRatio argument: a number from 0.25 to 8.
pub(crate) fn check_scale(scale: &JsValue) -> Result<f64, JsError> {
    match scale.as_f64() {
        Some(x) if (0.25..=8.0).contains(&x) => Ok(x),
        _ => Err(js_error(format!(
            "scale (devicePixelRatio) must be between 0.25 and 8, got {}",
            read::describe(scale)
        ))),
    }
}

/// The canvas argument of a lab chart, checked (32 to 16384 pixels a side); `what` names the export.
pub(crate) fn checked(canvas: &JsValue, what: &str) -> Result<HtmlCanvasElement, JsError> {
    Ok(super::canvas::canvas(canvas, 32, what).map_err(js_error)?.element)
}

fn backend(canvas: HtmlCanvasElement) -> Result<CanvasBackend, JsError> {
    CanvasBackend::with_canvas_object(canvas).ok_or_else(|| js_error("canvas has no 2D context"))
}
