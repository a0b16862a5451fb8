//! The compiled form of a formula: a flat stack program run over [`LANES`] samples at a time, so
//! arrays cost one dispatch per instruction per 16 samples, with no tree walk and no allocation.
//!
//! Subtrees that do not depend on x are folded to one constant. The remaining children are
//! evaluated deepest-first (Sethi–Ullman order, with "swapped" operators when the right operand
//! comes first), which bounds the stack by about log₂ of the node count: a fixed array of
//! [`MAX_STACK`] slots holds any formula the length limit allows.

use super::dual::{self, Dual};
use super::tree::{depends_on_x, Bin, Cmp, Func, Node, Pair};
use super::FormulaError;

/// Samples evaluated together.
pub(crate) const LANES: usize = 16;
/// Stack slots of the evaluator; a 1,000-character formula needs at most about 12.
const MAX_STACK: usize = 32;

/// One instruction. `swapped`: the right operand was evaluated first (it is below the left one).
#[derive(Clone, Debug, PartialEq)]
enum Instr {
    Const(f64),
    X,
    Neg,
    Bin(Bin, bool),
    Cmp(Cmp, bool),
    Func(Func),
    Pair(Pair, bool),
    /// Where each of (condition, then, otherwise) sits among the top three slots.
    Where([u8; 3]),
    /// A catalogue activation or its derivative: the node `Act(_, 0)` or `ActDerivative(_, 0)`,
    /// built once here so the lanes only borrow it.
    Act(Node),
}

/// A compiled formula.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Program {
    code: Vec<Instr>,
}

/// The arithmetic of one lane: plain values, or values with derivatives.
trait Lane: Copy + Default {
    fn x(x: f64) -> Self;
    fn constant(v: f64) -> Self;
    fn value(self) -> f64;
    fn apply(node: &Node, x: f64, args: &[Self]) -> Self;
}

impl Lane for f64 {
    fn x(x: f64) -> f64 {
        x
    }
    fn constant(v: f64) -> f64 {
        v
    }
    fn value(self) -> f64 {
        self
    }
    fn apply(node: &Node, x: f64, args: &[f64]) -> f64 {
        dual::node_value(node, x, args)
    }
}

impl Default for Dual {
    fn default() -> Dual {
        Dual::constant(0.0)
    }
}

impl Lane for Dual {
    fn x(x: f64) -> Dual {
        Dual { v: x, d: 1.0 }
    }
    fn constant(v: f64) -> Dual {
        Dual::constant(v)
    }
    fn value(self) -> f64 {
        self.v
    }
    fn apply(node: &Node, x: f64, args: &[Dual]) -> Dual {
        dual::node_dual(node, x, args)
    }
}

impl Program {
    /// Compiles an arena (children before parents, root last).
    pub(crate) fn compile(nodes: &[Node]) -> Result<Program, FormulaError> {
        let depends = depends_on_x(nodes);
        let constants = dual::values(nodes, 0.0);
        let folded = |i: usize| !depends[i] || matches!(nodes[i], Node::X);
        // Registers each subtree needs, children first.
        let mut need = vec![1usize; nodes.len()];
        for i in 0..nodes.len() {
            if !folded(i) {
                let order = order(&nodes[i], &need);
                need[i] = order.iter().enumerate().map(|(rank, &c)| need[c] + rank).max().unwrap_or(1);
            }
        }
        let mut code = Vec::with_capacity(nodes.len());
        let (mut depth, mut deepest) = (0usize, 0usize);
        let mut work = vec![(nodes.len().saturating_sub(1), false)];
        while let Some((i, expanded)) = work.pop() {
            let Some(node) = nodes.get(i) else { break };
            if folded(i) {
                code.push(if depends[i] { Instr::X } else { Instr::Const(constants[i]) });
                depth += 1;
                deepest = deepest.max(depth);
                continue;
            }
            let order = order(node, &need);
            if !expanded {
                work.push((i, true));
                work.extend(order.iter().rev().map(|&c| (c, false)));
                continue;
            }
            let (children, count) = node.children();
            let swapped = count == 2 && order[0] == children[1] && children[0] != children[1];
            let slot = |c: usize| order.iter().position(|&o| o == c).unwrap_or(0) as u8;
            code.push(match *node {
                Node::Neg(_) => Instr::Neg,
                Node::Bin(op, ..) => Instr::Bin(op, swapped),
                Node::Cmp(op, ..) => Instr::Cmp(op, swapped),
                Node::Func(f, _) => Instr::Func(f),
                Node::Pair(p, ..) => Instr::Pair(p, swapped),
                Node::Where(c, a, b) => Instr::Where([slot(c), slot(a), slot(b)]),
                Node::Act(ref act, _) => Instr::Act(Node::Act(act.clone(), 0)),
                Node::ActDerivative(ref act, _) => Instr::Act(Node::ActDerivative(act.clone(), 0)),
                Node::Num(_) | Node::X | Node::Pi | Node::E => Instr::Const(constants[i]),
            });
            depth = depth + 1 - count;
        }
        if deepest > MAX_STACK {
            return Err(FormulaError::new(0, "formula too complex to evaluate".into()));
        }
        Ok(Program { code })
    }

