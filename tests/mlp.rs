//! The dead-neuron lab's core through its public API: determinism, twins, learning, dead-neuron
//! bookkeeping on hand-built networks, the born-dead sweep, presets, limits and allocation.
#![cfg(not(target_arch = "wasm32"))]

use actviz::activation::{Activation, ParamValue};
use actviz::mlp::{
    born_dead_sweep, Dataset, GridSpec, LabConfig, Network, OptimizerKind, Trainer, Twin, WeightInit,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts allocations per thread, so a test can assert that a code path allocates nothing.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(pointer, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn same_seed_gives_bitwise_identical_weights_and_a_different_seed_does_not() {
    let run = |seed| {
        let mut twin = Twin::new(&LabConfig { seed, ..LabConfig::default() }).unwrap();
        twin.step(200).unwrap();
        (twin.relu().network().parameters().to_vec(), twin.other().network().parameters().to_vec())
    };
    let (first, second, other_seed) = (run(7), run(7), run(8));
    let bits = |values: &[f32]| values.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&first.0), bits(&second.0));
    assert_eq!(bits(&first.1), bits(&second.1));
    assert_ne!(bits(&first.0), bits(&other_seed.0));
}

#[test]
fn twins_start_identical_and_prelu_only_adds_its_slopes() {
    for activation in
        [Activation::LeakyRelu { negative_slope: 0.01 }, Activation::Tanh, Activation::Prelu { weight: 0.2 }]
    {
        let twin = Twin::new(&LabConfig { activation: activation.clone(), ..LabConfig::default() }).unwrap();
        let (relu, other) = (twin.relu().network(), twin.other().network());
        let shared = relu.parameters().len();
        assert_eq!(relu.parameters(), &other.parameters()[..shared], "{activation:?}");
        if let Activation::Prelu { .. } = activation {
            assert_eq!(&other.parameters()[shared..], &[0.2; 3]);
        }
    }
}

#[test]
fn prelu_slopes_are_learned_and_reported() {
    let config = LabConfig { activation: Activation::Prelu { weight: 0.25 }, ..LabConfig::default() };
    let mut twin = Twin::new(&config).unwrap();
    twin.step(300).unwrap();
    let stats = twin.stats();
    for (layer, layer_stats) in stats.other.layers.iter().enumerate() {
        let slope = twin.other().network().prelu_slope(layer).unwrap();
        assert_ne!(slope, 0.25, "layer {layer} slope moved");
        assert_eq!(layer_stats.prelu_slope, Some(slope));
    }
    assert!(stats.relu.layers.iter().all(|layer| layer.prelu_slope.is_none()));
}

#[test]
fn default_moons_reach_95_percent_test_accuracy_in_2000_steps() {
    for seed in [1, 2, 3] {
        let mut twin = Twin::new(&LabConfig { seed, data_seed: seed, ..LabConfig::default() }).unwrap();
        twin.step(2000).unwrap();
        let stats = twin.stats();
        for network in [&stats.relu, &stats.other] {
            assert!(
                network.test.accuracy >= 0.95,
                "seed {seed} {}: {:?}",
                network.activation_id,
                network.test
            );
            assert!(network.train.loss < 0.2);
        }
    }
}

