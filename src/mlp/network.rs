//! [`Network`]: a dense MLP with any number of inputs (2 for the toy datasets, 256 for the
//! article's 16×16 images), 1..=16 hidden layers and a classification head, its parameters in one
//! contiguous f32 buffer, its initialisation and its forward pass.
//!
//! Parameter layout: all weight matrices (layer by layer, each row-major `fan_in × fan_out`, so
//! `weight[from][to]` is at `from · fan_out + to`), then all bias vectors, then the PReLU slopes
//! (one per hidden layer, like `nn.PReLU()`, only when the activation is prelu). Weights come
//! first so weight decay touches exactly a prefix of the buffer.
//!
//! The classification head on top (loss, predicted class) lives in `head`. Activations run as
//! [`Activation::value`] defines them; in particular rrelu runs in eval mode, with the fixed slope
//! `(lower + upper) / 2` (no random slopes during training).

use super::config::{WeightInit, MAX_HIDDEN_LAYERS, MAX_HIDDEN_WIDTH};
use super::dataset::{MAX_CLASSES, MAX_FEATURES};
use super::kernels::{gemm_nn, Kernel};
use super::rng::Rng;
use super::{check_count, check_real, LabError};
use crate::activation::Activation;

/// Number of inputs of the toy datasets: the two coordinates of a point.
pub const INPUTS: usize = 2;
/// Random stream of the weight initialisation (see [`Rng::for_stream`]).
pub(crate) const WEIGHT_STREAM: u64 = 1;

/// Shape and parameter offsets of one dense layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LayerShape {
    pub(crate) fan_in: usize,
    pub(crate) fan_out: usize,
    pub(crate) weight_offset: usize,
    pub(crate) bias_offset: usize,
}

/// A dense MLP classifier. Layer indices `0..hidden_layers()` are the hidden layers;
/// index `hidden_layers()` is the output layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    inputs: usize,
    hidden_widths: Vec<usize>,
    classes: usize,
    activation: Activation,
    layers: Vec<LayerShape>,
    parameters: Vec<f32>,
    weight_count: usize,
    slope_offset: Option<usize>,
}

impl Network {
    /// A freshly initialised network of `inputs` inputs. Weights follow `init`; hidden biases
    /// start at `bias_init` and the output bias at 0, except under [`WeightInit::PytorchDefault`],
    /// which draws every bias as `nn.Linear` does; PReLU slopes start at the activation's
    /// `weight`. The same arguments always give bit-identical parameters, whatever the activation.
    pub fn new(
        inputs: usize,
        hidden_widths: &[usize],
        classes: usize,
        activation: Activation,
        init: WeightInit,
        bias_init: f64,
        seed: u64,
    ) -> Result<Network, LabError> {
        check_count("hidden layer count", hidden_widths.len(), 1, MAX_HIDDEN_LAYERS)?;
        for &width in hidden_widths {
            check_count("hidden width", width, 1, MAX_HIDDEN_WIDTH)?;
        }
        check_count("inputs", inputs, 1, MAX_FEATURES)?;
        check_count("classes", classes, 2, MAX_CLASSES)?;
        check_real("bias init", bias_init, -f64::from(f32::MAX), f64::from(f32::MAX))?;
        let outputs = if classes == 2 { 1 } else { classes };
        let fans: Vec<(usize, usize)> = std::iter::once(inputs)
            .chain(hidden_widths.iter().copied())
            .zip(hidden_widths.iter().copied().chain(std::iter::once(outputs)))
            .collect();
        let weight_count: usize = fans.iter().map(|(fan_in, fan_out)| fan_in * fan_out).sum();
        let bias_count: usize = fans.iter().map(|&(_, fan_out)| fan_out).sum();
        let (mut weight_offset, mut bias_offset) = (0, weight_count);
        let layers: Vec<LayerShape> = fans
            .iter()
            .map(|&(fan_in, fan_out)| {
                let shape = LayerShape { fan_in, fan_out, weight_offset, bias_offset };
                weight_offset += fan_in * fan_out;
                bias_offset += fan_out;
                shape
            })
            .collect();
        let prelu_weight = match activation {
            Activation::Prelu { weight } => Some(weight as f32),
            _ => None,
        };
        let slope_count = if prelu_weight.is_some() { hidden_widths.len() } else { 0 };
        let mut parameters = vec![0.0f32; weight_count + bias_count + slope_count];
        let mut rng = Rng::for_stream(seed, WEIGHT_STREAM);
        for layer in &layers {
            let weights = &mut parameters[layer.weight_offset..][..layer.fan_in * layer.fan_out];
            draw_weights(init, layer.fan_in, layer.fan_out, &mut rng, weights);
        }
        if init == WeightInit::PytorchDefault {
            // After every weight, so the weights are those of WeightInit::Uniform, bit for bit.
            for layer in &layers {
                let bound = 1.0 / (layer.fan_in as f64).sqrt();
                for bias in &mut parameters[layer.bias_offset..][..layer.fan_out] {
                    *bias = rng.uniform(-bound, bound) as f32;
                }
            }
        } else {
            for layer in &layers[..hidden_widths.len()] {
                parameters[layer.bias_offset..][..layer.fan_out].fill(bias_init as f32);
            }
        }
        let slope_offset = prelu_weight.map(|weight| {
            parameters[weight_count + bias_count..].fill(weight);
            weight_count + bias_count
        });
        Ok(Network {
            inputs,
            hidden_widths: hidden_widths.to_vec(),
            classes,
            activation,
            layers,
            parameters,
            weight_count,
            slope_offset,
        })
    }

