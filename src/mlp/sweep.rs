//! The born-dead sweep of Lu, Shin, Su and Karniadakis, "Dying ReLU and Initialization: Theory and
//! Numerical Examples" (2019): how often is a randomly initialised deep, narrow network constant
//! ("born dead") before any training?
//!
//! Setup, as in the paper: 1 input, `depth` hidden layers of `width` neurons, He-normal weights
//! (N(0, 2/fan_in)), zero biases, evaluated in f64 on [`SWEEP_INPUTS`] evenly spaced inputs in
//! [−√3, √3] (both ends included). A network is **born dead** when the output of its last hidden
//! layer is the same on every input: for every neuron, `f64 ==` against the value at the first
//! input (an exact comparison; `+0 == −0`).
//!
//! Two exact shortcuts keep this fast without any assumption about the activation:
//! - the two end inputs are run first, one at a time; if their outputs differ the net is alive;
//! - otherwise all inputs run together, layer by layer, and as soon as every input's output at
//!   some layer equals (`==`, element by element) the first input's, all later layers must agree
//!   too (the same deterministic operations on equal values), so the net is born dead.
//!
//! A live net is found live by the first shortcut; a dead ReLU net collapses to a zero layer
//! after a few layers. Both paths sum in the same order, so they agree bit for bit; the tests
//! check the result against the plain evaluation of all 1000 inputs through all layers.

use super::rng::Rng;
use super::{check_count, LabError};
use crate::activation::Activation;

/// Number of evenly spaced inputs each network is evaluated on.
pub const SWEEP_INPUTS: usize = 1000;
/// Most networks per width.
pub const MAX_SWEEP_TRIALS: usize = 100_000;
/// Most hidden layers.
pub const MAX_SWEEP_DEPTH: usize = 64;
/// Widest hidden layer.
pub const MAX_SWEEP_WIDTH: usize = 256;
/// Most widths in one sweep.
pub const MAX_SWEEP_WIDTHS: usize = 64;
/// Most weights one sweep may draw, `trials × depth × Σ width²`: 130 times the default sweep's
/// 1.5 million, which allows e.g. the default widths and depth at 100 000 trials (about 100 times
/// the default sweep's time, 10–20 s natively: run large sweeps off the page's main thread) but
/// refuses hours-long requests such as 100 trials of depth 64 and width 256.
pub const MAX_SWEEP_WORK: u64 = 200_000_000;

/// The largest sweep seed: the lab's [`MAX_SEED`](super::schema::MAX_SEED), 2^53 − 1, every
/// whole number up to which a JS number holds exactly. Distinct seeds give distinct sweeps.
pub const MAX_SWEEP_SEED: u64 = super::schema::MAX_SEED as u64;

/// The weights a sweep draws, `trials × depth × Σ width²`, computed in u64 whatever the
/// platform's `usize` (on wasm32 the product of the largest trials, depth and width overflows 32
/// bits), saturating rather than wrapping: the cap is checked on the true count.
pub fn sweep_work(widths: &[usize], depth: usize, trials: usize) -> u64 {
    let wide = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    widths.iter().fold(0u64, |total, &width| {
        let per_net = wide(depth).saturating_mul(wide(width)).saturating_mul(wide(width));
        total.saturating_add(per_net.saturating_mul(wide(trials)))
    })
}

/// The born-dead count for one width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepPoint {
    /// Neurons per hidden layer.
    pub width: usize,
    /// Networks whose last hidden layer was constant over all inputs.
    pub born_dead: usize,
    /// Networks drawn.
    pub trials: usize,
    /// `born_dead / trials`.
    pub fraction: f64,
}

