//! The symbolic derivative, for display: built node by node over the formula's arena (one loop,
//! children first) with constructors that simplify as they go — constants folded, `+ 0`, `· 1`,
//! `· 0`, `^1`, `^0` and double negations removed, constant factors moved to the front.
//!
//! It follows the branch convention of the values (`dual.rs`), except at ties: `max(a, b)′` is
//! shown as `where(a > b, a′, b′)` while autograd (and `eval_dual`) takes half of each at a = b.
//! Sub-expressions are shared (a DAG), so building is linear; written out it can still grow
//! exponentially (`x^x^x^...`), so its written-out size is checked before anything is rendered.

use super::tree::{compact, depends_on_x, Bin, Cmp, Func, Node, Pair};
use super::{FormulaError, MAX_DERIVATIVE_NODES};
use crate::activation::Activation;

/// The derivative's arena, starting with a copy of the formula so it can refer to sub-formulas.
struct Builder {
    nodes: Vec<Node>,
}

/// The derivative of a formula's tree as a tree (root last), or an error when it has more than
/// [`MAX_DERIVATIVE_NODES`] nodes written out.
pub(crate) fn derivative(formula: &[Node]) -> Result<Vec<Node>, FormulaError> {
    let depends = depends_on_x(formula);
    let mut b = Builder { nodes: formula.to_vec() };
    let mut d = Vec::with_capacity(formula.len());
    for (i, node) in formula.iter().enumerate() {
        let di = if !depends[i] { b.num(0.0) } else { b.rule(i, node, &d) };
        d.push(di);
    }
    let root = d.last().copied().unwrap_or(0);
    let tree = compact(&b.nodes[..=root]);
    let mut size: Vec<usize> = Vec::with_capacity(tree.len());
    for node in &tree {
        let (children, count) = node.children();
        let s = children[..count].iter().fold(1usize, |s, &c| s.saturating_add(size[c]));
        size.push(s.min(usize::MAX / 4));
    }
    let total = size.last().copied().unwrap_or(0);
    if total > MAX_DERIVATIVE_NODES {
        let message = format!(
            "the derivative is too long to display ({} nodes written out, at most {MAX_DERIVATIVE_NODES}); its values are still exact",
            if total >= usize::MAX / 4 { "billions of".to_owned() } else { total.to_string() }
        );
        return Err(FormulaError::new(0, message));
    }
    Ok(tree)
}

impl Builder {
    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn num(&mut self, v: f64) -> usize {
        self.push(Node::Num(v))
    }

    fn value(&self, i: usize) -> Option<f64> {
        match self.nodes[i] {
            Node::Num(v) => Some(v),
            _ => None,
        }
    }

    fn is(&self, i: usize, v: f64) -> bool {
        self.value(i) == Some(v)
    }

    fn neg(&mut self, a: usize) -> usize {
        match self.nodes[a] {
            Node::Num(v) => self.num(-v),
            Node::Neg(inner) => inner,
            Node::Bin(Bin::Mul, c, rest) if self.value(c).is_some() => {
                let factor = self.num(-self.value(c).unwrap_or(1.0));
                self.mul(factor, rest)
            }
            _ => self.push(Node::Neg(a)),
        }
    }

    fn add(&mut self, a: usize, b: usize) -> usize {
        match (self.value(a), self.value(b), self.nodes[b].clone()) {
            (Some(x), Some(y), _) => self.num(x + y),
            (Some(0.0), _, _) => b,
            (_, Some(0.0), _) => a,
            (_, Some(y), _) if y < 0.0 => {
                let positive = self.num(-y);
                self.sub(a, positive)
            }
            (_, _, Node::Neg(inner)) => self.sub(a, inner),
            _ => self.push(Node::Bin(Bin::Add, a, b)),
        }
    }

