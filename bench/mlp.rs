//! Native timings of the dead-neuron lab's hot paths, for profiling (`make bench`, or
//! `cargo bench --bench mlp`): one training step of the two benchmark workloads (W1, W2), the twin step the
//! page runs, the born-dead sweep, `repeatLab` (100 seeds × 300 steps of W1's network; goal under
//! 1 s) and each claim of the claims page run to its verdict (goal: all three under 60 s).
//!
//! - W1 "interactive": 2 → 16 → 16 → 16 → 1, LeakyReLU(0.01), sigmoid + BCE, SGD lr 0.1, batch 32.
//! - W2 "compute": 2 → 128 → 128 → 128 → 1, the same, batch 512.
//!
//! Both train on the 512 training points of 640 two-moons points (the 80/20 split). A plain
//! harness (`harness = false`) keeps the dependencies light: each figure is the median of several
//! timed rounds of at least [`ROUND`] each. `--json PATH` also writes the figures as JSON
//! (`bench/run.mjs` merges them into `bench/results.json`).

use std::time::{Duration, Instant};

use actviz::activation::Activation;
use actviz::experiments::{repeat_lab, ClaimJob, RepeatOptions};
use actviz::mlp::dataset::generate;
use actviz::mlp::{born_dead_sweep, DatasetKind, LabConfig, OptimizerKind, Trainer, Twin};

/// Shortest timed round.
const ROUND: Duration = Duration::from_millis(300);
/// Timed rounds per figure (after one warm-up round).
const ROUNDS: usize = 5;

/// One benchmark workload.
struct Workload {
    name: &'static str,
    widths: [usize; 3],
    batch: usize,
}

const WORKLOADS: [Workload; 2] = [
    Workload { name: "W1", widths: [16, 16, 16], batch: 32 },
    Workload { name: "W2", widths: [128, 128, 128], batch: 512 },
];

fn config(workload: &Workload) -> LabConfig {
    LabConfig {
        dataset: DatasetKind::Moons,
        points: 640,
        hidden_widths: workload.widths.to_vec(),
        activation: Activation::LeakyRelu { negative_slope: 0.01 },
        optimizer: OptimizerKind::Sgd { momentum: 0.0 },
        learning_rate: 0.1,
        batch_size: workload.batch,
        ..LabConfig::default()
    }
}

/// Median over [`ROUNDS`] of `units per second`, where one call of `work` does `units` units.
fn throughput(units: f64, mut work: impl FnMut()) -> f64 {
    // Calibrate: how many calls fill a round.
    let start = Instant::now();
    let mut calls = 0u64;
    while start.elapsed() < ROUND {
        work();
        calls += 1;
    }
    let mut rates: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                work();
            }
            units * calls as f64 / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    rates[ROUNDS / 2]
}

/// Examples per second of one network (forward + backward + SGD update) on consecutive batches.
fn single_network(workload: &Workload) -> f64 {
    let config = config(workload);
    let data = generate(config.dataset, config.points, config.noise, config.data_seed).expect("valid data");
    let train = &data.train;
    assert_eq!(train.len(), 512);
    let mut trainer =
        Trainer::from_config(&config, config.activation.clone(), 2, workload.batch).expect("valid config");
    let batches = train.len() / workload.batch;
    let mut next = 0;
    throughput(workload.batch as f64, || {
        let rows = next * workload.batch..(next + 1) * workload.batch;
        let inputs = &train.inputs()[rows.start * 2..rows.end * 2];
        let labels = &train.labels()[rows];
        trainer.train_step(inputs, labels).expect("valid batch");
        next = (next + 1) % batches;
    })
}

/// Examples per second per network of the twin (ReLU and LeakyReLU on the same batches), the
/// path `Lab.step` runs: every step trains two networks on `batch` examples each.
fn twin_per_network(workload: &Workload) -> f64 {
    let mut twin = Twin::new(&config(workload)).expect("valid config");
    let steps = 16;
    throughput((2 * steps * workload.batch) as f64, || {
        twin.step(steps as u64).expect("valid steps");
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let json_path = args.iter().position(|a| a == "--json").and_then(|i| args.get(i + 1)).cloned();
    let mut fields = Vec::new();
    for workload in &WORKLOADS {
        let single = single_network(workload);
        let twin = twin_per_network(workload);
        println!(
            "{}: {:>12.0} examples/s (one network), {:>12.0} examples/s per network (twin)",
            workload.name, single, twin
        );
        fields.push(format!(
            "\"{}\": {{ \"single\": {single:.0}, \"twin_per_network\": {twin:.0} }}",
            workload.name
        ));
    }
    let mut sweep_ms: Vec<f64> = (0..3)
        .map(|_| {
            let start = Instant::now();
            born_dead_sweep(Activation::Relu, &[2, 3, 4, 5, 10], 10, 1000, 1).expect("default sweep");
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    sweep_ms.sort_by(f64::total_cmp);
    println!("born-dead sweep (defaults): {:.1} ms", sweep_ms[1]);
    fields.push(format!("\"sweep_ms\": {:.1}", sweep_ms[1]));
    let mut repeat_ms: Vec<f64> = (0..3)
        .map(|_| {
            let start = Instant::now();
            let options = RepeatOptions { seeds: 100, steps: 300, vary_data: false };
            repeat_lab(&config(&WORKLOADS[0]), options).expect("valid repeat");
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    repeat_ms.sort_by(f64::total_cmp);
    println!("repeatLab 100 seeds × 300 steps (W1): {:.0} ms", repeat_ms[1]);
    fields.push(format!("\"repeat_ms\": {:.0}", repeat_ms[1]));
    let mut claims_total = 0.0;
    for id in ["dying", "oscillation", "noise"] {
        let (seconds, slowest) = claim_seconds(id);
        claims_total += seconds;
        println!("claim {id}: {seconds:.1} s (slowest unit {:.0} ms)", slowest * 1e3);
        fields.push(format!("\"claim_{id}_s\": {seconds:.2}"));
    }
    println!("claims, all three: {claims_total:.1} s");
    fields.push(format!("\"claims_s\": {claims_total:.2}"));
    if let Some(path) = json_path {
        let json = format!("{{ {} }}\n", fields.join(", "));
        std::fs::write(&path, json).unwrap_or_else(|e| panic!("could not write {path}: {e}"));
    }
}

/// Seconds to run claim `id` to its verdict, and the slowest single unit's.
fn claim_seconds(id: &str) -> (f64, f64) {
    let mut job = ClaimJob::new(id).expect("a claim id");
    let start = Instant::now();
    let mut slowest = 0.0f64;
    loop {
        let unit = Instant::now();
        let done = job.advance().expect("claims run");
        slowest = slowest.max(unit.elapsed().as_secs_f64());
        if done {
            break;
        }
    }
    (start.elapsed().as_secs_f64(), slowest)
}
