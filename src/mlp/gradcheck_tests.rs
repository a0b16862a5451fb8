//! Finite-difference checks of whole-network gradients: the f32 backward pass against central
//! differences of an independent f64 forward pass (written here, from the activation's f64
//! `value`), for both heads, with L2 weight decay and PReLU slopes.

use super::backprop::TrainWorkspace;
use super::config::WeightInit;
use super::network::Network;
use super::rng::Rng;
use crate::activation::{Activation, GeluApproximate};

/// `mean loss + weight_decay/2 · Σ w²`, all in f64, from `parameters` laid out like the network's.
fn reference_objective(
    network: &Network,
    parameters: &[f64],
    inputs: &[f32],
    labels: &[u8],
    decay: f64,
) -> f64 {
    reference_forward(network, parameters, inputs, labels, decay).0
}

/// The objective, and the smallest distance of any hidden pre-activation to a kink of the
/// catalogue's piecewise activations (0 and ±3): a finite difference straddling a kink is wrong.
fn reference_forward(
    network: &Network,
    parameters: &[f64],
    inputs: &[f32],
    labels: &[u8],
    decay: f64,
) -> (f64, f64) {
    let activation = network.activation();
    let hidden = network.hidden_layers();
    let mut total = 0.0;
    let mut kink_distance = f64::INFINITY;
    for (point, &label) in inputs.chunks_exact(network.inputs()).zip(labels) {
        let mut values: Vec<f64> = point.iter().map(|&v| f64::from(v)).collect();
        for layer in 0..=hidden {
            let shape = network.shape(layer);
            let mut next = vec![0.0; shape.fan_out];
            for (to, out) in next.iter_mut().enumerate() {
                *out = parameters[shape.bias_offset + to];
                for (from, &value) in values.iter().enumerate() {
                    *out += value * parameters[shape.weight_offset + from * shape.fan_out + to];
                }
            }
            if layer < hidden {
                for z in &mut next {
                    kink_distance = kink_distance.min(z.abs()).min((z.abs() - 3.0).abs());
                    *z = match network.slope_index(layer) {
                        Some(index) if *z <= 0.0 => parameters[index] * *z,
                        Some(_) => *z,
                        None => activation.value(*z),
                    };
                }
            }
            values = next;
        }
        total += if let [s] = values[..] {
            // −[y ln σ(s) + (1−y) ln(1−σ(s))], written plainly (the check is away from overflow).
            let p = 1.0 / (1.0 + (-s).exp());
            if label == 1 {
                -p.ln()
            } else {
                -(1.0 - p).ln()
            }
        } else {
            let log_sum: f64 = values.iter().map(|s| s.exp()).sum::<f64>().ln();
            log_sum - values[usize::from(label)]
        };
    }
    let penalty: f64 = parameters[..network.weight_count()].iter().map(|w| w * w).sum();
    (total / labels.len() as f64 + 0.5 * decay * penalty, kink_distance)
}

/// A small random network with random biases, and a batch of random points and labels, drawn
/// again until no hidden pre-activation lies within 1e-3 of a kink.
fn setup(activation: Activation, classes: usize, seed: u64) -> (Network, Vec<f32>, Vec<u8>) {
    setup_with(activation, 2, classes, seed)
}

/// [`setup`] with `features` inputs.
fn setup_with(
    activation: Activation,
    features: usize,
    classes: usize,
    seed: u64,
) -> (Network, Vec<f32>, Vec<u8>) {
    (seed..seed + 100)
        .map(|seed| draw_setup(activation.clone(), features, classes, seed))
        .find(|(network, inputs, labels)| {
            let parameters: Vec<f64> = network.parameters().iter().map(|&p| f64::from(p)).collect();
            reference_forward(network, &parameters, inputs, labels, 0.0).1 > 1e-3
        })
        .expect("some seed keeps away from kinks")
}

fn draw_setup(
    activation: Activation,
    features: usize,
    classes: usize,
    seed: u64,
) -> (Network, Vec<f32>, Vec<u8>) {
    let init = WeightInit::HeNormal;
    let mut network = Network::new(features, &[5, 4], classes, activation, init, 0.0, seed).unwrap();
    let mut rng = Rng::new(seed + 100);
    let (weight_count, slope_start) =
        (network.weight_count(), network.slope_index(0).unwrap_or(network.parameters().len()));
    for bias in &mut network.parameters_mut()[weight_count..slope_start] {
        *bias = (0.5 * rng.normal()) as f32;
    }
    let inputs: Vec<f32> = (0..8 * features).map(|_| rng.normal() as f32).collect();
    let labels: Vec<u8> = (0..8).map(|_| rng.below(classes) as u8).collect();
    (network, inputs, labels)
}

