//! Gradient flow: how large the loss gradient is at each hidden layer, at initialisation over
//! many seeds ([`gradient_flow`]) or for one network as it trains ([`gradient_norms`]).
//!
//! The measure is ||dL/dW_l||_F, W_l the weights into hidden layer l (input side first; the
//! output layer is left out), L the lab's loss (mean cross-entropy, no L2 term) over the whole
//! training set. A vanishing gradient shows as norms falling by orders of magnitude towards the
//! input.

use super::dense::Dense;
use crate::activation::Activation;
use crate::mlp::dataset::generate;
use crate::mlp::schema::MAX_SEED;
use crate::mlp::{check_count, Dataset, DatasetKind, LabError, Network, WeightInit};

/// Most hidden layers in [`gradient_flow`].
pub const MAX_FLOW_DEPTH: usize = 50;
/// Widest hidden layer in [`gradient_flow`].
pub const MAX_FLOW_WIDTH: usize = 256;
/// Most seeds in [`gradient_flow`].
pub const MAX_FLOW_SEEDS: u32 = 500;
/// Most multiply-adds one [`gradient_flow`] call may cost, counted as
/// `seeds × training points × depth × width²` (about 3 multiply-adds each: forward, backward,
/// weight gradient): 4·10⁹ is a few seconds natively, about twice that in a browser.
pub const MAX_FLOW_WORK: u64 = 4_000_000_000;

/// One gradient-flow measurement: a family of fresh networks and the data they are measured on.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientFlowConfig {
    /// The hidden layers' activation.
    pub activation: Activation,
    /// Number of hidden layers, 1..=50.
    pub depth: usize,
    /// Width of every hidden layer, 1..=256.
    pub width: usize,
    /// How weights are drawn.
    pub init: WeightInit,
    /// The constant every hidden bias starts at.
    pub bias_init: f64,
    /// The dataset.
    pub dataset: DatasetKind,
    /// Points, train and test together (the norms use the 80% training part).
    pub points: usize,
    /// The dataset's noise.
    pub noise: f64,
    /// Networks to take the median over, 1..=500.
    pub seeds: u32,
    /// The dataset's seed and the first network's: network k has weight seed `seed + k`.
    pub seed: u64,
}

impl Default for GradientFlowConfig {
    /// ReLU, 10 layers of 32, Xavier normal, biases 0, moons of 512 points with noise 0.1, 50 seeds from 1.
    fn default() -> GradientFlowConfig {
        GradientFlowConfig {
            activation: Activation::Relu,
            depth: 10,
            width: 32,
            init: WeightInit::XavierNormal,
            bias_init: 0.0,
            dataset: DatasetKind::Moons,
            points: 512,
            noise: 0.1,
            seeds: 50,
            seed: 1,
        }
    }
}

impl GradientFlowConfig {
    /// Checks every limit, then generates the training set the norms are measured on.
    pub fn training_set(&self) -> Result<Dataset, LabError> {
        check_count("depth", self.depth, 1, MAX_FLOW_DEPTH)?;
        check_count("width", self.width, 1, MAX_FLOW_WIDTH)?;
        check_count("seeds", self.seeds as usize, 1, MAX_FLOW_SEEDS as usize)?;
        crate::mlp::schema::BIAS.check(self.bias_init)?;
        let last_seed = self.seed as f64 + f64::from(self.seeds - 1);
        if last_seed > MAX_SEED {
            return Err(LabError::new(
                "seed",
                format!("seed + seeds − 1 must be at most {MAX_SEED}, got {last_seed}"),
            ));
        }
        let data = generate(self.dataset, self.points, self.noise, self.seed)?.train;
        let work = u64::from(self.seeds) * data.len() as u64 * (self.depth * self.width * self.width) as u64;
        if work > MAX_FLOW_WORK {
            let message = format!(
                "gradient flow work (seeds × training points × depth × width²) must be at most \
                 {MAX_FLOW_WORK}, got {work}: use fewer seeds, points, layers or neurons"
            );
            return Err(LabError::new("gradient flow work", message));
        }
        Ok(data)
    }
}

/// Per hidden layer, the median over `config.seeds` fresh networks of ||dL/dW_l||_F.
pub fn gradient_flow(config: &GradientFlowConfig) -> Result<Vec<f64>, LabError> {
    let per_seed = gradient_flow_per_seed(config)?;
    Ok((0..config.depth).map(|layer| median(per_seed.iter().map(|norms| norms[layer]).collect())).collect())
}

/// The norms of every seed's network, in seed order (what [`gradient_flow`] takes medians of).
pub fn gradient_flow_per_seed(config: &GradientFlowConfig) -> Result<Vec<Vec<f64>>, LabError> {
    let data = config.training_set()?;
    Ok((0..u64::from(config.seeds)).map(|k| flow_norms(config, &data, config.seed + k)).collect())
}

/// The norms of the network with weight seed `seed` on `data` (a [`GradientFlowConfig::training_set`]).
pub fn flow_norms(config: &GradientFlowConfig, data: &Dataset, seed: u64) -> Vec<f64> {
    let classes = config.dataset.classes();
    let network = Dense::initial(
        config.depth,
        config.width,
        classes,
        config.activation.clone(),
        config.init,
        config.bias_init,
        seed,
    );
    network.hidden_weight_gradient_norms(data)
}

/// Per hidden layer of `network` as it is now, ||dL/dW_l||_F over `data`.
pub fn gradient_norms(network: &Network, data: &Dataset) -> Vec<f64> {
    if data.is_empty() {
        return vec![f64::NAN; network.hidden_layers()];
    }
    Dense::from_network(network).hidden_weight_gradient_norms(data)
}

/// The median of `values` (the mean of the middle two for an even count; NaN when empty).
pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        0.5 * (values[middle - 1] + values[middle])
    }
}