#[test]
fn dead_alive_and_revived_neurons_on_a_hand_built_network() {
    // One hidden layer of 3: neuron 0 dead (z = −1), neuron 1 active where x > 0, neuron 2 always.
    let mut network = Network::new(2, &[3], 2, Activation::Relu, WeightInit::HeNormal, 0.0, 1).unwrap();
    for (to, weights, bias) in [(0, [0.0, 0.0], -1.0), (1, [1.0, 0.0], 0.0), (2, [0.0, 0.0], 10.0)] {
        network.set_weight(0, 0, to, weights[0]).unwrap();
        network.set_weight(0, 1, to, weights[1]).unwrap();
        network.set_bias(0, to, bias).unwrap();
    }
    let points =
        Dataset::from_points(vec![-1.0, 0.5, 0.0, 0.0, 1.0, -0.5, 2.0, 1.0], vec![0, 0, 1, 1], 2).unwrap();
    let mut trainer = Trainer::new(network, OptimizerKind::Adam, 0.01, 0.0, 4).unwrap();
    let stats = trainer.stats(&points, &points);
    let layer = &stats.layers[0];
    assert_eq!(layer.dead, vec![true, false, false]);
    assert_eq!(layer.activation_rate, vec![0.0, 0.5, 1.0], "x = 0 counts as inactive");
    assert_eq!((layer.dead_count, stats.dead_count, stats.neuron_count), (1, 1, 3));
    assert_eq!(layer.mean_activation, (1.0 + 2.0 + 4.0 * 10.0) / 12.0);
    assert_eq!(layer.histogram.counts.iter().sum::<u32>(), 12);
    assert_eq!((stats.revived_total, layer.revived.clone()), (0, vec![false; 3]));

    trainer.network_mut().set_bias(0, 0, 0.5).unwrap();
    let stats = trainer.stats(&points, &points);
    assert_eq!(stats.layers[0].revived, vec![true, false, false]);
    assert_eq!((stats.dead_count, stats.revived_total), (0, 1));
    let stats = trainer.stats(&points, &points);
    assert_eq!((stats.layers[0].revived.clone(), stats.revived_total), (vec![false; 3], 1), "counted once");

    trainer.network_mut().set_bias(0, 0, -5.0).unwrap();
    trainer.stats(&points, &points);
    trainer.network_mut().set_bias(0, 0, 5.0).unwrap();
    assert_eq!(trainer.stats(&points, &points).revived_total, 2, "a second death and revival counts again");
}

#[test]
fn statistics_in_pieces_describe_the_step_they_started_at_while_training_goes_on() {
    for preset in ["default", "high_lr", "deep_narrow"] {
        let mut twin = Twin::new(&LabConfig::preset(preset).unwrap()).unwrap();
        twin.step(40).unwrap();
        let mut at_start = twin.clone();

        let mut job = twin.start_stats();
        assert_eq!((job.step(), job.pieces()), (40, 4 * (twin.config().hidden_widths.len() + 1)));
        let mut pieces = 0;
        loop {
            twin.step(3).unwrap();
            pieces += 1;
            if twin.advance_stats(&mut job) {
                break;
            }
        }
        assert_eq!(pieces, job.pieces(), "{preset}: one piece per layer, network and dataset");
        assert!(twin.advance_stats(&mut job), "a finished job stays finished");
        let stats = twin.finish_stats(job);
        assert_eq!(stats, at_start.stats(), "{preset}: the statistics of step 40, bit for bit");
        assert_eq!(stats.relu.step, 40);

        // The test-set pass runs all rows at once where `evaluate` goes by chunks.
        let test = at_start.data().test.clone();
        let evaluation = at_start.relu_mut().evaluate(&test);
        assert!((stats.relu.test.loss - evaluation.loss).abs() <= 1e-12 * evaluation.loss.abs());
        assert_eq!(stats.relu.test.accuracy, evaluation.accuracy);
    }
}

#[test]
fn an_unfinished_stats_job_is_finished_by_finish_stats_and_tracks_revivals_once() {
    let mut twin = Twin::new(&LabConfig::preset("high_lr").unwrap()).unwrap();
    let mut whole = twin.clone();
    for _ in 0..6 {
        twin.step(50).unwrap();
        whole.step(50).unwrap();
        let mut job = twin.start_stats();
        twin.advance_stats(&mut job);
        assert_eq!(twin.finish_stats(job), whole.stats());
    }
}

