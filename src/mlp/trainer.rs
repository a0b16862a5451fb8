//! [`Trainer`]: one network with its optimizer and workspaces. Runs training steps, evaluates loss
//! and accuracy, and paints decision-boundary grids, all without allocating once warmed up
//! (statistics, in `stats.rs`, work on a copy of the network with buffers of their own).

use super::backprop::TrainWorkspace;
use super::config::LabConfig;
use super::dataset::Dataset;
use super::head::{head_loss, predicted_class};
use super::network::{Network, INPUTS};
use super::optim::{Optimizer, OptimizerKind};
use super::stats::DeadTracker;
use super::{check_count, check_real, LabError};
use crate::activation::Activation;

/// Rows per forward pass when evaluating a dataset or a grid chunk by chunk.
const EVAL_CHUNK: usize = 1024;
/// Most columns or rows of a decision grid.
pub const MAX_GRID_SIDE: usize = 2048;

/// Mean loss and accuracy of a network on a set of points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation {
    /// Mean cross-entropy (nats per point), without the L2 term; NaN for an empty set.
    pub loss: f64,
    /// Fraction of points whose predicted class is their label, in [0, 1]; NaN for an empty set.
    pub accuracy: f64,
}

/// A `columns × rows` grid of points covering a rectangle of input space. Pixel (column, row) is
/// the point at the pixel's centre: `x = x_min + (column + ½)·(x_max − x_min)/columns`,
/// `y = y_max − (row + ½)·(y_max − y_min)/rows` (row 0 is the top, as in an image).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridSpec {
    /// Left edge of the rectangle.
    pub x_min: f64,
    /// Right edge.
    pub x_max: f64,
    /// Bottom edge.
    pub y_min: f64,
    /// Top edge.
    pub y_max: f64,
    /// Pixels across, 1..=2048.
    pub columns: usize,
    /// Pixels down, 1..=2048.
    pub rows: usize,
}

/// Forward-only buffers, grown on first use to the largest request and then reused.
#[derive(Clone, Debug, Default)]
pub(crate) struct EvalWorkspace {
    grid_inputs: Vec<f32>,
    pre_activations: Vec<f32>,
    current: Vec<f32>,
    next: Vec<f32>,
}

impl EvalWorkspace {
    /// Makes room for `rows` rows through layers up to `widest` wide.
    pub(crate) fn reserve(&mut self, rows: usize, widest: usize) {
        for buffer in [&mut self.pre_activations, &mut self.current, &mut self.next] {
            if buffer.len() < rows * widest {
                buffer.resize(rows * widest, 0.0);
            }
        }
        if self.grid_inputs.len() < rows * INPUTS {
            self.grid_inputs.resize(rows * INPUTS, 0.0);
        }
    }

    /// Runs `rows` rows of `inputs` (or of the grid buffer when `None`) through `network`, calling
    /// `on_hidden(layer, pre_activations, activations)` for each hidden layer; returns the logits.
    pub(crate) fn forward(
        &mut self,
        network: &Network,
        inputs: Option<&[f32]>,
        rows: usize,
        mut on_hidden: impl FnMut(usize, &[f32], &[f32]),
    ) -> &[f32] {
        let hidden = network.hidden_layers();
        for layer in 0..hidden {
            self.forward_layer(network, layer, inputs, rows, &mut on_hidden);
        }
        self.forward_layer(network, hidden, inputs, rows, &mut on_hidden).unwrap_or_default()
    }

    /// Layer `layer` of [`EvalWorkspace::forward`], on the previous layer's activations (or on
    /// `inputs`, for layer 0). Returns the logits after the output layer, `None` after a hidden
    /// one. The layers must come in order, 0 first, with the same `network` and `rows`.
    pub(crate) fn forward_layer(
        &mut self,
        network: &Network,
        layer: usize,
        inputs: Option<&[f32]>,
        rows: usize,
        mut on_hidden: impl FnMut(usize, &[f32], &[f32]),
    ) -> Option<&[f32]> {
        let widest = network.hidden_widths().iter().copied().chain([network.outputs()]).max().unwrap_or(1);
        self.reserve(rows, widest);
        let EvalWorkspace { grid_inputs, pre_activations, current, next } = self;
        let shape = network.shape(layer);
        let input = if layer == 0 { inputs.unwrap_or(grid_inputs) } else { &current[..rows * shape.fan_in] };
        network.pre_activate(layer, input, rows, pre_activations);
        if layer == network.hidden_layers() {
            return Some(&pre_activations[..rows * network.outputs()]);
        }
        let size = rows * shape.fan_out;
        network.activate(layer, &pre_activations[..size], &mut next[..size]);
        on_hidden(layer, &pre_activations[..size], &next[..size]);
        std::mem::swap(current, next);
        None
    }
}

/// One network in training: parameters, optimizer state, step count and divergence status.
#[derive(Clone, Debug)]
pub struct Trainer {
    pub(super) network: Network,
    optimizer: Optimizer,
    weight_decay: f32,
    workspace: TrainWorkspace,
    pub(super) eval: EvalWorkspace,
    steps: u64,
    diverged_at_step: Option<u64>,
    last_loss: f64,
    pub(super) dead_tracker: DeadTracker,
}

