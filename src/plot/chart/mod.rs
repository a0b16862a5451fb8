//! The activation chart: f(x) or f'(x) of up to [`MAX_CURVES`] curves over one x range, with
//! axes, grid, zero lines and a legend.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::ReverseCoordTranslate;
use plotters::prelude::*;

use super::range::{axis_range, finite_extent, AXIS_LIMIT, MAX_ABS_X};
use super::theme::{style_mesh, Theme};
use crate::activation::Activation;
use legend::{draw_legend, LegendEntry, LegendStyle};
use simplify::{thin, TOLERANCE_PX};

mod legend;
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

/// Where the plot landed, to map pointer positions back to data (hover) and data to pixels.
#[derive(Clone)]
pub struct ChartGeometry {
    coord: Cartesian2d<RangedCoordf64, RangedCoordf64>,
    /// `(left, top, right, bottom)` of the plotting area, in backend pixels.
    pub plot_area: (i32, i32, i32, i32),
    pub y_range: (f64, f64),
}

impl ChartGeometry {
    /// Data coordinates of a backend pixel, `None` outside the plotting area (plotters' reverse
    /// coordinate transform, the same one `ChartContext::into_coord_trans` returns).
    pub fn to_data(&self, px: i32, py: i32) -> Option<(f64, f64)> {
        self.coord.reverse_translate((px, py))
    }

    /// Backend pixel of a data point.
    pub fn to_pixel(&self, x: f64, y: f64) -> (i32, i32) {
        self.coord.translate(&(x, y))
    }
}

/// Draws one chart onto `root` (which it fills with the theme's background first).
pub fn draw_activation_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    spec: &ChartSpec,
    kind: ChartKind,
    caption: Option<&str>,
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
    let series: Vec<Vec<Vec<(f64, f64)>>> =
        spec.curves.iter().take(MAX_CURVES).map(|c| sample(&c.activation, kind, x_range, samples)).collect();
    let y_range = axis_range(spec.y_range.unwrap_or_else(|| auto_y_range(&series)), AXIS_LIMIT);

    let font = |size: f64| ("sans-serif", size * s).into_font().color(&theme.text);
    let mut builder = ChartBuilder::on(root);
    builder.margin(px(10.0)).x_label_area_size(px(36.0)).y_label_area_size(px(50.0));
    if let Some(caption) = caption {
        builder.caption(caption, font(15.0));
    }
    let mut chart = builder.build_cartesian_2d(x_range.0..x_range.1, y_range.0..y_range.1)?;

    style_mesh(chart.configure_mesh().x_labels(9).y_labels(7), theme, s, 12.0)
        .x_desc("x")
        .y_desc(kind.symbol())
        .x_label_formatter(&|v| tick_label(*v))
        .y_label_formatter(&|v| tick_label(*v))
        .draw()?;

    let zero = ShapeStyle { color: theme.muted.to_rgba(), filled: false, stroke_width: px(1.0) };
    if y_range.0 < 0.0 && y_range.1 > 0.0 {
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(x_range.0, 0.0), (x_range.1, 0.0)], zero)))?;
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
    let line_width = px(2.25);
    let curve_style =
        |color: RGBColor| ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: line_width };
    // The compared curves first, then the selected (first) one on top of them; the legend keeps
    // the spec's order. Each curve is stroked once: a wide stroke is the costliest thing drawn.
    for index in (1..series.len()).chain(0..series.len().min(1)) {
        let style = curve_style(spec.curves[index].color);
        chart.draw_series(pieces[index].iter().map(|piece| PathElement::new(piece.as_slice(), style)))?;
    }
    if series.len() > 1 {
        let entries: Vec<LegendEntry> = spec.curves[..series.len()]
            .iter()
            .map(|c| LegendEntry { label: &c.label, color: c.color })
            .collect();
        let style = LegendStyle {
            font: font(12.0),
            margin: px(8.0) as i32,
            sample_area: px(22.0) as i32,
            sample_length: px(16.0) as i32,
            line_width,
            background: theme.background.mix(0.9),
            border: theme.grid.into(),
        };
        draw_legend(&chart.plotting_area().strip_coord_spec(), &entries, &style)?;
    }

    Ok(ChartGeometry { coord: chart.as_coord_spec().clone(), plot_area, y_range })
}

