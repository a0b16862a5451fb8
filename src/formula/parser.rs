//! The parser: shunting-yard over the tokens with an explicit operator stack, so no input, however
//! deep, recurses. It emits nodes in postfix order (see `tree.rs`), checks the limits as it goes,
//! and refuses, by position, anything outside the grammar.
//!
//! Precedence, lowest first: comparisons (only as the condition of `where`, not chained),
//! `+ -`, `* /`, unary minus, `^` (right-associative; `-x^2 = -(x^2)` and `2^-x = 2^(-x)`, as in Python).

use super::dual::node_value;
use super::lexer::{tokens, Spanned, Token};
use super::names::{known, number_params, Callee};
use super::tree::{compact, Bin, Cmp, Node};
use super::{FormulaError, MAX_CHARS, MAX_NESTING};
use crate::activation::{Activation, ActivationError, ParamValue};

/// A binary operator with its precedence.
#[derive(Clone, Copy, Debug)]
enum Op {
    Bin(Bin),
    Cmp(Cmp),
}

impl Op {
    fn precedence(self) -> u8 {
        match self {
            Op::Cmp(_) => 0,
            Op::Bin(Bin::Add | Bin::Sub) => 1,
            Op::Bin(Bin::Mul | Bin::Div) => 2,
            Op::Bin(Bin::Pow) => 4,
        }
    }
}

/// Precedence of unary minus: binds tighter than `*`, looser than `^`.
const NEG: u8 = 3;

