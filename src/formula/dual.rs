//! The maths of each node, once: its value in f64, and its value with its derivative as a dual
//! number `v + d·ε` (forward-mode automatic differentiation).
//!
//! Where a function has a kink the derivative is the one PyTorch's autograd returns:
//! - `abs′(0) = 0` (`grad · sgn(x)`); `sqrt′(0) = ∞`, `log′(0) = ∞` (`grad / (2·result)`, `grad / x`);
//! - `min`, `max`: the derivative of the larger (smaller) argument; at a tie, half of each
//!   (`torch.maximum`'s backward: `where(a == b, grad / 2, grad)`);
//! - `where(c, a, b)`: the derivative of the branch taken, the other branch not at all (torch
//!   masks it too, but turns an infinite or NaN gradient of the other branch into NaN);
//! - `a ^ b`: `b·a^(b−1)·a′` (0 where b = 0) plus `a^b·ln(a)·b′` (0 where a = 0 and b ≥ 0);
//! - catalogue activations: [`Activation::derivative`], which documents its kinks.
//!
//! A zero tangent contributes nothing even when its factor is infinite or NaN: a term of a
//! constant is not formed at all, as autograd does not differentiate through a constant.

use super::tree::{Bin, Cmp, Func, Node, Pair};

/// `2/√π`, the scale of erf′.
const FRAC_2_SQRT_PI: f64 = std::f64::consts::FRAC_2_SQRT_PI;

/// A value and its derivative with respect to x.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Dual {
    pub(crate) v: f64,
    pub(crate) d: f64,
}

impl Dual {
    pub(crate) const fn constant(v: f64) -> Dual {
        Dual { v, d: 0.0 }
    }
}

/// `tangent · factor`, or 0 when the tangent is 0 (whatever the factor).
fn scale(tangent: f64, factor: f64) -> f64 {
    if tangent == 0.0 {
        0.0
    } else {
        tangent * factor
    }
}

/// The sign with `sgn(0) = 0` (and NaN for NaN), as `torch.sign`.
fn sign(a: f64) -> f64 {
    if a > 0.0 {
        1.0
    } else if a < 0.0 {
        -1.0
    } else {
        a * 0.0
    }
}

pub(crate) fn func(f: Func, a: f64) -> f64 {
    match f {
        Func::Exp => a.exp(),
        Func::Log => a.ln(),
        Func::Log1p => a.ln_1p(),
        Func::Expm1 => a.exp_m1(),
        Func::Sqrt => a.sqrt(),
        Func::Abs => a.abs(),
        Func::Sin => a.sin(),
        Func::Cos => a.cos(),
        Func::Tan => a.tan(),
        Func::Erf => libm::erf(a),
        Func::Sign => sign(a),
    }
}

pub(crate) fn func_dual(f: Func, a: Dual) -> Dual {
    let v = func(f, a.v);
    let d = match f {
        Func::Exp => scale(a.d, v),
        Func::Log => scale(a.d, 1.0 / a.v),
        Func::Log1p => scale(a.d, 1.0 / (1.0 + a.v)),
        Func::Expm1 => scale(a.d, v + 1.0),
        Func::Sqrt => scale(a.d, 1.0 / (2.0 * v)),
        Func::Abs => scale(a.d, sign(a.v)),
        Func::Sin => scale(a.d, a.v.cos()),
        Func::Cos => scale(a.d, -a.v.sin()),
        Func::Tan => scale(a.d, 1.0 + v * v),
        Func::Erf => scale(a.d, FRAC_2_SQRT_PI * (-a.v * a.v).exp()),
        Func::Sign => 0.0,
    };
    Dual { v, d }
}

pub(crate) fn bin(op: Bin, a: f64, b: f64) -> f64 {
    match op {
        Bin::Add => a + b,
        Bin::Sub => a - b,
        Bin::Mul => a * b,
        Bin::Div => a / b,
        Bin::Pow => a.powf(b),
    }
}

pub(crate) fn bin_dual(op: Bin, a: Dual, b: Dual) -> Dual {
    let v = bin(op, a.v, b.v);
    let d = match op {
        Bin::Add => a.d + b.d,
        Bin::Sub => a.d - b.d,
        Bin::Mul => scale(a.d, b.v) + scale(b.d, a.v),
        // torch: grad / b and -grad · (a / b) / b.
        Bin::Div => scale(a.d, 1.0 / b.v) - scale(b.d, (a.v / b.v) / b.v),
        Bin::Pow => {
            let base = if b.v == 0.0 { 0.0 } else { scale(a.d, b.v * a.v.powf(b.v - 1.0)) };
            let exponent = if a.v == 0.0 && b.v >= 0.0 { 0.0 } else { scale(b.d, v * a.v.ln()) };
            base + exponent
        }
    };
    Dual { v, d }
}

