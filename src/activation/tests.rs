//! Unit tests of kink conventions, validation messages, metadata and formulas. Reference values
//! against mpmath live in `tests/reference_values.rs`.

use super::formula::Style;
use super::*;

fn build(id: &str, params: &[(&str, f64)]) -> Result<Activation, ActivationError> {
    let params: Vec<(&str, ParamValue)> = params.iter().map(|&(n, v)| (n, ParamValue::Number(v))).collect();
    Activation::from_params(id, &params)
}

#[test]
fn every_catalogue_entry_builds_with_defaults_and_round_trips_its_id() {
    for info in catalogue() {
        let a = Activation::default_for(info.id).unwrap();
        assert_eq!(a.id(), info.id);
        assert_eq!(a.params().len(), info.params.len(), "{}", info.id);
    }
    assert_eq!(catalogue().len(), 23);
}

#[test]
fn huge_finite_inputs_give_numbers_not_nan() {
    // Products such as x · σ(−2u) · u'(x) meet 0 · ∞ this far out unless the tails are handled.
    let ids = catalogue().iter().map(|info| info.id).chain(["gelu_tanh"]);
    for id in ids {
        let a = match id {
            "gelu_tanh" => Activation::Gelu { approximate: GeluApproximate::Tanh },
            id => Activation::default_for(id).unwrap(),
        };
        for x in [f64::MAX, 1e300, 1e200, 1.5e154, 1e100, 1e20, 50.0] {
            for x in [x, -x] {
                assert!(!a.value(x).is_nan(), "{id}: f({x}) is NaN");
                assert!(!a.derivative(x).is_nan(), "{id}: f'({x}) is NaN");
            }
        }
    }
    let gelu_tanh = Activation::Gelu { approximate: GeluApproximate::Tanh };
    assert_eq!((gelu_tanh.derivative(f64::MAX), gelu_tanh.derivative(-f64::MAX)), (1.0, 0.0));
}

#[test]
fn derivatives_at_kinks_follow_pytorch_autograd() {
    let d = |id: &str, params: &[(&str, f64)], x: f64| build(id, params).unwrap().derivative(x);
    assert_eq!(d("relu", &[], 0.0), 0.0);
    assert_eq!(d("leaky_relu", &[("negative_slope", 0.2)], 0.0), 0.2);
    assert_eq!(d("prelu", &[], 0.0), 0.25);
    assert_eq!(d("rrelu", &[("lower", 0.1), ("upper", 0.3)], 0.0), 0.2);
    assert_eq!(d("elu", &[("alpha", 0.5)], 0.0), 0.5);
    assert_eq!(d("celu", &[("alpha", 2.0)], 0.0), 1.0);
    assert_eq!(d("selu", &[], 0.0), SELU_SCALE * SELU_ALPHA);
    assert_eq!(d("relu6", &[], 0.0), 0.0);
    assert_eq!(d("relu6", &[], 6.0), 0.0);
    assert_eq!(d("hardtanh", &[], -1.0), 0.0);
    assert_eq!(d("hardtanh", &[], 1.0), 0.0);
    assert_eq!(d("hardsigmoid", &[], -3.0), 0.0);
    assert_eq!(d("hardsigmoid", &[], 3.0), 0.0);
    assert_eq!(d("hardswish", &[], -3.0), -0.5);
    assert_eq!(d("hardswish", &[], 3.0), 1.5);
    assert_eq!(d("hardshrink", &[], 0.5), 0.0);
    assert_eq!(d("softshrink", &[], -0.5), 0.0);
    assert_eq!(d("softplus", &[("beta", 2.0)], 10.5), 1.0);
}

#[test]
fn relu_of_negative_infinity_is_positive_zero() {
    let relu = Activation::Relu;
    assert_eq!(relu.value(f64::NEG_INFINITY).to_bits(), 0.0f64.to_bits());
    assert_eq!(relu.value(-1.0).to_bits(), 0.0f64.to_bits());
}

