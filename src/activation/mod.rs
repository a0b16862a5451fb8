//! The activation catalogue: every activation of `torch.nn.functional` we plot, its exact value
//! and derivative in f64, and the validation of its parameters.
//!
//! Ids and parameter names are PyTorch's (`leaky_relu`, `negative_slope`, ...), and so are the
//! defaults. Derivatives are closed forms, never finite differences. At a kink the derivative is
//! the one PyTorch's autograd returns there; each choice is documented on [`Activation::derivative`].
//!
//! NaN in gives NaN out; ±∞ in gives the limit of the function (or of its derivative).

#[macro_use]
mod define;
mod catalogue;
pub mod formula;
pub(crate) mod special;
mod table;

use std::fmt;
use std::sync::Arc;

pub use catalogue::{format_number, info, ActivationInfo, Group, ParamKind, ParamSpec, PARAM_LIMIT};
pub use table::{catalogue, Activation};

use crate::formula::{Formula, FormulaError};
use crate::plot::MAX_ABS_X;
use special::{normal_cdf, normal_pdf, sech_squared, sigmoid, softplus, x_minus_tanh};

/// SELU's α, PyTorch's exact constant (Klambauer et al. 2017).
pub const SELU_ALPHA: f64 = 1.673_263_242_354_377_3;
/// SELU's scale λ, PyTorch's exact constant.
pub const SELU_SCALE: f64 = 1.050_700_987_355_480_5;
/// √(2/π), used by GELU's tanh approximation.
const SQRT_2_OVER_PI: f64 = 0.797_884_560_802_865_4;
/// The cubic coefficient of GELU's tanh approximation.
const GELU_TANH_CUBIC: f64 = 0.044_715;

/// Which form of GELU to use, as PyTorch's `approximate` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeluApproximate {
    /// The exact form `x Φ(x)` with the normal CDF written through `erfc`.
    None,
    /// `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`.
    Tanh,
}

impl GeluApproximate {
    /// PyTorch's spelling: `"none"` or `"tanh"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            GeluApproximate::None => "none",
            GeluApproximate::Tanh => "tanh",
        }
    }
}

/// A parameter value as it comes from a user: a number, or a string (one of a fixed set of
/// choices, or the text of a formula).
#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    Number(f64),
    Choice(String),
}

/// Why an activation could not be built. The message names what was wrong and what is allowed.
#[derive(Clone, Debug, PartialEq)]
pub enum ActivationError {
    UnknownId(String),
    UnknownParam {
        id: &'static str,
        name: String,
    },
    WrongType {
        id: &'static str,
        name: &'static str,
        expected: &'static str,
    },
    InvalidValue {
        id: &'static str,
        name: &'static str,
        value: String,
        allowed: String,
    },
    /// A formula that does not parse; the message is the parser's, ending in `at <char index>`
    /// when it names a position.
    Formula {
        id: &'static str,
        name: &'static str,
        error: FormulaError,
    },
}

impl fmt::Display for ActivationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActivationError::UnknownId(id) => {
                let ids: Vec<&str> = catalogue().iter().map(|a| a.id).collect();
                write!(f, "unknown activation {id:?}; expected one of: {}", ids.join(", "))
            }
            ActivationError::UnknownParam { id, name } => {
                let names: Vec<&str> = info(id).map_or(vec![], |a| a.params.iter().map(|p| p.name).collect());
                if names.is_empty() {
                    write!(f, "{id} takes no parameters, got {name:?}")
                } else {
                    write!(f, "unknown parameter {name:?} for {id}; expected one of: {}", names.join(", "))
                }
            }
            ActivationError::WrongType { id, name, expected } => {
                write!(f, "{id}: {name} must be {expected}")
            }
            ActivationError::InvalidValue { id, name, value, allowed } => {
                write!(f, "{id}: {name} must be {allowed}, got {value}")
            }
            ActivationError::Formula { error, .. } => f.write_str(&error.message),
        }
    }
}

impl std::error::Error for ActivationError {}

