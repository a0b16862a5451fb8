//! The experiments core: repeat over seeds against single twin runs, its limits, gradient flow
//! against the lab's own networks, and the claim jobs' bookkeeping and ordinal rule.

use actviz::activation::Activation;
use actviz::experiments::claim_job::oscillation_score;
use actviz::experiments::*;
use actviz::mlp::dataset::generate;
use actviz::mlp::{DatasetKind, LabConfig, Network, OptimizerKind, Side, Twin, WeightInit};

fn small() -> LabConfig {
    LabConfig { hidden_widths: vec![8, 8], points: 200, seed: 5, ..LabConfig::default() }
}

/// One twin run by hand: `steps` steps, the train loss evaluated before the last `window` steps
/// and after each of them, then the statistics.
fn by_hand(config: &LabConfig, steps: u64) -> [(f64, f64, f64, f64, f64); 2] {
    let mut twin = Twin::new(config).unwrap();
    let train = twin.data().train.clone();
    let window = steps.min(100);
    for _ in 0..steps - window {
        twin.step(1).unwrap();
    }
    let mut previous = [Side::Relu, Side::Other].map(|s| twin.trainer_mut(s).evaluate(&train).loss);
    let mut total = [0.0; 2];
    for _ in 0..window {
        twin.step(1).unwrap();
        for (i, side) in [Side::Relu, Side::Other].into_iter().enumerate() {
            let loss = twin.trainer_mut(side).evaluate(&train).loss;
            total[i] += (loss - previous[i]).abs();
            previous[i] = loss;
        }
    }
    let stats = twin.stats();
    let pick = |n: &actviz::mlp::NetworkStats, i: usize| {
        (
            n.dead_count as f64,
            n.inactive_count as f64,
            n.test.loss,
            n.train.accuracy,
            total[i] / window as f64,
        )
    };
    [pick(&stats.relu, 0), pick(&stats.other, 1)]
}

#[test]
fn repeat_matches_single_twin_runs_bit_for_bit_and_is_deterministic() {
    for (steps, vary_data) in [(150, false), (40, true)] {
        let options = RepeatOptions { seeds: 4, steps, vary_data };
        let result = repeat_lab(&small(), options).unwrap();
        assert_eq!(result, repeat_lab(&small(), options).unwrap(), "same call, same arrays");
        assert_eq!(result.seeds, vec![5.0, 6.0, 7.0, 8.0]);
        for (i, &seed) in result.seeds.iter().enumerate() {
            let mut config = LabConfig { seed: seed as u64, ..small() };
            if vary_data {
                config.data_seed = seed as u64;
            }
            let [relu, other] = by_hand(&config, steps);
            for (side, (dead, inactive, test_loss, train_accuracy, oscillation)) in
                [(&result.relu, relu), (&result.other, other)]
            {
                assert_eq!(side.dead[i].to_bits(), dead.to_bits());
                assert_eq!(side.inactive[i].to_bits(), inactive.to_bits());
                assert_eq!(side.test_loss[i].to_bits(), test_loss.to_bits());
                assert_eq!(side.train_accuracy[i].to_bits(), train_accuracy.to_bits());
                assert_eq!(side.oscillation[i].to_bits(), oscillation.to_bits(), "seed {seed}");
                assert_eq!(side.diverged[i], 0.0);
            }
        }
    }
    // Varying the data changes the results; the job gives the same seeds one at a time.
    let fixed = repeat_lab(&small(), RepeatOptions { seeds: 3, steps: 40, vary_data: false }).unwrap();
    let varied = repeat_lab(&small(), RepeatOptions { seeds: 3, steps: 40, vary_data: true }).unwrap();
    assert_ne!(fixed.relu.test_loss, varied.relu.test_loss);
    let mut job = RepeatJob::new(&small(), RepeatOptions { seeds: 3, steps: 40, vary_data: false }).unwrap();
    assert_eq!((job.done(), job.total()), (0, 3));
    assert!(!job.advance().unwrap());
    assert_eq!(job.result().seeds, vec![5.0]);
    assert!(!job.advance().unwrap() && job.advance().unwrap() && job.advance().unwrap());
    assert_eq!(job.result(), &fixed);
}

