//! Experiments over many seeds, and the verdicts computed from them, in plain Rust.
//!
//! - [`repeat`]: the lab's twin run over seeds, with end-of-run metrics per seed; `seed_run`
//!   runs one seed in slices.
//! - [`gradflow`]: per-layer gradient norms, at initialisation over seeds or for a lab network.
//! - [`verdict`]: paired differences, their 95% Student t interval, and the verdict rule.
//! - [`claims`]: the three claims' protocols; [`claim_job`] runs one in small units and
//!   [`claim_result`] holds what it found.
//! - `dense`: the f64 network gradient flow measures (deeper and wider than the lab allows).

pub mod claim_job;
pub mod claim_result;
pub mod claims;
mod dense;
pub mod gradflow;
pub mod repeat;
mod seed_run;
pub mod verdict;

pub use claim_job::ClaimJob;
pub use claim_result::{ClaimGroup, ClaimResult, Effect, GradientEvidence, GradientSeries};
pub use claims::{
    ClaimId, DyingProtocol, GradientProtocol, NoiseProtocol, OscillationProtocol, DYING, NOISE, OSCILLATION,
};
pub use gradflow::{
    gradient_flow, gradient_norms, GradientFlowConfig, MAX_FLOW_DEPTH, MAX_FLOW_SEEDS, MAX_FLOW_WIDTH,
    MAX_FLOW_WORK,
};
pub use repeat::{
    repeat_lab, RepeatJob, RepeatOptions, RepeatResult, RunMetrics, SideMetrics, MAX_REPEAT_SEEDS,
    MAX_REPEAT_STEPS, MAX_REPEAT_WORK, OSCILLATION_WINDOW,
};
pub use verdict::{paired_interval, student_t_quantile, verdict, Interval, Verdict};

#[cfg(test)]
mod tests;