#[test]
fn invalid_parameters_are_rejected_with_a_message_naming_them() {
    let msg = |id: &str, params: &[(&str, f64)]| build(id, params).unwrap_err().to_string();
    assert_eq!(
        msg("leaky_relu", &[("negative_slope", f64::NAN)]),
        "leaky_relu: negative_slope must be a finite number, got NaN"
    );
    assert_eq!(msg("elu", &[("alpha", f64::INFINITY)]), "elu: alpha must be a finite number, got Infinity");
    assert_eq!(
        msg("rrelu", &[("lower", 0.5), ("upper", 0.2)]),
        "rrelu: upper must be at least lower (0.5), got 0.2"
    );
    assert_eq!(msg("softplus", &[("beta", 0.0)]), "softplus: beta must be greater than 0, got 0");
    assert_eq!(msg("softplus", &[("beta", -1.0)]), "softplus: beta must be greater than 0, got -1");
    assert_eq!(
        msg("hardtanh", &[("min_val", 2.0)]),
        "hardtanh: min_val must be less than max_val (1), got 2"
    );
    assert_eq!(msg("hardshrink", &[("lambd", -0.1)]), "hardshrink: lambd must be at least 0, got -0.1");
    assert_eq!(
        msg("celu", &[("alpha", 0.0)]),
        "celu: alpha must be a non-zero number (CELU divides by alpha), got 0"
    );
    assert_eq!(
        msg("leaky_relu", &[("alpha", 0.1)]),
        "unknown parameter \"alpha\" for leaky_relu; expected one of: negative_slope"
    );
    assert_eq!(msg("relu", &[("alpha", 0.1)]), "relu takes no parameters, got \"alpha\"");
    assert!(msg("swish", &[])
        .starts_with("unknown activation \"swish\"; expected one of: relu, leaky_relu, prelu,"));
    let gelu =
        |v: ParamValue| Activation::from_params("gelu", &[("approximate", v)]).unwrap_err().to_string();
    assert_eq!(
        gelu(ParamValue::Choice("fast".into())),
        "gelu: approximate must be \"none\" or \"tanh\", got \"fast\""
    );
    assert_eq!(gelu(ParamValue::Number(1.0)), "gelu: approximate must be a string");
    let wrong = Activation::from_params("elu", &[("alpha", ParamValue::Choice("1".into()))]).unwrap_err();
    assert_eq!(wrong.to_string(), "elu: alpha must be a number");
}

#[test]
fn parameters_at_the_edge_of_validity_are_accepted() {
    assert!(build("rrelu", &[("lower", 0.2), ("upper", 0.2)]).is_ok());
    assert!(build("hardshrink", &[("lambd", 0.0)]).is_ok());
    assert!(build("leaky_relu", &[("negative_slope", 5.0)]).is_ok(), "PyTorch accepts slopes above 1");
}

#[test]
fn torch_snippets_are_valid_python_with_current_values() {
    let snip = |id: &str, params: &[(&str, f64)]| build(id, params).unwrap().torch_snippet();
    assert_eq!(snip("leaky_relu", &[("negative_slope", 0.2)]), "nn.LeakyReLU(negative_slope=0.2)");
    assert_eq!(snip("elu", &[]), "nn.ELU(alpha=1.0)");
    assert_eq!(snip("relu", &[]), "nn.ReLU()");
    assert_eq!(snip("prelu", &[]), "nn.PReLU(init=0.25)");
    assert_eq!(snip("hardtanh", &[("min_val", -2.0)]), "nn.Hardtanh(min_val=-2.0, max_val=1.0)");
    assert_eq!(snip("rrelu", &[]), "nn.RReLU(lower=0.125, upper=0.3333333333333333).eval()");
    let gelu =
        Activation::from_params("gelu", &[("approximate", ParamValue::Choice("tanh".into()))]).unwrap();
    assert_eq!(gelu.torch_snippet(), "nn.GELU(approximate='tanh')");
}

