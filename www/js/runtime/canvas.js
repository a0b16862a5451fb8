/**
 * @file Canvas sizing for devicePixelRatio, shared by every page and the component. plotters draws
 * in canvas pixels and knows nothing of the pixel ratio, so each canvas gets a pixel size of its
 * CSS box × the ratio before it is drawn, and the scale is passed to wasm (fonts, margins, lines).
 */

/** Canvas side limits of wasm's plotters charts, in device pixels. */
export const CHART_SIDE = Object.freeze([32, 16_384]);

/**
 * Gives `canvas` a pixel size of its CSS box × devicePixelRatio (lowered to at most `maxScale`
 * and to stay within the `[min, max]` side limits).
 * @param {HTMLCanvasElement} canvas
 * @param {readonly number[]} [limits] `[min, max]` side in device pixels
 * @param {number} [maxScale] largest pixels per CSS pixel wanted
 * @returns {number} the scale used, or 0 when the canvas is too small or hidden to draw
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
 * Gives `canvas` the pixel size of `like` (an overlay drawn over a chart, pixel for pixel).
 * @param {HTMLCanvasElement} canvas
 * @param {HTMLCanvasElement} like
 */
export function matchCanvas(canvas, like) {
  if (canvas.width !== like.width) canvas.width = like.width;
  if (canvas.height !== like.height) canvas.height = like.height;
}
