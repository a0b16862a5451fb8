//! Drawing activation charts on a canvas (`plotActivation`) and as SVG (`renderSvg`), and the
//! theme's colours for the pages (`theme`).

use js_sys::{Array, Object};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;

use super::api::activation_from_js;
use super::{canvas, js, read};
use crate::activation::{format_number, info};
use crate::plot::{
    self, ChartGeometry, ChartKind, ChartOptions, ChartSpec, Curve, SvgOptions, Theme, MAX_CURVES,
};

/// Widest x range a chart accepts (beyond it tick labels and sampling stop being meaningful).
const MAX_ABS_X: f64 = 1e6;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** One curve of a chart. `color` is `#rrggbb`; `label` defaults to the activation's label. */
export interface CurveSpec { id: string; params?: ActivationParams; color?: string; label?: string; }
/** What to draw. Give both `ymin` and `ymax` for a fixed y range, neither for auto. */
export interface ChartSpec {
  curves: CurveSpec[]; xmin: number; xmax: number; ymin?: number | null; ymax?: number | null;
  theme?: "light" | "dark"; scale?: number;
  /** Shade where the first curve's |f′(x)| ≤ deadGradient() (0.001), on both charts. */
  deadZone?: boolean;
  /** SVG only: the f′ chart's fixed y range (both or neither) and log |f′| axis. */
  dymin?: number | null; dymax?: number | null; dlog?: boolean;
}
/** `ylog`: y as |y| on a log scale (ymin/ymax then of |y|, both > 0). */
export interface PlotSpec extends ChartSpec { kind: "function" | "derivative"; ylog?: boolean; }
/** The colours of one colour scheme, each `#rrggbb`. */
export interface ThemeColors {
  /** Curve colours by slot (0 = main curve); a curve without `color` takes its index's. */
  palette: [string, string, string, string, string];
  /** The lab's ReLU network and its other network. */
  relu: string; other: string;
  /** Chart background, equal to the pages' `--surface`. */
  background: string;
  grid: string; axis: string; text: string;
  /** Secondary chart ink (zero lines). */
  muted: string;
  /** The pages' own colours, by custom-property name without `--` (`bg`, `surface-2`, `faint`, ...). */
  page: Record<"bg" | "surface-2" | "border" | "border-strong" | "text" | "muted" | "faint" |
    "accent-strong" | "accent-soft" | "on-accent" | "danger" | "danger-soft" | "warn-bg" |
    "warn-border" | "warn-text" | "focus" | "crosshair", string>;
}
"#;

/// The colours of the charts and pages, light and dark (also in `www/css/theme.css`).
#[wasm_bindgen(unchecked_return_type = "{ light: ThemeColors, dark: ThemeColors }")]
pub fn theme() -> Object {
    let obj = Object::new();
    js::set(&obj, "light", theme_colors(&Theme::LIGHT));
    js::set(&obj, "dark", theme_colors(&Theme::DARK));
    obj
}

fn theme_colors(theme: &Theme) -> Object {
    let obj = Object::new();
    let palette: Array = theme.palette.iter().map(|&c| JsValue::from(plot::hex(c))).collect();
    js::set(&obj, "palette", palette);
    for (name, color) in theme.named() {
        js::set(&obj, name, plot::hex(color));
    }
    let page = Object::new();
    for (name, color) in theme.page.named() {
        js::set(&page, name, plot::hex(color));
    }
    js::set(&obj, "page", page);
    obj
}

/// Where a chart was drawn: maps canvas pixels to data and back (for hover readouts).
#[wasm_bindgen]
pub struct PlotView {
    geometry: ChartGeometry,
}

#[wasm_bindgen]
impl PlotView {
    /// `[x, y]` in data units of a canvas pixel, or `undefined` outside the plotting area.
    #[wasm_bindgen(js_name = toData)]
    pub fn to_data(&self, px: f64, py: f64) -> Option<Vec<f64>> {
        if !px.is_finite() || !py.is_finite() {
            return None;
        }
        let (x, y) = self.geometry.to_data(px.round() as i32, py.round() as i32)?;
        Some(vec![x, y])
    }

    /// `[px, py]` canvas pixel of a data point (on a log axis, of |y|).
    #[wasm_bindgen(js_name = toPixel)]
    pub fn to_pixel(&self, x: f64, y: f64) -> Vec<f64> {
        let (px, py) = self.geometry.to_pixel_clamped(x, y);
        vec![px as f64, py as f64]
    }

    /// Whether y is drawn as |y| on a log scale.
    #[wasm_bindgen(getter, js_name = logY)]
    pub fn log_y(&self) -> bool {
        self.geometry.log_y
    }

    /// `[left, top, right, bottom]` of the plotting area, in canvas pixels.
    #[wasm_bindgen(getter, js_name = plotArea)]
    pub fn plot_area(&self) -> Vec<f64> {
        let (l, t, r, b) = self.geometry.plot_area;
        vec![l as f64, t as f64, r as f64, b as f64]
    }

