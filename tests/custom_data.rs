//! The lab's core on data of any shape: `Dataset::new`'s checks, PyTorch's `nn.Linear`
//! initialisation, and twins trained on given data (epochs, predictions, confusion matrices).
#![cfg(not(target_arch = "wasm32"))]

use actviz::activation::Activation;
use actviz::mlp::dataset::{MAX_CLASSES, MAX_FEATURES};
use actviz::mlp::{Dataset, LabConfig, Network, Rng, SplitDataset, Twin, WeightInit};
use std::sync::Arc;

/// `rows` points in `features` dimensions around `classes` well-separated random centres.
fn clusters(features: usize, classes: usize, rows: usize, seed: u64) -> Dataset {
    let mut centres = Rng::new(99);
    let centre: Vec<f64> = (0..features * classes).map(|_| 2.0 * centres.normal()).collect();
    let mut rng = Rng::new(seed);
    let labels: Vec<u8> = (0..rows).map(|i| (i % classes) as u8).collect();
    let inputs = labels
        .iter()
        .flat_map(|&label| {
            let start = usize::from(label) * features;
            centre[start..start + features]
                .iter()
                .map(|&c| (c + 0.7 * rng.normal()) as f32)
                .collect::<Vec<_>>()
        })
        .collect();
    Dataset::new(inputs, labels, features, classes).unwrap()
}

fn error(result: Result<Dataset, actviz::mlp::LabError>) -> String {
    result.expect_err("refused").message
}

#[test]
fn bad_data_is_refused_with_a_message_naming_the_problem() {
    assert_eq!(
        error(Dataset::new(vec![0.0; 2559], vec![0; 10], 256, 10)),
        "inputs must hold rows × features = 10 × 256 = 2560 numbers, got 2559"
    );
    let mut nan = vec![0.0; 12];
    nan[7] = f32::NAN;
    assert_eq!(
        error(Dataset::new(nan, vec![0; 4], 3, 2)),
        "inputs must be finite numbers, got NaN at row 2, feature 1"
    );
    let mut infinite = vec![0.0; 12];
    infinite[0] = f32::INFINITY;
    assert!(error(Dataset::new(infinite, vec![0; 4], 3, 2)).contains("got inf at row 0, feature 0"));
    assert_eq!(
        error(Dataset::new(vec![0.0; 6], vec![0, 3], 3, 3)),
        "labels must be classes 0 to 2, got 3 at row 1"
    );
    assert_eq!(error(Dataset::new(Vec::new(), Vec::new(), 3, 2)), "rows must be between 1 and 60000, got 0");
    assert_eq!(
        error(Dataset::new(vec![0.0; 2000], vec![0; 1], 2000, 2)),
        format!("features must be between 1 and {MAX_FEATURES}, got 2000")
    );
    assert_eq!(
        error(Dataset::new(vec![0.0; 2], vec![0; 1], 2, 101)),
        format!("classes must be between 2 and {MAX_CLASSES}, got 101")
    );
    assert_eq!(
        error(Dataset::new(vec![0.0; 2], vec![0; 1], 2, 1)),
        "classes must be between 2 and 100, got 1"
    );
    let (a, b) = (clusters(3, 2, 10, 1), clusters(4, 2, 10, 1));
    let mismatch = SplitDataset::new(a.clone(), b, Vec::new()).unwrap_err().message;
    assert_eq!(mismatch, "the test set must have the training set's 3 features, got 4");
    let names = SplitDataset::new(a.clone(), a.clone(), vec!["one".into()]).unwrap_err().message;
    assert_eq!(names, "class names must name all 2 classes, got 1");
    let named = SplitDataset::new(a.clone(), a, vec!["cat".into(), "dog".into()]).unwrap();
    assert_eq!((named.class_name(1), named.class_name(5)), ("dog".to_string(), "class 5".to_string()));
}

