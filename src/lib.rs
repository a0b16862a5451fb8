//! actviz: activation functions, their exact derivatives, and a small MLP for dead-neuron experiments.
pub mod activation;
pub mod experiments;
pub mod formula;
pub mod mlp;
pub mod plot;

#[cfg(target_arch = "wasm32")]
pub mod web;