    /// `[ymin, ymax]` actually used (the fitted range when y is automatic).
    #[wasm_bindgen(getter, js_name = yRange)]
    pub fn y_range(&self) -> Vec<f64> {
        vec![self.geometry.y_range.0, self.geometry.y_range.1]
    }
}

/// Draws f(x) or f'(x) of the spec's curves on `canvas`, whose pixel size must already be its
/// CSS size × `scale` (devicePixelRatio). Returns the view for mapping pointer positions.
#[wasm_bindgen(js_name = plotActivation)]
pub fn plot_activation(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PlotSpec")] spec: JsValue,
) -> Result<PlotView, JsError> {
    let err = |e: String| JsError::new(&e);
    let chart = chart_spec(&spec, &PLOT_KEYS).map_err(err)?;
    let log_y = optional_bool(&spec, "ylog").map_err(err)?;
    let dead_zone = optional_bool(&spec, "deadZone").map_err(err)?;
    if log_y {
        check_log_range(chart.y_range, "ymin/ymax").map_err(err)?;
    }
    let kind = match read::optional_string(&spec, "kind", "plot").map_err(err)?.as_deref() {
        Some("function") => ChartKind::Function,
        Some("derivative") => ChartKind::Derivative,
        other => {
            return Err(err(format!("plot: kind must be \"function\" or \"derivative\", got {other:?}")))
        }
    };
    let canvas = canvas::canvas(&canvas, 64, "plotActivation").map_err(err)?;
    let backend = CanvasBackend::with_canvas_object(canvas.element)
        .ok_or_else(|| err("canvas has no 2D context (is it already used for WebGL?)".into()))?;
    let root = backend.into_drawing_area();
    let options = ChartOptions { log_y, dead_zone };
    let geometry =
        plot::draw_chart_with(&root, &chart, kind, None, options).map_err(|e| err(e.to_string()))?;
    root.present().map_err(|e| err(e.to_string()))?;
    Ok(PlotView { geometry })
}

/// Both charts side by side (f left, f' right) as an SVG document of `width × height` px (64 to
/// 16384 a side). Needs a browser page: plotters measures its text through `document`.
#[wasm_bindgen(js_name = renderSvg)]
pub fn render_svg(
    #[wasm_bindgen(unchecked_param_type = "ChartSpec")] spec: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] height: JsValue,
) -> Result<String, JsError> {
    let err = |e: String| JsError::new(&e);
    let chart = chart_spec(&spec, &SVG_KEYS).map_err(err)?;
    let width = read::number_arg(&width, "renderSvg: width").map_err(err)?;
    let height = read::number_arg(&height, "renderSvg: height").map_err(err)?;
    let (width, height) = check_size(width, height, "SVG").map_err(err)?;
    let derivative_log = optional_bool(&spec, "dlog").map_err(err)?;
    let derivative_y_range = y_range(&spec, "dymin", "dymax").map_err(err)?;
    if derivative_log {
        check_log_range(derivative_y_range, "dymin/dymax").map_err(err)?;
    }
    let options = SvgOptions {
        derivative_y_range,
        derivative_log,
        dead_zone: optional_bool(&spec, "deadZone").map_err(err)?,
    };
    canvas::need_document("renderSvg").map_err(err)?;
    plot::draw_svg_with(&chart, width, height, options).map_err(|e| JsError::new(&e))
}

/// Whole sizes from 64 to [`canvas::MAX_SIDE`], checked as given (as f64) before any cast.
fn check_size(width: f64, height: f64, what: &str) -> Result<(u32, u32), String> {
    let ok = |x: f64| x.fract() == 0.0 && (64.0..=canvas::MAX_SIDE).contains(&x);
    if !ok(width) || !ok(height) {
        let max = canvas::MAX_SIDE;
        let (w, h) = (format_number(width), format_number(height));
        return Err(format!(
            "{what} size must be whole numbers of pixels from 64 to {max} a side, got {w}×{h}"
        ));
    }
    Ok((width as u32, height as u32))
}

/// The keys of a `ChartSpec` (renderSvg) and of a `PlotSpec` (plotActivation).
const SVG_KEYS: [&str; 11] =
    ["curves", "xmin", "xmax", "ymin", "ymax", "theme", "scale", "deadZone", "dymin", "dymax", "dlog"];
const PLOT_KEYS: [&str; 10] =
    ["curves", "xmin", "xmax", "ymin", "ymax", "theme", "scale", "kind", "deadZone", "ylog"];
const CURVE_KEYS: [&str; 4] = ["id", "params", "color", "label"];

