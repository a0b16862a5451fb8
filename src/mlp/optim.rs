//! Optimizers over a flat f32 parameter buffer: SGD with optional momentum, and Adam, both
//! written as PyTorch's `torch.optim.SGD` / `torch.optim.Adam`. L2 weight decay is not applied
//! here: the backward pass adds `weight_decay · w` to the weights' gradients (PyTorch's coupled
//! `weight_decay`), so the gradient check covers it.

/// Which optimizer, with its own hyper-parameters (the learning rate is separate).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptimizerKind {
    /// Stochastic gradient descent; `momentum` 0 is plain SGD (PyTorch's form: no dampening).
    Sgd {
        /// Momentum coefficient, in 0..=0.999.
        momentum: f64,
    },
    /// Adam with PyTorch's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    Adam,
}

impl OptimizerKind {
    /// The ids used in URLs and menus, in menu order.
    pub const IDS: [&'static str; 2] = ["sgd", "adam"];

    /// `"sgd"` or `"adam"`.
    pub fn id(self) -> &'static str {
        match self {
            OptimizerKind::Sgd { .. } => "sgd",
            OptimizerKind::Adam => "adam",
        }
    }

    /// The name a menu shows for an id: `"SGD"`, `"Adam"`.
    pub fn label_of(id: &str) -> &'static str {
        if id == "sgd" {
            "SGD"
        } else {
            "Adam"
        }
    }

    /// The optimizer with this id (SGD keeps `momentum`), or an error listing the valid ids.
    pub fn from_id(id: &str, momentum: f64) -> Result<OptimizerKind, super::LabError> {
        match id {
            "sgd" => Ok(OptimizerKind::Sgd { momentum }),
            "adam" => Ok(OptimizerKind::Adam),
            _ => Err(super::LabError::new(
                "optimizer",
                format!("optimizer must be one of sgd, adam, got {id:?}"),
            )),
        }
    }
}

/// Adam's first-moment decay.
pub const ADAM_BETA1: f64 = 0.9;
/// Adam's second-moment decay.
pub const ADAM_BETA2: f64 = 0.999;
/// Adam's denominator guard.
pub const ADAM_EPSILON: f64 = 1e-8;

/// Optimizer state for one parameter buffer. Its buffers are sized once; `step` never allocates.
#[derive(Clone, Debug)]
pub(crate) struct Optimizer {
    kind: OptimizerKind,
    learning_rate: f32,
    /// Momentum buffer (SGD) or first moment (Adam).
    first_moment: Vec<f32>,
    /// Second moment (Adam only; empty for SGD).
    second_moment: Vec<f32>,
    steps: u64,
}

impl Optimizer {
    /// State for `parameter_count` parameters.
    pub(crate) fn new(kind: OptimizerKind, learning_rate: f64, parameter_count: usize) -> Optimizer {
        let second_len = if kind == OptimizerKind::Adam { parameter_count } else { 0 };
        Optimizer {
            kind,
            learning_rate: learning_rate as f32,
            first_moment: vec![0.0; parameter_count],
            second_moment: vec![0.0; second_len],
            steps: 0,
        }
    }

    /// One update of `parameters` from `gradients` (same layout, same length).
    pub(crate) fn step(&mut self, parameters: &mut [f32], gradients: &[f32]) {
        self.steps += 1;
        let rate = self.learning_rate;
        match self.kind {
            OptimizerKind::Sgd { momentum } => {
                let momentum = momentum as f32;
                let velocity = &mut self.first_moment;
                for ((w, &g), v) in parameters.iter_mut().zip(gradients).zip(velocity.iter_mut()) {
                    *v = momentum * *v + g;
                    *w -= rate * *v;
                }
            }
            OptimizerKind::Adam => {
                let t = self.steps.min(i32::MAX as u64) as i32;
                let step_size = (f64::from(rate) / (1.0 - ADAM_BETA1.powi(t))) as f32;
                let sqrt_correction2 = (1.0 - ADAM_BETA2.powi(t)).sqrt() as f32;
                let (beta1, beta2, epsilon) = (ADAM_BETA1 as f32, ADAM_BETA2 as f32, ADAM_EPSILON as f32);
                let moments = self.first_moment.iter_mut().zip(self.second_moment.iter_mut());
                for ((w, &g), (m, v)) in parameters.iter_mut().zip(gradients).zip(moments) {
                    // m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    *w -= step_size * *m / (v.sqrt() / sqrt_correction2 + epsilon);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_sgd_steps_against_the_gradient() {
        let mut optimizer = Optimizer::new(OptimizerKind::Sgd { momentum: 0.0 }, 0.25, 2);
        let mut parameters = [1.0, -1.0];
        optimizer.step(&mut parameters, &[2.0, -4.0]);
        assert_eq!(parameters, [0.5, 0.0]);
    }

    #[test]
    fn sgd_momentum_accumulates_like_pytorch() {
        let mut optimizer = Optimizer::new(OptimizerKind::Sgd { momentum: 0.9 }, 0.1, 1);
        let mut parameters = [0.0f32];
        optimizer.step(&mut parameters, &[1.0]);
        optimizer.step(&mut parameters, &[1.0]);
        // v1 = 1, v2 = 1.9; w = −0.1 − 0.19.
        assert!((parameters[0] + 0.29).abs() < 1e-6, "{parameters:?}");
    }

    #[test]
    fn adam_matches_pytorch_reference_values() {
        // torch.optim.Adam([w], lr=0.1) with w = 1 and gradients 0.5, -0.2, 0.3:
        // the first step moves by exactly lr; values below from the update formula in f64.
        let mut optimizer = Optimizer::new(OptimizerKind::Adam, 0.1, 1);
        let mut parameters = [1.0f32];
        optimizer.step(&mut parameters, &[0.5]);
        assert!((parameters[0] - 0.9).abs() < 1e-6);
        let (mut w, mut m, mut v) = (1.0f64, 0.0f64, 0.0f64);
        let mut optimizer = Optimizer::new(OptimizerKind::Adam, 0.1, 1);
        let mut parameters = [1.0f32];
        for (t, g) in [0.5f64, -0.2, 0.3].into_iter().enumerate() {
            optimizer.step(&mut parameters, &[g as f32]);
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            let t = t as i32 + 1;
            w -= 0.1 / (1.0 - 0.9f64.powi(t)) * m / (v.sqrt() / (1.0 - 0.999f64.powi(t)).sqrt() + 1e-8);
            assert!((f64::from(parameters[0]) - w).abs() < 1e-5, "step {t}: {} vs {w}", parameters[0]);
        }
    }
}
