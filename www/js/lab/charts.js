/**
 * @file The lab's pictures on the page: the shared line charts (dead fraction, loss, accuracy) and
 * the pre-activation histogram, drawn by wasm (`drawLabChart`) from a worker snapshot's history
 * and statistics, and each network's decision boundary, which the worker sends as pixels.
 */

import { fitCanvas } from "../runtime/canvas.js";

/**
 * Device pixels per CSS pixel of the decision boundaries, at most: the worker paints them pixel
 * by pixel (about 0.2 µs a pixel, time taken from training); scaled up by the browser they still
 * look smooth.
 */
export const BOUNDARY_MAX_SCALE = 1.5;
/** Largest boundary canvas side in device pixels. */
const BOUNDARY_MAX_PIXELS = 360;
/** Smallest boundary side wasm paints. */
const BOUNDARY_MIN_PIXELS = 16;

/**
 * @param {ParentNode} root holds the `canvas[data-chart]` elements
 * @param {HTMLCanvasElement[]} boundaries the decision-boundary canvases, ReLU first
 * @param {() => void} onResize called when any canvas changes size
 */
export function createLabCharts(root, boundaries, onResize) {
  /** @type {Record<string, HTMLCanvasElement>} */
  const canvases = Object.fromEntries(
    [.../** @type {NodeListOf<HTMLCanvasElement>} */ (root.querySelectorAll("canvas[data-chart]"))].map((c) => [c.dataset.chart, c]),
  );
  const observer = new ResizeObserver(() => onResize());
  for (const canvas of [...Object.values(canvases), ...boundaries]) observer.observe(canvas);

  /** The boundaries' device pixels per CSS pixel, for their size on screen now. */
  function boundaryScale() {
    if (!boundaries.length) return 1;
    const rect = boundaries[0].getBoundingClientRect();
    const side = Math.max(rect.width, rect.height, 1);
    return Math.min(window.devicePixelRatio || 1, BOUNDARY_MAX_SCALE, BOUNDARY_MAX_PIXELS / side);
  }

  /** The boundaries' size in device pixels, or null while they are hidden or tiny. */
  function boundarySize() {
    if (!boundaries.length) return null;
    const rect = boundaries[0].getBoundingClientRect();
    const scale = boundaryScale();
    const width = Math.round(rect.width * scale);
    const height = Math.round(rect.height * scale);
    return width >= BOUNDARY_MIN_PIXELS && height >= BOUNDARY_MIN_PIXELS ? { width, height } : null;
  }

  /** Page-only view options of the line charts: log-scale step and loss axes. */
  const axes = { logSteps: false, logLoss: false };

  return {
    axes,
    kinds: Object.keys(canvases),
    boundaryScale,
    boundarySize,
    /**
     * Draws one chart ("dead", "loss", "accuracy" or "histogram" of `layer`) of a snapshot.
     * @param {any} wasm the actviz module
     * @param {string} kind
     * @param {import("./client.js").Snapshot} snapshot
     * @param {string} theme
     * @param {number} layer
     */
    drawChart(wasm, kind, snapshot, theme, layer) {
      const canvas = canvases[kind];
      const scale = fitCanvas(canvas);
      if (!scale) return;
      const options = kind === "histogram" ? { theme, scale, layer } : { theme, scale, layer, logSteps: axes.logSteps, logLoss: axes.logLoss };
      wasm.drawLabChart(canvas, kind, snapshot.history, snapshot.stats, options);
    },
    /**
     * Puts network `index`'s boundary pixels (0 = ReLU, 1 = the other) on its canvas.
     * @param {number} index
     * @param {NonNullable<import("./client.js").Snapshot["boundaries"]>} images
     */
    drawBoundary(index, images) {
      const canvas = boundaries[index];
      const { width, height } = images;
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const pixels = index === 0 ? images.relu : images.other;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("the boundary canvas has no 2D context");
      context.putImageData(new ImageData(/** @type {Uint8ClampedArray<ArrayBuffer>} */ (pixels), width, height), 0, 0);
    },
  };
}
