//! Text forms of a tree: the canonical formula (parses back to the same tree) and the formula in
//! PyTorch operations. Both are built bottom-up over the arena, one string per node, with
//! parentheses only where precedence needs them.

use super::dual;
use super::render::{expand, Pieces};
use super::tree::{depends_on_x, Bin, Func, Node};
use super::MAX_CHARS;
use crate::activation::{format_number, info, Activation, ParamKind, ParamValue};

/// Which text to write.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Operators spaced: `x * sigmoid(x)`.
    Text,
    /// No spaces: `x*sigmoid(x)`, for formulas whose spaced text would be too long to parse back.
    Compact,
    Torch,
}

/// How tightly a node binds: 0 comparison, 1 `+ -`, 2 `* /`, 3 unary minus, 4 `^`, 5 an atom.
pub(crate) fn precedence(node: &Node) -> u8 {
    match node {
        Node::Num(v) if *v < 0.0 => 3,
        Node::Cmp(..) => 0,
        Node::Bin(Bin::Add | Bin::Sub, ..) => 1,
        Node::Bin(Bin::Mul | Bin::Div, ..) => 2,
        Node::Neg(_) => 3,
        Node::Bin(Bin::Pow, ..) => 4,
        _ => 5,
    }
}

/// Whether the left and right operands of a binary node need parentheses.
pub(crate) fn needs_parens(op: Bin, left: &Node, right: &Node) -> (bool, bool) {
    let (l, r) = (precedence(left), precedence(right));
    match op {
        Bin::Add | Bin::Sub => (l < 1, r <= 1),
        Bin::Mul | Bin::Div => (l < 2, r <= 2),
        Bin::Pow => (l <= 4, r < 3),
    }
}

/// The canonical text of a tree: spaced, or without spaces when spaced it would be longer than
/// [`MAX_CHARS`] (so a formula that parsed prints to text that parses).
pub(crate) fn text(nodes: &[Node]) -> String {
    let spaced = infix(nodes, Style::Text);
    if spaced.chars().count() <= MAX_CHARS {
        spaced
    } else {
        infix(nodes, Style::Compact)
    }
}

/// The tree as a PyTorch expression in `x`.
pub(crate) fn torch(nodes: &[Node]) -> String {
    infix(nodes, Style::Torch)
}

/// A complete `nn.Module` whose forward returns the formula.
pub(crate) fn torch_module(nodes: &[Node], class_name: &str) -> String {
    let valid = class_name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && class_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let name = if valid { class_name } else { "Custom" };
    format!(
        "import math\n\nimport torch\nimport torch.nn.functional as F\nfrom torch import nn\n\n\n\
         class {name}(nn.Module):\n    \"\"\"f(x) = {}\"\"\"\n\n    def forward(self, x):\n        return {}\n",
        text(nodes),
        torch(nodes)
    )
}

/// A number as written: shortest round trip, `-` in front when negative; Python's spelling of
/// the non-finite values for torch.
fn number(v: f64, style: Style) -> String {
    match (style, v.is_finite()) {
        (Style::Torch, false) if v.is_nan() => "float('nan')".into(),
        (Style::Torch, false) => format!("{}float('inf')", if v < 0.0 { "-" } else { "" }),
        (Style::Torch, true) => {
            let s = format_number(v);
            if s.contains(['.', 'e']) {
                s
            } else {
                format!("{s}.0")
            }
        }
        (Style::Text | Style::Compact, _) => format_number(v),
    }
}