#[test]
fn formulas_are_balanced_mathml_with_symbols_or_values() {
    for info in catalogue() {
        let a = Activation::default_for(info.id).unwrap();
        for m in [
            a.formula_mathml(Style::Symbolic),
            a.formula_mathml(Style::Numeric),
            a.derivative_formula_mathml(Style::Symbolic),
        ] {
            assert!(m.starts_with("<math display=\"block\">") && m.ends_with("</math>"), "{m}");
            for tag in ["mrow", "mfrac", "msup", "mtable", "mtr", "mtd"] {
                let open = m.matches(&format!("<{tag}>")).count() + m.matches(&format!("<{tag} ")).count();
                assert_eq!(
                    open,
                    m.matches(&format!("</{tag}>")).count(),
                    "unbalanced <{tag}> in {}: {m}",
                    info.id
                );
            }
        }
    }
    let leaky = build("leaky_relu", &[("negative_slope", 0.2)]).unwrap();
    assert!(leaky.formula_mathml(Style::Numeric).contains("<mn>0.2</mn>"));
    assert!(leaky.formula_mathml(Style::Symbolic).contains("<mi>s</mi>"));
    let hardtanh = build("hardtanh", &[("min_val", -2.0)]).unwrap();
    assert!(hardtanh.formula_mathml(Style::Numeric).contains("<mo>−</mo><mn>2</mn>"));
}

#[test]
fn flat_below_zero_is_exactly_the_activations_with_zero_f_and_f_prime_for_negative_x() {
    let xs: Vec<f64> =
        (1..=400).map(|i| -0.025 * i as f64).chain([-1e-300, -1e6, f64::NEG_INFINITY]).collect();
    for info in catalogue() {
        let a = Activation::default_for(info.id).unwrap();
        let flat = xs.iter().all(|&x| a.value(x) == 0.0 && a.derivative(x) == 0.0);
        assert_eq!(info.flat_below_zero, flat, "{}", info.id);
    }
    let flat: Vec<&str> = catalogue().iter().filter(|a| a.flat_below_zero).map(|a| a.id).collect();
    assert_eq!(flat, ["relu", "relu6"]);
}

#[test]
fn suggestions_have_distinct_ranks_in_the_compare_panels_order() {
    let mut ranked: Vec<(u32, &str)> = catalogue().iter().filter_map(|a| Some((a.suggest?, a.id))).collect();
    ranked.sort();
    let ids: Vec<&str> = ranked.iter().map(|&(_, id)| id).collect();
    assert_eq!(ids, ["relu", "leaky_relu", "elu", "gelu", "silu", "sigmoid", "tanh", "softplus", "mish"]);
    let ranks: Vec<u32> = ranked.iter().map(|&(rank, _)| rank).collect();
    assert_eq!(ranks, (0..9).collect::<Vec<_>>(), "ranks are 0, 1, 2, ... without gaps or repeats");
}

#[test]
fn groups_appear_in_the_pickers_order_with_their_members() {
    let mut groups: Vec<(&str, Vec<&str>)> = vec![];
    for info in catalogue() {
        match groups.iter_mut().find(|(label, _)| *label == info.group.label()) {
            Some((_, ids)) => ids.push(info.id),
            None => groups.push((info.group.label(), vec![info.id])),
        }
    }
    assert_eq!(
        groups,
        [
            ("ReLU family", vec!["relu", "leaky_relu", "prelu", "rrelu", "relu6"]),
            ("Exponential", vec!["elu", "celu", "selu"]),
            ("Smooth and gated", vec!["gelu", "silu", "mish", "softplus", "hardswish"]),
            ("Saturating", vec!["sigmoid", "tanh", "hardtanh", "hardsigmoid", "softsign", "logsigmoid"]),
            ("Shrinkage", vec!["tanhshrink", "hardshrink", "softshrink"]),
            ("Your own", vec!["custom"]),
        ]
    );
}

#[test]
fn every_choice_builds_and_reads_back_as_itself() {
    for info in catalogue() {
        for spec in info.params {
            if let ParamKind::Choice { choices, .. } = spec.kind {
                for &choice in choices {
                    let a =
                        Activation::from_params(info.id, &[(spec.name, ParamValue::Choice(choice.into()))]);
                    let params = a.unwrap().params();
                    assert_eq!(params, [(spec.name, ParamValue::Choice(choice.into()))], "{}", info.id);
                }
            }
        }
    }
}

