//! The names a formula may call: the grammar's functions, `min`, `max`, `where`, and every
//! catalogue activation by its PyTorch id, its numeric parameters as extra arguments in
//! PyTorch's order (`leaky_relu(x, 0.2)`, `softplus(x, 2, 20)`, `hardtanh(x, -2, 2)`).
//!
//! A choice parameter (GELU's `approximate`) is not an argument, since the grammar has no
//! strings: its default is the plain id (`gelu(x)` is the exact form) and every other choice is
//! the id with the choice appended (`gelu_tanh(x)`). `tanh`, `sigmoid` and `softplus` are the
//! catalogue's, so they are exactly PyTorch's (softplus returns x above its threshold).

use super::tree::{Func, Pair, FUNCS};
use crate::activation::{catalogue, info, ActivationInfo, ParamKind, ParamSpec};

/// What a name followed by `(` calls.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Callee {
    Func(Func),
    Pair(Pair),
    Where,
    /// An activation; `choice` sets its choice parameter `(name, value)` when not the default.
    Act {
        info: &'static ActivationInfo,
        choice: Option<(&'static str, &'static str)>,
    },
}

impl Callee {
    /// The callee of `name`, if it is a function.
    pub(crate) fn lookup(name: &str) -> Option<Callee> {
        if let Some((_, f)) = FUNCS.iter().find(|(n, _)| *n == name) {
            return Some(Callee::Func(*f));
        }
        match name {
            "min" => return Some(Callee::Pair(Pair::Min)),
            "max" => return Some(Callee::Pair(Pair::Max)),
            "where" => return Some(Callee::Where),
            _ => {}
        }
        if let Some(info) = info(name).filter(|info| callable(info)) {
            return Some(Callee::Act { info, choice: None });
        }
        catalogue().iter().filter(|info| callable(info)).find_map(|info| {
            let (param, value, _) = choice_names(info).find(|(_, _, full)| full == name)?;
            Some(Callee::Act { info, choice: Some((param, value)) })
        })
    }

    /// How many arguments it takes at least and at most.
    pub(crate) fn arity(&self) -> (usize, usize) {
        match self {
            Callee::Func(_) => (1, 1),
            Callee::Pair(_) => (2, 2),
            Callee::Where => (3, 3),
            Callee::Act { info, .. } => (1, 1 + number_params(info).count()),
        }
    }

    /// The name as typed.
    pub(crate) fn name(&self) -> String {
        match self {
            Callee::Func(f) => f.name().to_owned(),
            Callee::Pair(p) => p.name().to_owned(),
            Callee::Where => "where".to_owned(),
            Callee::Act { info, choice: None } => info.id.to_owned(),
            Callee::Act { info, choice: Some((_, value)) } => format!("{}_{value}", info.id),
        }
    }

    /// `where takes 3 arguments, got 2`; for an activation, the arguments are named
    /// (`leaky_relu takes 1 to 2 arguments (x, negative_slope), got 3`).
    pub(crate) fn arity_message(&self, got: usize) -> String {
        let (least, most) = self.arity();
        let count = match (least, most) {
            (1, 1) => "1 argument".to_owned(),
            (l, m) if l == m => format!("{l} arguments"),
            (l, m) => format!("{l} to {m} arguments"),
        };
        let names = match self {
            Callee::Act { info, .. } if most > 1 => {
                let names: Vec<&str> =
                    std::iter::once("x").chain(number_params(info).map(|p| p.name)).collect();
                format!(" ({})", names.join(", "))
            }
            _ => String::new(),
        };
        format!("{} takes {count}{names}, got {got}", self.name())
    }
}

/// Whether a formula may call the activation: every one but `custom` (a formula within a formula).
fn callable(info: &ActivationInfo) -> bool {
    !info.params.iter().any(|p| matches!(p.kind, ParamKind::Text { .. }))
}

/// The numeric parameters of an activation, in PyTorch's order.
pub(crate) fn number_params(info: &ActivationInfo) -> impl Iterator<Item = &ParamSpec> {
    info.params.iter().filter(|p| matches!(p.kind, ParamKind::Number { .. }))
}

/// `(parameter, choice, name)` for every non-default choice of an activation: `gelu_tanh`.
fn choice_names(info: &ActivationInfo) -> impl Iterator<Item = (&'static str, &'static str, String)> + '_ {
    info.params.iter().flat_map(move |p| match p.kind {
        ParamKind::Choice { default, choices } => choices
            .iter()
            .filter(move |c| **c != default)
            .map(move |c| (p.name, *c, format!("{}_{c}", info.id)))
            .collect::<Vec<_>>(),
        ParamKind::Number { .. } | ParamKind::Text { .. } => Vec::new(),
    })
}

/// Every callable name, in the order error messages list them.
pub(crate) fn known() -> Vec<String> {
    let mut names: Vec<String> = FUNCS.iter().map(|(n, _)| (*n).to_owned()).collect();
    names.extend(["min", "max", "where"].map(str::to_owned));
    for info in catalogue().iter().filter(|info| callable(info)) {
        names.push(info.id.to_owned());
        names.extend(choice_names(info).map(|(_, _, name)| name));
    }
    names
}
