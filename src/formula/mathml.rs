//! MathML of a tree, built bottom-up over the arena. Every token is one of a fixed set of names
//! and operators or a formatted number, and is escaped as it goes into its element: the text a
//! user typed never reaches the markup.

use super::print::{needs_parens, precedence};
use super::render::{expand, Pieces};
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

const OPEN: &str = "<mrow><mo>(</mo>";
const CLOSE: &str = "<mo>)</mo></mrow>";

/// `name(arguments)` with the function-application operator, `head` being the name's markup.
fn call(head: String, args: &[Pieces]) -> Pieces {
    let mut p = Pieces::new().t(format!("<mrow>{head}<mo>&#x2061;</mo>{OPEN}"));
    for (k, arg) in args.iter().enumerate() {
        if k > 0 {
            p = p.t(mo(","));
        }
        p = p.then(arg.clone());
    }
    p.t(format!("{CLOSE}</mrow>"))
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
    let lhs = format!("{}{OPEN}{}{CLOSE}", mi(name), mi("x"));
    format!("<math display=\"block\"><mrow>{lhs}{}{}</mrow></math>", mo("="), body(nodes))
}

fn body(nodes: &[Node]) -> String {
    let mut out: Vec<Pieces> = Vec::with_capacity(nodes.len());
    for node in nodes {
        let p = Pieces::new();
        let c = |i: usize| Pieces::new().c(i);
        let row = |inner: Pieces| Pieces::new().t("<mrow>").then(inner).t("</mrow>");
        let pieces = match *node {
            Node::Num(v) => p.t(mn(v)),
            Node::X => p.t(mi("x")),
            Node::Pi => p.t(mi("π")),
            Node::E => p.t(mi("e")),
            // −a·b reads the same as −(a·b); only a sum needs the parentheses.
            Node::Neg(a) => row(p.t(mo("−")).w(a, precedence(&nodes[a]) < 2)),
            Node::Bin(Bin::Div, a, b) => p.t("<mfrac>").then(row(c(a))).then(row(c(b))).t("</mfrac>"),
            Node::Bin(Bin::Pow, a, b) => {
                p.t("<msup>").w(a, !plain_base(&nodes[a])).then(row(c(b))).t("</msup>")
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
                row(p.w(a, left).t(mo(symbol)).w(b, right))
            }
            Node::Cmp(op, a, b) => {
                let symbol = match op.symbol() {
                    "<=" => "≤",
                    ">=" => "≥",
                    other => other,
                };
                row(p.c(a).t(mo(symbol)).c(b))
            }
            Node::Func(Func::Exp, a) => p.t(format!("<msup>{}", mi("e"))).then(row(c(a))).t("</msup>"),
            Node::Func(Func::Sqrt, a) => p.t("<msqrt>").c(a).t("</msqrt>"),
            Node::Func(Func::Abs, a) => row(p.t(mo("|")).c(a).t(mo("|"))),
            Node::Func(f, a) => {
                let name = match f {
                    Func::Log => "ln",
                    other => other.name(),
                };
                call(mi(name), &[c(a)])
            }
            Node::Pair(pair, a, b) => call(mi(pair.name()), &[c(a), c(b)]),
            Node::Where(condition, a, b) => {
                let cell = "<mtd columnalign=\"left\">";
                p.t(format!("<mrow>{}<mtable><mtr>{cell}", mo("{")))
                    .c(a)
                    .t(format!("</mtd>{cell}<mrow><mtext>if&#xA0;</mtext>"))
                    .c(condition)
                    .t(format!("</mrow></mtd></mtr><mtr>{cell}"))
                    .c(b)
                    .t(format!("</mtd>{cell}<mtext>otherwise</mtext></mtd></mtr></mtable></mrow>"))
            }
            Node::Act(ref act, a) => activation(act, a, false),
            Node::ActDerivative(ref act, a) => activation(act, a, true),
        };
        out.push(pieces);
    }
    expand(&out, nodes.len().saturating_sub(1), OPEN, CLOSE)
}

/// `σ(a)`, `tanh(a)`, `leaky_relu(a, 0.2)`, or with a prime for the derivative; parameters as
/// numbers, the ones after the last default left out, as in the text form.
fn activation(act: &Activation, input: usize, prime: bool) -> Pieces {
    let input = Pieces::new().c(input);
    let Some(info) = info(act.id()) else { return call(mi(act.id()), &[input]) };
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
    let mut args = vec![input];
    args.extend(numbers[..shown].iter().map(|(v, _)| Pieces::new().t(mn(*v))));
    let head = if prime { format!("<msup>{}{}</msup>", mi(&name), mo("′")) } else { mi(&name) };
    call(head, &args)
}
