//! The per-layer gradient-norm chart: ||dL/dW_l|| against hidden layer l on a log axis, one line
//! per network (or activation), so a vanishing gradient shows as a line falling towards layer 1.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{draw_title, tick};
use crate::mlp::LabError;
use crate::plot::theme::{style_mesh, Theme};

/// Which colour a gradient line takes from the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GradientStyle {
    /// The lab's ReLU network.
    Relu,
    /// The lab's other network.
    Other,
    /// A sigmoid network (palette slot 2).
    Sigmoid,
    /// A tanh network (palette slot 3).
    Tanh,
    /// A reference at initialisation (muted, dashed).
    Init,
}

impl GradientStyle {
    /// `"relu"`, `"other"`, `"sigmoid"`, `"tanh"` or `"init"`, or an error listing them.
    pub fn from_id(id: &str) -> Result<GradientStyle, LabError> {
        Ok(match id {
            "relu" => GradientStyle::Relu,
            "other" => GradientStyle::Other,
            "sigmoid" => GradientStyle::Sigmoid,
            "tanh" => GradientStyle::Tanh,
            "init" => GradientStyle::Init,
            _ => {
                return Err(LabError::new(
                    "style",
                    format!("style must be one of relu, other, sigmoid, tanh, init, got {id:?}"),
                ))
            }
        })
    }

    /// The line's colour in `theme`.
    pub fn color(self, theme: &Theme) -> RGBColor {
        match self {
            GradientStyle::Relu => theme.relu,
            GradientStyle::Other => theme.other,
            GradientStyle::Sigmoid => theme.palette[2],
            GradientStyle::Tanh => theme.palette[3],
            GradientStyle::Init => theme.muted,
        }
    }
}

/// One line: a gradient norm per hidden layer (layer 1 first).
#[derive(Clone, Debug, PartialEq)]
pub struct GradientSeries {
    pub label: String,
    pub values: Vec<f64>,
    pub style: GradientStyle,
    /// Drawn dashed (e.g. the same network at initialisation beside it now); `Init` always is.
    pub dashed: bool,
}

/// Gradient norms per hidden layer for a few networks.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientChart {
    pub title: String,
    pub series: Vec<GradientSeries>,
    pub theme: Theme,
    pub scale: f64,
}

/// The log axis's range: the positive finite values widened a little, or 1e-3..1 without any.
pub fn log_range(series: &[GradientSeries]) -> (f64, f64) {
    let positive = series.iter().flat_map(|s| s.values.iter()).copied().filter(|v| v.is_finite() && *v > 0.0);
    let (lo, hi) = positive.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if hi == 0.0 {
        return (1e-3, 1.0);
    }
    let (lo, hi) = (lo.max(1e-300) / 2.0, hi.min(1e300) * 2.0);
    if hi / lo < 10.0 {
        let mid = (lo * hi).sqrt();
        (mid / 3.2, mid * 3.2)
    } else {
        (lo, hi)
    }
}

