//! Metadata types of the catalogue (label, PyTorch class, group, parameter specs: default,
//! slider range, meaning) and the validation that turns user-supplied values into typed
//! parameters. The rows themselves are in `table.rs`.

use std::sync::Arc;

use super::{ActivationError, GeluApproximate, ParamValue};
use crate::formula::{Formula, MAX_CHARS};
/// What kind of value a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    /// A real number. `min..=max` in steps of `step` is the slider's range; the values accepted
    /// are wider: any finite number within [`ParamSpec::limit`] of 0 that passes the row's
    /// constraints (`check` in the table), as PyTorch would take it.
    Number { default: f64, min: f64, max: f64, step: f64 },
    /// One of a fixed list of strings.
    Choice { default: &'static str, choices: &'static [&'static str] },
    /// Free text of at most `max_chars` characters: a formula in x (the `custom` activation),
    /// given as a [`ParamValue::Choice`] string and checked by parsing it.
    Text { default: &'static str, max_chars: usize },
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
    /// The largest magnitude accepted for a number: values must lie in `[-limit, limit]`
    /// ([`PARAM_LIMIT`] for every parameter of the table; 0 for a choice or a text).
    pub limit: f64,
}

/// The largest magnitude any numeric parameter accepts. Every parameter is a slope, a saturation
/// level or a position on the x axis, and a chart's x range is at most ±10⁶
/// ([`crate::plot::MAX_ABS_X`]): a threshold, clip or λ beyond 10⁶ changes nothing that can be
/// plotted, and a slope or level of 10⁶ already reaches 10¹² at the edge of that range, the
/// largest y a chart shows ([`crate::plot::AXIS_LIMIT`]). Larger values only overflow (a slope of
/// 1e308 makes f(-5) infinite) and make no sense as a setting of a network.
pub const PARAM_LIMIT: f64 = 1e6;

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
    /// The group of the activation picker.
    pub group: Group,
    /// Rank in the compare panel's suggestions ("Add a curve" takes the first one not plotted),
    /// lower first; `None` when never suggested.
    pub suggest: Option<u32>,
    /// Whether f and f′ are exactly 0 for every x < 0 (with any parameters): a neuron whose
    /// pre-activation stays negative is dead, not merely inactive.
    pub flat_below_zero: bool,
    pub params: &'static [ParamSpec],
}

/// The groups of the activation picker, in the order the picker lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    ReluFamily,
    Exponential,
    SmoothGated,
    Saturating,
    Shrinkage,
    /// The user's own formula.
    Custom,
}

impl Group {
    /// The label of the picker's `<optgroup>`.
    pub fn label(self) -> &'static str {
        match self {
            Group::ReluFamily => "ReLU family",
            Group::Exponential => "Exponential",
            Group::SmoothGated => "Smooth and gated",
            Group::Saturating => "Saturating",
            Group::Shrinkage => "Shrinkage",
            Group::Custom => "Your own",
        }
    }
}

impl ParamSpec {
    /// The spec with its PyTorch name (the table's field name).
    pub(super) const fn named(self, name: &'static str) -> ParamSpec {
        ParamSpec { name, ..self }
    }
}

/// A numeric parameter with its formula symbol, default, slider `(min, max, step)` and meaning;
/// the table gives it its name.
pub(super) const fn number(
    symbol: &'static str,
    default: f64,
    (min, max, step): (f64, f64, f64),
    description: &'static str,
) -> ParamSpec {
    ParamSpec {
        name: "",
        symbol,
        kind: ParamKind::Number { default, min, max, step },
        description,
        limit: PARAM_LIMIT,
    }
}

/// A parameter taking one of `choices` (no formula symbol); the table gives it its name.
pub(super) const fn choice(
    default: &'static str,
    choices: &'static [&'static str],
    description: &'static str,
) -> ParamSpec {
    ParamSpec { name: "", symbol: "", kind: ParamKind::Choice { default, choices }, description, limit: 0.0 }
}

/// A formula parameter with its default and meaning (at most [`MAX_CHARS`] characters); the
/// table gives it its name.
pub(super) const fn text(default: &'static str, description: &'static str) -> ParamSpec {
    ParamSpec {
        name: "",
        symbol: "",
        kind: ParamKind::Text { default, max_chars: MAX_CHARS },
        description,
        limit: 0.0,
    }
}

/// A Rust type a parameter is stored as in [`Activation`](super::Activation), read from and
/// written back to a [`ParamValue`].
pub(super) trait ParamType: Sized {
    /// What the value must be, for [`ActivationError::WrongType`].
    const EXPECTED: &'static str;
    /// The typed value, or `None` for a value of the other kind.
    fn from_value(value: &ParamValue) -> Option<Self>;
    fn to_value(self) -> ParamValue;
}

