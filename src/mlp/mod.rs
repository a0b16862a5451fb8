//! The dead-neuron lab's core: a small dense MLP trained on 2-D toy datasets, in plain Rust.
//!
//! What lives here, one concept per file:
//! - [`rng`]: the seeded random numbers everything else draws from (same seed → same bits).
//! - [`dataset`]: moons, circles, xor, blobs and spiral, with a train/test split.
//! - [`csv`]: a CSV file of numbers (the last column the label) as a [`SplitDataset`].
//! - [`schema`]: every setting's keys, label, kind and limits, one row each.
//! - [`config`]: [`LabConfig`], its validation (against the schema's limits) and presets.
//! - `kernels`: the f32 matrix products and activation fast paths the network runs on.
//! - `simd`: the four-lane f32 vector those matrix products use (wasm simd128, SSE natively).
//! - [`network`]: the MLP's parameters in one contiguous buffer, its initialisation and forward pass.
//! - `head`: the classification head: sigmoid + binary cross-entropy, or softmax + cross-entropy.
//! - `backprop`: the preallocated training workspace and the backward pass.
//! - [`optim`]: SGD (with momentum) and Adam.
//! - [`trainer`]: one network with its optimizer and workspaces: train steps, evaluation and the
//!   decision-boundary grid.
//! - [`stats`]: dead (|f′| ≤ [`DEAD_GRADIENT`] everywhere) / inactive / revived neurons, activation
//!   rates and histograms.
//! - `histogram`: the pre-activation histogram of a layer ([`Histogram`]).
//! - [`history`]: [`Side`] and [`Pair`] (the twins by name) and the statistics recorded over a run.
//! - [`twin`]: a ReLU network and a second network trained side by side on identical batches.
//! - [`sweep`]: the born-dead sweep of Lu, Shin, Su and Karniadakis, "Dying ReLU and Initialization" (2019).
//!
//! Nothing here allocates inside a training step: every buffer a step needs is sized when a
//! [`Trainer`] is built. Every user-supplied number is checked and rejected with a [`LabError`]
//! that names the field, the value and what is allowed.

mod backprop;
pub mod config;
pub mod csv;
pub mod dataset;
pub mod export;
mod head;
mod histogram;
pub mod history;
pub mod images;
mod kernels;
pub mod network;
pub mod optim;
pub mod pytorch;
pub mod rng;
pub mod schema;
mod simd;
pub mod stats;
pub mod sweep;
pub mod trainer;
pub mod twin;

#[cfg(test)]
mod gradcheck_tests;

use std::fmt;

pub use config::{LabConfig, Preset, WeightInit, PRESETS};
pub use dataset::{Dataset, DatasetKind, SplitDataset};
pub use history::{Column, History, HistoryColumns, HistoryEntry, NetColumns, Pair, Side, MAX_HISTORY};
pub use network::Network;
pub use optim::OptimizerKind;
pub use rng::Rng;
pub use stats::{Histogram, LayerStats, NetworkStats, StatsJob, StatsSummary, DEAD_GRADIENT};
pub use sweep::{
    born_dead_sweep, sweep_work, SweepPoint, MAX_SWEEP_DEPTH, MAX_SWEEP_SEED, MAX_SWEEP_TRIALS,
    MAX_SWEEP_WIDTH, MAX_SWEEP_WORK,
};
pub use trainer::{Evaluation, GridSpec, Trainer};
pub use twin::{Twin, TwinStats, TwinStatsJob};

/// A rejected input: which field, and a message saying what was wrong and what is allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabError {
    /// The name of the offending field, e.g. `"hidden width"`.
    pub field: &'static str,
    /// The full user-facing message, e.g. "hidden width must be between 1 and 128, got 1000".
    pub message: String,
}

impl LabError {
    /// An error for `field` with a complete message.
    pub fn new(field: &'static str, message: impl Into<String>) -> LabError {
        LabError { field, message: message.into() }
    }

    /// "`field` must be between `min` and `max`, got `value`".
    pub fn out_of_range(
        field: &'static str,
        value: impl fmt::Display,
        min: impl fmt::Display,
        max: impl fmt::Display,
    ) -> LabError {
        LabError::new(field, format!("{field} must be between {min} and {max}, got {value}"))
    }
}

impl fmt::Display for LabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LabError {}

/// Checks `min <= value <= max` for counts and sizes.
pub(crate) fn check_count(field: &'static str, value: usize, min: usize, max: usize) -> Result<(), LabError> {
    if value < min || value > max {
        return Err(LabError::out_of_range(field, value, min, max));
    }
    Ok(())
}

/// Checks that `value` is finite and `min <= value <= max`.
pub(crate) fn check_real(field: &'static str, value: f64, min: f64, max: f64) -> Result<(), LabError> {
    if !value.is_finite() {
        return Err(LabError::new(field, format!("{field} must be a finite number, got {value}")));
    }
    if value < min || value > max {
        return Err(LabError::out_of_range(field, value, min, max));
    }
    Ok(())
}

/// A count or seed exactly as JS gave it (any f64), checked to be a whole number in
/// `min..=max` before any conversion, so a huge value is reported as given ("got 1e15"), never
/// as a wrapped or saturated integer. `max` must be at most 2^53 − 1 (exact in an f64).
pub fn whole_in_range(field: &'static str, value: f64, min: u64, max: u64) -> Result<u64, LabError> {
    let shown = crate::activation::format_number(value);
    if !(value.is_finite() && value.fract() == 0.0) {
        return Err(LabError::new(field, format!("{field} must be a whole number, got {shown}")));
    }
    if value < min as f64 || value > max as f64 {
        return Err(LabError::out_of_range(field, shown, min, max));
    }
    // -0 is a whole number ≥ 0 too; the cast maps it to 0.
    Ok(value as u64)
}
