//! The experiments' JS surface: `repeatLab` / `RepeatRun` (the lab over seeds), `gradientFlow`,
//! `ClaimRun` and `claimProtocol` (the claims page), `pairedInterval`, and `Lab.gradientNorms()`.
//! Glue only: options are read and checked here, the core in `crate::experiments` computes.

use js_sys::{Float64Array, Object};
use wasm_bindgen::prelude::*;

use super::api::activation_from_js;
use super::error::js_error;
use super::experiments_js::{
    claim_protocol_object, claim_result_object, interval_object, repeat_result_object,
};
use super::lab::Lab;
use super::{lab_config, read};
use crate::experiments::claims::ClaimId;
use crate::experiments::{
    gradient_flow as flow, gradient_norms, paired_interval as interval, ClaimJob, GradientFlowConfig,
    RepeatJob, RepeatOptions, MAX_REPEAT_SEEDS, MAX_REPEAT_STEPS,
};
use crate::mlp::schema::MAX_SEED;
use crate::mlp::{whole_in_range, DatasetKind, LabError, WeightInit};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** How many seeds (from config.seed) and steps; varyData: a new dataset per seed (dataSeed = seed). */
export interface RepeatOptions { seeds: number; steps: number; varyData?: boolean; }
/** One network's end-of-run metrics, one entry per seed; NaN for a diverged run (diverged is 1 or 0). */
export interface RepeatMetrics {
  dead: Float64Array; inactive: Float64Array; trainLoss: Float64Array; testLoss: Float64Array;
  trainAccuracy: Float64Array; testAccuracy: Float64Array; diverged: Float64Array; oscillation: Float64Array;
}
export interface RepeatResult { seeds: Float64Array; relu: RepeatMetrics; other: RepeatMetrics; }
/** Options of gradientFlow; defaults: relu, depth 10, width 32, xavier_normal, biasInit 0, moons, 512 points, noise 0.1, 50 seeds, seed 1. */
export interface GradientFlowOptions {
  activation?: string; params?: ActivationParams; depth?: number; width?: number;
  init?: "he_normal" | "xavier_normal" | "xavier_uniform" | "uniform"; biasInit?: number;
  dataset?: "moons" | "circles" | "xor" | "blobs" | "spiral"; points?: number; noise?: number; seeds?: number; seed?: number;
}
export interface Interval { mean: number; low: number; high: number; n: number; }
export type ClaimVerdict = "supported" | "contradicted" | "no-difference";
export interface ClaimResult {
  id: "dying" | "oscillation" | "noise"; done: number; total: number;
  verdict: ClaimVerdict | "pending";
  effect: { measure: string; unit: string; claimedSign: 1 | -1; mean: number; low: number; high: number; n: number };
  groups: Array<{ key: number; label: string; metrics: string[];
    relu: Record<string, Float64Array>; other: Record<string, Float64Array>;
    interval: Interval; verdict: ClaimVerdict | "pending" }>;
  gradient?: { depth: number; series: Array<{ label: string; activation: string; gradNorm: Float64Array }>;
               interval: Interval; verdict: ClaimVerdict | "pending" };
}
"#;

/// The keys of `RepeatOptions` and of `GradientFlowOptions`.
const REPEAT_KEYS: [&str; 3] = ["seeds", "steps", "varyData"];
const FLOW_KEYS: [&str; 11] = [
    "activation",
    "params",
    "depth",
    "width",
    "init",
    "biasInit",
    "dataset",
    "points",
    "noise",
    "seeds",
    "seed",
];

/// Runs the lab config for `options.seeds` seeds from `config.seed` (both networks sharing init and
/// batches per seed) and returns every seed's end-of-run metrics. Throws on any invalid input.
#[wasm_bindgen(js_name = repeatLab, unchecked_return_type = "RepeatResult")]
pub fn repeat_lab(
    #[wasm_bindgen(unchecked_param_type = "LabConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RepeatOptions")] options: JsValue,
) -> Result<Object, JsError> {
    let mut run = RepeatRun::new(config, options)?;
    while !run.advance()? {}
    Ok(run.result())
}

