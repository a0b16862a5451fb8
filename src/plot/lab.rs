//! Charts of the dead-neuron lab: metric-vs-step lines, the born-dead sweep, pre-activation
//! histograms, and the colours of the two networks. (The decision boundary is an image, in
//! [`super::boundary`].)

use plotters::coord::Shift;
use plotters::prelude::*;

use super::range::{axis_range, finite_extent, AXIS_LIMIT};
use super::theme::{style_mesh, Theme};
use crate::mlp::Side;

/// The colour of one network in every lab chart: the theme's.
pub fn net_color(theme: &Theme, side: Side) -> RGBColor {
    match side {
        Side::Relu => theme.relu,
        Side::Other => theme.other,
    }
}

/// One line of a line chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub color: RGBColor,
    /// Drawn thinner and translucent (e.g. the test-set curve beside the training one).
    pub faint: bool,
    pub points: Vec<(f64, f64)>,
}

/// A line chart of a few series against a shared x axis.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChart {
    pub series: Vec<Series>,
    pub x_label: String,
    pub y_label: String,
    /// Fixed y range, or `None` to fit the data (always including 0).
    pub y_range: Option<(f64, f64)>,
    /// Draw a marker at each point (for sparse data such as the sweep's widths).
    pub markers: bool,
    pub theme: Theme,
    pub scale: f64,
}

/// The data ranges a lab chart was drawn with: finite, increasing, within ±[`AXIS_LIMIT`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axes {
    pub x: (f64, f64),
    pub y: (f64, f64),
}

/// How a line chart maps its values, and what it shades: see [`draw_line_chart_with`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineExtras {
    /// The x values are log10 of the data: tick labels show 10^x.
    pub log_x: bool,
    /// The y values are log10 of the data: tick labels show 10^y, and the y range fits the data
    /// (without forcing 0 in).
    pub log_y: bool,
    /// Shaded bands between two curves (e.g. the train-test gap), drawn under the lines.
    pub bands: Vec<Band>,
}

/// A shaded region between two curves of one colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub color: RGBColor,
    /// `(x, low, high)` in increasing x; non-finite rows are skipped.
    pub rows: Vec<(f64, f64, f64)>,
}

/// Draws a [`LineChart`]; an empty chart still gets its axes. Whatever the points (any finite
/// values, NaN and ±∞ skipped), the axes are guarded (see [`super::axis_range`]) and points beyond
/// ±[`AXIS_LIMIT`] are drawn at the edge. Returns the axes used.
pub fn draw_line_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &LineChart,
) -> Result<Axes, DrawingAreaErrorKind<DB::ErrorType>> {
    draw_line_chart_with(root, chart, &LineExtras::default())
}