/// For each width, draws `trials` networks and counts the born-dead ones (see the module docs).
/// Each width draws from its own stream of `seed`, so a width's result does not depend on which
/// other widths are in the list.
pub fn born_dead_sweep(
    activation: Activation,
    widths: &[usize],
    depth: usize,
    trials: usize,
    seed: u64,
) -> Result<Vec<SweepPoint>, LabError> {
    check_count("sweep width count", widths.len(), 1, MAX_SWEEP_WIDTHS)?;
    for &width in widths {
        check_count("sweep width", width, 1, MAX_SWEEP_WIDTH)?;
    }
    check_count("sweep depth", depth, 1, MAX_SWEEP_DEPTH)?;
    check_count("sweep trials", trials, 1, MAX_SWEEP_TRIALS)?;
    if seed > MAX_SWEEP_SEED {
        return Err(LabError::out_of_range("sweep seed", seed, 0, MAX_SWEEP_SEED));
    }
    let work = sweep_work(widths, depth, trials);
    if work > MAX_SWEEP_WORK {
        let message = format!(
            "sweep size (trials × depth × sum of squared widths) must be at most {MAX_SWEEP_WORK}, got {work}; \
             use fewer trials, fewer layers or narrower widths"
        );
        return Err(LabError::new("sweep size", message));
    }
    let inputs = sweep_inputs();
    Ok(widths
        .iter()
        .map(|&width| {
            let mut rng = Rng::for_stream(seed, width as u64);
            let mut net = SweepNet::new(width, depth);
            let born_dead = (0..trials)
                .filter(|_| {
                    net.draw(&mut rng);
                    net.is_born_dead(&activation, &inputs)
                })
                .count();
            SweepPoint { width, born_dead, trials, fraction: born_dead as f64 / trials as f64 }
        })
        .collect())
}

/// The evaluation inputs: [`SWEEP_INPUTS`] evenly spaced points from −√3 to √3.
pub fn sweep_inputs() -> Vec<f64> {
    let limit = 3f64.sqrt();
    let step = 2.0 * limit / (SWEEP_INPUTS - 1) as f64;
    (0..SWEEP_INPUTS).map(|i| -limit + step * i as f64).collect()
}

/// One random network of the sweep, with its buffers.
pub(crate) struct SweepNet {
    width: usize,
    depth: usize,
    /// Layer 0: `width` weights from the single input; then `depth − 1` row-major `width × width`.
    pub(crate) weights: Vec<f64>,
    /// The last hidden layer's output at the first and at the last input.
    probes: [Vec<f64>; 2],
    /// Outputs of one layer for all inputs, column-major `width × inputs`, and the next layer's.
    current: Vec<f64>,
    next: Vec<f64>,
}

impl SweepNet {
    pub(crate) fn new(width: usize, depth: usize) -> SweepNet {
        SweepNet {
            width,
            depth,
            weights: vec![0.0; width + (depth - 1) * width * width],
            probes: [vec![0.0; width], vec![0.0; width]],
            current: Vec::new(),
            next: Vec::new(),
        }
    }

    /// Draws new He-normal weights: std √2 for the first layer (fan_in 1), √(2/width) after.
    pub(crate) fn draw(&mut self, rng: &mut Rng) {
        let (first, rest) = self.weights.split_at_mut(self.width);
        first.iter_mut().for_each(|weight| *weight = 2f64.sqrt() * rng.normal());
        let deviation = (2.0 / self.width as f64).sqrt();
        rest.iter_mut().for_each(|weight| *weight = deviation * rng.normal());
    }

    /// Whether the last hidden layer gives the same output on every input.
    pub(crate) fn is_born_dead(&mut self, activation: &Activation, inputs: &[f64]) -> bool {
        let mut probes = std::mem::take(&mut self.probes);
        for (probe, x) in probes.iter_mut().zip([inputs[0], inputs[inputs.len() - 1]]) {
            self.run(activation, &[x]);
            probe.copy_from_slice(&self.current);
        }
        let ends_differ = probes[0] != probes[1];
        self.probes = probes;
        !ends_differ && self.run(activation, inputs)
    }

    /// Runs `inputs` through the layers, leaving the last layer's outputs in `current` unless it
    /// stops early; returns whether all inputs end with the first input's output.
    ///
    /// Layouts are column-major (`neuron × inputs`), so every inner loop runs over all inputs
    /// contiguously and vectorizes; each output still sums its terms in neuron order from 0.0.
    pub(crate) fn run(&mut self, activation: &Activation, inputs: &[f64]) -> bool {
        let width = self.width;
        let rows = inputs.len();
        self.current.resize(rows * width, 0.0);
        self.next.resize(rows * width, 0.0);
        for (column, &weight) in self.current.chunks_exact_mut(rows).zip(&self.weights[..width]) {
            for (out, &x) in column.iter_mut().zip(inputs) {
                *out = weight * x;
            }
        }
        apply(activation, &mut self.current);
        for layer in 1..self.depth {
            if rows > 1 && all_inputs_equal(&self.current, rows) {
                return true;
            }
            let matrix = &self.weights[width + (layer - 1) * width * width..][..width * width];
            for (to, output) in self.next.chunks_exact_mut(rows).enumerate() {
                output.fill(0.0);
                for (from, input) in self.current.chunks_exact(rows).enumerate() {
                    let weight = matrix[from * width + to];
                    for (sum, &value) in output.iter_mut().zip(input) {
                        *sum += value * weight;
                    }
                }
            }
            apply(activation, &mut self.next);
            std::mem::swap(&mut self.current, &mut self.next);
        }
        all_inputs_equal(&self.current, rows)
    }
}