#[test]
fn a_stats_job_finished_by_a_trainer_of_another_shape_restarts_its_revival_tracking() {
    let twin = Twin::new(&LabConfig::default()).unwrap();
    let (train, test) = (&twin.data().train, &twin.data().test);
    let trainer = |widths: &[usize]| {
        let network = Network::new(2, widths, 2, Activation::Relu, WeightInit::HeNormal, 0.0, 1).unwrap();
        Trainer::new(network, OptimizerKind::Adam, 0.01, 0.0, 8).unwrap()
    };
    let (mut small, wide) = (trainer(&[4]), trainer(&[64, 64]));
    small.stats(train, test);
    let stats = small.finish_stats(wide.start_stats(), train, test);
    assert_eq!((stats.neuron_count, stats.layers.len(), stats.revived_total), (128, 2, 0));
}

#[test]
fn born_dead_sweep_matches_lu_et_al() {
    let relu = born_dead_sweep(Activation::Relu, &[2, 3, 4, 5, 10], 10, 1000, 1).unwrap();
    let fractions: Vec<f64> = relu.iter().map(|point| point.fraction).collect();
    assert!((0.45..0.75).contains(&fractions[1]), "width 3: {fractions:?}");
    assert!(fractions[4] < 0.02, "width 10: {fractions:?}");
    assert!(fractions.windows(2).all(|pair| pair[0] > pair[1]), "decreasing with width: {fractions:?}");
    assert_eq!((relu[1].width, relu[1].trials), (3, 1000));
    assert_eq!(relu[1].born_dead as f64 / 1000.0, relu[1].fraction);
    let leaky =
        born_dead_sweep(Activation::LeakyRelu { negative_slope: 0.01 }, &[2, 3, 10], 10, 1000, 1).unwrap();
    assert!(leaky.iter().all(|point| point.born_dead == 0), "{leaky:?}");
    // Each width has its own random stream: the list around it does not matter.
    let alone = born_dead_sweep(Activation::Relu, &[3], 10, 1000, 1).unwrap();
    assert_eq!(alone[0], relu[1]);
}

#[test]
fn high_lr_preset_kills_more_relu_neurons_than_leaky_relu_ones() {
    let (mut relu_total, mut other_total) = (0, 0);
    for seed in 1..=4 {
        let mut twin = Twin::new(&LabConfig { seed, ..LabConfig::preset("high_lr").unwrap() }).unwrap();
        twin.step(300).unwrap();
        let stats = twin.stats();
        assert!(
            stats.relu.dead_count > stats.other.dead_count + 5,
            "seed {seed}: {} vs {}",
            stats.relu.dead_count,
            stats.other.dead_count
        );
        assert_eq!((stats.relu.diverged_at_step, stats.other.diverged_at_step), (None, None));
        relu_total += stats.relu.dead_count;
        other_total += stats.other.dead_count;
    }
    assert!(
        relu_total * 2 > other_total * 3,
        "ReLU {relu_total} vs LeakyReLU {other_total} dead over 4 seeds"
    );
}

#[test]
fn a_diverged_twin_stops_and_the_other_keeps_training() {
    let mut twin = Twin::new(&LabConfig::default()).unwrap();
    twin.step(5).unwrap();
    twin.relu_mut().network_mut().set_weight(1, 0, 0, f32::INFINITY).unwrap();
    twin.step(10).unwrap();
    assert_eq!((twin.relu().diverged_at_step(), twin.relu().steps()), (Some(6), 5));
    assert_eq!((twin.other().diverged_at_step(), twin.other().steps(), twin.steps()), (None, 15, 15));
    assert!(twin.stats().relu.train.loss.is_nan());
}

#[test]
fn training_steps_and_decision_grids_do_not_allocate() {
    let mut twin =
        Twin::new(&LabConfig { activation: Activation::Prelu { weight: 0.25 }, ..LabConfig::default() })
            .unwrap();
    let grid = GridSpec { x_min: -2.0, x_max: 2.0, y_min: -2.0, y_max: 2.0, columns: 64, rows: 48 };
    let (mut class, mut probability) = (vec![0u8; 64 * 48], vec![0f32; 64 * 48]);
    twin.step(1).unwrap();
    twin.relu_mut().decision_grid(&grid, &mut class, &mut probability).unwrap();
    assert_eq!(allocations_during(|| assert_eq!(twin.step(50), Ok(51))), 0);
    let allocations =
        allocations_during(|| twin.relu_mut().decision_grid(&grid, &mut class, &mut probability).unwrap());
    assert_eq!(allocations, 0);
}

