//! A user's own activation: a formula in x, parsed without `eval`, with its value and exact
//! derivative (forward-mode dual numbers in f64), MathML for it and for a simplified symbolic
//! derivative, the same formula in PyTorch operations, and a canonical text form.
//!
//! # The language
//! - numbers (`2`, `0.5`, `.5`, `1e-3`), the variable `x`, the constants `pi` and `e`;
//! - `+ - * /`, `^` (right-associative), unary minus, parentheses; `-x^2` is `-(x^2)`;
//! - comparisons `< <= > >=`, only as the condition of `where(condition, a, b)`;
//! - `exp log log1p expm1 sqrt abs sin cos tan erf min max where`;
//! - every catalogue activation by its PyTorch id, its numeric parameters as extra constant
//!   arguments in PyTorch's order (`relu(x)`, `leaky_relu(x, 0.2)`, `elu(x, 1.5)`,
//!   `softplus(x, 2, 20)`); a choice parameter is a name suffix: `gelu(x)` is the exact GELU,
//!   `gelu_tanh(x)` its tanh approximation. `tanh`, `sigmoid`, `softplus` are the catalogue's.
//!
//! # Safety
//! At most [`MAX_CHARS`] characters and [`MAX_NESTING`] levels of parentheses; anything outside
//! the grammar is refused by position. Parsing is a loop with an explicit stack and every later
//! walk is a loop over a flat arena (`tree.rs`), so no input can overflow the stack, and every
//! step is linear in the length. MathML is built from escaped tokens only, never the typed text.
//!
//! Kink conventions (what autograd returns at `abs`, `min`, `max`, `where`, `^`) are documented
//! in `dual.rs`; the catalogue's in [`Activation::derivative`](crate::activation::Activation::derivative).

mod dual;
mod kinks;
mod lexer;
mod mathml;
mod names;
mod parser;
mod print;
mod program;
mod render;
mod stack;
mod symbolic;
mod tree;

use std::fmt;

use program::Program;
use tree::Node;

/// The longest formula accepted, in characters.
pub const MAX_CHARS: usize = 1000;
/// The deepest nesting of parentheses (groups and calls) accepted.
pub const MAX_NESTING: usize = 100;
/// The most nodes a symbolic derivative may have, written out, to be displayed.
pub const MAX_DERIVATIVE_NODES: usize = 2000;

/// A formula to start from, as the explorer offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// What it is, e.g. `Mish`.
    pub label: &'static str,
    /// The formula, in canonical form.
    pub formula: &'static str,
}

/// The examples offered to start from: activations from papers, written in the language.
pub const EXAMPLES: &[Example] = &[
    Example { label: "Swish, β = 1.702 (GELU's sigmoid approximation)", formula: "x * sigmoid(1.702 * x)" },
    Example { label: "Mish", formula: "x * tanh(softplus(x))" },
    Example { label: "Squared ReLU", formula: "relu(x)^2" },
    Example { label: "Leaky ELU", formula: "where(x > 0, x, 0.1 * (exp(x) - 1))" },
];

/// Why a formula was refused: where (a char index into the text; the length for "unexpected
/// end") and a message that names the position and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormulaError {
    /// Char index (not byte index) of the offending token.
    pub position: usize,
    /// E.g. `unexpected end after "+" at 3`, `where takes 3 arguments, got 2`.
    pub message: String,
}

impl FormulaError {
    pub(crate) fn new(position: usize, message: String) -> FormulaError {
        FormulaError { position, message }
    }
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FormulaError {}

/// A parsed formula, ready to evaluate. Two formulas are equal when their trees are (so
/// `parse(formula.to_string())` equals `formula`).
#[derive(Clone, Debug)]
pub struct Formula {
    /// The tree in postfix order, root last.
    nodes: Vec<Node>,
    program: Program,
}

impl PartialEq for Formula {
    fn eq(&self, other: &Formula) -> bool {
        self.nodes == other.nodes
    }
}

impl Formula {
    /// Parses and compiles a formula; every failure is a [`FormulaError`], never a panic, in time
    /// linear in the (bounded) length.
    pub fn parse(text: &str) -> Result<Formula, FormulaError> {
        let nodes = parser::parse(text)?;
        let program = Program::compile(&nodes)?;
        Ok(Formula { nodes, program })
    }

    /// `f(x)`.
    pub fn eval(&self, x: f64) -> f64 {
        let mut out = [0.0];
        self.program.values(&[x], &mut out);
        out[0]
    }