/// Indices of parameters whose analytic gradient disagrees with the central difference.
fn mismatches(network: &Network, analytic: &[f32], inputs: &[f32], labels: &[u8], decay: f64) -> Vec<String> {
    let parameters: Vec<f64> = network.parameters().iter().map(|&p| f64::from(p)).collect();
    let epsilon = 1e-6;
    let mut bad = Vec::new();
    for index in 0..parameters.len() {
        let mut shifted = parameters.clone();
        shifted[index] += epsilon;
        let plus = reference_objective(network, &shifted, inputs, labels, decay);
        shifted[index] -= 2.0 * epsilon;
        let minus = reference_objective(network, &shifted, inputs, labels, decay);
        let numeric = (plus - minus) / (2.0 * epsilon);
        let exact = f64::from(analytic[index]);
        if (exact - numeric).abs() > 2e-3 * numeric.abs() + 2e-5 {
            bad.push(format!("parameter {index}: backward {exact:.6e}, finite difference {numeric:.6e}"));
        }
    }
    bad
}

fn check(activation: Activation, classes: usize) {
    check_with(activation, 2, classes);
}

/// [`check`] for a network of `features` inputs.
fn check_with(activation: Activation, features: usize, classes: usize) {
    let decay = 0.05;
    let (network, inputs, labels) = setup_with(activation.clone(), features, classes, 3);
    let mut workspace = TrainWorkspace::new(&network, 8);
    let loss = workspace.loss_and_gradients(&network, &inputs, &labels, decay as f32);
    let parameters: Vec<f64> = network.parameters().iter().map(|&p| f64::from(p)).collect();
    let objective = reference_objective(&network, &parameters, &inputs, &labels, decay);
    let penalty: f64 = parameters[..network.weight_count()].iter().map(|w| w * w).sum();
    assert!(
        (loss + 0.5 * decay * penalty - objective).abs() < 1e-5,
        "{activation:?}: loss {loss} vs {objective}"
    );
    let bad = mismatches(&network, workspace.gradients(), &inputs, &labels, decay);
    assert!(bad.is_empty(), "{activation:?} with {classes} classes:\n{}", bad.join("\n"));
    if let Some(index) = network.slope_index(0) {
        assert!(workspace.gradients()[index].abs() > 1e-4, "the PReLU slope gradient is exercised");
    }
}

const ACTIVATIONS: [Activation; 17] = [
    Activation::Relu,
    Activation::LeakyRelu { negative_slope: 0.1 },
    Activation::Prelu { weight: 0.25 },
    Activation::Rrelu { lower: 0.125, upper: 1.0 / 3.0 },
    Activation::Elu { alpha: 1.0 },
    Activation::Celu { alpha: 0.7 },
    Activation::Selu,
    Activation::Gelu { approximate: GeluApproximate::None },
    Activation::Gelu { approximate: GeluApproximate::Tanh },
    Activation::Tanh,
    Activation::Sigmoid,
    Activation::Softplus { beta: 1.0, threshold: 20.0 },
    Activation::Mish,
    Activation::Silu,
    Activation::Hardswish,
    Activation::Softsign,
    Activation::Logsigmoid,
];

#[test]
fn gradients_match_finite_differences_with_the_binary_head() {
    for activation in ACTIVATIONS {
        check(activation, 2);
    }
}

#[test]
fn gradients_match_finite_differences_with_the_softmax_head() {
    for activation in ACTIVATIONS {
        check(activation, 3);
    }
}

#[test]
fn gradients_match_finite_differences_with_many_inputs_and_ten_classes() {
    // The article's shape in small: more inputs than hidden neurons, log_softmax + NLL over 10 classes.
    for activation in [Activation::Relu, Activation::LeakyRelu { negative_slope: 0.01 }, Activation::Tanh] {
        check_with(activation, 7, 10);
    }
}

#[test]
fn the_check_catches_a_wrong_gradient() {
    let (network, inputs, labels) = setup(Activation::Tanh, 2, 3);
    let mut workspace = TrainWorkspace::new(&network, 8);
    workspace.loss_and_gradients(&network, &inputs, &labels, 0.0);
    let mut wrong = workspace.gradients().to_vec();
    wrong[3] *= 1.05;
    assert!(mismatches(&network, workspace.gradients(), &inputs, &labels, 0.0).is_empty());
    assert_eq!(mismatches(&network, &wrong, &inputs, &labels, 0.0).len(), 1);
    // Forgetting the L2 term is caught too.
    assert!(!mismatches(&network, workspace.gradients(), &inputs, &labels, 0.05).is_empty());
}
