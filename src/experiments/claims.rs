//! The three claims made for LeakyReLU over ReLU, each as a fixed protocol: its settings, seeds
//! and the measure its verdict is computed from. [`super::ClaimJob`] runs them.
//!
//! - **Dying** ([`DYING`]): the "High learning rate" preset at its experiment length over 100
//!   seeds; measure: dead count, ReLU − Leaky ReLU per seed (claimed +1). Beside it, gradient flow
//!   at initialisation (depth 10 × 32) for ReLU and Leaky ReLU (He normal), sigmoid and tanh
//!   (Xavier normal); gradient measure: log10(‖dL/dW₁‖ Leaky / ‖dL/dW₁‖ ReLU) per init seed (the
//!   two networks share their weights), claimed +1.
//! - **Oscillation** ([`OSCILLATION`]): moons, 4 learning rates, plain SGD; measure per seed:
//!   sign(oscillation ReLU − oscillation Leaky), where a diverged run counts as +∞ (more
//!   oscillating than any finished run) and two diverged runs tie (0). Its mean is "how much more
//!   often ReLU oscillates more"; claimed +1.
//! - **Noise** ([`NOISE`]): noisy training labels, a new dataset per seed; measure: the
//!   train − test accuracy gap (overfitting), ReLU − Leaky ReLU per seed, pooled over the noisy
//!   levels (label noise > 0); claimed +1 ("Leaky overfits less").

use crate::activation::Activation;
use crate::mlp::{DatasetKind, LabConfig, LabError, OptimizerKind, WeightInit};

/// Which claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimId {
    /// "LeakyReLU keeps neurons from dying and gradients from vanishing."
    Dying,
    /// "LeakyReLU makes training at large learning rates oscillate less."
    Oscillation,
    /// "LeakyReLU overfits less when training labels are noisy."
    Noise,
}

impl ClaimId {
    /// Every claim, in page order.
    pub const ALL: [ClaimId; 3] = [ClaimId::Dying, ClaimId::Oscillation, ClaimId::Noise];

    /// `"dying"`, `"oscillation"` or `"noise"`.
    pub fn id(self) -> &'static str {
        match self {
            ClaimId::Dying => "dying",
            ClaimId::Oscillation => "oscillation",
            ClaimId::Noise => "noise",
        }
    }

    /// The claim with this id, or an error listing the ids.
    pub fn from_id(id: &str) -> Result<ClaimId, LabError> {
        ClaimId::ALL.into_iter().find(|claim| claim.id() == id).ok_or_else(|| {
            LabError::new("claim", format!("claim must be one of dying, oscillation, noise, got {id:?}"))
        })
    }
}

/// The gradient-flow part of the dying protocol.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientProtocol {
    /// Hidden layers.
    pub depth: usize,
    /// Neurons per hidden layer.
    pub width: usize,
    /// Init seeds per activation (seeds `seed`, `seed + 1`, …).
    pub seeds: u32,
    /// The first seed, also the dataset's.
    pub seed: u64,
    /// The dataset.
    pub dataset: DatasetKind,
    /// Points (80% train).
    pub points: usize,
    /// The dataset's noise.
    pub noise: f64,
    /// The series: label, activation and initialisation; the first two are ReLU and Leaky ReLU,
    /// the pair the gradient verdict compares.
    pub series: [(&'static str, Activation, WeightInit); 4],
}

/// The dying-neurons protocol.
#[derive(Clone, Debug, PartialEq)]
pub struct DyingProtocol {
    /// The lab preset run.
    pub preset: &'static str,
    /// Seeds, from the preset's seed.
    pub seeds: u32,
    /// Gradient flow at initialisation.
    pub gradient: GradientProtocol,
}

/// The oscillation protocol.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OscillationProtocol {
    /// The dataset.
    pub dataset: DatasetKind,
    /// Points (80% train).
    pub points: usize,
    /// The dataset's noise.
    pub noise: f64,
    /// Hidden layer widths.
    pub hidden_widths: &'static [usize],
    /// Weight initialisation (biases 0).
    pub init: WeightInit,
    /// The optimizer.
    pub optimizer: OptimizerKind,
    /// Mini-batch size.
    pub batch_size: usize,
    /// Training steps per run.
    pub steps: u64,
    /// One group per learning rate.
    pub learning_rates: &'static [f64],
    /// Seeds per learning rate, from 1.
    pub seeds: u32,
    /// Final steps whose loss changes make the oscillation figure.
    pub window: u64,
}