/// Draws a [`GradientChart`]: x = hidden layer (1 = next to the input), log y; values that are
/// not positive and finite are skipped (the line breaks there). Returns the y range used.
pub fn draw_gradient_norms<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &GradientChart,
) -> Result<(f64, f64), DrawingAreaErrorKind<DB::ErrorType>> {
    let (theme, s) = (&chart.theme, chart.scale);
    let px = |v: f64| (v * s).round().max(1.0) as u32;
    root.fill(&theme.background)?;
    let area = draw_title(root, &chart.title, theme, s)?;
    let area = draw_legend(&area, &chart.series, theme, s)?;
    let layers = chart.series.iter().map(|s| s.values.len()).max().unwrap_or(0).max(1);
    let y = log_range(&chart.series);
    let mut ctx = ChartBuilder::on(&area)
        .margin(px(8.0))
        .x_label_area_size(px(30.0))
        .y_label_area_size(px(48.0))
        .build_cartesian_2d(0.5..layers as f64 + 0.5, (y.0..y.1).log_scale())?;
    style_mesh(ctx.configure_mesh().x_labels(layers.min(12)).y_labels(6), theme, s, 11.0)
        .x_desc("hidden layer (1 = next to the input)")
        .y_desc("‖dL/dW‖")
        .x_label_formatter(&|v| {
            if (v - v.round()).abs() < 1e-9 {
                format!("{}", v.round())
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|v| if *v >= 1e-2 && *v < 1e4 { tick(*v) } else { format!("{v:.0e}") })
        .draw()?;
    for series in &chart.series {
        let color = series.style.color(theme);
        let dashed = series.dashed || series.style == GradientStyle::Init;
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: px(if dashed { 1.5 } else { 2.25 }),
        };
        for run in runs(&series.values) {
            if dashed {
                ctx.draw_series(std::iter::once(DashedPathElement::new(
                    run.clone(),
                    px(6.0),
                    px(4.0),
                    style,
                )))?;
            } else {
                ctx.draw_series(std::iter::once(PathElement::new(run.clone(), style)))?;
            }
            let radius = px(3.0) as i32;
            ctx.draw_series(run.into_iter().map(|p| Circle::new(p, radius, color.filled())))?;
        }
    }
    Ok(y)
}

/// The drawable stretches of a series: consecutive layers with positive finite values, as
/// (layer, value) points (layer 1 first).
fn runs(values: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![vec![]];
    for (i, &v) in values.iter().enumerate() {
        if v.is_finite() && v > 0.0 {
            out.last_mut().expect("never empty").push(((i + 1) as f64, v.min(1e300)));
        } else if !out.last().expect("never empty").is_empty() {
            out.push(vec![]);
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// A one-row-per-few-entries legend above the chart; returns the area left.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[GradientSeries],
    theme: &Theme,
    s: f64,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    if series.is_empty() {
        return Ok(area.clone());
    }
    let font = ("sans-serif", 11.0 * s).into_font().color(&theme.text);
    let (width, _) = area.dim_in_pixel();
    let (swatch, gap, row_h, left) =
        ((16.0 * s) as i32, (14.0 * s) as i32, (18.0 * s) as i32, (10.0 * s) as i32);
    let mut placed = vec![];
    let (mut x, mut row) = (left, 0);
    for entry in series {
        let (text_w, _) = area.estimate_text_size(&entry.label, &font)?;
        let w = swatch + (5.0 * s) as i32 + text_w as i32;
        if x + w > width as i32 - left && x > left {
            row += 1;
            x = left;
        }
        placed.push((x, row));
        x += w + gap;
    }
    let (strip, rest) = area.split_vertically(((row + 1) * row_h) as u32 + (4.0 * s) as u32);
    for (entry, &(x, row)) in series.iter().zip(&placed) {
        let y = row * row_h + row_h / 2;
        let color = entry.style.color(theme);
        let stroke = color.stroke_width((2.0 * s).round().max(1.0) as u32);
        if entry.dashed || entry.style == GradientStyle::Init {
            strip.draw(&DashedPathElement::new(
                vec![(x, y), (x + swatch, y)],
                (5.0 * s) as i32,
                (3.0 * s) as i32,
                stroke,
            ))?;
        } else {
            strip.draw(&PathElement::new(vec![(x, y), (x + swatch, y)], stroke))?;
        }
        let text = font.clone().pos(Pos::new(HPos::Left, VPos::Center));
        strip.draw(&Text::new(entry.label.clone(), (x + swatch + (5.0 * s) as i32, y), text))?;
    }
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(label: &str, values: Vec<f64>, style: GradientStyle) -> GradientSeries {
        GradientSeries { label: label.into(), values, style, dashed: false }
    }

    #[test]
    fn runs_skip_values_that_are_not_positive() {
        assert_eq!(
            runs(&[1.0, 0.0, 2.0, 3.0, f64::NAN]),
            vec![vec![(1.0, 1.0)], vec![(3.0, 2.0), (4.0, 3.0)]]
        );
        assert!(runs(&[0.0, -1.0]).is_empty());
    }

    #[test]
    fn log_range_spans_the_positive_values() {
        let s = [series("a", vec![1e-6, 0.0, 10.0], GradientStyle::Sigmoid)];
        assert_eq!(log_range(&s), (5e-7, 20.0));
        assert_eq!(log_range(&[]), (1e-3, 1.0));
        let (lo, hi) = log_range(&[series("a", vec![1.0, 1.0], GradientStyle::Relu)]);
        assert!(lo < 1.0 && hi > 1.0 && hi / lo > 10.0, "a flat line gets a decade");
    }

    #[test]
    fn gradient_chart_draws_each_series_in_its_theme_colour() {
        let theme = Theme::LIGHT;
        let chart = GradientChart {
            title: "Gradient norm per layer".into(),
            series: vec![
                series("ReLU", vec![0.5, 0.4, 0.3], GradientStyle::Relu),
                series("sigmoid", vec![1e-5, 1e-3, 0.0], GradientStyle::Sigmoid),
                GradientSeries {
                    label: "ReLU at init".into(),
                    values: vec![0.1; 3],
                    style: GradientStyle::Relu,
                    dashed: true,
                },
            ],
            theme,
            scale: 1.0,
        };
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (480, 300)).into_drawing_area();
            draw_gradient_norms(&root, &chart).unwrap();
            root.present().unwrap();
        }
        for text in ["Gradient norm per layer", "ReLU at init", "sigmoid", "hidden layer"] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert_eq!(svg.matches("<circle").count(), 3 + 2 + 3, "the zero is skipped");
        for c in [theme.relu, theme.palette[2]] {
            assert!(svg.contains(&super::super::tests::hex_of(c)));
        }
    }

    #[test]
    fn styles_parse_and_bad_ones_are_named() {
        assert_eq!(GradientStyle::from_id("tanh").unwrap(), GradientStyle::Tanh);
        assert!(GradientStyle::from_id("gelu")
            .unwrap_err()
            .to_string()
            .contains("relu, other, sigmoid, tanh, init"));
    }
}