impl Trainer {
    /// A trainer for `network` taking batches of up to `batch_capacity` rows (1..=4096).
    pub fn new(
        network: Network,
        optimizer: OptimizerKind,
        learning_rate: f64,
        weight_decay: f64,
        batch_capacity: usize,
    ) -> Result<Trainer, LabError> {
        // The optimizer fields are checked with the same limits and messages as a LabConfig's.
        let validation = LabConfig {
            optimizer,
            learning_rate,
            weight_decay,
            batch_size: batch_capacity,
            ..LabConfig::default()
        };
        validation.validate()?;
        let parameter_count = network.parameters().len();
        Ok(Trainer {
            optimizer: Optimizer::new(optimizer, learning_rate, parameter_count),
            weight_decay: weight_decay as f32,
            workspace: TrainWorkspace::new(&network, batch_capacity),
            eval: EvalWorkspace::default(),
            steps: 0,
            diverged_at_step: None,
            last_loss: f64::NAN,
            dead_tracker: DeadTracker::default(),
            network,
        })
    }

    /// A trainer for a network built from `config` (its data's features as inputs) with
    /// `activation` in its hidden layers and `classes` classes; networks from the same config are identical whatever the activation
    /// (apart from PReLU's extra slopes). Batches hold up to `batch_capacity` rows.
    pub fn from_config(
        config: &LabConfig,
        activation: Activation,
        classes: usize,
        batch_capacity: usize,
    ) -> Result<Trainer, LabError> {
        config.validate()?;
        let widths = &config.hidden_widths;
        let (init, bias) = (config.weight_init, config.bias_init);
        let network = Network::new(config.features(), widths, classes, activation, init, bias, config.seed)?;
        Trainer::new(network, config.optimizer, config.learning_rate, config.weight_decay, batch_capacity)
    }

    /// One optimizer step on a batch: `inputs` row-major, the network's inputs per row, one label per row.
    /// Returns the batch's mean loss (before the update, without the L2 term), or `None` when the
    /// network has diverged (now or earlier): a non-finite loss stops it for good and is recorded in
    /// [`Trainer::diverged_at_step`]. Errors on malformed batches.
    pub fn train_step(&mut self, inputs: &[f32], labels: &[u8]) -> Result<Option<f64>, LabError> {
        check_count("batch size", labels.len(), 1, self.workspace.capacity())?;
        let features = self.network.inputs();
        if inputs.len() != features * labels.len() {
            let message = format!(
                "inputs must hold {features} numbers per label, got {} for {}",
                inputs.len(),
                labels.len()
            );
            return Err(LabError::new("inputs", message));
        }
        if let Some(&bad) = labels.iter().find(|&&label| usize::from(label) >= self.network.classes()) {
            return Err(LabError::out_of_range("label", bad, 0, self.network.classes() - 1));
        }
        if self.diverged_at_step.is_some() {
            return Ok(None);
        }
        let loss = self.workspace.loss_and_gradients(&self.network, inputs, labels, self.weight_decay);
        self.last_loss = loss;
        if !loss.is_finite() {
            self.diverged_at_step = Some(self.steps + 1);
            return Ok(None);
        }
        self.optimizer.step(self.network.parameters_mut(), self.workspace.gradients());
        self.steps += 1;
        Ok(Some(loss))
    }

    /// The network being trained.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The network, writable (e.g. to set weights by hand); optimizer state is kept.
    pub fn network_mut(&mut self) -> &mut Network {
        &mut self.network
    }

    /// Number of optimizer updates applied so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The 1-based step whose loss was NaN or infinite, if that happened; training stopped there.
    pub fn diverged_at_step(&self) -> Option<u64> {
        self.diverged_at_step
    }

    /// Loss of the most recent batch (NaN before the first step).
    pub fn last_loss(&self) -> f64 {
        self.last_loss
    }

    /// Mean loss and accuracy over `data`.
    pub fn evaluate(&mut self, data: &Dataset) -> Evaluation {
        let (mut loss_sum, mut correct) = (0.0, 0);
        let outputs = self.network.outputs();
        for (inputs, labels) in
            data.inputs().chunks(EVAL_CHUNK * data.features()).zip(data.labels().chunks(EVAL_CHUNK))
        {
            let logits = self.eval.forward(&self.network, Some(inputs), labels.len(), |_, _, _| {});
            let (mean, chunk_correct) = head_loss(logits, labels, outputs, None);
            loss_sum += mean * labels.len() as f64;
            correct += chunk_correct;
        }
        let count = data.len() as f64;
        Evaluation { loss: loss_sum / count, accuracy: correct as f64 / count }
    }

