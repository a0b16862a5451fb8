//! Tests of the internals: the compiled program against the arena evaluator, its stack bound,
//! and the symbolic derivative evaluated against the dual numbers.

use super::dual;
use super::*;

const CORPUS: &[&str] = &[
    "x * sigmoid(1.702 * x)",
    "x * tanh(softplus(x))",
    "relu(x)^2",
    "where(x > 0, x, 0.1 * (exp(x) - 1))",
    "x^x",
    "2^-x^2 / (1 + x^2)",
    "(x - 1) / (x + 2) - (3 - x) * (x - 4)",
    "where(x^2 < 1 + x, sin(x) * cos(x), tan(x / 3))",
    "max(x, x^2 - 1) + min(abs(x), 0.5) - erf(x) * log1p(x^2) + expm1(x / 4)",
    "sqrt(x^2 + 1) - log(exp(x) + 1)",
    "leaky_relu(x, 0.2) * elu(x, 1.5) + gelu(x) - gelu_tanh(x) + hardswish(x) * celu(x, 0.5)",
    "softplus(x, 2, 5) + hardtanh(x, -0.5, 2) + rrelu(x, 0.1, 0.3) + prelu(x) + selu(x) + mish(x) + silu(x)",
    "-(-(-x)) * pi - e",
    "where(x <= 0, where(x >= -1, -x, 1), where(x < 1, x^3, 1))",
];

fn xs() -> Vec<f64> {
    (-60..=60).map(|i| f64::from(i) / 10.0 + 0.013).collect()
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn compiled_program_matches_the_arena_evaluator_bit_for_bit() {
    for text in CORPUS {
        let f = Formula::parse(text).unwrap();
        for x in xs() {
            let reference = *dual::duals(&f.nodes, x).last().unwrap();
            let (v, d) = f.eval_dual(x);
            assert!(same(v, reference.v) && same(d, reference.d), "{text} at {x}: {v}, {d} vs {reference:?}");
            assert!(same(f.eval(x), *dual::values(&f.nodes, x).last().unwrap()));
        }
    }
}

#[test]
fn the_stack_stays_small_for_the_largest_formulas() {
    // A balanced sum of 2^8 x's, the shape that needs the most registers per node.
    let mut balanced = "x".to_owned();
    for _ in 0..7 {
        balanced = format!("({balanced}+{balanced})");
    }
    let chained_where = format!("{}x{}", "where(x<x,x,".repeat(70), ")".repeat(70));
    for text in [balanced, chained_where, format!("x{}", "^x".repeat(499)), format!("{}x", "-".repeat(999))] {
        let f = Formula::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        assert!(f.eval_dual(0.7).0.is_finite(), "{text}");
    }
}

#[test]
fn symbolic_derivative_evaluates_to_the_dual_derivative() {
    for text in CORPUS {
        let f = Formula::parse(text).unwrap();
        let derivative = symbolic::derivative(&f.nodes).unwrap();
        for x in xs() {
            let (_, d) = f.eval_dual(x);
            let shown = *dual::values(&derivative, x).last().unwrap();
            if d.is_finite() && shown.is_finite() {
                assert!((d - shown).abs() <= 1e-9 * d.abs().max(1.0), "{text} at {x}: {d} vs {shown}");
            }
        }
    }
}

#[test]
fn parameter_expressions_leave_no_nodes_behind() {
    let folded = Formula::parse("leaky_relu(x, 0.1 * 2 + sqrt(0))").unwrap();
    assert_eq!(folded, Formula::parse("leaky_relu(x, 0.2)").unwrap());
    assert_eq!(folded.nodes.len(), 2);
}
