//! Property tests of every entry point of the core that user input reaches (the JS exports only
//! parse JS values and call these): arbitrary input gives `Ok` or a clean error, never a panic,
//! and finite output wherever the function is finite.
#![cfg(not(target_arch = "wasm32"))]

use actviz::activation::{catalogue, Activation, ParamKind, ParamValue};
use actviz::mlp::{born_dead_sweep, DatasetKind, LabConfig, OptimizerKind, Twin, WeightInit};
use actviz::plot::{draw_activation_chart, draw_svg, ChartKind, ChartSpec, Curve, Theme};
use plotters::prelude::*;
use proptest::prelude::*;

/// Any f64, specials included.
fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        any::<f64>(),
        -10.0..10.0f64,
    ]
}

/// A catalogue id. `custom` is left out: the limits and finiteness asserted here are the
/// catalogue's guarantees, and a user's formula has its own (`x * sigmoid(x)` is NaN at −∞, in
/// PyTorch too); formulas have their own property tests (`tests/formula_props.rs`).
fn catalogue_id() -> impl Strategy<Value = &'static str> {
    let ids: Vec<&'static str> = catalogue().iter().map(|a| a.id).filter(|&id| id != "custom").collect();
    (0..ids.len()).prop_map(move |i| ids[i])
}

/// An id (mostly real, sometimes garbage) and parameters (mostly real names, sometimes not).
fn activation_input() -> impl Strategy<Value = (String, Vec<(String, ParamValue)>)> {
    let id = prop_oneof![4 => catalogue_id().prop_map(String::from), 1 => ".{0,12}"];
    let name = prop_oneof![
        Just("negative_slope".to_string()),
        Just("alpha".to_string()),
        Just("beta".to_string()),
        Just("threshold".to_string()),
        Just("lower".to_string()),
        Just("upper".to_string()),
        Just("min_val".to_string()),
        Just("max_val".to_string()),
        Just("lambd".to_string()),
        Just("weight".to_string()),
        Just("approximate".to_string()),
        ".{0,8}",
    ];
    let value = prop_oneof![
        4 => any_number().prop_map(ParamValue::Number),
        1 => prop_oneof![Just("none".to_string()), Just("tanh".to_string()), ".{0,6}"].prop_map(ParamValue::Choice),
    ];
    (id, proptest::collection::vec((name, value), 0..4))
}

