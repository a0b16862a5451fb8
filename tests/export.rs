//! Weights to PyTorch: the `.safetensors` export read back two ways, through the `safetensors`
//! crate and by a parser written here from the format's definition (8-byte little-endian header
//! length, JSON header, data offsets); a plain f64 forward pass over the parsed tensors must give
//! the network's own predictions. With numpy, `export/check.py` runs the generated `class Net` on
//! a numpy stand-in for `torch.nn` and compares it the same way.
#![cfg(not(target_arch = "wasm32"))]

use actviz::activation::{Activation, ParamValue};
use actviz::mlp::export::to_safetensors;
use actviz::mlp::pytorch::{loader_source, net_source, NetShape, TestData};
use actviz::mlp::{Dataset, LabConfig, Network, Rng, SplitDataset, Trainer, Twin, WeightInit};
use safetensors::{Dtype, SafeTensors};
use std::collections::HashMap;
use std::process::Command;
use std::sync::Arc;

#[path = "export/parse.rs"]
mod parse;
use parse::{parse_safetensors, Parsed};

/// Twins trained `steps` batches on moons (2 features, 2 classes) with `activation` beside ReLU.
fn moons_twin(activation: Activation, steps: u64) -> Twin {
    let mut twin = Twin::new(&LabConfig { activation, ..LabConfig::default() }).unwrap();
    twin.step(steps).unwrap();
    twin
}

