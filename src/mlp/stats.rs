//! Dead-neuron statistics, computed on demand over a whole training set.
//!
//! Definitions (the same for every activation, so ReLU and its twin are counted alike):
//! - a hidden neuron is *active* on an input when its pre-activation z > 0; its **activation rate**
//!   is the fraction of training inputs on which it is active;
//! - it is **inactive** when z ≤ 0 on every training input, i.e. its rate is 0;
//! - it is **dead** when its local gradient is (almost) zero on every training input:
//!   |f′(z)| ≤ [`DEAD_GRADIENT`] for all of them, f′ as PyTorch's autograd computes it (at a kink
//!   its convention: relu′(0) = 0), PReLU with its learned slope. For ReLU dead is exactly
//!   inactive; a LeakyReLU(0.01) neuron is never dead (f′ ≥ 0.01 everywhere); a sigmoid or tanh
//!   saturated on every input is dead although it may be active;
//! - it is **revived** at a [`Trainer::stats`] call when it was inactive at the previous call and
//!   is not now; [`NetworkStats::revived_total`] counts these events over the trainer's life.
//!
//! A hidden layer whose neurons are all dead stops every gradient: the layers below it learn
//! nothing, whatever their own counts, and since the layer's outputs are (for ReLU exactly, for a
//! saturated sigmoid nearly) the same for every input, so is the network's output
//! ([`NetworkStats::dead_layer`]); only the layers above it still move that constant.
//!
//! One call costs one forward pass over the training set plus one over the test set; at 48
//! neurons × 400 points that is well under a millisecond natively, at 8 × 128 neurons × 5000 points
//! about 70 ms in a browser, which a [`StatsJob`] spreads over pieces of one layer each. History
//! is left to the caller:
//! [`NetworkStats::summary`] gives a small `Copy` record to push every few steps.

use super::dataset::Dataset;
use super::head::head_loss;
pub use super::histogram::{Histogram, HISTOGRAM_BINS};
use super::network::Network;
use super::trainer::{EvalWorkspace, Evaluation, Trainer};
use crate::activation::Activation;

/// A neuron is dead when |f′(z)| is at most this on every training input (see the module docs).
pub const DEAD_GRADIENT: f64 = 1e-3;

/// Statistics of one hidden layer over the training set.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerStats {
    /// Per neuron: fraction of training inputs with pre-activation > 0.
    pub activation_rate: Vec<f32>,
    /// Per neuron: |f′(z)| ≤ [`DEAD_GRADIENT`] on every training input.
    pub dead: Vec<bool>,
    /// Per neuron: pre-activation ≤ 0 on every training input.
    pub inactive: Vec<bool>,
    /// Per neuron: inactive at the previous stats call, not now.
    pub revived: Vec<bool>,
    /// Number of dead neurons in this layer.
    pub dead_count: usize,
    /// Number of inactive neurons in this layer.
    pub inactive_count: usize,
    /// Per neuron: mean |f(z)| over the training set (how much an inactive leaky neuron still passes).
    pub mean_abs_output: Vec<f32>,
    /// Largest finite |z| over inputs and neurons (0 when there is none): exploding
    /// pre-activations show here.
    pub max_abs_pre_activation: f32,
    /// Mean of the activations (post-activation outputs) over inputs and neurons.
    pub mean_activation: f64,
    /// Histogram of the pre-activations over inputs and neurons.
    pub histogram: Histogram,
    /// This layer's learned PReLU slope, when the activation is prelu.
    pub prelu_slope: Option<f32>,
}

/// Everything the lab shows about one network at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkStats {
    /// Optimizer updates applied so far.
    pub step: u64,
    /// The hidden activation's PyTorch id, e.g. `"relu"`.
    pub activation_id: &'static str,
    /// Loss and accuracy on the training set.
    pub train: Evaluation,
    /// Loss and accuracy on the test set.
    pub test: Evaluation,
    /// Per hidden layer, input side first.
    pub layers: Vec<LayerStats>,
    /// Dead neurons over all hidden layers.
    pub dead_count: usize,
    /// Hidden neurons in all.
    pub neuron_count: usize,
    /// `dead_count / neuron_count`.
    pub dead_fraction: f64,
    /// Inactive neurons over all hidden layers.
    pub inactive_count: usize,
    /// `inactive_count / neuron_count`.
    pub inactive_fraction: f64,
    /// The output-most hidden layer (0-based) whose neurons are all dead, if any: no gradient
    /// reaches the layers below it, and the network's output is (nearly) the same for every input.
    pub dead_layer: Option<usize>,
    /// Revival events so far (see the module docs).
    pub revived_total: u64,
    /// The step at which the loss became NaN or infinite, if it did.
    pub diverged_at_step: Option<u64>,
}

