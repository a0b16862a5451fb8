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

fn catalogue_id() -> impl Strategy<Value = &'static str> {
    (0..catalogue().len()).prop_map(|i| catalogue()[i].id)
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
            points,
            noise,
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