/// An entry of the operator stack.
#[derive(Debug)]
enum Frame {
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
struct Parser {
    nodes: Vec<Node>,
    positions: Vec<usize>,
    depends: Vec<bool>,
    constants: Vec<f64>,
    operands: Vec<usize>,
    frames: Vec<Frame>,
    depth: usize,
}

/// Parses `text` into an arena in postfix order, or the first error by position.
pub(crate) fn parse(text: &str) -> Result<Vec<Node>, FormulaError> {
    if text.chars().nth(MAX_CHARS).is_some() {
        let length = text.chars().count();
        let message = format!("formula is {length} characters long; at most {MAX_CHARS} are allowed");
        return Err(FormulaError::new(MAX_CHARS, message));
    }
    let tokens = tokens(text)?;
    if tokens.is_empty() {
        return Err(FormulaError::new(
            0,
            "empty formula; type an expression in x, such as x * sigmoid(x)".into(),
        ));
    }
    let mut parser = Parser::default();
    let mut expect_operand = true;
    let mut k = 0;
    while k < tokens.len() {
        let t = &tokens[k];
        let next = tokens.get(k + 1);
        let prev = k.checked_sub(1).map(|j| &tokens[j]);
        k += 1;
        if expect_operand {
            match &t.token {
                Token::Number(v) => parser.push(Node::Num(*v), t.position)?,
                Token::Name(name) if next.is_some_and(|n| n.token == Token::Open) => {
                    let open_at = tokens[k].position;
                    k += 1;
                    let callee = Callee::lookup(name).ok_or_else(|| unknown_function(t))?;
                    parser.open(open_at)?;
                    let starts = tokens.get(k).map_or(vec![], |n| vec![n.position]);
                    parser.frames.push(Frame::Call { callee, name_at: t.position, open_at, starts });
                    continue;
                }
                Token::Name(name) => parser.push(leaf(name, t)?, t.position)?,
                Token::Minus => {
                    parser.frames.push(Frame::Neg);
                    continue;
                }
                Token::Open => {
                    parser.open(t.position)?;
                    parser.frames.push(Frame::Group(t.position));
                    continue;
                }
                Token::Close => {
                    if let (Some(Frame::Call { callee, name_at, .. }), Some(Token::Open)) =
                        (parser.frames.last(), prev.map(|p| &p.token))
                    {
                        return Err(FormulaError::new(*name_at, callee.arity_message(0)));
                    }
                    return Err(unexpected(t, prev, "a number, x, pi, e, a function or \"(\""));
                }
                _ => return Err(unexpected(t, prev, "a number, x, pi, e, a function or \"(\"")),
            }
            expect_operand = false;
            continue;
        }
        let op =
            match t.token {
                Token::Plus => Op::Bin(Bin::Add),
                Token::Minus => Op::Bin(Bin::Sub),
                Token::Star => Op::Bin(Bin::Mul),
                Token::Slash => Op::Bin(Bin::Div),
                Token::Caret => Op::Bin(Bin::Pow),
                Token::Lt => Op::Cmp(Cmp::Lt),
                Token::Le => Op::Cmp(Cmp::Le),
                Token::Gt => Op::Cmp(Cmp::Gt),
                Token::Ge => Op::Cmp(Cmp::Ge),
                Token::Close => {
                    parser.close(t)?;
                    continue;
                }
                Token::Comma => {
                    parser.reduce_to_open()?;
                    match parser.frames.last_mut() {
                        Some(Frame::Call { starts, .. }) => {
                            starts.push(next.map_or(t.position + 1, |n| n.position))
                        }
                        _ => return Err(FormulaError::new(
                            t.position,
                            format!(
                                "unexpected \",\" at {}; a comma only separates the arguments of a function",
                                t.position
                            ),
                        )),
                    }
                    expect_operand = true;
                    continue;
                }
                _ => {
                    let expected =
                        match parser.frames.iter().rev().find(|f| !matches!(f, Frame::Neg | Frame::Op(..))) {
                            Some(Frame::Call { .. }) => "an operator, \",\" or \")\"",
                            Some(_) => "an operator or \")\"",
                            None => "an operator or the end",
                        };
                    let mut error = unexpected(t, prev, expected);
                    error.message.push_str("; write * to multiply");
                    return Err(error);
                }
            };
        let precedence = op.precedence();
        let right_associative = matches!(op, Op::Bin(Bin::Pow));
        while let Some(frame) = parser.frames.last() {
            let top = match frame {
                Frame::Neg => NEG,
                Frame::Op(o, _) => o.precedence(),
                _ => break,
            };
            if top > precedence || (top == precedence && !right_associative) {
                parser.reduce()?;
            } else {
                break;
            }
        }
        parser.frames.push(Frame::Op(op, t.position));
        expect_operand = true;
    }
    let end = text.chars().count();
    if expect_operand {
        let last = &tokens[tokens.len() - 1];
        return Err(FormulaError::new(end, format!("unexpected end after \"{}\" at {end}", last.text)));
    }
    parser.reduce_to_open()?;
    if let Some(Frame::Group(at) | Frame::Call { open_at: at, .. }) = parser.frames.last() {
        return Err(FormulaError::new(end, format!("unexpected end at {end}; \"(\" at {at} is not closed")));
    }
    let root = parser.operands.pop().unwrap_or(0);
    parser.check_not_comparison(root)?;
    Ok(compact(&parser.nodes[..=root]))
}

/// `x`, `pi` or `e`; any other name is an error (a function without its `(`, or unknown).
fn leaf(name: &str, t: &Spanned) -> Result<Node, FormulaError> {
    match name {
        "x" => Ok(Node::X),
        "pi" => Ok(Node::Pi),
        "e" => Ok(Node::E),
        _ if Callee::lookup(name).is_some() => Err(FormulaError::new(
            t.position,
            format!("{} at {} is a function; write {}(x)", t.text, t.position, t.text),
        )),
        _ => Err(FormulaError::new(
            t.position,
            format!(
                "unknown name \"{}\" at {}; the variable is x, the constants are pi and e",
                t.text, t.position
            ),
        )),
    }
}

/// `unknown function "foo" at 0; known: exp, log, ...`.
fn unknown_function(t: &Spanned) -> FormulaError {
    let message = match t.text.as_str() {
        "x" | "pi" | "e" => format!("{} at {} is not a function; write * to multiply", t.text, t.position),
        _ => format!("unknown function \"{}\" at {}; known: {}", t.text, t.position, known().join(", ")),
    };
    FormulaError::new(t.position, message)
}

/// `unexpected "*" at 4; expected ...`, with a hint for `**`.
fn unexpected(t: &Spanned, prev: Option<&Spanned>, expected: &str) -> FormulaError {
    let mut message = format!("unexpected \"{}\" at {}; expected {expected}", t.text, t.position);
    if t.token == Token::Star && prev.is_some_and(|p| p.token == Token::Star) {
        message.push_str("; powers are written x^2");
    }
    FormulaError::new(t.position, message)
}

impl Parser {
    /// Appends a node whose children are valid operands, and makes it the newest operand.
    fn push(&mut self, node: Node, position: usize) -> Result<(), FormulaError> {
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

    fn check_not_comparison(&self, node: usize) -> Result<(), FormulaError> {
        if let Node::Cmp(op, ..) = self.nodes[node] {
            let at = self.positions[node];
            let message = format!("comparison \"{}\" at {at} is allowed only as the condition of where(condition, a, b), and not chained", op.symbol());
            return Err(FormulaError::new(at, message));
        }
        Ok(())
    }

    /// Enters a `(`, refusing nesting deeper than [`MAX_NESTING`].
    fn open(&mut self, at: usize) -> Result<(), FormulaError> {
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
    fn reduce(&mut self) -> Result<(), FormulaError> {
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
    fn reduce_to_open(&mut self) -> Result<(), FormulaError> {
        while matches!(self.frames.last(), Some(Frame::Neg | Frame::Op(..))) {
            self.reduce()?;
        }
        Ok(())
    }

    /// A `)` after an operand: closes a group or finishes a call.
    fn close(&mut self, t: &Spanned) -> Result<(), FormulaError> {
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
        let args = self.operands.split_off(self.operands.len() - count);
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