/// The scalar part of [`NetworkStats`], cheap to copy into a history.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StatsSummary {
    /// Optimizer updates applied so far.
    pub step: u64,
    /// Training-set loss and accuracy.
    pub train: Evaluation,
    /// Test-set loss and accuracy.
    pub test: Evaluation,
    /// Dead neurons over all hidden layers.
    pub dead_count: usize,
    /// Dead share of all hidden neurons.
    pub dead_fraction: f64,
    /// Inactive neurons over all hidden layers.
    pub inactive_count: usize,
    /// Revival events so far.
    pub revived_total: u64,
}

impl NetworkStats {
    /// The scalar part, for a history plot.
    pub fn summary(&self) -> StatsSummary {
        StatsSummary {
            step: self.step,
            train: self.train,
            test: self.test,
            dead_count: self.dead_count,
            dead_fraction: self.dead_fraction,
            inactive_count: self.inactive_count,
            revived_total: self.revived_total,
        }
    }
}

/// Which neurons were inactive at the previous stats call, and the running revival count.
#[derive(Clone, Debug, Default)]
pub(crate) struct DeadTracker {
    was_dead: Option<Vec<bool>>,
    revived_total: u64,
}

/// [`Trainer::stats`] in pieces, so that a page can spread the work over frames while training
/// goes on: [`Trainer::start_stats`] copies the network as it is, each [`StatsJob::advance`] runs
/// one layer of the forward pass over the training set or the test set, and
/// [`Trainer::finish_stats`] gives what `stats` would have given when the job started.
#[derive(Clone, Debug)]
pub struct StatsJob {
    network: Network,
    step: u64,
    diverged_at_step: Option<u64>,
    workspace: EvalWorkspace,
    /// Pieces done: layers 0..=hidden over the training set, then the same over the test set.
    done: usize,
    layers: Vec<LayerStats>,
    train: Option<Evaluation>,
    test: Option<Evaluation>,
}

impl StatsJob {
    /// Pieces in all: two passes (training set, test set) of one piece per layer.
    pub fn pieces(&self) -> usize {
        2 * (self.network.hidden_layers() + 1)
    }

    /// Whether every piece has run.
    pub fn is_done(&self) -> bool {
        self.done == self.pieces()
    }

    /// The training step the statistics describe.
    pub fn step(&self) -> u64 {
        self.step
    }

    /// Runs the next piece over `train` or `test` (the datasets of the trainer that started the
    /// job); returns whether the job is done. Does nothing once it is.
    pub fn advance(&mut self, train: &Dataset, test: &Dataset) -> bool {
        if self.is_done() {
            return true;
        }
        let passes = self.network.hidden_layers() + 1;
        let on_train = self.done < passes;
        let (data, layer) = if on_train { (train, self.done) } else { (test, self.done - passes) };
        let StatsJob { network, workspace, layers, .. } = self;
        let logits =
            workspace.forward_layer(network, layer, Some(data.inputs()), data.len(), |layer, z, y| {
                if on_train {
                    let width = network.hidden_widths()[layer];
                    let activation = network.activation();
                    let slope = network.slope(layer);
                    layers.push(layer_stats(z, y, width, activation, slope, network.prelu_slope(layer)));
                }
            });
        if let Some(logits) = logits {
            let (loss, correct) = head_loss(logits, data.labels(), network.outputs(), None);
            let evaluation = Evaluation { loss, accuracy: correct as f64 / data.len() as f64 };
            *(if on_train { &mut self.train } else { &mut self.test }) = Some(evaluation);
        }
        self.done += 1;
        if self.is_done() {
            // Up to rows × widest floats, three times over: give them back now.
            self.workspace = EvalWorkspace::default();
        }
        self.is_done()
    }
}

impl Trainer {
    /// Dead-neuron statistics over `train`, losses and accuracies on `train` and `test`; updates
    /// the revival tracking, hence `&mut self`.
    pub fn stats(&mut self, train: &Dataset, test: &Dataset) -> NetworkStats {
        let job = self.start_stats();
        self.finish_stats(job, train, test)
    }

    /// Starts [`Trainer::stats`] in pieces (see [`StatsJob`]) on a copy of the network as it is
    /// now; training may go on while the job runs.
    pub fn start_stats(&self) -> StatsJob {
        StatsJob {
            network: self.network.clone(),
            step: self.steps(),
            diverged_at_step: self.diverged_at_step(),
            workspace: EvalWorkspace::default(),
            done: 0,
            layers: Vec::with_capacity(self.network.hidden_layers()),
            train: None,
            test: None,
        }
    }

