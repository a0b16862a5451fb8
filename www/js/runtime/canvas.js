/**
 * @file Canvas sizing: plotters draws in canvas pixels, so a canvas's pixel size is kept at its
 * CSS size × devicePixelRatio.
 */

/**
 * Gives `canvas` a pixel size of its CSS box × devicePixelRatio (lowered to at most `maxScale`
 * and to stay within the `[min, max]` side limits). Returns the scale used, or 0 when the canvas
 * is too small or hidden to draw.
 * @param {HTMLCanvasElement} canvas
 * @param {[number, number]} [limits]
 * @param {number} [maxScale]
 */
export function fitCanvas(canvas, [min, max] = [32, 16_384], maxScale = Infinity) {
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
