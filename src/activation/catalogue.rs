//! Metadata of every activation: label, PyTorch class, parameter specs (default, slider range,
//! meaning), and the validation that turns user-supplied values into an [`Activation`].

use super::{Activation, ActivationError, GeluApproximate, ParamValue};

/// What kind of value a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    /// A real number. `min..=max` in steps of `step` is the slider's range; the values accepted
    /// are wider (see [`ActivationInfo::constraint`]), as PyTorch's.
    Number { default: f64, min: f64, max: f64, step: f64 },
    /// One of a fixed list of strings.
    Choice { default: &'static str, choices: &'static [&'static str] },
}

/// One parameter of an activation, named as in PyTorch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    pub name: &'static str,
    /// The symbol used in formulas (MathML `<mi>` content), e.g. `α`.
    pub symbol: &'static str,
    pub kind: ParamKind,
    /// What the parameter does, one line for learners.
    pub description: &'static str,
}

/// Catalogue entry of one activation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActivationInfo {
    /// `torch.nn.functional` name, e.g. `leaky_relu`.
    pub id: &'static str,
    /// Human-readable name, e.g. `Leaky ReLU`.
    pub label: &'static str,
    /// The `torch.nn` module class, e.g. `LeakyReLU`.
    pub torch_class: &'static str,
    /// One line on what the activation is known for.
    pub summary: &'static str,
    pub params: &'static [ParamSpec],
}

const fn number(
    name: &'static str,
    symbol: &'static str,
    default: f64,
    (min, max, step): (f64, f64, f64),
    description: &'static str,
) -> ParamSpec {
    ParamSpec { name, symbol, kind: ParamKind::Number { default, min, max, step }, description }
}

const NEGATIVE_SLOPE: ParamSpec = number(
    "negative_slope",
    "s",
    0.01,
    (0.0, 1.0, 0.01),
    "Slope of the line for x < 0: how much signal and gradient leak through.",
);
const LAMBD: ParamSpec =
    number("lambd", "λ", 0.5, (0.0, 3.0, 0.05), "Half-width of the dead zone: inputs with |x| ≤ λ become 0.");

