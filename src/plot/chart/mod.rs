//! The activation chart: f(x) or f'(x) of up to [`MAX_CURVES`] curves over one x range, with
//! axes, grid, zero lines and a legend.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::ReverseCoordTranslate;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::range::{axis_range, AXIS_LIMIT, MAX_ABS_X};
use super::theme::{style_mesh, Theme};
use crate::activation::Activation;
use legend::{draw_legend, legend_size, LegendEntry, LegendStyle};
use sample::{auto_y_range, sample, visible_pieces};

pub use gradient::{
    dead_zones, depth_factor, depth_products, kink_near, kinks, mean_square_derivative, DepthInput, Kink,
    DEAD_GRADIENT, MAX_DEPTH,
};

mod gradient;
mod legend;
mod sample;
mod simplify;

/// The most curves one chart draws (the selected activation and up to four compared ones).
pub const MAX_CURVES: usize = 5;

/// Which function of the activation a chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    Function,
    Derivative,
}

impl ChartKind {
    fn eval(self, activation: &Activation, x: f64) -> f64 {
        match self {
            ChartKind::Function => activation.value(x),
            ChartKind::Derivative => activation.derivative(x),
        }
    }

    /// The y-axis label and SVG caption: `f(x)` or `f′(x)`.
    pub fn symbol(self) -> &'static str {
        match self {
            ChartKind::Function => "f(x)",
            ChartKind::Derivative => "f′(x)",
        }
    }
}

/// One curve: an activation with its parameters, a colour and a legend label.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    pub activation: Activation,
    pub color: RGBColor,
    pub label: String,
}

/// Everything a chart needs; validated by whoever builds it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub curves: Vec<Curve>,
    /// `xmin < xmax`, both finite and within ±[`MAX_ABS_X`] (the chart clamps to that anyway).
    pub x_range: (f64, f64),
    /// A fixed y range, or `None` to fit the curves; either way the chart keeps y within
    /// ±[`AXIS_LIMIT`] and at least a few ulps wide (see [`super::axis_range`]).
    pub y_range: Option<(f64, f64)>,
    pub theme: Theme,
    /// Device pixels per CSS pixel: fonts, lines and margins are multiplied by it.
    pub scale: f64,
}

/// How a chart draws its curves besides the spec: a log |y| axis and the dead-zone shading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChartOptions {
    /// The y axis shows |y| on a log scale (decades); a fixed y range is then of |y|, both ends
    /// positive. Zeros lie below any log axis and are not drawn.
    pub log_y: bool,
    /// Shade the x intervals where the first curve's |f′(x)| <= [`DEAD_GRADIENT`].
    pub dead_zone: bool,
}

/// The lowest decade a log axis shows (|y| = 1e-12) and the highest lower end of an automatic
/// log axis (1e-4, a decade under [`DEAD_GRADIENT`], so the threshold is always in view).
const LOG_FLOOR: f64 = -12.0;
const LOG_AUTO_LOW: f64 = -4.0;
/// Where a zero lands on a log axis: below any range, so clipping cuts it off.
const LOG_ZERO: f64 = -400.0;

/// Where the plot landed, to map pointer positions back to data (hover) and data to pixels.
#[derive(Clone)]
pub struct ChartGeometry {
    coord: Cartesian2d<RangedCoordf64, RangedCoordf64>,
    /// `(left, top, right, bottom)` of the plotting area, in backend pixels.
    pub plot_area: (i32, i32, i32, i32),
    /// The y range in data units (of |y| on a log axis).
    pub y_range: (f64, f64),
    /// Whether y is drawn as log10 |y|.
    pub log_y: bool,
}

impl ChartGeometry {
    /// Data coordinates of a backend pixel, `None` outside the plotting area (plotters' reverse
    /// coordinate transform, the same one `ChartContext::into_coord_trans` returns).
    pub fn to_data(&self, px: i32, py: i32) -> Option<(f64, f64)> {
        let (x, y) = self.coord.reverse_translate((px, py))?;
        Some((x, if self.log_y { 10f64.powf(y) } else { y }))
    }

    /// Backend pixel of a data point (on a log axis, of |y|; a zero maps far below the plot).
    pub fn to_pixel(&self, x: f64, y: f64) -> (i32, i32) {
        self.coord.translate(&(x, self.axis_y(y)))
    }