/// [`draw_line_chart`] with log axes (values already in log10, see [`LineExtras`]) and bands.
pub fn draw_line_chart_with<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &LineChart,
    extras: &LineExtras,
) -> Result<Axes, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = chart.scale;
    let px = |v: f64| (v * s).round().max(1.0) as u32;
    let theme = &chart.theme;
    root.fill(&theme.background)?;
    let finite =
        || chart.series.iter().flat_map(|c| c.points.iter()).filter(|(x, y)| x.is_finite() && y.is_finite());
    // No points yet (or one step): 0..1, or a unit range from that step.
    let x_range = match finite_extent(finite().map(|&(x, _)| x), AXIS_LIMIT) {
        Some((lo, hi)) if hi > lo => (lo, hi),
        Some((lo, _)) => (0.0, lo.max(0.0) + 1.0),
        None => (0.0, 1.0),
    };
    let x_range = axis_range(x_range, AXIS_LIMIT);
    let y_range = chart.y_range.unwrap_or_else(|| {
        let (lo, hi) = finite_extent(finite().map(|&(_, y)| y), AXIS_LIMIT).unwrap_or((0.0, 0.0));
        if extras.log_y {
            let pad = (0.06 * (hi - lo)).max(0.05);
            return (lo - pad, hi + pad);
        }
        let (lo, hi) = (lo.min(0.0), hi.max(0.0));
        if hi - lo < 1e-12 {
            (lo, lo + 1.0)
        } else {
            (lo, hi + 0.06 * (hi - lo))
        }
    });
    let y_range = axis_range(y_range, AXIS_LIMIT);
    let pin = |(x, y): (f64, f64)| (x.clamp(x_range.0, x_range.1), y.clamp(y_range.0, y_range.1));
    let entries: Vec<LegendEntry> = chart
        .series
        .iter()
        .map(|c| LegendEntry { label: c.label.clone(), color: c.color, faint: c.faint, bar: false })
        .collect();
    let plot_area = draw_legend_strip(root, &entries, theme, s)?;
    let mut ctx = ChartBuilder::on(&plot_area)
        .margin(px(8.0))
        .x_label_area_size(px(30.0))
        .y_label_area_size(px(42.0))
        .build_cartesian_2d(x_range.0..x_range.1, y_range.0..y_range.1)?;
    style_mesh(ctx.configure_mesh().x_labels(6).y_labels(5), theme, s, 11.0)
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .x_label_formatter(&|v| if extras.log_x { power(*v) } else { compact(*v) })
        .y_label_formatter(&|v| if extras.log_y { power(*v) } else { compact(*v) })
        .draw()?;
    for band in &extras.bands {
        let rows: Vec<(f64, f64, f64)> = band
            .rows
            .iter()
            .copied()
            .filter(|r| r.0.is_finite() && r.1.is_finite() && r.2.is_finite())
            .collect();
        if rows.len() < 2 {
            continue;
        }
        let mut outline: Vec<(f64, f64)> = rows.iter().map(|&(x, _, hi)| pin((x, hi))).collect();
        outline.extend(rows.iter().rev().map(|&(x, lo, _)| pin((x, lo))));
        ctx.draw_series(std::iter::once(Polygon::new(outline, band.color.mix(0.16).filled())))?;
    }
    for series in &chart.series {
        let (alpha, width) = if series.faint { (0.55, 1.5) } else { (1.0, 2.25) };
        let style = ShapeStyle { color: series.color.mix(alpha), filled: false, stroke_width: px(width) };
        let points: Vec<(f64, f64)> =
            series.points.iter().copied().filter(|(x, y)| x.is_finite() && y.is_finite()).map(pin).collect();
        let color = series.color;
        let legend_width = px(14.0) as i32;
        let legend_stroke = px(width);
        ctx.draw_series(std::iter::once(PathElement::new(points.clone(), style)))?
            .label(series.label.as_str())
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + legend_width, y)],
                    color.mix(alpha).stroke_width(legend_stroke),
                )
            });
        if chart.markers {
            let radius = px(3.5) as i32;
            ctx.draw_series(points.iter().map(|&p| Circle::new(p, radius, series.color.filled())))?;
        }
    }
    Ok(Axes { x: x_range, y: y_range })
}

/// Two histograms over the same bins, drawn as translucent overlapping bars.
#[derive(Clone, Debug, PartialEq)]
pub struct HistogramChart {
    /// `(label, colour, counts)`; every `counts` has the same length.
    pub bars: Vec<(String, RGBColor, Vec<u32>)>,
    pub min: f64,
    pub max: f64,
    pub theme: Theme,
    pub scale: f64,
}

