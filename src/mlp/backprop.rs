//! The training workspace and the backward pass: every buffer one training step needs, sized once
//! for the largest batch, so a step never allocates.

use super::head::head_loss;
use super::kernels::{gemm_nn, gemm_tn, transpose};
use super::network::{Network, INPUTS};

/// Buffers for forward and backward passes of up to `capacity` rows through one network shape.
#[derive(Clone, Debug)]
pub(crate) struct TrainWorkspace {
    capacity: usize,
    /// Per layer (output layer included): `capacity × fan_out` pre-activations.
    pre_activations: Vec<f32>,
    /// Per hidden layer: `capacity × width` activations.
    activations: Vec<f32>,
    /// Start of each layer's block in `pre_activations` (and, for hidden layers, `activations`).
    offsets: Vec<usize>,
    /// dL/dz of the current layer, `capacity × widest layer`.
    delta: Vec<f32>,
    /// dL/dz of the layer below, same size.
    delta_below: Vec<f32>,
    /// One weight matrix, transposed.
    transposed: Vec<f32>,
    /// dL/dθ, laid out like [`Network::parameters`].
    gradients: Vec<f32>,
}

impl TrainWorkspace {
    /// Buffers for batches of up to `capacity` rows through `network`'s shape.
    pub(crate) fn new(network: &Network, capacity: usize) -> TrainWorkspace {
        let layer_count = network.hidden_layers() + 1;
        let shapes: Vec<_> = (0..layer_count).map(|layer| network.shape(layer)).collect();
        let mut offsets = Vec::with_capacity(layer_count + 1);
        let mut total = 0;
        for shape in &shapes {
            offsets.push(total);
            total += capacity * shape.fan_out;
        }
        let hidden_total = offsets[layer_count - 1];
        let widest = shapes.iter().map(|shape| shape.fan_out.max(shape.fan_in)).max().unwrap_or(INPUTS);
        let largest_matrix = shapes.iter().map(|shape| shape.fan_in * shape.fan_out).max().unwrap_or(0);
        TrainWorkspace {
            capacity,
            pre_activations: vec![0.0; total],
            activations: vec![0.0; hidden_total],
            offsets,
            delta: vec![0.0; capacity * widest],
            delta_below: vec![0.0; capacity * widest],
            transposed: vec![0.0; largest_matrix],
            gradients: vec![0.0; network.parameters().len()],
        }
    }

    /// The largest batch these buffers hold.
    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }

    /// dL/dθ from the last [`TrainWorkspace::loss_and_gradients`] call.
    pub(crate) fn gradients(&self) -> &[f32] {
        &self.gradients
    }

    /// Runs `labels.len()` rows of `inputs` (row-major, 2 columns) forward and backward. Returns
    /// the mean data loss (without the L2 term) and leaves in [`TrainWorkspace::gradients`] the
    /// gradient of `loss + weight_decay/2 · Σ w²` (weights only). When the loss is not finite the
    /// gradients are left stale: the caller stops training that network.
    ///
    /// Needs `labels.len() <= capacity` and `inputs.len() == 2 · labels.len()`.
    pub(crate) fn loss_and_gradients(
        &mut self,
        network: &Network,
        inputs: &[f32],
        labels: &[u8],
        weight_decay: f32,
    ) -> f64 {
        let rows = labels.len();
        debug_assert!(rows <= self.capacity && inputs.len() == rows * network.inputs());
        let hidden = network.hidden_layers();
        for layer in 0..=hidden {
            let shape = network.shape(layer);
            let z = &mut self.pre_activations[self.offsets[layer]..][..rows * shape.fan_out];
            let input = if layer == 0 {
                inputs
            } else {
                let start = self.offsets[layer - 1];
                &self.activations[start..start + rows * shape.fan_in]
            };
            network.pre_activate(layer, input, rows, z);
            if layer < hidden {
                let start = self.offsets[layer];
                network.activate(layer, z, &mut self.activations[start..start + rows * shape.fan_out]);
            }
        }
        let outputs = network.outputs();
        let logits = &self.pre_activations[self.offsets[hidden]..][..rows * outputs];
        let (loss, _) = head_loss(logits, labels, outputs, Some(&mut self.delta[..rows * outputs]));
        if !loss.is_finite() {
            return loss;
        }
        self.backward(network, inputs, rows, weight_decay);
        loss
    }

    /// Back-propagates `self.delta` (dL/dlogits) through every layer into `self.gradients`.
    fn backward(&mut self, network: &Network, inputs: &[f32], rows: usize, weight_decay: f32) {
        self.gradients.fill(0.0);
        let kernel = network.kernel();
        for layer in (0..=network.hidden_layers()).rev() {
            let shape = network.shape(layer);
            let (fan_in, fan_out) = (shape.fan_in, shape.fan_out);
            let delta = &self.delta[..rows * fan_out];
            let input = if layer == 0 {
                inputs
            } else {
                &self.activations[self.offsets[layer - 1]..][..rows * fan_in]
            };
            // dL/dW = inputᵀ · delta, reading `input` transposed in place.
            let weight_gradients = &mut self.gradients[shape.weight_offset..][..fan_in * fan_out];
            gemm_tn(fan_in, fan_out, rows, input, delta, weight_gradients);
            let bias_gradients = &mut self.gradients[shape.bias_offset..][..fan_out];
            for row in delta.chunks_exact(fan_out) {
                for (gradient, &d) in bias_gradients.iter_mut().zip(row) {
                    *gradient += d;
                }
            }
            if layer == 0 {
                break;
            }
            // dL/dy of the layer below = delta · Wᵀ, then through its activation to dL/dz.
            let weights = &network.parameters()[shape.weight_offset..][..fan_in * fan_out];
            let transposed = &mut self.transposed[..fan_in * fan_out];
            transpose(weights, fan_in, fan_out, transposed);
            let below = &mut self.delta_below[..rows * fan_in];
            below.fill(0.0);
            gemm_nn(rows, fan_in, fan_out, delta, transposed, below);
            let z_below = &self.pre_activations[self.offsets[layer - 1]..][..rows * fan_in];
            let slope_gradient = kernel.backward(network.slope(layer - 1), z_below, below);
            if let Some(index) = network.slope_index(layer - 1) {
                self.gradients[index] = slope_gradient as f32;
            }
            std::mem::swap(&mut self.delta, &mut self.delta_below);
        }
        if weight_decay != 0.0 {
            let weights = &network.parameters()[..network.weight_count()];
            for (gradient, &weight) in self.gradients.iter_mut().zip(weights) {
                *gradient += weight_decay * weight;
            }
        }
    }
}