fn infix(nodes: &[Node], style: Style) -> String {
    let depends = depends_on_x(nodes);
    let values = dual::values(nodes, 0.0);
    let mut out: Vec<Pieces> = Vec::with_capacity(nodes.len());
    // The node each rendering stands for (a folded constant stands for a number).
    let mut shown: Vec<Node> = Vec::with_capacity(nodes.len());
    let compact = style == Style::Compact;
    let comma = if compact { "," } else { ", " };
    for (i, node) in nodes.iter().enumerate() {
        // torch functions take tensors, and Python's arithmetic on floats is not f64's (`1 / 0`
        // raises, `(-8) ** (1 / 3)` is complex): a constant expression becomes its f64 value.
        let leaf = matches!(node, Node::Num(_) | Node::Pi | Node::E);
        if style == Style::Torch && !depends[i] && !leaf {
            out.push(Pieces::new().t(number(values[i], style)));
            shown.push(Node::Num(values[i]));
            continue;
        }
        let p = Pieces::new();
        let pieces = match *node {
            Node::Num(v) => p.t(number(v, style)),
            Node::X => p.t("x"),
            Node::Pi => p.t(if style == Style::Torch { "math.pi" } else { "pi" }),
            Node::E => p.t(if style == Style::Torch { "math.e" } else { "e" }),
            Node::Neg(a) => p.t("-").w(a, precedence(&shown[a]) < 3),
            Node::Bin(op, a, b) => {
                let (left, right) = needs_parens(op, &shown[a], &shown[b]);
                let symbol = match (op, style) {
                    (Bin::Add, _) => " + ",
                    (Bin::Sub, _) => " - ",
                    (Bin::Mul, _) => " * ",
                    (Bin::Div, _) => " / ",
                    (Bin::Pow, Style::Text | Style::Compact) => "^",
                    (Bin::Pow, Style::Torch) => " ** ",
                };
                let symbol = if compact { symbol.trim() } else { symbol };
                p.w(a, left).t(symbol).w(b, right)
            }
            Node::Cmp(op, a, b) => {
                let symbol = if compact { op.symbol().to_owned() } else { format!(" {} ", op.symbol()) };
                p.c(a).t(symbol).c(b)
            }
            Node::Func(f, a) => match style {
                Style::Text | Style::Compact => p.t(format!("{}(", f.name())).c(a).t(")"),
                Style::Torch => {
                    let name = if f == Func::Sign { "sign" } else { f.name() };
                    p.t(format!("torch.{name}(")).c(a).t(")")
                }
            },
            Node::Pair(pair, a, b) => match style {
                Style::Text | Style::Compact => p.t(format!("{}(", pair.name())).c(a).t(comma).c(b).t(")"),
                Style::Torch => {
                    let tensor = |c: usize| {
                        if depends[c] {
                            Pieces::new().c(c)
                        } else {
                            Pieces::new().t("torch.full_like(x, ").c(c).t(")")
                        }
                    };
                    let name = if pair.name() == "min" { "minimum" } else { "maximum" };
                    p.t(format!("torch.{name}(")).then(tensor(a)).t(", ").then(tensor(b)).t(")")
                }
            },
            Node::Where(c, a, b) if style == Style::Torch && !depends[c] => {
                let taken = if values[c] != 0.0 { a } else { b };
                shown.push(shown[taken].clone());
                out.push(Pieces::new().c(taken));
                continue;
            }
            Node::Where(c, a, b) => {
                let name = if style == Style::Torch { "torch.where(" } else { "where(" };
                p.t(name).c(c).t(comma).c(a).t(comma).c(b).t(")")
            }
            Node::Act(ref act, a) => activation(act, a, style, ""),
            Node::ActDerivative(ref act, a) => activation(act, a, style, "′"),
        };
        out.push(pieces);
        shown.push(node.clone());
    }
    expand(&out, nodes.len().saturating_sub(1), "(", ")")
}

/// `leaky_relu(x, 0.2)` (text: the parameters after the last default left out) or
/// `F.leaky_relu(x, negative_slope=0.2)` (torch: the parameters not at their default, by name).
fn activation(act: &Activation, input: usize, style: Style, mark: &str) -> Pieces {
    let call = |name: &str, rest: String| Pieces::new().t(format!("{name}(")).c(input).t(format!("{rest})"));
    let Some(info) = info(act.id()) else { return call(act.id(), String::new()) };
    let mut name = info.id.to_owned();
    let mut numbers = Vec::new();
    let mut choice = None;
    for (spec, (_, value)) in info.params.iter().zip(act.params()) {
        match (spec.kind, value) {
            (ParamKind::Number { default, .. }, ParamValue::Number(v)) => {
                numbers.push((spec.name, v, v == default))
            }
            (ParamKind::Choice { default, .. }, ParamValue::Choice(c)) if c != default => {
                name = format!("{name}_{c}");
                choice = Some((spec.name, c));
            }
            _ => {}
        }
    }
    if style != Style::Torch {
        let comma = if style == Style::Compact { "," } else { ", " };
        let shown = numbers.iter().rposition(|(_, _, default)| !default).map_or(0, |last| last + 1);
        let args: String =
            numbers[..shown].iter().map(|(_, v, _)| format!("{comma}{}", number(*v, style))).collect();
        return call(&format!("{name}{mark}"), args);
    }
    let mut args = Vec::new();
    args.extend(numbers.iter().filter(|n| !n.2).map(|(n, v, _)| format!(", {n}={}", number(*v, style))));
    args.extend(choice.map(|(n, c)| format!(", {n}='{c}'")));
    let args = args.concat();
    match act {
        Activation::Sigmoid | Activation::Tanh => call(&format!("torch.{}", info.id), String::new()),
        // One fixed weight: exactly leaky_relu with that slope.
        Activation::Prelu { weight } => {
            call("F.leaky_relu", format!(", negative_slope={}", number(*weight, style)))
        }
        Activation::Rrelu { .. } => call("F.rrelu", format!("{args}, training=False")),
        _ => call(&format!("F.{}", info.id), args),
    }
}
