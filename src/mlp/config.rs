//! [`LabConfig`]: everything that defines one dead-neuron lab run, its limits, and its presets.

use super::dataset::{DatasetKind, SplitDataset};
use super::optim::OptimizerKind;
use super::{schema, LabError};
use crate::activation::Activation;
use std::sync::Arc;

/// Most hidden layers a network may have.
pub const MAX_HIDDEN_LAYERS: usize = schema::LAYERS.max as usize;
/// Most neurons a hidden layer may have.
pub const MAX_HIDDEN_WIDTH: usize = schema::WIDTH.max as usize;
/// Largest mini-batch.
pub const MAX_BATCH_SIZE: usize = schema::BATCH.max as usize;
/// Most training steps one [`crate::mlp::Twin::step`] call may run.
pub const MAX_STEPS_PER_CALL: u64 = 100_000;

/// A named starting point: its id (in URLs and `Lab` configs), what a menu shows, and a sentence
/// saying what it demonstrates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// e.g. `"high_lr"`.
    pub id: &'static str,
    /// e.g. `"High learning rate"`.
    pub label: &'static str,
    /// One sentence for the page, under the menu: what the data shows after [`Preset::steps`].
    pub summary: &'static str,
    /// The experiment's length: the step count the summary talks about (the lab pauses there).
    pub steps: u64,
}

/// The presets accepted by [`LabConfig::preset`], in menu order.
pub const PRESETS: [Preset; 5] = [
    Preset {
        id: "default",
        label: "Default (moons, Adam)",
        summary: "Moons, 3 layers of 16, Adam at learning rate 0.01: after 2000 steps both networks \
                  classify over 95% of the test points; a few ReLU neurons are dead, no Leaky ReLU one.",
        steps: 2000,
    },
    Preset {
        id: "high_lr",
        label: "High learning rate",
        summary: "Adam at learning rate 2 on full batches, 3 layers of 32: after 300 steps ReLU has lost \
                  40 or more of its 96 neurons and classifies worse, sometimes no better than chance; \
                  Leaky ReLU has none dead (its slope 0.01 still passes gradient, even where a neuron is \
                  inactive) and over 95% test accuracy.",
        steps: 300,
    },
    Preset {
        id: "negative_bias",
        label: "Negative bias init",
        summary: "Hidden biases start at −1: ReLU starts with 20 or more of its 48 neurons dead and in \
                  most seeds a whole layer dead, so after 500 steps it is still at chance; Leaky ReLU has \
                  none dead and classifies over 95% of the test points.",
        steps: 500,
    },
    Preset {
        id: "deep_narrow",
        label: "Deep and narrow",
        summary: "8 layers of 4 neurons: in about a third of the seeds a whole ReLU layer is dead after \
                  1000 steps (in some from before training), its output is constant and it stays at \
                  chance; Leaky ReLU has none dead and learns (over 90% test accuracy).",
        steps: 1000,
    },
    Preset {
        id: "deep_sigmoid",
        label: "Deep sigmoid",
        summary: "10 layers of 16, Xavier normal, plain SGD at learning rate 0.1: after 1000 steps ReLU \
                  classifies over 95% of the test points while sigmoid is still at chance, yet no sigmoid \
                  neuron is dead: each passes at most 0.25 of the gradient, and 10 such factors vanish.",
        steps: 1000,
    },
];

/// How weights are drawn at initialisation (biases are set separately, to a constant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightInit {
    /// He / Kaiming normal: N(0, 2 / fan_in). Keeps ReLU activations' scale through depth.
    HeNormal,
    /// Xavier / Glorot normal: N(0, 2 / (fan_in + fan_out)).
    XavierNormal,
    /// Xavier / Glorot uniform: U(−a, a) with a = √(6 / (fan_in + fan_out)).
    XavierUniform,
    /// U(−1/√fan_in, 1/√fan_in) weights, biases at the bias setting.
    Uniform,
    /// PyTorch's `nn.Linear` initialisation: weights AND biases U(−1/√fan_in, 1/√fan_in)
    /// (`kaiming_uniform_(a=√5)` gives exactly that bound); the bias setting is not used.
    PytorchDefault,
}