impl Activation {
    /// Builds an activation from its PyTorch id and `(name, value)` pairs; missing parameters take
    /// PyTorch's defaults. Unknown ids or names, wrong types and invalid values are errors;
    /// `custom`'s `formula` is a [`ParamValue::Choice`] string, and a formula that does not
    /// parse is an [`ActivationError::Formula`].
    pub fn from_params(id: &str, params: &[(&str, ParamValue)]) -> Result<Activation, ActivationError> {
        let info = info(id).ok_or_else(|| ActivationError::UnknownId(id.to_owned()))?;
        let mut values = catalogue::Values::defaults(info);
        for (name, value) in params {
            values.set(info, name, value)?;
        }
        let activation = table::build(info, &values)?;
        Ok(activation)
    }

    /// A custom activation from an already parsed formula.
    pub fn custom(formula: Formula) -> Activation {
        Activation::Custom { formula: Arc::new(formula) }
    }

    /// The parsed formula of a custom activation, `None` for a catalogue one.
    pub fn formula(&self) -> Option<&Formula> {
        match self {
            Activation::Custom { formula } => Some(formula),
            _ => None,
        }
    }

    /// The activation with PyTorch's default parameters.
    pub fn default_for(id: &str) -> Result<Activation, ActivationError> {
        Activation::from_params(id, &[])
    }

    /// The slope below zero of the piecewise-linear ReLU family (leaky_relu, prelu, rrelu in eval
    /// mode, and relu itself with slope 0); `None` for every other activation.
    pub fn negative_slope(&self) -> Option<f64> {
        match self {
            Activation::Relu => Some(0.0),
            Activation::LeakyRelu { negative_slope } => Some(*negative_slope),
            Activation::Prelu { weight } => Some(*weight),
            Activation::Rrelu { lower, upper } => Some(0.5 * (lower + upper)),
            _ => None,
        }
    }

    /// `f(x)`. A custom formula is evaluated as it is written, NaN included.
    pub fn value(&self, x: f64) -> f64 {
        use Activation::*;
        if let Custom { formula } = self {
            return formula.eval(x);
        }
        if x.is_nan() {
            return x;
        }
        match *self {
            Relu => {
                if x > 0.0 {
                    x
                } else {
                    0.0
                }
            }
            LeakyRelu { .. } | Prelu { .. } | Rrelu { .. } => {
                let slope = self.negative_slope().unwrap_or(0.0);
                if x > 0.0 {
                    x
                } else {
                    slope * x
                }
            }
            Elu { alpha } => elu(x, alpha, 1.0),
            Celu { alpha } => celu(x, alpha),
            Selu => SELU_SCALE * elu(x, SELU_ALPHA, 1.0),
            Gelu { approximate: GeluApproximate::None } => {
                if x == f64::NEG_INFINITY {
                    return 0.0;
                }
                x * normal_cdf(x)
            }
            Gelu { approximate: GeluApproximate::Tanh } => {
                // 0.5 x (1 + tanh u) = x σ(2u): no cancellation of 1 + tanh u for u ≪ 0.
                if x == f64::NEG_INFINITY {
                    return 0.0;
                }
                x * sigmoid(2.0 * gelu_tanh_inner(x))
            }
            Silu => {
                if x == f64::NEG_INFINITY {
                    return 0.0;
                }
                x * sigmoid(x)
            }
            Mish => {
                if x == f64::NEG_INFINITY {
                    return 0.0;
                }
                x * softplus(x).tanh()
            }
            Softplus { beta, threshold } => {
                if x * beta > threshold {
                    x
                } else {
                    softplus(beta * x) / beta
                }
            }
            Sigmoid => sigmoid(x),
            Tanh => x.tanh(),
            Relu6 => x.clamp(0.0, 6.0),
            Hardtanh { min_val, max_val } => x.clamp(min_val, max_val),
            Hardsigmoid => (x / 6.0 + 0.5).clamp(0.0, 1.0),
            Hardswish => {
                if x <= -3.0 {
                    0.0
                } else if x >= 3.0 {
                    x
                } else {
                    x * (x + 3.0) / 6.0
                }
            }
            Softsign => {
                if x.is_infinite() {
                    return x.signum();
                }
                x / (1.0 + x.abs())
            }
            Logsigmoid => -softplus(-x),
            Tanhshrink => x_minus_tanh(x),
            Hardshrink { lambd } => {
                if x >= -lambd && x <= lambd {
                    0.0
                } else {
                    x
                }
            }
            Softshrink { lambd } => {
                if x > lambd {
                    x - lambd
                } else if x < -lambd {
                    x + lambd
                } else {
                    0.0
                }
            }
            Custom { .. } => f64::NAN, // evaluated above
        }
    }

