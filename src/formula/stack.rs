//! The parser's state: the arena being built, the operand stack and the operator stack, and
//! the reductions that turn operators and finished calls into nodes, checking where comparisons
//! may stand, the nesting limit, arities and activation parameters.

use super::dual::node_value;
use super::lexer::Spanned;
use super::names::{number_params, Callee};
use super::tree::{Bin, Cmp, Node};
use super::{FormulaError, MAX_NESTING};
use crate::activation::{Activation, ActivationError, ParamValue};

/// A binary operator with its precedence.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    Bin(Bin),
    Cmp(Cmp),
}

impl Op {
    pub(crate) fn precedence(self) -> u8 {
        match self {
            Op::Cmp(_) => 0,
            Op::Bin(Bin::Add | Bin::Sub) => 1,
            Op::Bin(Bin::Mul | Bin::Div) => 2,
            Op::Bin(Bin::Pow) => 4,
        }
    }
}

/// Precedence of unary minus: binds tighter than `*`, looser than `^`.
pub(crate) const NEG: u8 = 3;

/// An entry of the operator stack.
#[derive(Debug)]
pub(crate) enum Frame {
    Neg,
    Op(Op, usize),
    /// A grouping `(` at this position.
    Group(usize),
    /// A call: the callee, the position of its name and of its `(`, and where each argument starts.
    Call {
        callee: Callee,
        name_at: usize,
        open_at: usize,
        starts: Vec<usize>,
    },
}

/// The parse in progress: the arena, each node's position, and each node's value when it does
/// not depend on x (the constant folder for parameters).
#[derive(Default)]
pub(crate) struct Parser {
    pub(crate) nodes: Vec<Node>,
    pub(crate) positions: Vec<usize>,
    pub(crate) depends: Vec<bool>,
    pub(crate) constants: Vec<f64>,
    pub(crate) operands: Vec<usize>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) depth: usize,
}

impl Parser {
    /// Appends a node whose children are valid operands, and makes it the newest operand.
    pub(crate) fn push(&mut self, node: Node, position: usize) -> Result<(), FormulaError> {
        let (children, count) = node.children();
        let allowed_condition = match node {
            Node::Where(c, ..) => Some(c),
            _ => None,
        };
        for &child in &children[..count] {
            if Some(child) != allowed_condition {
                self.check_not_comparison(child)?;
            }
        }
        if let Some(c) = allowed_condition {
            if !matches!(self.nodes[c], Node::Cmp(..)) {
                let at = self.positions[c];
                return Err(FormulaError::new(
                    at,
                    format!("the condition of where at {at} must be a comparison, such as x > 0"),
                ));
            }
        }
        let depends = matches!(node, Node::X) || children[..count].iter().any(|&c| self.depends[c]);
        self.constants.push(node_value(&node, 0.0, &self.constants));
        self.depends.push(depends);
        self.positions.push(position);
        self.operands.push(self.nodes.len());
        self.nodes.push(node);
        Ok(())
    }

    pub(crate) fn check_not_comparison(&self, node: usize) -> Result<(), FormulaError> {
        if let Node::Cmp(op, ..) = self.nodes[node] {
            let at = self.positions[node];
            let message = format!("comparison \"{}\" at {at} is allowed only as the condition of where(condition, a, b), and not chained", op.symbol());
            return Err(FormulaError::new(at, message));
        }
        Ok(())
    }

    /// Enters a `(`, refusing nesting deeper than [`MAX_NESTING`].
    pub(crate) fn open(&mut self, at: usize) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(FormulaError::new(at, format!("nesting deeper than {MAX_NESTING} levels at {at}")));
        }
        Ok(())
    }

    fn pop_operand(&mut self) -> usize {
        // The state machine pushes an operand before every operator that consumes it.
        self.operands.pop().unwrap_or(0)
    }

    /// Applies the operator on top of the stack (a unary minus or a binary operator).
    pub(crate) fn reduce(&mut self) -> Result<(), FormulaError> {
        match self.frames.pop() {
            Some(Frame::Neg) => {
                let a = self.pop_operand();
                self.push(Node::Neg(a), self.positions[a])
            }
            Some(Frame::Op(op, at)) => {
                let b = self.pop_operand();
                let a = self.pop_operand();
                let node = match op {
                    Op::Bin(op) => Node::Bin(op, a, b),
                    Op::Cmp(op) => Node::Cmp(op, a, b),
                };
                self.push(node, at)
            }
            Some(other) => {
                self.frames.push(other);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Applies operators down to the innermost open `(` (or the bottom).
    pub(crate) fn reduce_to_open(&mut self) -> Result<(), FormulaError> {
        while matches!(self.frames.last(), Some(Frame::Neg | Frame::Op(..))) {
            self.reduce()?;
        }
        Ok(())
    }

    /// A `)` after an operand: closes a group or finishes a call.
    pub(crate) fn close(&mut self, t: &Spanned) -> Result<(), FormulaError> {
        self.reduce_to_open()?;
        match self.frames.pop() {
            Some(Frame::Group(_)) => {}
            Some(Frame::Call { callee, name_at, starts, .. }) => self.call(callee, name_at, &starts)?,
            _ => {
                let message = format!("unexpected \")\" at {}; no \"(\" is open", t.position);
                return Err(FormulaError::new(t.position, message));
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Builds the node of a finished call whose arguments are the newest operands.
    fn call(&mut self, callee: Callee, name_at: usize, starts: &[usize]) -> Result<(), FormulaError> {
        let count = starts.len();
        let (least, most) = callee.arity();
        if count < least || count > most {
            return Err(FormulaError::new(name_at, callee.arity_message(count)));
        }
        let args = self.operands.split_off(self.operands.len().saturating_sub(count));
        if args.len() < count {
            return Err(FormulaError::new(name_at, callee.arity_message(args.len())));
        }
        let node = match callee {
            Callee::Func(f) => Node::Func(f, args[0]),
            Callee::Pair(p) => Node::Pair(p, args[0], args[1]),
            Callee::Where => Node::Where(args[0], args[1], args[2]),
            Callee::Act { info, choice } => {
                let mut params = Vec::new();
                for ((spec, &arg), &at) in number_params(info).zip(&args[1..]).zip(&starts[1..]) {
                    self.check_not_comparison(arg)?;
                    if self.depends[arg] {
                        let message = format!(
                            "{}: {} must be a constant (numbers, pi and e), not an expression in x, at {at}",
                            info.id, spec.name
                        );
                        return Err(FormulaError::new(at, message));
                    }
                    params.push((spec.name, ParamValue::Number(self.constants[arg])));
                }
                if let Some((name, value)) = choice {
                    params.push((name, ParamValue::Choice(value.to_owned())));
                }
                let activation = Activation::from_params(info.id, &params).map_err(|error| {
                    let name = match &error {
                        ActivationError::InvalidValue { name, .. }
                        | ActivationError::WrongType { name, .. } => Some(*name),
                        _ => None,
                    };
                    let index = name.and_then(|n| number_params(info).position(|p| p.name == n));
                    let at = index.and_then(|i| starts.get(i + 1)).copied().unwrap_or(name_at);
                    FormulaError::new(at, format!("{error} at {at}"))
                })?;
                Node::Act(activation, args[0])
            }
        };
        self.push(node, name_at)
    }
}