    fn sub(&mut self, a: usize, b: usize) -> usize {
        match (self.value(a), self.value(b), self.nodes[b].clone()) {
            (Some(x), Some(y), _) => self.num(x - y),
            (_, Some(0.0), _) => a,
            (Some(0.0), _, _) => self.neg(b),
            (_, _, Node::Neg(inner)) => self.add(a, inner),
            _ => self.push(Node::Bin(Bin::Sub, a, b)),
        }
    }

    fn mul(&mut self, a: usize, b: usize) -> usize {
        match (self.value(a), self.value(b), self.nodes[a].clone(), self.nodes[b].clone()) {
            (Some(x), Some(y), ..) => self.num(x * y),
            (Some(0.0), ..) | (_, Some(0.0), ..) => self.num(0.0),
            (Some(1.0), ..) => b,
            (_, Some(1.0), ..) => a,
            (Some(-1.0), ..) => self.neg(b),
            (None, Some(_), ..) => self.mul(b, a),
            (_, _, Node::Neg(inner), _) => {
                let product = self.mul(inner, b);
                self.neg(product)
            }
            (_, _, _, Node::Neg(inner)) => {
                let product = self.mul(a, inner);
                self.neg(product)
            }
            (Some(x), None, _, Node::Bin(Bin::Mul, c, rest)) if self.value(c).is_some() => {
                let factor = self.num(x * self.value(c).unwrap_or(1.0));
                self.mul(factor, rest)
            }
            // a · (p · q) reads as a · p · q.
            (None, None, _, Node::Bin(Bin::Mul, p, q)) if self.value(p).is_none() => {
                let left = self.mul(a, p);
                self.mul(left, q)
            }
            _ => self.push(Node::Bin(Bin::Mul, a, b)),
        }
    }

    fn div(&mut self, a: usize, b: usize) -> usize {
        match (self.value(a), self.value(b), self.nodes[a].clone()) {
            (Some(x), Some(y), _) => self.num(x / y),
            (None, Some(y), Node::Bin(Bin::Mul, c, rest)) if self.value(c).is_some() => {
                let factor = self.num(self.value(c).unwrap_or(1.0) / y);
                self.mul(factor, rest)
            }
            (Some(0.0), ..) => a,
            (_, Some(1.0), _) => a,
            _ => self.push(Node::Bin(Bin::Div, a, b)),
        }
    }

    fn pow(&mut self, a: usize, b: usize) -> usize {
        match (self.value(a), self.value(b)) {
            (Some(x), Some(y)) => self.num(x.powf(y)),
            (_, Some(1.0)) => a,
            (_, Some(0.0)) => self.num(1.0),
            _ => self.push(Node::Bin(Bin::Pow, a, b)),
        }
    }

    fn func(&mut self, f: Func, a: usize) -> usize {
        self.push(Node::Func(f, a))
    }

    /// `where(condition, a, b)`, or the branch when both are the same number or node.
    fn select(&mut self, condition: usize, a: usize, b: usize) -> usize {
        match (self.value(a), self.value(b)) {
            _ if a == b => a,
            (Some(x), Some(y)) if x == y => a,
            _ => self.push(Node::Where(condition, a, b)),
        }
    }