impl WeightInit {
    /// The id used in URLs and menus, e.g. `"he_normal"`.
    pub fn id(self) -> &'static str {
        match self {
            WeightInit::HeNormal => "he_normal",
            WeightInit::XavierNormal => "xavier_normal",
            WeightInit::XavierUniform => "xavier_uniform",
            WeightInit::Uniform => "uniform",
            WeightInit::PytorchDefault => "pytorch_default",
        }
    }

    /// Every initialisation, in menu order.
    pub const ALL: [WeightInit; 5] = [
        WeightInit::HeNormal,
        WeightInit::XavierNormal,
        WeightInit::XavierUniform,
        WeightInit::Uniform,
        WeightInit::PytorchDefault,
    ];

    /// The name a menu shows, e.g. `"He normal"`.
    pub fn label(self) -> &'static str {
        match self {
            WeightInit::HeNormal => "He normal",
            WeightInit::XavierNormal => "Xavier normal",
            WeightInit::XavierUniform => "Xavier uniform",
            WeightInit::Uniform => "Uniform ±1/√fan_in",
            WeightInit::PytorchDefault => "PyTorch default (nn.Linear)",
        }
    }

    /// The initialisation with this id, or an error listing the valid ids.
    pub fn from_id(id: &str) -> Result<WeightInit, LabError> {
        WeightInit::ALL.into_iter().find(|init| init.id() == id).ok_or_else(|| {
            let ids: Vec<&str> = WeightInit::ALL.iter().map(|init| init.id()).collect();
            let message = format!("weight init must be one of {}, got {id:?}", ids.join(", "));
            LabError::new("weight init", message)
        })
    }
}

/// One lab run: data, architecture, initialisation, optimisation, seeds.
///
/// The data is a built-in toy set ([`LabConfig::dataset`], [`LabConfig::points`],
/// [`LabConfig::noise`], [`LabConfig::data_seed`]) unless [`LabConfig::data`] gives one.
///
/// The twin trains a ReLU network and a second network using [`LabConfig::activation`]; both get
/// everything else from this struct.
#[derive(Clone, Debug, PartialEq)]
pub struct LabConfig {
    /// Which toy dataset (unless [`LabConfig::data`] is given).
    pub dataset: DatasetKind,
    /// The caller's own data (images, a CSV file), any number of features and classes; `None`
    /// for the built-in toy set. Shared, not copied, between the configs of one session.
    pub data: Option<Arc<SplitDataset>>,
    /// Number of points, train and test together (80/20), in 10..=5000.
    pub points: usize,
    /// Standard deviation of the Gaussian noise added to each point, in 0..=1.
    pub noise: f64,
    /// Seed of the dataset (and of which training labels [`LabConfig::label_noise`] flips).
    pub data_seed: u64,
    /// Share of the TRAINING labels flipped to another class, in 0..=0.5 (the test labels stay
    /// clean): exactly round(share × training points) labels, chosen from `data_seed`'s own random
    /// stream (see [`crate::mlp::dataset::flip_labels`]).
    pub label_noise: f64,
    /// Width of each hidden layer, input side first: 1..=16 layers of 1..=128 neurons.
    pub hidden_widths: Vec<usize>,
    /// The activation of the network trained beside the ReLU one.
    pub activation: Activation,
    /// How weights are drawn.
    pub weight_init: WeightInit,
    /// The constant every hidden-layer bias starts at (the output bias starts at 0).
    pub bias_init: f64,
    /// SGD (with optional momentum) or Adam.
    pub optimizer: OptimizerKind,
    /// Step size, finite, in (0, 10].
    pub learning_rate: f64,
    /// L2 penalty on weights (not biases, not PReLU slopes), as PyTorch's `weight_decay`, in 0..=1.
    pub weight_decay: f64,
    /// Points per mini-batch, 1..=4096; a batch larger than the training set uses the whole set.
    pub batch_size: usize,
    /// Seed of the initial weights and of the batch order.
    pub seed: u64,
}

impl Default for LabConfig {
    /// Moons (400 points, noise 0.15), 3 hidden layers of 16, He-normal, Adam at lr 0.01,
    /// batch 32; the twin uses LeakyReLU(0.01). Reaches ≥ 95% test accuracy within 2000 steps.
    fn default() -> LabConfig {
        LabConfig {
            dataset: DatasetKind::Moons,
            data: None,
            points: 400,
            noise: 0.15,
            data_seed: 1,
            label_noise: 0.0,
            hidden_widths: vec![16, 16, 16],
            activation: Activation::LeakyRelu { negative_slope: 0.01 },
            weight_init: WeightInit::HeNormal,
            bias_init: 0.0,
            optimizer: OptimizerKind::Adam,
            learning_rate: 0.01,
            weight_decay: 0.0,
            batch_size: 32,
            seed: 1,
        }
    }
}

