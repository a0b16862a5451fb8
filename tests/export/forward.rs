//! The checks the export tests share: seeded twins to export, and the comparison of a parsed
//! file's plain f64 forward pass with the network's own log-probabilities and predictions.

use super::parse::{parse_safetensors, Parsed};
use actviz::activation::{Activation, ParamValue};
use actviz::mlp::export::to_safetensors;
use actviz::mlp::images::parse_image_set;
use actviz::mlp::{Dataset, LabConfig, OptimizerKind, Rng, SplitDataset, Trainer, Twin, WeightInit};
use flate2::read::GzDecoder;
use std::io::Read;
use std::sync::Arc;

const ASSET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/assets/fashion-mnist-16.bin.gz");

/// Twins trained `steps` batches on moons (2 features, 2 classes) with `activation` beside ReLU.
pub fn moons_twin(activation: Activation, steps: u64) -> Twin {
    let mut twin = Twin::new(&LabConfig { activation, ..LabConfig::default() }).unwrap();
    twin.step(steps).unwrap();
    twin
}

/// Twins trained on random 5-feature, 4-class data with PyTorch's initialisation.
pub fn blobs_twin(activation: Activation, steps: u64) -> Twin {
    let mut rng = Rng::new(5);
    let mut part = |rows: usize| {
        let labels: Vec<u8> = (0..rows).map(|i| (i % 4) as u8).collect();
        let inputs =
            labels.iter().flat_map(|&l| (0..5).map(move |f| f as f32 * 0.3 - f32::from(l))).collect();
        let inputs: Vec<f32> = Vec::into_iter(inputs).map(|x: f32| x + rng.normal() as f32).collect();
        Dataset::new(inputs, labels, 5, 4).unwrap()
    };
    let data = SplitDataset::new(part(200), part(40), Vec::new()).unwrap();
    let config = LabConfig {
        data: Some(Arc::new(data)),
        hidden_widths: vec![12, 7],
        weight_init: WeightInit::PytorchDefault,
        activation,
        ..LabConfig::default()
    };
    let mut twin = Twin::new(&config).unwrap();
    twin.step(steps).unwrap();
    twin
}

/// The article's network (256 → 128 → 64 → 10, LeakyReLU(0.01), PyTorch's initialisation, Adam
/// at 1e-3, batches of 64) trained `steps` batches on the first 640 training images of the
/// committed Fashion-MNIST asset, tested on its first 100 test images.
pub fn fashion_twin(steps: u64) -> Twin {
    let mut bytes = Vec::new();
    GzDecoder::new(&std::fs::read(ASSET).unwrap()[..]).read_to_end(&mut bytes).unwrap();
    let mut set = parse_image_set(&bytes).unwrap();
    let pixels = set.features();
    set.train_pixels.truncate(640 * pixels);
    set.train_labels.truncate(640);
    set.test_pixels.truncate(100 * pixels);
    set.test_labels.truncate(100);
    let config = LabConfig {
        data: Some(Arc::new(set.to_split().unwrap())),
        hidden_widths: vec![128, 64],
        activation: Activation::LeakyRelu { negative_slope: 0.01 },
        weight_init: WeightInit::PytorchDefault,
        optimizer: OptimizerKind::Adam,
        learning_rate: 1e-3,
        batch_size: 64,
        ..LabConfig::default()
    };
    let mut twin = Twin::new(&config).unwrap();
    twin.step(steps).unwrap();
    twin
}

/// The activation the file's metadata names, rebuilt from its id and parameters alone.
fn activation_from_metadata(file: &Parsed) -> Activation {
    let params: Vec<(&str, ParamValue)> = file
        .metadata
        .iter()
        .filter_map(|(key, value)| {
            let name = key.strip_prefix("activation.")?;
            let value = value.parse().map_or_else(|_| ParamValue::Choice(value.clone()), ParamValue::Number);
            Some((name, value))
        })
        .collect();
    Activation::from_params(&file.metadata["activation"], &params).unwrap()
}

