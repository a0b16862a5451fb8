//! actviz: activation functions, their exact derivatives, and a small MLP for dead-neuron experiments.
pub mod activation;