    /// The derivative of formula node `i` given the derivatives `d` of the earlier nodes.
    fn rule(&mut self, i: usize, node: &Node, d: &[usize]) -> usize {
        match *node {
            Node::X => self.num(1.0),
            Node::Num(_) | Node::Pi | Node::E | Node::Cmp(..) => self.num(0.0),
            Node::Neg(a) => self.neg(d[a]),
            Node::Bin(Bin::Add, a, b) => self.add(d[a], d[b]),
            Node::Bin(Bin::Sub, a, b) => self.sub(d[a], d[b]),
            Node::Bin(Bin::Mul, a, b) => {
                let (left, right) = (self.mul(d[a], b), self.mul(a, d[b]));
                self.add(left, right)
            }
            Node::Bin(Bin::Div, a, b) => {
                if self.is(d[b], 0.0) {
                    return self.div(d[a], b);
                }
                let (left, right) = (self.mul(d[a], b), self.mul(a, d[b]));
                let (top, two) = (self.sub(left, right), self.num(2.0));
                let bottom = self.pow(b, two);
                self.div(top, bottom)
            }
            Node::Bin(Bin::Pow, a, b) => self.power(i, a, b, d),
            Node::Func(f, a) => {
                let outer = self.outer(i, f, a);
                self.mul(outer, d[a])
            }
            Node::Pair(p, a, b) => {
                let op = if p == Pair::Min { Cmp::Lt } else { Cmp::Gt };
                let condition = self.push(Node::Cmp(op, a, b));
                self.select(condition, d[a], d[b])
            }
            Node::Where(c, a, b) => self.select(c, d[a], d[b]),
            Node::Act(ref act, a) => {
                let outer = self.activation(i, act.clone(), a);
                self.mul(outer, d[a])
            }
            Node::ActDerivative(..) => self.num(f64::NAN),
        }
    }

    /// `(a^b)′` for node `i`.
    fn power(&mut self, i: usize, a: usize, b: usize, d: &[usize]) -> usize {
        if self.is(d[b], 0.0) {
            let one = self.num(1.0);
            let lowered = self.sub(b, one);
            let power = self.pow(a, lowered);
            let factor = self.mul(b, power);
            return self.mul(factor, d[a]);
        }
        let log = if matches!(self.nodes[a], Node::E) { self.num(1.0) } else { self.func(Func::Log, a) };
        let through_exponent = self.mul(d[b], log);
        let inner = if self.is(d[a], 0.0) {
            through_exponent
        } else {
            let top = self.mul(b, d[a]);
            let through_base = self.div(top, a);
            self.add(through_exponent, through_base)
        };
        self.mul(i, inner)
    }

    /// `f′(a)` for node `i = f(a)`.
    fn outer(&mut self, i: usize, f: Func, a: usize) -> usize {
        let one = self.num(1.0);
        match f {
            Func::Exp => i,
            Func::Expm1 => self.func(Func::Exp, a),
            Func::Log => self.div(one, a),
            Func::Log1p => {
                let shifted = self.add(one, a);
                self.div(one, shifted)
            }
            Func::Sqrt => {
                let two = self.num(2.0);
                let twice = self.mul(two, i);
                self.div(one, twice)
            }
            Func::Abs => self.func(Func::Sign, a),
            Func::Sin => self.func(Func::Cos, a),
            Func::Cos => {
                let sin = self.func(Func::Sin, a);
                self.neg(sin)
            }
            Func::Tan => {
                let two = self.num(2.0);
                let square = self.pow(i, two);
                self.add(one, square)
            }
            Func::Erf => {
                let (two, pi) = (self.num(2.0), self.push(Node::Pi));
                let root = self.func(Func::Sqrt, pi);
                let scale = self.div(two, root);
                let two = self.num(2.0);
                let square = self.pow(a, two);
                let negative = self.neg(square);
                let gauss = self.func(Func::Exp, negative);
                self.mul(scale, gauss)
            }
            Func::Sign => self.num(0.0),
        }
    }

    /// `act′(a)` for node `i = act(a)`: closed forms in the grammar where they exist.
    fn activation(&mut self, i: usize, act: Activation, a: usize) -> usize {
        let one = self.num(1.0);
        match act {
            Activation::Sigmoid => {
                let rest = self.sub(one, i);
                self.mul(i, rest)
            }
            Activation::Tanh => {
                let two = self.num(2.0);
                let square = self.pow(i, two);
                self.sub(one, square)
            }
            // σ(a) up to the threshold, where torch's softplus returns a itself (2e-9 away at 20).
            Activation::Softplus { beta, threshold } if beta == 1.0 && threshold == 20.0 => {
                self.push(Node::Act(Activation::Sigmoid, a))
            }
            _ => self.push(Node::ActDerivative(act, a)),
        }
    }
}
