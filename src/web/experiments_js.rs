//! The experiments' results and protocols as plain JS objects (typed arrays for per-seed values).

use js_sys::{Array, Float64Array, Object};
use wasm_bindgen::JsValue;

use super::js::set;
use crate::experiments::claims::{ClaimId, DYING, NOISE, OSCILLATION};
use crate::experiments::repeat::METRIC_IDS;
use crate::experiments::{ClaimResult, Interval, RepeatResult, SideMetrics, Verdict};
use crate::mlp::LabError;

/// `{ seeds, relu, other }` with one `Float64Array` per metric.
pub fn repeat_result_object(result: &RepeatResult) -> Object {
    let obj = Object::new();
    set(&obj, "seeds", Float64Array::from(result.seeds.as_slice()));
    set(&obj, "relu", metrics_object(&result.relu));
    set(&obj, "other", metrics_object(&result.other));
    obj
}

fn metrics_object(side: &SideMetrics) -> Object {
    let obj = Object::new();
    for id in METRIC_IDS {
        set(&obj, id, Float64Array::from(side.by_id(id).unwrap_or(&[])));
    }
    obj
}

/// `{ mean, low, high, n }`.
pub fn interval_object(interval: &Interval) -> Object {
    let obj = Object::new();
    set(&obj, "mean", interval.mean);
    set(&obj, "low", interval.low);
    set(&obj, "high", interval.high);
    set(&obj, "n", interval.n as f64);
    obj
}

fn verdict_id(verdict: Option<Verdict>) -> &'static str {
    verdict.map_or("pending", Verdict::id)
}

/// The `ClaimResult` object (see the TypeScript interface in `experiments.rs`).
pub fn claim_result_object(result: &ClaimResult) -> Object {
    let obj = Object::new();
    set(&obj, "id", result.id.id());
    set(&obj, "done", result.done as f64);
    set(&obj, "total", result.total as f64);
    set(&obj, "verdict", verdict_id(result.verdict));
    let effect = interval_object(&result.effect.interval);
    set(&effect, "measure", result.effect.measure);
    set(&effect, "unit", result.effect.unit);
    set(&effect, "claimedSign", result.effect.claimed_sign);
    set(&obj, "effect", effect);
    let groups: Array = result
        .groups
        .iter()
        .map(|group| {
            let g = Object::new();
            set(&g, "key", group.key);
            set(&g, "label", group.label.as_str());
            set(&g, "metrics", group.metrics.iter().map(|&m| JsValue::from(m)).collect::<Array>());
            for (key, values) in [("relu", &group.relu), ("other", &group.other)] {
                let side = Object::new();
                for (id, values) in group.metrics.iter().zip(values) {
                    set(&side, id, Float64Array::from(values.as_slice()));
                }
                set(&g, key, side);
            }
            set(&g, "interval", interval_object(&group.interval));
            set(&g, "verdict", verdict_id(group.verdict));
            JsValue::from(g)
        })
        .collect();
    set(&obj, "groups", groups);
    if let Some(gradient) = &result.gradient {
        let g = Object::new();
        set(&g, "depth", gradient.depth as f64);
        let series: Array = gradient
            .series
            .iter()
            .map(|s| {
                let o = Object::new();
                set(&o, "label", s.label);
                set(&o, "activation", s.activation);
                set(&o, "gradNorm", Float64Array::from(s.grad_norm.as_slice()));
                JsValue::from(o)
            })
            .collect();
        set(&g, "series", series);
        set(&g, "interval", interval_object(&gradient.interval));
        set(&g, "verdict", verdict_id(gradient.verdict));
        set(&obj, "gradient", g);
    }
    obj
}

fn numbers(values: impl IntoIterator<Item = f64>) -> Array {
    values.into_iter().map(JsValue::from).collect()
}

/// The protocol's numbers, read from the core's constants.
pub fn claim_protocol_object(id: ClaimId) -> Result<Object, LabError> {
    let obj = Object::new();
    set(&obj, "id", id.id());
    match id {
        ClaimId::Dying => {
            let (_, steps) = DYING.config()?;
            set(&obj, "preset", DYING.preset);
            set(&obj, "steps", steps as f64);
            set(&obj, "seeds", f64::from(DYING.seeds));
            let p = DYING.gradient;
            let gradient = Object::new();
            set(&gradient, "depth", p.depth as f64);
            set(&gradient, "width", p.width as f64);
            set(&gradient, "seeds", f64::from(p.seeds));
            set(&gradient, "seed", p.seed as f64);
            set(&gradient, "dataset", p.dataset.id());
            set(&gradient, "points", p.points as f64);
            set(&gradient, "noise", p.noise);
            let series: Array = p
                .series
                .iter()
                .map(|(label, activation, init)| {
                    let s = Object::new();
                    set(&s, "label", *label);
                    set(&s, "activation", activation.id());
                    set(&s, "init", init.id());
                    JsValue::from(s)
                })
                .collect();
            set(&gradient, "series", series);
            set(&obj, "gradient", gradient);
        }
        ClaimId::Oscillation => {
            let p = OSCILLATION;
            set(&obj, "dataset", p.dataset.id());
            set(&obj, "points", p.points as f64);
            set(&obj, "noise", p.noise);
            set(&obj, "hiddenWidths", numbers(p.hidden_widths.iter().map(|&w| w as f64)));
            set(&obj, "init", p.init.id());
            set(&obj, "optimizer", p.optimizer.id());
            set(&obj, "batchSize", p.batch_size as f64);
            set(&obj, "steps", p.steps as f64);
            set(&obj, "learningRates", numbers(p.learning_rates.iter().copied()));
            set(&obj, "seeds", f64::from(p.seeds));
            set(&obj, "window", p.window as f64);
        }
        ClaimId::Noise => {
            let p = NOISE;
            set(&obj, "dataset", p.dataset.id());
            set(&obj, "points", p.points as f64);
            set(&obj, "noise", p.noise);
            set(&obj, "labelNoise", numbers(p.label_noise.iter().copied()));
            set(&obj, "hiddenWidths", numbers(p.hidden_widths.iter().map(|&w| w as f64)));
            set(&obj, "init", p.init.id());
            set(&obj, "optimizer", p.optimizer.id());
            set(&obj, "lr", p.learning_rate);
            set(&obj, "batchSize", p.batch_size as f64);
            set(&obj, "steps", p.steps as f64);
            set(&obj, "seeds", f64::from(p.seeds));
        }
    }
    Ok(obj)
}
