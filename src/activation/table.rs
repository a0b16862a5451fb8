//! The table of activations: one row each, in display order, giving the variant and its
//! parameters (PyTorch names, defaults, slider ranges), the metadata the pages show, and the
//! constraints between parameter values. The `activations!` macro (`define.rs`) generates the
//! `Activation` enum, `id()`, `params()`, the catalogue and `build()` from it; the maths
//! (`value`, `derivative`, `breakpoints` in `mod.rs`, formulas in `formula.rs`) are written by hand.

use std::sync::Arc;

use super::catalogue::{choice, invalid, number, text, ActivationInfo, Group, ParamSpec, ParamType, Values};
use super::{format_number, ActivationError, GeluApproximate, ParamValue};
use crate::formula::Formula;

const NEGATIVE_SLOPE: ParamSpec = number(
    "s",
    0.01,
    (0.0, 1.0, 0.01),
    "Slope of the line for x < 0: how much signal and gradient leak through.",
);
const LAMBD: ParamSpec =
    number("λ", 0.5, (0.0, 3.0, 0.05), "Half-width of the dead zone: inputs with |x| ≤ λ become 0.");

activations! {
    Relu => {
        id: "relu", label: "ReLU", torch_class: "ReLU", group: ReluFamily, suggest: 0, flat_below_zero: true,
        summary: "Zero for negative inputs, identity for positive ones; a neuron stuck below zero gets no gradient.",
    }
    LeakyRelu { negative_slope: f64 = NEGATIVE_SLOPE } => {
        id: "leaky_relu", label: "Leaky ReLU", torch_class: "LeakyReLU", group: ReluFamily, suggest: 1,
        summary: "ReLU with a small slope below zero, so no neuron is ever fully cut off from the gradient.",
    }
    /// A single shared weight, like `nn.PReLU()` (num_parameters = 1).
    Prelu {
        weight: f64 = number("a", 0.25, (-0.5, 1.0, 0.01), "Slope below zero (learned during training; this is its initial value)."),
    } => {
        id: "prelu", label: "PReLU", torch_class: "PReLU", group: ReluFamily,
        summary: "Leaky ReLU whose slope is learned; here one shared weight, as nn.PReLU().",
    }
    /// Randomized leaky ReLU, in eval mode: the slope is `(lower + upper) / 2`.
    Rrelu {
        lower: f64 = number("l", 0.125, (0.0, 1.0, 0.005), "Lower bound of the random slope for x < 0."),
        upper: f64 = number("u", 1.0 / 3.0, (0.0, 1.0, 0.005), "Upper bound of the random slope for x < 0."),
    } => {
        id: "rrelu", label: "RReLU (eval)", torch_class: "RReLU", group: ReluFamily,
        summary: "Randomized leaky ReLU: in training the slope is drawn from U(lower, upper); in eval mode, as plotted, it is (lower + upper)/2.",
        check: { lower <= upper => upper: format!("at least lower ({})", format_number(lower)); },
    }
    Elu { alpha: f64 = number("α", 1.0, (0.0, 3.0, 0.05), "Value approached for very negative x is -α.") } => {
        id: "elu", label: "ELU", torch_class: "ELU", group: Exponential, suggest: 2,
        summary: "Smooth exponential for x < 0 that saturates at -α, pulling mean activations toward zero.",
    }
    Celu {
        alpha: f64 = number("α", 1.0, (0.05, 3.0, 0.05), "Saturation level -α and width of the curved part for x < 0."),
    } => {
        id: "celu", label: "CELU", torch_class: "CELU", group: Exponential,
        summary: "ELU rescaled so its derivative is continuous at 0 for every α.",
        check: { alpha != 0.0 => alpha: "a non-zero number (CELU divides by alpha)"; },
    }
    Selu => {
        id: "selu", label: "SELU", torch_class: "SELU", group: Exponential,
        summary: "Scaled ELU with fixed λ ≈ 1.0507 and α ≈ 1.6733 that self-normalises activations.",
    }
    Gelu {
        approximate: GeluApproximate = choice("none", &["none", "tanh"], "\"none\": the exact form with erf; \"tanh\": the faster tanh approximation."),
    } => {
        id: "gelu", label: "GELU", torch_class: "GELU", group: SmoothGated, suggest: 3,
        summary: "x weighted by the standard normal CDF Φ(x); used by BERT and GPT.",
    }
    Silu => {
        id: "silu", label: "SiLU (Swish)", torch_class: "SiLU", group: SmoothGated, suggest: 4,
        summary: "x·σ(x): smooth, non-monotonic, dips slightly below zero.",
    }
    Mish => {
        id: "mish", label: "Mish", torch_class: "Mish", group: SmoothGated, suggest: 8,
        summary: "x·tanh(softplus(x)): smooth and non-monotonic, like SiLU.",
    }
    Softplus {
        beta: f64 = number("β", 1.0, (0.1, 10.0, 0.1), "Sharpness: large β approaches ReLU."),
        threshold: f64 = number("t", 20.0, (1.0, 40.0, 1.0), "Above βx = threshold the function is x exactly (for numerical stability)."),
    } => {
        id: "softplus", label: "Softplus", torch_class: "Softplus", group: SmoothGated, suggest: 7,
        summary: "A smooth ReLU, ln(1 + e^{βx})/β; returns x itself once βx exceeds the threshold.",
        check: { beta > 0.0 => beta: "greater than 0"; },
    }
    Sigmoid => {
        id: "sigmoid", label: "Sigmoid", torch_class: "Sigmoid", group: Saturating, suggest: 5,
        summary: "Squashes to (0, 1); its derivative never exceeds 1/4, so deep stacks shrink gradients.",
    }
    Tanh => {
        id: "tanh", label: "Tanh", torch_class: "Tanh", group: Saturating, suggest: 6,
        summary: "Squashes to (-1, 1), zero-centred; saturates for large |x|.",
    }
    Relu6 => {
        id: "relu6", label: "ReLU6", torch_class: "ReLU6", group: ReluFamily, flat_below_zero: true,
        summary: "ReLU capped at 6, used by MobileNet for low-precision friendliness.",
    }
    Hardtanh {
        min_val: f64 = number("m", -1.0, (-5.0, 5.0, 0.1), "Lower clip: outputs below it are set to it."),
        max_val: f64 = number("M", 1.0, (-5.0, 5.0, 0.1), "Upper clip: outputs above it are set to it."),
    } => {
        id: "hardtanh", label: "Hardtanh", torch_class: "Hardtanh", group: Saturating,
        summary: "Identity clipped to [min_val, max_val].",
        check: { min_val < max_val => min_val: format!("less than max_val ({})", format_number(max_val)); },
    }
    Hardsigmoid => {
        id: "hardsigmoid", label: "Hardsigmoid", torch_class: "Hardsigmoid", group: Saturating,
        summary: "Piecewise-linear sigmoid, cheap on mobile hardware.",
    }
    Hardswish => {
        id: "hardswish", label: "Hardswish", torch_class: "Hardswish", group: SmoothGated,
        summary: "Piecewise version of SiLU from MobileNetV3: x·relu6(x + 3)/6.",
    }
    Softsign => {
        id: "softsign", label: "Softsign", torch_class: "Softsign", group: Saturating,
        summary: "x/(1 + |x|): like tanh but with polynomial, slower saturation.",
    }
    Logsigmoid => {
        id: "logsigmoid", label: "LogSigmoid", torch_class: "LogSigmoid", group: Saturating,
        summary: "log σ(x) = -softplus(-x); always negative.",
    }
    Tanhshrink => {
        id: "tanhshrink", label: "Tanhshrink", torch_class: "Tanhshrink", group: Shrinkage,
        summary: "x - tanh(x): flat near zero, linear far from it.",
    }
    Hardshrink { lambd: f64 = LAMBD } => {
        id: "hardshrink", label: "Hardshrink", torch_class: "Hardshrink", group: Shrinkage,
        summary: "Zeroes inputs with |x| ≤ λ and passes the rest unchanged.",
        check: { lambd >= 0.0 => lambd: "at least 0"; },
    }
    Softshrink { lambd: f64 = LAMBD } => {
        id: "softshrink", label: "Softshrink", torch_class: "Softshrink", group: Shrinkage,
        summary: "Zeroes inputs with |x| ≤ λ and moves the rest λ toward zero (soft thresholding).",
        check: { lambd >= 0.0 => lambd: "at least 0"; },
    }
    /// The user's own formula in x ([`crate::formula`]), parsed once and shared.
    Custom {
        formula: Arc<Formula> = text("x * sigmoid(x)", "A formula in x: numbers, + - * / ^, exp, log, sqrt, abs, where(x > 0, a, b), min, max and every activation above by id, e.g. leaky_relu(x, 0.2)."),
    } => {
        id: "custom", label: "Custom formula", torch_class: "Custom", group: Custom,
        summary: "Your own formula in x, with its exact derivative (automatic differentiation, not finite differences).",
    }
}

/// Every activation, in display order.
pub fn catalogue() -> &'static [ActivationInfo] {
    CATALOGUE
}