#[test]
fn params_come_back_under_their_names_with_the_values_given() {
    let a = build("rrelu", &[("upper", 0.5), ("lower", 0.25)]).unwrap();
    assert_eq!(a, Activation::Rrelu { lower: 0.25, upper: 0.5 });
    assert_eq!(a.params(), [("lower", ParamValue::Number(0.25)), ("upper", ParamValue::Number(0.5))]);
    for info in catalogue() {
        let names: Vec<&str> =
            Activation::default_for(info.id).unwrap().params().iter().map(|p| p.0).collect();
        let spec_names: Vec<&str> = info.params.iter().map(|p| p.name).collect();
        assert_eq!(names, spec_names, "{}", info.id);
    }
}

#[test]
fn numeric_parameters_are_bounded_at_exactly_the_limit() {
    use super::PARAM_LIMIT;
    assert_eq!(PARAM_LIMIT, 1e6);
    let msg = |id: &str, params: &[(&str, f64)]| build(id, params).unwrap_err().to_string();
    assert_eq!(
        msg("leaky_relu", &[("negative_slope", 1e308)]),
        "leaky_relu: negative_slope must be between -1000000 and 1000000, got 1e308"
    );
    assert_eq!(
        msg("leaky_relu", &[("negative_slope", -1e308)]),
        "leaky_relu: negative_slope must be between -1000000 and 1000000, got -1e308"
    );
    assert_eq!(
        msg("elu", &[("alpha", 1.7e308)]),
        "elu: alpha must be between -1000000 and 1000000, got 1.7e308"
    );
    assert_eq!(
        msg("prelu", &[("weight", 1.7e308)]),
        "prelu: weight must be between -1000000 and 1000000, got 1.7e308"
    );
    let above = f64::from_bits(PARAM_LIMIT.to_bits() + 1);
    for info in catalogue() {
        for spec in info.params.iter().filter(|p| matches!(p.kind, ParamKind::Number { .. })) {
            assert_eq!(spec.limit, PARAM_LIMIT, "{}.{}", info.id, spec.name);
            for bad in [above, -above, f64::MAX, -f64::MAX] {
                let error =
                    Activation::from_params(info.id, &[(spec.name, ParamValue::Number(bad))]).unwrap_err();
                assert!(error.to_string().contains("between -1000000 and 1000000"), "{error}");
            }
            // The edge itself passes the bound; whatever is refused there is a constraint of the row.
            for edge in [PARAM_LIMIT, -PARAM_LIMIT] {
                if let Err(e) = Activation::from_params(info.id, &[(spec.name, ParamValue::Number(edge))]) {
                    assert!(!e.to_string().contains("between -1000000"), "{e}");
                }
            }
        }
    }
    // Inside the limits, PyTorch's semantics: any slope, tiny or huge.
    assert!(build("leaky_relu", &[("negative_slope", 1e6)]).is_ok());
    assert!(build("leaky_relu", &[("negative_slope", -1e6)]).is_ok());
    assert!(build("elu", &[("alpha", 5e-324)]).is_ok());
    assert!(build("hardtanh", &[("min_val", -1e6), ("max_val", 1e6)]).is_ok());
}

#[test]
fn numbers_are_reported_as_short_as_they_were_given() {
    use super::format_number;
    assert_eq!(format_number(1e308), "1e308");
    assert_eq!(format_number(-1.7e308), "-1.7e308");
    assert_eq!(format_number(1e21), "1e21");
    assert_eq!(format_number(1e20), "100000000000000000000");
    assert_eq!(format_number(0.000001), "0.000001");
    assert_eq!(format_number(1.5e-7), "1.5e-7");
    assert_eq!(format_number(5e-324), "5e-324");
    assert_eq!(
        (format_number(0.0), format_number(-0.0), format_number(0.25)),
        ("0".into(), "-0".into(), "0.25".into())
    );
}
