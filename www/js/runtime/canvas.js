/**
 * @file Canvas sizing for devicePixelRatio, shared by every page and the component. plotters draws
 * in canvas pixels and knows nothing of the pixel ratio, so each canvas gets a pixel size of its
 * CSS box × the ratio before it is drawn, and the scale is passed to wasm (fonts, margins, lines).
 *
 * The pixel size is bounded in area as well as in side: a chart filling a huge viewport (an
 * iframe of 8000 × 8000 CSS px at a ratio of 2 would be ~1 GB of pixels) is drawn at a lower
 * scale instead, which the browser stretches to the box.
 */

/** Canvas side limits of wasm's plotters charts, in device pixels. */
export const CHART_SIDE = Object.freeze([32, 16_384]);
/** Most device pixels one canvas may hold: 4096 × 4096 (64 MiB of RGBA). */
export const MAX_CANVAS_PIXELS = 4096 * 4096;

/**
 * The pixels per CSS pixel a canvas of `width` × `height` CSS pixels is drawn at: the pixel ratio,
 * lowered to at most `maxScale`, to keep each side within `maxSide` and the area within
 * `maxPixels`. Pure: node tests it.
 * @param {number} width CSS pixels (> 0)
 * @param {number} height CSS pixels (> 0)
 * @param {number} ratio devicePixelRatio
 * @param {{ maxSide?: number, maxScale?: number, maxPixels?: number }} [limits]
 * @returns {number}
 */
export function canvasScale(width, height, ratio, { maxSide = CHART_SIDE[1], maxScale = Infinity, maxPixels = MAX_CANVAS_PIXELS } = {}) {
  return Math.min(ratio || 1, maxScale, maxSide / width, maxSide / height, Math.sqrt(maxPixels / (width * height)));
}

/**
 * Gives `canvas` a pixel size of its CSS box × devicePixelRatio (lowered to at most `maxScale`,
 * to stay within the `[min, max]` side limits and within `MAX_CANVAS_PIXELS`).
 * @param {HTMLCanvasElement} canvas
 * @param {readonly number[]} [limits] `[min, max]` side in device pixels
 * @param {number} [maxScale] largest pixels per CSS pixel wanted
 * @returns {number} the scale used, or 0 when the canvas is too small or hidden to draw
 */
export function fitCanvas(canvas, [min, max] = CHART_SIDE, maxScale = Infinity) {
  const rect = canvas.getBoundingClientRect();
  if (!rect.width || !rect.height) return 0;
  const scale = canvasScale(rect.width, rect.height, window.devicePixelRatio, { maxSide: max, maxScale });
  let width = Math.round(rect.width * scale);
  let height = Math.round(rect.height * scale);
  if (width * height > MAX_CANVAS_PIXELS) {
    // Rounded up, the sides could take the area just past its limit; rounded down they cannot.
    width = Math.floor(rect.width * scale);
    height = Math.floor(rect.height * scale);
  }
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