/// Whether, for every neuron (a `rows`-long column of `values`), all inputs give the value of the
/// first input (`f64 ==`).
fn all_inputs_equal(values: &[f64], rows: usize) -> bool {
    values.chunks_exact(rows).all(|column| column.iter().all(|&value| value == column[0]))
}

/// `values[i] = f(values[i])`, with the ReLU family inlined (same expressions as
/// [`Activation::value`]) and everything else through it.
fn apply(activation: &Activation, values: &mut [f64]) {
    match *activation {
        Activation::Relu => values.iter_mut().for_each(|v| *v = if *v > 0.0 { *v } else { 0.0 }),
        Activation::LeakyRelu { negative_slope: slope } | Activation::Prelu { weight: slope } => {
            values.iter_mut().for_each(|v| *v = if *v > 0.0 { *v } else { slope * *v })
        }
        _ => values.iter_mut().for_each(|v| *v = activation.value(*v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: every input through every layer, then compare the last layers.
    fn naive_born_dead(net: &SweepNet, activation: Activation, inputs: &[f64]) -> bool {
        let width = net.width;
        let last_layer = |x: f64| {
            let mut values: Vec<f64> = net.weights[..width].iter().map(|w| activation.value(w * x)).collect();
            for matrix in net.weights[width..].chunks_exact(width * width) {
                let mut next = vec![0.0; width];
                for (&value, row) in values.iter().zip(matrix.chunks_exact(width)) {
                    for (sum, &weight) in next.iter_mut().zip(row) {
                        *sum += value * weight;
                    }
                }
                values = next.into_iter().map(|z| activation.value(z)).collect();
            }
            values
        };
        let first = last_layer(inputs[0]);
        inputs.iter().all(|&x| last_layer(x) == first)
    }

    #[test]
    fn shortcuts_agree_with_the_plain_evaluation() {
        let inputs = sweep_inputs();
        let activations = [
            Activation::Relu,
            Activation::LeakyRelu { negative_slope: 0.01 },
            Activation::Tanh,
            Activation::Hardshrink { lambd: 0.5 },
            Activation::Relu6,
        ];
        let (mut dead, mut alive) = (0, 0);
        for activation in activations {
            for width in [1, 2, 3, 5] {
                let mut rng = Rng::new(width as u64);
                let mut net = SweepNet::new(width, 6);
                for _ in 0..60 {
                    net.draw(&mut rng);
                    let expected = naive_born_dead(&net, activation.clone(), &inputs);
                    assert_eq!(
                        net.is_born_dead(&activation, &inputs),
                        expected,
                        "{activation:?} width {width}"
                    );
                    if expected {
                        dead += 1;
                    } else {
                        alive += 1;
                    }
                }
            }
        }
        assert!(dead > 100 && alive > 100, "both outcomes exercised: {dead} dead, {alive} alive");
    }

    #[test]
    fn inputs_span_plus_minus_root_three() {
        let inputs = sweep_inputs();
        assert_eq!(inputs.len(), 1000);
        assert_eq!(inputs[0], -3f64.sqrt());
        assert!((inputs[999] - 3f64.sqrt()).abs() < 1e-12);
        assert!(inputs.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn invalid_sweeps_are_rejected_with_messages() {
        let sweep =
            |widths: &[usize], depth, trials| born_dead_sweep(Activation::Relu, widths, depth, trials, 1);
        assert_eq!(
            sweep(&[3, 300], 10, 10).unwrap_err().message,
            "sweep width must be between 1 and 256, got 300"
        );
        assert_eq!(sweep(&[3], 0, 10).unwrap_err().message, "sweep depth must be between 1 and 64, got 0");
        assert_eq!(
            sweep(&[3], 10, 200_000).unwrap_err().message,
            "sweep trials must be between 1 and 100000, got 200000"
        );
        assert_eq!(sweep(&[], 10, 10).unwrap_err().field, "sweep width count");
        assert_eq!(sweep(&[256], 64, 100).unwrap_err().field, "sweep size");
        assert!(sweep(&[1], 1, 1).is_ok());
    }
}