/// 1 when the comparison holds, 0 when it does not (or a side is NaN).
pub(crate) fn cmp(op: Cmp, a: f64, b: f64) -> f64 {
    let holds = match op {
        Cmp::Lt => a < b,
        Cmp::Le => a <= b,
        Cmp::Gt => a > b,
        Cmp::Ge => a >= b,
    };
    f64::from(u8::from(holds))
}

/// min or max, NaN if either side is NaN (as `torch.minimum`, `torch.maximum`).
pub(crate) fn pair(op: Pair, a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    match op {
        Pair::Min => a.min(b),
        Pair::Max => a.max(b),
    }
}

pub(crate) fn pair_dual(op: Pair, a: Dual, b: Dual) -> Dual {
    let v = pair(op, a.v, b.v);
    let a_wins = match op {
        Pair::Min => a.v < b.v,
        Pair::Max => a.v > b.v,
    };
    let d = if v.is_nan() {
        f64::NAN
    } else if a.v == b.v {
        0.5 * (a.d + b.d)
    } else if a_wins {
        a.d
    } else {
        b.d
    };
    Dual { v, d }
}

/// The value of `node` given the values of the earlier nodes.
pub(crate) fn node_value(node: &Node, x: f64, values: &[f64]) -> f64 {
    match *node {
        Node::Num(v) => v,
        Node::X => x,
        Node::Pi => std::f64::consts::PI,
        Node::E => std::f64::consts::E,
        Node::Neg(a) => -values[a],
        Node::Bin(op, a, b) => bin(op, values[a], values[b]),
        Node::Cmp(op, a, b) => cmp(op, values[a], values[b]),
        Node::Func(f, a) => func(f, values[a]),
        Node::Pair(op, a, b) => pair(op, values[a], values[b]),
        Node::Where(c, a, b) => select(values[c], values[a], values[b]),
        Node::Act(ref act, a) => act.value(values[a]),
        Node::ActDerivative(ref act, a) => act.derivative(values[a]),
    }
}

/// The value and derivative of `node` given those of the earlier nodes.
pub(crate) fn node_dual(node: &Node, x: f64, duals: &[Dual]) -> Dual {
    match *node {
        Node::X => Dual { v: x, d: 1.0 },
        Node::Num(_) | Node::Pi | Node::E => Dual::constant(node_value(node, x, &[])),
        Node::Neg(a) => Dual { v: -duals[a].v, d: -duals[a].d },
        Node::Bin(op, a, b) => bin_dual(op, duals[a], duals[b]),
        Node::Cmp(op, a, b) => Dual::constant(cmp(op, duals[a].v, duals[b].v)),
        Node::Func(f, a) => func_dual(f, duals[a]),
        Node::Pair(op, a, b) => pair_dual(op, duals[a], duals[b]),
        Node::Where(c, a, b) => {
            if duals[c].v != 0.0 {
                duals[a]
            } else {
                duals[b]
            }
        }
        Node::Act(ref act, a) => {
            let a = duals[a];
            Dual { v: act.value(a.v), d: scale(a.d, act.derivative(a.v)) }
        }
        // Its own derivative (a second derivative) is never needed: display only.
        Node::ActDerivative(ref act, a) => Dual { v: act.derivative(duals[a].v), d: f64::NAN },
    }
}

/// `where`: `then` when the condition value is 1, `otherwise` when it is 0.
pub(crate) fn select(condition: f64, then: f64, otherwise: f64) -> f64 {
    if condition != 0.0 {
        then
    } else {
        otherwise
    }
}

/// Every node's value at x, in arena order (the reference evaluator the compiled program is
/// tested against, and the constant folder).
pub(crate) fn values(nodes: &[Node], x: f64) -> Vec<f64> {
    let mut values = Vec::with_capacity(nodes.len());
    for node in nodes {
        let v = node_value(node, x, &values);
        values.push(v);
    }
    values
}

/// Every node's value and derivative at x, in arena order.
#[cfg(test)]
pub(crate) fn duals(nodes: &[Node], x: f64) -> Vec<Dual> {
    let mut duals = Vec::with_capacity(nodes.len());
    for node in nodes {
        let d = node_dual(node, x, &duals);
        duals.push(d);
    }
    duals
}
