//! The `custom` activation: a formula wherever an activation id goes. Building it (errors are
//! the parser's, with their position), its values and derivatives (the formula's, bit for bit),
//! its catalogue entry, MathML and PyTorch module, and a lab network trained with it.
#![cfg(not(target_arch = "wasm32"))]

use actviz::activation::{catalogue, info, Activation, ActivationError, ParamKind, ParamValue};
use actviz::formula::{Formula, EXAMPLES, MAX_CHARS};
use actviz::mlp::{LabConfig, Twin};

fn custom(formula: &str) -> Result<Activation, ActivationError> {
    Activation::from_params("custom", &[("formula", ParamValue::Choice(formula.into()))])
}

fn message(formula: &str) -> String {
    custom(formula).unwrap_err().to_string()
}

#[test]
fn the_catalogue_lists_custom_with_a_text_parameter() {
    let entry = info("custom").unwrap();
    assert_eq!((entry.label, entry.group.label()), ("Custom formula", "Your own"));
    assert_eq!(catalogue().last().unwrap().id, "custom");
    assert_eq!(entry.params.len(), 1);
    assert_eq!(entry.params[0].name, "formula");
    let ParamKind::Text { default, max_chars } = entry.params[0].kind else {
        panic!("{:?}", entry.params[0])
    };
    assert_eq!((default, max_chars), ("x * sigmoid(x)", MAX_CHARS));
    let defaults = Activation::default_for("custom").unwrap();
    assert_eq!(defaults.formula(), Some(&Formula::parse("x * sigmoid(x)").unwrap()));
    assert_eq!(defaults.params(), vec![("formula", ParamValue::Choice("x * sigmoid(x)".into()))]);
}

#[test]
fn bad_formulas_are_refused_with_the_parsers_message_and_position() {
    assert_eq!(message("1 +"), "unexpected end after \"+\" at 3");
    for formula in ["", "   ", "y", "constructor", "__proto__", "x; 1", "x ** 2", "<b>x</b>", "x\u{0}"] {
        let expected = Formula::parse(formula).unwrap_err();
        let error = custom(formula).unwrap_err();
        assert_eq!(error.to_string(), expected.message, "{formula:?}");
        assert!(
            matches!(error, ActivationError::Formula { id: "custom", name: "formula", .. }),
            "{formula:?}"
        );
    }
    assert_eq!(message(""), "empty formula; type an expression in x, such as x * sigmoid(x)");
    assert!(message("constructor").starts_with("unknown name \"constructor\" at 0;"));
    let long = format!("x{}", " + x".repeat(MAX_CHARS / 4));
    assert_eq!(message(&long), "formula is 1001 characters long; at most 1000 are allowed");
    let deep = format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(message(&deep), "formula is 200001 characters long; at most 1000 are allowed");
    let nested = format!("{}x{}", "(".repeat(101), ")".repeat(101));
    assert_eq!(message(&nested), Formula::parse(&nested).unwrap_err().message);
    assert!(message(&nested).contains("100"), "{}", message(&nested));
    // The wrong type and unknown names are the catalogue's errors.
    let number = Activation::from_params("custom", &[("formula", ParamValue::Number(1.0))]).unwrap_err();
    assert_eq!(number.to_string(), "custom: formula must be a string");
    let unknown = Activation::from_params("custom", &[("alpha", ParamValue::Number(1.0))]).unwrap_err();
    assert_eq!(unknown.to_string(), "unknown parameter \"alpha\" for custom; expected one of: formula");
    assert!(Activation::from_params("nope", &[]).unwrap_err().to_string().ends_with(", custom"));
}

#[test]
fn a_formula_cannot_call_custom_itself() {
    let error = Formula::parse("custom(x)").unwrap_err();
    assert!(error.message.starts_with("unknown function \"custom\" at 0"), "{}", error.message);
    assert!(!error.message.contains("custom,") && !error.message.ends_with("custom"), "{}", error.message);
}

#[test]
fn values_and_derivatives_are_the_formulas_bit_for_bit() {
    for example in EXAMPLES {
        let formula = Formula::parse(example.formula).unwrap();
        let activation = custom(example.formula).unwrap();
        for i in -400..=400 {
            let x = f64::from(i) / 40.0;
            let (v, d) = formula.eval_dual(x);
            assert_eq!(activation.value(x).to_bits(), v.to_bits(), "{} at {x}", example.formula);
            assert_eq!(activation.derivative(x).to_bits(), d.to_bits(), "{} at {x}", example.formula);
        }
    }
    // Mish written out is the catalogue's Mish, and its derivative too (to rounding).
    let mish = custom("x * tanh(softplus(x))").unwrap();
    for x in [-3.0, -0.5, 0.25, 2.0] {
        assert!((mish.value(x) - Activation::Mish.value(x)).abs() < 1e-15);
        assert!((mish.derivative(x) - Activation::Mish.derivative(x)).abs() < 1e-14);
    }
}