#[test]
fn a_diverged_run_has_nan_metrics_and_counts_as_diverged() {
    let config = LabConfig {
        optimizer: OptimizerKind::Sgd { momentum: 0.99 },
        learning_rate: 10.0,
        bias_init: 5.0,
        hidden_widths: vec![64, 64, 64],
        ..small()
    };
    let result = repeat_lab(&config, RepeatOptions { seeds: 3, steps: 300, vary_data: false }).unwrap();
    let diverged: f64 = result.relu.diverged.iter().chain(&result.other.diverged).sum();
    assert!(diverged > 0.0, "{:?} {:?}", result.relu.diverged, result.other.diverged);
    for side in [&result.relu, &result.other] {
        for (i, &d) in side.diverged.iter().enumerate() {
            assert!(d == 0.0 || d == 1.0);
            let values = [
                side.dead[i],
                side.inactive[i],
                side.train_loss[i],
                side.test_loss[i],
                side.test_accuracy[i],
                side.oscillation[i],
            ];
            assert_eq!(values.iter().all(|v| v.is_nan()), d == 1.0, "{values:?}");
        }
    }
}

#[test]
fn repeat_limits_are_clear_errors() {
    let cases = [
        (RepeatOptions { seeds: 0, steps: 10, vary_data: false }, "seeds must be between 1 and 1000, got 0"),
        (
            RepeatOptions { seeds: 1001, steps: 10, vary_data: false },
            "seeds must be between 1 and 1000, got 1001",
        ),
        (RepeatOptions { seeds: 1, steps: 0, vary_data: false }, "steps must be between 1 and 100000, got 0"),
        (
            RepeatOptions { seeds: 1, steps: 100_001, vary_data: false },
            "steps must be between 1 and 100000, got 100001",
        ),
    ];
    for (options, message) in cases {
        assert_eq!(RepeatJob::new(&small(), options).unwrap_err().message, message);
    }
    let big = LabConfig { hidden_widths: vec![128; 4], points: 5000, batch_size: 4096, ..small() };
    let error =
        RepeatJob::new(&big, RepeatOptions { seeds: 1000, steps: 100_000, vary_data: false }).unwrap_err();
    assert_eq!(error.field, "repeat work");
    assert!(error.message.contains(&MAX_REPEAT_WORK.to_string()), "{}", error.message);
    let bad = LabConfig { learning_rate: -1.0, ..small() };
    assert_eq!(
        RepeatJob::new(&bad, RepeatOptions { seeds: 1, steps: 1, vary_data: false }).unwrap_err().field,
        "learning rate"
    );
}

#[test]
fn gradient_flow_measures_the_labs_own_networks() {
    let config = GradientFlowConfig {
        activation: Activation::LeakyRelu { negative_slope: 0.01 },
        depth: 4,
        width: 12,
        init: WeightInit::HeNormal,
        bias_init: 0.1,
        points: 120,
        seeds: 1,
        seed: 9,
        ..GradientFlowConfig::default()
    };
    let data = generate(DatasetKind::Moons, 120, 0.1, 9).unwrap().train;
    let network =
        Network::new(2, &[12; 4], 2, config.activation.clone(), WeightInit::HeNormal, 0.1, 9).unwrap();
    let norms = gradient_flow(&config).unwrap();
    assert_eq!(norms, gradient_norms(&network, &data), "same init, same f64 arithmetic");
    assert!(norms.iter().all(|n| n.is_finite() && *n > 0.0));
    // The median of 5 seeds is one of the 5 networks' norms, layer by layer.
    let five = GradientFlowConfig { seeds: 5, ..config.clone() };
    let per_seed = gradflow::gradient_flow_per_seed(&five).unwrap();
    for (layer, median) in gradient_flow(&five).unwrap().iter().enumerate() {
        let mut column: Vec<f64> = per_seed.iter().map(|n| n[layer]).collect();
        column.sort_by(f64::total_cmp);
        assert_eq!(*median, column[2]);
    }
}

#[test]
fn sigmoid_gradients_vanish_towards_the_input_and_relu_ones_do_not() {
    let sigmoid =
        GradientFlowConfig { activation: Activation::Sigmoid, seeds: 10, ..GradientFlowConfig::default() };
    let norms = gradient_flow(&sigmoid).unwrap();
    assert_eq!(norms.len(), 10);
    assert!(norms[0] < 1e-4 * norms[9], "{norms:?}");
    let relu = GradientFlowConfig { init: WeightInit::HeNormal, seeds: 10, ..GradientFlowConfig::default() };
    let norms = gradient_flow(&relu).unwrap();
    assert!(norms[0] > 0.05 * norms[9], "{norms:?}");
}

