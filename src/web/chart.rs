//! Drawing activation charts on a canvas (`plotActivation`) and as SVG (`renderSvg`), and the
//! theme's colours for the pages (`theme`).

use js_sys::{Array, Object};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::api::activation_from_js;
use super::js;
use crate::activation::info;
use crate::plot::{self, ChartGeometry, ChartKind, ChartSpec, Curve, Theme, MAX_CURVES};

/// Widest x range a chart accepts (beyond it tick labels and sampling stop being meaningful).
const MAX_ABS_X: f64 = 1e6;
/// Largest canvas or SVG side, in device pixels.
const MAX_SIDE: u32 = 16_384;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** One curve of a chart. `color` is `#rrggbb`; `label` defaults to the activation's label. */
export interface CurveSpec { id: string; params?: ActivationParams; color?: string; label?: string; }
/** What to draw. Give both `ymin` and `ymax` for a fixed y range, neither for auto. */
export interface ChartSpec {
  curves: CurveSpec[]; xmin: number; xmax: number; ymin?: number | null; ymax?: number | null;
  theme?: "light" | "dark"; scale?: number;
}
export interface PlotSpec extends ChartSpec { kind: "function" | "derivative"; }
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

    /// `[px, py]` canvas pixel of a data point.
    #[wasm_bindgen(js_name = toPixel)]
    pub fn to_pixel(&self, x: f64, y: f64) -> Vec<f64> {
        let (lo, hi) = self.geometry.y_range;
        let y = if y.is_finite() { y.clamp(lo - 10.0 * (hi - lo), hi + 10.0 * (hi - lo)) } else { lo };
        let (px, py) = self.geometry.to_pixel(if x.is_finite() { x } else { 0.0 }, y);
        vec![px as f64, py as f64]
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
    canvas: &HtmlCanvasElement,
    #[wasm_bindgen(unchecked_param_type = "PlotSpec")] spec: JsValue,
) -> Result<PlotView, JsError> {
    let err = |e: String| JsError::new(&e);
    let kind = match js::optional_string(&spec, "kind", "plot").map_err(err)?.as_deref() {
        Some("function") => ChartKind::Function,
        Some("derivative") => ChartKind::Derivative,
        other => {
            return Err(err(format!("plot: kind must be \"function\" or \"derivative\", got {other:?}")))
        }
    };
    let chart = chart_spec(&spec).map_err(err)?;
    check_size(canvas.width(), canvas.height(), "canvas").map_err(err)?;
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| err("canvas has no 2D context (is it already used for WebGL?)".into()))?;
    let root = backend.into_drawing_area();
    let geometry = plot::draw_activation_chart(&root, &chart, kind, None).map_err(|e| err(e.to_string()))?;
    root.present().map_err(|e| err(e.to_string()))?;
    Ok(PlotView { geometry })
}

/// Both charts side by side (f left, f' right) as an SVG document of `width × height` px.
#[wasm_bindgen(js_name = renderSvg)]
pub fn render_svg(
    #[wasm_bindgen(unchecked_param_type = "ChartSpec")] spec: JsValue,
    width: u32,
    height: u32,
) -> Result<String, JsError> {
    let chart = chart_spec(&spec).map_err(|e| JsError::new(&e))?;
    check_size(width, height, "SVG").map_err(|e| JsError::new(&e))?;
    plot::draw_svg(&chart, width, height).map_err(|e| JsError::new(&e))
}

fn check_size(width: u32, height: u32, what: &str) -> Result<(), String> {
    if width < 64 || height < 64 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!(
            "{what} size must be between 64 and {MAX_SIDE} pixels a side, got {width}×{height}"
        ));
    }
    Ok(())
}

/// Reads and validates a `ChartSpec` object.
pub(crate) fn chart_spec(spec: &JsValue) -> Result<ChartSpec, String> {
    if !spec.is_object() {
        return Err(format!("chart spec must be an object, got {}", js::type_name(spec)));
    }
    let what = "chart";
    let curves_value = js::get(spec, "curves");
    if !Array::is_array(&curves_value) {
        return Err(format!(
            "chart: curves must be an array of {{ id, params, color }}, got {}",
            js::type_name(&curves_value)
        ));
    }
    let curves_array: Array = curves_value.into();
    let count = curves_array.length() as usize;
    if count == 0 || count > MAX_CURVES {
        return Err(format!("chart: curves must have between 1 and {MAX_CURVES} entries, got {count}"));
    }
    let theme = match js::optional_string(spec, "theme", what)?.as_deref() {
        None => Theme::LIGHT,
        Some(name) => Theme::by_name(name)
            .ok_or_else(|| format!("chart: theme must be \"light\" or \"dark\", got {name:?}"))?,
    };
    let curves = curves_array
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let id = js::optional_string(&c, "id", &format!("curves[{i}]"))?
                .ok_or_else(|| format!("curves[{i}]: id is required, e.g. \"relu\""))?;
            let activation = activation_from_js(&id, &js::get(&c, "params"))?;
            let color = match js::optional_string(&c, "color", &format!("curves[{i}]"))? {
                None => theme.palette[i % theme.palette.len()],
                Some(hex) => plot::parse_hex_color(&hex)
                    .ok_or_else(|| format!("curves[{i}]: color must look like \"#1f77b4\", got {hex:?}"))?,
            };
            let label = match js::optional_string(&c, "label", &format!("curves[{i}]"))? {
                Some(label) => label.chars().take(60).collect(),
                None => info(activation.id()).map_or_else(|| id.clone(), |i| i.label.to_owned()),
            };
            Ok(Curve { activation, color, label })
        })
        .collect::<Result<Vec<_>, String>>()?;

    let xmin = js::number(spec, "xmin", what)?;
    let xmax = js::number(spec, "xmax", what)?;
    if xmin >= xmax || xmin < -MAX_ABS_X || xmax > MAX_ABS_X || xmax - xmin < 1e-6 {
        return Err(format!(
            "chart: x range must satisfy -{MAX_ABS_X:e} ≤ xmin < xmax ≤ {MAX_ABS_X:e} with xmax - xmin ≥ 1e-6, got [{xmin}, {xmax}]"
        ));
    }
    let y_range = match (js::optional_number(spec, "ymin", what)?, js::optional_number(spec, "ymax", what)?) {
        (None, None) => None,
        (Some(lo), Some(hi)) if lo < hi && hi - lo >= 1e-9 && lo.abs() < 1e12 && hi.abs() < 1e12 => {
            Some((lo, hi))
        }
        (Some(lo), Some(hi)) => {
            return Err(format!("chart: ymin must be less than ymax (within ±1e12), got [{lo}, {hi}]"))
        }
        _ => return Err("chart: give both ymin and ymax for a fixed y range, or neither for auto".into()),
    };
    let scale = js::optional_number(spec, "scale", what)?.unwrap_or(1.0);
    if !(0.25..=8.0).contains(&scale) {
        return Err(format!("chart: scale (devicePixelRatio) must be between 0.25 and 8, got {scale}"));
    }
    Ok(ChartSpec { curves, x_range: (xmin, xmax), y_range, theme, scale })
}