#[test]
fn training_with_a_custom_formula_does_not_allocate() {
    let formula = "where(x > 0, x * tanh(softplus(x)), leaky_relu(x, 0.2))";
    let activation =
        Activation::from_params("custom", &[("formula", ParamValue::Choice(formula.into()))]).unwrap();
    let mut twin = Twin::new(&LabConfig { activation, ..LabConfig::default() }).unwrap();
    twin.step(1).unwrap();
    assert_eq!(allocations_during(|| assert_eq!(twin.step(50), Ok(51))), 0);
    assert!(twin.stats().other.train.loss.is_finite());
}

#[test]
fn training_the_articles_shape_on_given_data_does_not_allocate() {
    // 256 inputs, 128 and 64 hidden, 10 classes, over several epochs (each reshuffles the order).
    let (features, rows) = (256, 200);
    let inputs: Vec<f32> = (0..features * rows).map(|i| ((i * 37 % 101) as f32) / 101.0).collect();
    let labels: Vec<u8> = (0..rows).map(|i| (i % 10) as u8).collect();
    let train = Dataset::new(inputs.clone(), labels.clone(), features, 10).unwrap();
    let test = Dataset::new(inputs, labels, features, 10).unwrap();
    let data = actviz::mlp::SplitDataset::new(train, test, Vec::new()).unwrap();
    let config = LabConfig {
        data: Some(std::sync::Arc::new(data)),
        hidden_widths: vec![128, 64],
        weight_init: WeightInit::PytorchDefault,
        batch_size: 64,
        ..LabConfig::default()
    };
    let mut twin = Twin::new(&config).unwrap();
    twin.step(1).unwrap();
    assert_eq!(allocations_during(|| assert_eq!(twin.step(20), Ok(21))), 0);
    assert_eq!(twin.epoch(), 7, "3 full batches of 64 per epoch of 200 rows");
}

#[test]
fn decision_grid_paints_top_row_first_and_reports_probabilities() {
    // Logit = 4x: p(class 1) rises from left to right, whatever the row.
    let mut network = Network::new(2, &[1], 2, Activation::Relu, WeightInit::HeNormal, 0.0, 1).unwrap();
    network.set_weight(0, 0, 0, 1.0).unwrap();
    network.set_weight(0, 1, 0, 0.0).unwrap();
    network.set_bias(0, 0, 0.0).unwrap();
    network.set_weight(1, 0, 0, 4.0).unwrap();
    let mut trainer = Trainer::new(network, OptimizerKind::Adam, 0.01, 0.0, 1).unwrap();
    let grid = GridSpec { x_min: -1.0, x_max: 1.0, y_min: 0.0, y_max: 1.0, columns: 4, rows: 2 };
    let (mut class, mut probability) = ([0u8; 8], [0f32; 8]);
    trainer.decision_grid(&grid, &mut class, &mut probability).unwrap();
    assert_eq!(class, [0, 0, 1, 1, 0, 0, 1, 1]);
    assert_eq!(probability[0], 0.5, "relu(x) = 0 left of 0");
    assert!((probability[3] - 1.0 / (1.0 + (-3.0f32).exp())).abs() < 1e-6, "x = 0.75 → σ(3)");
    let wrong = trainer.decision_grid(&grid, &mut [0u8; 7], &mut probability).unwrap_err();
    assert_eq!(wrong.message, "class buffer must hold columns × rows = 8 entries, got 7");
    let flipped = GridSpec { x_min: 1.0, x_max: -1.0, ..grid };
    assert!(trainer.decision_grid(&flipped, &mut class, &mut probability).is_err());

    let mut spiral =
        Twin::new(&LabConfig { dataset: actviz::mlp::DatasetKind::Spiral, ..LabConfig::default() }).unwrap();
    spiral.step(100).unwrap();
    let (mut class, mut confidence) = ([0u8; 8], [0f32; 8]);
    spiral.other_mut().decision_grid(&grid, &mut class, &mut confidence).unwrap();
    assert!(class.iter().all(|&c| c < 3) && confidence.iter().all(|&p| (1.0 / 3.0..=1.0).contains(&p)));
}