/// Draws a [`HistogramChart`] of pre-activations, with the z = 0 line marked. The z range is
/// guarded like any axis (see [`super::axis_range`]); returns the axes used.
pub fn draw_histogram<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &HistogramChart,
) -> Result<Axes, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = chart.scale;
    let px = |v: f64| (v * s).round().max(1.0) as u32;
    let theme = &chart.theme;
    root.fill(&theme.background)?;
    let (min, max) = axis_range((chart.min, chart.max), AXIS_LIMIT);
    let bins = chart.bars.first().map_or(0, |b| b.2.len()).max(1);
    let width = (max - min) / bins as f64;
    // Counts summed in u64: a histogram from JS may hold counts near u32::MAX.
    let share = |c: u32, total: u64| if total == 0 { 0.0 } else { c as f64 / total as f64 };
    let top = chart
        .bars
        .iter()
        .flat_map(|(_, _, counts)| {
            let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
            counts.iter().map(move |&c| share(c, total))
        })
        .fold(0.0f64, f64::max)
        .max(1e-3);
    let entries: Vec<LegendEntry> = chart
        .bars
        .iter()
        .map(|(label, color, _)| LegendEntry { label: label.clone(), color: *color, faint: false, bar: true })
        .collect();
    let plot_area = draw_legend_strip(root, &entries, theme, s)?;
    let mut ctx = ChartBuilder::on(&plot_area)
        .margin(px(8.0))
        .x_label_area_size(px(28.0))
        .y_label_area_size(px(42.0))
        .build_cartesian_2d(min..max, 0.0..top * 1.1)?;
    style_mesh(ctx.configure_mesh().x_labels(5).y_labels(4), theme, s, 11.0)
        .x_desc("pre-activation z")
        .y_desc("share")
        .x_label_formatter(&|v| compact(*v))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .draw()?;
    for (_, color, counts) in &chart.bars {
        let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
        let fill = color.mix(0.45).filled();
        ctx.draw_series(counts.iter().enumerate().map(|(i, &c)| {
            let x0 = min + i as f64 * width;
            Rectangle::new([(x0, 0.0), (x0 + width, share(c, total))], fill)
        }))?;
    }
    let zero = ShapeStyle { color: theme.muted.to_rgba(), filled: false, stroke_width: px(1.0) };
    if min < 0.0 && max > 0.0 {
        ctx.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (0.0, top * 1.1)], zero)))?;
    }
    Ok(Axes { x: (min, max), y: (0.0, top * 1.1) })
}

/// One entry of a legend strip.
struct LegendEntry {
    label: String,
    color: RGBColor,
    faint: bool,
    /// A filled swatch (histogram) instead of a line.
    bar: bool,
}

/// Draws the legend as a strip of entries above the chart, wrapping onto more rows when narrow,
/// so it never covers data; returns the area left for the chart.
fn draw_legend_strip<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    theme: &Theme,
    s: f64,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    if entries.is_empty() {
        return Ok(root.clone());
    }
    let font = ("sans-serif", 11.0 * s).into_font().color(&theme.text);
    let (width, _) = root.dim_in_pixel();
    let (swatch, gap, row_height, pad) =
        ((14.0 * s) as i32, (14.0 * s) as i32, (18.0 * s) as i32, (8.0 * s) as i32);
    // Lay the entries out left to right, wrapping at the right edge.
    let mut placed = Vec::with_capacity(entries.len());
    let (mut x, mut row) = (pad + (42.0 * s) as i32, 0);
    for entry in entries {
        let (text_width, _) = root.estimate_text_size(&entry.label, &font)?;
        let entry_width = swatch + (5.0 * s) as i32 + text_width as i32;
        if x + entry_width > width as i32 - pad && x > pad + (42.0 * s) as i32 {
            row += 1;
            x = pad + (42.0 * s) as i32;
        }
        placed.push((x, row));
        x += entry_width + gap;
    }
    let strip_height = (row + 1) * row_height + pad / 2;
    let (strip, rest) = root.split_vertically(strip_height as u32);
    for (entry, &(x, row)) in entries.iter().zip(&placed) {
        let y = pad / 2 + row * row_height + row_height / 2;
        let alpha = if entry.faint { 0.55 } else { 1.0 };
        if entry.bar {
            let half = (5.0 * s) as i32;
            strip.draw(&Rectangle::new(
                [(x, y - half), (x + swatch, y + half)],
                entry.color.mix(0.6).filled(),
            ))?;
        } else {
            let stroke = if entry.faint { (1.5 * s) as u32 } else { (2.25 * s) as u32 }.max(1);
            strip.draw(&PathElement::new(
                vec![(x, y), (x + swatch, y)],
                entry.color.mix(alpha).stroke_width(stroke),
            ))?;
        }
        let text_style = font.clone().pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        ));
        strip.draw(&Text::new(entry.label.clone(), (x + swatch + (5.0 * s) as i32, y), text_style))?;
    }
    Ok(rest)
}

/// Short tick labels: `1.2k` for steps, `0.25` for fractions.
fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else if a == 0.0 {
        "0".into()
    } else {
        let rounded = (v * 1000.0).round() / 1000.0;
        format!("{rounded}")
    }
}

