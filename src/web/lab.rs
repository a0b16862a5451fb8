//! `Lab`: the twin-network experiment (ReLU beside another activation) for the page, a worker
//! and embedding, with its charts. Glue only: the core trains and records, `plot` draws.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, ImageData};

use super::canvas::{self, Canvas};
use super::error::js_error;
use super::lab_draw::{check_scale, checked, draw_histogram_on, draw_lines_with, theme_by_name};
use super::lab_stats::{history_object, label, stats_object};
use super::read;
use super::{lab_config, lab_schema};
use crate::mlp::config::MAX_STEPS_PER_CALL;
use crate::mlp::{History, HistoryEntry, NetworkStats, Pair, Side, Twin, TwinStats, TwinStatsJob};
use crate::plot::boundary::{boundary_image, BoundaryScratch};
use crate::plot::lab_charts::{
    histogram_chart, history_chart_view, HistoryView, LabChartKind, LayerHistogram,
};

/// Two networks, ReLU and another activation, trained in lockstep from the same initial weights
/// on the same batches, with a history of their statistics.
#[wasm_bindgen]
pub struct Lab {
    twin: Twin,
    history: History,
    /// The latest statistics, and the twin step they describe.
    last: Option<(u64, TwinStats)>,
    /// Statistics being taken in pieces (`startStats`).
    stats_job: Option<TwinStatsJob>,
    scratch: BoundaryScratch,
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
        let twin = Twin::new(&lab_config::from_js(&config).map_err(js_error)?).map_err(js_error)?;
        Ok(Lab {
            twin,
            history: History::new(),
            last: None,
            stats_job: None,
            scratch: BoundaryScratch::default(),
        })
    }

    /// The presets: id (e.g. `"high_lr"`), label, summary and full configuration (as `labSchema().presets`).
    #[wasm_bindgen(unchecked_return_type = "LabPreset[]")]
    pub fn presets() -> Array {
        lab_schema::presets()
    }

    /// The configuration in use, with every key filled in.
    #[wasm_bindgen(unchecked_return_type = "LabConfig")]
    pub fn config(&self) -> Object {
        lab_config::to_js(self.twin.config())
    }

    /// Trains both networks `steps` more batches (at most 100 000 per call). Returns the total
    /// number of steps. A network whose loss becomes NaN or infinite stops (see `divergedAt`).
    /// `steps` must be a number (`typeof` number): strings, booleans and arrays are refused.
    pub fn step(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] steps: JsValue,
    ) -> Result<f64, JsError> {
        let steps = read::whole(&steps, MAX_STEPS_PER_CALL as f64, "steps").map_err(js_error)?;
        Ok(self.twin.step(steps as u64).map_err(js_error)? as f64)
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
        match &self.last {
            Some((last_step, stats)) if *last_step == step => stats_object(step, stats),
            _ => {
                let stats = self.twin.stats();
                self.keep(step, stats)
            }
        }
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
    #[wasm_bindgen(unchecked_return_type = "LabHistory")]
    pub fn history(&self) -> Object {
        history_object(&self.history.columns())
    }

    /// Dead fraction against step, both networks on one chart.
    #[wasm_bindgen(js_name = drawDeadChart)]
    pub fn draw_dead_chart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"light\" | \"dark\"")] theme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] scale: JsValue,
    ) -> Result<(), JsError> {
        self.draw_history(&canvas, LabChartKind::Dead, &theme, &scale, "drawDeadChart")
    }

    /// Loss (`"loss"`) or accuracy (`"accuracy"`) against step: train solid, test faint.
    #[wasm_bindgen(js_name = drawMetricChart)]
    pub fn draw_metric_chart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"loss\" | \"accuracy\"")] metric: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"light\" | \"dark\"")] theme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] scale: JsValue,
    ) -> Result<(), JsError> {
        let metric = read::string_arg(&metric, "metric").map_err(js_error)?;
        let kind = match metric.as_str() {
            "loss" => LabChartKind::Loss,
            "accuracy" => LabChartKind::Accuracy,
            other => return Err(js_error(format!("metric must be \"loss\" or \"accuracy\", got {other:?}"))),
        };
        self.draw_history(&canvas, kind, &theme, &scale, "drawMetricChart")
    }

    /// Histogram of layer `layer`'s pre-activations for both networks, from the latest statistics
    /// (axes without bars before any).
    #[wasm_bindgen(js_name = drawHistogram)]
    pub fn draw_histogram(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] layer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"light\" | \"dark\"")] theme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] scale: JsValue,
    ) -> Result<(), JsError> {
        let layers = self.twin.config().hidden_widths.len();
        let last = format!("layer must be between 0 and {}", layers - 1);
        let layer = read::whole(&layer, (layers - 1) as f64, &last)
            .map_err(|_| js_error(format!("{last}, got {}", read::describe(&layer))))?
            as usize;
        let (theme, scale) = (theme_by_name(&theme)?, check_scale(&scale)?);
        let canvas = checked(&canvas, "drawHistogram")?;
        let labels = self.labels();
        let taken = self.last.as_ref().and_then(|(_, stats)| {
            let side = |side: Side| {
                let net: &NetworkStats = stats.get(side);
                let histogram = &net.layers.get(layer)?.histogram;
                Some(LayerHistogram {
                    label: labels.get(side),
                    histogram,
                    diverged: net.diverged_at_step.is_some(),
                })
            };
            Some(Pair { relu: side(Side::Relu)?, other: side(Side::Other)? })
        });
        draw_histogram_on(canvas, &histogram_chart(taken, theme, scale))
    }

    /// The decision boundary of one network (`"relu"` or `"other"`) over the data, with the
    /// training points, filling the canvas (as `boundaryImage` at the canvas's size).
    #[wasm_bindgen(js_name = drawBoundary)]
    pub fn draw_boundary(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"relu\" | \"other\"")] which: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"light\" | \"dark\"")] theme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] scale: JsValue,
    ) -> Result<(), JsError> {
        let Canvas { element: canvas, width, height } =
            canvas::canvas(&canvas, 1, "drawBoundary").map_err(js_error)?;
        let rgba = self.boundary_rgba(&which, width as usize, height as usize, &theme, &scale, "canvas")?;
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), width, height)
            .map_err(|_| js_error("could not create the image"))?;
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| js_error("canvas has no 2D context"))?;
        ctx.put_image_data(&image, 0.0, 0.0).map_err(|_| js_error("could not draw the image"))
    }

    /// The decision boundary of one network (`"relu"` or `"other"`) with the training points, as
    /// `width · height · 4` RGBA bytes (16 to 4096 pixels a side), without any DOM: a worker can
    /// compute it and post the buffer. `scale` is the devicePixelRatio (the points' size).
    #[wasm_bindgen(js_name = boundaryImage)]
    pub fn boundary_image(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "\"relu\" | \"other\"")] side: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] width: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] height: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"light\" | \"dark\"")] theme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] scale: JsValue,
    ) -> Result<Clamped<Vec<u8>>, JsError> {
        // Anything but a whole number is size 0, which the size check reports.
        let size = |x: &JsValue| match x.as_f64() {
            Some(x) if x.is_finite() && x >= 0.0 && x.fract() == 0.0 => x.min(1e9) as usize,
            _ => 0,
        };
        Ok(Clamped(self.boundary_rgba(&side, size(&width), size(&height), &theme, &scale, "image")?))
    }
}