    /// The predicted class and its probability (see [`Trainer::decision_grid`]) of rows
    /// `start..start + classes.len()` of `data`, into caller-owned buffers of equal length.
    pub fn predict(
        &mut self,
        data: &Dataset,
        start: usize,
        classes: &mut [u8],
        confidence: &mut [f32],
    ) -> Result<(), LabError> {
        self.check_data(data)?;
        let count = classes.len();
        if confidence.len() != count {
            let message = format!("confidence buffer must hold {count} entries, got {}", confidence.len());
            return Err(LabError::new("confidence buffer", message));
        }
        if start > data.len() || count > data.len() - start {
            let message = format!("rows {start} to {} are not all in the {} rows", start + count, data.len());
            return Err(LabError::new("rows", message));
        }
        let (features, outputs) = (data.features(), self.network.outputs());
        let mut done = 0;
        while done < count {
            let rows = EVAL_CHUNK.min(count - done);
            let inputs = &data.inputs()[(start + done) * features..][..rows * features];
            let logits = self.eval.forward(&self.network, Some(inputs), rows, |_, _, _| {});
            for (row, row_logits) in logits.chunks_exact(outputs).enumerate() {
                let (class, p) = predicted_class(row_logits);
                (classes[done + row], confidence[done + row]) = (class as u8, p);
            }
            done += rows;
        }
        Ok(())
    }

    /// The confusion matrix of `data`: `classes × classes` counts, row = true class, column =
    /// predicted class (each row sums to that class's count).
    pub fn confusion(&mut self, data: &Dataset) -> Result<Vec<u32>, LabError> {
        let classes = self.network.classes();
        let (mut predicted, mut confidence) = (vec![0u8; data.len()], vec![0.0f32; data.len()]);
        self.predict(data, 0, &mut predicted, &mut confidence)?;
        let mut matrix = vec![0u32; classes * classes];
        for (&truth, &guess) in data.labels().iter().zip(&predicted) {
            matrix[usize::from(truth) * classes + usize::from(guess)] += 1;
        }
        Ok(matrix)
    }

    /// Checks that `data` fits the network: its features and classes.
    fn check_data(&self, data: &Dataset) -> Result<(), LabError> {
        let network = &self.network;
        if data.features() != network.inputs() || data.classes() != network.classes() {
            let message = format!(
                "data has {} features and {} classes, the network {} inputs and {} classes",
                data.features(),
                data.classes(),
                network.inputs(),
                network.classes()
            );
            return Err(LabError::new("data", message));
        }
        Ok(())
    }

    /// Paints the model's belief over `grid` into two caller-owned buffers of `columns · rows`
    /// entries (row-major, row 0 at the top): `class[i]` the predicted class and `probability[i]`
    /// p(class 1) for 2 classes, or the predicted class's softmax probability (the confidence) for 3.
    pub fn decision_grid(
        &mut self,
        grid: &GridSpec,
        class: &mut [u8],
        probability: &mut [f32],
    ) -> Result<(), LabError> {
        for (field, low, high) in
            [("grid x range", grid.x_min, grid.x_max), ("grid y range", grid.y_min, grid.y_max)]
        {
            check_real(field, low, -1e6, 1e6)?;
            check_real(field, high, -1e6, 1e6)?;
            if low >= high {
                return Err(LabError::new(field, format!("{field} must be increasing, got {low} to {high}")));
            }
        }
        check_count("grid columns", grid.columns, 1, MAX_GRID_SIDE)?;
        check_count("grid rows", grid.rows, 1, MAX_GRID_SIDE)?;
        if self.network.inputs() != INPUTS {
            let message = format!(
                "a decision grid needs a 2-input network, this one has {} inputs",
                self.network.inputs()
            );
            return Err(LabError::new("grid", message));
        }
        let pixels = grid.columns * grid.rows;
        for (field, length) in [("class buffer", class.len()), ("probability buffer", probability.len())] {
            if length != pixels {
                let message = format!("{field} must hold columns × rows = {pixels} entries, got {length}");
                return Err(LabError::new(field, message));
            }
        }
        let x_step = (grid.x_max - grid.x_min) / grid.columns as f64;
        let y_step = (grid.y_max - grid.y_min) / grid.rows as f64;
        let outputs = self.network.outputs();
        let mut start = 0;
        while start < pixels {
            let count = EVAL_CHUNK.min(pixels - start);
            self.eval.reserve(count, 1);
            for (offset, point) in
                self.eval.grid_inputs[..count * INPUTS].chunks_exact_mut(INPUTS).enumerate()
            {
                let (row, column) = ((start + offset) / grid.columns, (start + offset) % grid.columns);
                point[0] = (grid.x_min + (column as f64 + 0.5) * x_step) as f32;
                point[1] = (grid.y_max - (row as f64 + 0.5) * y_step) as f32;
            }
            let logits = self.eval.forward(&self.network, None, count, |_, _, _| {});
            let pixels = class[start..start + count].iter_mut().zip(&mut probability[start..start + count]);
            for ((class, probability), row_logits) in pixels.zip(logits.chunks_exact(outputs)) {
                let (predicted, p) = predicted_class(row_logits);
                (*class, *probability) = (predicted as u8, p);
            }
            start += count;
        }
        Ok(())
    }
}
