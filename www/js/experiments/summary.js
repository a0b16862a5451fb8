/**
 * @file What a repeat over seeds showed, in numbers and one sentence, computed from its result
 * (nothing here is written by hand). Pure: it takes wasm's `pairedInterval` as an argument, so
 * node tests it.
 */

/**
 * @typedef {{ mean: number, low: number, high: number, n: number }} Interval
 * @typedef {{ dead: Float64Array, testAccuracy: Float64Array, diverged: Float64Array } & Record<string, Float64Array>} Metrics
 * @typedef {{ seeds: Float64Array, relu: Metrics, other: Metrics }} RepeatResult
 */

/**
 * Per-seed differences relu − other of `metric`, over the seeds where both networks finished
 * (a diverged run's metrics are NaN).
 * @param {RepeatResult} result
 * @param {string} metric
 * @returns {Float64Array}
 */
export function pairedDifferences(result, metric) {
  const relu = result.relu[metric];
  const other = result.other[metric];
  const out = [];
  for (let i = 0; i < relu.length; i += 1) {
    const d = relu[i] - other[i];
    if (Number.isFinite(d)) out.push(d);
  }
  return Float64Array.from(out);
}

/** @param {ArrayLike<number>} values */
const sum = (values) => Array.prototype.reduce.call(values, (a, b) => a + b, 0);

/**
 * The median of the finite values, or NaN without any.
 * @param {ArrayLike<number>} values
 */
export function median(values) {
  const v = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** A number for a sentence: at most 2 decimals, a minus sign. */
export function num(/** @type {number} */ x) {
  return String(Number(x.toFixed(Math.abs(x) >= 10 ? 1 : 2))).replace("-", "−");
}

/** A share as a percentage for a sentence, e.g. 0.712 → "71%". */
const pct = (/** @type {number} */ x) => `${Math.round(x * 100)}%`;

/**
 * Whether an interval lies above 0 ("above"), below ("below"), includes it ("both") or is
 * missing (fewer than two paired runs).
 * @param {Interval} interval
 * @returns {"above" | "below" | "both" | "none"}
 */
export function side(interval) {
  if (!(interval.n >= 2) || !Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return "none";
  if (interval.low > 0) return "above";
  if (interval.high < 0) return "below";
  return "both";
}

/**
 * The numbers and the sentence of a (possibly partial) repeat.
 * @param {RepeatResult} result
 * @param {{ steps: number, labels: [string, string], pairedInterval: (d: Float64Array) => Interval }} context
 */
export function summarize(result, { steps, labels: [relu, other], pairedInterval }) {
  const n = result.seeds.length;
  const dead = pairedInterval(pairedDifferences(result, "dead"));
  const accuracy = pairedInterval(pairedDifferences(result, "testAccuracy"));
  const diverged = [sum(result.relu.diverged), sum(result.other.diverged)];
  const runs = n === 1 ? "1 seed" : `${n} seeds`;
  const parts = [];
  const where = side(dead);
  if (where === "none") {
    parts.push(`Over ${runs} at ${steps} steps there are too few runs where both networks finished to compare their dead neurons.`);
  } else {
    const more = dead.mean >= 0 ? "more" : "fewer";
    const verdict =
      where === "both"
        ? "the interval includes 0, so these runs show no clear difference"
        : `the interval excludes 0: ${where === "above" ? relu : other} clearly has more`;
    parts.push(
      `Over ${runs} at ${steps} steps, ${relu} ended with ${num(Math.abs(dead.mean))} ${more} dead neurons than ${other} on average ` +
        `(95% interval of the paired difference ${num(dead.low)} to ${num(dead.high)}, ${dead.n} pairs); ${verdict}.`,
    );
  }
  const accRelu = median(result.relu.testAccuracy);
  const accOther = median(result.other.testAccuracy);
  if (Number.isFinite(accRelu) && Number.isFinite(accOther)) {
    parts.push(`Median test accuracy ${pct(accRelu)} vs ${pct(accOther)}.`);
  }
  parts.push(`Diverged: ${relu} ${diverged[0]} of ${n}, ${other} ${diverged[1]} of ${n}.`);
  return { n, dead, accuracy, diverged, sentence: parts.join(" ") };
}