/// A repeat over seeds run one seed per `advance()`, so a worker can report progress between seeds.
#[wasm_bindgen]
pub struct RepeatRun {
    job: RepeatJob,
}

#[wasm_bindgen]
impl RepeatRun {
    /// Checks the config and options (limits, work cap) without running anything.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "LabConfig")] config: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RepeatOptions")] options: JsValue,
    ) -> Result<RepeatRun, JsError> {
        let config = lab_config::from_js(&config).map_err(js_error)?;
        let options = repeat_options(&options).map_err(js_error)?;
        Ok(RepeatRun { job: RepeatJob::new(&config, options).map_err(js_error)? })
    }

    /// Runs the next seed; true when every seed is done.
    pub fn advance(&mut self) -> Result<bool, JsError> {
        self.job.advance().map_err(js_error)
    }

    /// Seeds done.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> u32 {
        self.job.done()
    }

    /// Seeds in all.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> u32 {
        self.job.total()
    }

    /// The seeds done so far and their metrics.
    #[wasm_bindgen(unchecked_return_type = "RepeatResult")]
    pub fn result(&self) -> Object {
        repeat_result_object(self.job.result())
    }
}

/// One claim's protocol run in small units (one seed of one group per `advance()`).
#[wasm_bindgen]
pub struct ClaimRun {
    job: ClaimJob,
}

#[wasm_bindgen]
impl ClaimRun {
    /// The run of claim `id`: `"dying"`, `"oscillation"` or `"noise"`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "\"dying\" | \"oscillation\" | \"noise\"")] id: JsValue,
    ) -> Result<ClaimRun, JsError> {
        let id = read::string_arg(&id, "claim").map_err(js_error)?;
        Ok(ClaimRun { job: ClaimJob::new(&id).map_err(js_error)? })
    }

    /// Runs one unit; true when every unit is done.
    pub fn advance(&mut self) -> Result<bool, JsError> {
        self.job.advance().map_err(js_error)
    }

    /// Units done.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> u32 {
        self.job.done() as u32
    }

    /// Units in all.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> u32 {
        self.job.total() as u32
    }

    /// The evidence so far; `verdict` is `"pending"` until every unit is done.
    #[wasm_bindgen(unchecked_return_type = "ClaimResult")]
    pub fn result(&self) -> Object {
        claim_result_object(&self.job.result())
    }
}

/// The numbers of claim `id`'s protocol (settings, seeds, steps), for the page to state.
#[wasm_bindgen(js_name = claimProtocol, unchecked_return_type = "Record<string, unknown>")]
pub fn claim_protocol(
    #[wasm_bindgen(unchecked_param_type = "\"dying\" | \"oscillation\" | \"noise\"")] id: JsValue,
) -> Result<Object, JsError> {
    let id = read::string_arg(&id, "claim").map_err(js_error)?;
    claim_protocol_object(ClaimId::from_id(&id).map_err(js_error)?).map_err(js_error)
}

/// The mean of the finite `differences` and its 95% Student t interval (`level` 0.95).
#[wasm_bindgen(js_name = pairedInterval, unchecked_return_type = "Interval & { level: number }")]
pub fn paired_interval(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] differences: JsValue,
) -> Result<Object, JsError> {
    let values = read::numbers(&differences, 10_000_000, "differences").map_err(js_error)?;
    let obj = interval_object(&interval(&values));
    super::js::set(&obj, "level", crate::experiments::verdict::LEVEL);
    Ok(obj)
}

/// Per hidden layer, the median over seeds of ‖dL/dW_l‖_F at initialisation.
#[wasm_bindgen(js_name = gradientFlow, unchecked_return_type = "{ gradNorm: Float64Array }")]
pub fn gradient_flow(
    #[wasm_bindgen(unchecked_param_type = "GradientFlowOptions | undefined")] options: JsValue,
) -> Result<Object, JsError> {
    let config = flow_config(&options).map_err(js_error)?;
    let norms = flow(&config).map_err(js_error)?;
    let obj = Object::new();
    super::js::set(&obj, "gradNorm", Float64Array::from(norms.as_slice()));
    Ok(obj)
}