/// The noisy-labels protocol.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NoiseProtocol {
    /// The dataset.
    pub dataset: DatasetKind,
    /// Points (80% train).
    pub points: usize,
    /// The dataset's noise.
    pub noise: f64,
    /// One group per share of flipped training labels.
    pub label_noise: &'static [f64],
    /// Hidden layer widths.
    pub hidden_widths: &'static [usize],
    /// Weight initialisation (biases 0).
    pub init: WeightInit,
    /// The optimizer.
    pub optimizer: OptimizerKind,
    /// Learning rate.
    pub learning_rate: f64,
    /// Mini-batch size (the whole training set).
    pub batch_size: usize,
    /// Training steps per run.
    pub steps: u64,
    /// Seeds per label-noise level, from 1, each with its own dataset.
    pub seeds: u32,
}

/// See the module docs.
pub const DYING: DyingProtocol = DyingProtocol {
    preset: "high_lr",
    seeds: 100,
    gradient: GradientProtocol {
        depth: 10,
        width: 32,
        seeds: 50,
        seed: 1,
        dataset: DatasetKind::Moons,
        points: 512,
        noise: 0.1,
        series: [
            ("ReLU (He normal)", Activation::Relu, WeightInit::HeNormal),
            ("Leaky ReLU (He normal)", Activation::LeakyRelu { negative_slope: 0.01 }, WeightInit::HeNormal),
            ("Sigmoid (Xavier normal)", Activation::Sigmoid, WeightInit::XavierNormal),
            ("Tanh (Xavier normal)", Activation::Tanh, WeightInit::XavierNormal),
        ],
    },
};

/// See the module docs.
pub const OSCILLATION: OscillationProtocol = OscillationProtocol {
    dataset: DatasetKind::Moons,
    points: 640,
    noise: 0.1,
    hidden_widths: &[16, 16, 16],
    init: WeightInit::HeNormal,
    optimizer: OptimizerKind::Sgd { momentum: 0.0 },
    batch_size: 32,
    steps: 300,
    learning_rates: &[0.1, 0.5, 1.0, 2.0],
    seeds: 100,
    window: super::repeat::OSCILLATION_WINDOW,
};

/// See the module docs.
pub const NOISE: NoiseProtocol = NoiseProtocol {
    dataset: DatasetKind::Moons,
    points: 400,
    noise: 0.2,
    label_noise: &[0.0, 0.2, 0.4],
    hidden_widths: &[64, 64],
    init: WeightInit::HeNormal,
    optimizer: OptimizerKind::Adam,
    learning_rate: 0.01,
    batch_size: 320,
    steps: 2000,
    seeds: 30,
};

impl DyingProtocol {
    /// The lab configuration every seed starts from, and the step count (the preset's experiment length).
    pub fn config(&self) -> Result<(LabConfig, u64), LabError> {
        let config = LabConfig::preset(self.preset)?;
        let preset = crate::mlp::PRESETS.iter().find(|p| p.id == self.preset);
        let steps = preset
            .map(|p| p.steps)
            .ok_or_else(|| LabError::new("preset", "the preset has no experiment length"))?;
        Ok((config, steps))
    }
}

impl OscillationProtocol {
    /// The lab configuration of the group at `learning_rate` (seed 1, LeakyReLU(0.01) as the twin).
    pub fn config(&self, learning_rate: f64) -> LabConfig {
        let data = (self.dataset, self.points, self.noise);
        LabConfig {
            learning_rate,
            ..protocol_config(data, self.hidden_widths, self.init, self.optimizer, self.batch_size)
        }
    }
}

impl NoiseProtocol {
    /// The lab configuration of the group at `label_noise` (seed 1; data seeds follow the seeds).
    pub fn config(&self, label_noise: f64) -> LabConfig {
        let data = (self.dataset, self.points, self.noise);
        LabConfig {
            label_noise,
            learning_rate: self.learning_rate,
            ..protocol_config(data, self.hidden_widths, self.init, self.optimizer, self.batch_size)
        }
    }
}

/// What the oscillation and noise protocols share: their data `(dataset, points, noise)`, network,
/// initialisation with biases at 0, optimizer and batch; seed and data seed 1, LeakyReLU(0.01) as
/// the twin, everything else the lab's default.
fn protocol_config(
    (dataset, points, noise): (DatasetKind, usize, f64),
    hidden_widths: &[usize],
    weight_init: WeightInit,
    optimizer: OptimizerKind,
    batch_size: usize,
) -> LabConfig {
    LabConfig {
        dataset,
        points,
        noise,
        hidden_widths: hidden_widths.to_vec(),
        weight_init,
        bias_init: 0.0,
        optimizer,
        batch_size,
        seed: 1,
        data_seed: 1,
        ..LabConfig::default()
    }
}