static CATALOGUE: [ActivationInfo; 22] = [
    ActivationInfo { id: "relu", label: "ReLU", torch_class: "ReLU", summary: "Zero for negative inputs, identity for positive ones; a neuron stuck below zero gets no gradient.", params: &[] },
    ActivationInfo { id: "leaky_relu", label: "Leaky ReLU", torch_class: "LeakyReLU", summary: "ReLU with a small slope below zero, so no neuron is ever fully cut off from the gradient.", params: &[NEGATIVE_SLOPE] },
    ActivationInfo { id: "prelu", label: "PReLU", torch_class: "PReLU", summary: "Leaky ReLU whose slope is learned; here one shared weight, as nn.PReLU().", params: &[number("weight", "a", 0.25, (-0.5, 1.0, 0.01), "Slope below zero (learned during training; this is its initial value).")] },
    ActivationInfo { id: "rrelu", label: "RReLU (eval)", torch_class: "RReLU", summary: "Randomized leaky ReLU: in training the slope is drawn from U(lower, upper); in eval mode, as plotted, it is (lower + upper)/2.", params: &[
        number("lower", "l", 0.125, (0.0, 1.0, 0.005), "Lower bound of the random slope for x < 0."),
        number("upper", "u", 1.0 / 3.0, (0.0, 1.0, 0.005), "Upper bound of the random slope for x < 0."),
    ] },
    ActivationInfo { id: "elu", label: "ELU", torch_class: "ELU", summary: "Smooth exponential for x < 0 that saturates at -α, pulling mean activations toward zero.", params: &[number("alpha", "α", 1.0, (0.0, 3.0, 0.05), "Value approached for very negative x is -α.")] },
    ActivationInfo { id: "celu", label: "CELU", torch_class: "CELU", summary: "ELU rescaled so its derivative is continuous at 0 for every α.", params: &[number("alpha", "α", 1.0, (0.05, 3.0, 0.05), "Saturation level -α and width of the curved part for x < 0.")] },
    ActivationInfo { id: "selu", label: "SELU", torch_class: "SELU", summary: "Scaled ELU with fixed λ ≈ 1.0507 and α ≈ 1.6733 that self-normalises activations.", params: &[] },
    ActivationInfo { id: "gelu", label: "GELU", torch_class: "GELU", summary: "x weighted by the standard normal CDF Φ(x); used by BERT and GPT.", params: &[ParamSpec { name: "approximate", symbol: "", kind: ParamKind::Choice { default: "none", choices: &["none", "tanh"] }, description: "\"none\": the exact form with erf; \"tanh\": the faster tanh approximation." }] },
    ActivationInfo { id: "silu", label: "SiLU (Swish)", torch_class: "SiLU", summary: "x·σ(x): smooth, non-monotonic, dips slightly below zero.", params: &[] },
    ActivationInfo { id: "mish", label: "Mish", torch_class: "Mish", summary: "x·tanh(softplus(x)): smooth and non-monotonic, like SiLU.", params: &[] },
    ActivationInfo { id: "softplus", label: "Softplus", torch_class: "Softplus", summary: "A smooth ReLU, ln(1 + e^{βx})/β; returns x itself once βx exceeds the threshold.", params: &[
        number("beta", "β", 1.0, (0.1, 10.0, 0.1), "Sharpness: large β approaches ReLU."),
        number("threshold", "t", 20.0, (1.0, 40.0, 1.0), "Above βx = threshold the function is x exactly (for numerical stability)."),
    ] },
    ActivationInfo { id: "sigmoid", label: "Sigmoid", torch_class: "Sigmoid", summary: "Squashes to (0, 1); its derivative never exceeds 1/4, so deep stacks shrink gradients.", params: &[] },
    ActivationInfo { id: "tanh", label: "Tanh", torch_class: "Tanh", summary: "Squashes to (-1, 1), zero-centred; saturates for large |x|.", params: &[] },
    ActivationInfo { id: "relu6", label: "ReLU6", torch_class: "ReLU6", summary: "ReLU capped at 6, used by MobileNet for low-precision friendliness.", params: &[] },
    ActivationInfo { id: "hardtanh", label: "Hardtanh", torch_class: "Hardtanh", summary: "Identity clipped to [min_val, max_val].", params: &[
        number("min_val", "m", -1.0, (-5.0, 5.0, 0.1), "Lower clip: outputs below it are set to it."),
        number("max_val", "M", 1.0, (-5.0, 5.0, 0.1), "Upper clip: outputs above it are set to it."),
    ] },
    ActivationInfo { id: "hardsigmoid", label: "Hardsigmoid", torch_class: "Hardsigmoid", summary: "Piecewise-linear sigmoid, cheap on mobile hardware.", params: &[] },
    ActivationInfo { id: "hardswish", label: "Hardswish", torch_class: "Hardswish", summary: "Piecewise version of SiLU from MobileNetV3: x·relu6(x + 3)/6.", params: &[] },
    ActivationInfo { id: "softsign", label: "Softsign", torch_class: "Softsign", summary: "x/(1 + |x|): like tanh but with polynomial, slower saturation.", params: &[] },
    ActivationInfo { id: "logsigmoid", label: "LogSigmoid", torch_class: "LogSigmoid", summary: "log σ(x) = -softplus(-x); always negative.", params: &[] },
    ActivationInfo { id: "tanhshrink", label: "Tanhshrink", torch_class: "Tanhshrink", summary: "x - tanh(x): flat near zero, linear far from it.", params: &[] },
    ActivationInfo { id: "hardshrink", label: "Hardshrink", torch_class: "Hardshrink", summary: "Zeroes inputs with |x| ≤ λ and passes the rest unchanged.", params: &[LAMBD] },
    ActivationInfo { id: "softshrink", label: "Softshrink", torch_class: "Softshrink", summary: "Zeroes inputs with |x| ≤ λ and moves the rest λ toward zero (soft thresholding).", params: &[LAMBD] },
];

/// Every activation, in display order.
pub fn catalogue() -> &'static [ActivationInfo] {
    &CATALOGUE
}

/// The catalogue entry for an id, if there is one.
pub fn info(id: &str) -> Option<&'static ActivationInfo> {
    CATALOGUE.iter().find(|a| a.id == id)
}

/// Parameter values being collected for one activation, in catalogue order.
pub(super) struct Values(Vec<ParamValue>);

impl Values {
    pub(super) fn defaults(info: &ActivationInfo) -> Values {
        Values(
            info.params
                .iter()
                .map(|p| match p.kind {
                    ParamKind::Number { default, .. } => ParamValue::Number(default),
                    ParamKind::Choice { default, .. } => ParamValue::Choice(default.to_owned()),
                })
                .collect(),
        )
    }