#[test]
fn params_round_trip_and_breakpoints_come_from_the_formula() {
    let activation = custom("where(x > 1, x, 0.01*x)").unwrap();
    let params = activation.params();
    assert_eq!(params, vec![("formula", ParamValue::Choice("where(x > 1, x, 0.01 * x)".into()))]);
    let borrowed: Vec<(&str, ParamValue)> = params.iter().map(|(n, v)| (*n, v.clone())).collect();
    assert_eq!(Activation::from_params("custom", &borrowed).unwrap(), activation);
    assert_eq!(activation.breakpoints(), vec![1.0]);
    assert_eq!(custom("x * sigmoid(x)").unwrap().breakpoints(), Vec::<f64>::new());
    assert_eq!(activation.negative_slope(), None);
}

#[test]
fn describe_parts_are_the_formulas_mathml_and_torch_module() {
    let formula = Formula::parse("x * tanh(softplus(x))").unwrap();
    let activation = Activation::custom(formula.clone());
    use actviz::activation::formula::Style;
    assert_eq!(activation.formula_mathml(Style::Numeric), formula.mathml());
    assert_eq!(activation.derivative_formula_mathml(Style::Symbolic), formula.derivative_mathml().unwrap());
    assert_eq!(activation.torch_snippet(), formula.torch_module("Custom"));
    assert!(activation.torch_snippet().contains("class Custom(nn.Module):"));
    // A derivative too long to write out is said to be, in MathML.
    let tower = Activation::custom(Formula::parse(&vec!["x"; 40].join("^")).unwrap());
    assert!(Formula::parse(&vec!["x"; 40].join("^")).unwrap().derivative_mathml().is_err());
    let shown = tower.derivative_formula_mathml(Style::Numeric);
    assert!(shown.starts_with("<math") && shown.contains("too long to write out"), "{shown}");
}

/// Train and test losses of the non-ReLU side of a twin, every 25 steps.
fn other_losses(activation: Activation) -> Vec<(f64, f64)> {
    let mut twin = Twin::new(&LabConfig { activation, ..LabConfig::default() }).unwrap();
    (0..8)
        .map(|_| {
            twin.step(25).unwrap();
            let stats = twin.stats();
            (stats.other.train.loss, stats.other.test.loss)
        })
        .collect()
}

#[test]
fn a_twin_trains_a_formula_like_the_catalogue_activation_it_spells() {
    let formula = other_losses(custom("where(x > 0, x, 0.01 * x)").unwrap());
    let leaky = other_losses(Activation::LeakyRelu { negative_slope: 0.01 });
    for (step, ((f_train, f_test), (l_train, l_test))) in formula.iter().zip(&leaky).enumerate() {
        assert!((f_train - l_train).abs() <= 1e-6, "step {}: {f_train} vs {l_train}", 25 * (step + 1));
        assert!((f_test - l_test).abs() <= 1e-6, "step {}: {f_test} vs {l_test}", 25 * (step + 1));
    }
    // It learns: the last loss is well below the first, and differs from ReLU's run.
    assert!(formula[7].0 < formula[0].0 * 0.9, "{formula:?}");
    let mish = other_losses(custom("x * tanh(softplus(x))").unwrap());
    let catalogue_mish = other_losses(Activation::Mish);
    assert!((mish[7].0 - catalogue_mish[7].0).abs() < 1e-4, "{mish:?} vs {catalogue_mish:?}");
}

#[test]
fn dead_statistics_use_the_formulas_derivative() {
    // Flat below zero like ReLU: a neuron the data never drives above 0 is dead; with a
    // constant slope of 1 below zero nothing is ever dead.
    let config = |formula: &str| LabConfig {
        activation: custom(formula).unwrap(),
        learning_rate: 3.0,
        ..LabConfig::default()
    };
    let mut relu_like = Twin::new(&config("where(x > 0, x, 0)")).unwrap();
    relu_like.step(300).unwrap();
    let stats = relu_like.stats();
    assert!(stats.relu.dead_count > 0, "this rate kills ReLU neurons");
    assert_eq!(stats.other.dead_count, stats.relu.dead_count, "the formula is ReLU");
    assert_eq!(stats.other.train.loss.to_bits(), stats.relu.train.loss.to_bits());
    let mut linear = Twin::new(&config("where(x > 0, x, x)")).unwrap();
    linear.step(300).unwrap();
    assert_eq!(linear.stats().other.dead_count, 0);
}