/// A valid activation with parameters inside their slider ranges.
fn slider_activation() -> impl Strategy<Value = Activation> {
    (catalogue_id(), proptest::collection::vec(0.0..=1.0f64, 2)).prop_filter_map(
        "invalid combination",
        |(id, t)| {
            let info = catalogue().iter().find(|a| a.id == id)?;
            let params: Vec<(&str, ParamValue)> = info
                .params
                .iter()
                .zip(&t)
                .map(|(p, &t)| match p.kind {
                    ParamKind::Number { min, max, .. } => (p.name, ParamValue::Number(min + t * (max - min))),
                    ParamKind::Choice { choices, .. } => {
                        (p.name, ParamValue::Choice(choices[(t * 1.99) as usize].into()))
                    }
                    ParamKind::Text { default, .. } => (p.name, ParamValue::Choice(default.into())),
                })
                .collect();
            Activation::from_params(id, &params).ok()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn building_an_activation_never_panics((id, params) in activation_input(), x in any_number()) {
        let borrowed: Vec<(&str, ParamValue)> = params.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
        match Activation::from_params(&id, &borrowed) {
            Ok(a) => {
                let (v, d) = (a.value(x), a.derivative(x));
                if x.is_nan() {
                    prop_assert!(v.is_nan() && d.is_nan());
                }
                prop_assert!(!d.is_nan() || x.is_nan(), "{id} derivative NaN at {x}");
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn finite_input_gives_finite_output(a in slider_activation(), x in -1e6..1e6f64) {
        prop_assert!(a.value(x).is_finite(), "{a:?} f({x}) = {}", a.value(x));
        prop_assert!(a.derivative(x).is_finite(), "{a:?} f'({x}) = {}", a.derivative(x));
    }

    #[test]
    fn infinite_input_gives_a_limit_not_nan(a in slider_activation(), sign in prop::bool::ANY) {
        let x = if sign { f64::INFINITY } else { f64::NEG_INFINITY };
        prop_assert!(!a.value(x).is_nan() && !a.derivative(x).is_nan(), "{a:?} at {x}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_chart_spec_renders(
        curves in proptest::collection::vec(slider_activation(), 1..=5),
        xmin in -1e6..1e6f64,
        span in 1e-6..1e6f64,
        y in proptest::option::of((-1e12..1e12f64, 1e-9..1e12f64)),
        scale in 0.25..8.0f64,
        dark in prop::bool::ANY,
        kind in prop::bool::ANY,
    ) {
        let spec = ChartSpec {
            curves: curves.into_iter().enumerate().map(|(i, activation)| Curve { activation, color: Theme::LIGHT.palette[i], label: format!("c{i}") }).collect(),
            x_range: (xmin, (xmin + span).min(1e6)),
            y_range: y.map(|(lo, span)| (lo, lo + span)),
            theme: if dark { Theme::DARK } else { Theme::LIGHT },
            scale,
        };
        prop_assume!(spec.x_range.0 < spec.x_range.1);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (320, 200)).into_drawing_area();
            let kind = if kind { ChartKind::Function } else { ChartKind::Derivative };
            let geometry = draw_activation_chart(&root, &spec, kind, None).unwrap();
            let (lo, hi) = geometry.y_range;
            prop_assert!(lo.is_finite() && hi.is_finite() && lo < hi);
        }
        prop_assert!(!svg.contains("NaN"));
        prop_assert!(draw_svg(&spec, 640, 200).is_ok());
    }

    #[test]
    fn any_lab_config_is_accepted_or_refused_cleanly(
        dataset in 0..5usize,
        points in prop_oneof![0..600usize, Just(1_000_000_000)],
        noise in any_number(),
        widths in proptest::collection::vec(prop_oneof![0..20usize, Just(1_000_000_000)], 0..10),
        lr in any_number(),
        bias in any_number(),
        batch in prop_oneof![0..64usize, Just(usize::MAX)],
        sgd in prop::bool::ANY,
        momentum in any_number(),
        decay in any_number(),
        seed in any::<u64>(),
    ) {
        let config = LabConfig {
            dataset: DatasetKind::ALL[dataset],
            data: None,
            points,
            noise,
            label_noise: noise / 2.0,
            data_seed: seed,
            hidden_widths: widths,
            activation: Activation::LeakyRelu { negative_slope: 0.01 },
            weight_init: WeightInit::HeNormal,
            bias_init: bias,
            optimizer: if sgd { OptimizerKind::Sgd { momentum } } else { OptimizerKind::Adam },
            learning_rate: lr,
            weight_decay: decay,
            batch_size: batch,
            seed,
        };
        match Twin::new(&config) {
            Ok(mut twin) => {
                twin.step(20).unwrap();
                let stats = twin.stats();
                for net in [&stats.relu, &stats.other] {
                    prop_assert!(net.dead_count <= net.neuron_count);
                    // A non-finite loss is only allowed when the run is reported as diverged.
                    prop_assert!(net.train.loss.is_finite() || net.diverged_at_step.is_some(), "{:?}", net.train);
                }
            }
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }

    #[test]
    fn any_sweep_request_is_accepted_or_refused_cleanly(
        widths in proptest::collection::vec(prop_oneof![0..12usize, Just(1_000_000)], 0..4),
        depth in prop_oneof![0..12usize, Just(1_000_000)],
        trials in prop_oneof![0..20usize, Just(1_000_000_000)],
        seed in any::<u64>(),
    ) {
        match born_dead_sweep(Activation::Relu, &widths, depth, trials, seed) {
            Ok(points) => {
                prop_assert_eq!(points.len(), widths.len());
                for p in points {
                    prop_assert!(p.born_dead <= p.trials && (0.0..=1.0).contains(&p.fraction));
                }
            }
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }
}

// ---- Bounded work for any finite input ----------------------------------------------------
//
// A chart's work is what it sends to its backend: every element (path, rectangle, circle, text)
// becomes one element of the SVG, every point of a path a coordinate pair. So the SVG's element
// and point counts measure the drawing work, independent of the clock; and the axes each chart
// reports were used for plotters' tick search, which finishes only on finite, non-empty ranges
// (an infinite or subnormal span loops forever), checked here too.

use actviz::activation::PARAM_LIMIT;
use actviz::mlp::{Histogram, Pair};
use actviz::plot::lab::{draw_histogram, draw_line_chart, Axes, HistogramChart, LineChart, Series};
use actviz::plot::lab_charts::{histogram_chart, LayerHistogram};
use actviz::plot::{AXIS_LIMIT, MAX_ABS_X};

/// Any finite f64, weighted towards the edges: ±f64::MAX, subnormals, ±0, the parameter limit.
fn any_finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::MAX),
        Just(-f64::MAX),
        Just(1.7e308),
        Just(-9e307),
        Just(9e307),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
        Just(-5e-324),
        Just(0.0),
        Just(-0.0),
        Just(PARAM_LIMIT),
        Just(-PARAM_LIMIT),
        Just(AXIS_LIMIT),
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        -PARAM_LIMIT..PARAM_LIMIT,
        -3.0..3.0f64,
    ]
}

/// `(elements, points)` of an SVG: one element per backend call, one point per coordinate pair.
fn svg_work(svg: &str) -> (usize, usize) {
    let elements = svg.matches('<').count();
    let points = svg
        .split("points=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or("").split_whitespace().count())
        .sum();
    (elements, points)
}

/// A range plotters can put ticks on: finite, increasing, within `limit`; and its tick search
/// returns a bounded number of ticks.
fn assert_usable((lo, hi): (f64, f64), limit: f64) -> Result<(), TestCaseError> {
    prop_assert!(lo.is_finite() && hi.is_finite() && lo < hi, "range {lo}..{hi}");
    prop_assert!(lo >= -limit && hi <= limit, "range {lo}..{hi} beyond ±{limit}");
    // plotters may give one tick more than asked for (its rounding); never unboundedly many.
    let ticks = plotters::coord::types::RangedCoordf64::from(lo..hi).key_points(10);
    prop_assert!(
        ticks.len() <= 11 && ticks.iter().all(|t| t.is_finite()),
        "{} ticks on {lo}..{hi}",
        ticks.len()
    );
    Ok(())
}

fn line_chart(series: Vec<Vec<(f64, f64)>>, y_range: Option<(f64, f64)>, markers: bool) -> LineChart {
    LineChart {
        series: series
            .into_iter()
            .enumerate()
            .map(|(i, points)| Series {
                label: format!("s{i}"),
                color: Theme::LIGHT.palette[i % 5],
                faint: i % 2 == 1,
                points,
            })
            .collect(),
        x_label: "x".into(),
        y_label: "y".into(),
        y_range,
        markers,
        theme: Theme::LIGHT,
        scale: 1.0,
    }
}

/// Draws a lab chart to a 400 × 260 SVG, returning its axes and work.
fn draw_lab<F>(draw: F) -> (Axes, (usize, usize))
where
    F: FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Axes,
{
    let mut svg = String::new();
    let axes = {
        let root = SVGBackend::with_string(&mut svg, (400, 260)).into_drawing_area();
        let axes = draw(&root);
        root.present().unwrap();
        axes
    };
    (axes, svg_work(&svg))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every activation with parameters anywhere in the finite f64 range is refused cleanly or
    /// drawn (function and derivative, auto and fixed y, any finite x and y ranges) in bounded work.
    #[test]
    fn any_finite_parameters_draw_in_bounded_work(
        id in catalogue_id(),
        values in proptest::collection::vec(any_finite(), 2),
        x in (any_finite(), any_finite()),
        y in proptest::option::of((any_finite(), any_finite())),
        derivative in prop::bool::ANY,
    ) {
        let info = catalogue().iter().find(|a| a.id == id).unwrap();
        let params: Vec<(&str, ParamValue)> = info.params.iter().zip(&values).filter_map(|(p, &v)| {
            matches!(p.kind, ParamKind::Number { .. }).then_some((p.name, ParamValue::Number(v)))
        }).collect();
        let activation = match Activation::from_params(id, &params) {
            Ok(activation) => activation,
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.starts_with(&format!("{id}: ")), "{message}");
                let over = values.iter().any(|v| v.abs() > PARAM_LIMIT);
                prop_assert!(!message.contains("between -1000000 and 1000000") || over, "{message}");
                return Ok(());
            }
        };
        let spec = ChartSpec {
            curves: vec![Curve { activation, color: Theme::LIGHT.palette[0], label: "a".into() }],
            x_range: x,
            y_range: y,
            theme: Theme::LIGHT,
            scale: 1.0,
        };
        let kind = if derivative { ChartKind::Derivative } else { ChartKind::Function };
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (320, 200)).into_drawing_area();
            let geometry = draw_activation_chart(&root, &spec, kind, None).unwrap();
            assert_usable(geometry.y_range, AXIS_LIMIT)?;
            root.present().unwrap();
        }
        let (elements, points) = svg_work(&svg);
        // Axes, ticks and labels: a few dozen elements; the curve: at most one point per sample
        // (2 400) plus the cuts at the y range and breakpoints.
        prop_assert!(elements < 400 && points < 6_000, "{elements} elements, {points} points");
        prop_assert!(!svg.contains("NaN") && !svg.contains("inf"));
        // Both charts as SVG (fixed y for f only), as "Download SVG" does.
        let both = draw_svg(&spec, 640, 200).unwrap();
        let (elements, points) = svg_work(&both);
        prop_assert!(elements < 800 && points < 12_000, "{elements} elements, {points} points");
    }

    /// The sweep chart and the lab's line charts with any finite points: bounded work, guarded axes.
    #[test]
    fn line_charts_of_any_finite_points_draw_in_bounded_work(
        series in proptest::collection::vec(proptest::collection::vec((any_finite(), any_finite()), 0..40), 0..5),
        y in proptest::option::of((any_finite(), any_finite())),
        sweep in prop::bool::ANY,
    ) {
        let count: usize = series.iter().map(Vec::len).sum();
        // drawSweep: fixed 0..1 and markers; drawLabChart: fitted or fixed y, no markers.
        let chart = if sweep { line_chart(series, Some((0.0, 1.0)), true) } else { line_chart(series, y, false) };
        let (axes, (elements, points)) = draw_lab(|root| draw_line_chart(root, &chart).unwrap());
        assert_usable(axes.x, AXIS_LIMIT)?;
        assert_usable(axes.y, AXIS_LIMIT)?;
        // Legend, axes and ticks, then per point at most a path vertex and a marker.
        prop_assert!(elements < 200 + 2 * count, "{elements} elements for {count} points");
        prop_assert!(points < 200 + 2 * count, "{points} path points for {count} points");
    }

    /// Histograms with any finite (f32 or f64) range and any counts.
    #[test]
    fn histograms_of_any_finite_range_draw_in_bounded_work(
        edges in (any_finite(), any_finite()),
        counts in proptest::collection::vec(prop_oneof![Just(u32::MAX), any::<u32>(), 0..10u32], 1..64),
        diverged in prop::bool::ANY,
    ) {
        let bins = counts.len();
        let histogram = Histogram { min: edges.0 as f32, max: edges.1 as f32, counts: counts.clone() };
        let layer = LayerHistogram { label: "ReLU", histogram: &histogram, diverged };
        let built = histogram_chart(Some(Pair { relu: layer, other: layer }), Theme::DARK, 2.0);
        let direct = HistogramChart { bars: vec![("x".into(), RGBColor(1, 2, 3), counts)], min: edges.0, max: edges.1, theme: Theme::LIGHT, scale: 1.0 };
        for chart in [built, direct] {
            let (axes, (elements, _)) = draw_lab(|root| draw_histogram(root, &chart).unwrap());
            assert_usable(axes.x, AXIS_LIMIT)?;
            assert_usable(axes.y, AXIS_LIMIT)?;
            prop_assert!(elements < 200 + 2 * bins, "{elements} elements for {bins} bins");
        }
    }
}

