//! MathML of a tree, built bottom-up over the arena. Every token is one of a fixed set of names
//! and operators or a formatted number, and is escaped as it goes into its element: the text a
//! user typed never reaches the markup.

use super::print::{needs_parens, precedence};
use super::tree::{Bin, Func, Node};
use crate::activation::{format_number, info, Activation, ParamKind, ParamValue};

/// `s` with the five markup characters escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn mi(s: &str) -> String {
    format!("<mi>{}</mi>", escape(s))
}

fn mo(s: &str) -> String {
    format!("<mo>{}</mo>", escape(s))
}

fn mn(v: f64) -> String {
    if v < 0.0 {
        format!("<mrow>{}<mn>{}</mn></mrow>", mo("−"), escape(&format_number(-v)))
    } else {
        format!("<mn>{}</mn>", escape(&format_number(v)))
    }
}

fn paren(inner: &str) -> String {
    format!("<mrow>{}{inner}{}</mrow>", mo("("), mo(")"))
}

fn wrapped(inner: &str, wrap: bool) -> String {
    if wrap {
        paren(inner)
    } else {
        inner.to_owned()
    }
}

/// `name(arguments)` with the function-application operator.
fn call(name: &str, args: &[&str]) -> String {
    let joined = args.join(&mo(","));
    format!("<mrow>{name}<mo>&#x2061;</mo>{}</mrow>", paren(&joined))
}

/// Whether a node can be the base of a power without parentheses.
fn plain_base(node: &Node) -> bool {
    match node {
        Node::Num(v) => *v >= 0.0,
        Node::X | Node::Pi | Node::E | Node::Pair(..) | Node::Act(..) | Node::ActDerivative(..) => true,
        Node::Func(f, _) => !matches!(f, Func::Exp | Func::Sqrt),
        _ => false,
    }
}

/// `<math display="block">name(x) = tree</math>`.
pub(crate) fn math(name: &str, nodes: &[Node]) -> String {
    let lhs = format!("{}{}", mi(name), paren(&mi("x")));
    format!("<math display=\"block\"><mrow>{lhs}{}{}</mrow></math>", mo("="), body(nodes))
}

fn body(nodes: &[Node]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(nodes.len());
    for node in nodes {
        let s = |c: usize| out[c].as_str();
        let element = match *node {
            Node::Num(v) => mn(v),
            Node::X => mi("x"),
            Node::Pi => mi("π"),
            Node::E => mi("e"),
            Node::Neg(a) => format!("<mrow>{}{}</mrow>", mo("−"), wrapped(s(a), precedence(&nodes[a]) < 3)),
            Node::Bin(Bin::Div, a, b) => format!("<mfrac><mrow>{}</mrow><mrow>{}</mrow></mfrac>", s(a), s(b)),
            Node::Bin(Bin::Pow, a, b) => {
                format!("<msup>{}<mrow>{}</mrow></msup>", wrapped(s(a), !plain_base(&nodes[a])), s(b))
            }
            Node::Bin(op, a, b) => {
                let (left, right) = needs_parens(op, &nodes[a], &nodes[b]);
                let symbol = match op {
                    Bin::Add => "+",
                    Bin::Sub => "−",
                    _ => "·",
                };
                // A fraction already groups itself.
                let right = right && !matches!(nodes[b], Node::Bin(Bin::Div, ..));
                format!("<mrow>{}{}{}</mrow>", wrapped(s(a), left), mo(symbol), wrapped(s(b), right))
            }
            Node::Cmp(op, a, b) => {
                let symbol = match op.symbol() {
                    "<=" => "≤",
                    ">=" => "≥",
                    other => other,
                };
                format!("<mrow>{}{}{}</mrow>", s(a), mo(symbol), s(b))
            }
            Node::Func(Func::Exp, a) => format!("<msup>{}<mrow>{}</mrow></msup>", mi("e"), s(a)),
            Node::Func(Func::Sqrt, a) => format!("<msqrt>{}</msqrt>", s(a)),
            Node::Func(Func::Abs, a) => format!("<mrow>{}{}{}</mrow>", mo("|"), s(a), mo("|")),
            Node::Func(f, a) => {
                let name = match f {
                    Func::Log => "ln",
                    other => other.name(),
                };
                call(&mi(name), &[s(a)])
            }
            Node::Pair(p, a, b) => call(&mi(p.name()), &[s(a), s(b)]),
            Node::Where(c, a, b) => {
                let row = |value: &str, condition: &str| {
                    format!("<mtr><mtd columnalign=\"left\">{value}</mtd><mtd columnalign=\"left\">{condition}</mtd></mtr>")
                };
                let when = format!("<mrow><mtext>if&#xA0;</mtext>{}</mrow>", s(c));
                let rows = row(s(a), &when) + &row(s(b), "<mtext>otherwise</mtext>");
                format!("<mrow>{}<mtable>{rows}</mtable></mrow>", mo("{"))
            }
            Node::Act(act, a) => activation(&act, s(a), false),
            Node::ActDerivative(act, a) => activation(&act, s(a), true),
        };
        out.push(element);
    }
    out.pop().unwrap_or_default()
}

/// `σ(a)`, `tanh(a)`, `leaky_relu(a, 0.2)`, or with a prime for the derivative; parameters as
/// numbers, the ones after the last default left out, as in the text form.
fn activation(act: &Activation, input: &str, prime: bool) -> String {
    let Some(info) = info(act.id()) else { return call(&mi(act.id()), &[input]) };
    let mut name = match act {
        Activation::Sigmoid => "σ".to_owned(),
        _ => info.id.to_owned(),
    };
    let mut numbers = Vec::new();
    for (spec, (_, value)) in info.params.iter().zip(act.params()) {
        match (spec.kind, value) {
            (ParamKind::Number { default, .. }, ParamValue::Number(v)) => numbers.push((v, v == default)),
            (ParamKind::Choice { default, .. }, ParamValue::Choice(c)) if c != default => {
                name = format!("{name}_{c}")
            }
            _ => {}
        }
    }
    let shown = numbers.iter().rposition(|(_, default)| !default).map_or(0, |last| last + 1);
    let params: Vec<String> = numbers[..shown].iter().map(|(v, _)| mn(*v)).collect();
    let mut args = vec![input];
    args.extend(params.iter().map(String::as_str));
    let head = if prime { format!("<msup>{}{}</msup>", mi(&name), mo("′")) } else { mi(&name) };
    call(&head, &args)
}
