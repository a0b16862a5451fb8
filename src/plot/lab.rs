//! Charts of the dead-neuron lab: metric-vs-step lines, the born-dead sweep, pre-activation
//! histograms, and the decision-boundary image (an RGBA buffer, not plotters: one `putImageData`
//! is far cheaper than a `fillRect` per pixel).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::theme::{style_mesh, Theme};

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

/// Draws a [`LineChart`]; an empty chart still gets its axes.
pub fn draw_line_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &LineChart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let s = chart.scale;
    let px = |v: f64| (v * s).round().max(1.0) as u32;
    let theme = &chart.theme;
    root.fill(&theme.background)?;
    let finite =
        || chart.series.iter().flat_map(|c| c.points.iter()).filter(|(x, y)| x.is_finite() && y.is_finite());
    let (x_lo, x_hi) =
        finite().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(x, _)| (lo.min(x), hi.max(x)));
    // No points yet (or one step): 0..1, or a unit range from that step.
    let x_range = match (x_lo.is_finite(), x_hi > x_lo) {
        (true, true) => (x_lo, x_hi),
        (true, false) => (0.0, x_lo.max(0.0) + 1.0),
        (false, _) => (0.0, 1.0),
    };
    let y_range = chart.y_range.unwrap_or_else(|| {
        let hi = finite().fold(0.0f64, |hi, &(_, y)| hi.max(y));
        let lo = finite().fold(0.0f64, |lo, &(_, y)| lo.min(y));
        if hi - lo < 1e-12 {
            (lo, lo + 1.0)
        } else {
            (lo, hi + 0.06 * (hi - lo))
        }
    });
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
        .x_label_formatter(&|v| compact(*v))
        .y_label_formatter(&|v| compact(*v))
        .draw()?;
    for series in &chart.series {
        let (alpha, width) = if series.faint { (0.55, 1.5) } else { (1.0, 2.25) };
        let style = ShapeStyle { color: series.color.mix(alpha), filled: false, stroke_width: px(width) };
        let points: Vec<(f64, f64)> =
            series.points.iter().copied().filter(|(x, y)| x.is_finite() && y.is_finite()).collect();
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
    Ok(())
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

/// Draws a [`HistogramChart`] of pre-activations, with the z = 0 line marked.
pub fn draw_histogram<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &HistogramChart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let s = chart.scale;
    let px = |v: f64| (v * s).round().max(1.0) as u32;
    let theme = &chart.theme;
    root.fill(&theme.background)?;
    let bins = chart.bars.first().map_or(0, |b| b.2.len()).max(1);
    let width = (chart.max - chart.min) / bins as f64;
    let share = |c: u32, total: u32| if total == 0 { 0.0 } else { c as f64 / total as f64 };
    let top = chart
        .bars
        .iter()
        .flat_map(|(_, _, counts)| {
            let total: u32 = counts.iter().sum();
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
        .build_cartesian_2d(chart.min..chart.max, 0.0..top * 1.1)?;
    style_mesh(ctx.configure_mesh().x_labels(5).y_labels(4), theme, s, 11.0)
        .x_desc("pre-activation z")
        .y_desc("share")
        .x_label_formatter(&|v| compact(*v))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .draw()?;
    for (_, color, counts) in &chart.bars {
        let total: u32 = counts.iter().sum();
        let fill = color.mix(0.45).filled();
        ctx.draw_series(counts.iter().enumerate().map(|(i, &c)| {
            let x0 = chart.min + i as f64 * width;
            Rectangle::new([(x0, 0.0), (x0 + width, share(c, total))], fill)
        }))?;
    }
    let zero = ShapeStyle { color: theme.muted.to_rgba(), filled: false, stroke_width: px(1.0) };
    ctx.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (0.0, top * 1.1)], zero)))?;
    Ok(())
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

/// Colours of the decision-boundary image, one per class.
pub const CLASS_COLORS: [RGBColor; 3] =
    [RGBColor(0x25, 0x63, 0xeb), RGBColor(0xe0, 0x6c, 0x00), RGBColor(0x05, 0x96, 0x69)];

