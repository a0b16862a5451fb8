//! The formula language: values and exact derivatives of the issue's examples against mpmath,
//! the text, torch and MathML forms, and the symbolic derivative.

use actviz::formula::{Formula, EXAMPLES};

fn parse(text: &str) -> Formula {
    Formula::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// `(x, f(x), f′(x))`.
type Row = (f64, f64, f64);

/// (formula, [(x, f(x), f'(x))]) from mpmath 1.3.0 at 40 digits, each constant the f64 nearest
/// its decimal (mpf(1.702)); derivatives by mpmath.diff, away from the kinks:
///
/// ```python
/// from mpmath import mp, mpf, exp, log, tanh, diff
/// mp.dps = 40
/// sig = lambda t: 1 / (1 + exp(-t))
/// fs = [
///     ("x * sigmoid(1.702 * x)", lambda x: x * sig(mpf(1.702) * x)),
///     ("x * tanh(softplus(x))", lambda x: x * tanh(log(1 + exp(x)))),
///     ("relu(x)^2", lambda x: max(x, 0) ** 2),
///     ("where(x > 0, x, 0.1 * (exp(x) - 1))", lambda x: x if x > 0 else mpf(0.1) * (exp(x) - 1)),
/// ]
/// for text, f in fs:
///     for x in [-2.5, -0.75, 0.5, 1.25, 3.0]:
///         x = mpf(x)
///         print(float(x), mp.nstr(f(x), 20), mp.nstr(diff(f, x), 20))
/// ```
#[allow(clippy::excessive_precision)] // the digits as mpmath printed them
const REFERENCES: &[(&str, &[Row])] = &[
    (
        "x * sigmoid(1.702 * x)",
        &[
            (-2.5, -0.034986165048570078111, -0.044718666081374460757),
            (-0.75, -0.16360994246536217192, 0.00042846653314254135551),
            (0.5, 0.35038843660638012093, 0.87922191196541426361),
            (1.25, 1.1169343014431693178, 1.0959161167499618322),
            (3.0, 2.9819286902922140312, 1.0245483239056523511),
        ],
    ),
    (
        "x * tanh(softplus(x))",
        &[
            (-2.5, -0.19681620390653333821, -0.10974357275018568832),
            (-0.75, -0.27649471450546517952, 0.16074574049983868357),
            (0.5, 0.37524521130489510482, 0.88642437535772725845),
            (1.25, 1.1318703042410390972, 1.0804630931482311179),
            (3.0, 2.9865350049679573191, 1.0211069109294437727),
        ],
    ),
    (
        "relu(x)^2",
        &[(-2.5, 0.0, 0.0), (-0.75, 0.0, 0.0), (0.5, 0.25, 1.0), (1.25, 1.5625, 2.5), (3.0, 9.0, 6.0)],
    ),
    (
        "where(x > 0, x, 0.1 * (exp(x) - 1))",
        &[
            (-2.5, -0.091791500137610125578, 0.0082084998623898799726),
            (-0.75, -0.052763344725898532215, 0.047236655274101473336),
            (0.5, 0.5, 1.0),
            (1.25, 1.25, 1.0),
            (3.0, 3.0, 1.0),
        ],
    ),
];

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-12 * want.abs().max(1.0)
}

#[test]
fn examples_match_mpmath_in_value_and_derivative_on_every_path() {
    for (text, rows) in REFERENCES {
        let f = parse(text);
        let xs: Vec<f64> = rows.iter().map(|r| r.0).collect();
        let (mut values, mut derivatives) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
        f.eval_many(&xs, &mut values);
        f.derivative_many(&xs, &mut derivatives);
        for (i, &(x, value, derivative)) in rows.iter().enumerate() {
            let (v, d) = f.eval_dual(x);
            assert!(close(v, value) && close(f.eval(x), value), "{text} at {x}: {v} vs {value}");
            assert!(close(d, derivative), "{text}' at {x}: {d} vs {derivative}");
            assert_eq!((values[i], derivatives[i]), (v, d), "{text} at {x}: arrays differ from scalars");
            let (mut y, mut g) = ([0.0f32], [1.0f32]);
            f.forward_f32(&[x as f32], &mut y);
            f.backward_f32(&[x as f32], &mut g);
            assert!((f64::from(y[0]) - value).abs() < 1e-6 && (f64::from(g[0]) - derivative).abs() < 1e-6);
        }
    }
}

#[test]
fn every_example_is_canonical_and_has_reference_values() {
    for example in EXAMPLES {
        assert_eq!(parse(example.formula).to_string(), example.formula);
        assert!(REFERENCES.iter().any(|(text, _)| *text == example.formula), "{}", example.label);
    }
}