/// log p(class) for every class, by a plain f64 forward pass over the parsed tensors:
/// `x ← f(W x + b)` per hidden layer (PReLU with its layer's `act{k}.weight`), then the head.
pub fn hand_log_probabilities(file: &Parsed, input: &[f32]) -> Vec<f64> {
    let activation = activation_from_metadata(file);
    let layers = (1..).take_while(|k| file.tensors.contains_key(&format!("fc{k}.weight"))).count();
    let mut x: Vec<f64> = input.iter().map(|&v| f64::from(v)).collect();
    for k in 1..=layers {
        let (shape, weight) = &file.tensors[&format!("fc{k}.weight")];
        let (_, bias) = &file.tensors[&format!("fc{k}.bias")];
        let (outs, ins) = (shape[0], shape[1]);
        assert_eq!(ins, x.len(), "fc{k}.weight is [out, in]");
        let z: Vec<f64> = (0..outs)
            .map(|o| {
                f64::from(bias[o]) + (0..ins).map(|i| f64::from(weight[o * ins + i]) * x[i]).sum::<f64>()
            })
            .collect();
        x = if k == layers {
            z
        } else {
            let f = match file.tensors.get(&format!("act{k}.weight")) {
                Some((_, slope)) => Activation::Prelu { weight: f64::from(slope[0]) },
                None => activation.clone(),
            };
            z.iter().map(|&z| f.value(z)).collect()
        };
    }
    if let [s] = x[..] {
        let softplus = |t: f64| t.max(0.0) + (-t.abs()).exp().ln_1p();
        return vec![-softplus(s), -softplus(-s)];
    }
    let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log_sum = max + x.iter().map(|s| (s - max).exp()).sum::<f64>().ln();
    x.iter().map(|s| s - log_sum).collect()
}

/// The network's own log p(class) for one row: minus its mean loss on that row with each label.
fn own_log_probabilities(trainer: &mut Trainer, row: &[f32]) -> Vec<f64> {
    let (features, classes) = (trainer.network().inputs(), trainer.network().classes());
    (0..classes)
        .map(|class| {
            -trainer.evaluate(&Dataset::new(row.to_vec(), vec![class as u8], features, classes).unwrap()).loss
        })
        .collect()
}

/// Rows to compare on: test rows, and the same rows scaled ×3 to reach the activation's tails.
fn probe_rows(data: &Dataset) -> Vec<Vec<f32>> {
    let rows: Vec<Vec<f32>> = (0..6).map(|i| data.row(i).to_vec()).collect();
    rows.iter().cloned().chain(rows.iter().map(|r| r.iter().map(|v| 3.0 * v).collect())).collect()
}

/// The export of `trainer`'s network, parsed by hand, predicts as the network does: same
/// log-probabilities (to f32 accuracy), same class. Returns the file and the probes.
pub fn check_against_network(trainer: &Trainer, test: &Dataset) -> (Vec<u8>, Vec<Vec<f32>>, Vec<Vec<f64>>) {
    let mut trainer = trainer.clone();
    let bytes = to_safetensors(trainer.network(), &[("side".into(), "other".into())]).unwrap();
    let file = parse_safetensors(&bytes);
    let rows = probe_rows(test);
    let mut own = Vec::new();
    for row in &rows {
        let (hand, mine) = (hand_log_probabilities(&file, row), own_log_probabilities(&mut trainer, row));
        for (h, m) in hand.iter().zip(&mine) {
            assert!((h - m).abs() <= 1e-4 * (1.0 + h.abs()), "log p: hand {hand:?}, network {mine:?}");
        }
        let (mut class, mut confidence) = ([0u8], [0f32]);
        let one = Dataset::new(row.clone(), vec![0], trainer.network().inputs(), trainer.network().classes());
        trainer.predict(&one.unwrap(), 0, &mut class, &mut confidence).unwrap();
        let best = (0..hand.len()).fold(0, |best, c| if hand[c] > hand[best] { c } else { best });
        let margin = hand.iter().enumerate().filter(|&(c, _)| c != best).map(|(_, h)| hand[best] - h);
        if margin.fold(f64::INFINITY, f64::min) > 1e-4 {
            assert_eq!(usize::from(class[0]), best, "predicted class");
        }
        own.push(mine);
    }
    (bytes, rows, own)
}
