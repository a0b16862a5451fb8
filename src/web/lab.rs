//! `Lab`: the twin-network experiment (ReLU beside another activation) for the page and for
//! embedding, with its charts.

use js_sys::{Array, Float32Array, Float64Array, Object};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::{js, lab_config};
use crate::activation::info;
use crate::mlp::{config::MAX_STEPS_PER_CALL, LabConfig, NetworkStats, StatsSummary, Twin, PRESETS};
use crate::mlp::{GridSpec, Trainer};
use crate::mlp::{TwinStats, TwinStatsJob};
use crate::plot::lab::{draw_histogram, draw_line_chart, paint_boundary, HistogramChart, LineChart, Series};
use crate::plot::Theme;

/// Colours of the two networks in every lab chart.
const RELU_COLOR: RGBColor = RGBColor(0xe0, 0x6c, 0x00);
const OTHER_COLOR: RGBColor = RGBColor(0x25, 0x63, 0xeb);
/// History entries kept; beyond it every other entry is dropped, so memory stays flat on long runs.
const MAX_HISTORY: usize = 2048;
/// Device pixels per decision-grid cell.
const BOUNDARY_CELL: usize = 3;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Lab configuration; every key is optional (the preset's or the default value is used). */
export interface LabConfig {
  preset?: "default" | "high_lr" | "negative_bias" | "deep_narrow";
  dataset?: "moons" | "circles" | "xor" | "blobs" | "spiral"; points?: number; noise?: number; dataSeed?: number;
  hiddenWidths?: number[]; hiddenLayers?: number; width?: number;
  /** Activation of the network trained beside the ReLU one (default leaky_relu). */
  activation?: string; params?: ActivationParams;
  init?: "he_normal" | "xavier_normal" | "xavier_uniform" | "uniform"; biasInit?: number;
  optimizer?: "sgd" | "adam"; momentum?: number; lr?: number; weightDecay?: number; batchSize?: number; seed?: number;
}
export interface LayerStats {
  dead: number; neurons: number; meanActivation: number;
  activationRate: Float32Array; deadMask: Uint8Array; revivedMask: Uint8Array;
  histogram: { min: number; max: number; counts: Uint32Array };
  preluSlope: number | null;
}
export interface NetworkStats {
  activation: string; label: string; step: number; dead: number; neurons: number; deadFraction: number;
  revived: number; trainLoss: number | null; testLoss: number | null; trainAccuracy: number | null; testAccuracy: number | null;
  divergedAt: number | null; layers: LayerStats[];
}
export interface LabStats { step: number; relu: NetworkStats; other: NetworkStats; }
"#;

type HistoryEntry = (u64, Option<StatsSummary>, Option<StatsSummary>);

/// Two networks, ReLU and another activation, trained in lockstep from the same initial weights
/// on the same batches, with a history of their statistics.
#[wasm_bindgen]
pub struct Lab {
    twin: Twin,
    /// `(twin step, ReLU, other)`; a network's entry is `None` once it has diverged.
    history: Vec<HistoryEntry>,
    last: Option<(NetworkStats, NetworkStats)>,
    /// The twin step `last` describes.
    last_step: Option<u64>,
    /// Statistics being taken in pieces (`startStats`).
    stats_job: Option<TwinStatsJob>,
    class: Vec<u8>,
    confidence: Vec<f32>,
}

#[wasm_bindgen]
impl Lab {
    /// Builds the dataset and both networks. Throws with a message naming any invalid field.
    /// `config` may be left out (`new Lab()`), `undefined` or `null`: the default configuration.
    /// Takes no statistics (on the largest networks they cost ~150 ms): the history starts with
    /// the first `stats()` or `finishStats()`, at step 0 if called before `step`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "LabConfig")] config: JsValue,
    ) -> Result<Lab, JsError> {
        let config = lab_config::from_js(&config).map_err(|e| JsError::new(&e))?;
        let twin = Twin::new(&config).map_err(|e| JsError::new(&e.to_string()))?;
        let lab = Lab {
            twin,
            history: vec![],
            last: None,
            last_step: None,
            stats_job: None,
            class: vec![],
            confidence: vec![],
        };
        Ok(lab)
    }

    /// The preset names, e.g. `"high_lr"`, and their full configurations.
    #[wasm_bindgen(unchecked_return_type = "{ id: string; config: LabConfig }[]")]
    pub fn presets() -> Array {
        PRESETS
            .iter()
            .filter_map(|&id| {
                let config = LabConfig::preset(id).ok()?;
                let obj = Object::new();
                js::set(&obj, "id", id);
                js::set(&obj, "config", lab_config::to_js(&config));
                Some(JsValue::from(obj))
            })
            .collect()
    }

    /// The configuration in use, with every key filled in.
    #[wasm_bindgen(unchecked_return_type = "LabConfig")]
    pub fn config(&self) -> Object {
        lab_config::to_js(self.twin.config())
    }

    /// Trains both networks `steps` more batches (at most 100 000 per call). Returns the total
    /// number of steps. A network whose loss becomes NaN or infinite stops (see `divergedAt`).
    pub fn step(&mut self, steps: f64) -> Result<f64, JsError> {
        if !(steps.is_finite() && steps >= 0.0 && steps.fract() == 0.0 && steps <= MAX_STEPS_PER_CALL as f64)
        {
            return Err(JsError::new(&format!(
                "steps must be a whole number from 0 to {MAX_STEPS_PER_CALL}, got {steps}"
            )));
        }
        let total = self.twin.step(steps as u64).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(total as f64)
    }

    /// Steps taken so far.
    #[wasm_bindgen(getter, js_name = stepCount)]
    pub fn step_count(&self) -> f64 {
        self.twin.steps() as f64
    }

    /// Whether both networks have diverged (nothing left to train).
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.twin.relu().diverged_at_step().is_some() && self.twin.other().diverged_at_step().is_some()
    }

    /// Statistics of both networks over the training set now; also appended to the history.
    /// Drops statistics started with `startStats` and not finished. When neither network has
    /// changed since the latest statistics (no step since), returns those again: on the largest
    /// networks they take ~150 ms to compute.
    #[wasm_bindgen(unchecked_return_type = "LabStats")]
    pub fn stats(&mut self) -> Object {
        self.stats_job = None;
        let step = self.twin.steps();
        if let (Some(last_step), Some((relu, other))) = (self.last_step, &self.last) {
            if last_step == step {
                return stats_object(step, relu, other);
            }
        }
        let stats = self.twin.stats();
        self.keep(step, stats)
    }

    /// Starts taking `stats()` in pieces, for a page that keeps each frame short on large
    /// networks: the statistics are those of both networks as they are now, even if training goes
    /// on. Call `continueStats()` once per piece, then `finishStats()`. Returns the number of
    /// pieces: one per layer, network and dataset (training and test set). Drops statistics
    /// started before and not finished.
    #[wasm_bindgen(js_name = startStats)]
    pub fn start_stats(&mut self) -> u32 {
        let job = self.twin.start_stats();
        let pieces = job.pieces() as u32;
        self.stats_job = Some(job);
        pieces
    }

    /// Runs the next piece of the statistics started by `startStats()`; returns whether all are
    /// done. Throws when none were started.
    #[wasm_bindgen(js_name = continueStats)]
    pub fn continue_stats(&mut self) -> Result<bool, JsError> {
        let job = self.stats_job.as_mut().ok_or_else(no_stats_job)?;
        Ok(self.twin.advance_stats(job))
    }

    /// The statistics started by `startStats()` (running any pieces left), appended to the
    /// history like `stats()`'s. Throws when none were started.
    #[wasm_bindgen(js_name = finishStats, unchecked_return_type = "LabStats")]
    pub fn finish_stats(&mut self) -> Result<Object, JsError> {
        let job = self.stats_job.take().ok_or_else(no_stats_job)?;
        let step = job.step();
        let stats = self.twin.finish_stats(job);
        Ok(self.keep(step, stats))
    }

    /// The recorded history: `steps` and, per network, dead count and fraction, losses,
    /// accuracies. After a network diverges its columns hold NaN (the charts end its line there).
    #[wasm_bindgen(
        unchecked_return_type = "{ steps: Float64Array; relu: Record<string, Float64Array>; other: Record<string, Float64Array> }"
    )]
    pub fn history(&self) -> Object {
        let obj = Object::new();
        let steps: Vec<f64> = self.history.iter().map(|h| h.0 as f64).collect();
        js::set(&obj, "steps", Float64Array::from(steps.as_slice()));
        type Column = (&'static str, fn(&StatsSummary) -> f64);
        let columns: [Column; 6] = [
            ("dead", |s| s.dead_count as f64),
            ("deadFraction", |s| s.dead_fraction),
            ("trainLoss", |s| s.train.loss),
            ("testLoss", |s| s.test.loss),
            ("trainAccuracy", |s| s.train.accuracy),
            ("testAccuracy", |s| s.test.accuracy),
        ];
        for (name, side) in [("relu", 0usize), ("other", 1)] {
            let net = Object::new();
            for (column, value) in columns {
                let values: Vec<f64> =
                    self.history.iter().map(|h| entry(h, side).map_or(f64::NAN, value)).collect();
                js::set(&net, column, Float64Array::from(values.as_slice()));
            }
            js::set(&obj, name, net);
        }
        obj
    }

    /// Dead fraction against step, both networks on one chart.
    #[wasm_bindgen(js_name = drawDeadChart)]
    pub fn draw_dead_chart(
        &self,
        canvas: &HtmlCanvasElement,
        theme: &str,
        scale: f64,
    ) -> Result<(), JsError> {
        let series = vec![
            self.series(0, |s| s.dead_fraction, false, ""),
            self.series(1, |s| s.dead_fraction, false, ""),
        ];
        self.draw_lines(canvas, theme, scale, series, "dead fraction", Some((0.0, 1.0)))
    }

    /// Loss (`"loss"`) or accuracy (`"accuracy"`) against step: train solid, test faint.
    #[wasm_bindgen(js_name = drawMetricChart)]
    pub fn draw_metric_chart(
        &self,
        canvas: &HtmlCanvasElement,
        metric: &str,
        theme: &str,
        scale: f64,
    ) -> Result<(), JsError> {
        type Metric = fn(&StatsSummary) -> f64;
        let (train, test): (Metric, Metric) = match metric {
            "loss" => (|s| s.train.loss, |s| s.test.loss),
            "accuracy" => (|s| s.train.accuracy, |s| s.test.accuracy),
            other => {
                return Err(JsError::new(&format!("metric must be \"loss\" or \"accuracy\", got {other:?}")))
            }
        };
        let series = vec![
            self.series(0, train, false, " train"),
            self.series(0, test, true, " test"),
            self.series(1, train, false, " train"),
            self.series(1, test, true, " test"),
        ];
        let y_range = if metric == "accuracy" { Some((0.0, 1.0)) } else { None };
        self.draw_lines(canvas, theme, scale, series, metric, y_range)
    }

    /// Histogram of layer `layer`'s pre-activations for both networks, from the latest statistics
    /// (axes without bars before any).
    #[wasm_bindgen(js_name = drawHistogram)]
    pub fn draw_histogram(
        &self,
        canvas: &HtmlCanvasElement,
        layer: usize,
        theme: &str,
        scale: f64,
    ) -> Result<(), JsError> {
        let layers = self.twin.config().hidden_widths.len();
        if layer >= layers {
            return Err(JsError::new(&format!("layer must be between 0 and {}, got {layer}", layers - 1)));
        }
        let taken = self
            .last
            .as_ref()
            .and_then(|(relu, other)| Some((relu, relu.layers.get(layer)?, other, other.layers.get(layer)?)));
        // One range for both, so the bars line up; a diverged network (pre-activations blown up
        // to ~1e10 or NaN) is left out rather than squashing the other into one bar.
        let alive: Vec<(&NetworkStats, &crate::mlp::LayerStats, RGBColor)> = taken
            .map_or(vec![], |(relu, a, other, b)| vec![(relu, a, RELU_COLOR), (other, b, OTHER_COLOR)])
            .into_iter()
            .filter(|(net, _, _)| net.diverged_at_step.is_none())
            .collect();
        let max = alive.iter().map(|(_, l, _)| l.histogram.max as f64).fold(0.0, f64::max).max(1e-6);
        let rebin = |h: &crate::mlp::Histogram| -> Vec<u32> {
            let bins = h.counts.len();
            let mut out = vec![0u32; bins];
            for (i, &c) in h.counts.iter().enumerate() {
                let centre = h.min as f64 + (i as f64 + 0.5) * h.bin_width() as f64;
                let j = (((centre + max) / (2.0 * max)) * bins as f64).floor() as usize;
                out[j.min(bins - 1)] += c;
            }
            out
        };
        let chart = HistogramChart {
            bars: alive
                .iter()
                .map(|(net, layer, color)| (label(net), *color, rebin(&layer.histogram)))
                .collect(),
            min: -max,
            max,
            theme: theme_by_name(theme)?,
            scale: check_scale(scale)?,
        };
        let root = backend(canvas)?.into_drawing_area();
        draw_histogram(&root, &chart).map_err(|e| JsError::new(&e.to_string()))?;
        root.present().map_err(|e| JsError::new(&e.to_string()))
    }

    /// The decision boundary of one network (`"relu"` or `"other"`) over the data, with the
    /// training points, filling the canvas.
    #[wasm_bindgen(js_name = drawBoundary)]
    pub fn draw_boundary(
        &mut self,
        canvas: &HtmlCanvasElement,
        which: &str,
        theme: &str,
        scale: f64,
    ) -> Result<(), JsError> {
        let theme = theme_by_name(theme)?;
        let scale = check_scale(scale)?;
        let (width, height) = (canvas.width() as usize, canvas.height() as usize);
        if !(16..=4096).contains(&width) || !(16..=4096).contains(&height) {
            return Err(JsError::new(&format!(
                "canvas must be 16 to 4096 pixels a side, got {width}×{height}"
            )));
        }
        let data = &self.twin.data().train;
        let classes = data.classes();
        let bounds = data_bounds(data.inputs());
        let (columns, rows) = (width.div_ceil(BOUNDARY_CELL), height.div_ceil(BOUNDARY_CELL));
        let grid =
            GridSpec { x_min: bounds.0, x_max: bounds.1, y_min: bounds.2, y_max: bounds.3, columns, rows };
        self.class.resize(columns * rows, 0);
        self.confidence.resize(columns * rows, 0.0);
        let trainer: &mut Trainer = match which {
            "relu" => self.twin.relu_mut(),
            "other" => self.twin.other_mut(),
            _ => return Err(JsError::new(&format!("which must be \"relu\" or \"other\", got {which:?}"))),
        };
        trainer
            .decision_grid(&grid, &mut self.class, &mut self.confidence)
            .map_err(|e| JsError::new(&e.to_string()))?;
        // Upsample the grid to the canvas (nearest cell), then paint the points at full resolution.
        let mut class = vec![0u8; width * height];
        let mut confidence = vec![0f32; width * height];
        for y in 0..height {
            for x in 0..width {
                let cell = (y / BOUNDARY_CELL) * columns + x / BOUNDARY_CELL;
                class[y * width + x] = self.class[cell];
                confidence[y * width + x] = self.confidence[cell];
            }
        }
        let data = &self.twin.data().train;
        let points: Vec<(f64, f64, u8)> = (0..data.len())
            .map(|i| {
                let (x, y) = data.point(i);
                let px = (x as f64 - bounds.0) / (bounds.1 - bounds.0) * width as f64;
                let py = (bounds.3 - y as f64) / (bounds.3 - bounds.2) * height as f64;
                (px, py, data.labels()[i])
            })
            .collect();
        let rgba =
            paint_boundary(&class, &confidence, classes, (width, height), &points, 3.5 * scale, &theme);
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), width as u32, height as u32)
            .map_err(|_| JsError::new("could not create the image"))?;
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| JsError::new("canvas has no 2D context"))?;
        ctx.put_image_data(&image, 0.0, 0.0).map_err(|_| JsError::new("could not draw the image"))
    }
}