#[test]
fn pytorch_default_draws_weights_and_biases_within_one_over_root_fan_in() {
    let init = WeightInit::PytorchDefault;
    let network = Network::new(256, &[128, 64], 10, Activation::Relu, init, 5.0, 7).unwrap();
    let uniform = Network::new(256, &[128, 64], 10, Activation::Relu, WeightInit::Uniform, 0.0, 7).unwrap();
    let fans = [(256usize, 128usize), (128, 64), (64, 10)];
    for (layer, &(fan_in, fan_out)) in fans.iter().enumerate() {
        let bound = 1.0 / (fan_in as f64).sqrt();
        let weights: Vec<f64> = (0..fan_in)
            .flat_map(|from| (0..fan_out).map(move |to| (from, to)))
            .map(|(from, to)| f64::from(network.weight(layer, from, to).unwrap()))
            .collect();
        let biases: Vec<f64> = (0..fan_out).map(|n| f64::from(network.bias(layer, n).unwrap())).collect();
        for (what, values) in [("weights", &weights), ("biases", &biases)] {
            assert!(values.iter().all(|v| v.abs() <= bound), "layer {layer} {what} within ±{bound}");
            // U(−b, b) has mean 0 and variance b²/3: the sample's, within a few standard errors.
            let n = values.len() as f64;
            let mean = values.iter().sum::<f64>() / n;
            let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
            assert!(mean.abs() < 4.0 * bound / (3.0 * n).sqrt(), "layer {layer} {what} mean {mean}");
            let ratio = variance / (bound * bound / 3.0);
            assert!(
                (ratio - 1.0).abs() < 6.0 * (0.8 / n).sqrt() + 0.01,
                "layer {layer} {what} variance ratio {ratio}"
            );
        }
        assert!(biases.iter().any(|&b| b != 5.0), "the bias setting is not used");
    }
    let count = network.weight_count();
    assert_eq!(
        network.parameters()[..count],
        uniform.parameters()[..count],
        "weights as WeightInit::Uniform's"
    );
}

#[test]
fn a_twin_learns_given_data_and_reports_epochs_predictions_and_confusion() {
    let (features, classes) = (20, 4);
    let data = SplitDataset::new(
        clusters(features, classes, 400, 1),
        clusters(features, classes, 100, 2),
        vec!["north".into(), "east".into(), "south".into(), "west".into()],
    )
    .unwrap();
    let config = LabConfig {
        data: Some(Arc::new(data)),
        hidden_widths: vec![32, 16],
        weight_init: WeightInit::PytorchDefault,
        batch_size: 32,
        ..LabConfig::default()
    };
    let mut twin = Twin::new(&config).unwrap();
    assert_eq!((twin.steps_per_epoch(), twin.epoch()), (12, 0), "400 rows in 12 full batches of 32");
    twin.step(11).unwrap();
    assert_eq!(twin.epoch(), 0);
    twin.step(1).unwrap();
    assert_eq!(twin.epoch(), 1);
    twin.step(12 * 4).unwrap();
    assert_eq!(twin.epoch(), 5);
    let stats = twin.stats();
    for net in [&stats.relu, &stats.other] {
        assert!(
            net.test.accuracy > 0.9,
            "{}: {} test accuracy on separable clusters",
            net.activation_id,
            net.test.accuracy
        );
        assert_eq!(net.layers.iter().map(|l| l.dead.len()).collect::<Vec<_>>(), [32, 16]);
    }
    let test = twin.data().test.clone();
    let matrix = twin.relu_mut().confusion(&test).unwrap();
    assert_eq!(matrix.len(), classes * classes);
    for class in 0..classes {
        let row: u32 = matrix[class * classes..][..classes].iter().sum();
        assert_eq!(row, 25, "row {class} counts that class's 25 test points");
    }
    let correct: u32 = (0..classes).map(|c| matrix[c * classes + c]).sum();
    assert!(
        (f64::from(correct) / 100.0 - stats.relu.test.accuracy).abs() < 1e-12,
        "the diagonal is the accuracy"
    );
    let (mut predicted, mut confidence) = (vec![0u8; 10], vec![0f32; 10]);
    twin.relu_mut().predict(&test, 90, &mut predicted, &mut confidence).unwrap();
    assert!(
        confidence.iter().all(|&p| (0.25..=1.0).contains(&p)),
        "the arg-max's probability: {confidence:?}"
    );
    let refused = twin.relu_mut().predict(&test, 95, &mut predicted, &mut confidence).unwrap_err().message;
    assert_eq!(refused, "rows 95 to 105 are not all in the 100 rows");
    let wrong_shape = clusters(3, 2, 10, 1);
    assert!(twin
        .relu_mut()
        .confusion(&wrong_shape)
        .unwrap_err()
        .message
        .contains("3 features and 2 classes"));
}

#[test]
fn label_noise_flips_given_training_labels_and_leaves_the_shared_data_alone() {
    let data =
        Arc::new(SplitDataset::new(clusters(5, 3, 200, 1), clusters(5, 3, 50, 2), Vec::new()).unwrap());
    let config = LabConfig { data: Some(Arc::clone(&data)), label_noise: 0.25, ..LabConfig::default() };
    let twin = Twin::new(&config).unwrap();
    let flipped = twin.data().train.labels().iter().zip(data.train.labels()).filter(|(a, b)| a != b).count();
    assert_eq!(flipped, 50, "exactly a quarter of the 200 training labels");
    assert_eq!(twin.data().test, data.test, "test labels stay clean");
}
