//! Charts of experiments over many seeds: the distribution of one metric for both networks
//! (strip + box per network, diverged runs counted in a note rather than plotted), the paired
//! differences with their 95% intervals ([`intervals`]), and per-layer gradient norms on a log
//! scale ([`gradient`]). Generic over the drawing backend like every chart.

pub mod gradient;
pub mod intervals;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::range::{axis_range, finite_extent, AXIS_LIMIT};
use super::theme::{style_mesh, Theme};

pub use gradient::{draw_gradient_norms, GradientChart, GradientSeries, GradientStyle};
pub use intervals::{draw_intervals, IntervalRow, IntervalsChart};

/// The distribution of one metric over seeds, for both networks.
#[derive(Clone, Debug, PartialEq)]
pub struct DistributionChart {
    /// Drawn above the chart, e.g. "Dead neurons after 300 steps".
    pub title: String,
    /// The value axis's unit, e.g. "neurons" (may be empty).
    pub unit: String,
    /// The networks' names, ReLU first.
    pub labels: [String; 2],
    /// One value per seed and network; NaN marks a diverged run.
    pub values: [Vec<f64>; 2],
    /// Whole-number values (counts): integer ticks.
    pub integer: bool,
    pub theme: Theme,
    pub scale: f64,
}

/// The five-number summary a box is drawn from (of the finite values).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoxStats {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

impl BoxStats {
    /// The summary of the finite values (linear interpolation between order statistics), or
    /// `None` when there are none.
    pub fn of(values: &[f64]) -> Option<BoxStats> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let q = |p: f64| {
            let at = p * (v.len() - 1) as f64;
            let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
            v[lo] + (v[hi] - v[lo]) * (at - lo as f64)
        };
        Some(BoxStats { min: v[0], q1: q(0.25), median: q(0.5), q3: q(0.75), max: v[v.len() - 1] })
    }
}

/// How many runs of `values` diverged (NaN) or are not finite, out of how many.
pub fn diverged_count(values: &[f64]) -> usize {
    values.iter().filter(|x| !x.is_finite()).count()
}

/// The sentence under a distribution chart naming the runs left out, e.g.
/// "Not plotted (diverged): ReLU 3 of 20 runs." or `None` when every run finished.
pub fn diverged_note(labels: &[String; 2], values: &[Vec<f64>; 2]) -> Option<String> {
    let parts: Vec<String> = labels
        .iter()
        .zip(values)
        .filter(|(_, v)| diverged_count(v) > 0)
        .map(|(label, v)| format!("{label} {} of {} runs", diverged_count(v), v.len()))
        .collect();
    (!parts.is_empty()).then(|| format!("Not plotted (diverged): {}.", parts.join(", ")))
}