/// Both charts side by side (f left, f' right) as one SVG document of `width × height` pixels,
/// with captions, for "Download SVG". `spec.y_range` applies to f only, as on the page.
pub fn draw_svg(spec: &ChartSpec, width: u32, height: u32) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let (left, right) = root.split_horizontally(width / 2);
        draw_activation_chart(&left, spec, ChartKind::Function, Some("f(x)")).map_err(|e| e.to_string())?;
        // As on the page, a fixed y range is for f; f' keeps its own automatic range.
        let derivative_spec = ChartSpec { y_range: None, ..spec.clone() };
        draw_activation_chart(&right, &derivative_spec, ChartKind::Derivative, Some("f′(x)"))
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Samples one curve on `[xmin, xmax]` as line segments split at the activation's breakpoints,
/// each segment evaluated just inside its ends so a jump is not drawn as a vertical edge.
fn sample(
    activation: &Activation,
    kind: ChartKind,
    (xmin, xmax): (f64, f64),
    samples: usize,
) -> Vec<Vec<(f64, f64)>> {
    let mut edges = vec![xmin];
    edges.extend(activation.breakpoints().into_iter().filter(|&b| b > xmin && b < xmax));
    edges.push(xmax);
    let span = xmax - xmin;
    let nudge = span * 1e-9;
    edges
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let n = ((samples as f64 * (b - a) / span).ceil() as usize).max(2);
            (0..=n)
                .map(|i| {
                    let x = a + (b - a) * i as f64 / n as f64;
                    // Inside the segment: the one-sided value at a breakpoint.
                    let at = if i == 0 && a > xmin {
                        x + nudge
                    } else if i == n && b < xmax {
                        x - nudge
                    } else {
                        x
                    };
                    (x, kind.eval(activation, at))
                })
                .collect()
        })
        .collect()
}

/// A y range that fits every finite sample with 8% headroom; ±1 around a constant curve.
/// Samples beyond ±[`AXIS_LIMIT`] count as at the limit, so the span cannot overflow.
fn auto_y_range(series: &[Vec<Vec<(f64, f64)>>]) -> (f64, f64) {
    let values = series.iter().flatten().flatten().map(|&(_, y)| y);
    let Some((lo, hi)) = finite_extent(values, AXIS_LIMIT) else {
        return (-1.0, 1.0);
    };
    let span = hi - lo;
    if span < 1e-9 * lo.abs().max(1.0) {
        return (lo - 1.0, hi + 1.0);
    }
    (lo - 0.08 * span, hi + 0.08 * span)
}

/// The parts of one sampled segment inside the y range, thinned for drawing. A segment entirely
/// inside (the usual case with an automatic range) is thinned as it is, without copying.
fn visible_pieces(segment: &[(f64, f64)], (lo, hi): (f64, f64), scales: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    if segment.len() > 1 && segment.iter().all(|&(_, y)| y >= lo && y <= hi) {
        return vec![thin(segment, scales, TOLERANCE_PX)];
    }
    clip_to_y_range(segment, (lo, hi)).iter().map(|piece| thin(piece, scales, TOLERANCE_PX)).collect()
}

/// Cuts a polyline where it leaves `[lo, hi]` in y, ending each visible piece exactly on the
/// boundary. (plotters would otherwise pin outside points to the edge of the plot, drawing a
/// false flat line along it.) NaN samples also break the line.
fn clip_to_y_range(points: &[(f64, f64)], (lo, hi): (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let inside = |y: f64| y >= lo && y <= hi;
    // The point where the segment a→b has height `edge`.
    let at = |a: (f64, f64), b: (f64, f64), edge: f64| {
        // From -∞ to +∞ in one step the ratio is NaN: put the crossing at the start.
        let t = ((edge - a.1) / (b.1 - a.1)).clamp(0.0, 1.0);
        let t = if t.is_nan() { 0.0 } else { t };
        (a.0 + t * (b.0 - a.0), edge)
    };
    // The edge an outside point is beyond.
    let edge_of = |y: f64| if y > hi { hi } else { lo };
    let mut pieces = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for (i, &p) in points.iter().enumerate() {
        let q = if i > 0 { Some(points[i - 1]) } else { None };
        let q = q.filter(|q| !q.1.is_nan() && !p.1.is_nan());
        if inside(p.1) {
            if let Some(q) = q.filter(|q| !inside(q.1)) {
                current.push(at(q, p, edge_of(q.1)));
            }
            current.push(p);
            continue;
        }
        if let Some(q) = q {
            if inside(q.1) {
                current.push(at(q, p, edge_of(p.1)));
            } else if edge_of(q.1) != edge_of(p.1) {
                // Crosses the whole range between two samples.
                pieces.push(vec![at(q, p, edge_of(q.1)), at(q, p, edge_of(p.1))]);
            }
        }
        if current.len() > 1 {
            pieces.push(std::mem::take(&mut current));
        }
        current.clear();
    }
    if current.len() > 1 {
        pieces.push(current);
    }
    pieces
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