#[test]
fn invalid_inputs_are_errors_that_name_the_problem() {
    let error = Twin::new(&LabConfig { hidden_widths: vec![16, 1000], ..LabConfig::default() }).unwrap_err();
    assert_eq!(error.to_string(), "hidden width must be between 1 and 128, got 1000");
    let mut twin = Twin::new(&LabConfig::default()).unwrap();
    assert_eq!(twin.step(100_001).unwrap_err().message, "steps per call must be at most 100000, got 100001");
    let trainer = twin.relu_mut();
    assert_eq!(trainer.train_step(&[0.0; 4], &[0]).unwrap_err().field, "inputs");
    assert_eq!(
        trainer.train_step(&[0.0; 2], &[2]).unwrap_err().message,
        "label must be between 0 and 1, got 2"
    );
    assert_eq!(
        trainer.train_step(&[0.0; 66], &[0; 33]).unwrap_err().message,
        "batch size must be between 1 and 32, got 33"
    );
    let network = Network::new(2, &[4], 2, Activation::Relu, WeightInit::Uniform, 0.0, 1).unwrap();
    assert!(Trainer::new(network.clone(), OptimizerKind::Adam, -1.0, 0.0, 8).is_err());
    assert!(Trainer::new(network, OptimizerKind::Adam, 0.1, 0.0, 5000).is_err());
    let classes = Network::new(2, &[4], 101, Activation::Relu, WeightInit::Uniform, 0.0, 1).unwrap_err();
    assert_eq!(classes.message, "classes must be between 2 and 100, got 101");
    let inputs = Network::new(0, &[4], 2, Activation::Relu, WeightInit::Uniform, 0.0, 1).unwrap_err();
    assert_eq!(inputs.message, "inputs must be between 1 and 1024, got 0");
}

#[test]
fn initialisations_have_the_documented_scales() {
    let spread = |init| {
        let network = Network::new(2, &[128, 128], 2, Activation::Relu, init, -1.0, 3).unwrap();
        let second_layer = &network.parameters()[2 * 128..2 * 128 + 128 * 128];
        let deviation = (second_layer.iter().map(|w| w * w).sum::<f32>() / second_layer.len() as f32).sqrt();
        let largest = second_layer.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        (network, deviation, largest)
    };
    let (network, he, _) = spread(WeightInit::HeNormal);
    assert!((he - (2.0f32 / 128.0).sqrt()).abs() < 0.005, "He std {he}");
    assert_eq!(
        (network.bias(0, 5), network.bias(1, 127), network.bias(2, 0)),
        (Some(-1.0), Some(-1.0), Some(0.0))
    );
    let (_, xavier, _) = spread(WeightInit::XavierNormal);
    assert!((xavier - (2.0f32 / 256.0).sqrt()).abs() < 0.004, "Xavier std {xavier}");
    let (_, _, largest) = spread(WeightInit::XavierUniform);
    assert!(largest <= (6.0f32 / 256.0).sqrt() && largest > 0.95 * (6.0f32 / 256.0).sqrt());
    let (_, _, largest) = spread(WeightInit::Uniform);
    assert!(largest <= 1.0 / 128f32.sqrt() && largest > 0.95 / 128f32.sqrt());
}