impl Lab {
    /// Records `stats` (of twin step `step`) in the history and as the latest; returns them as JS.
    fn keep(&mut self, step: u64, stats: TwinStats) -> Object {
        let alive = |n: &NetworkStats| n.diverged_at_step.is_none().then(|| n.summary());
        self.record((step, alive(&stats.relu), alive(&stats.other)));
        let obj = stats_object(step, &stats.relu, &stats.other);
        self.last = Some((stats.relu, stats.other));
        self.last_step = Some(step);
        obj
    }

    /// Appends to the history (replacing an entry of the same step; steps never go back, since
    /// `stats()` and `startStats()` drop statistics in progress). When the history is full, every
    /// other entry is dropped, so memory stays flat however long the run; older stretches then
    /// have fewer points, which a chart of thousands of steps does not show.
    fn record(&mut self, entry: HistoryEntry) {
        if self.history.last().is_some_and(|h| h.0 == entry.0) {
            self.history.pop();
        }
        self.history.push(entry);
        if self.history.len() >= MAX_HISTORY {
            let mut index = 0;
            self.history.retain(|_| {
                index += 1;
                index % 2 == 1
            });
            self.history.push(entry);
        }
    }

    fn series(&self, side: usize, value: impl Fn(&StatsSummary) -> f64, faint: bool, suffix: &str) -> Series {
        let name = match (&self.last, side) {
            (Some((relu, _)), 0) => label(relu),
            (Some((_, other)), _) => label(other),
            (None, _) => String::new(),
        };
        Series {
            label: format!("{name}{suffix}"),
            color: if side == 0 { RELU_COLOR } else { OTHER_COLOR },
            faint,
            points: self.history.iter().filter_map(|h| Some((h.0 as f64, value(entry(h, side)?)))).collect(),
        }
    }