    /// Backend pixel of any data point, non-finite or far out values pinned to a few plot
    /// heights beyond the edges (for hover markers).
    pub fn to_pixel_clamped(&self, x: f64, y: f64) -> (i32, i32) {
        let (lo, hi) = (self.axis_y(self.y_range.0), self.axis_y(self.y_range.1));
        let y = self.axis_y(y);
        let y = if y.is_finite() { y.clamp(lo - 10.0 * (hi - lo), hi + 10.0 * (hi - lo)) } else { lo };
        self.coord.translate(&(if x.is_finite() { x } else { 0.0 }, y))
    }

    /// The axis value of a data y: itself, or log10 |y| on a log axis.
    fn axis_y(&self, y: f64) -> f64 {
        if self.log_y {
            log_abs(y)
        } else {
            y
        }
    }
}

/// log10 |y|, with zero at [`LOG_ZERO`] (below any axis) and NaN kept.
fn log_abs(y: f64) -> f64 {
    if y == 0.0 {
        LOG_ZERO
    } else {
        y.abs().log10().max(LOG_ZERO)
    }
}

/// Draws one chart onto `root` (which it fills with the theme's background first).
pub fn draw_activation_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    spec: &ChartSpec,
    kind: ChartKind,
    caption: Option<&str>,
) -> Result<ChartGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    draw_chart_with(root, spec, kind, caption, ChartOptions::default())
}