/// The tick label of a log10 axis value: the data value 10^v, compact.
fn power(v: f64) -> String {
    let x = 10f64.powf(v);
    if x >= 1e3 {
        compact(x)
    } else {
        let digits = if x >= 10.0 { 0 } else { (1.0 - x.log10().floor()).max(0.0) as usize };
        let text = format!("{x:.digits$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_chart_renders_series_and_legend_to_svg() {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (500, 300)).into_drawing_area();
            let chart = LineChart {
                series: vec![
                    Series {
                        label: "ReLU".into(),
                        color: RGBColor(255, 0, 0),
                        faint: false,
                        points: vec![(0.0, 0.0), (100.0, 0.5)],
                    },
                    Series {
                        label: "Leaky".into(),
                        color: RGBColor(0, 0, 255),
                        faint: true,
                        points: vec![(0.0, 0.0), (100.0, f64::NAN)],
                    },
                ],
                x_label: "step".into(),
                y_label: "dead fraction".into(),
                y_range: Some((0.0, 1.0)),
                markers: true,
                theme: Theme::DARK,
                scale: 1.0,
            };
            draw_line_chart(&root, &chart).unwrap();
            root.present().unwrap();
        }
        assert!(svg.contains("stroke=\"#FF0000\"") && svg.contains("ReLU") && svg.contains("dead fraction"));
        assert!(!svg.contains("NaN"), "non-finite points are skipped");
    }

    #[test]
    fn line_chart_without_points_draws_its_axes() {
        for (points, y_range) in
            [(vec![], None), (vec![(f64::NAN, 1.0)], Some((0.0, 1.0))), (vec![(7.0, 0.5)], None)]
        {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (400, 260)).into_drawing_area();
                let series =
                    vec![Series { label: "ReLU".into(), color: RGBColor(255, 0, 0), faint: false, points }];
                let chart = LineChart {
                    series,
                    x_label: "step".into(),
                    y_label: "loss".into(),
                    y_range,
                    markers: false,
                    theme: Theme::LIGHT,
                    scale: 1.0,
                };
                draw_line_chart(&root, &chart).unwrap();
                root.present().unwrap();
            }
            assert!(
                svg.contains("step") && svg.contains("loss") && !svg.contains("NaN") && !svg.contains("inf")
            );
        }
    }

    #[test]
    fn compact_labels() {
        assert_eq!(compact(1500.0), "1.5k");
        assert_eq!(compact(20000.0), "20k");
        assert_eq!(compact(0.25), "0.25");
        assert_eq!(compact(0.0), "0");
        assert_eq!(
            (power(0.0), power(2.0), power(-2.0), power(4.0)),
            ("1".into(), "100".into(), "0.01".into(), "10k".into())
        );
        assert_eq!(power(0.5), "3.2");
    }

    #[test]
    fn log_axes_label_powers_and_bands_are_filled() {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (500, 300)).into_drawing_area();
            let series = vec![Series {
                label: "ReLU train".into(),
                color: RGBColor(255, 0, 0),
                faint: false,
                points: vec![(0.0, 0.0), (3.0, -2.0)],
            }];
            let chart = LineChart {
                series,
                x_label: "step".into(),
                y_label: "loss".into(),
                y_range: None,
                markers: false,
                theme: Theme::LIGHT,
                scale: 1.0,
            };
            let band = Band { color: RGBColor(0, 0, 255), rows: vec![(0.0, -1.0, 0.0), (3.0, -2.0, -0.5)] };
            let extras = LineExtras { log_x: true, log_y: true, bands: vec![band] };
            let axes = draw_line_chart_with(&root, &chart, &extras).unwrap();
            assert!(axes.y.0 < -2.0 && axes.y.1 > 0.0 && axes.y.1 < 0.5, "log y fits the data: {:?}", axes.y);
            root.present().unwrap();
        }
        assert!(svg.contains("1.0k") && svg.contains("0.01"), "ticks show powers of ten");
        assert!(svg.contains("polygon") || svg.contains("<path"), "the band is drawn");
        assert!(svg.contains("#0000FF"), "in its network's colour");
    }
}