    /// Number of inputs (features per row).
    pub fn inputs(&self) -> usize {
        self.inputs
    }

    /// Width of each hidden layer, input side first.
    pub fn hidden_widths(&self) -> &[usize] {
        &self.hidden_widths
    }

    /// Number of hidden layers.
    pub fn hidden_layers(&self) -> usize {
        self.hidden_widths.len()
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of output units: 1 logit for 2 classes, one per class for more.
    pub fn outputs(&self) -> usize {
        self.layers[self.hidden_widths.len()].fan_out
    }

    /// The hidden layers' activation.
    pub fn activation(&self) -> &Activation {
        &self.activation
    }

    /// Every parameter, in the layout described in the module docs.
    pub fn parameters(&self) -> &[f32] {
        &self.parameters
    }

    /// Every parameter, writable (e.g. to perturb one for a gradient check).
    pub fn parameters_mut(&mut self) -> &mut [f32] {
        &mut self.parameters
    }

    /// How many leading entries of [`Network::parameters`] are weights (the rest are biases and slopes).
    pub fn weight_count(&self) -> usize {
        self.weight_count
    }

    /// The weight from neuron `from` of the previous layer (or input) to neuron `to` of `layer`.
    pub fn weight(&self, layer: usize, from: usize, to: usize) -> Option<f32> {
        let index = self.weight_index(layer, from, to).ok()?;
        Some(self.parameters[index])
    }

    /// Sets one weight; an error if the indices are out of range.
    pub fn set_weight(&mut self, layer: usize, from: usize, to: usize, value: f32) -> Result<(), LabError> {
        let index = self.weight_index(layer, from, to)?;
        self.parameters[index] = value;
        Ok(())
    }

    /// The bias of neuron `neuron` of `layer`.
    pub fn bias(&self, layer: usize, neuron: usize) -> Option<f32> {
        let shape = self.layers.get(layer)?;
        (neuron < shape.fan_out).then(|| self.parameters[shape.bias_offset + neuron])
    }

    /// Sets one bias; an error if the indices are out of range.
    pub fn set_bias(&mut self, layer: usize, neuron: usize, value: f32) -> Result<(), LabError> {
        let shape = self.shape_of(layer)?;
        check_count("neuron", neuron, 0, shape.fan_out - 1)?;
        self.parameters[shape.bias_offset + neuron] = value;
        Ok(())
    }

    /// The learned PReLU slope of hidden layer `layer`, if the activation is prelu.
    pub fn prelu_slope(&self, layer: usize) -> Option<f32> {
        let offset = self.slope_offset?;
        (layer < self.hidden_widths.len()).then(|| self.parameters[offset + layer])
    }

    /// The shape of layer `index` (the output layer is `hidden_layers()`).
    pub(crate) fn shape(&self, index: usize) -> LayerShape {
        self.layers[index]
    }

    /// The activation kernel of the hidden layers.
    pub(crate) fn kernel(&self) -> Kernel<'_> {
        Kernel::new(&self.activation)
    }

