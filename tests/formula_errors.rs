//! The formula language refuses what is not its grammar: error messages name the position and
//! what was expected; the length and nesting limits hold; hostile inputs end quickly, without
//! recursion, and the deepest formulas the limits allow work through every entry point.

use actviz::formula::{Formula, FormulaError, MAX_CHARS, MAX_NESTING};

fn parse(text: &str) -> Formula {
    Formula::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn error(text: &str) -> FormulaError {
    match Formula::parse(text) {
        Ok(f) => panic!("{text:?} parsed as {f}"),
        Err(e) => e,
    }
}

#[test]
fn errors_name_the_position_and_what_was_expected() {
    let cases: &[(&str, usize, &str)] = &[
        ("x +", 3, "unexpected end after \"+\" at 3"),
        ("foo(x)", 0, "unknown function \"foo\" at 0; known: exp, log, log1p, expm1, sqrt, abs, sin, cos, tan, erf, min, max, where, relu, leaky_relu,"),
        ("where(x > 0, x)", 0, "where takes 3 arguments, got 2"),
        ("", 0, "empty formula"),
        ("   ", 0, "empty formula"),
        ("y", 0, "unknown name \"y\" at 0"),
        ("constructor", 0, "unknown name \"constructor\" at 0"),
        ("__proto__ + 1", 0, "unknown name \"__proto__\" at 0"),
        ("x; 1", 1, "unexpected character \";\" at 1"),
        ("$x", 0, "unexpected character \"$\" at 0"),
        ("x ** 2", 3, "unexpected \"*\" at 3; expected a number, x, pi, e, a function or \"(\"; powers are written x^2"),
        ("<b>x</b>", 0, "unexpected \"<\" at 0"),
        ("x\u{7}", 1, "unexpected character U+0007 at 1"),
        ("x > 0", 2, "comparison \">\" at 2 is allowed only as the condition of where"),
        ("where(x, 1, 2)", 6, "the condition of where at 6 must be a comparison"),
        ("where(0 < x < 1, 1, 2)", 8, "comparison \"<\" at 8"),
        ("2x", 1, "unexpected \"x\" at 1; expected an operator or the end; write * to multiply"),
        ("relu(x", 6, "unexpected end at 6; \"(\" at 4 is not closed"),
        ("x)", 1, "unexpected \")\" at 1; no \"(\" is open"),
        ("relu()", 0, "relu takes 1 argument, got 0"),
        ("leaky_relu(x, 0.1, 2)", 0, "leaky_relu takes 1 to 2 arguments (x, negative_slope), got 3"),
        ("leaky_relu(x, x)", 14, "leaky_relu: negative_slope must be a constant"),
        ("softplus(x, -1)", 12, "softplus: beta must be greater than 0, got -1 at 12"),
        ("elu(x, 1e9)", 7, "elu: alpha must be between -1000000 and 1000000, got 1000000000 at 7"),
        ("elu(x, log(-1))", 7, "elu: alpha must be a finite number, got NaN at 7"),
        ("exp + 1", 0, "exp at 0 is a function; write exp(x)"),
        ("x(2)", 0, "x at 0 is not a function"),
        ("1e999 * x", 0, "number \"1e999\" at 0 is too large"),
        ("x, 1", 1, "unexpected \",\" at 1"),
        ("x == 1", 2, "unexpected character \"=\" at 2"),
        ("+x", 0, "unexpected \"+\" at 0"),
        ("é", 0, "unexpected character U+00E9 at 0"),
    ];
    for &(text, position, start) in cases {
        let e = error(text);
        assert!(
            e.message.starts_with(start),
            "{text:?}: {:?}, expected it to start with {start:?}",
            e.message
        );
        assert_eq!(e.position, position, "{text:?}: {}", e.message);
        assert_eq!(e.to_string(), e.message);
    }
}

#[test]
fn limits_are_refused_quickly_without_recursion() {
    let long = format!("x{}", " + x".repeat(MAX_CHARS));
    assert!(error(&long).message.contains("at most 1000"));
    assert!(Formula::parse(&"x+".repeat(499).chars().chain(['x']).collect::<String>()).is_ok());
    let nested = |depth: usize| format!("{}x{}", "(".repeat(depth), ")".repeat(depth));
    assert!(Formula::parse(&nested(MAX_NESTING)).is_ok());
    let e = error(&nested(MAX_NESTING + 1));
    assert_eq!((e.position, e.message.as_str()), (MAX_NESTING, "nesting deeper than 100 levels at 100"));
    let calls = format!("{}x{}", "exp(".repeat(MAX_NESTING + 1), ")".repeat(MAX_NESTING + 1));
    assert!(error(&calls).message.starts_with("nesting deeper than 100 levels"));
    let start = std::time::Instant::now();
    for hostile in [
        "(".repeat(100_000),
        format!("{}x", "-".repeat(100_000)),
        format!("x{}", "^x".repeat(50_000)),
        format!("{}x", "-".repeat(998)),
    ] {
        let _ = Formula::parse(&hostile);
    }
    // The deepest trees the limits allow: every walk is a loop.
    for deep in
        [format!("{}x", "-".repeat(999)), format!("x{}", "^x".repeat(499)), format!("x{}", "+x".repeat(499))]
    {
        let f = parse(&deep);
        let _ = (f.eval_dual(0.5), f.to_string(), f.to_torch(), f.mathml(), f.derivative_mathml());
        assert_eq!(parse(&f.to_string()), f);
    }
    assert!(start.elapsed().as_secs() < 10, "hostile inputs took {:?}", start.elapsed());
}
