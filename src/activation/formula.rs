//! f and f' of each activation as MathML, and the matching PyTorch snippet.
//!
//! Parameters appear either as their symbol (`α`), for the catalogue, or as their current value
//! (`0.2`), for a formula panel that follows the sliders. Every string here is built from
//! constants and formatted numbers only, so it is safe to insert as markup. A custom formula's
//! MathML is the formula module's, built from escaped tokens, never the typed text.

use super::catalogue::{format_number, info};
use super::{Activation, GeluApproximate, ParamValue};

// The MathML builders below are `#[inline(never)]`: formulas are built once per slider change,
// and inlined, every call site carries its own copy of the formatting code (~20 KiB of wasm).

/// How parameters are written in a formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `<mi>α</mi>`.
    Symbolic,
    /// `<mn>1.5</mn>`.
    Numeric,
}

#[inline(never)]
fn mi(s: &str) -> String {
    format!("<mi>{s}</mi>")
}
#[inline(never)]
fn mn(x: f64) -> String {
    if x < 0.0 {
        format!("<mrow><mo>−</mo><mn>{}</mn></mrow>", format_number(-x))
    } else {
        format!("<mn>{}</mn>", format_number(x))
    }
}
#[inline(never)]
fn mo(s: &str) -> String {
    format!("<mo>{s}</mo>")
}
#[inline(never)]
fn row(parts: &[&str]) -> String {
    format!("<mrow>{}</mrow>", parts.concat())
}
#[inline(never)]
fn frac(num: &str, den: &str) -> String {
    format!("<mfrac>{num}{den}</mfrac>")
}
#[inline(never)]
fn sup(base: &str, exp: &str) -> String {
    format!("<msup>{base}{exp}</msup>")
}
#[inline(never)]
fn paren(inner: &str) -> String {
    format!("<mrow><mo>(</mo>{inner}<mo>)</mo></mrow>")
}
#[inline(never)]
fn call(name: &str, arg: &str) -> String {
    format!("<mrow><mi>{name}</mi><mo>&#x2061;</mo>{}</mrow>", paren(arg))
}
#[inline(never)]
fn text(s: &str) -> String {
    format!("<mtext>{s}</mtext>")
}
/// A brace followed by one `value    condition` line per case.
#[inline(never)]
fn cases(lines: &[(String, String)]) -> String {
    let rows: String = lines
        .iter()
        .map(|(value, cond)| {
            format!(
                "<mtr><mtd columnalign=\"left\">{value}</mtd><mtd columnalign=\"left\">{cond}</mtd></mtr>"
            )
        })
        .collect();
    format!("<mrow><mo>{{</mo><mtable>{rows}</mtable></mrow>")
}
#[inline(never)]
fn math(lhs: &str, rhs: &str) -> String {
    format!("<math display=\"block\"><mrow>{lhs}<mo>=</mo>{rhs}</mrow></math>")
}

/// Conditions written once: `x > 0`, `otherwise`, ...
#[inline(never)]
fn cmp(op: &str, rhs: &str) -> String {
    row(&[&mi("x"), &mo(op), rhs])
}

impl Activation {
    /// `f(x) = ...` as a `<math>` element.
    pub fn formula_mathml(&self, style: Style) -> String {
        if let Activation::Custom { formula } = self {
            return formula.mathml();
        }
        math(&row(&[&mi("f"), &paren(&mi("x"))]), &self.formula_rhs(style).0)
    }

    /// `f′(x) = ...` as a `<math>` element. For a custom formula, its simplified symbolic
    /// derivative, or a sentence saying it is too long to write out (its values stay exact).
    pub fn derivative_formula_mathml(&self, style: Style) -> String {
        if let Activation::Custom { formula } = self {
            return formula.derivative_mathml().unwrap_or_else(|_| {
                let lhs = row(&[&mi("f′"), &paren(&mi("x"))]);
                math(&lhs, &text("too long to write out; its values are still exact"))
            });
        }
        math(&row(&[&mi("f′"), &paren(&mi("x"))]), &self.formula_rhs(style).1)
    }

    /// The `torch.nn` module with these parameters, e.g. `nn.LeakyReLU(negative_slope=0.2)`; for
    /// a custom formula, the Python source of a `class Custom(nn.Module)` with its imports,
    /// whose `forward` is the formula in torch operations.
    pub fn torch_snippet(&self) -> String {
        if let Activation::Custom { formula } = self {
            return formula.torch_module("Custom");
        }
        let class = info(self.id()).map_or("?", |i| i.torch_class);
        let py = |x: f64| {
            let s = format_number(x);
            if s.contains(['.', 'e', 'N', 'I']) {
                s
            } else {
                format!("{s}.0")
            }
        };
        let args: Vec<String> = match *self {
            Activation::Prelu { weight } => vec![format!("init={}", py(weight))],
            _ => self
                .params()
                .into_iter()
                .map(|(name, value)| match value {
                    ParamValue::Number(x) => format!("{name}={}", py(x)),
                    ParamValue::Choice(c) => format!("{name}='{c}'"),
                })
                .collect(),
        };
        let eval = if matches!(self, Activation::Rrelu { .. }) { ".eval()" } else { "" };
        format!("nn.{class}({}){eval}", args.join(", "))
    }