    /// The slope below zero the kernel of hidden layer `layer` uses: the learned PReLU slope, the
    /// fixed LeakyReLU slope, or 0 (unused) for the others.
    pub(crate) fn slope(&self, layer: usize) -> f32 {
        match (self.slope_offset, &self.activation) {
            (Some(offset), _) => self.parameters[offset + layer],
            (None, Activation::LeakyRelu { negative_slope }) => *negative_slope as f32,
            _ => 0.0,
        }
    }

    /// Index of hidden layer `layer`'s slope in the parameters, for prelu.
    pub(crate) fn slope_index(&self, layer: usize) -> Option<usize> {
        self.slope_offset.map(|offset| offset + layer)
    }

    /// Pre-activations of layer `index`: `z = input · W + b` for `rows` rows of `input`
    /// (row-major, `fan_in` columns) into the first `rows · fan_out` entries of `z`.
    pub(crate) fn pre_activate(&self, index: usize, input: &[f32], rows: usize, z: &mut [f32]) {
        let shape = self.layers[index];
        let z = &mut z[..rows * shape.fan_out];
        let bias = &self.parameters[shape.bias_offset..][..shape.fan_out];
        for row in z.chunks_exact_mut(shape.fan_out) {
            row.copy_from_slice(bias);
        }
        let weights = &self.parameters[shape.weight_offset..][..shape.fan_in * shape.fan_out];
        gemm_nn(rows, shape.fan_out, shape.fan_in, input, weights, z);
    }

    /// Outputs of hidden layer `index` from its pre-activations (same length).
    pub(crate) fn activate(&self, index: usize, z: &[f32], y: &mut [f32]) {
        self.kernel().forward(self.slope(index), z, y);
    }

    fn shape_of(&self, layer: usize) -> Result<LayerShape, LabError> {
        check_count("layer", layer, 0, self.layers.len() - 1)?;
        Ok(self.layers[layer])
    }

    fn weight_index(&self, layer: usize, from: usize, to: usize) -> Result<usize, LabError> {
        let shape = self.shape_of(layer)?;
        check_count("from neuron", from, 0, shape.fan_in - 1)?;
        check_count("to neuron", to, 0, shape.fan_out - 1)?;
        Ok(shape.weight_offset + from * shape.fan_out + to)
    }
}

/// Fills one `fan_in × fan_out` weight matrix according to `init`.
pub(crate) fn draw_weights(
    init: WeightInit,
    fan_in: usize,
    fan_out: usize,
    rng: &mut Rng,
    weights: &mut [f32],
) {
    let (fan_in, fan_sum) = (fan_in as f64, (fan_in + fan_out) as f64);
    for weight in weights {
        let value = match init {
            WeightInit::HeNormal => (2.0 / fan_in).sqrt() * rng.normal(),
            WeightInit::XavierNormal => (2.0 / fan_sum).sqrt() * rng.normal(),
            WeightInit::XavierUniform => {
                let bound = (6.0 / fan_sum).sqrt();
                rng.uniform(-bound, bound)
            }
            WeightInit::Uniform | WeightInit::PytorchDefault => {
                let bound = 1.0 / fan_in.sqrt();
                rng.uniform(-bound, bound)
            }
        };
        *weight = value as f32;
    }
}
