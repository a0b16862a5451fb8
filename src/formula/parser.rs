//! The parser: shunting-yard over the tokens with an explicit operator stack, so no input, however
//! deep, recurses. It emits nodes in postfix order (see `tree.rs`), checks the limits as it goes,
//! and refuses, by position, anything outside the grammar.
//!
//! Precedence, lowest first: comparisons (only as the condition of `where`, not chained),
//! `+ -`, `* /`, unary minus, `^` (right-associative; `-x^2 = -(x^2)` and `2^-x = 2^(-x)`, as in Python).

use super::lexer::{tokens, Spanned, Token};
use super::names::{known, Callee};
use super::stack::{Frame, Op, Parser, NEG};
use super::tree::{compact, Bin, Cmp, Node};
use super::{FormulaError, MAX_CHARS};

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
        let op = match t.token {
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
                    _ => {
                        return Err(FormulaError::new(
                            t.position,
                            format!(
                                "unexpected \",\" at {}; a comma only separates the arguments of a function",
                                t.position
                            ),
                        ))
                    }
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
