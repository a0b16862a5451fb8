//! A plain f64 dense network, forward and backward over a whole dataset, for gradient norms.
//!
//! It is separate from [`crate::mlp::Network`] (f32, sized for training in the lab) because the
//! gradient-flow experiment needs deeper and wider networks than the lab allows, and because a
//! norm at initialisation is best measured in f64. Its initial weights are the lab's, bit for bit
//! (the same seeded stream and formulas, rounded to f32), so at sizes both allow it measures the
//! very network the lab would build.

use crate::activation::special::sigmoid;
use crate::activation::Activation;
use crate::mlp::network::{draw_weights, INPUTS, WEIGHT_STREAM};
use crate::mlp::{Dataset, Network, Rng, WeightInit};

/// Rows per forward/backward chunk: bounds memory at `ROWS · width · depth` per buffer.
const ROWS: usize = 128;

/// One dense layer: `fan_in × fan_out` weights (row-major), biases, and the activation after it.
#[derive(Clone, Debug)]
struct Layer {
    fan_in: usize,
    fan_out: usize,
    weights: Vec<f64>,
    biases: Vec<f64>,
    /// `None` for the output layer (linear).
    activation: Option<Activation>,
}

/// A dense classifier: hidden layers with their activations, then a linear output layer.
#[derive(Clone, Debug)]
pub(crate) struct Dense {
    layers: Vec<Layer>,
}

impl Dense {
    /// A fresh network of `depth` hidden layers of `width` with the lab's initialisation for
    /// `seed` (weights by `init`, hidden biases `bias_init`, output bias 0), `classes` outputs.
    pub(crate) fn initial(
        depth: usize,
        width: usize,
        classes: usize,
        activation: Activation,
        init: WeightInit,
        bias_init: f64,
        seed: u64,
    ) -> Dense {
        let outputs = if classes == 2 { 1 } else { classes };
        let mut rng = Rng::for_stream(seed, WEIGHT_STREAM);
        let mut buffer = vec![0.0f32; width.max(INPUTS) * width.max(outputs)];
        let layers = (0..=depth)
            .map(|index| {
                let fan_in = if index == 0 { INPUTS } else { width };
                let fan_out = if index == depth { outputs } else { width };
                let weights = &mut buffer[..fan_in * fan_out];
                draw_weights(init, fan_in, fan_out, &mut rng, weights);
                let bias = if index == depth { 0.0 } else { f64::from(bias_init as f32) };
                Layer {
                    fan_in,
                    fan_out,
                    weights: weights.iter().map(|&w| f64::from(w)).collect(),
                    biases: vec![bias; fan_out],
                    activation: (index < depth).then(|| activation.clone()),
                }
            })
            .collect();
        Dense { layers }
    }

    /// The same network as `network` (its current parameters, PReLU slopes included), in f64.
    pub(crate) fn from_network(network: &Network) -> Dense {
        let hidden = network.hidden_layers();
        let mut fan_in = network.inputs();
        let layers = (0..=hidden)
            .map(|index| {
                let fan_out = network.hidden_widths().get(index).copied().unwrap_or(network.outputs());
                let weights = (0..fan_in)
                    .flat_map(|from| (0..fan_out).map(move |to| (from, to)))
                    .map(|(from, to)| f64::from(network.weight(index, from, to).unwrap_or(f32::NAN)))
                    .collect();
                let biases =
                    (0..fan_out).map(|n| f64::from(network.bias(index, n).unwrap_or(f32::NAN))).collect();
                let activation = match (index == hidden, network.prelu_slope(index)) {
                    (true, _) => None,
                    (false, Some(slope)) => Some(Activation::Prelu { weight: f64::from(slope) }),
                    (false, None) => Some(network.activation().clone()),
                };
                let layer = Layer { fan_in, fan_out, weights, biases, activation };
                fan_in = fan_out;
                layer
            })
            .collect();
        Dense { layers }
    }

