//! Native tests of the chart: rendered to SVG and inspected.

use super::sample::clip_to_y_range;
use super::*;
use crate::activation::ParamValue;

/// The light palette, which the explorer gives its curves.
const PALETTE: [RGBColor; 5] = Theme::LIGHT.palette;

fn curve(id: &str, params: &[(&str, f64)], color: usize) -> Curve {
    let params: Vec<_> = params.iter().map(|&(n, v)| (n, ParamValue::Number(v))).collect();
    Curve {
        activation: Activation::from_params(id, &params).unwrap(),
        color: PALETTE[color],
        label: id.into(),
    }
}

fn spec(curves: Vec<Curve>) -> ChartSpec {
    ChartSpec { curves, x_range: (-5.0, 5.0), y_range: None, theme: Theme::LIGHT, scale: 1.0 }
}

fn render(spec: &ChartSpec, kind: ChartKind) -> (String, ChartGeometry) {
    let mut svg = String::new();
    let geometry = {
        let root = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
        let g = draw_activation_chart(&root, spec, kind, None).unwrap();
        root.present().unwrap();
        g
    };
    (svg, geometry)
}

/// The points of every `<polyline>` drawn in `color`, in pixels.
fn polylines(svg: &str, color: RGBColor) -> Vec<Vec<(f64, f64)>> {
    let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\"", color.0, color.1, color.2);
    svg.lines()
        .filter(|l| l.contains("<polyline") && l.contains(&stroke))
        .map(|l| {
            let pts = l.split("points=\"").nth(1).unwrap().split('"').next().unwrap();
            pts.split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect()
        })
        .collect()
}

/// The content of every `<text>` element, trimmed.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| Some(t.split_once('>')?.1.split("</text>").next()?.trim().to_owned()))
        .collect()
}

#[test]
fn leaky_relu_curve_follows_the_function_through_the_geometry() {
    let s = spec(vec![curve("leaky_relu", &[("negative_slope", 0.2)], 0)]);
    let (svg, geometry) = render(&s, ChartKind::Function);
    let lines = polylines(&svg, PALETTE[0]);
    assert_eq!(lines.len(), 2, "split at the kink at 0: {lines:?}");
    // Every drawn point maps back to (x, f(x)) within a pixel's worth of data.
    let (x_per_px, y_per_px) = (10.0 / 560.0, (geometry.y_range.1 - geometry.y_range.0) / 300.0);
    for &(px, py) in lines.iter().flatten() {
        let (x, y) = geometry.to_data(px as i32, py as i32).expect("inside the plot");
        let want = if x > 0.0 { x } else { 0.2 * x };
        assert!((y - want).abs() < 2.0 * (y_per_px + x_per_px), "at x={x}: drawn {y}, f = {want}");
    }
    // Auto y range: [-1, 5] padded by 8%.
    let (lo, hi) = geometry.y_range;
    assert!((lo - (-1.0 - 0.48)).abs() < 1e-9 && (hi - (5.0 + 0.48)).abs() < 1e-9, "{lo}..{hi}");
}

#[test]
fn geometry_maps_pixels_and_data_both_ways() {
    let (_, g) = render(&spec(vec![curve("tanh", &[], 0)]), ChartKind::Function);
    let (left, top, right, bottom) = g.plot_area;
    assert!(left > 0 && top >= 0 && right <= 640 && bottom <= 400 && left < right && top < bottom);
    let (px, py) = g.to_pixel(-2.0, 0.5);
    let (x, y) = g.to_data(px, py).unwrap();
    assert!((x + 2.0).abs() < 0.03 && (y - 0.5).abs() < 0.03, "({x}, {y})");
    assert_eq!(g.to_data(left - 5, top + 5), None, "left of the plot area");
}

#[test]
fn derivative_of_relu_is_drawn_as_two_flat_pieces_without_a_vertical_edge() {
    let (svg, g) = render(&spec(vec![curve("relu", &[], 0)]), ChartKind::Derivative);
    let lines = polylines(&svg, PALETTE[0]);
    assert_eq!(lines.len(), 2);
    let (_, zero_py) = g.to_pixel(0.0, 0.0);
    let (_, one_py) = g.to_pixel(0.0, 1.0);
    assert!(lines[0].iter().all(|&(_, py)| (py - zero_py as f64).abs() <= 1.0), "left piece at 0");
    assert!(lines[1].iter().all(|&(_, py)| (py - one_py as f64).abs() <= 1.0), "right piece at 1");
}

#[test]
fn compared_curves_get_their_colours_and_a_legend() {
    let s = spec(vec![curve("relu", &[], 0), curve("elu", &[("alpha", 0.5)], 1), curve("gelu", &[], 2)]);
    let (svg, _) = render(&s, ChartKind::Function);
    for (i, label) in ["relu", "elu", "gelu"].iter().enumerate() {
        assert!(!polylines(&svg, PALETTE[i]).is_empty(), "curve {label} drawn");
        assert!(texts(&svg).contains(&label.to_string()), "legend entry {label}");
    }
    let single = render(&spec(vec![curve("relu", &[], 0)]), ChartKind::Function).0;
    assert!(!texts(&single).contains(&"relu".to_string()), "no legend for a single curve");
}