/// [`draw_activation_chart`] with a log |y| axis and/or the dead-zone shading.
pub fn draw_chart_with<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    spec: &ChartSpec,
    kind: ChartKind,
    caption: Option<&str>,
    options: ChartOptions,
) -> Result<ChartGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = spec.scale;
    let px = |v: f64| (v * s).round().max(1.0) as u32;
    let theme = &spec.theme;
    root.fill(&theme.background)?;
    let (width, _) = root.dim_in_pixel();

    // One sample per device pixel of plot width is as fine as the screen can show.
    let samples = (width as usize).clamp(64, 2400);
    // Whatever the spec says, the axes are finite, increasing and bounded (see `range`).
    let x_range = axis_range(spec.x_range, MAX_ABS_X);
    let mut series: Vec<Vec<Vec<(f64, f64)>>> =
        spec.curves.iter().take(MAX_CURVES).map(|c| sample(&c.activation, kind, x_range, samples)).collect();
    let log = options.log_y;
    if log {
        for point in series.iter_mut().flatten().flatten() {
            point.1 = log_abs(point.1);
        }
    }
    let y_range = match (spec.y_range, log) {
        (Some((lo, hi)), true) => axis_range((log_abs(lo), log_abs(hi)), -LOG_ZERO),
        (Some(range), false) => axis_range(range, AXIS_LIMIT),
        (None, true) => auto_log_range(&series),
        (None, false) => axis_range(auto_y_range(&series), AXIS_LIMIT),
    };

    let font = |size: f64| ("sans-serif", size * s).into_font().color(&theme.text);
    let mut builder = ChartBuilder::on(root);
    builder.margin(px(10.0)).x_label_area_size(px(36.0)).y_label_area_size(px(50.0));
    if let Some(caption) = caption {
        builder.caption(caption, font(15.0));
    }
    let mut chart = builder.build_cartesian_2d(x_range.0..x_range.1, y_range.0..y_range.1)?;

    let y_desc = if log { format!("|{}|, log scale", kind.symbol()) } else { kind.symbol().to_owned() };
    let y_label = |v: &f64| if log { decade_label(*v) } else { tick_label(*v) };
    let decades = ((y_range.1 - y_range.0).round() as usize + 1).clamp(2, 13);
    style_mesh(chart.configure_mesh().x_labels(9).y_labels(if log { decades } else { 7 }), theme, s, 12.0)
        .x_desc("x")
        .y_desc(y_desc)
        .x_label_formatter(&|v| tick_label(*v))
        .y_label_formatter(&y_label)
        .draw()?;

    if options.dead_zone {
        if let Some(first) = spec.curves.first() {
            let shade = theme.muted.mix(DEAD_ZONE_OPACITY).filled();
            let zones = dead_zones(&first.activation, x_range, samples / 2);
            chart.draw_series(
                zones.iter().map(|&(a, b)| Rectangle::new([(a, y_range.0), (b, y_range.1)], shade)),
            )?;
        }
    }

    let zero = ShapeStyle { color: theme.muted.to_rgba(), filled: false, stroke_width: px(1.0) };
    if !log && y_range.0 < 0.0 && y_range.1 > 0.0 {
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(x_range.0, 0.0), (x_range.1, 0.0)], zero)))?;
    }
    let threshold = DEAD_GRADIENT.log10();
    if log && y_range.0 < threshold && y_range.1 > threshold {
        let line = vec![(x_range.0, threshold), (x_range.1, threshold)];
        chart.draw_series(std::iter::once(DashedPathElement::new(line, px(6.0), px(4.0), zero)))?;
    }
    if x_range.0 < 0.0 && x_range.1 > 0.0 {
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(0.0, y_range.0), (0.0, y_range.1)], zero)))?;
    }

    // Each curve as visible pieces (cut at the y range), thinned where straight on screen.
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let plot_area = (xs.start, ys.start, xs.end, ys.end);
    let scales = (
        f64::from(xs.end - xs.start) / (x_range.1 - x_range.0),
        f64::from(ys.end - ys.start) / (y_range.1 - y_range.0),
    );
    let pieces: Vec<Vec<Vec<(f64, f64)>>> = series
        .iter()
        .map(|segments| {
            segments.iter().flat_map(|segment| visible_pieces(segment, y_range, scales)).collect()
        })
        .collect();
    let main_width = px(2.25);
    let compared_width = px(1.75);
    // The selected (first) curve solid, then each compared curve dashed on top of it, each with
    // its own dash length: a curve that coincides with another still shows through its gaps.
    // Each curve is stroked once: a wide stroke is the costliest thing drawn.
    for (index, curve_pieces) in pieces.iter().enumerate() {
        let color = spec.curves[index].color.to_rgba();
        if index == 0 {
            let style = ShapeStyle { color, filled: false, stroke_width: main_width };
            chart.draw_series(curve_pieces.iter().map(|piece| PathElement::new(piece.as_slice(), style)))?;
        } else {
            let style = ShapeStyle { color, filled: false, stroke_width: compared_width };
            let (dash, gap) = dash_of(index);
            chart.draw_series(
                curve_pieces
                    .iter()
                    .map(|piece| DashedPathElement::new(piece.clone(), px(dash), px(gap), style)),
            )?;
        }
    }
    if series.len() > 1 {
        let entries: Vec<LegendEntry> = spec.curves[..series.len()]
            .iter()
            .enumerate()
            .map(|(i, c)| LegendEntry {
                label: &c.label,
                color: c.color,
                dash: (i > 0).then(|| (px(dash_of(i).0) as i32, px(dash_of(i).1) as i32)),
            })
            .collect();
        let style = LegendStyle {
            font: font(12.0),
            margin: px(8.0) as i32,
            sample_area: px(22.0) as i32,
            sample_length: px(16.0) as i32,
            line_width: main_width,
            background: theme.background.mix(0.9),
            border: theme.grid.into(),
        };
        let area = chart.plotting_area().strip_coord_spec();
        let size = legend_size(&area, &entries, &style)?;
        let coord = chart.as_coord_spec();
        let drawn: Vec<(i32, i32)> = pieces.iter().flatten().flatten().map(|p| coord.translate(p)).collect();
        let corner = legend_corner(plot_area, size, &drawn);
        draw_legend(&area, &entries, &style, corner, size)?;
    }

    let y_data = if log { (10f64.powf(y_range.0), 10f64.powf(y_range.1)) } else { y_range };
    Ok(ChartGeometry { coord: chart.as_coord_spec().clone(), plot_area, y_range: y_data, log_y: log })
}

/// How strongly the dead zone is shaded: the theme's muted ink at this opacity.
pub const DEAD_ZONE_OPACITY: f64 = 0.16;

/// Dash and gap lengths (CSS px) of the compared curve at `index` (1..): each its own, so two
/// coinciding dashed curves interleave instead of one hiding the other.
fn dash_of(index: usize) -> (f64, f64) {
    let i = index as f64;
    (4.0 + 3.0 * i, 3.0 + i)
}