impl ParamType for f64 {
    const EXPECTED: &'static str = "a number";
    fn from_value(value: &ParamValue) -> Option<f64> {
        match value {
            ParamValue::Number(x) => Some(*x),
            ParamValue::Choice(_) => None,
        }
    }
    fn to_value(self) -> ParamValue {
        ParamValue::Number(self)
    }
}

impl ParamType for GeluApproximate {
    const EXPECTED: &'static str = "a string";
    fn from_value(value: &ParamValue) -> Option<GeluApproximate> {
        match value {
            ParamValue::Choice(c) => {
                [GeluApproximate::None, GeluApproximate::Tanh].into_iter().find(|a| a.as_str() == c)
            }
            ParamValue::Number(_) => None,
        }
    }
    fn to_value(self) -> ParamValue {
        ParamValue::Choice(self.as_str().to_owned())
    }
}

/// A formula is read from its text (already checked by [`Values::set`]) and written back in
/// canonical form, which parses to an equal formula.
impl ParamType for Arc<Formula> {
    const EXPECTED: &'static str = "a string";
    fn from_value(value: &ParamValue) -> Option<Arc<Formula>> {
        match value {
            ParamValue::Choice(text) => Formula::parse(text).ok().map(Arc::new),
            ParamValue::Number(_) => None,
        }
    }
    fn to_value(self) -> ParamValue {
        ParamValue::Choice(self.to_string())
    }
}

/// The catalogue entry for an id, if there is one.
pub fn info(id: &str) -> Option<&'static ActivationInfo> {
    super::catalogue().iter().find(|a| a.id == id)
}

/// Parameter values being collected for one activation, in the order of its specs.
pub(super) struct Values(Vec<ParamValue>);

impl Values {
    pub(super) fn defaults(info: &ActivationInfo) -> Values {
        Values(
            info.params
                .iter()
                .map(|p| match p.kind {
                    ParamKind::Number { default, .. } => ParamValue::Number(default),
                    ParamKind::Choice { default, .. } | ParamKind::Text { default, .. } => {
                        ParamValue::Choice(default.to_owned())
                    }
                })
                .collect(),
        )
    }

    /// Sets one parameter, checking its name and type (constraints between values are checked by `build`).
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
                if x.abs() > spec.limit {
                    let allowed =
                        format!("between {} and {}", format_number(-spec.limit), format_number(spec.limit));
                    return Err(invalid(info, spec.name, format_number(*x), &allowed));
                }
            }
            (ParamKind::Choice { choices, .. }, ParamValue::Choice(choice)) => {
                if !choices.contains(&choice.as_str()) {
                    let allowed = choices.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(" or ");
                    return Err(invalid(info, spec.name, format!("{choice:?}"), &allowed));
                }
            }
            (ParamKind::Text { .. }, ParamValue::Choice(text)) => {
                // The parser refuses over MAX_CHARS characters itself, before any other work.
                if let Err(error) = Formula::parse(text) {
                    return Err(ActivationError::Formula { id: info.id, name: spec.name, error });
                }
            }
            (ParamKind::Number { .. }, ParamValue::Choice(_)) => {
                return Err(ActivationError::WrongType { id: info.id, name: spec.name, expected: "a number" })
            }
            (ParamKind::Choice { .. } | ParamKind::Text { .. }, ParamValue::Number(_)) => {
                return Err(ActivationError::WrongType { id: info.id, name: spec.name, expected: "a string" })
            }
        }
        self.0[index] = value.clone();
        Ok(())
    }

    /// The value of parameter `name` as the table's type for it. Unknown names and kinds that do
    /// not match the type are errors (they mean the table and its specs disagree).
    pub(super) fn get<T: ParamType>(
        &self,
        info: &'static ActivationInfo,
        name: &'static str,
    ) -> Result<T, ActivationError> {
        let wrong_type = || ActivationError::WrongType { id: info.id, name, expected: T::EXPECTED };
        self.find(info, name)?.and_then(T::from_value).ok_or_else(wrong_type)
    }

    /// The value of parameter `name` (`None` if the values are shorter than the specs).
    fn find(
        &self,
        info: &'static ActivationInfo,
        name: &str,
    ) -> Result<Option<&ParamValue>, ActivationError> {
        let index = info
            .params
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| ActivationError::UnknownParam { id: info.id, name: name.to_owned() })?;
        Ok(self.0.get(index))
    }
}

pub(super) fn invalid(
    info: &ActivationInfo,
    name: &'static str,
    value: String,
    allowed: &str,
) -> ActivationError {
    ActivationError::InvalidValue { id: info.id, name, value, allowed: allowed.to_owned() }
}

/// Formats a number the way a user would type it back (shortest round-trip form): plain decimals
/// where JavaScript writes them (10⁻⁶ ≤ |x| < 10²¹, and 0), exponent form beyond (`1e308`,
/// `1.5e-7`), so a huge or tiny value is reported as short as it was given.
pub fn format_number(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else if x == 0.0 || (1e-6..1e21).contains(&x.abs()) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}