    fn draw_lines(
        &self,
        canvas: &HtmlCanvasElement,
        theme: &str,
        scale: f64,
        series: Vec<Series>,
        y_label: &str,
        y_range: Option<(f64, f64)>,
    ) -> Result<(), JsError> {
        let chart = LineChart {
            series,
            x_label: "step".into(),
            y_label: y_label.into(),
            y_range,
            markers: false,
            theme: theme_by_name(theme)?,
            scale: check_scale(scale)?,
        };
        let root = backend(canvas)?.into_drawing_area();
        draw_line_chart(&root, &chart).map_err(|e| JsError::new(&e.to_string()))?;
        root.present().map_err(|e| JsError::new(&e.to_string()))
    }
}

/// One network's statistics in a history entry (0: ReLU, 1: the other), if it had not diverged.
fn entry(h: &HistoryEntry, side: usize) -> Option<&StatsSummary> {
    if side == 0 {
        h.1.as_ref()
    } else {
        h.2.as_ref()
    }
}

/// "ReLU", "Leaky ReLU (0.01)", ...: the network's activation with its first parameter.
fn label(stats: &NetworkStats) -> String {
    info(stats.activation_id).map_or(stats.activation_id.to_owned(), |i| i.label.to_owned())
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
            js::set(&l, "neurons", layer.dead.len() as f64);
            js::set(&l, "meanActivation", finite(layer.mean_activation));
            js::set(&l, "activationRate", Float32Array::from(layer.activation_rate.as_slice()));
            let mask = |m: &[bool]| {
                js_sys::Uint8Array::from(m.iter().map(|&d| d as u8).collect::<Vec<_>>().as_slice())
            };
            js::set(&l, "deadMask", mask(&layer.dead));
            js::set(&l, "revivedMask", mask(&layer.revived));
            let h = Object::new();
            js::set(&h, "min", layer.histogram.min as f64);
            js::set(&h, "max", layer.histogram.max as f64);
            js::set(&h, "counts", js_sys::Uint32Array::from(layer.histogram.counts.as_slice()));
            js::set(&l, "histogram", h);
            js::set(&l, "preluSlope", layer.prelu_slope.map_or(JsValue::NULL, |s| JsValue::from(s as f64)));
            JsValue::from(l)
        })
        .collect();
    js::set(&obj, "layers", layers);
    obj
}

