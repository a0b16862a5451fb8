//! The lab's wasm-drawn pictures: the shared line charts (dead fraction, loss, accuracy), the
//! pre-activation histogram, and each network's decision boundary. Canvas pixel size is kept at
//! CSS size × devicePixelRatio before every drawing, as plotters draws in canvas pixels.

/** Canvas side limits in device pixels: plotters charts, and the boundary's putImageData. */
const CHART_SIDE = [32, 16_384];
const BOUNDARY_SIDE = [16, 4096];

/**
 * Gives `canvas` a pixel size of its CSS box × devicePixelRatio (lowered to at most `maxScale`
 * and to stay within the `[min, max]` side limits). Returns the scale used, or 0 when the canvas is too small or hidden to draw.
 */
export function fitCanvas(canvas, [min, max] = CHART_SIDE, maxScale = Infinity) {
  const rect = canvas.getBoundingClientRect();
  if (!rect.width || !rect.height) return 0;
  const scale = Math.min(window.devicePixelRatio || 1, maxScale, max / rect.width, max / rect.height);
  const width = Math.round(rect.width * scale);
  const height = Math.round(rect.height * scale);
  if (width < min || height < min) return 0;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return Math.max(scale, 0.25);
}

/**
 * Pixels per CSS pixel of the decision boundaries, at most: the heatmap is painted pixel by pixel
 * in wasm (about 0.2 µs a pixel), so at devicePixelRatio 3 a full-resolution boundary would cost
 * ~90 ms, a long task. Scaled up by the browser it still looks smooth.
 */
export const BOUNDARY_MAX_SCALE = 1.5;
/** Largest boundary canvas side in device pixels (caps the cost of one boundary near 20 ms). */
const BOUNDARY_MAX_PIXELS = 360;
/** Smallest boundary canvas side when lowering the resolution for speed. */
const MIN_BOUNDARY_PIXELS = 60;
/** Aim for one boundary drawing to take about this long. */
const BOUNDARY_TARGET_MS = 8;

/**
 * @param {ParentNode} root holds the `canvas[data-chart]` elements
 * @param {HTMLCanvasElement[]} boundaries the decision-boundary canvases, ReLU first
 * @param {() => void} onResize called when any canvas changes size (redraw when paused)
 */
export function createLabCharts(root, boundaries, onResize) {
  const canvases = Object.fromEntries([...root.querySelectorAll("canvas[data-chart]")].map((c) => [c.dataset.chart, c]));
  const observer = new ResizeObserver(() => onResize());
  for (const canvas of [...Object.values(canvases), ...boundaries]) observer.observe(canvas);

  /** Draws one chart ("dead", "loss", "accuracy" or "histogram" of `layer`) from the lab. */
  function drawChart(lab, kind, theme, layer) {
    const canvas = canvases[kind];
    const scale = fitCanvas(canvas);
    if (!scale) return;
    if (kind === "dead") lab.drawDeadChart(canvas, theme, scale);
    else if (kind === "histogram") lab.drawHistogram(canvas, layer, theme, scale);
    else lab.drawMetricChart(canvas, kind, theme, scale);
  }

  // The boundary's cost grows with its pixels and with the network's size (every few pixels
  // is a forward pass): `quality` scales its resolution to keep one drawing near
  // BOUNDARY_TARGET_MS, down for big networks, back up for small ones.
  let quality = 1;

  /** Draws the decision boundary of network `index` (0 = ReLU, 1 = the other). */
  function drawBoundary(lab, index, theme) {
    const canvas = boundaries[index];
    const rect = canvas.getBoundingClientRect();
    const side = Math.max(rect.width, rect.height, 1);
    const cap = Math.max(MIN_BOUNDARY_PIXELS / side, quality * Math.min(BOUNDARY_MAX_SCALE, BOUNDARY_MAX_PIXELS / side));
    const scale = fitCanvas(canvas, BOUNDARY_SIDE, cap);
    if (!scale) return;
    const start = performance.now();
    lab.drawBoundary(canvas, index === 0 ? "relu" : "other", theme, scale);
    const ms = performance.now() - start;
    if (ms > BOUNDARY_TARGET_MS * 1.25) quality = Math.max(0.2, quality * Math.max(0.5, Math.sqrt(BOUNDARY_TARGET_MS / ms)));
    else if (ms < BOUNDARY_TARGET_MS / 2) quality = Math.min(1, quality * 1.25);
  }

  /** Everything at once (when paused: after a step, a reset, a resize or a theme change). */
  function drawAll(lab, theme, layer, withBoundaries = true) {
    for (const kind of Object.keys(canvases)) drawChart(lab, kind, theme, layer);
    if (withBoundaries) boundaries.forEach((_, index) => drawBoundary(lab, index, theme));
  }

  return { kinds: Object.keys(canvases), drawChart, drawBoundary, drawAll };
}
