/**
 * @file One activation chart, f(x) or f′(x), drawn by wasm's `plotActivation`: canvas sizing for
 * the pixel ratio, the curve colours of the Rust theme, and the PlotView kept for the hover layer
 * (it maps canvas pixels back to data), the previous one freed. The explorer and `<activation-plot>`
 * both draw through here.
 *
 * Each drawn canvas carries its geometry for tests and tools, in canvas pixels:
 * `data-plot-area="left,top,right,bottom"`, `data-x-range="xmin,xmax"`, `data-y-range="ymin,ymax"`,
 * and its text alternative as `aria-label`, computed from the data (chart-summary.js).
 */

import { labelChart } from "./chart-summary.js";
import { fitCanvas, matchCanvas } from "./runtime/canvas.js";

/** @typedef {import("../pkg/actviz.js").ActivationParams} ActivationParams */
/** @typedef {import("../pkg/actviz.js").PlotView} PlotView */

/**
 * The chart kinds, in page order.
 * @type {readonly ("function" | "derivative")[]}
 */
export const KINDS = Object.freeze(["function", "derivative"]);
/** Canvas side limits of `plotActivation`, in device pixels. */
const SIDE = Object.freeze([64, 16_384]);

/**
 * @typedef {object} ActivationChart one chart's canvases and its last drawing
 * @property {"function" | "derivative"} kind
 * @property {HTMLCanvasElement} canvas drawn by wasm
 * @property {HTMLCanvasElement | null} [overlay] a canvas over it, kept at the same pixel size
 * @property {PlotView | null} view
 *   the last drawing's PlotView (pixels ↔ data), null before the first
 * @property {string} [signature] what the last drawing was of (see `keepIfUnchanged`)
 */

/**
 * @typedef {object} ChartSpec what to draw (plotActivation's spec without `kind` and `scale`)
 * @property {{ id: string, params?: ActivationParams, color: string, label: string, title?: string }[]} curves
 *   main first; `title` is the curve's name for the text alternative (chart-summary.js's `curveTitle`)
 * @property {number} xmin
 * @property {number} xmax
 * @property {number | null} [ymin] fixed lower y bound of f(x) (f′ lives on another scale)
 * @property {number | null} [ymax]
 * @property {"light" | "dark"} theme
 * @property {boolean} [deadZone] shade where the main curve's |f′| ≤ deadGradient() (both charts)
 * @property {number | null} [dymin] fixed lower y bound of f′(x), or null (both) for automatic
 * @property {number | null} [dymax]
 * @property {boolean} [dlog] draw f′(x) as |f′(x)| on a log scale
 */

/**
 * Makes a chart record for `canvas` (and an optional overlay).
 * @param {"function" | "derivative"} kind
 * @param {HTMLCanvasElement} canvas
 * @param {HTMLCanvasElement | null} [overlay]
 * @returns {ActivationChart}
 */
export function activationChart(kind, canvas, overlay = null) {
  return { kind, canvas, overlay, view: null, signature: "" };
}

/**
 * @typedef {object} ChartWasm the part of the actviz module used here (a structural type: this
 *   module is shipped without the glue's path, which a bundle or the npm package moves)
 * @property {(canvas: HTMLCanvasElement, spec: any) => NonNullable<ActivationChart["view"]>} plotActivation
 * @property {(id: string, params: any, xs: Float64Array) => Float64Array} evaluate
 * @property {(id: string, params: any, xs: Float64Array) => Float64Array} derivative
 * @property {() => Record<"light" | "dark", ThemeColors>} theme
 *
 * @typedef {{ palette: string[], relu: string, other: string, background: string, grid: string,
 *   axis: string, text: string, muted: string, page: Record<string, string> }} ThemeColors
 *   one theme's colours, as wasm's `theme()` gives them (`page`: the pages' own, by CSS name)
 */

/** @type {WeakMap<object, ReturnType<ChartWasm["theme"]>>} */
const themes = new WeakMap();

/**
 * The curve colours by slot (0 = main curve) of a theme, from wasm's `theme()` (one home for colours).
 * @param {ChartWasm} wasm
 * @param {"light" | "dark"} theme
 * @returns {string[]}
 */
export function curvePalette(wasm, theme) {
  if (!themes.has(wasm)) themes.set(wasm, wasm.theme());
  return themes.get(wasm)[theme].palette;
}

/**
 * The colour of the curve in `slot`, cycling through the palette.
 * @param {string[]} palette
 * @param {number} slot
 */
export const slotColor = (palette, slot) => palette[slot % palette.length];

/**
 * Draws one chart: sizes its canvases to CSS size × devicePixelRatio, draws, swaps the PlotView.
 * @param {ChartWasm} wasm
 * @param {ActivationChart} chart
 * @param {ChartSpec} spec
 * @param {{ keepIfUnchanged?: boolean }} [options] skip the drawing when the spec and pixel size are
 *   those of the last one (resize and scheme notifications often change nothing)
 * @returns {"drawn" | "kept" | "hidden"} `hidden`: too small to draw (collapsed or mid-layout)
 */
export function drawActivationChart(wasm, chart, spec, { keepIfUnchanged = false } = {}) {
  const scale = fitCanvas(chart.canvas, SIDE);
  if (!scale) return "hidden";
  if (chart.overlay) matchCanvas(chart.overlay, chart.canvas);
  const fixed =
    chart.kind === "function"
      ? { ymin: spec.ymin ?? null, ymax: spec.ymax ?? null }
      : { ymin: spec.dymin ?? null, ymax: spec.dymax ?? null };
  const { dlog, dymin, dymax, ...rest } = spec;
  const full = { ...wasmSpec(rest), ...fixed, kind: chart.kind, scale, ...(chart.kind === "derivative" && dlog ? { ylog: true } : {}) };
  const signature = JSON.stringify([full, chart.canvas.width, chart.canvas.height]);
  if (keepIfUnchanged && chart.view && chart.signature === signature) return "kept";
  chart.signature = "";
  const view = wasm.plotActivation(chart.canvas, full);
  chart.view?.free();
  chart.view = view;
  chart.signature = signature;
  labelChart(chart.canvas, wasm, chart.kind, spec.curves, spec.xmin, spec.xmax);
  const dataset = chart.canvas.dataset;
  dataset.plotArea = Array.from(view.plotArea).join(",");
  dataset.xRange = `${spec.xmin},${spec.xmax}`;
  dataset.yRange = Array.from(view.yRange).join(",");
  return "drawn";
}

/**
 * A spec as wasm's `plotActivation` and `renderSvg` take it: the curves without their `title`
 * (the text alternative's name, which wasm does not know).
 * @template {{ curves: { title?: string }[] }} S
 * @param {S} spec
 * @returns {S}
 */
export function wasmSpec(spec) {
  return { ...spec, curves: spec.curves.map(({ title, ...curve }) => curve) };
}

/**
 * Frees a chart's PlotView (the drawing stays on the canvas).
 * @param {ActivationChart} chart
 */
export function releaseChart(chart) {
  chart.view?.free();
  chart.view = null;
  chart.signature = "";
}