/// The sweep's work cap is computed in u64 before any work: 1024 trials of depth 64 at width 256
/// is 2^32 weights (0 in 32-bit arithmetic), and is refused like any request over the cap.
#[test]
fn sweep_caps_are_exact_at_their_edges_without_overflow() {
    use actviz::mlp::sweep::{MAX_SWEEP_DEPTH, MAX_SWEEP_TRIALS, MAX_SWEEP_WIDTH, MAX_SWEEP_WORK};
    use actviz::mlp::{sweep_work, MAX_SWEEP_SEED};
    assert_eq!(sweep_work(&[256], 64, 1024), 1 << 32);
    let error = born_dead_sweep(Activation::Relu, &[256], 64, 1024, 1).unwrap_err();
    assert_eq!(error.field, "sweep size");
    assert!(error.message.contains("got 4294967296"), "{}", error.message);
    let all = [MAX_SWEEP_WIDTH; 64];
    assert_eq!(sweep_work(&all, MAX_SWEEP_DEPTH, MAX_SWEEP_TRIALS), 64 * 64 * 100_000 * 65_536);
    assert_eq!(sweep_work(&[usize::MAX], usize::MAX, usize::MAX), u64::MAX, "saturates, never wraps");
    // At the cap exactly: accepted (checked without running it); one weight more is refused.
    assert_eq!(sweep_work(&[10], 20, 100_000), MAX_SWEEP_WORK);
    let over = born_dead_sweep(Activation::Relu, &[10, 1], 20, 100_000, 1).unwrap_err();
    assert_eq!(over.message.split(", got ").nth(1).unwrap().split(';').next(), Some("202000000"));
    assert!(born_dead_sweep(Activation::Relu, &[1], 1, 1, 1).is_ok());
    // The seed: the whole range up to 2^53 − 1, distinct beyond 2^32.
    assert_eq!(MAX_SWEEP_SEED, (1 << 53) - 1);
    let run = |seed| born_dead_sweep(Activation::Relu, &[2, 3], 10, 200, seed);
    let edge = run(MAX_SWEEP_SEED).unwrap();
    assert_eq!(
        run(MAX_SWEEP_SEED + 1).unwrap_err().message,
        "sweep seed must be between 0 and 9007199254740991, got 9007199254740992"
    );
    let fractions = |seed| run(seed).unwrap().iter().map(|p| p.born_dead).collect::<Vec<_>>();
    assert_ne!(fractions(1 << 32), fractions((1 << 32) + 1), "seeds above 2^32 differ");
    assert_ne!(fractions(4_294_967_295), fractions(1 << 32));
    assert_eq!(edge.len(), 2);
}

/// Counts from JS (any f64) are checked before conversion and reported as given.
#[test]
fn whole_numbers_from_js_are_checked_before_conversion() {
    use actviz::mlp::whole_in_range;
    assert_eq!(whole_in_range("sweep trials", 100_000.0, 1, 100_000), Ok(100_000));
    assert_eq!(whole_in_range("sweep trials", 1.0, 1, 100_000), Ok(1));
    assert_eq!(whole_in_range("sweep seed", 9_007_199_254_740_991.0, 0, (1 << 53) - 1), Ok((1 << 53) - 1));
    assert_eq!(whole_in_range("sweep seed", -0.0, 0, 10), Ok(0));
    let message = |v: f64| whole_in_range("points", v, 10, 5000).unwrap_err().message;
    assert_eq!(message(1e15), "points must be between 10 and 5000, got 1000000000000000");
    assert_eq!(message(1e300), "points must be between 10 and 5000, got 1e300");
    assert_eq!(message(5001.0), "points must be between 10 and 5000, got 5001");
    assert_eq!(message(9.0), "points must be between 10 and 5000, got 9");
    assert_eq!(message(2.5), "points must be a whole number, got 2.5");
    assert_eq!(message(f64::NAN), "points must be a whole number, got NaN");
    assert_eq!(message(f64::INFINITY), "points must be a whole number, got Infinity");
}

