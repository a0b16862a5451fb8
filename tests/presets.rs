//! Every preset's summary, checked statement by statement over seeds 1..=20 at the preset's
//! experiment length (`Preset::steps`). Failure messages print the measured ranges, which
//! `LabConfig::preset`'s doc comment quotes.
#![cfg(not(target_arch = "wasm32"))]

use actviz::mlp::{LabConfig, NetworkStats, Twin, PRESETS};

/// One seed's statistics at step 0 and at the preset's length.
struct Run {
    start: [NetworkStats; 2],
    end: [NetworkStats; 2],
}

/// The preset run over seeds 1..=20 to its `steps`.
fn runs(id: &str) -> Vec<Run> {
    let preset = PRESETS.iter().find(|p| p.id == id).unwrap();
    (1..=20)
        .map(|seed| {
            let mut twin = Twin::new(&LabConfig { seed, ..LabConfig::preset(id).unwrap() }).unwrap();
            let start = twin.stats();
            twin.step(preset.steps).unwrap();
            let end = twin.stats();
            Run { start: [start.relu, start.other], end: [end.relu, end.other] }
        })
        .collect()
}

/// "min–max" of `f` over the runs, for messages.
fn range(runs: &[Run], f: impl Fn(&Run) -> f64) -> String {
    let values: Vec<f64> = runs.iter().map(f).collect();
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!("{min}–{max}")
}

fn dead(net: &NetworkStats) -> f64 {
    net.dead_count as f64
}

fn accuracy(net: &NetworkStats) -> f64 {
    net.test.accuracy
}

/// Checks `claim` on every run, naming it and the measured range of `measure` if one fails.
fn every(runs: &[Run], claim: &str, measure: impl Fn(&Run) -> f64, ok: impl Fn(&Run) -> bool) {
    let failed: Vec<usize> = (0..runs.len()).filter(|&i| !ok(&runs[i])).map(|i| i + 1).collect();
    assert!(failed.is_empty(), "{claim}: fails for seeds {failed:?}; measured {}", range(runs, measure));
}

/// Seeds whose ReLU network has an entirely dead layer at the end.
fn dead_layer_seeds(runs: &[Run]) -> usize {
    runs.iter().filter(|r| r.end[0].dead_layer.is_some()).count()
}

#[test]
fn every_preset_has_a_length_and_a_summary_with_its_numbers() {
    for preset in PRESETS {
        assert!((100..=5000).contains(&preset.steps), "{}", preset.id);
        assert!(preset.summary.contains(&preset.steps.to_string()), "{} names its length", preset.id);
    }
}

#[test]
fn default_both_learn_a_few_relu_neurons_die_no_leaky_one() {
    let runs = runs("default");
    every(
        &runs,
        "both ≥ 95% test accuracy",
        |r| accuracy(&r.end[0]).min(accuracy(&r.end[1])),
        |r| accuracy(&r.end[0]) >= 0.95 && accuracy(&r.end[1]) >= 0.95,
    );
    every(
        &runs,
        "a few ReLU dead (1 to 12 of 48)",
        |r| dead(&r.end[0]),
        |r| (1..=12).contains(&r.end[0].dead_count),
    );
    every(&runs, "no Leaky ReLU dead", |r| dead(&r.end[1]), |r| r.end[1].dead_count == 0);
}

#[test]
fn high_lr_relu_loses_40_or_more_and_does_worse_leaky_none_dead() {
    let runs = runs("high_lr");
    every(&runs, "ReLU ≥ 40 of 96 dead", |r| dead(&r.end[0]), |r| r.end[0].dead_count >= 40);
    every(&runs, "no Leaky ReLU dead", |r| dead(&r.end[1]), |r| r.end[1].dead_count == 0);
    every(
        &runs,
        "Leaky ReLU has inactive neurons (10+)",
        |r| r.end[1].inactive_count as f64,
        |r| r.end[1].inactive_count >= 10,
    );
    every(&runs, "Leaky ReLU ≥ 95% test", |r| accuracy(&r.end[1]), |r| accuracy(&r.end[1]) >= 0.95);
    every(
        &runs,
        "ReLU worse than Leaky",
        |r| accuracy(&r.end[0]),
        |r| accuracy(&r.end[0]) < accuracy(&r.end[1]),
    );
    let chance = runs.iter().filter(|r| accuracy(&r.end[0]) <= 0.55).count();
    assert!(chance >= 3, "ReLU sometimes at chance: {chance} of 20 seeds");
    every(&runs, "neither diverges", |_| 0.0, |r| r.end.iter().all(|n| n.diverged_at_step.is_none()));
}

#[test]
fn negative_bias_relu_starts_half_dead_and_mostly_never_learns_leaky_does() {
    let runs = runs("negative_bias");
    every(&runs, "ReLU ≥ 20 of 48 dead at step 0", |r| dead(&r.start[0]), |r| r.start[0].dead_count >= 20);
    let stuck = dead_layer_seeds(&runs);
    assert!(stuck > 10, "a whole ReLU layer dead in most seeds: {stuck} of 20");
    every(
        &runs,
        "a dead layer means chance accuracy",
        |r| accuracy(&r.end[0]),
        |r| r.end[0].dead_layer.is_none() || accuracy(&r.end[0]) <= 0.55,
    );
    every(&runs, "no Leaky ReLU dead", |r| dead(&r.end[1]), |r| r.end[1].dead_count == 0);
    every(&runs, "Leaky ReLU ≥ 95% test", |r| accuracy(&r.end[1]), |r| accuracy(&r.end[1]) >= 0.95);
}

#[test]
fn deep_narrow_relu_often_has_a_dead_layer_leaky_learns() {
    let runs = runs("deep_narrow");
    let stuck = dead_layer_seeds(&runs);
    assert!((4..=10).contains(&stuck), "a whole ReLU layer dead in about a third of seeds: {stuck} of 20");
    let born = runs.iter().filter(|r| r.start[0].dead_layer.is_some()).count();
    assert!(born >= 2, "some from before training: {born} of 20");
    every(
        &runs,
        "a dead layer means chance accuracy",
        |r| accuracy(&r.end[0]),
        |r| r.end[0].dead_layer.is_none() || accuracy(&r.end[0]) <= 0.55,
    );
    every(&runs, "no Leaky ReLU dead", |r| dead(&r.end[1]), |r| r.end[1].dead_count == 0);
    every(&runs, "Leaky ReLU ≥ 90% test", |r| accuracy(&r.end[1]), |r| accuracy(&r.end[1]) >= 0.9);
}

#[test]
fn deep_sigmoid_stays_at_chance_with_no_dead_neuron_while_relu_learns() {
    let runs = runs("deep_sigmoid");
    every(&runs, "ReLU ≥ 95% test", |r| accuracy(&r.end[0]), |r| accuracy(&r.end[0]) >= 0.95);
    every(&runs, "sigmoid ≤ 55% test (chance)", |r| accuracy(&r.end[1]), |r| accuracy(&r.end[1]) <= 0.55);
    every(&runs, "no sigmoid neuron dead", |r| dead(&r.end[1]), |r| r.end[1].dead_count == 0);
}