impl LabConfig {
    /// A named starting point (see [`PRESETS`] for their labels, summaries and lengths). Measured
    /// over seeds 1..=20 at each preset's length (`tests/presets.rs` checks every statement of the
    /// summaries; dead = |f′| ≤ 1e-3 everywhere, inactive = z ≤ 0 everywhere):
    /// - `"default"`: [`LabConfig::default`]. At 2000 steps: ReLU 2–10 of 48 dead, LeakyReLU 0
    ///   dead (0–5 inactive); both ≥ 98.8% test accuracy.
    /// - `"high_lr"`: Adam at learning rate 2, full batch, 3 layers of 32. At 300 steps: ReLU 42–76
    ///   of 96 dead, 49–91% test accuracy (a whole layer dead, 49%, in 5 seeds); LeakyReLU(0.01) 0
    ///   dead, 12–49 inactive, 96–100% test accuracy. Adam matters: it rescales the 100× smaller
    ///   gradients of inactive LeakyReLU neurons so they can move back; with plain SGD the twins
    ///   stall alike and the LeakyReLU twin often diverges.
    /// - `"negative_bias"`: hidden biases start at −1. ReLU 23–38 of 48 dead at step 0; at 500
    ///   steps a whole ReLU layer is dead in 13 seeds (49–51% test accuracy there, ≥ 97.5%
    ///   elsewhere); LeakyReLU 0 dead, 97.5–98.8% test accuracy.
    /// - `"deep_narrow"`: 8 hidden layers of 4. At 1000 steps a whole ReLU layer (the last) is dead
    ///   in 7 seeds, 4 of them from step 0 (49% test accuracy there); LeakyReLU 0 dead, 95–99%.
    /// - `"deep_sigmoid"`: 10 hidden layers of 16, sigmoid beside ReLU, Xavier normal, plain SGD at
    ///   learning rate 0.1, batch 32. At 1000 steps ReLU 97.5–98.8% test accuracy (13–41 of 160
    ///   dead), sigmoid 49–51% with 0 dead: the vanishing gradient, not dead units.
    pub fn preset(name: &str) -> Result<LabConfig, LabError> {
        let base = LabConfig::default();
        match name {
            "default" => Ok(base),
            "high_lr" => Ok(LabConfig {
                hidden_widths: vec![32, 32, 32],
                optimizer: OptimizerKind::Adam,
                learning_rate: 2.0,
                batch_size: MAX_BATCH_SIZE,
                ..base
            }),
            "negative_bias" => Ok(LabConfig { bias_init: -1.0, ..base }),
            "deep_narrow" => Ok(LabConfig { hidden_widths: vec![4; 8], ..base }),
            "deep_sigmoid" => Ok(LabConfig {
                hidden_widths: vec![16; 10],
                activation: Activation::Sigmoid,
                weight_init: WeightInit::XavierNormal,
                optimizer: OptimizerKind::Sgd { momentum: 0.0 },
                learning_rate: 0.1,
                ..base
            }),
            _ => Err(LabError::new(
                "preset",
                format!("preset must be one of {}, got {name:?}", PRESETS.map(|p| p.id).join(", ")),
            )),
        }
    }

    /// The number of input features: the given data's, or 2 for a toy set.
    pub fn features(&self) -> usize {
        self.data.as_ref().map_or(super::network::INPUTS, |data| data.train.features())
    }

    /// The number of classes: the given data's, or the toy set's.
    pub fn classes(&self) -> usize {
        self.data.as_ref().map_or(self.dataset.classes(), |data| data.train.classes())
    }

    /// The data this config trains on: the given data (shared; with label noise, a copy whose
    /// training labels are flipped), or the toy set drawn from its settings.
    pub fn split_data(&self) -> Result<Arc<SplitDataset>, LabError> {
        let mut data = match &self.data {
            Some(data) if self.label_noise == 0.0 => return Ok(Arc::clone(data)),
            Some(data) => SplitDataset::clone(data),
            None => super::dataset::generate(self.dataset, self.points, self.noise, self.data_seed)?,
        };
        super::dataset::flip_labels(&mut data.train, self.label_noise, self.data_seed)?;
        Ok(Arc::new(data))
    }

    /// Checks every field against its limits (the rows of [`schema::SETTINGS`]); the error names
    /// the first bad field and its value.
    pub fn validate(&self) -> Result<(), LabError> {
        // A SplitDataset was checked when it was built (Dataset::new, SplitDataset::new).
        schema::POINTS.check(self.points as f64)?;
        schema::NOISE.check(self.noise)?;
        schema::LABEL_NOISE.check(self.label_noise)?;
        schema::LAYERS.check(self.hidden_widths.len() as f64)?;
        for &width in &self.hidden_widths {
            schema::WIDTH.check(width as f64)?;
        }
        schema::BIAS.check(self.bias_init)?;
        if let OptimizerKind::Sgd { momentum } = self.optimizer {
            schema::MOMENTUM.check(momentum)?;
        }
        schema::LR.check(self.learning_rate)?;
        schema::L2.check(self.weight_decay)?;
        schema::BATCH.check(self.batch_size as f64)?;
        schema::SEED.check(self.seed as f64)?;
        schema::SEED.check_named("data seed", self.data_seed as f64)?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