/// The reproductions of a frozen tab, each drawn in bounded work with finite axes.
#[test]
fn the_reported_freezing_inputs_are_refused_or_drawn() {
    for (id, name, value) in [
        ("leaky_relu", "negative_slope", 1e308),
        ("leaky_relu", "negative_slope", -1e308),
        ("elu", "alpha", 1.7e308),
        ("prelu", "weight", 1.7e308),
    ] {
        let error =
            Activation::from_params(id, &[(name, ParamValue::Number(value))]).unwrap_err().to_string();
        assert!(
            error.ends_with(&format!(
                "must be between -1000000 and 1000000, got {}",
                actviz::activation::format_number(value)
            )),
            "{error}"
        );
    }
    // The same curves at the limit, and a curve whose finite values reach ~f64::MAX (CELU with a
    // negative α grows like e^{-x}), fit a finite y range.
    for activation in [
        Activation::LeakyRelu { negative_slope: PARAM_LIMIT },
        Activation::Elu { alpha: PARAM_LIMIT },
        Activation::Prelu { weight: -PARAM_LIMIT },
        Activation::Celu { alpha: -1.0 },
    ] {
        for x_range in [(-5.0, 5.0), (-MAX_ABS_X, MAX_ABS_X), (-710.0, 0.0)] {
            let spec = ChartSpec {
                curves: vec![Curve {
                    activation: activation.clone(),
                    color: Theme::LIGHT.palette[0],
                    label: "a".into(),
                }],
                x_range,
                y_range: None,
                theme: Theme::LIGHT,
                scale: 1.0,
            };
            let mut svg = String::new();
            let root = SVGBackend::with_string(&mut svg, (320, 200)).into_drawing_area();
            let geometry = draw_activation_chart(&root, &spec, ChartKind::Function, None).unwrap();
            let (lo, hi) = geometry.y_range;
            assert!(
                lo.is_finite() && hi.is_finite() && lo < hi && lo >= -AXIS_LIMIT,
                "{activation:?}: {lo}..{hi}"
            );
        }
    }
    // drawSweep with widths ±9e307.
    let chart = line_chart(vec![vec![(-9e307, 0.0), (9e307, 1.0)]], Some((0.0, 1.0)), true);
    let (axes, _) = draw_lab(|root| draw_line_chart(root, &chart).unwrap());
    assert_eq!(axes.x, (-AXIS_LIMIT, AXIS_LIMIT));
}