#[test]
fn a_curve_leaving_a_fixed_y_range_is_cut_at_the_edge_not_drawn_along_it() {
    let mut s = spec(vec![curve("relu", &[], 0)]);
    s.y_range = Some((-1.0, 2.0));
    let (svg, g) = render(&s, ChartKind::Function);
    assert_eq!(g.y_range, (-1.0, 2.0));
    let (_, top) = g.to_pixel(0.0, 2.0);
    let lines = polylines(&svg, PALETTE[0]);
    let on_top_edge: Vec<f64> =
        lines.iter().flatten().filter(|&&(_, py)| (py - top as f64).abs() < 0.5).map(|&(px, _)| px).collect();
    let run = on_top_edge.iter().fold(0.0f64, |m, &a| on_top_edge.iter().fold(m, |m, &b| m.max(a - b)));
    assert!(
        !on_top_edge.is_empty() && run <= 1.0,
        "leaves the plot at one point, no flat run along the edge: {on_top_edge:?}"
    );
    let last = lines.iter().flatten().map(|&(px, _)| px).fold(0.0, f64::max);
    let (x_exit, _) = g.to_pixel(2.0, 2.0);
    assert!((last - x_exit as f64).abs() <= 1.0, "ends at x = 2, where relu leaves the range");
}

#[test]
fn clipping_handles_entering_leaving_and_jumping_across_the_range() {
    let pts = [(0.0, -5.0), (1.0, 0.0), (2.0, 5.0), (3.0, -5.0), (4.0, f64::NAN), (5.0, 0.5), (6.0, 0.5)];
    let pieces = clip_to_y_range(&pts, (-1.0, 1.0));
    assert_eq!(
        pieces,
        vec![
            vec![(0.8, -1.0), (1.0, 0.0), (1.2, 1.0)],
            vec![(2.4, 1.0), (2.6, -1.0)],
            vec![(5.0, 0.5), (6.0, 0.5)],
        ]
    );
}

#[test]
fn svg_fixed_y_range_applies_to_f_only_as_on_the_page() {
    let mut s = spec(vec![curve("relu", &[], 0)]);
    s.y_range = Some((-10.0, 10.0));
    let svg = draw_svg(&s, 1200, 450).unwrap();
    let texts = texts(&svg);
    assert!(texts.contains(&"10".to_string()), "f axis reaches 10");
    assert!(
        texts.contains(&"0.8".to_string()) || texts.contains(&"1".to_string()),
        "f' axis fits 0..1: {texts:?}"
    );
}

#[test]
fn axes_have_tick_labels_and_descriptions() {
    let (svg, _) = render(&spec(vec![curve("sigmoid", &[], 0)]), ChartKind::Derivative);
    let texts = texts(&svg);
    for label in ["f′(x)", "x", "-4", "0", "4", "0.25"] {
        assert!(texts.contains(&label.to_string()), "missing label {label} in {texts:?}");
    }
}

#[test]
fn svg_export_has_both_charts_with_captions() {
    let s = spec(vec![curve("leaky_relu", &[("negative_slope", 0.1)], 0)]);
    let svg = draw_svg(&s, 1200, 450).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("width=\"1200\""));
    let texts = texts(&svg);
    assert!(texts.contains(&"f(x)".to_string()) && texts.contains(&"f′(x)".to_string()), "{texts:?}");
    assert_eq!(polylines(&svg, PALETTE[0]).len(), 4, "two pieces in each chart");
}

#[test]
fn tick_labels_have_no_float_noise() {
    assert_eq!(tick_label(0.1 + 0.2), "0.3");
    assert_eq!(tick_label(-0.0), "0");
    assert_eq!(tick_label(1e-12), "0");
    assert_eq!(tick_label(2.5), "2.5");
}

fn render_with(spec: &ChartSpec, kind: ChartKind, options: ChartOptions) -> (String, ChartGeometry) {
    let mut svg = String::new();
    let geometry = {
        let root = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
        let g = draw_chart_with(&root, spec, kind, None, options).unwrap();
        root.present().unwrap();
        g
    };
    (svg, geometry)
}

