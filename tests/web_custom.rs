//! Browser tests of the `custom` activation (a formula as the `formula` parameter): the errors JS
//! sees, values and derivatives, `describe`'s MathML, charts drawn from a formula, and a Lab.
#![cfg(target_arch = "wasm32")]

use actviz::web::{derivative, describe, evaluate, plot_activation, render_svg, Lab};
use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn json(s: &str) -> JsValue {
    JSON::parse(s).expect("valid JSON in the test")
}

fn v(x: impl Into<JsValue>) -> JsValue {
    x.into()
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap()
}

/// `{ formula }` built in JS, so any string goes in unescaped.
fn formula(text: &str) -> JsValue {
    let params = Object::new();
    Reflect::set(&params, &"formula".into(), &text.into()).unwrap();
    params.into()
}

/// The message of the JS Error an export threw.
fn message<T>(result: Result<T, wasm_bindgen::JsError>) -> String {
    let Err(error) = result else { panic!("should throw") };
    let error: JsValue = error.into();
    let error: js_sys::Error = error.dyn_into().expect("a JS Error object");
    error.message().into()
}

#[wasm_bindgen_test]
fn bad_formulas_throw_errors_naming_the_position() {
    let xs = json("[0]");
    let bad = |text: &str| message(evaluate(v("custom"), formula(text), xs.clone()));
    assert_eq!(bad("1 +"), "unexpected end after \"+\" at 3");
    assert_eq!(bad(""), "empty formula; type an expression in x, such as x * sigmoid(x)");
    assert!(bad("constructor").starts_with("unknown name \"constructor\" at 0;"));
    assert!(bad("__proto__").starts_with("unknown name \"__proto__\" at 0;"));
    assert_eq!(bad(&"x".repeat(1001)), "formula is 1001 characters long; at most 1000 are allowed");
    let deep = format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(bad(&deep), "formula is 200001 characters long; at most 1000 are allowed");
    assert!(message(describe(v("custom"), formula("x +"))).ends_with("at 3"));
    // Still healthy: a valid formula right after.
    assert_eq!(evaluate(v("custom"), formula("2 * x"), json("[1.5]")).unwrap(), vec![3.0]);
}

#[wasm_bindgen_test]
fn values_derivatives_and_mathml_come_from_the_formula() {
    let xs = json("[-2, 0, 0.5, 3]");
    let params = || formula("x * sigmoid(1.702 * x)");
    let values = evaluate(v("custom"), params(), xs.clone()).unwrap();
    let slopes = derivative(v("custom"), params(), xs).unwrap();
    for (i, x) in [-2.0f64, 0.0, 0.5, 3.0].into_iter().enumerate() {
        let s = 1.0 / (1.0 + (-1.702 * x).exp());
        assert!((values[i] - x * s).abs() < 1e-15);
        assert!((slopes[i] - (s + 1.702 * x * s * (1.0 - s))).abs() < 1e-14);
    }
    let described = JsValue::from(describe(v("custom"), formula("x * tanh(softplus(x))")).unwrap());
    assert_eq!(get(&described, "label"), "Custom formula");
    let mathml = get(&described, "formula").as_string().unwrap();
    assert!(mathml.starts_with("<math") && mathml.contains("<mi>tanh</mi>"), "{mathml}");
    assert!(get(&described, "derivativeFormula").as_string().unwrap().contains("f′"));
    assert!(get(&described, "torch").as_string().unwrap().contains("class Custom(nn.Module):"));
}

#[wasm_bindgen_test]
fn charts_draw_a_formula_curve() {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(400);
    canvas.set_height(300);
    let spec = json(
        r##"{"kind": "function", "curves": [{"id": "custom", "params": {"formula": "relu(x)^2"}, "color": "#ff0000"}],
            "xmin": -2, "xmax": 2, "ymin": -1, "ymax": 4, "theme": "light", "scale": 1}"##,
    );
    let view = plot_activation(v(canvas.clone()), spec).unwrap();
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 400.0, 300.0).unwrap().data().to_vec();
    let at = view.to_pixel(1.5, 2.25);
    let (px, py) = (at[0] as usize, at[1] as usize);
    let reddish = (py.saturating_sub(2)..=py + 2).any(|y| {
        let i = (y * 400 + px) * 4;
        data[i] > 200 && data[i + 1] < 120 && data[i + 2] < 120
    });
    assert!(reddish, "the formula's curve passes through (1.5, 2.25) at ({px}, {py})");
    let svg = render_svg(
        json(r#"{"curves": [{"id": "custom", "params": {"formula": "x * sigmoid(x)"}}, {"id": "silu"}], "xmin": -4, "xmax": 4}"#),
        v(800),
        v(300),
    )
    .unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("x * sigmoid(x)") && svg.contains("SiLU"), "{svg}");
    let bad = json(r#"{"curves": [{"id": "custom", "params": {"formula": "x +"}}], "xmin": -4, "xmax": 4}"#);
    assert_eq!(message(render_svg(bad, v(800), v(300))), "unexpected end after \"+\" at 3");
}

#[wasm_bindgen_test]
fn a_lab_trains_with_a_formula_and_keeps_it_in_its_config() {
    let config = json(
        r#"{"points": 200, "hiddenWidths": [8], "activation": "custom", "params": {"formula": "where(x > 0, x, 0.01 * x)"}}"#,
    );
    let mut lab = Lab::new(config).unwrap();
    lab.step(v(50)).unwrap();
    let stats = JsValue::from(lab.stats());
    assert_eq!(get(&get(&stats, "other"), "activation"), "custom");
    assert!(get(&get(&stats, "other"), "trainLoss").as_f64().unwrap().is_finite());
    let config = JsValue::from(lab.config());
    assert_eq!(get(&get(&config, "params"), "formula"), "where(x > 0, x, 0.01 * x)");
    let bad = json(r#"{"activation": "custom", "params": {"formula": "constructor"}}"#);
    assert!(message(Lab::new(bad)).starts_with("unknown name \"constructor\" at 0;"));
}