    /// Right-hand sides of f and f'.
    fn formula_rhs(&self, style: Style) -> (String, String) {
        use Activation::*;
        let info = info(self.id());
        // A parameter by name: its symbol, or its current value.
        let p = |name: &str| -> String {
            let symbol =
                info.and_then(|i| i.params.iter().find(|s| s.name == name)).map_or(name, |s| s.symbol);
            let value = self.params().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v);
            match (style, value) {
                (Style::Numeric, Some(ParamValue::Number(x))) => mn(x),
                _ => mi(symbol),
            }
        };
        let x = mi("x");
        let one = mn(1.0);
        let zero = mn(0.0);
        let otherwise = text("otherwise");
        let sigma = call("σ", &x);
        let linear_cases = |slope: String| {
            (
                cases(&[(x.clone(), cmp("&gt;", &zero)), (row(&[&slope, &mo("⋅"), &x]), otherwise.clone())]),
                cases(&[(one.clone(), cmp("&gt;", &zero)), (slope, otherwise.clone())]),
            )
        };
        let exp_cases = |scale: String, alpha: String, input_scale: Option<String>| {
            // A substituted alpha of 1 is left out: "1e^x" would read as a number.
            let alpha = if alpha == one { String::new() } else { alpha };
            let arg = match &input_scale {
                Some(s) => frac(&x, s),
                None => x.clone(),
            };
            let e = sup(&mi("e"), &arg);
            let neg = row(&[&scale, &alpha, &paren(&row(&[&e, &mo("−"), &one]))]);
            let dneg = match input_scale {
                Some(_) => e.clone(),
                None => row(&[&scale, &alpha, &e]),
            };
            (
                cases(&[(row(&[&scale, &x]), cmp("&gt;", &zero)), (neg, cmp("≤", &zero))]),
                cases(&[
                    (if scale.is_empty() { one.clone() } else { scale.clone() }, cmp("&gt;", &zero)),
                    (dneg, cmp("≤", &zero)),
                ]),
            )
        };
        let inside = |lo: String, hi: String| row(&[&lo, &mo("&lt;"), &x, &mo("&lt;"), &hi]);
        let abs_x = row(&[&mo("|"), &x, &mo("|")]);
        match *self {
            // Written by the formula module (`formula_mathml` returns before this).
            Custom { .. } => (String::new(), String::new()),
            Relu => (call("max", &row(&[&zero, &mo(","), &x])), linear_cases(zero.clone()).1),
            LeakyRelu { .. } => linear_cases(p("negative_slope")),
            Prelu { .. } => linear_cases(p("weight")),
            Rrelu { lower, upper } => linear_cases(match style {
                Style::Symbolic => frac(&row(&[&mi("l"), &mo("+"), &mi("u")]), &mn(2.0)),
                Style::Numeric => mn(0.5 * (lower + upper)),
            }),
            Elu { .. } => exp_cases(String::new(), p("alpha"), None),
            Celu { .. } => exp_cases(String::new(), p("alpha"), Some(p("alpha"))),
            Selu => exp_cases(mi("λ"), mi("α"), None),
            Gelu { approximate: GeluApproximate::None } => {
                (row(&[&x, &call("Φ", &x)]), row(&[&call("Φ", &x), &mo("+"), &x, &call("φ", &x)]))
            }
            Gelu { approximate: GeluApproximate::Tanh } => {
                let u = row(&[
                    &mi("u"),
                    &mo("="),
                    &format!("<msqrt>{}</msqrt>", frac(&mn(2.0), &mi("π"))),
                    &paren(&row(&[&x, &mo("+"), &mn(0.044715), &sup(&x, &mn(3.0))])),
                ]);
                let half = frac(&one, &mn(2.0));
                (
                    row(&[
                        &half,
                        &x,
                        &paren(&row(&[&one, &mo("+"), &call("tanh", &mi("u"))])),
                        &mo(","),
                        &mspace(),
                        &u,
                    ]),
                    row(&[
                        &half,
                        &paren(&row(&[&one, &mo("+"), &call("tanh", &mi("u"))])),
                        &mo("+"),
                        &half,
                        &x,
                        &sup(&mi("sech"), &mn(2.0)),
                        &paren(&mi("u")),
                        &mi("u′"),
                    ]),
                )
            }
            Silu => (
                row(&[&x, &sigma]),
                row(&[&sigma, &paren(&row(&[&one, &mo("+"), &x, &paren(&row(&[&one, &mo("−"), &sigma]))]))]),
            ),
            Mish => {
                let sp = call("softplus", &x);
                (
                    row(&[&x, &call("tanh", &sp)]),
                    row(&[
                        &call("tanh", &sp),
                        &mo("+"),
                        &x,
                        &sup(&mi("sech"), &mn(2.0)),
                        &paren(&sp),
                        &sigma,
                    ]),
                )
            }
            Softplus { .. } => {
                let bx = row(&[&p("beta"), &x]);
                let small = cmp("≤", &frac(&p("threshold"), &p("beta")));
                (
                    cases(&[
                        (
                            row(&[
                                &frac(&one, &p("beta")),
                                &call("ln", &row(&[&one, &mo("+"), &sup(&mi("e"), &bx)])),
                            ]),
                            small.clone(),
                        ),
                        (x.clone(), otherwise.clone()),
                    ]),
                    cases(&[(call("σ", &bx), small), (one.clone(), otherwise.clone())]),
                )
            }
            Sigmoid => (
                frac(&one, &row(&[&one, &mo("+"), &sup(&mi("e"), &row(&[&mo("−"), &x]))])),
                row(&[&sigma, &paren(&row(&[&one, &mo("−"), &sigma]))]),
            ),
            Tanh => (call("tanh", &x), row(&[&one, &mo("−"), &sup(&mi("tanh"), &mn(2.0)), &paren(&x)])),
            Relu6 => (
                call("min", &row(&[&call("max", &row(&[&zero, &mo(","), &x])), &mo(","), &mn(6.0)])),
                cases(&[(one.clone(), inside(zero.clone(), mn(6.0))), (zero.clone(), otherwise.clone())]),
            ),
            Hardtanh { .. } => (
                cases(&[
                    (p("min_val"), cmp("&lt;", &p("min_val"))),
                    (p("max_val"), cmp("&gt;", &p("max_val"))),
                    (x.clone(), otherwise.clone()),
                ]),
                cases(&[
                    (one.clone(), inside(p("min_val"), p("max_val"))),
                    (zero.clone(), otherwise.clone()),
                ]),
            ),
            Hardsigmoid => (
                cases(&[
                    (zero.clone(), cmp("≤", &mn(-3.0))),
                    (one.clone(), cmp("≥", &mn(3.0))),
                    (row(&[&frac(&x, &mn(6.0)), &mo("+"), &frac(&one, &mn(2.0))]), otherwise.clone()),
                ]),
                cases(&[
                    (frac(&one, &mn(6.0)), inside(mn(-3.0), mn(3.0))),
                    (zero.clone(), otherwise.clone()),
                ]),
            ),
            Hardswish => (
                cases(&[
                    (zero.clone(), cmp("≤", &mn(-3.0))),
                    (x.clone(), cmp("≥", &mn(3.0))),
                    (frac(&row(&[&x, &paren(&row(&[&x, &mo("+"), &mn(3.0)]))]), &mn(6.0)), otherwise.clone()),
                ]),
                cases(&[
                    (zero.clone(), cmp("&lt;", &mn(-3.0))),
                    (one.clone(), cmp("&gt;", &mn(3.0))),
                    (row(&[&frac(&x, &mn(3.0)), &mo("+"), &frac(&one, &mn(2.0))]), otherwise.clone()),
                ]),
            ),
            Softsign => (
                frac(&x, &row(&[&one, &mo("+"), &abs_x])),
                frac(&one, &sup(&paren(&row(&[&one, &mo("+"), &abs_x])), &mn(2.0))),
            ),
            Logsigmoid => (
                row(&[&mo("−"), &call("ln", &row(&[&one, &mo("+"), &sup(&mi("e"), &row(&[&mo("−"), &x]))]))]),
                row(&[&one, &mo("−"), &sigma]),
            ),
            Tanhshrink => {
                (row(&[&x, &mo("−"), &call("tanh", &x)]), row(&[&sup(&mi("tanh"), &mn(2.0)), &paren(&x)]))
            }
            Hardshrink { .. } => (
                cases(&[
                    (x.clone(), row(&[&abs_x, &mo("&gt;"), &p("lambd")])),
                    (zero.clone(), otherwise.clone()),
                ]),
                cases(&[
                    (one.clone(), row(&[&abs_x, &mo("&gt;"), &p("lambd")])),
                    (zero.clone(), otherwise.clone()),
                ]),
            ),
            Softshrink { .. } => (
                cases(&[
                    (row(&[&x, &mo("−"), &p("lambd")]), cmp("&gt;", &p("lambd"))),
                    (row(&[&x, &mo("+"), &p("lambd")]), row(&[&x, &mo("&lt;"), &mo("−"), &p("lambd")])),
                    (zero.clone(), otherwise.clone()),
                ]),
                cases(&[(one.clone(), row(&[&abs_x, &mo("&gt;"), &p("lambd")])), (zero.clone(), otherwise)]),
            ),
        }
    }
}

#[inline(never)]
fn mspace() -> String {
    "<mspace width=\"1em\"/>".into()
}