#[test]
fn a_formula_of_a_catalogue_activation_is_that_activation() {
    use actviz::activation::Activation;
    let pairs = [
        ("relu(x)", Activation::Relu),
        ("leaky_relu(x, 0.2)", Activation::LeakyRelu { negative_slope: 0.2 }),
        ("elu(x, 1.5)", Activation::Elu { alpha: 1.5 }),
        ("gelu(x)", Activation::default_for("gelu").unwrap()),
        ("softplus(x, 2, 10)", Activation::Softplus { beta: 2.0, threshold: 10.0 }),
        ("hardtanh(x, -2, 2 * 1.5)", Activation::Hardtanh { min_val: -2.0, max_val: 3.0 }),
    ];
    for (text, activation) in pairs {
        let f = parse(text);
        for i in -40..=40 {
            let x = f64::from(i) / 8.0;
            assert_eq!(f.eval_dual(x), (activation.value(x), activation.derivative(x)), "{text} at {x}");
        }
    }
    let tanh_gelu = Activation::from_params(
        "gelu",
        &[("approximate", actviz::activation::ParamValue::Choice("tanh".into()))],
    )
    .unwrap();
    assert_eq!(parse("gelu_tanh(x)").eval(0.7), tanh_gelu.value(0.7));
}

#[test]
fn kinks_follow_autograd() {
    // torch: abs'(0) = sgn(0) = 0; relu'(0) = 0; maximum/minimum split a tie in half.
    assert_eq!(parse("abs(x)").eval_dual(0.0), (0.0, 0.0));
    assert_eq!(parse("relu(x)").eval_dual(0.0), (0.0, 0.0));
    assert_eq!(parse("max(x, 0)").eval_dual(0.0), (0.0, 0.5));
    assert_eq!(parse("min(x, 2 * x)").eval_dual(0.0), (0.0, 1.5));
    assert_eq!(parse("max(x, 0)").eval_dual(-1.0), (0.0, 0.0));
    assert_eq!(parse("where(x >= 0, x^2, -x)").eval_dual(0.0), (0.0, 0.0));
    assert_eq!(parse("where(x > 0, x^2, -x)").eval_dual(0.0), (0.0, -1.0));
    // The branch not taken does not poison the derivative.
    assert_eq!(parse("where(x > 0, sqrt(x), 0)").eval_dual(-1.0), (0.0, 0.0));
    assert_eq!(parse("sqrt(x)").eval_dual(0.0), (0.0, f64::INFINITY));
    // A constant factor does not turn an infinite derivative into NaN.
    assert_eq!(parse("exp(x) * 2").eval_dual(1000.0), (f64::INFINITY, f64::INFINITY));
}

#[test]
fn printing_is_canonical_and_parses_back() {
    let cases = [
        ("x*sigmoid(1.702*x)", "x * sigmoid(1.702 * x)"),
        ("-x^2", "-x^2"),
        ("(-x)^2", "(-x)^2"),
        ("2^-x", "2^-x"),
        ("(2^3)^x", "(2^3)^x"),
        ("2^3^x", "2^3^x"),
        ("x - (x - 1)", "x - (x - 1)"),
        ("(x - x) - 1", "x - x - 1"),
        ("x / (2 * x)", "x / (2 * x)"),
        ("leaky_relu(x, 0.1 * 2)", "leaky_relu(x, 0.2)"),
        ("leaky_relu(x, 0.01)", "leaky_relu(x)"),
        ("hardtanh(x, -2)", "hardtanh(x, -2)"),
        ("where((x <= 1e-7), pi, e)", "where(x <= 1e-7, pi, e)"),
        ("gelu_tanh(x)", "gelu_tanh(x)"),
    ];
    for (text, canonical) in cases {
        let f = parse(text);
        assert_eq!(f.to_string(), canonical, "{text}");
        assert_eq!(parse(canonical), f, "{canonical}");
    }
}