    /// `f'(x)`, in closed form.
    ///
    /// At a kink this is what PyTorch's autograd returns there:
    /// - relu, leaky_relu, prelu, rrelu: the left slope at 0 (`relu'(0) = 0`,
    ///   `leaky_relu'(0) = negative_slope`), since the backward tests `x > 0`.
    /// - elu, selu: the left branch at 0 (`elu'(0) = alpha`, `selu'(0) = scale·alpha`); celu'(0) = 1.
    /// - relu6, hardtanh: 0 at both ends of the linear part (backward tests `min < x < max`).
    /// - hardsigmoid: 0 at ±3; hardswish: the middle branch `x/3 + 1/2` on the closed interval
    ///   [-3, 3], so `hardswish'(-3) = -1/2` and `hardswish'(3) = 3/2`.
    /// - hardshrink, softshrink: 0 at ±lambd.
    /// - softplus: 1 where `beta·x > threshold` (where it returns x), `σ(beta·x)` elsewhere.
    /// - custom: the formula's forward-mode derivative, which follows the branch taken
    ///   (conventions in `crate::formula`); NaN in goes through the formula too.
    pub fn derivative(&self, x: f64) -> f64 {
        use Activation::*;
        if let Custom { formula } = self {
            return formula.eval_dual(x).1;
        }
        if x.is_nan() {
            return x;
        }
        match *self {
            Relu | LeakyRelu { .. } | Prelu { .. } | Rrelu { .. } => {
                if x > 0.0 {
                    1.0
                } else {
                    self.negative_slope().unwrap_or(0.0)
                }
            }
            Elu { alpha } => elu_derivative(x, alpha, 1.0),
            Celu { alpha } => elu_derivative(x, alpha, 1.0 / alpha),
            Selu => SELU_SCALE * elu_derivative(x, SELU_ALPHA, 1.0),
            Gelu { approximate: GeluApproximate::None } => {
                if x.is_infinite() {
                    return if x > 0.0 { 1.0 } else { 0.0 };
                }
                normal_cdf(x) + x * normal_pdf(x)
            }
            Gelu { approximate: GeluApproximate::Tanh } => {
                if x.is_infinite() {
                    return if x > 0.0 { 1.0 } else { 0.0 };
                }
                // f = x σ(2u) ⇒ f' = σ(2u) + 2x σ(2u) σ(-2u) u'(x).
                let u = gelu_tanh_inner(x);
                let s = sigmoid(2.0 * u);
                let spread = s * sigmoid(-2.0 * u);
                if spread == 0.0 {
                    // Far out in a tail (|x| > ~20): f' is its limit, and for |x| > ~1e154 the
                    // u'(x) below would overflow to ∞ and make 0 · ∞ = NaN.
                    return s;
                }
                let du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_TANH_CUBIC * x * x);
                s + 2.0 * x * spread * du
            }
            Silu => {
                if x.is_infinite() {
                    return if x > 0.0 { 1.0 } else { 0.0 };
                }
                // σ(x) (1 + x (1 - σ(x))), with 1 - σ(x) written as σ(-x).
                let s = sigmoid(x);
                s + x * s * sigmoid(-x)
            }
            Mish => {
                if x.is_infinite() {
                    return if x > 0.0 { 1.0 } else { 0.0 };
                }
                let sp = softplus(x);
                sp.tanh() + x * sech_squared(sp) * sigmoid(x)
            }
            Softplus { beta, threshold } => {
                if x * beta > threshold {
                    1.0
                } else {
                    sigmoid(beta * x)
                }
            }
            Sigmoid => sigmoid(x) * sigmoid(-x),
            Tanh => sech_squared(x),
            Relu6 => step_inside(x, 0.0, 6.0),
            Hardtanh { min_val, max_val } => step_inside(x, min_val, max_val),
            Hardsigmoid => step_inside(x, -3.0, 3.0) / 6.0,
            Hardswish => {
                if x < -3.0 {
                    0.0
                } else if x <= 3.0 {
                    x / 3.0 + 0.5
                } else {
                    1.0
                }
            }
            Softsign => {
                let d = 1.0 + x.abs();
                1.0 / (d * d)
            }
            Logsigmoid => sigmoid(-x),
            Tanhshrink => {
                let t = x.tanh();
                t * t
            }
            Hardshrink { lambd } | Softshrink { lambd } => {
                if x >= -lambd && x <= lambd {
                    0.0
                } else {
                    1.0
                }
            }
            Custom { .. } => f64::NAN, // differentiated above
        }
    }

    /// Points where f or f' is not continuous (kinks, jumps, the softplus threshold), in
    /// increasing order. Charts split their lines there instead of drawing a false vertical edge.
    /// A custom formula's are its possible branch switches within a chart's widest x range
    /// ([`MAX_ABS_X`]), at most 64.
    pub fn breakpoints(&self) -> Vec<f64> {
        use Activation::*;
        match *self {
            Relu | LeakyRelu { .. } | Prelu { .. } | Rrelu { .. } | Elu { .. } | Celu { .. } | Selu => {
                vec![0.0]
            }
            Relu6 => vec![0.0, 6.0],
            Hardtanh { min_val, max_val } => vec![min_val, max_val],
            Hardsigmoid | Hardswish => vec![-3.0, 3.0],
            Hardshrink { lambd } | Softshrink { lambd } => {
                if lambd == 0.0 {
                    vec![0.0]
                } else {
                    vec![-lambd, lambd]
                }
            }
            Softplus { beta, threshold } => vec![threshold / beta],
            Gelu { .. } | Silu | Mish | Sigmoid | Tanh | Softsign | Logsigmoid | Tanhshrink => vec![],
            Custom { ref formula } => formula.kinks(-MAX_ABS_X, MAX_ABS_X),
        }
    }
}