/// The data's bounding box, padded by 10% and made square, as (x_min, x_max, y_min, y_max).
fn data_bounds(inputs: &[f32]) -> (f64, f64, f64, f64) {
    let (mut x0, mut x1, mut y0, mut y1) =
        (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    for p in inputs.chunks_exact(2) {
        let (x, y) = (p[0] as f64, p[1] as f64);
        if x.is_finite() && y.is_finite() {
            (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
        }
    }
    if !x0.is_finite() {
        return (-1.0, 1.0, -1.0, 1.0);
    }
    let half = 0.55 * (x1 - x0).max(y1 - y0).max(1e-3);
    let (cx, cy) = (0.5 * (x0 + x1), 0.5 * (y0 + y1));
    (cx - half, cx + half, cy - half, cy + half)
}

pub(crate) fn theme_by_name(name: &str) -> Result<Theme, JsError> {
    Theme::by_name(name)
        .ok_or_else(|| JsError::new(&format!("theme must be \"light\" or \"dark\", got {name:?}")))
}

pub(crate) fn check_scale(scale: f64) -> Result<f64, JsError> {
    if !(0.25..=8.0).contains(&scale) {
        return Err(JsError::new(&format!(
            "scale (devicePixelRatio) must be between 0.25 and 8, got {scale}"
        )));
    }
    Ok(scale)
}

pub(crate) fn backend(canvas: &HtmlCanvasElement) -> Result<CanvasBackend, JsError> {
    if canvas.width() < 32 || canvas.height() < 32 || canvas.width() > 16_384 || canvas.height() > 16_384 {
        return Err(JsError::new(&format!(
            "canvas must be 32 to 16384 pixels a side, got {}×{}",
            canvas.width(),
            canvas.height()
        )));
    }
    CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| JsError::new("canvas has no 2D context"))
}

/// `LabStats` as JS.
fn stats_object(step: u64, relu: &NetworkStats, other: &NetworkStats) -> Object {
    let obj = Object::new();
    js::set(&obj, "step", step as f64);
    js::set(&obj, "relu", network_stats(relu));
    js::set(&obj, "other", network_stats(other));
    obj
}

fn no_stats_job() -> JsError {
    JsError::new("no statistics in progress: call startStats() first")
}
