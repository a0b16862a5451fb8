//! Browser tests of the JS API (run by `wasm-pack test --headless --chrome` / `--firefox`):
//! real JS values in and out, thrown errors with their messages, and pixels on a canvas.
#![cfg(target_arch = "wasm32")]

use actviz::web::{
    activations, born_dead_sweep, derivative, describe, draw_lab_chart, evaluate, lab_schema,
    plot_activation, render_svg, Lab,
};
use js_sys::{Array, Float32Array, Float64Array, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn json(s: &str) -> JsValue {
    JSON::parse(s).expect("valid JSON in the test")
}

/// Any Rust value as the `JsValue` an export takes (what JS would pass).
fn v(x: impl Into<JsValue>) -> JsValue {
    x.into()
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap()
}

/// The message of the JS Error an export threw.
fn message<T>(result: Result<T, wasm_bindgen::JsError>) -> String {
    let Err(error) = result else { panic!("should throw") };
    let error: JsValue = error.into();
    let error: js_sys::Error = error.dyn_into().expect("a JS Error object");
    error.message().into()
}

#[wasm_bindgen_test]
fn activations_lists_the_catalogue_with_param_specs() {
    let list = activations();
    assert_eq!(list.length(), 23);
    let leaky = list.iter().find(|a| get(a, "id") == "leaky_relu").unwrap();
    assert_eq!(get(&leaky, "label"), "Leaky ReLU");
    assert_eq!(get(&leaky, "torch"), "nn.LeakyReLU(negative_slope=0.01)");
    assert!(get(&leaky, "formula").as_string().unwrap().starts_with("<math"));
    let param = Array::from(&get(&leaky, "params")).get(0);
    assert_eq!(get(&param, "name"), "negative_slope");
    assert_eq!(get(&param, "kind"), "number");
    assert_eq!(get(&param, "default").as_f64(), Some(0.01));
    assert_eq!((get(&param, "min").as_f64(), get(&param, "max").as_f64()), (Some(0.0), Some(1.0)));
    let gelu = list.iter().find(|a| get(a, "id") == "gelu").unwrap();
    let approximate = Array::from(&get(&gelu, "params")).get(0);
    assert_eq!(get(&approximate, "kind"), "choice");
    assert_eq!(Array::from(&get(&approximate, "choices")).join(",").as_string().unwrap(), "none,tanh");
}

#[wasm_bindgen_test]
fn evaluate_takes_object_params_and_typed_arrays() {
    let xs: JsValue = Float64Array::from(&[-1.0, 0.0, 2.0][..]).into();
    let ys = evaluate(v("leaky_relu"), json(r#"{"negative_slope": 0.2}"#), xs.clone()).unwrap();
    assert_eq!(ys, vec![-0.2, 0.0, 2.0]);
    // Missing keys take defaults; a plain array works too.
    let ys = evaluate(v("leaky_relu"), JsValue::UNDEFINED, json("[-1, 3]")).unwrap();
    assert_eq!(ys, vec![-0.01, 3.0]);
    let dys = derivative(v("elu"), json(r#"{"alpha": 1.0}"#), xs).unwrap();
    assert_eq!(dys[0], (-1.0f64).exp());
    assert_eq!(&dys[1..], &[1.0, 1.0]);
    let tanh = evaluate(v("gelu"), json(r#"{"approximate": "tanh"}"#), json("[1]")).unwrap();
    // mpmath, 30 digits: 0.5 (1 + tanh(√(2/π) · 1.044715)) = 0.841191990608276704781995777045
    assert!((tanh[0] - 0.841_191_990_608_276_7).abs() < 1e-15);
}

#[wasm_bindgen_test]
fn bad_input_throws_errors_with_readable_messages() {
    let xs = json("[0]");
    assert!(message(evaluate(v("swish"), JsValue::UNDEFINED, xs.clone()))
        .starts_with("unknown activation \"swish\""));
    assert_eq!(
        message(evaluate(v("leaky_relu"), json(r#"{"slope": 0.2}"#), xs.clone())),
        "unknown parameter \"slope\" for leaky_relu; expected one of: negative_slope"
    );
    let nan = Object::new();
    Reflect::set(&nan, &"alpha".into(), &f64::NAN.into()).unwrap();
    assert_eq!(
        message(derivative(v("elu"), nan.into(), xs.clone())),
        "elu: alpha must be a finite number, got NaN"
    );
    assert_eq!(
        message(evaluate(v("softplus"), json(r#"{"beta": -1}"#), xs.clone())),
        "softplus: beta must be greater than 0, got -1"
    );
    assert_eq!(
        message(evaluate(v("gelu"), json(r#"{"approximate": "fast"}"#), xs.clone())),
        "gelu: approximate must be \"none\" or \"tanh\", got \"fast\""
    );
    assert_eq!(
        message(evaluate(v("elu"), json(r#"{"alpha": true}"#), xs.clone())),
        "elu: alpha must be a number or a string, got boolean"
    );
    assert!(message(evaluate(v("relu"), json("[1]"), xs.clone())).contains("params must be a plain object"));
    assert_eq!(
        message(evaluate(v("relu"), JsValue::UNDEFINED, "abc".into())),
        "xs must be a Float64Array or an array of numbers, got string"
    );
    assert_eq!(
        message(evaluate(v("relu"), JsValue::UNDEFINED, json(r#"[1, "2"]"#))),
        "xs[1] must be a number, got string"
    );
}

#[wasm_bindgen_test]
fn describe_substitutes_current_values() {
    let d = describe(v("leaky_relu"), json(r#"{"negative_slope": 0.2}"#)).unwrap();
    assert_eq!(get(&d, "torch"), "nn.LeakyReLU(negative_slope=0.2)");
    assert!(get(&d, "formula").as_string().unwrap().contains("<mn>0.2</mn>"));
}

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(width);
    canvas.set_height(height);
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64).unwrap().data().to_vec()
}

#[wasm_bindgen_test]
fn plot_draws_the_curve_where_the_view_says() {
    let c = canvas(600, 400);
    let spec = json(
        r##"{"kind": "function", "curves": [{"id": "leaky_relu", "params": {"negative_slope": 0.2}, "color": "#ff0000"}],
            "xmin": -5, "xmax": 5, "theme": "light", "scale": 1}"##,
    );
    let view = plot_activation(v(c.clone()), spec).unwrap();
    let data = pixels(&c);
    let distinct: std::collections::HashSet<_> = data.chunks(4).map(|p| (p[0], p[1], p[2])).collect();
    assert!(distinct.len() > 10, "the chart is not blank");
    // The pixel the view gives for (3, f(3) = 3) is red-ish: the curve passes there.
    let at = view.to_pixel(3.0, 3.0);
    let (px, py) = (at[0] as usize, at[1] as usize);
    let reddish = (py.saturating_sub(2)..=py + 2).any(|y| {
        let i = (y * 600 + px) * 4;
        data[i] > 200 && data[i + 1] < 120 && data[i + 2] < 120
    });
    assert!(reddish, "curve drawn at ({px}, {py})");
    let back = view.to_data(at[0], at[1]).unwrap();
    assert!((back[0] - 3.0).abs() < 0.05 && (back[1] - 3.0).abs() < 0.05, "{back:?}");
    assert_eq!(view.to_data(0.0, 0.0), None);
}

#[wasm_bindgen_test]
fn plot_and_svg_reject_bad_specs() {
    let c = canvas(300, 200);
    let bad = |s: &str| message(plot_activation(v(c.clone()), json(s)));
    assert!(bad(r#"{"kind": "function", "curves": [], "xmin": -1, "xmax": 1}"#)
        .contains("between 1 and 5 entries"));
    assert!(
        bad(r#"{"kind": "function", "curves": [{"id": "relu"}], "xmin": 1, "xmax": -1}"#).contains("x range")
    );
    assert!(
        bad(r#"{"kind": "pdf", "curves": [{"id": "relu"}], "xmin": -1, "xmax": 1}"#).contains("kind must be")
    );
    assert!(bad(
        r#"{"kind": "function", "curves": [{"id": "relu", "color": "red"}], "xmin": -1, "xmax": 1}"#
    )
    .contains("color must look like"));
    let svg =
        render_svg(json(r#"{"curves": [{"id": "tanh"}], "xmin": -4, "xmax": 4}"#), v(800), v(300)).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("<polyline"));
    assert!(message(render_svg(
        json(r#"{"curves": [{"id": "tanh"}], "xmin": -4, "xmax": 4}"#),
        v(0),
        v(300)
    ))
    .contains("size"));
}

#[wasm_bindgen_test]
fn lab_rejects_bad_configs_with_messages() {
    let bad = |s: &str| message(Lab::new(json(s)));
    assert_eq!(bad(r#"{"width": 1000}"#), "hidden width must be between 1 and 128, got 1000");
    assert_eq!(
        bad(r#"{"hiddenLayers": 1000000000}"#),
        "hidden layer count must be between 1 and 16, got 1000000000"
    );
    assert!(bad(r#"{"dataset": "mnist"}"#).starts_with("dataset must be one of moons"));
    assert_eq!(bad(r#"{"labelNoise": 0.6}"#), "label noise must be between 0 and 0.5, got 0.6");
    assert!(bad(r#"{"labelNoise": "lots"}"#).contains("labelNoise"));
    let noisy = Lab::new(json(r#"{"labelNoise": 0.2, "preset": "deep_sigmoid"}"#)).unwrap();
    assert_eq!(get(&noisy.config(), "labelNoise").as_f64(), Some(0.2));
    assert_eq!(get(&noisy.config(), "activation"), "sigmoid");
    assert!(bad(r#"{"lr": -1}"#).contains("learning rate"));
    assert!(bad(r#"{"activation": "leaky_relu", "params": {"negative_slope": "x"}}"#)
        .contains("negative_slope must be a number"));
    assert!(bad(r#"{"learningRate": 0.1}"#).starts_with("lab config: unknown key \"learningRate\""));
    assert!(bad(r#"{"points": 1.5}"#).contains("points must be a whole number"));
    assert!(bad(r#"{"preset": "fast"}"#).contains("preset must be one of"));
    let mut lab = Lab::new(JsValue::UNDEFINED).unwrap();
    assert!(message(lab.step(v(1e9))).contains("steps must be a whole number from 0 to 100000"));
    assert!(message(lab.step(v(f64::NAN))).contains("steps must be"));
}

#[wasm_bindgen_test]
fn lab_trains_and_reports_plain_statistics() {
    let mut lab = Lab::new(json(r#"{"preset": "high_lr", "seed": 3}"#)).unwrap();
    // Nothing taken yet: an empty history, and charts with axes only.
    assert_eq!(Float64Array::new(&get(&lab.history().into(), "steps")).length(), 0);
    lab.draw_histogram(v(canvas(320, 200)), v(0), v("light"), v(1.0)).unwrap();
    lab.draw_dead_chart(v(canvas(320, 200)), v("dark"), v(1.0)).unwrap();
    assert!(message(lab.draw_histogram(v(canvas(320, 200)), v(3), v("light"), v(1.0)))
        .contains("layer must be between 0 and 2"));
    lab.stats();
    assert_eq!(get(&lab.config(), "optimizer"), "adam");
    assert_eq!(lab.step(v(300.0)).unwrap(), 300.0);
    let stats: JsValue = lab.stats().into();
    assert_eq!(get(&stats, "step").as_f64(), Some(300.0));
    let relu = get(&stats, "relu");
    let other = get(&stats, "other");
    assert_eq!(get(&relu, "activation"), "relu");
    assert_eq!(get(&other, "activation"), "leaky_relu");
    let dead = |n: &JsValue| get(n, "dead").as_f64().unwrap();
    assert!(dead(&relu) > dead(&other), "ReLU loses more neurons at a high learning rate");
    let layers = Array::from(&get(&relu, "layers"));
    assert_eq!(layers.length(), 3);
    let rates: Float64Array = Float64Array::new(&get(&layers.get(0), "activationRate"));
    assert_eq!(rates.length(), 32);
    // Dead (no gradient) and inactive (z <= 0): one and the same for ReLU, apart for LeakyReLU.
    let number = |n: &JsValue, key: &str| get(n, key).as_f64().unwrap();
    assert_eq!((dead(&other), number(&relu, "inactive")), (0.0, dead(&relu)));
    assert!(number(&other, "inactive") > 0.0 && number(&other, "inactiveFraction") > 0.0);
    // Seed 3: ReLU's last hidden layer is entirely dead (its output is constant, 49% accuracy).
    assert_eq!((get(&relu, "deadLayer").as_f64(), get(&other, "deadLayer")), (Some(2.0), JsValue::NULL));
    let last = Array::from(&get(&relu, "layers")).get(2);
    assert_eq!(get(&last, "dead"), get(&last, "neurons"));
    let leaky_layer = Array::from(&get(&other, "layers")).get(0);
    let inactive_mask = Uint8Array::new(&get(&leaky_layer, "inactiveMask")).to_vec();
    let inactive_count = inactive_mask.iter().map(|&m| f64::from(m)).sum::<f64>();
    assert_eq!(inactive_count, number(&leaky_layer, "inactive"));
    let outputs = Float32Array::new(&get(&leaky_layer, "meanAbsOutput")).to_vec();
    assert_eq!(outputs.len(), 32);
    assert!(outputs
        .iter()
        .zip(&inactive_mask)
        .all(|(&y, &m)| m == 0 || y <= 0.0101 * number(&leaky_layer, "maxAbsPreActivation") as f32));
    let history: JsValue = lab.history().into();
    assert!(Float64Array::new(&get(&history, "steps")).length() >= 2);
    let inactive = Float64Array::new(&get(&get(&history, "other"), "inactive")).to_vec();
    assert_eq!(inactive.last().copied(), Some(number(&other, "inactive")));
}

#[wasm_bindgen_test]
fn statistics_in_pieces_match_stats_at_the_step_they_started() {
    let config = r#"{"preset": "high_lr", "seed": 5}"#;
    let (mut lab, mut same) = (Lab::new(json(config)).unwrap(), Lab::new(json(config)).unwrap());
    assert!(message(lab.continue_stats()).contains("call startStats() first"));
    assert!(message(lab.finish_stats()).contains("call startStats() first"));
    lab.step(v(120.0)).unwrap();
    same.step(v(120.0)).unwrap();

    let pieces = lab.start_stats();
    assert_eq!(pieces, 2 * 2 * (3 + 1), "one per layer (3 hidden + output), dataset and network");
    for piece in 1..=pieces {
        lab.step(v(2.0)).unwrap();
        assert_eq!(lab.continue_stats().unwrap(), piece == pieces);
    }
    let stats: JsValue = lab.finish_stats().unwrap().into();
    let expected: JsValue = same.stats().into();
    assert_eq!(get(&stats, "step").as_f64(), Some(120.0));
    assert_eq!(lab.step_count(), 120.0 + 2.0 * f64::from(pieces), "training went on meanwhile");
    let text = |v: &JsValue| String::from(JSON::stringify(v).unwrap());
    for net in ["relu", "other"] {
        let (got, want) = (get(&stats, net), get(&expected, net));
        for key in ["dead", "trainLoss", "testLoss", "trainAccuracy", "revived"] {
            assert_eq!(get(&got, key), get(&want, key), "{net}.{key}");
        }
        let layer = |n: &JsValue| Array::from(&get(n, "layers")).get(2);
        assert_eq!(text(&get(&layer(&got), "histogram")), text(&get(&layer(&want), "histogram")));
    }
    let steps = Float64Array::new(&get(&lab.history().into(), "steps")).to_vec();
    assert_eq!(steps, [120.0], "recorded at the step the statistics describe (none at construction)");
    assert!(message(lab.finish_stats()).contains("call startStats() first"), "taken once");

    // At an unchanged step stats() gives the latest statistics again, and one history entry.
    let first: JsValue = lab.stats().into();
    let again: JsValue = lab.stats().into();
    assert_eq!(text(&first), text(&again));
    assert_eq!(Float64Array::new(&get(&lab.history().into(), "steps")).length(), 2);
}

#[wasm_bindgen_test]
fn long_training_keeps_wasm_memory_flat_and_finite() {
    let memory = || {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length()
    };
    let mut lab = Lab::new(JsValue::UNDEFINED).unwrap();
    for _ in 0..20 {
        lab.step(v(500.0)).unwrap();
        lab.stats();
    }
    let warm = memory();
    for _ in 0..180 {
        lab.step(v(500.0)).unwrap();
        lab.stats();
    }
    assert_eq!(lab.step_count(), 100_000.0);
    assert_eq!(memory(), warm, "no growth over 90 000 more steps");
    let stats: JsValue = lab.stats().into();
    for net in ["relu", "other"] {
        let loss = get(&get(&stats, net), "trainLoss").as_f64().expect("finite loss, not null");
        assert!(loss.is_finite() && loss < 0.2, "{net} trained: {loss}");
    }
}

#[wasm_bindgen_test]
fn born_dead_sweep_reproduces_the_paper_and_rejects_huge_requests() {
    let points = born_dead_sweep(json(r#"{"widths": [3, 10], "trials": 1000}"#)).unwrap();
    let fraction = |i: u32| get(&points.get(i), "fraction").as_f64().unwrap();
    assert!((0.45..0.75).contains(&fraction(0)), "width 3: {}", fraction(0));
    assert!(fraction(1) < 0.02, "width 10: {}", fraction(1));
    let leaky =
        born_dead_sweep(json(r#"{"activation": "leaky_relu", "widths": [2, 3], "trials": 200}"#)).unwrap();
    assert!(leaky.iter().all(|p| get(&p, "bornDead").as_f64() == Some(0.0)));
    assert!(message(born_dead_sweep(json(r#"{"trials": 1000000000}"#)))
        .contains("sweep trials must be between 1 and"));
    assert!(message(born_dead_sweep(json(r#"{"widths": "3"}"#))).contains("widths must be an array"));
}

/// A structured clone of `value`, as `postMessage` delivers it (typed arrays stay typed).
fn structured_clone(value: &JsValue) -> JsValue {
    let clone = Reflect::get(&js_sys::global(), &"structuredClone".into()).unwrap();
    let clone: js_sys::Function = clone.dyn_into().unwrap();
    clone.call1(&JsValue::NULL, value).unwrap()
}

#[wasm_bindgen_test]
fn lab_schema_lists_every_setting_and_preset() {
    let schema = lab_schema();
    let fields = Array::from(&get(&schema, "fields"));
    let keys: Vec<String> = fields.iter().map(|f| get(&f, "key").as_string().unwrap()).collect();
    assert_eq!(
        keys.join(" "),
        "dataset noise labelnoise points layers width init bias optimizer momentum lr batch l2 seed"
    );
    let label_noise = fields.iter().find(|f| get(f, "key") == "labelnoise").unwrap();
    assert_eq!(
        (get(&label_noise, "configKey"), get(&label_noise, "label"), get(&label_noise, "max").as_f64()),
        ("labelNoise".into(), "Label noise".into(), Some(0.5))
    );
    assert_eq!(get(&schema, "deadThreshold").as_f64(), Some(1e-3));
    let l2 = fields.iter().find(|f| get(f, "key") == "l2").unwrap();
    assert_eq!(
        (get(&l2, "configKey"), get(&l2, "label"), get(&l2, "kind")),
        ("weightDecay".into(), "L2 weight decay".into(), "number".into())
    );
    let lr = fields.iter().find(|f| get(f, "key") == "lr").unwrap();
    assert_eq!(
        (get(&lr, "scale"), get(&lr, "min").as_f64(), get(&lr, "max").as_f64()),
        ("log".into(), Some(1e-4), Some(10.0))
    );
    let momentum = fields.iter().find(|f| get(f, "key") == "momentum").unwrap();
    assert_eq!(get(&get(&momentum, "onlyWith"), "value"), "sgd");
    let seed = fields.iter().find(|f| get(f, "key") == "seed").unwrap();
    assert_eq!(get(&seed, "max").as_f64(), Some(9_007_199_254_740_991.0));
    let init = fields.iter().find(|f| get(f, "key") == "init").unwrap();
    assert_eq!(get(&Array::from(&get(&init, "choices")).get(0), "label"), "He normal");
    let presets = Array::from(&get(&schema, "presets"));
    assert_eq!(presets.length(), 5);
    let high = presets.get(1);
    assert_eq!((get(&high, "id"), get(&high, "label")), ("high_lr".into(), "High learning rate".into()));
    assert_eq!(get(&high, "steps").as_f64(), Some(300.0));
    let deep = presets.get(4);
    assert_eq!(
        (get(&deep, "id"), get(&get(&deep, "config"), "activation")),
        ("deep_sigmoid".into(), "sigmoid".into())
    );
    assert_eq!(Array::from(&get(&get(&deep, "config"), "hiddenWidths")).length(), 10);
    assert_eq!(get(&get(&high, "config"), "lr").as_f64(), Some(2.0));
    // Every preset's config builds a Lab.
    for preset in presets.iter() {
        Lab::new(get(&preset, "config")).unwrap();
    }
}

#[wasm_bindgen_test]
fn draw_lab_chart_from_cloned_data_matches_the_labs_own_charts() {
    let mut lab = Lab::new(json(r#"{"preset": "high_lr", "seed": 2}"#)).unwrap();
    for _ in 0..4 {
        lab.step(v(40.0)).unwrap();
        lab.stats();
    }
    let history = structured_clone(&lab.history().into());
    let stats = structured_clone(&lab.stats().into());
    let options = |theme: &str| json(&format!(r#"{{"theme": "{theme}", "scale": 1, "layer": 1}}"#));
    let (own, drawn) = (canvas(360, 220), canvas(360, 220));
    lab.draw_dead_chart(v(own.clone()), v("dark"), v(1.0)).unwrap();
    draw_lab_chart(v(drawn.clone()), v("dead"), history.clone(), stats.clone(), options("dark")).unwrap();
    assert_eq!(pixels(&own), pixels(&drawn), "dead chart");
    lab.draw_metric_chart(v(own.clone()), v("loss"), v("light"), v(1.0)).unwrap();
    draw_lab_chart(v(drawn.clone()), v("loss"), history.clone(), stats.clone(), options("light")).unwrap();
    assert_eq!(pixels(&own), pixels(&drawn), "loss chart");
    lab.draw_histogram(v(own.clone()), v(1), v("light"), v(1.0)).unwrap();
    draw_lab_chart(v(drawn.clone()), v("histogram"), JsValue::NULL, stats.clone(), options("light")).unwrap();
    assert_eq!(pixels(&own), pixels(&drawn), "histogram");
    // No statistics yet: axes only, like a new Lab's.
    let fresh = Lab::new(JsValue::UNDEFINED).unwrap();
    fresh.draw_dead_chart(v(own.clone()), v("light"), v(1.0)).unwrap();
    draw_lab_chart(
        v(drawn.clone()),
        v("dead"),
        structured_clone(&fresh.history().into()),
        JsValue::NULL,
        options("light"),
    )
    .unwrap();
    assert_eq!(pixels(&own), pixels(&drawn), "empty chart");
}

#[wasm_bindgen_test]
fn draw_lab_chart_names_the_bad_field() {
    let mut lab = Lab::new(JsValue::UNDEFINED).unwrap();
    let stats: JsValue = lab.stats().into();
    let history: JsValue = lab.history().into();
    let c = canvas(200, 150);
    let ok = json(r#"{"theme": "light", "scale": 1}"#);
    let bad = |kind: &str, history: JsValue, stats: JsValue, options: JsValue| {
        message(draw_lab_chart(v(c.clone()), v(kind), history, stats, options))
    };
    assert_eq!(
        bad("pie", history.clone(), stats.clone(), ok.clone()),
        "kind must be one of dead, loss, accuracy, histogram, got \"pie\""
    );
    assert!(
        bad("dead", json("{}"), stats.clone(), ok.clone()).contains("history.steps must be a Float64Array")
    );
    let short = json(r#"{"steps": [0, 1], "relu": {}, "other": {}}"#);
    assert!(bad("dead", short, stats.clone(), ok.clone()).contains("history.relu.dead must be"));
    assert!(bad("dead", history.clone(), stats.clone(), json(r#"{"theme": "sepia", "scale": 1}"#))
        .contains("theme must be"));
    assert!(bad("dead", history.clone(), stats.clone(), json(r#"{"theme": "light"}"#))
        .contains("scale is required"));
    assert!(bad(
        "histogram",
        JsValue::NULL,
        stats.clone(),
        json(r#"{"theme": "light", "scale": 1, "layer": 7}"#)
    )
    .contains("layer must be between 0 and 2, got 7"));
    assert!(bad("histogram", JsValue::NULL, json(r#"{"relu": {}}"#), ok.clone())
        .contains("stats.relu.layers must be an array"));
}

#[wasm_bindgen_test]
fn boundary_image_is_what_draw_boundary_paints() {
    let mut lab = Lab::new(json(r#"{"dataset": "spiral", "seed": 4}"#)).unwrap();
    lab.step(v(50.0)).unwrap();
    for side in ["relu", "other"] {
        let c = canvas(120, 90);
        lab.draw_boundary(v(c.clone()), v(side), v("dark"), v(2.0)).unwrap();
        let image = lab.boundary_image(v(side), v(120.0), v(90.0), v("dark"), v(2.0)).unwrap();
        assert_eq!(image.0.len(), 120 * 90 * 4);
        assert_eq!(pixels(&c), image.0, "{side}");
    }
    assert_eq!(
        message(lab.boundary_image(v("leaky"), v(100.0), v(100.0), v("light"), v(1.0))),
        "which must be \"relu\" or \"other\", got \"leaky\""
    );
    assert_eq!(
        message(lab.boundary_image(v("relu"), v(8.0), v(100.0), v("light"), v(1.0))),
        "image must be 16 to 4096 pixels a side, got 8×100"
    );
    assert!(message(lab.boundary_image(v("relu"), v(100.0), v(100.0), v("light"), v(0.0))).contains("scale"));
    assert!(message(lab.draw_boundary(v(canvas(10, 10)), v("relu"), v("light"), v(1.0)))
        .contains("canvas must be 16 to 4096"));
}

/// Calls method `name` of a JS object with `args`, through the generated JS glue (which borrows
/// a Lab's Rust state for the call, as a page's call does).
fn call(obj: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: js_sys::Function = get(obj, name).dyn_into().expect("a method");
    let list: Array = args.iter().collect();
    f.apply(obj, &list).map_err(|e| {
        let e: js_sys::Error = e.dyn_into().expect("a JS Error");
        String::from(e.message())
    })
}

#[wasm_bindgen_test]
fn a_failed_draw_leaves_the_lab_usable() {
    let lab: JsValue = Lab::new(json(r#"{"points": 100, "hiddenWidths": [4]}"#)).unwrap().into();
    let proxy = js_sys::Proxy::new(&Object::new(), &Object::new());
    let hostile = [JsValue::NULL, JsValue::UNDEFINED, Object::new().into(), v(3), proxy.into()];
    for canvas in &hostile {
        let error = |name: &str, args: &[JsValue]| call(&lab, name, args).expect_err("should throw");
        let light = [v("light"), v(1)];
        let message = error("drawDeadChart", &[canvas.clone(), light[0].clone(), light[1].clone()]);
        assert!(message.contains("canvas must be an HTMLCanvasElement, got"), "{message}");
        error("drawMetricChart", &[canvas.clone(), v("loss"), v("light"), v(1)]);
        error("drawHistogram", &[canvas.clone(), v(0), v("light"), v(1)]);
        error("drawBoundary", &[canvas.clone(), v("relu"), v("light"), v(1)]);
    }
    assert_eq!(
        message(plot_activation(
            JsValue::NULL,
            json(r#"{"kind": "function", "curves": [{"id": "relu"}], "xmin": -1, "xmax": 1}"#)
        )),
        "plotActivation: canvas must be an HTMLCanvasElement, got null"
    );
    // Not borrowed: a mutable call and free() go through.
    assert_eq!(call(&lab, "step", &[v(1)]).unwrap().as_f64(), Some(1.0));
    call(&lab, "free", &[]).unwrap();
}

#[wasm_bindgen_test]
fn a_canvas_or_context_with_shadowed_methods_is_refused_before_drawing() {
    let spec = || json(r#"{"kind": "function", "curves": [{"id": "relu"}], "xmin": -1, "xmax": 1}"#);
    let c = canvas(300, 200);
    let thrower = js_sys::Function::new_no_args("throw new Error('shadowed')");
    let ctx = c.get_context("2d").unwrap().unwrap();
    Reflect::set(&ctx, &"fillRect".into(), &thrower).unwrap();
    assert!(message(plot_activation(v(c.clone()), spec())).contains("2D context has its own properties"));
    let other = canvas(300, 200);
    Reflect::set(&other, &"getContext".into(), &thrower).unwrap();
    assert!(message(plot_activation(v(other), spec())).contains("own getContext property"));
    // A WebGL canvas has no 2D context.
    let gl = canvas(300, 200);
    if gl.get_context("webgl").ok().flatten().is_some() {
        assert!(message(plot_activation(v(gl), spec())).contains("no 2D context"));
    }
    plot_activation(v(canvas(300, 200)), spec()).unwrap();
}

#[wasm_bindgen_test]
fn render_svg_checks_sizes_as_given_in_the_browser_too() {
    let spec = || json(r#"{"curves": [{"id": "tanh"}], "xmin": -4, "xmax": 4}"#);
    assert!(message(render_svg(spec(), v(2f64.powi(32) + 100.0), v(450))).contains("got 4294967396×450"));
    assert!(message(render_svg(spec(), v("800"), v(450))).contains("width must be a finite number"));
    assert!(render_svg(spec(), v(640), v(300)).unwrap().starts_with("<svg"));
}