#[wasm_bindgen]
impl Lab {
    /// Per hidden layer of each network as it is now, ‖dL/dW_l‖_F over the whole training set.
    #[wasm_bindgen(js_name = gradientNorms, unchecked_return_type = "{ relu: Float64Array; other: Float64Array }")]
    pub fn gradient_norms(&self) -> Object {
        let twin = self.twin();
        let obj = Object::new();
        for (key, trainer) in [("relu", twin.relu()), ("other", twin.other())] {
            let norms = gradient_norms(trainer.network(), &twin.data().train);
            super::js::set(&obj, key, Float64Array::from(norms.as_slice()));
        }
        obj
    }
}

/// `RepeatOptions` from JS: seeds and steps required, varyData optional (false).
fn repeat_options(options: &JsValue) -> Result<RepeatOptions, String> {
    let what = "repeat options";
    if options.is_undefined() || options.is_null() {
        return Err(format!("{what} are required: {{ seeds: 20, steps: 300 }}"));
    }
    read::only_keys(options, &REPEAT_KEYS, what, "{ seeds: 20, steps: 300, varyData: false }")?;
    let seeds =
        whole_in_range("seeds", read::number(options, "seeds", what)?, 1, u64::from(MAX_REPEAT_SEEDS))
            .map_err(|e| e.to_string())?;
    let steps = whole_in_range("steps", read::number(options, "steps", what)?, 1, MAX_REPEAT_STEPS)
        .map_err(|e| e.to_string())?;
    let vary = read::get(options, "varyData", what)?;
    let vary_data = match vary.as_bool() {
        Some(b) => b,
        None if vary.is_undefined() || vary.is_null() => false,
        None => return Err(format!("{what}: varyData must be true or false, got {}", read::describe(&vary))),
    };
    Ok(RepeatOptions { seeds: seeds as u32, steps, vary_data })
}

/// `GradientFlowOptions` from JS over [`GradientFlowConfig::default`]; the core checks the ranges.
fn flow_config(options: &JsValue) -> Result<GradientFlowConfig, String> {
    let what = "gradientFlow";
    let mut config = GradientFlowConfig::default();
    if options.is_undefined() || options.is_null() {
        return Ok(config);
    }
    read::only_keys(options, &FLOW_KEYS, "gradientFlow: options", "{ activation: \"sigmoid\", depth: 10 }")?;
    let id = read::optional_string(options, "activation", what)?.unwrap_or_else(|| "relu".into());
    config.activation = activation_from_js(&id, &read::get(options, "params", what)?)?;
    let count = |key: &str, field: &'static str, max: u64| -> Result<Option<u64>, String> {
        read::optional_number(options, key, what)?
            .map(|x| whole_in_range(field, x, 1, max))
            .transpose()
            .map_err(|e: LabError| e.to_string())
    };
    if let Some(depth) = count("depth", "depth", crate::experiments::MAX_FLOW_DEPTH as u64)? {
        config.depth = depth as usize;
    }
    if let Some(width) = count("width", "width", crate::experiments::MAX_FLOW_WIDTH as u64)? {
        config.width = width as usize;
    }
    if let Some(seeds) = count("seeds", "seeds", u64::from(crate::experiments::MAX_FLOW_SEEDS))? {
        config.seeds = seeds as u32;
    }
    if let Some(points) = count("points", "dataset size", 1_000_000)? {
        config.points = points as usize;
    }
    if let Some(seed) = read::optional_number(options, "seed", what)? {
        config.seed = whole_in_range("seed", seed, 0, MAX_SEED as u64).map_err(|e| e.to_string())?;
    }
    if let Some(init) = read::optional_string(options, "init", what)? {
        config.init = WeightInit::from_id(&init).map_err(|e| e.to_string())?;
    }
    if let Some(dataset) = read::optional_string(options, "dataset", what)? {
        config.dataset = DatasetKind::from_id(&dataset).map_err(|e| e.to_string())?;
    }
    if let Some(bias) = read::optional_number(options, "biasInit", what)? {
        config.bias_init = bias;
    }
    if let Some(noise) = read::optional_number(options, "noise", what)? {
        config.noise = noise;
    }
    Ok(config)
}