/// Paints the decision-boundary image: each pixel is its predicted class's colour, stronger where
/// the network is more confident, over the theme's background; then the data points as discs
/// (class colour, outlined in the text colour). `points` are in pixel coordinates.
/// Returns `columns · rows · 4` RGBA bytes, row 0 at the top.
pub fn paint_boundary(
    class: &[u8],
    confidence: &[f32],
    classes: usize,
    (columns, rows): (usize, usize),
    points: &[(f64, f64, u8)],
    radius: f64,
    theme: &Theme,
) -> Vec<u8> {
    let mut rgba = vec![0u8; columns * rows * 4];
    let bg = theme.background;
    let blend = |c: RGBColor, t: f64| {
        let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        [mix(bg.0, c.0), mix(bg.1, c.1), mix(bg.2, c.2), 255]
    };
    let chance = 1.0 / classes.max(1) as f64;
    for (i, pixel) in rgba.chunks_exact_mut(4).enumerate() {
        let k = class.get(i).copied().unwrap_or(0) as usize % CLASS_COLORS.len();
        let p = confidence.get(i).copied().unwrap_or(0.5) as f64;
        // With 2 classes `confidence` is p(class 1): turn it into the winner's probability.
        let p = if classes == 2 && k == 0 { 1.0 - p } else { p };
        let certainty = ((p - chance) / (1.0 - chance)).clamp(0.0, 1.0);
        pixel.copy_from_slice(&blend(CLASS_COLORS[k], 0.12 + 0.38 * certainty));
    }
    let outline = theme.text;
    for &(cx, cy, label) in points {
        let color = CLASS_COLORS[label as usize % CLASS_COLORS.len()];
        let r = radius.max(1.0);
        let (x0, x1) =
            ((cx - r - 1.0).floor().max(0.0) as usize, ((cx + r + 1.0).ceil() as usize).min(columns));
        let (y0, y1) = ((cy - r - 1.0).floor().max(0.0) as usize, ((cy + r + 1.0).ceil() as usize).min(rows));
        for y in y0..y1 {
            for x in x0..x1 {
                let d = ((x as f64 + 0.5 - cx).powi(2) + (y as f64 + 0.5 - cy).powi(2)).sqrt();
                let c = if d <= r - 1.0 {
                    color
                } else if d <= r {
                    outline
                } else {
                    continue;
                };
                let i = (y * columns + x) * 4;
                rgba[i..i + 4].copy_from_slice(&[c.0, c.1, c.2, 255]);
            }
        }
    }
    rgba
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_colours_follow_class_and_confidence_and_draws_points() {
        let theme = Theme::LIGHT;
        // 2×1 image: left pixel class 0 with p(class 1) = 0 (certain), right class 1 with p = 0.5.
        let rgba = paint_boundary(&[0, 1], &[0.0, 0.5], 2, (2, 1), &[], 1.0, &theme);
        let certain = &rgba[0..4];
        let unsure = &rgba[4..8];
        // Certain: halfway (t = 0.12 + 0.38) from white to #2563eb: 255 + (37 - 255)/2 = 146, ...
        assert_eq!(certain, &[146, 177, 245, 255], "strong blue");
        // At chance: t = 0.12 from white to #e06c00: 255 - 31·0.12 = 251.3, 255 - 147·0.12 = 237.4, 224.4.
        assert_eq!(unsure, &[251, 237, 224, 255], "faint orange");
        // A point of class 2 at the centre of a 9×9 image is green there.
        let rgba = paint_boundary(&[0; 81], &[0.0; 81], 3, (9, 9), &[(4.5, 4.5, 2)], 3.0, &theme);
        let centre = (4 * 9 + 4) * 4;
        assert_eq!(&rgba[centre..centre + 4], &[0x05, 0x96, 0x69, 255]);
    }

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
    }
}