/// The top-left corner (relative to the plot area) of the legend box of `size`: the corner of
/// the plot (upper left, upper right, lower left, lower right, in that order of preference) whose
/// box covers the fewest drawn curve points, 5 px in from the edges.
fn legend_corner(
    (left, top, right, bottom): (i32, i32, i32, i32),
    (w, h): (i32, i32),
    points: &[(i32, i32)],
) -> (i32, i32) {
    let (width, height) = (right - left, bottom - top);
    let candidates = [(5, 5), (width - w - 5, 5), (5, height - h - 5), (width - w - 5, height - h - 5)];
    let covered = |&(x, y): &(i32, i32)| {
        points
            .iter()
            .filter(|&&(px, py)| {
                let (px, py) = (px - left, py - top);
                px >= x && px <= x + w && py >= y && py <= y + h
            })
            .count()
    };
    // min_by_key keeps the first of equal counts: upper left unless it hides more.
    *candidates.iter().filter(|&&(x, y)| x >= 0 && y >= 0).min_by_key(|c| covered(c)).unwrap_or(&(5, 5))
}

/// An automatic log axis: the decades holding every drawn |y| (zeros and values under 1e-12
/// left out), reaching at least down to 1e-4 so the dead threshold 1e-3 is in view.
fn auto_log_range(series: &[Vec<Vec<(f64, f64)>>]) -> (f64, f64) {
    let logs = series.iter().flatten().flatten().map(|&(_, y)| y).filter(|&y| y >= LOG_FLOOR);
    let (lo, hi) = super::range::finite_extent(logs, -LOG_ZERO).unwrap_or((LOG_AUTO_LOW, 0.0));
    let lo = lo.floor().clamp(LOG_FLOOR, LOG_AUTO_LOW);
    let hi = hi.ceil().max(lo + 1.0);
    (lo, hi + 0.05 * (hi - lo))
}

/// A log axis tick: `10^v` as a plain number from 0.001 to 1000, as `1e-5` beyond.
fn decade_label(v: f64) -> String {
    let k = v.round();
    if (v - k).abs() > 1e-6 {
        let value = 10f64.powf(v);
        return format!("{}", (value * 1e3).round() / 1e3).chars().take(8).collect();
    }
    if (-3.0..=3.0).contains(&k) {
        tick_label(10f64.powi(k as i32))
    } else {
        format!("1e{k}")
    }
}

/// Options of the SVG export's f′ chart, as the page draws it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SvgOptions {
    /// A fixed y range for f′ (of |f′| when `derivative_log`), or automatic.
    pub derivative_y_range: Option<(f64, f64)>,
    /// f′ on a log |f′| axis.
    pub derivative_log: bool,
    /// Shade the dead zone on both charts.
    pub dead_zone: bool,
}

/// Both charts side by side (f left, f' right) as one SVG document of `width × height` pixels,
/// with captions, for "Download SVG". `spec.y_range` applies to f only, as on the page.
pub fn draw_svg(spec: &ChartSpec, width: u32, height: u32) -> Result<String, String> {
    draw_svg_with(spec, width, height, SvgOptions::default())
}

/// [`draw_svg`] with the page's f′ axis and shading options.
pub fn draw_svg_with(
    spec: &ChartSpec,
    width: u32,
    height: u32,
    options: SvgOptions,
) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let (left, right) = root.split_horizontally(width / 2);
        let function = ChartOptions { log_y: false, dead_zone: options.dead_zone };
        draw_chart_with(&left, spec, ChartKind::Function, Some("f(x)"), function)
            .map_err(|e| e.to_string())?;
        // As on the page, a fixed y range is for f; f' has its own.
        let derivative_spec = ChartSpec { y_range: options.derivative_y_range, ..spec.clone() };
        let derivative = ChartOptions { log_y: options.derivative_log, dead_zone: options.dead_zone };
        draw_chart_with(&right, &derivative_spec, ChartKind::Derivative, Some("f′(x)"), derivative)
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Tick labels without float noise: `0.1` not `0.10000000000000009`, `-0` shown as `0`.
fn tick_label(v: f64) -> String {
    let rounded = (v * 1e6).round() / 1e6;
    if rounded == 0.0 {
        return "0".into();
    }
    let s = format!("{rounded}");
    if s.len() > 8 {
        format!("{rounded:.3e}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