    /// The statistics of `job` (running whatever pieces are left over `train` and `test`), with
    /// the revival tracking updated as [`Trainer::stats`] would.
    pub fn finish_stats(&mut self, mut job: StatsJob, train: &Dataset, test: &Dataset) -> NetworkStats {
        while !job.advance(train, test) {}
        let StatsJob { network, step, diverged_at_step, mut layers, train, test, .. } = job;
        let unmeasured = Evaluation { loss: f64::NAN, accuracy: f64::NAN };

        let tracker = &mut self.dead_tracker;
        let neurons = network_neurons(&layers);
        // A job of another architecture (another trainer's) starts the tracking afresh.
        let was_dead = match &mut tracker.was_dead {
            Some(was_dead) if was_dead.len() == neurons => was_dead,
            slot => slot.insert(vec![false; neurons]),
        };
        let mut neuron = 0;
        for layer in &mut layers {
            for (revived, &inactive) in layer.revived.iter_mut().zip(&layer.inactive) {
                *revived = was_dead[neuron] && !inactive;
                tracker.revived_total += u64::from(*revived);
                was_dead[neuron] = inactive;
                neuron += 1;
            }
        }
        let revived_total = tracker.revived_total;
        let dead_count = layers.iter().map(|layer| layer.dead_count).sum();
        let inactive_count = layers.iter().map(|layer| layer.inactive_count).sum();
        let dead_layer = layers.iter().rposition(|layer| layer.dead_count == layer.dead.len());
        NetworkStats {
            step,
            activation_id: network.activation().id(),
            train: train.unwrap_or(unmeasured),
            test: test.unwrap_or(unmeasured),
            layers,
            dead_count,
            neuron_count: neurons,
            dead_fraction: dead_count as f64 / neurons as f64,
            inactive_count,
            inactive_fraction: inactive_count as f64 / neurons as f64,
            dead_layer,
            revived_total,
            diverged_at_step,
        }
    }
}

fn network_neurons(layers: &[LayerStats]) -> usize {
    layers.iter().map(|layer| layer.dead.len()).sum()
}

/// Statistics of one layer from its row-major `rows × width` pre-activations and activations;
/// `slope` is the kernel's slope below zero (the learned one for prelu, see `Network::slope`).
fn layer_stats(
    pre_activations: &[f32],
    activations: &[f32],
    width: usize,
    activation: &Activation,
    slope: f32,
    prelu_slope: Option<f32>,
) -> LayerStats {
    let rows = pre_activations.len() / width;
    let mut active_counts = vec![0u32; width];
    let mut abs_sums = vec![0.0f64; width];
    let mut max_abs = 0.0f32;
    for (row, outputs) in pre_activations.chunks_exact(width).zip(activations.chunks_exact(width)) {
        for (((count, sum), &z), &y) in active_counts.iter_mut().zip(&mut abs_sums).zip(row).zip(outputs) {
            *count += u32::from(z > 0.0);
            *sum += f64::from(y.abs());
            if z.is_finite() {
                max_abs = max_abs.max(z.abs());
            }
        }
    }
    let activation_rate: Vec<f32> =
        active_counts.iter().map(|&count| count as f32 / rows.max(1) as f32).collect();
    let inactive: Vec<bool> = active_counts.iter().map(|&count| count == 0).collect();
    let dead = dead_neurons(pre_activations, width, activation, slope, &inactive);
    let mean_activation = activations.iter().map(|&y| f64::from(y)).sum::<f64>() / activations.len() as f64;
    LayerStats {
        activation_rate,
        dead_count: dead.iter().filter(|&&dead| dead).count(),
        inactive_count: inactive.iter().filter(|&&inactive| inactive).count(),
        revived: vec![false; width],
        dead,
        inactive,
        mean_abs_output: abs_sums.iter().map(|&sum| (sum / rows.max(1) as f64) as f32).collect(),
        max_abs_pre_activation: max_abs,
        mean_activation,
        histogram: Histogram::of(pre_activations),
        prelu_slope,
    }
}

/// Per neuron: |f′(z)| ≤ [`DEAD_GRADIENT`] on every row. The ReLU family has f′ = 1 above zero and
/// `slope` at and below it, so a neuron there is dead exactly when it is inactive and |slope| is
/// small. Any other activation asks [`Activation::derivative`], neuron by neuron, stopping at the
/// first row that shows a live gradient (a live neuron usually does within a few rows).
fn dead_neurons(
    z: &[f32],
    width: usize,
    activation: &Activation,
    slope: f32,
    inactive: &[bool],
) -> Vec<bool> {
    match activation {
        Activation::Relu | Activation::LeakyRelu { .. } | Activation::Prelu { .. } => {
            // In f32, as the network holds its slope: a slope set to 1e-3 is at the threshold.
            let flat = slope.abs() <= DEAD_GRADIENT as f32;
            inactive.iter().map(|&inactive| inactive && flat).collect()
        }
        _ => (0..width)
            .map(|neuron| {
                z.iter()
                    .skip(neuron)
                    .step_by(width)
                    .all(|&z| activation.derivative(f64::from(z)).abs() <= DEAD_GRADIENT)
            })
            .collect(),
    }
}