#[test]
fn torch_form_uses_torch_operations() {
    let cases = [
        ("x * sigmoid(1.702 * x)", "x * torch.sigmoid(1.702 * x)"),
        ("x * tanh(softplus(x))", "x * torch.tanh(F.softplus(x))"),
        ("where(x > 0, x, 0.1 * (exp(x) - 1))", "torch.where(x > 0.0, x, 0.1 * (torch.exp(x) - 1.0))"),
        ("leaky_relu(x, 0.2) + relu(x)^2", "F.leaky_relu(x, negative_slope=0.2) + F.relu(x) ** 2.0"),
        ("max(x, 0) * pi", "torch.maximum(x, torch.full_like(x, 0.0)) * math.pi"),
        ("min(-1, x)", "torch.minimum(torch.full_like(x, -1.0), x)"),
        ("sqrt(2) * x + gelu_tanh(x)", "1.4142135623730951 * x + F.gelu(x, approximate='tanh')"),
        ("where(1 > 0, x, exp(x))", "x"),
        ("-x^2 + prelu(x, 0.3)", "-x ** 2.0 + F.leaky_relu(x, negative_slope=0.3)"),
        (
            "x * (1 / 0) + (-8)^(1 / 3) * x + 2 * pi * x",
            "x * float('inf') + float('nan') * x + 6.283185307179586 * x",
        ),
        ("-2 * x + e^x", "-2.0 * x + math.e ** x"),
    ];
    for (text, torch) in cases {
        assert_eq!(parse(text).to_torch(), torch, "{text}");
    }
    let module = parse("x * tanh(softplus(x))").torch_module("Mish");
    assert!(
        module.contains("class Mish(nn.Module):") && module.contains("return x * torch.tanh(F.softplus(x))")
    );
    assert!(parse("x").torch_module("bad name()").contains("class Custom(nn.Module):"));
}

#[test]
fn derivative_is_simplified_and_capped() {
    let cases = [
        ("x^2", "2 * x"),
        ("3 * x + 1", "3"),
        ("x^3 / 3", "x^2"),
        ("exp(2 * x)", "2 * exp(2 * x)"),
        ("x * tanh(softplus(x))", "tanh(softplus(x)) + x * (1 - tanh(softplus(x))^2) * sigmoid(x)"),
        ("where(x > 0, x, 0.1 * (exp(x) - 1))", "where(x > 0, 1, 0.1 * exp(x))"),
        ("abs(x)", "sgn(x)"),
        ("relu(x)^2", "2 * relu(x) * relu′(x)"),
        ("-x", "-1"),
        ("sin(x)", "cos(x)"),
        ("-(x - 1)^2", "-2 * (x - 1)"),
        ("x^2 / (1 + x)", "(2 * x * (1 + x) - x^2) / (1 + x)^2"),
        ("cos(3 * x)", "-3 * sin(3 * x)"),
    ];
    let got: Vec<String> = cases.iter().map(|(text, _)| parse(text).derivative_text().unwrap()).collect();
    let want: Vec<&str> = cases.iter().map(|(_, d)| *d).collect();
    assert_eq!(got, want);
    let tower = parse(&format!("x{}", "^x".repeat(30)));
    let e = tower.derivative_mathml().unwrap_err();
    assert!(e.message.starts_with("the derivative is too long to display"), "{}", e.message);
    assert!(tower.eval_dual(1.1).1.is_finite());
}

#[test]
fn mathml_is_built_from_escaped_tokens() {
    let f = parse("where(x < 0, 0.1 * (exp(x) - 1), x^2 / sqrt(x))");
    let m = f.mathml();
    assert!(m.starts_with("<math display=\"block\"><mrow><mi>f</mi>"), "{m}");
    assert!(
        m.contains("<mo>&lt;</mo>")
            && m.contains("<msqrt>")
            && m.contains("<mfrac>")
            && m.contains("<mtable>")
    );
    assert!(!m.contains("<mo><</mo>"));
    let d = f.derivative_mathml().unwrap();
    assert!(d.contains("<mi>f′</mi>"), "{d}");
    let leaky = parse("leaky_relu(x, 0.2)").mathml();
    assert!(leaky.contains("<mi>leaky_relu</mi>") && leaky.contains("<mn>0.2</mn>"), "{leaky}");
}

#[test]
fn kinks_are_where_a_branch_switches() {
    assert_eq!(parse("relu(x)^2").kinks(-4.0, 4.0), vec![0.0]);
    assert_eq!(parse("x * tanh(softplus(x))").kinks(-4.0, 4.0), Vec::<f64>::new());
    assert_eq!(parse("hardtanh(x, -2, 2) + abs(x - 1)").kinks(-4.0, 4.0), vec![-2.0, 1.0, 2.0]);
    let third = parse("where(3 * x > 1, x, 0) + max(x^2, 2)").kinks(-5.0, 5.0);
    let expected = [-std::f64::consts::SQRT_2, 1.0 / 3.0, std::f64::consts::SQRT_2];
    assert_eq!(third.len(), 3, "{third:?}");
    for (got, want) in third.iter().zip(expected) {
        assert!((got - want).abs() < 1e-15, "{third:?}");
    }
    assert!(parse("where(x < x, 1, x)").kinks(-1.0, 1.0).is_empty());
    assert!(parse("abs(x)").kinks(1.0, f64::NAN).is_empty());
    assert_eq!(parse("abs(x - 1)").kinks(-f64::MAX, f64::MAX), vec![1.0]);
}