#[test]
fn label_noise_flips_training_labels_only() {
    let clean = Twin::new(&LabConfig::default()).unwrap();
    let noisy = Twin::new(&LabConfig { label_noise: 0.2, ..LabConfig::default() }).unwrap();
    let (clean, noisy) = (clean.data(), noisy.data());
    assert_eq!(noisy.test, clean.test, "test labels stay clean");
    assert_eq!(noisy.train.inputs(), clean.train.inputs());
    let flipped = clean.train.labels().iter().zip(noisy.train.labels()).filter(|(a, b)| a != b).count();
    assert_eq!(flipped, 64, "20% of 320 training labels");
    let error = Twin::new(&LabConfig { label_noise: 0.55, ..LabConfig::default() }).unwrap_err();
    assert_eq!(error.message, "label noise must be between 0 and 0.5, got 0.55");
}

/// A 2 → 3 → 3 network with `activation`: hidden layer 0 neuron n gets weights (w, 0) and bias
/// `biases[n]`, layer 1 copies layer 0 (identity weights, zero biases).
fn hand_built(activation: Activation, w: f32, biases: [f32; 3]) -> Trainer {
    let mut network = Network::new(2, &[3, 3], 2, activation, WeightInit::HeNormal, 0.0, 1).unwrap();
    for (to, bias) in biases.into_iter().enumerate() {
        network.set_weight(0, 0, to, w).unwrap();
        network.set_weight(0, 1, to, 0.0).unwrap();
        network.set_bias(0, to, bias).unwrap();
        for from in 0..3 {
            network.set_weight(1, from, to, if from == to { 1.0 } else { 0.0 }).unwrap();
        }
        network.set_bias(1, to, 0.0).unwrap();
    }
    Trainer::new(network, OptimizerKind::Adam, 0.01, 0.0, 4).unwrap()
}

/// x in {-1, -0.5, 0.5, 1}.
fn four_points() -> Dataset {
    Dataset::from_points(vec![-1.0, 0.0, -0.5, 0.0, 0.5, 0.0, 1.0, 0.0], vec![0, 0, 1, 1], 2).unwrap()
}

#[test]
fn dead_means_no_local_gradient_on_any_input_for_every_activation() {
    let data = four_points();
    // Biases −5 (z < 0 everywhere), 0 (z ≤ 0 on half), +5 (z > 0 everywhere), weight 1.
    let biases = [-5.0, 0.0, 5.0];
    let relu = hand_built(Activation::Relu, 1.0, biases).stats(&data, &data);
    let layer = &relu.layers[0];
    assert_eq!(
        (layer.dead.clone(), layer.inactive.clone()),
        (vec![true, false, false], vec![true, false, false])
    );
    assert_eq!(layer.mean_abs_output, vec![0.0, 0.375, 5.0]);
    assert_eq!(layer.max_abs_pre_activation, 6.0);
    // Layer 1 copies layer 0: the same neuron is dead there too.
    assert_eq!((relu.dead_count, relu.inactive_count, relu.neuron_count), (2, 2, 6));
    assert_eq!((relu.inactive_fraction, relu.dead_layer), (2.0 / 6.0, None));

    let leaky = hand_built(Activation::LeakyRelu { negative_slope: 0.01 }, 1.0, biases).stats(&data, &data);
    assert_eq!(leaky.layers[0].inactive, vec![true, false, false], "inactive like ReLU");
    assert_eq!((leaky.dead_count, leaky.inactive_count), (0, 2), "slope 0.01 > 1e-3: never dead");
    assert!((leaky.layers[0].mean_abs_output[0] - 0.05).abs() < 1e-6, "it still passes 1% of z");
    let flat = hand_built(Activation::LeakyRelu { negative_slope: 1e-3 }, 1.0, biases).stats(&data, &data);
    assert_eq!(flat.dead_count, 2, "slope exactly 1e-3 counts as dead (≤)");

    // Biases −30 / 0 / +30 (z within 1 of them): saturated low, live, saturated high.
    for activation in [Activation::Sigmoid, Activation::Tanh] {
        let stats = hand_built(activation.clone(), 1.0, [-30.0, 0.0, 30.0]).stats(&data, &data);
        let layer = &stats.layers[0];
        assert_eq!(layer.dead, vec![true, false, true], "{activation:?}: saturated either way is dead");
        assert_eq!(layer.inactive, vec![true, false, false], "{activation:?}");
    }
    // Unsaturated sigmoid (f′ ≥ 0.0066 at |z| ≤ 5): never dead.
    assert_eq!(hand_built(Activation::Sigmoid, 1.0, [-4.0, 0.0, 4.0]).stats(&data, &data).dead_count, 0);

    // PReLU: the learned slope decides, not the initial one.
    let mut prelu = hand_built(Activation::Prelu { weight: 0.25 }, 1.0, biases);
    let stats = prelu.stats(&data, &data);
    assert_eq!((stats.dead_count, stats.inactive_count), (0, 2), "slope 0.25");
    let slopes = prelu.network().parameters().len() - 2;
    prelu.network_mut().parameters_mut()[slopes..].copy_from_slice(&[5e-4, 5e-4]);
    let stats = prelu.stats(&data, &data);
    assert_eq!(stats.layers[0].prelu_slope, Some(5e-4));
    assert_eq!((stats.dead_count, stats.inactive_count), (2, 2), "slope shrunk to 5e-4");
}