#[test]
fn a_log_axis_separates_leaky_relus_small_slope_and_sigmoids_tail_from_zero() {
    let log = ChartOptions { log_y: true, dead_zone: false };
    let (svg, g) = render_with(
        &spec(vec![curve("leaky_relu", &[("negative_slope", 0.01)], 0)]),
        ChartKind::Derivative,
        log,
    );
    assert!(g.log_y && g.y_range.0 <= 1e-4 && g.y_range.1 >= 1.0, "{:?}", g.y_range);
    let lines = polylines(&svg, PALETTE[0]);
    let (_, at_001) = g.to_pixel(-1.0, 0.01);
    let (_, at_1) = g.to_pixel(1.0, 1.0);
    assert!(lines[0].iter().all(|&(_, py)| (py - at_001 as f64).abs() <= 1.0), "left piece at 0.01");
    assert!(lines[1].iter().all(|&(_, py)| (py - at_1 as f64).abs() <= 1.0), "right piece at 1");
    assert!(at_001 - at_1 > 100, "two decades apart on screen, not one pixel: {at_001} vs {at_1}");
    let (x, y) = g.to_data(320, at_001).unwrap();
    assert!(x.is_finite() && (y.log10() + 2.0).abs() < 0.02, "maps back to |f′| = 0.01: {y}");
    for label in ["0.001", "0.01", "0.1", "1"] {
        assert!(texts(&svg).contains(&label.to_string()), "decade {label} in {:?}", texts(&svg));
    }
    let mut sigmoid = spec(vec![curve("sigmoid", &[], 0)]);
    sigmoid.x_range = (-10.0, 10.0);
    let (_, g) = render_with(&sigmoid, ChartKind::Derivative, log);
    assert!(g.y_range.0 < 4.5e-5, "sigmoid′(10) = 4.5e-5 is inside the axis: {:?}", g.y_range);
    // A fixed range on a log axis is of |f′|.
    let mut fixed = spec(vec![curve("relu", &[], 0)]);
    fixed.y_range = Some((1e-6, 10.0));
    let (_, g) = render_with(&fixed, ChartKind::Derivative, log);
    assert!(
        (g.y_range.0 / 1e-6 - 1.0).abs() < 1e-9 && (g.y_range.1 / 10.0 - 1.0).abs() < 1e-9,
        "{:?}",
        g.y_range
    );
    assert!(g.to_pixel_clamped(0.0, 0.0).1 >= g.plot_area.3, "a zero is below the plot");
}

/// The `<rect>` elements filled in `color` with opacity, as `(x0, x1)` pixel spans.
fn shaded(svg: &str, color: RGBColor) -> Vec<(f64, f64)> {
    let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", color.0, color.1, color.2);
    let num = |l: &str, key: &str| -> f64 {
        l.split(&format!("{key}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
    };
    svg.lines()
        .filter(|l| l.contains("<rect") && l.contains(&fill) && l.contains("opacity=\"0.16"))
        .map(|l| (num(l, "x"), num(l, "x") + num(l, "width")))
        .collect()
}

#[test]
fn the_dead_zone_is_shaded_where_the_main_curves_derivative_is_at_most_the_threshold() {
    let options = ChartOptions { log_y: false, dead_zone: true };
    let (svg, g) = render_with(&spec(vec![curve("relu", &[], 0)]), ChartKind::Function, options);
    let zones = shaded(&svg, Theme::LIGHT.muted);
    assert_eq!(zones.len(), 1, "{zones:?}");
    let (left, zero) = (g.to_pixel(-5.0, 0.0).0 as f64, g.to_pixel(0.0, 0.0).0 as f64);
    assert!(
        (zones[0].0 - left).abs() <= 1.0 && (zones[0].1 - zero).abs() <= 1.0,
        "{zones:?} vs {left}..{zero}"
    );
    let leaky = render_with(
        &spec(vec![curve("leaky_relu", &[("negative_slope", 0.01)], 0)]),
        ChartKind::Derivative,
        options,
    )
    .0;
    assert!(shaded(&leaky, Theme::LIGHT.muted).is_empty(), "LeakyReLU(0.01) is never dead");
    let plain = render(&spec(vec![curve("relu", &[], 0)]), ChartKind::Function).0;
    assert!(shaded(&plain, Theme::LIGHT.muted).is_empty(), "no shading unless asked");
}

#[test]
fn compared_curves_are_dashed_and_the_legend_moves_off_the_curves() {
    // Two identical curves: the second is drawn dashed over the first, so both are visible.
    let s = spec(vec![curve("relu", &[], 0), curve("relu", &[], 1)]);
    let (svg, _) = render(&s, ChartKind::Function);
    let main = polylines(&svg, PALETTE[0]);
    let dashes = polylines(&svg, PALETTE[1]);
    assert_eq!(main.len(), 3, "main solid, in its two pieces, and its legend sample");
    assert!(dashes.len() > 20, "the compared curve as many dashes: {}", dashes.len());
    assert!(svg.find(&format!("#{:02X}", PALETTE[0].0)) < svg.rfind(&format!("#{:02X}", PALETTE[1].0)));
    // ReLU on [-5, 5] climbs to the upper right; the legend stays upper left. Mirrored (x < 0
    // rising), the upper left is taken and the legend moves.
    let legend_x = |svg: &str| {
        let line =
            svg.lines().find(|l| l.contains("<rect") && l.contains("opacity=\"0.9")).unwrap().to_owned();
        line.split("x=\"").nth(1).unwrap().split('"').next().unwrap().parse::<f64>().unwrap()
    };
    assert!(legend_x(&svg) < 320.0);
    // Curve points in the upper left push the box to the first free corner: upper right.
    let area = (50, 10, 630, 364);
    let crowded: Vec<(i32, i32)> = (0..100).map(|i| (60 + i, 20 + i / 2)).collect();
    assert_eq!(legend_corner(area, (120, 60), &[]), (5, 5));
    assert_eq!(legend_corner(area, (120, 60), &crowded), (580 - 120 - 5, 5));
}