    /// `(f(x), f′(x))`, the derivative exact to rounding (forward-mode AD).
    pub fn eval_dual(&self, x: f64) -> (f64, f64) {
        let mut result = (f64::NAN, f64::NAN);
        self.program.duals(&[x], |_, v, d| result = (v, d));
        result
    }

    /// `out[i] = f(xs[i])` for i below the shorter length. Allocates nothing.
    pub fn eval_many(&self, xs: &[f64], out: &mut [f64]) {
        self.program.values(xs, out);
    }

    /// `out[i] = f′(xs[i])` for i below the shorter length. Allocates nothing.
    pub fn derivative_many(&self, xs: &[f64], out: &mut [f64]) {
        let n = xs.len().min(out.len());
        self.program.duals(&xs[..n], |i, _, d| out[i] = d);
    }

    /// `outputs[i] = f(pre_activations[i])` in f32 (computed in f64), as the network's forward
    /// pass needs it. Allocates nothing.
    pub fn forward_f32(&self, pre_activations: &[f32], outputs: &mut [f32]) {
        let n = pre_activations.len().min(outputs.len());
        self.program.f32_lanes(&pre_activations[..n], false, |i, v| outputs[i] = v as f32);
    }

    /// `gradients[i] *= f′(pre_activations[i])`, turning dL/dy into dL/dz as the network's
    /// backward pass needs it. Allocates nothing.
    pub fn backward_f32(&self, pre_activations: &[f32], gradients: &mut [f32]) {
        let n = pre_activations.len().min(gradients.len());
        self.program.f32_lanes(&pre_activations[..n], true, |i, d| gradients[i] *= d as f32);
    }

    /// Where in `[lo, hi]` the formula may switch branch (comparisons, `min`, `max`, `abs`, the
    /// catalogue's breakpoints), increasing, at most 64 points: where f or f′ may jump, for a
    /// chart to split its line and the explorer to read out.
    pub fn kinks(&self, lo: f64, hi: f64) -> Vec<f64> {
        kinks::kinks(&self.nodes, lo, hi)
    }

    /// Whether the formula depends on x at all.
    pub fn uses_x(&self) -> bool {
        tree::depends_on_x(&self.nodes).last().copied().unwrap_or(false)
    }

    /// The formula in PyTorch operations (`torch.where`, `torch.sigmoid`, `F.softplus`,
    /// `F.leaky_relu(x, negative_slope=0.2)`, ...), an expression in the tensor `x`; it needs
    /// `import math`, `import torch` and `import torch.nn.functional as F`.
    pub fn to_torch(&self) -> String {
        print::torch(&self.nodes)
    }

    /// A complete `nn.Module` named `class_name` (a Python identifier; anything else is
    /// replaced by `Custom`) whose `forward` returns [`Formula::to_torch`], with its imports.
    pub fn torch_module(&self, class_name: &str) -> String {
        print::torch_module(&self.nodes, class_name)
    }

    /// `f(x) = ...` as a `<math>` element.
    pub fn mathml(&self) -> String {
        mathml::math("f", &self.nodes)
    }

    /// `f′(x) = ...`, the symbolic derivative simplified to read (constants folded; `+ 0`, `· 1`,
    /// `· 0`, `^1` removed), as a `<math>` element; an error when it has more than
    /// [`MAX_DERIVATIVE_NODES`] nodes written out (`x^x^x^...`): its values stay exact.
    pub fn derivative_mathml(&self) -> Result<String, FormulaError> {
        let derivative = symbolic::derivative(&self.nodes)?;
        Ok(mathml::math("f′", &derivative))
    }

    /// The symbolic derivative as text, for reading and copying: the grammar plus `sgn(a)` (the
    /// derivative of `abs`) and `relu′(a)`-style derivatives of catalogue activations without a
    /// closed form in the grammar. Same limit as [`Formula::derivative_mathml`].
    pub fn derivative_text(&self) -> Result<String, FormulaError> {
        let derivative = symbolic::derivative(&self.nodes)?;
        Ok(print::text(&derivative))
    }
}

/// The canonical text: operators spaced, parentheses only where needed, numbers in shortest
/// round-trip form, activation parameters as their values. Parsing it gives an equal formula.
impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&print::text(&self.nodes))
    }
}

#[cfg(test)]
mod tests;