/// Draws a [`DistributionChart`]: one row per network, each run a dot (spread vertically so
/// equal values stay countable) over a box from the quartiles with whiskers to the extremes.
pub fn draw_distribution<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &DistributionChart,
) -> Result<(f64, f64), DrawingAreaErrorKind<DB::ErrorType>> {
    let (theme, s) = (&chart.theme, chart.scale);
    let px = |v: f64| (v * s).round().max(1.0) as u32;
    root.fill(&theme.background)?;
    let area = draw_title(root, &chart.title, theme, s)?;
    let note = diverged_note(&chart.labels, &chart.values);
    let area = match &note {
        Some(note) => draw_footer(&area, note, theme, s)?,
        None => area,
    };
    let finite = chart.values.iter().flatten().copied().filter(|x| x.is_finite());
    let (lo, hi) = match finite_extent(finite, AXIS_LIMIT) {
        // Yes/no values (diverged or not): both answers on the axis, whichever occurred.
        Some((lo, hi)) if chart.integer && lo >= 0.0 && hi <= 1.0 => (-0.25, 1.25),
        Some((lo, hi)) if hi - lo > 1e-12 => {
            let pad = 0.05 * (hi - lo);
            (lo - pad, hi + pad)
        }
        Some((v, _)) => (v - 0.5, v + 0.5),
        None => (0.0, 1.0),
    };
    let x = axis_range((lo, hi), AXIS_LIMIT);
    let mut ctx = ChartBuilder::on(&area)
        .margin(px(8.0))
        .x_label_area_size(px(30.0))
        .y_label_area_size(px(8.0))
        .build_cartesian_2d(x.0..x.1, 0.0..2.0)?;
    let integer = chart.integer;
    style_mesh(ctx.configure_mesh().x_labels(6).y_labels(0).disable_y_mesh(), theme, s, 11.0)
        .x_desc(chart.unit.as_str())
        .x_label_formatter(&|v| if integer { whole_tick(*v) } else { tick(*v) })
        .draw()?;
    let colors = [theme.relu, theme.other];
    for (row, ((values, label), color)) in chart.values.iter().zip(&chart.labels).zip(colors).enumerate() {
        // ReLU on top: row 0 is centred at y = 1.5.
        let centre = 1.5 - row as f64;
        let font =
            ("sans-serif", 11.0 * s).into_font().color(&theme.text).pos(Pos::new(HPos::Left, VPos::Top));
        ctx.draw_series(std::iter::once(Text::new(label.clone(), (x.0, centre + 0.48), font)))?;
        if let Some(b) = BoxStats::of(values) {
            let line = ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: px(1.5) };
            let (top, bottom) = (centre + 0.2, centre - 0.2);
            ctx.draw_series([
                Rectangle::new([(b.q1, bottom), (b.q3, top)], color.mix(0.18).filled()),
                Rectangle::new([(b.q1, bottom), (b.q3, top)], line),
            ])?;
            ctx.draw_series([
                PathElement::new(vec![(b.median, bottom), (b.median, top)], color.stroke_width(px(3.0))),
                PathElement::new(vec![(b.min, centre), (b.q1, centre)], line),
                PathElement::new(vec![(b.q3, centre), (b.max, centre)], line),
                PathElement::new(vec![(b.min, centre - 0.1), (b.min, centre + 0.1)], line),
                PathElement::new(vec![(b.max, centre - 0.1), (b.max, centre + 0.1)], line),
            ])?;
        }
        let radius = px(2.5) as i32;
        let dots = values.iter().enumerate().filter(|(_, v)| v.is_finite()).map(|(i, &v)| {
            Circle::new((v.clamp(x.0, x.1), centre + jitter(i) * 0.32), radius, color.mix(0.7).filled())
        });
        ctx.draw_series(dots)?;
    }
    Ok(x)
}

/// A deterministic spread in [-0.5, 0.5) for the `i`-th dot (golden-ratio sequence: neighbours
/// land far apart, so a pile of equal values reads as a cloud).
fn jitter(i: usize) -> f64 {
    (i as f64 * 0.618_033_988_75).fract() - 0.5
}

/// Draws `title` in a strip across the top; returns the area below it.
pub(crate) fn draw_title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    theme: &Theme,
    s: f64,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    if title.is_empty() {
        return Ok(root.clone());
    }
    let height = (22.0 * s).round() as u32;
    let (strip, rest) = root.split_vertically(height);
    let font =
        ("sans-serif", 13.0 * s).into_font().color(&theme.text).pos(Pos::new(HPos::Left, VPos::Center));
    strip.draw(&Text::new(title.to_owned(), ((10.0 * s) as i32, (height / 2) as i32), font))?;
    Ok(rest)
}

/// Draws `note` in a strip across the bottom; returns the area above it.
pub(crate) fn draw_footer<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    note: &str,
    theme: &Theme,
    s: f64,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let height = (18.0 * s).round() as u32;
    let (_, full) = area.dim_in_pixel();
    let (rest, strip) = area.split_vertically(full.saturating_sub(height));
    let font =
        ("sans-serif", 11.0 * s).into_font().color(&theme.muted).pos(Pos::new(HPos::Left, VPos::Center));
    strip.draw(&Text::new(note.to_owned(), ((10.0 * s) as i32, (height / 2) as i32), font))?;
    Ok(rest)
}