#[test]
fn an_entirely_dead_layer_is_named_and_revivals_follow_inactivity() {
    let data = four_points();
    let mut trainer = hand_built(Activation::Relu, 1.0, [-5.0, -5.0, -5.0]);
    let stats = trainer.stats(&data, &data);
    assert_eq!((stats.dead_layer, stats.dead_count), (Some(1), 6), "the output-most dead layer");
    trainer.network_mut().set_bias(1, 0, 1.0).unwrap();
    let stats = trainer.stats(&data, &data);
    assert_eq!(
        (stats.dead_layer, stats.layers[1].dead_count),
        (Some(0), 2),
        "layer 1 lives, layer 0 is dead"
    );
    assert_eq!(stats.layers[1].revived, vec![true, false, false]);
    // A sigmoid layer saturated everywhere is dead but active: no revival is counted for it.
    let mut sigmoid = hand_built(Activation::Sigmoid, 20.0, [30.0; 3]);
    let stats = sigmoid.stats(&data, &data);
    assert_eq!((stats.dead_layer, stats.layers[0].dead_count, stats.inactive_count), (Some(0), 3, 0));
    assert_eq!(stats.summary().inactive_count, 0);
}

// The formula language's array paths run in every training step of a custom activation.
#[test]
fn evaluating_arrays_allocates_nothing() {
    let f = actviz::formula::Formula::parse(
        "where(x > 0, x * tanh(softplus(x)), leaky_relu(x, 0.2) + max(x, -1)^2)",
    )
    .unwrap();
    let xs: Vec<f64> = (0..1000).map(|i| f64::from(i) / 100.0 - 5.0).collect();
    let xs32: Vec<f32> = xs.iter().map(|&x| x as f32).collect();
    let (mut out, mut out32, mut gradients) = (vec![0.0; 1000], vec![0.0f32; 1000], vec![1.0f32; 1000]);
    let counted = allocations_during(|| {
        f.eval_many(&xs, &mut out);
        f.derivative_many(&xs, &mut out);
        f.forward_f32(&xs32, &mut out32);
        f.backward_f32(&xs32, &mut gradients);
        let _ = (f.eval(0.5), f.eval_dual(0.5));
    });
    assert_eq!(counted, 0);
    // The counter counts: parsing allocates.
    assert!(allocations_during(|| drop(actviz::formula::Formula::parse("x").unwrap())) > 0);
    let (v, d) = f.eval_dual(f64::from(xs32[999]));
    assert_eq!((out32[999], gradients[999]), (v as f32, d as f32));
}
