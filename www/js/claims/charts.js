/**
 * @file A claim card's charts, drawn on the main thread from a `ClaimResult` one per frame
 * (shared frame queue): the per-seed distribution of each group's primary metric, the paired
 * differences of every group with their 95% intervals, and for the dying claim the per-layer
 * gradient norms of the deep network at initialisation.
 */

import { fitCanvas } from "../runtime/canvas.js";
import { currentTheme } from "../runtime/env.js";
import { frameQueue } from "../runtime/frames.js";
import { displayEffect, metricInfo } from "./text.js";

/** Names of the two networks on every chart. */
const LABELS = ["ReLU", "Leaky ReLU (0.01)"];

/**
 * @param {{ id: string, wasm: any, onDrawError: (error: unknown) => void }} options
 */
export function createClaimCharts({ id, wasm, onDrawError }) {
  const root = document.createElement("div");
  root.className = "claim-charts";
  root.dataset.testid = "claim-charts";
  /** @type {any} */
  let shown = null;
  /** @type {Map<string, HTMLCanvasElement>} */
  const canvases = new Map();

  /** The canvas for `key`, created (in order) on first use. */
  function canvasFor(/** @type {string} */ key, /** @type {string} */ label, wide = false) {
    let canvas = canvases.get(key);
    if (!canvas) {
      canvas = document.createElement("canvas");
      canvas.className = wide ? "claim-chart claim-chart-wide" : "claim-chart";
      canvas.dataset.testid = `claim-chart-${key}`;
      canvas.setAttribute("role", "img");
      canvases.set(key, canvas);
      root.append(canvas);
    }
    canvas.setAttribute("aria-label", label);
    return canvas;
  }

  /** @type {Map<HTMLCanvasElement, { draw: (canvas: HTMLCanvasElement, scale: number) => void, job: any }>} */
  const jobs = new Map();

  /**
   * The frame job of `canvas`, now drawing with `draw(canvas, scale)`: one job per canvas, so
   * the frame queue coalesces repeated requests for it.
   */
  function job(/** @type {HTMLCanvasElement} */ canvas, /** @type {(canvas: HTMLCanvasElement, scale: number) => void} */ draw) {
    const known = jobs.get(canvas);
    if (known) {
      known.draw = draw;
      return known.job;
    }
    const entry = { draw, job: /** @type {any} */ (null) };
    entry.job = {
      visible: () => {
        const rect = canvas.getBoundingClientRect();
        return rect.bottom > -200 && rect.top < innerHeight + 200;
      },
      run() {
        const scale = fitCanvas(canvas);
        if (!scale) return;
        try {
          entry.draw(canvas, scale);
        } catch (error) {
          onDrawError(error);
        }
      },
    };
    jobs.set(canvas, entry);
    return entry.job;
  }

  function draw() {
    const r = shown;
    if (!r) return;
    const theme = currentTheme();
    const queued = [];
    const unit = r.effect.unit;
    const rows = r.groups.map((/** @type {any} */ g) => {
      const s = displayEffect({ ...g.interval, unit });
      return { label: `${g.label} (n = ${g.interval.n})`, mean: s.mean, low: s.low, high: s.high };
    });
    const intervals = canvasFor("intervals", `Paired differences, ${r.effect.measure}, with 95% intervals`, true);
    queued.push(
      job(intervals, (canvas, scale) =>
        wasm.drawIntervals(canvas, { title: `${r.effect.measure.charAt(0).toUpperCase()}${r.effect.measure.slice(1)}: mean and 95% interval per group`, unit: displayEffect({ mean: 0, low: 0, high: 0, unit }).unit ?? unit, rows, claimedSign: r.effect.claimedSign, theme, scale }),
      ),
    );
    for (const g of r.groups) {
      const metric = g.metrics[0];
      const info = metricInfo(metric);
      const canvas = canvasFor(`group-${g.key}`, `${info.label} per seed, ${g.label}`);
      const scaleOf = (/** @type {Float64Array} */ v) => (info.percent ? Float64Array.from(v, (x) => x * 100) : v);
      queued.push(
        job(canvas, (c, scale) =>
          wasm.drawDistribution(c, { title: `${info.label}: ${g.label}`, unit: info.unit, labels: LABELS, relu: scaleOf(g.relu[metric]), other: scaleOf(g.other[metric]), integer: info.integer, theme, scale }),
        ),
      );
    }
    if (r.gradient) {
      const gradient = r.gradient;
      const canvas = canvasFor("gradient", `Gradient norm per hidden layer, depth ${gradient.depth}`, true);
      const styleOf = (/** @type {string} */ a) => (a === "relu" ? "relu" : a === "sigmoid" || a === "tanh" ? a : "other");
      queued.push(
        job(canvas, (c, scale) =>
          wasm.drawGradientNorms(c, {
            title: `‖dL/dW‖ per hidden layer at initialisation, ${gradient.depth} layers`,
            series: gradient.series.map((/** @type {any} */ s) => ({ label: s.label, values: s.gradNorm, style: styleOf(s.activation) })),
            theme,
            scale,
          }),
        ),
      );
    }
    for (const j of queued) frameQueue.request(j);
  }

  return {
    root,
    /** @param {any} r a (partial) ClaimResult */
    show(r) {
      shown = r;
      draw();
    },
    redraw: draw,
  };
}