/// Twins trained on random 5-feature, 4-class data with PyTorch's initialisation.
fn blobs_twin(activation: Activation, steps: u64) -> Twin {
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
fn hand_log_probabilities(file: &Parsed, input: &[f32]) -> Vec<f64> {
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
                None => activation,
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
fn check_against_network(trainer: &Trainer, test: &Dataset) -> (Vec<u8>, Vec<Vec<f32>>, Vec<Vec<f64>>) {
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

#[test]
fn a_trained_network_reads_back_through_the_safetensors_crate() {
    let twin = moons_twin(Activation::LeakyRelu { negative_slope: 0.01 }, 60);
    let network = twin.other().network();
    let bytes = to_safetensors(network, &[("steps".into(), "60".into())]).unwrap();
    let file = SafeTensors::deserialize(&bytes).unwrap();
    let mut names = file.names();
    names.sort();
    let expected = [
        "fc1.bias",
        "fc1.weight",
        "fc2.bias",
        "fc2.weight",
        "fc3.bias",
        "fc3.weight",
        "fc4.bias",
        "fc4.weight",
    ];
    assert_eq!(names, expected);
    let widths = [2, 16, 16, 16, 1];
    for layer in 0..4 {
        let weight = file.tensor(&format!("fc{}.weight", layer + 1)).unwrap();
        assert_eq!((weight.dtype(), weight.shape()), (Dtype::F32, &[widths[layer + 1], widths[layer]][..]));
        let values: Vec<f32> =
            weight.data().chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().unwrap())).collect();
        for to in 0..widths[layer + 1] {
            for from in 0..widths[layer] {
                assert_eq!(values[to * widths[layer] + from], network.weight(layer, from, to).unwrap());
            }
        }
        let bias = file.tensor(&format!("fc{}.bias", layer + 1)).unwrap();
        let first = f32::from_le_bytes(bias.data()[..4].try_into().unwrap());
        assert_eq!((bias.shape(), first), (&[widths[layer + 1]][..], network.bias(layer, 0).unwrap()));
    }
    let (_, metadata) = SafeTensors::read_metadata(&bytes).unwrap();
    let metadata = metadata.metadata().clone().unwrap();
    let get = |key: &str| metadata.get(key).map(String::as_str);
    assert_eq!(get("format"), Some("pt"));
    assert_eq!(get("activation"), Some("leaky_relu"));
    assert_eq!(get("activation.negative_slope"), Some("0.01"));
    assert_eq!(get("activation_module"), Some("nn.LeakyReLU(negative_slope=0.01)"));
    assert_eq!(
        (get("features"), get("hidden_widths"), get("classes")),
        (Some("2"), Some("16,16,16"), Some("2"))
    );
    assert_eq!((get("outputs"), get("head"), get("steps")), (Some("1"), Some("sigmoid"), Some("60")));
}

#[test]
fn the_hand_parsed_file_predicts_like_the_network_for_several_activations() {
    for activation in
        [Activation::LeakyRelu { negative_slope: 0.01 }, Activation::Tanh, Activation::Elu { alpha: 1.0 }]
    {
        let twin = moons_twin(activation, 80);
        check_against_network(twin.relu(), &twin.data().test);
        check_against_network(twin.other(), &twin.data().test);
    }
    let twin = blobs_twin(Activation::default_for("gelu").unwrap(), 40);
    let (_, _, own) = check_against_network(twin.other(), &twin.data().test);
    assert_eq!(own[0].len(), 4, "4 classes, log_softmax head");
}

#[test]
fn prelu_exports_each_layers_learned_slope() {
    let twin = blobs_twin(Activation::Prelu { weight: 0.25 }, 150);
    let network = twin.other().network();
    let file = parse_safetensors(&to_safetensors(network, &[]).unwrap());
    for layer in 0..2 {
        let (shape, slope) = &file.tensors[&format!("act{}.weight", layer + 1)];
        assert_eq!((&shape[..], slope[0]), (&[1][..], network.prelu_slope(layer).unwrap()));
        assert_ne!(slope[0], 0.25, "the slope has trained, so the check can tell layers apart");
    }
    assert!(!file.tensors.contains_key("act3.weight"));
    check_against_network(twin.other(), &twin.data().test);
}

#[test]
fn the_article_network_has_the_articles_tensor_shapes() {
    let leaky = Activation::LeakyRelu { negative_slope: 0.01 };
    let network = Network::new(256, &[128, 64], 10, leaky, WeightInit::PytorchDefault, 0.0, 1).unwrap();
    let file = parse_safetensors(&to_safetensors(&network, &[]).unwrap());
    let shapes: HashMap<&str, Vec<usize>> =
        file.tensors.iter().map(|(k, (s, _))| (k.as_str(), s.clone())).collect();
    let expected: HashMap<&str, Vec<usize>> = [
        ("fc1.weight", vec![128, 256]),
        ("fc1.bias", vec![128]),
        ("fc2.weight", vec![64, 128]),
        ("fc2.bias", vec![64]),
        ("fc3.weight", vec![10, 64]),
        ("fc3.bias", vec![10]),
    ]
    .into();
    assert_eq!(shapes, expected);
    assert_eq!(file.metadata["head"], "log_softmax");
    assert_eq!(file.metadata["hidden_widths"], "128,64");
}

#[test]
fn caller_metadata_may_not_overwrite_the_exports_own_keys() {
    let network = moons_twin(Activation::Relu, 0).relu().network().clone();
    for key in ["format", "activation", "activation.negative_slope", "head"] {
        let error = to_safetensors(&network, &[(key.into(), "x".into())]).unwrap_err();
        assert_eq!(
            error.message,
            format!("metadata key {key:?} is written by the export itself; choose another name")
        );
    }
    let twice = [("side".into(), "relu".into()), ("side".into(), "other".into())];
    assert_eq!(
        to_safetensors(&network, &twice).unwrap_err().message,
        "metadata key \"side\" appears twice; choose another name"
    );
}

/// With numpy (no torch needed), the generated `class Net` runs on a numpy stand-in for
/// `torch.nn`, loads the parsed file with `load_state_dict`, and must give the network's
/// log-probabilities; the loader scripts must be valid Python. Skipped, with a note, without numpy.
#[test]
fn numpy_runs_the_generated_net_on_the_exported_file() {
    let numpy = Command::new("python3").args(["-c", "import numpy"]).status().is_ok_and(|s| s.success());
    if !numpy {
        eprintln!("note: python3 with numpy not found; skipping the numpy check of the export");
        return;
    }
    let dir = std::env::temp_dir().join(format!("actviz-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        moons_twin(Activation::LeakyRelu { negative_slope: 0.01 }, 60).other().clone(),
        blobs_twin(Activation::Prelu { weight: 0.25 }, 100).other().clone(),
        blobs_twin(Activation::Elu { alpha: 1.0 }, 40).relu().clone(),
    ];
    let data = [
        moons_twin(Activation::Relu, 0).data().test.clone(),
        blobs_twin(Activation::Relu, 0).data().test.clone(),
    ];
    for (index, trainer) in cases.iter().enumerate() {
        let (bytes, rows, own) = check_against_network(trainer, &data[index.min(1)]);
        let shape = NetShape::of(trainer.network());
        let case = dir.join(format!("case{index}"));
        std::fs::create_dir_all(&case).unwrap();
        std::fs::write(case.join("weights.safetensors"), bytes).unwrap();
        std::fs::write(case.join("net.py"), net_source(&shape)).unwrap();
        let fashion = TestData::FashionMnist { width: 16, height: 16, count: 2000 };
        let csv = TestData::Csv { filename: "test.csv".into() };
        let article = NetShape::new(256, &[128, 64], 10, Activation::Relu).unwrap();
        std::fs::write(
            case.join("loader_fashion.py"),
            loader_source(&article, &fashion, "w.safetensors").unwrap(),
        )
        .unwrap();
        std::fs::write(case.join("loader_csv.py"), loader_source(&shape, &csv, "w.safetensors").unwrap())
            .unwrap();
        let json = |values: &[Vec<String>]| {
            format!("[{}]", values.iter().map(|r| format!("[{}]", r.join(","))).collect::<Vec<_>>().join(","))
        };
        let rows: Vec<Vec<String>> =
            rows.iter().map(|r| r.iter().map(|v| format!("{v:e}")).collect()).collect();
        let own: Vec<Vec<String>> =
            own.iter().map(|r| r.iter().map(|v| format!("{v:e}")).collect()).collect();
        std::fs::write(
            case.join("expected.json"),
            format!("{{\"rows\": {}, \"log_p\": {}}}", json(&rows), json(&own)),
        )
        .unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/export/check.py");
        let output = Command::new("python3").arg(script).arg(&case).output().unwrap();
        let report =
            String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "case {index}: {report}");
        assert!(report.contains("ok:"), "case {index}: {report}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