#[test]
fn gradient_flow_limits_are_clear_errors() {
    let base = GradientFlowConfig::default();
    let cases = [
        (GradientFlowConfig { depth: 0, ..base.clone() }, "depth must be between 1 and 50, got 0"),
        (GradientFlowConfig { depth: 51, ..base.clone() }, "depth must be between 1 and 50, got 51"),
        (GradientFlowConfig { width: 257, ..base.clone() }, "width must be between 1 and 256, got 257"),
        (GradientFlowConfig { seeds: 501, ..base.clone() }, "seeds must be between 1 and 500, got 501"),
        (GradientFlowConfig { seeds: 0, ..base.clone() }, "seeds must be between 1 and 500, got 0"),
    ];
    for (config, message) in cases {
        assert_eq!(gradient_flow(&config).unwrap_err().message, message);
    }
    let huge = GradientFlowConfig { depth: 50, width: 256, seeds: 500, points: 5000, ..base.clone() };
    assert_eq!(gradient_flow(&huge).unwrap_err().field, "gradient flow work");
    assert_eq!(gradient_flow(&GradientFlowConfig { points: 3, ..base }).unwrap_err().field, "dataset size");
}

#[test]
fn a_diverged_run_oscillates_more_than_any_finished_one() {
    let side = |oscillation: Vec<f64>, diverged: Vec<f64>| SideMetrics {
        oscillation,
        diverged,
        ..SideMetrics::default()
    };
    let relu = side(vec![0.5, 0.1, f64::NAN, f64::NAN, 0.2], vec![0.0, 0.0, 1.0, 1.0, 0.0]);
    let other = side(vec![0.1, 0.5, 9.0, f64::NAN, 0.2], vec![0.0, 0.0, 0.0, 1.0, 0.0]);
    let scores: Vec<f64> = (0..5).map(|i| oscillation_score(&relu, &other, i)).collect();
    assert_eq!(scores, vec![1.0, -1.0, 1.0, 0.0, 0.0]);
    assert_eq!(oscillation_score(&other, &relu, 2), -1.0);
}

#[test]
fn claim_jobs_fill_every_group_in_turn_and_stay_pending_until_done() {
    assert_eq!(
        ClaimJob::new("speed").unwrap_err().message,
        "claim must be one of dying, oscillation, noise, got \"speed\""
    );
    let mut job = ClaimJob::new("oscillation").unwrap();
    assert_eq!(job.total(), 400);
    for _ in 0..8 {
        assert!(!job.advance().unwrap());
    }
    let result = job.result();
    assert_eq!((result.done, result.total, result.verdict), (8, 400, None));
    assert_eq!(result.groups.iter().map(|g| g.key).collect::<Vec<_>>(), vec![0.1, 0.5, 1.0, 2.0]);
    for group in &result.groups {
        assert_eq!(group.differences.len(), 2, "{}", group.label);
        assert!(group.differences.iter().all(|d| [-1.0, 0.0, 1.0].contains(d)));
        assert_eq!(group.relu[0].len(), 2);
        assert_eq!(group.verdict, None);
    }
    assert_eq!(result.effect.interval.n, 8);
    let dying = ClaimJob::new("dying").unwrap();
    assert_eq!(dying.total(), 100 + 4 * 50);
    let noise = ClaimJob::new("noise").unwrap();
    assert!(
        noise.total() > 90 && noise.total().is_multiple_of(90),
        "several units per 2000-step seed: {}",
        noise.total()
    );
}

#[test]
fn a_seed_run_cut_into_slices_is_the_same_run_bit_for_bit() {
    use actviz::experiments::repeat::{run_twin, SeedRun};
    for steps in [1, 60, 100, 230] {
        let whole = run_twin(&small(), steps).unwrap();
        let mut run = SeedRun::new(&small(), steps).unwrap();
        let mut sliced = None;
        for budget in [7, 1, 33, 2, 64].into_iter().cycle() {
            if let Some(metrics) = run.advance(budget).unwrap() {
                sliced = Some(metrics);
                break;
            }
            assert!(run.done() < steps);
        }
        assert_eq!(sliced.unwrap(), whole, "{steps} steps");
    }
}

#[test]
fn the_noise_protocol_flips_its_training_labels_and_the_dying_one_runs_the_presets_length() {
    let clean = Twin::new(&NOISE.config(0.0)).unwrap();
    for share in NOISE.label_noise.iter().copied().filter(|&share| share > 0.0) {
        let noisy = Twin::new(&NOISE.config(share)).unwrap();
        let (a, b) = (clean.data(), noisy.data());
        assert_eq!(a.test.labels(), b.test.labels(), "test labels stay clean");
        let flipped = a.train.labels().iter().zip(b.train.labels()).filter(|(x, y)| x != y).count();
        let expected = (share * a.train.len() as f64).round() as usize;
        assert_eq!(flipped, expected, "label noise {share}: {flipped} of {} flipped", a.train.len());
    }
    let (_, steps) = DYING.config().unwrap();
    let preset = actviz::mlp::PRESETS.iter().find(|p| p.id == DYING.preset).unwrap();
    assert_eq!(steps, preset.steps);
}