/// Short tick labels: `1.5k`, `0.25`, `-3`.
pub(crate) fn tick(v: f64) -> String {
    let a = v.abs();
    if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else if a < 1e-12 {
        "0".into()
    } else if a < 1e-3 {
        format!("{v:.0e}")
    } else {
        format!("{}", (v * 1000.0).round() / 1000.0)
    }
}

/// Tick labels of a count axis: whole numbers only (others left blank).
fn whole_tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        // + 0.0 turns −0 into 0.
        format!("{}", v.round() + 0.0)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg_of(chart: &DistributionChart) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (480, 220)).into_drawing_area();
            draw_distribution(&root, chart).unwrap();
            root.present().unwrap();
        }
        svg
    }

    fn chart(relu: Vec<f64>, other: Vec<f64>) -> DistributionChart {
        DistributionChart {
            title: "Dead neurons after 300 steps".into(),
            unit: "neurons".into(),
            labels: ["ReLU".into(), "Leaky ReLU".into()],
            values: [relu, other],
            integer: true,
            theme: Theme::LIGHT,
            scale: 1.0,
        }
    }

    #[test]
    fn a_yes_no_chart_shows_both_answers_and_never_minus_zero() {
        let svg = svg_of(&chart(vec![0.0; 4], vec![0.0; 4]));
        assert!(svg.contains(">\n0\n<") && svg.contains(">\n1\n<"), "ticks 0 and 1: {svg}");
        assert!(!svg.contains(">\n-0\n<"));
    }

    #[test]
    fn box_stats_are_the_quartiles_of_the_finite_values() {
        let b = BoxStats::of(&[4.0, f64::NAN, 1.0, 3.0, 2.0, 5.0]).unwrap();
        assert_eq!(b, BoxStats { min: 1.0, q1: 2.0, median: 3.0, q3: 4.0, max: 5.0 });
        assert_eq!(BoxStats::of(&[1.0, 2.0]).unwrap().median, 1.5);
        assert_eq!(BoxStats::of(&[f64::NAN]), None);
    }

    #[test]
    fn distribution_draws_title_labels_and_one_dot_per_finished_run() {
        let svg = svg_of(&chart(vec![40.0, 41.0, 60.0], vec![0.0, 0.0, 1.0]));
        for text in ["Dead neurons after 300 steps", "ReLU", "Leaky ReLU", "neurons"] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert_eq!(svg.matches("<circle").count(), 6);
        assert!(!svg.contains("diverged"), "no note when every run finished");
        let relu = hex_of(Theme::LIGHT.relu);
        assert!(svg.contains(&relu), "the ReLU box is drawn in the theme's ReLU colour");
    }

    #[test]
    fn diverged_runs_are_counted_in_a_note_and_not_plotted() {
        let svg = svg_of(&chart(vec![1.0, f64::NAN, f64::NAN, 2.0], vec![f64::NAN, 0.5, 0.5, 0.5]));
        assert!(svg.contains("Not plotted (diverged): ReLU 2 of 4 runs, Leaky ReLU 1 of 4 runs."));
        assert_eq!(svg.matches("<circle").count(), 5);
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn a_chart_with_every_run_diverged_still_draws_its_axes() {
        let svg = svg_of(&chart(vec![f64::NAN; 3], vec![f64::NAN; 3]));
        assert!(svg.contains("ReLU 3 of 3 runs") && svg.contains("neurons"));
        assert_eq!(svg.matches("<circle").count(), 0);
    }

    #[test]
    fn ticks_are_short() {
        assert_eq!(tick(1500.0), "1.5k");
        assert_eq!(tick(0.25), "0.25");
        assert_eq!(tick(0.0), "0");
        assert_eq!(whole_tick(3.0), "3");
        assert_eq!(whole_tick(2.5), "");
    }

    /// `#RRGGBB` as plotters' SVG backend writes colours.
    pub(super) fn hex_of(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }
}
