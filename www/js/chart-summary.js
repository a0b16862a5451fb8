/**
 * @file Text alternatives of the activation charts, computed from the data: each curve's name
 * with its parameters under their PyTorch names, and the least and greatest value wasm's
 * `evaluate` (or `derivative`) gives over the drawn x range, e.g.
 * "Leaky ReLU, negative_slope 0.01: f(x) from -0.05 to 5 on [-5, 5]". The explorer and
 * `<activation-plot>` set it as each chart canvas's `aria-label` after a drawing (debounced, so a
 * dragged slider does not recompute it on every frame).
 */

/** Samples per curve over the x range, both ends included (so a monotone curve's ends are exact). */
const SAMPLES = 1001;
/** How long after the last drawing the label is recomputed (ms). */
const DEBOUNCE_MS = 200;

/**
 * @typedef {object} SummaryWasm the part of the actviz module used here
 * @property {(id: string, params: any, xs: Float64Array) => Float64Array} evaluate
 * @property {(id: string, params: any, xs: Float64Array) => Float64Array} derivative
 */

/**
 * @typedef {object} SummaryCurve
 * @property {string} id
 * @property {any} [params]
 * @property {string} [title] its name with parameters (`curveTitle`); else `label`
 * @property {string} label
 */

/**
 * A curve's name for a reader: the catalogue label, then each parameter as "name value".
 * @param {{ label: string, params: { name: string, default: number | string }[] }} info its catalogue entry
 * @param {Record<string, number | string>} [params]
 * @returns {string} e.g. "Leaky ReLU, negative_slope 0.01"
 */
export function curveTitle(info, params = {}) {
  const parts = info.params.map((p) => `${p.name} ${formatValue(params[p.name] ?? p.default)}`);
  return [info.label, ...parts].join(", ");
}

/**
 * The text alternative of one chart.
 * @param {SummaryWasm} wasm
 * @param {"function" | "derivative"} kind
 * @param {SummaryCurve[]} curves main first
 * @param {number} xmin
 * @param {number} xmax
 * @returns {string}
 */
export function chartSummary(wasm, kind, curves, xmin, xmax) {
  const symbol = kind === "function" ? "f(x)" : "f′(x)";
  const xs = new Float64Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i += 1) xs[i] = i === SAMPLES - 1 ? xmax : xmin + ((xmax - xmin) * i) / (SAMPLES - 1);
  const parts = curves.map((curve) => {
    const ys = kind === "function" ? wasm.evaluate(curve.id, curve.params ?? {}, xs) : wasm.derivative(curve.id, curve.params ?? {}, xs);
    let lo = Infinity;
    let hi = -Infinity;
    for (const y of ys) {
      if (!Number.isFinite(y)) continue;
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    const name = curve.title ?? curve.label;
    if (lo > hi) return `${name}: ${symbol} is not finite`;
    const [low, high] = [formatValue(lo), formatValue(hi)];
    // Equal to the digits shown (a constant, or a curve flatter than 3 digits): one value.
    return low === high ? `${name}: ${symbol} = ${low}` : `${name}: ${symbol} from ${low} to ${high}`;
  });
  return `${parts.join("; ")} on [${formatValue(xmin)}, ${formatValue(xmax)}]`;
}

/** @type {WeakMap<HTMLCanvasElement, ReturnType<typeof setTimeout>>} */
const pending = new WeakMap();
/** @type {WeakSet<HTMLCanvasElement>} canvases labelled at least once */
const labelled = new WeakSet();

/**
 * Sets `canvas`'s aria-label to `chartSummary(...)`: at once the first time, else once drawings
 * have paused for a moment. The arguments are those of the latest drawing. `data-summary` says
 * `"pending"` while a label is due, `"current"` once it matches the drawing.
 * @param {HTMLCanvasElement} canvas
 * @param {SummaryWasm} wasm
 * @param {"function" | "derivative"} kind
 * @param {SummaryCurve[]} curves
 * @param {number} xmin
 * @param {number} xmax
 */
export function labelChart(canvas, wasm, kind, curves, xmin, xmax) {
  const apply = () => {
    pending.delete(canvas);
    labelled.add(canvas);
    try {
      canvas.setAttribute("aria-label", chartSummary(wasm, kind, curves, xmin, xmax));
    } catch {
      // The drawing succeeded with these curves, so evaluating them should not fail; if it does,
      // the previous label stays rather than an error thrown from a timer.
    }
    canvas.dataset.summary = "current";
  };
  clearTimeout(pending.get(canvas));
  if (!labelled.has(canvas)) {
    apply();
    return;
  }
  canvas.dataset.summary = "pending";
  pending.set(canvas, setTimeout(apply, DEBOUNCE_MS));
}

/**
 * A number as short as it is exact to 3 significant digits: 5, -0.05, 0.01, 1.67e+6.
 * @param {number | string} value
 */
function formatValue(value) {
  if (typeof value !== "number") return String(value);
  const rounded = Number(value.toPrecision(3));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
