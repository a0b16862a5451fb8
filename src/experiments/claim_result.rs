//! What a claim card shows: [`ClaimResult`], with its primary [`Effect`], its groups of runs and,
//! for the dying claim, the gradient-flow evidence.

use super::claims::ClaimId;
use super::verdict::{Interval, Verdict};

/// The primary measure of a claim: its paired differences' interval, and which sign the claim predicts.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    /// What is compared, e.g. "dead neurons, ReLU − Leaky ReLU".
    pub measure: &'static str,
    /// The unit of the differences, e.g. "neurons" ("" for a pure number).
    pub unit: &'static str,
    /// +1 or −1: the sign the claim predicts for the mean difference.
    pub claimed_sign: f64,
    /// The 95% interval of the mean difference.
    pub interval: Interval,
}

/// One group of runs (a learning rate, a label-noise level, the preset) with per-seed values.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimGroup {
    /// The group's number: the learning rate, the label noise, or the step count.
    pub key: f64,
    /// e.g. "learning rate 0.5".
    pub label: String,
    /// Metric ids present in `relu` and `other`, in order.
    pub metrics: Vec<&'static str>,
    /// Per metric, the ReLU network's per-seed values.
    pub relu: Vec<Vec<f64>>,
    /// Per metric, the other network's per-seed values.
    pub other: Vec<Vec<f64>>,
    /// The group's paired measure (as in [`Effect`]) per seed.
    pub differences: Vec<f64>,
    /// Its 95% interval.
    pub interval: Interval,
    /// Its verdict, once every seed of the group is done.
    pub verdict: Option<Verdict>,
}

/// One gradient-flow series: the median norm per hidden layer over the seeds done.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientSeries {
    /// e.g. "Leaky ReLU (He normal)".
    pub label: &'static str,
    /// The activation's PyTorch id.
    pub activation: &'static str,
    /// Median ‖dL/dW_l‖_F per hidden layer.
    pub grad_norm: Vec<f64>,
}

/// The gradient-flow evidence of the dying claim.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientEvidence {
    /// Hidden layers.
    pub depth: usize,
    /// One series per activation.
    pub series: Vec<GradientSeries>,
    /// Interval of log10(first-layer norm Leaky / ReLU) per seed.
    pub interval: Interval,
    /// Its verdict (claimed +1), once every network is done.
    pub verdict: Option<Verdict>,
}

/// Everything a claim card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimResult {
    /// Which claim.
    pub id: ClaimId,
    /// Units done.
    pub done: usize,
    /// Units in all.
    pub total: usize,
    /// The verdict on the primary measure; `None` ("pending") until every unit is done.
    pub verdict: Option<Verdict>,
    /// The primary measure.
    pub effect: Effect,
    /// The groups of runs.
    pub groups: Vec<ClaimGroup>,
    /// Gradient flow (the dying claim only).
    pub gradient: Option<GradientEvidence>,
}