    /// Sets one parameter, checking its name and type (ranges are checked by [`build`]).
    pub(super) fn set(
        &mut self,
        info: &'static ActivationInfo,
        name: &str,
        value: &ParamValue,
    ) -> Result<(), ActivationError> {
        let index = info
            .params
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| ActivationError::UnknownParam { id: info.id, name: name.to_owned() })?;
        let spec = &info.params[index];
        match (spec.kind, value) {
            (ParamKind::Number { .. }, ParamValue::Number(x)) => {
                if !x.is_finite() {
                    return Err(invalid(info, spec.name, format_number(*x), "a finite number"));
                }
            }
            (ParamKind::Choice { choices, .. }, ParamValue::Choice(choice)) => {
                if !choices.contains(&choice.as_str()) {
                    let allowed = choices.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(" or ");
                    return Err(invalid(info, spec.name, format!("{choice:?}"), &allowed));
                }
            }
            (ParamKind::Number { .. }, ParamValue::Choice(_)) => {
                return Err(ActivationError::WrongType { id: info.id, name: spec.name, expected: "a number" })
            }
            (ParamKind::Choice { .. }, ParamValue::Number(_)) => {
                return Err(ActivationError::WrongType { id: info.id, name: spec.name, expected: "a string" })
            }
        }
        self.0[index] = value.clone();
        Ok(())
    }

    fn number(&self, index: usize) -> f64 {
        match self.0[index] {
            ParamValue::Number(x) => x,
            ParamValue::Choice(_) => f64::NAN,
        }
    }
}

fn invalid(info: &ActivationInfo, name: &'static str, value: String, allowed: &str) -> ActivationError {
    ActivationError::InvalidValue { id: info.id, name, value, allowed: allowed.to_owned() }
}

/// Formats a number the way a user would type it back (shortest round-trip form).
pub fn format_number(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        format!("{x}")
    }
}

/// Turns validated-by-type values into an activation, checking the constraints between them.
pub(super) fn build(info: &'static ActivationInfo, values: &Values) -> Result<Activation, ActivationError> {
    use Activation::*;
    let v = |i| values.number(i);
    let activation = match info.id {
        "relu" => Relu,
        "leaky_relu" => LeakyRelu { negative_slope: v(0) },
        "prelu" => Prelu { weight: v(0) },
        "rrelu" => {
            if v(0) > v(1) {
                let allowed = format!("at least lower ({})", format_number(v(0)));
                return Err(invalid(info, "upper", format_number(v(1)), &allowed));
            }
            Rrelu { lower: v(0), upper: v(1) }
        }
        "elu" => Elu { alpha: v(0) },
        "celu" => {
            if v(0) == 0.0 {
                return Err(invalid(info, "alpha", "0".into(), "a non-zero number (CELU divides by alpha)"));
            }
            Celu { alpha: v(0) }
        }
        "selu" => Selu,
        "gelu" => Gelu {
            approximate: match &values.0[0] {
                ParamValue::Choice(c) if c == "tanh" => GeluApproximate::Tanh,
                _ => GeluApproximate::None,
            },
        },
        "silu" => Silu,
        "mish" => Mish,
        "softplus" => {
            if v(0) <= 0.0 {
                return Err(invalid(info, "beta", format_number(v(0)), "greater than 0"));
            }
            Softplus { beta: v(0), threshold: v(1) }
        }
        "sigmoid" => Sigmoid,
        "tanh" => Tanh,
        "relu6" => Relu6,
        "hardtanh" => {
            if v(0) >= v(1) {
                let allowed = format!("less than max_val ({})", format_number(v(1)));
                return Err(invalid(info, "min_val", format_number(v(0)), &allowed));
            }
            Hardtanh { min_val: v(0), max_val: v(1) }
        }
        "hardsigmoid" => Hardsigmoid,
        "hardswish" => Hardswish,
        "softsign" => Softsign,
        "logsigmoid" => Logsigmoid,
        "tanhshrink" => Tanhshrink,
        "hardshrink" | "softshrink" => {
            if v(0) < 0.0 {
                return Err(invalid(info, "lambd", format_number(v(0)), "at least 0"));
            }
            if info.id == "hardshrink" {
                Hardshrink { lambd: v(0) }
            } else {
                Softshrink { lambd: v(0) }
            }
        }
        other => return Err(ActivationError::UnknownId(other.to_owned())),
    };
    Ok(activation)
}