/// ELU with PyTorch's `input_scale` (CELU is ELU with `input_scale = 1/alpha`):
/// `x` for x > 0, else `alpha (e^(x·input_scale) - 1)`.
fn elu(x: f64, alpha: f64, input_scale: f64) -> f64 {
    if x > 0.0 {
        x
    } else {
        alpha * (x * input_scale).exp_m1()
    }
}

/// Derivative of [`elu`]: 1 for x > 0, else `alpha · input_scale · e^(x·input_scale)` (the left
/// branch at 0, as PyTorch's `elu_backward`).
fn elu_derivative(x: f64, alpha: f64, input_scale: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else {
        alpha * input_scale * (x * input_scale).exp()
    }
}

/// CELU: `max(0, x) + min(0, alpha (e^(x/alpha) - 1))`.
fn celu(x: f64, alpha: f64) -> f64 {
    elu(x, alpha, 1.0 / alpha)
}

/// `u(x) = √(2/π) (x + 0.044715 x³)`, the argument of tanh in GELU's tanh approximation.
fn gelu_tanh_inner(x: f64) -> f64 {
    SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x)
}

/// 1 strictly inside (lo, hi), 0 elsewhere: the derivative of a clamp as PyTorch's hardtanh_backward.
fn step_inside(x: f64, lo: f64, hi: f64) -> f64 {
    if x > lo && x < hi {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests;