    /// Mean loss over `data` (sigmoid + binary cross-entropy for 2 classes, softmax +
    /// cross-entropy for 3) and, per layer (output layer last), dL/dW.
    pub(crate) fn loss_and_weight_gradients(&self, data: &Dataset) -> (f64, Vec<Vec<f64>>) {
        let mut gradients: Vec<Vec<f64>> = self.layers.iter().map(|l| vec![0.0; l.weights.len()]).collect();
        let count = data.len();
        let scale = 1.0 / count as f64;
        let mut loss = 0.0;
        // Per layer: pre-activations z and outputs a of the chunk's rows.
        let mut z: Vec<Vec<f64>> = self.layers.iter().map(|l| vec![0.0; ROWS * l.fan_out]).collect();
        let mut a = z.clone();
        let widest = self.layers.iter().map(|l| l.fan_in.max(l.fan_out)).max().unwrap_or(INPUTS);
        let (mut delta, mut below) = (vec![0.0; ROWS * widest], vec![0.0; ROWS * widest]);
        let features = data.features();
        let mut input = vec![0.0; ROWS * features];
        for start in (0..count).step_by(ROWS) {
            let rows = ROWS.min(count - start);
            for (value, &x) in
                input.iter_mut().zip(&data.inputs()[start * features..(start + rows) * features])
            {
                *value = f64::from(x);
            }
            for (index, layer) in self.layers.iter().enumerate() {
                let (done, rest) = a.split_at_mut(index);
                let previous = if index == 0 { &input[..] } else { &done[index - 1][..] };
                forward(layer, &previous[..rows * layer.fan_in], &mut z[index], &mut rest[0], rows);
            }
            let labels = &data.labels()[start..start + rows];
            let last = self.layers.len() - 1;
            loss += head(&z[last], labels, self.layers[last].fan_out, &mut delta) * scale;
            for value in &mut delta[..rows * self.layers[last].fan_out] {
                *value *= scale;
            }
            for index in (0..self.layers.len()).rev() {
                let layer = &self.layers[index];
                let previous = if index == 0 { &input[..] } else { &a[index - 1][..] };
                accumulate_weight_gradient(
                    layer,
                    &previous[..rows * layer.fan_in],
                    &delta,
                    &mut gradients[index],
                );
                if index == 0 {
                    break;
                }
                let below_layer = &self.layers[index - 1];
                for row in 0..rows {
                    let d = &delta[row * layer.fan_out..][..layer.fan_out];
                    for from in 0..layer.fan_in {
                        let w = &layer.weights[from * layer.fan_out..][..layer.fan_out];
                        let back: f64 = w.iter().zip(d).map(|(w, d)| w * d).sum();
                        let pre = z[index - 1][row * layer.fan_in + from];
                        below[row * layer.fan_in + from] =
                            back * below_layer.activation.as_ref().map_or(1.0, |f| f.derivative(pre));
                    }
                }
                std::mem::swap(&mut delta, &mut below);
            }
        }
        (loss, gradients)
    }

    /// ||dL/dW_l||_F for each hidden layer l (weights into it; the output layer left out).
    pub(crate) fn hidden_weight_gradient_norms(&self, data: &Dataset) -> Vec<f64> {
        let (_, gradients) = self.loss_and_weight_gradients(data);
        let hidden = self.layers.len() - 1;
        gradients[..hidden].iter().map(|g| g.iter().map(|x| x * x).sum::<f64>().sqrt()).collect()
    }

    /// The weight of `layer` from neuron `from` to neuron `to`, writable (gradient checks).
    #[cfg(test)]
    pub(crate) fn weight_mut(&mut self, layer: usize, from: usize, to: usize) -> &mut f64 {
        let fan_out = self.layers[layer].fan_out;
        &mut self.layers[layer].weights[from * fan_out + to]
    }
}

/// z = input · W + b and a = f(z) for `rows` rows.
fn forward(layer: &Layer, input: &[f64], z: &mut [f64], a: &mut [f64], rows: usize) {
    let fan_out = layer.fan_out;
    for row in 0..rows {
        let out = &mut z[row * fan_out..][..fan_out];
        out.copy_from_slice(&layer.biases);
        for (from, &x) in input[row * layer.fan_in..][..layer.fan_in].iter().enumerate() {
            let w = &layer.weights[from * fan_out..][..fan_out];
            for (o, w) in out.iter_mut().zip(w) {
                *o += x * w;
            }
        }
        for (y, &pre) in a[row * fan_out..][..fan_out].iter_mut().zip(out.iter()) {
            *y = layer.activation.as_ref().map_or(pre, |f| f.value(pre));
        }
    }
}

/// dL/dW += inputᵀ · delta.
fn accumulate_weight_gradient(layer: &Layer, input: &[f64], delta: &[f64], gradient: &mut [f64]) {
    let fan_out = layer.fan_out;
    for (row, x) in input.chunks_exact(layer.fan_in).enumerate() {
        let d = &delta[row * fan_out..][..fan_out];
        for (from, &x) in x.iter().enumerate() {
            for (g, d) in gradient[from * fan_out..][..fan_out].iter_mut().zip(d) {
                *g += x * d;
            }
        }
    }
}

/// Summed loss of the rows of `logits` and dL/dlogit per row (not yet divided by the count).
fn head(logits: &[f64], labels: &[u8], outputs: usize, delta: &mut [f64]) -> f64 {
    let mut loss = 0.0;
    for (row, &label) in labels.iter().enumerate() {
        let s = &logits[row * outputs..][..outputs];
        if outputs == 1 {
            let y = f64::from(label);
            loss += s[0].max(0.0) - s[0] * y + (-s[0].abs()).exp().ln_1p();
            delta[row] = sigmoid(s[0]) - y;
            continue;
        }
        let max = s.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
        let log_sum_exp = max + s.iter().map(|&v| (v - max).exp()).sum::<f64>().ln();
        loss += log_sum_exp - s[usize::from(label)];
        for (class, &v) in s.iter().enumerate() {
            let target = if class == usize::from(label) { 1.0 } else { 0.0 };
            delta[row * outputs + class] = (v - log_sum_exp).exp() - target;
        }
    }
    loss
}
