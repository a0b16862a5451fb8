//! The paired-difference chart: one row per comparison, its mean as a dot and its 95% interval
//! as a bar, the zero line, and the side the claim predicts shaded and named.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{draw_title, tick};
use crate::plot::range::{axis_range, finite_extent, AXIS_LIMIT};
use crate::plot::theme::{style_mesh, Theme};

/// One comparison: the mean paired difference and its interval.
#[derive(Clone, Debug, PartialEq)]
pub struct IntervalRow {
    /// e.g. "lr 0.5" or "after 300 steps".
    pub label: String,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
}

/// Paired differences with their intervals.
#[derive(Clone, Debug, PartialEq)]
pub struct IntervalsChart {
    pub title: String,
    /// The difference's unit, e.g. "neurons (ReLU − Leaky ReLU)".
    pub unit: String,
    pub rows: Vec<IntervalRow>,
    /// The sign the claim predicts for the difference: 1 or -1 (0: no claimed side).
    pub claimed_sign: f64,
    pub theme: Theme,
    pub scale: f64,
}

/// The words on the claimed side of the zero line.
pub const CLAIMED_LABEL: &str = "claimed direction";

/// Draws an [`IntervalsChart`]; a row whose numbers are not finite is labelled "no data".
/// Returns the x range used.
pub fn draw_intervals<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &IntervalsChart,
) -> Result<(f64, f64), DrawingAreaErrorKind<DB::ErrorType>> {
    let (theme, s) = (&chart.theme, chart.scale);
    let px = |v: f64| (v * s).round().max(1.0) as u32;
    root.fill(&theme.background)?;
    let area = draw_title(root, &chart.title, theme, s)?;
    let values = chart.rows.iter().flat_map(|r| [r.mean, r.low, r.high]).chain([0.0]);
    let (lo, hi) = finite_extent(values.filter(|v| v.is_finite()), AXIS_LIMIT).unwrap_or((0.0, 0.0));
    let span = if hi - lo > 1e-12 { hi - lo } else { 1.0 };
    let x = axis_range((lo - 0.12 * span, hi + 0.12 * span), AXIS_LIMIT);
    let n = chart.rows.len().max(1) as f64;
    let mut ctx = ChartBuilder::on(&area)
        .margin(px(8.0))
        .x_label_area_size(px(30.0))
        .y_label_area_size(px(8.0))
        .build_cartesian_2d(x.0..x.1, 0.0..n + 0.4)?;
    style_mesh(ctx.configure_mesh().x_labels(6).y_labels(0).disable_y_mesh(), theme, s, 11.0)
        .x_desc(chart.unit.as_str())
        .x_label_formatter(&|v| tick(*v))
        .draw()?;
    let top = n + 0.4;
    if chart.claimed_sign != 0.0 {
        let (from, to, anchor, at) = if chart.claimed_sign > 0.0 {
            (0.0_f64.max(x.0), x.1, HPos::Right, x.1)
        } else {
            (x.0, 0.0_f64.min(x.1), HPos::Left, x.0)
        };
        ctx.draw_series(std::iter::once(Rectangle::new(
            [(from, 0.0), (to, top)],
            theme.other.mix(0.07).filled(),
        )))?;
        let font = ("sans-serif", 10.5 * s).into_font().color(&theme.muted).pos(Pos::new(anchor, VPos::Top));
        let arrow = if chart.claimed_sign > 0.0 {
            format!("{CLAIMED_LABEL} →")
        } else {
            format!("← {CLAIMED_LABEL}")
        };
        ctx.draw_series(std::iter::once(Text::new(arrow, (at, top), font)))?;
    }
    if x.0 < 0.0 && x.1 > 0.0 {
        let zero = ShapeStyle { color: theme.muted.to_rgba(), filled: false, stroke_width: px(1.0) };
        ctx.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (0.0, top)], zero)))?;
    }
    let ink = theme.text;
    for (i, row) in chart.rows.iter().enumerate() {
        let y = n - i as f64 - 0.55;
        let finite = row.mean.is_finite() && row.low.is_finite() && row.high.is_finite();
        let label = if finite { row.label.clone() } else { format!("{}: no data", row.label) };
        let font =
            ("sans-serif", 11.0 * s).into_font().color(&theme.text).pos(Pos::new(HPos::Left, VPos::Bottom));
        ctx.draw_series(std::iter::once(Text::new(label, (x.0, y + 0.42), font)))?;
        if !finite {
            continue;
        }
        let clamp = |v: f64| v.clamp(x.0, x.1);
        let bar = ShapeStyle { color: ink.to_rgba(), filled: false, stroke_width: px(2.0) };
        ctx.draw_series([
            PathElement::new(vec![(clamp(row.low), y), (clamp(row.high), y)], bar),
            PathElement::new(vec![(clamp(row.low), y - 0.12), (clamp(row.low), y + 0.12)], bar),
            PathElement::new(vec![(clamp(row.high), y - 0.12), (clamp(row.high), y + 0.12)], bar),
        ])?;
        ctx.draw_series(std::iter::once(Circle::new((clamp(row.mean), y), px(4.5) as i32, ink.filled())))?;
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg_of(chart: &IntervalsChart) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (480, 220)).into_drawing_area();
            draw_intervals(&root, chart).unwrap();
            root.present().unwrap();
        }
        svg
    }

    fn rows() -> Vec<IntervalRow> {
        vec![
            IntervalRow { label: "lr 0.5".into(), mean: 3.0, low: 1.0, high: 5.0 },
            IntervalRow { label: "lr 2".into(), mean: f64::NAN, low: f64::NAN, high: f64::NAN },
        ]
    }

    #[test]
    fn intervals_draw_rows_zero_line_and_the_claimed_side() {
        let chart = IntervalsChart {
            title: "Paired difference".into(),
            unit: "dead neurons (ReLU − Leaky ReLU)".into(),
            rows: rows(),
            claimed_sign: 1.0,
            theme: Theme::DARK,
            scale: 1.0,
        };
        let svg = svg_of(&chart);
        for text in ["Paired difference", "dead neurons", "lr 0.5", "lr 2: no data", "claimed direction →"]
        {
            assert!(svg.contains(text), "missing {text}");
        }
        assert_eq!(svg.matches("<circle").count(), 1, "one mean dot: the no-data row has none");
        assert!(!svg.contains("NaN"));
        let left = svg_of(&IntervalsChart { claimed_sign: -1.0, ..chart.clone() });
        assert!(left.contains("← claimed direction"));
        let none = svg_of(&IntervalsChart { claimed_sign: 0.0, ..chart });
        assert!(!none.contains(CLAIMED_LABEL));
    }

    #[test]
    fn an_empty_chart_draws_its_axes() {
        let chart = IntervalsChart {
            title: String::new(),
            unit: "accuracy".into(),
            rows: vec![],
            claimed_sign: -1.0,
            theme: Theme::LIGHT,
            scale: 2.0,
        };
        assert!(svg_of(&chart).contains("accuracy"));
    }
}
