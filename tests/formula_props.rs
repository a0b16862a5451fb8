//! Property tests of the formula language, and its fuzz target: cargo-fuzz is not installed here
//! (nightly is, `cargo fuzz` is not), so the parser is fuzzed by proptest with a large case count
//! instead.
#![cfg(not(target_arch = "wasm32"))]

use actviz::formula::Formula;
use proptest::prelude::*;

/// Well-formed formulas as text: every construct of the grammar, a few levels deep.
fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => Just("x".to_owned()),
        1 => Just("pi".to_owned()),
        1 => Just("e".to_owned()),
        2 => (0u32..40).prop_map(|n| format!("{}", f64::from(n) / 8.0)),
        1 => (1u32..9, -3i32..4).prop_map(|(m, p)| format!("{m}e{p}")),
    ];
    leaf.prop_recursive(5, 48, 3, |inner| {
        let unary = prop::sample::select(vec![
            "exp",
            "log",
            "log1p",
            "expm1",
            "sqrt",
            "abs",
            "sin",
            "cos",
            "tan",
            "tanh",
            "sigmoid",
            "softplus",
            "erf",
            "relu",
            "leaky_relu",
            "elu",
            "gelu",
            "gelu_tanh",
            "silu",
            "mish",
            "selu",
            "celu",
            "softsign",
            "hardswish",
            "hardsigmoid",
            "relu6",
            "logsigmoid",
            "tanhshrink",
            "softshrink",
            "hardshrink",
        ]);
        let cmp = prop::sample::select(vec!["<", "<=", ">", ">="]);
        prop_oneof![
            (inner.clone(), prop::sample::select(vec!["+", "-", "*", "/", "^"]), inner.clone())
                .prop_map(|(a, op, b)| format!("({a}) {op} ({b})")),
            inner.clone().prop_map(|a| format!("-({a})")),
            (unary, inner.clone()).prop_map(|(f, a)| format!("{f}({a})")),
            (prop::sample::select(vec!["min", "max"]), inner.clone(), inner.clone())
                .prop_map(|(f, a, b)| format!("{f}({a}, {b})")),
            (inner.clone(), cmp, inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(l, c, r, a, b)| format!("where(({l}) {c} ({r}), {a}, {b})")),
            (inner.clone(), 0u32..10).prop_map(|(a, s)| format!("leaky_relu({a}, {})", f64::from(s) / 10.0)),
            (inner, 1u32..30).prop_map(|(a, s)| format!("elu({a}, {} / 10)", s)),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Away from kinks (where the derivative jumps within the step) and overflow, the exact
    /// derivative matches a central difference.
    #[test]
    fn derivative_matches_a_central_difference(text in expression(), x in -4.0f64..4.0) {
        let Ok(f) = Formula::parse(&text) else { return Err(TestCaseError::fail(format!("{text} refused"))) };
        let (v, d) = f.eval_dual(x);
        let h = 1e-5;
        let (lo, hi) = (f.eval_dual(x - h), f.eval_dual(x + h));
        let smooth = [v, d, lo.0, lo.1, hi.0, hi.1].iter().all(|t| t.is_finite() && t.abs() < 1e6)
            && (hi.1 - lo.1).abs() <= 1e-2 * d.abs().max(1.0);
        prop_assume!(smooth);
        let central = (hi.0 - lo.0) / (2.0 * h);
        let tolerance = 1e-5 * d.abs().max(1.0) + 1e-8 * v.abs().max(1.0) / h;
        prop_assert!((central - d).abs() <= tolerance, "{text} at {x}: exact {d}, central {central}");
    }

    /// Printing then parsing gives the same tree, and printing is a fixed point.
    #[test]
    fn printing_then_parsing_gives_the_same_tree(text in expression()) {
        let f = Formula::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let printed = f.to_string();
        let again = Formula::parse(&printed).map_err(|e| TestCaseError::fail(format!("{printed}: {e}")))?;
        prop_assert_eq!(&again, &f, "{} printed as {}", text, printed);
        prop_assert_eq!(again.to_string(), printed);
        let (a, b) = (f.eval_dual(0.3), again.eval_dual(0.3));
        prop_assert!(a == b || (a.0.is_nan() || a.1.is_nan()), "{text}: {a:?} vs {b:?}");
    }

    /// The array paths agree with the scalar ones bit for bit.
    #[test]
    fn arrays_agree_with_scalars(text in expression(), xs in prop::collection::vec(-5.0f64..5.0, 0..40)) {
        let f = Formula::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let (mut values, mut derivatives) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
        f.eval_many(&xs, &mut values);
        f.derivative_many(&xs, &mut derivatives);
        for (i, &x) in xs.iter().enumerate() {
            let (v, d) = f.eval_dual(x);
            prop_assert!(same(values[i], v) && same(derivatives[i], d) && same(f.eval(x), v), "{text} at {x}");
        }
    }
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// Exercises every entry point of an accepted formula (none may panic).
fn use_all(f: &Formula) {
    let _ = (f.eval(0.5), f.eval_dual(-1.5), f.to_torch(), f.mathml(), f.derivative_mathml(), f.uses_x());
    let _ = f.kinks(-3.0, 3.0);
    let printed = f.to_string();
    assert_eq!(Formula::parse(&printed).as_ref(), Ok(f), "{printed}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// The fuzz target: any string from the grammar's alphabet gives Ok or a clean error whose
    /// position lies within the text.
    #[test]
    fn any_grammar_like_string_gives_ok_or_a_clean_error(text in "[x0-9.eE+*/^()<>=, _a-z\\-]{0,40}") {
        match Formula::parse(&text) {
            Ok(f) => use_all(&f),
            Err(e) => {
                prop_assert!(e.position <= text.chars().count() && !e.message.is_empty(), "{text:?}: {e:?}");
                prop_assert!(!e.message.chars().any(char::is_control), "{text:?}: {e:?}");
            }
        }
    }

    /// The same for arbitrary Unicode, control characters included.
    #[test]
    fn any_string_gives_ok_or_a_clean_error(text in any::<String>()) {
        match Formula::parse(&text) {
            Ok(f) => use_all(&f),
            Err(e) => prop_assert!(e.position <= text.chars().count() && !e.message.chars().any(char::is_control)),
        }
    }
}
