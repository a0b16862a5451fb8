//! Text forms of a tree: the canonical formula (parses back to the same tree) and the formula in
//! PyTorch operations. Both are built bottom-up over the arena, one string per node, with
//! parentheses only where precedence needs them.

use super::dual;
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

/// `(s)` when `wrap`.
fn wrapped(s: &str, wrap: bool) -> String {
    if wrap {
        format!("({s})")
    } else {
        s.to_owned()
    }
}

fn infix(nodes: &[Node], style: Style) -> String {
    let depends = depends_on_x(nodes);
    let values = dual::values(nodes, 0.0);
    let mut has_call = Vec::with_capacity(nodes.len());
    let mut out: Vec<String> = Vec::with_capacity(nodes.len());
    // The node each string stands for (a folded constant stands for a number).
    let mut shown: Vec<Node> = Vec::with_capacity(nodes.len());
    for (i, node) in nodes.iter().enumerate() {
        let (children, count) = node.children();
        let call =
            !matches!(node, Node::Num(_) | Node::X | Node::Pi | Node::E | Node::Neg(_) | Node::Bin(..));
        has_call.push(call || children[..count].iter().any(|&c| has_call[c]));
        // torch functions take tensors: a constant with a call in it becomes its value.
        if style == Style::Torch && !depends[i] && has_call[i] {
            out.push(number(values[i], style));
            shown.push(Node::Num(values[i]));
            continue;
        }
        let s = |c: usize| out[c].as_str();
        let text = match *node {
            Node::Num(v) => number(v, style),
            Node::X => "x".into(),
            Node::Pi => if style == Style::Torch { "math.pi" } else { "pi" }.into(),
            Node::E => if style == Style::Torch { "math.e" } else { "e" }.into(),
            Node::Neg(a) => format!("-{}", wrapped(s(a), precedence(&shown[a]) < 3)),
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
                let symbol = if style == Style::Compact { symbol.trim() } else { symbol };
                format!("{}{symbol}{}", wrapped(s(a), left), wrapped(s(b), right))
            }
            Node::Cmp(op, a, b) if style == Style::Compact => format!("{}{}{}", s(a), op.symbol(), s(b)),
            Node::Cmp(op, a, b) => format!("{} {} {}", s(a), op.symbol(), s(b)),
            Node::Func(f, a) => match style {
                Style::Text | Style::Compact => format!("{}({})", f.name(), s(a)),
                Style::Torch => {
                    let name = if f == Func::Sign { "sign" } else { f.name() };
                    format!("torch.{name}({})", s(a))
                }
            },
            Node::Pair(p, a, b) => match style {
                Style::Text => format!("{}({}, {})", p.name(), s(a), s(b)),
                Style::Compact => format!("{}({},{})", p.name(), s(a), s(b)),
                Style::Torch => {
                    let tensor = |c: usize| {
                        if depends[c] {
                            s(c).to_owned()
                        } else {
                            format!("torch.full_like(x, {})", s(c))
                        }
                    };
                    let name = if p.name() == "min" { "minimum" } else { "maximum" };
                    format!("torch.{name}({}, {})", tensor(a), tensor(b))
                }
            },
            Node::Where(c, a, b) if style == Style::Torch && !depends[c] => {
                let taken = if values[c] != 0.0 { a } else { b };
                shown.push(shown[taken]);
                out.push(out[taken].clone());
                continue;
            }
            Node::Where(c, a, b) => match style {
                Style::Text => format!("where({}, {}, {})", s(c), s(a), s(b)),
                Style::Compact => format!("where({},{},{})", s(c), s(a), s(b)),
                Style::Torch => format!("torch.where({}, {}, {})", s(c), s(a), s(b)),
            },
            Node::Act(act, a) => activation(&act, s(a), style, ""),
            Node::ActDerivative(act, a) => activation(&act, s(a), style, "′"),
        };
        out.push(text);
        shown.push(*node);
    }
    out.pop().unwrap_or_default()
}

/// `leaky_relu(x, 0.2)` (text: the parameters after the last default left out) or
/// `F.leaky_relu(x, negative_slope=0.2)` (torch: the parameters not at their default, by name).
fn activation(act: &Activation, input: &str, style: Style, mark: &str) -> String {
    let Some(info) = info(act.id()) else { return format!("{}({input})", act.id()) };
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
        return format!("{name}{mark}({input}{args})");
    }
    let mut args = vec![input.to_owned()];
    args.extend(numbers.iter().filter(|n| !n.2).map(|(n, v, _)| format!("{n}={}", number(*v, style))));
    args.extend(choice.map(|(n, c)| format!("{n}='{c}'")));
    match act {
        Activation::Sigmoid | Activation::Tanh => format!("torch.{}({input})", info.id),
        // One fixed weight: exactly leaky_relu with that slope.
        Activation::Prelu { weight } => {
            format!("F.leaky_relu({input}, negative_slope={})", number(*weight, style))
        }
        Activation::Rrelu { .. } => format!("F.rrelu({}, training=False)", args.join(", ")),
        _ => format!("F.{}({})", info.id, args.join(", ")),
    }
}
