//! The expression tree, stored flat: a `Vec<Node>` in which every node's children come before it.
//!
//! The parser emits nodes in postfix order, so a formula's arena *is* its postfix program, and
//! every walk over it (evaluation, printing, MathML, the symbolic derivative) is one loop over
//! the indices, never a recursion: the deepest tree the limits allow costs no stack.

use crate::activation::Activation;

/// A function of one argument that is not a catalogue activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    Exp,
    Log,
    Log1p,
    Expm1,
    Sqrt,
    Abs,
    Sin,
    Cos,
    Tan,
    Erf,
    /// The sign `sgn(a)` (0 at 0), only in symbolic derivatives: `abs′ = sgn`.
    Sign,
}

/// Every function of the grammar that is not an activation, with its name, in the order error
/// messages list them.
pub(crate) const FUNCS: [(&str, Func); 10] = [
    ("exp", Func::Exp),
    ("log", Func::Log),
    ("log1p", Func::Log1p),
    ("expm1", Func::Expm1),
    ("sqrt", Func::Sqrt),
    ("abs", Func::Abs),
    ("sin", Func::Sin),
    ("cos", Func::Cos),
    ("tan", Func::Tan),
    ("erf", Func::Erf),
];

impl Func {
    /// The name as typed (`sgn` for the display-only sign).
    pub(crate) fn name(self) -> &'static str {
        FUNCS.iter().find(|(_, f)| *f == self).map_or("sgn", |(name, _)| name)
    }
}

/// A binary arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bin {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

/// A comparison, allowed only as the condition of `where`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    /// The operator as typed.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

/// `min` or `max` of two arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pair {
    Min,
    Max,
}

impl Pair {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Pair::Min => "min",
            Pair::Max => "max",
        }
    }
}

/// One node; children are indices of earlier nodes of the same arena.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    /// A literal, never negative in a parsed formula (`-2` is `Neg(2)`).
    Num(f64),
    X,
    Pi,
    E,
    Neg(usize),
    Bin(Bin, usize, usize),
    Cmp(Cmp, usize, usize),
    Func(Func, usize),
    Pair(Pair, usize, usize),
    /// `where(condition, then, otherwise)`.
    Where(usize, usize, usize),
    /// A catalogue activation, its parameters fixed when parsed, applied to its input.
    Act(Activation, usize),
    /// The derivative of a catalogue activation at its input, only in symbolic derivatives.
    ActDerivative(Activation, usize),
}

impl Node {
    /// The children in order, and how many there are.
    pub(crate) fn children(&self) -> ([usize; 3], usize) {
        match *self {
            Node::Num(_) | Node::X | Node::Pi | Node::E => ([0; 3], 0),
            Node::Neg(a) | Node::Func(_, a) | Node::Act(_, a) | Node::ActDerivative(_, a) => ([a, 0, 0], 1),
            Node::Bin(_, a, b) | Node::Cmp(_, a, b) | Node::Pair(_, a, b) => ([a, b, 0], 2),
            Node::Where(c, a, b) => ([c, a, b], 3),
        }
    }

    /// The same node with every child index passed through `map`.
    pub(crate) fn remap(self, map: impl Fn(usize) -> usize) -> Node {
        match self {
            Node::Num(_) | Node::X | Node::Pi | Node::E => self,
            Node::Neg(a) => Node::Neg(map(a)),
            Node::Func(f, a) => Node::Func(f, map(a)),
            Node::Act(act, a) => Node::Act(act, map(a)),
            Node::ActDerivative(act, a) => Node::ActDerivative(act, map(a)),
            Node::Bin(op, a, b) => Node::Bin(op, map(a), map(b)),
            Node::Cmp(op, a, b) => Node::Cmp(op, map(a), map(b)),
            Node::Pair(op, a, b) => Node::Pair(op, map(a), map(b)),
            Node::Where(c, a, b) => Node::Where(map(c), map(a), map(b)),
        }
    }
}

/// Keeps only the nodes reachable from the last one (the root), in their order: drops the
/// parameter expressions of activations once their values are taken.
pub(crate) fn compact(nodes: &[Node]) -> Vec<Node> {
    let Some(root) = nodes.len().checked_sub(1) else { return Vec::new() };
    let mut reachable = vec![false; nodes.len()];
    reachable[root] = true;
    for i in (0..=root).rev() {
        if reachable[i] {
            let (children, count) = nodes[i].children();
            children[..count].iter().for_each(|&c| reachable[c] = true);
        }
    }
    let mut new_index = vec![0; nodes.len()];
    let mut kept = Vec::with_capacity(nodes.len());
    for (i, node) in nodes.iter().enumerate() {
        if reachable[i] {
            new_index[i] = kept.len();
            kept.push(node.clone().remap(|c| new_index[c]));
        }
    }
    kept
}

/// Whether each node depends on x (a constant subtree does not).
pub(crate) fn depends_on_x(nodes: &[Node]) -> Vec<bool> {
    let mut depends = Vec::with_capacity(nodes.len());
    for node in nodes {
        let (children, count) = node.children();
        let d = matches!(node, Node::X) || children[..count].iter().any(|&c| depends[c]);
        depends.push(d);
    }
    depends
}