/// Reads and validates a `ChartSpec` object whose keys must be among `keys`.
pub(crate) fn chart_spec(spec: &JsValue, keys: &[&str]) -> Result<ChartSpec, String> {
    let what = "chart";
    read::only_keys(spec, keys, "chart spec", "{ curves: [{ id: \"relu\" }], xmin: -5, xmax: 5 }")?;
    let curves_value = read::get(spec, "curves", what)?;
    if !read::is_array(&curves_value, "chart: curves")? {
        return Err(format!(
            "chart: curves must be an array of {{ id, params, color }}, got {}",
            read::type_name(&curves_value)
        ));
    }
    let curves_array = read::array(&curves_value, MAX_CURVES, "chart: curves")?;
    let count = curves_array.len();
    if count == 0 {
        return Err(format!("chart: curves must have between 1 and {MAX_CURVES} entries, got {count}"));
    }
    let theme = match read::optional_string(spec, "theme", what)?.as_deref() {
        None => Theme::LIGHT,
        Some(name) => Theme::by_name(name)
            .ok_or_else(|| format!("chart: theme must be \"light\" or \"dark\", got {name:?}"))?,
    };
    let curves = curves_array
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let at = format!("curves[{i}]");
            read::only_keys(c, &CURVE_KEYS, &at, "{ id: \"relu\", params: {} }")?;
            let id = read::optional_string(c, "id", &at)?
                .ok_or_else(|| format!("curves[{i}]: id is required, e.g. \"relu\""))?;
            let activation = activation_from_js(&id, &read::get(c, "params", &at)?)?;
            let color = match read::optional_string(c, "color", &at)? {
                None => theme.palette[i % theme.palette.len()],
                Some(hex) => plot::parse_hex_color(&hex)
                    .ok_or_else(|| format!("curves[{i}]: color must look like \"#1f77b4\", got {hex:?}"))?,
            };
            let label = match read::optional_string(c, "label", &at)? {
                Some(label) => label.chars().take(60).collect(),
                // A formula is its own name: two custom curves must not share "Custom formula".
                None => match activation.formula() {
                    Some(formula) => formula.to_string().chars().take(60).collect(),
                    None => info(activation.id()).map_or_else(|| id.clone(), |i| i.label.to_owned()),
                },
            };
            Ok(Curve { activation, color, label })
        })
        .collect::<Result<Vec<_>, String>>()?;

    let xmin = read::number(spec, "xmin", what)?;
    let xmax = read::number(spec, "xmax", what)?;
    if xmin >= xmax || xmin < -MAX_ABS_X || xmax > MAX_ABS_X || xmax - xmin < 1e-6 {
        return Err(format!(
            "chart: x range must satisfy -{MAX_ABS_X:e} ≤ xmin < xmax ≤ {MAX_ABS_X:e} with xmax - xmin ≥ 1e-6, got [{xmin}, {xmax}]"
        ));
    }
    let y_range = y_range(spec, "ymin", "ymax")?;
    let scale = read::optional_number(spec, "scale", what)?.unwrap_or(1.0);
    if !(0.25..=8.0).contains(&scale) {
        return Err(format!("chart: scale (devicePixelRatio) must be between 0.25 and 8, got {scale}"));
    }
    Ok(ChartSpec { curves, x_range: (xmin, xmax), y_range, theme, scale })
}

/// A fixed y range from two keys (both or neither), checked.
fn y_range(spec: &JsValue, lo_key: &str, hi_key: &str) -> Result<Option<(f64, f64)>, String> {
    let what = "chart";
    match (read::optional_number(spec, lo_key, what)?, read::optional_number(spec, hi_key, what)?) {
        (None, None) => Ok(None),
        (Some(lo), Some(hi)) if lo < hi && hi - lo >= 1e-9 && lo.abs() < 1e12 && hi.abs() < 1e12 => {
            Ok(Some((lo, hi)))
        }
        (Some(lo), Some(hi)) => {
            Err(format!("chart: {lo_key} must be less than {hi_key} (within ±1e12), got [{lo}, {hi}]"))
        }
        _ => Err(format!("chart: give both {lo_key} and {hi_key} for a fixed y range, or neither for auto")),
    }
}

/// A log axis shows |y|: a fixed range must be of positive values.
fn check_log_range(range: Option<(f64, f64)>, keys: &str) -> Result<(), String> {
    match range {
        Some((lo, _)) if lo <= 0.0 => Err(format!(
            "chart: on a log axis {keys} are of |y| and must be positive, got {}",
            format_number(lo)
        )),
        _ => Ok(()),
    }
}

/// An optional boolean option (absent or null: false).
fn optional_bool(spec: &JsValue, key: &str) -> Result<bool, String> {
    let v = read::get(spec, key, "chart")?;
    if v.is_undefined() || v.is_null() {
        return Ok(false);
    }
    v.as_bool().ok_or_else(|| format!("chart: {key} must be true or false, got {}", read::describe(&v)))
}