    /// Runs the program on up to [`LANES`] inputs, writing `out[i] = result(xs[i])`.
    fn run<T: Lane>(&self, xs: &[f64], out: &mut [T]) {
        let n = xs.len().min(out.len()).min(LANES);
        let mut stack = [[T::default(); LANES]; MAX_STACK];
        let mut sp = 0;
        for instr in &self.code {
            let arity = match instr {
                Instr::Const(_) | Instr::X => 0,
                Instr::Neg | Instr::Func(_) | Instr::Act(_) => 1,
                Instr::Bin(..) | Instr::Cmp(..) | Instr::Pair(..) => 2,
                Instr::Where(_) => 3,
            };
            let base = sp - arity;
            for lane in 0..n {
                let x = xs[lane];
                let arg = |k: usize| stack[base + k][lane];
                let result = match *instr {
                    Instr::Const(v) => T::constant(v),
                    Instr::X => T::x(x),
                    Instr::Neg => T::apply(&Node::Neg(0), x, &[arg(0)]),
                    Instr::Func(f) => T::apply(&Node::Func(f, 0), x, &[arg(0)]),
                    Instr::Act(ref node) => T::apply(node, x, &[arg(0)]),
                    Instr::Bin(op, s) => T::apply(&Node::Bin(op, 0, 1), x, &pair(arg(0), arg(1), s)),
                    Instr::Cmp(op, s) => T::apply(&Node::Cmp(op, 0, 1), x, &pair(arg(0), arg(1), s)),
                    Instr::Pair(op, s) => T::apply(&Node::Pair(op, 0, 1), x, &pair(arg(0), arg(1), s)),
                    Instr::Where(slots) => {
                        let args = slots.map(|s| arg(usize::from(s)));
                        T::apply(&Node::Where(0, 1, 2), x, &args)
                    }
                };
                stack[base][lane] = result;
            }
            sp = base + 1;
        }
        out[..n].copy_from_slice(&stack[0][..n]);
    }

    /// `out[i] = f(xs[i])` over the common length.
    pub(crate) fn values(&self, xs: &[f64], out: &mut [f64]) {
        for (xs, out) in xs.chunks(LANES).zip(out.chunks_mut(LANES)) {
            self.run::<f64>(xs, out);
        }
    }

    /// `(f(xs[i]), f′(xs[i]))` through `emit(i, value, derivative)`, for every i of `xs`.
    pub(crate) fn duals(&self, xs: &[f64], mut emit: impl FnMut(usize, f64, f64)) {
        let mut lanes = [Dual::default(); LANES];
        for (chunk, xs) in xs.chunks(LANES).enumerate() {
            self.run::<Dual>(xs, &mut lanes);
            for (k, d) in lanes[..xs.len()].iter().enumerate() {
                emit(chunk * LANES + k, d.v, d.d);
            }
        }
    }

    /// `f32` inputs through `emit(i, result)`, the f64 result of each lane as [`Lane::value`] gives it.
    pub(crate) fn f32_lanes(&self, xs: &[f32], derivative: bool, mut emit: impl FnMut(usize, f64)) {
        let mut wide = [0.0f64; LANES];
        let mut values = [0.0f64; LANES];
        let mut lanes = [Dual::default(); LANES];
        for (chunk, xs) in xs.chunks(LANES).enumerate() {
            let wide = &mut wide[..xs.len()];
            wide.iter_mut().zip(xs).for_each(|(w, &x)| *w = f64::from(x));
            if derivative {
                self.run::<Dual>(wide, &mut lanes);
                lanes[..xs.len()].iter().enumerate().for_each(|(k, d)| emit(chunk * LANES + k, d.d));
            } else {
                self.run::<f64>(wide, &mut values);
                values[..xs.len()].iter().enumerate().for_each(|(k, v)| emit(chunk * LANES + k, v.value()));
            }
        }
    }
}

/// The two operands in (left, right) order, given the order they were evaluated in.
fn pair<T: Copy>(first: T, second: T, swapped: bool) -> [T; 2] {
    if swapped {
        [second, first]
    } else {
        [first, second]
    }
}

/// The order to evaluate a node's children in: the one needing the most registers first (stable,
/// so ties keep left-to-right order).
fn order(node: &Node, need: &[usize]) -> Vec<usize> {
    let (children, count) = node.children();
    let mut order = children[..count].to_vec();
    order.sort_by(|a, b| need[*b].cmp(&need[*a]));
    order
}