impl Lab {
    /// The twin being trained (for the experiments' `gradientNorms`).
    pub(crate) fn twin(&self) -> &Twin {
        &self.twin
    }

    /// The twin, writable (predictions reuse a trainer's buffers).
    pub(crate) fn twin_mut(&mut self) -> &mut Twin {
        &mut self.twin
    }

    /// The dataset, shared with the twin (no copy).
    pub(crate) fn shared_data(&self) -> std::sync::Arc<crate::mlp::SplitDataset> {
        self.twin.shared_data()
    }

    /// Records `stats` (of twin step `step`) in the history and as the latest; returns them as JS.
    fn keep(&mut self, step: u64, stats: TwinStats) -> Object {
        let nets = stats.as_ref().map(|_, n| n.diverged_at_step.is_none().then(|| n.summary()));
        self.history.record(HistoryEntry { step, nets });
        let obj = stats_object(step, &stats);
        self.last = Some((step, stats));
        obj
    }

    /// The networks' names from the latest statistics (empty before any).
    fn labels(&self) -> Pair<String> {
        self.last.as_ref().map_or_else(Pair::default, |(_, stats)| stats.as_ref().map(|_, n| label(n)))
    }

    /// Draws a history chart; every argument is checked before anything is drawn.
    fn draw_history(
        &self,
        canvas: &JsValue,
        kind: LabChartKind,
        theme: &JsValue,
        scale: &JsValue,
        what: &str,
    ) -> Result<(), JsError> {
        let (theme, scale) = (theme_by_name(theme)?, check_scale(scale)?);
        let canvas = checked(canvas, what)?;
        // The default view (linear axes, the train-test gap shaded): what drawLabChart draws.
        let view = HistoryView::default();
        let (chart, extras) =
            history_chart_view(kind, &self.history.columns(), &self.labels(), theme, scale, view);
        draw_lines_with(canvas, &chart, &extras)
    }

    fn boundary_rgba(
        &mut self,
        side: &JsValue,
        width: usize,
        height: usize,
        theme: &JsValue,
        scale: &JsValue,
        what: &str,
    ) -> Result<Vec<u8>, JsError> {
        let side = read::string_arg(side, "which").map_err(js_error)?;
        let side = Side::from_id(&side, "which").map_err(js_error)?;
        let (theme, scale) = (theme_by_name(theme)?, check_scale(scale)?);
        let data = self.twin.shared_data();
        let trainer = self.twin.trainer_mut(side);
        boundary_image(trainer, &data.train, (width, height), &theme, scale, &mut self.scratch)
            .map_err(|e| js_error(e.message.replacen("boundary image", what, 1)))
    }
}

fn no_stats_job() -> JsError {
    js_error("no statistics in progress: call startStats() first")
}
