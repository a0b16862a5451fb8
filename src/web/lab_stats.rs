//! The lab's statistics and history as plain JS objects (what `Lab.stats()` and `Lab.history()`
//! return), built from the core's types.

use js_sys::{Array, Float32Array, Float64Array, Object, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::js;
use crate::activation::info;
use crate::mlp::{Column, HistoryColumns, NetworkStats, Pair, Side};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Lab configuration; every key is optional (the preset's or the default value is used). */
export interface LabConfig {
  preset?: "default" | "high_lr" | "negative_bias" | "deep_narrow" | "deep_sigmoid";
  dataset?: "moons" | "circles" | "xor" | "blobs" | "spiral"; points?: number; noise?: number; dataSeed?: number;
  /** Share of the training labels flipped, 0 to 0.5 (test labels stay clean; drawn from dataSeed). */
  labelNoise?: number;
  hiddenWidths?: number[]; hiddenLayers?: number; width?: number;
  /** Activation of the network trained beside the ReLU one (default leaky_relu). */
  activation?: string; params?: ActivationParams;
  init?: "he_normal" | "xavier_normal" | "xavier_uniform" | "uniform" | "pytorch_default"; biasInit?: number;
  optimizer?: "sgd" | "adam"; momentum?: number; lr?: number; weightDecay?: number; batchSize?: number; seed?: number;
  /** Your own data instead of `dataset` (then `dataset`, `points` and `noise` are not used). */
  data?: LabData;
}
/** A Lab's own data: rows × features inputs, row-major, and a class index per row. */
export interface LabData {
  trainX: Float32Array; trainY: Uint8Array | Int32Array | Float64Array;
  testX: Float32Array; testY: Uint8Array | Int32Array | Float64Array;
  features: number;
  /** A class count (2 to 100), or one name per class. */
  classes: number | string[];
  /** Optional: the rows are width × height images (width × height must be features). */
  width?: number; height?: number;
}
export interface LayerStats {
  /** Dead: |f'(z)| <= deadThreshold (1e-3) on every training input. */
  dead: number;
  /** Inactive: pre-activation <= 0 on every training input. */
  inactive: number;
  neurons: number; meanActivation: number;
  activationRate: Float32Array; deadMask: Uint8Array; inactiveMask: Uint8Array;
  /** Revived: inactive at the previous stats call, not now. */
  revivedMask: Uint8Array;
  /** Per neuron, mean |f(z)| over the training set. */
  meanAbsOutput: Float32Array;
  /** Largest finite |z| over inputs and neurons. */
  maxAbsPreActivation: number;
  histogram: { min: number; max: number; counts: Uint32Array };
  preluSlope: number | null;
}
export interface NetworkStats {
  activation: string; label: string; step: number; dead: number; neurons: number; deadFraction: number;
  inactive: number; inactiveFraction: number;
  /** The output-most hidden layer (0-based) whose neurons are all dead: no gradient reaches the layers
   *  below it and the output is (nearly) the same for every input. null when there is none. */
  deadLayer: number | null;
  revived: number; trainLoss: number | null; testLoss: number | null; trainAccuracy: number | null; testAccuracy: number | null;
  divergedAt: number | null; layers: LayerStats[];
}
export interface LabStats { step: number; relu: NetworkStats; other: NetworkStats; }
"#;

/// "ReLU", "Leaky ReLU", ...: the name of the network's activation.
pub(crate) fn label(stats: &NetworkStats) -> String {
    info(stats.activation_id).map_or(stats.activation_id.to_owned(), |i| i.label.to_owned())
}

/// `LabStats` as JS.
pub(crate) fn stats_object(step: u64, stats: &Pair<NetworkStats>) -> Object {
    let obj = Object::new();
    js::set(&obj, "step", step as f64);
    for side in Side::BOTH {
        js::set(&obj, side.id(), network_stats(stats.get(side)));
    }
    obj
}

/// `Lab.history()`'s object: `steps`, and per network one `Float64Array` per column.
pub(crate) fn history_object(history: &HistoryColumns) -> Object {
    let obj = Object::new();
    js::set(&obj, "steps", Float64Array::from(history.steps.as_slice()));
    for side in Side::BOTH {
        let net = Object::new();
        for column in Column::ALL {
            js::set(&net, column.id(), Float64Array::from(history.nets.get(side).get(column)));
        }
        js::set(&obj, side.id(), net);
    }
    obj
}

fn network_stats(stats: &NetworkStats) -> Object {
    let obj = Object::new();
    let finite = |x: f64| if x.is_finite() { JsValue::from(x) } else { JsValue::NULL };
    js::set(&obj, "activation", stats.activation_id);
    js::set(&obj, "label", label(stats));
    js::set(&obj, "step", stats.step as f64);
    js::set(&obj, "dead", stats.dead_count as f64);
    js::set(&obj, "neurons", stats.neuron_count as f64);
    js::set(&obj, "deadFraction", stats.dead_fraction);
    js::set(&obj, "inactive", stats.inactive_count as f64);
    js::set(&obj, "inactiveFraction", stats.inactive_fraction);
    js::set(&obj, "deadLayer", stats.dead_layer.map_or(JsValue::NULL, |l| JsValue::from(l as f64)));
    js::set(&obj, "revived", stats.revived_total as f64);
    js::set(&obj, "trainLoss", finite(stats.train.loss));
    js::set(&obj, "testLoss", finite(stats.test.loss));
    js::set(&obj, "trainAccuracy", finite(stats.train.accuracy));
    js::set(&obj, "testAccuracy", finite(stats.test.accuracy));
    js::set(&obj, "divergedAt", stats.diverged_at_step.map_or(JsValue::NULL, |s| JsValue::from(s as f64)));
    let layers: Array = stats
        .layers
        .iter()
        .map(|layer| {
            let l = Object::new();
            js::set(&l, "dead", layer.dead_count as f64);
            js::set(&l, "inactive", layer.inactive_count as f64);
            js::set(&l, "neurons", layer.dead.len() as f64);
            js::set(&l, "meanActivation", finite(layer.mean_activation));
            js::set(&l, "activationRate", Float32Array::from(layer.activation_rate.as_slice()));
            let mask =
                |m: &[bool]| Uint8Array::from(m.iter().map(|&d| d as u8).collect::<Vec<_>>().as_slice());
            js::set(&l, "deadMask", mask(&layer.dead));
            js::set(&l, "inactiveMask", mask(&layer.inactive));
            js::set(&l, "meanAbsOutput", Float32Array::from(layer.mean_abs_output.as_slice()));
            js::set(&l, "maxAbsPreActivation", layer.max_abs_pre_activation as f64);
            js::set(&l, "revivedMask", mask(&layer.revived));
            let h = Object::new();
            js::set(&h, "min", layer.histogram.min as f64);
            js::set(&h, "max", layer.histogram.max as f64);
            js::set(&h, "counts", Uint32Array::from(layer.histogram.counts.as_slice()));
            js::set(&l, "histogram", h);
            js::set(&l, "preluSlope", layer.prelu_slope.map_or(JsValue::NULL, |s| JsValue::from(s as f64)));
            JsValue::from(l)
        })
        .collect();
    js::set(&obj, "layers", layers);
    obj
}
