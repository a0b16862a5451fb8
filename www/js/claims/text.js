/**
 * @file The words of the claims page built from numbers: each protocol in plain language (its
 * numbers from wasm's `claimProtocol(id)`), the verdict's badge, and the sentence that states the
 * effect with its 95% interval (from a `ClaimResult`). Pure: node tests it without a browser.
 */

/** @typedef {"dying" | "oscillation" | "noise"} ClaimId */
/** @typedef {"pending" | "running" | "supported" | "contradicted" | "no-difference"} CardVerdict */
/** @typedef {{ mean: number, low: number, high: number, n: number }} Interval */

/** Every claim, in page order. */
export const CLAIM_IDS = /** @type {const} */ (["dying", "oscillation", "noise"]);

/**
 * Each claim as tutorials put it, and what we test in its place.
 * @type {Record<ClaimId, { title: string, tutorial: string, ours: string }>}
 */
export const CLAIMS = {
  dying: {
    title: "Leaky ReLU keeps neurons alive and gradients flowing",
    tutorial: "“Leaky ReLU fixes the dying ReLU problem: its small negative slope keeps neurons from dying and gradients from vanishing.”",
    ours: "After training at a high learning rate, the ReLU network has more dead neurons than its Leaky ReLU twin; and in a deep network at initialisation, Leaky ReLU keeps more gradient at the first layer than ReLU.",
  },
  oscillation: {
    title: "Leaky ReLU oscillates less at large learning rates",
    tutorial: "“With Leaky ReLU, training at large learning rates is more stable: the loss oscillates less.”",
    ours: "Trained with plain SGD at the same large learning rate, the ReLU network's loss jumps around more often than its Leaky ReLU twin's (a run that diverges counts as the most unstable of all).",
  },
  noise: {
    title: "Leaky ReLU overfits less on noisy labels",
    tutorial: "“Leaky ReLU is more robust: it overfits less when the training labels are noisy.”",
    ours: "When some training labels are flipped, the gap between train and test accuracy (how much the network memorised the noise) is larger for ReLU than for Leaky ReLU.",
  },
};

/** What a verdict means, for the badge and the sentence after it. */
export const VERDICTS = {
  pending: { label: "Not run yet", meaning: "" },
  running: { label: "Running…", meaning: "" },
  supported: { label: "Supported", meaning: "the whole 95% interval lies on the side the claim predicts" },
  contradicted: { label: "Contradicted", meaning: "the whole 95% interval lies on the other side: the data say the opposite of the claim" },
  "no-difference": { label: "No difference", meaning: "the 95% interval contains 0: these runs cannot tell the two networks apart" },
};

/**
 * The badge word of a verdict (unknown ids are shown as they are, never as a verdict).
 * @param {string} verdict
 */
export function verdictLabel(verdict) {
  return VERDICTS[/** @type {keyof typeof VERDICTS} */ (verdict)]?.label ?? verdict;
}

/** Labels and how to show each per-seed metric a ClaimResult group may hold. */
export const METRICS = {
  dead: { label: "Dead neurons", unit: "neurons", integer: true, percent: false },
  inactive: { label: "Inactive neurons", unit: "neurons", integer: true, percent: false },
  testAccuracy: { label: "Test accuracy", unit: "%", integer: false, percent: true },
  trainAccuracy: { label: "Train accuracy", unit: "%", integer: false, percent: true },
  gap: { label: "Train − test accuracy gap", unit: "percentage points", integer: false, percent: true },
  diverged: { label: "Diverged", unit: "1 = diverged", integer: true, percent: false },
  oscillation: { label: "Oscillation (mean |ΔL| per step)", unit: "loss", integer: false, percent: false },
  trainLoss: { label: "Train loss", unit: "loss", integer: false, percent: false },
  testLoss: { label: "Test loss", unit: "loss", integer: false, percent: false },
};

/**
 * A metric's label and look; an unknown id is labelled with itself.
 * @param {string} id
 */
export function metricInfo(id) {
  return METRICS[/** @type {keyof typeof METRICS} */ (id)] ?? { label: id, unit: "", integer: false, percent: false };
}

/**
 * A number for a reader: 3 significant digits, thin signs, no "-0".
 * @param {number} x
 * @param {{ sign?: boolean }} [options] `sign`: always write + or −
 */
export function formatNumber(x, { sign = false } = {}) {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "n/a" : x > 0 ? "∞" : "−∞";
  const abs = Math.abs(x);
  let text;
  if (abs === 0) text = "0";
  else if (abs >= 1000 || abs < 0.001) text = abs.toExponential(2).replace("e", "×10^").replace("^+", "^");
  else text = String(Number(abs.toPrecision(3)));
  const minus = x < 0 && text !== "0";
  return `${minus ? "−" : sign && text !== "0" ? "+" : ""}${text}`;
}

/**
 * Whether an effect's unit is a difference of accuracies (fractions in [0, 1] shown as points).
 * @param {string} unit
 */
const isAccuracyUnit = (unit) => /accuracy/.test(unit);

/**
 * The effect's numbers in the unit a reader sees: accuracy differences as percentage points.
 * @param {{ mean: number, low: number, high: number, unit: string }} effect
 * @returns {{ mean: number, low: number, high: number, unit: string }}
 */
export function displayEffect({ mean, low, high, unit }) {
  if (isAccuracyUnit(unit)) return { mean: mean * 100, low: low * 100, high: high * 100, unit: "percentage points" };
  return { mean, low, high, unit };
}

/**
 * The sentence stating an effect with its interval, e.g. "Dead neurons, ReLU − Leaky ReLU: +26.3
 * neurons on average (95% interval +22.7 to +29.9, 100 seeds)."
 * @param {{ measure: string, unit: string, mean: number, low: number, high: number, n: number }} effect
 */
export function effectSentence(effect) {
  if (!(effect.n > 0)) return `${capitalise(effect.measure)}: no runs finished yet.`;
  const shown = displayEffect(effect);
  const unit = shown.unit ? ` ${shown.unit}` : "";
  const n = `${effect.n} ${effect.n === 1 ? "run" : "runs"}`;
  if (effect.n < 2 || !Number.isFinite(effect.low) || !Number.isFinite(effect.high)) {
    return `${capitalise(effect.measure)}: ${formatNumber(shown.mean, { sign: true })}${unit} on average (${n}; too few for an interval).`;
  }
  return `${capitalise(effect.measure)}: ${formatNumber(shown.mean, { sign: true })}${unit} on average (95% interval ${formatNumber(shown.low, { sign: true })} to ${formatNumber(shown.high, { sign: true })}, ${n}).`;
}

/**
 * What the verdict means for the tutorial's claim, in a sentence computed from the verdict and
 * the sign the claim predicted.
 * @param {string} verdict "supported" | "contradicted" | "no-difference"
 * @param {string} what the claim in a few words, e.g. "Leaky ReLU has fewer dead neurons"
 */
export function verdictSentence(verdict, what) {
  const meaning = VERDICTS[/** @type {keyof typeof VERDICTS} */ (verdict)]?.meaning;
  if (!meaning) return "";
  if (verdict === "supported") return `${verdictLabel(verdict)}: ${meaning}. The data back the claim that ${what}.`;
  if (verdict === "contradicted") return `${verdictLabel(verdict)}: ${meaning}. The tutorial's claim that ${what} does not hold here; the reverse does.`;
  return `${verdictLabel(verdict)}: ${meaning}. The tutorial's claim that ${what} is not borne out by these runs.`;
}

/**
 * Share of +1, −1 and 0 among run-by-run scores (the oscillation measure), as counts.
 * @param {ArrayLike<number>} scores
 */
export function scoreCounts(scores) {
  let relu = 0;
  let other = 0;
  let tie = 0;
  for (const s of Array.from(scores)) {
    if (s > 0) relu += 1;
    else if (s < 0) other += 1;
    else if (s === 0) tie += 1;
  }
  return { relu, other, tie };
}

/**
 * Share of runs flagged 1 (diverged), as a percentage string.
 * @param {ArrayLike<number>} flags
 */
export function shareText(flags) {
  const values = Array.from(flags);
  if (values.length === 0) return "n/a";
  const count = values.filter((v) => v > 0).length;
  return `${Math.round((100 * count) / values.length)}% (${count} of ${values.length})`;
}

/**
 * The median of the finite values (NaN when none).
 * @param {ArrayLike<number>} values
 */
export function median(values) {
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/** @param {string} s */
function capitalise(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** @param {string} id e.g. "he_normal" */
const initName = (id) => ({ he_normal: "He normal", xavier_normal: "Xavier normal", he_uniform: "He uniform", xavier_uniform: "Xavier uniform" })[id] ?? id.replace(/_/g, " ");

/** @param {number[]} widths */
const architecture = (widths) => `2 → ${widths.join(", ")} → 1`;

/** @param {number} points (80% train, as in the lab) */
const pointsText = (points) => `${points} points (${Math.round(points * 0.8)} for training)`;

/**
 * The protocol of claim `id` in plain language, every number read from `protocol`
 * (`claimProtocol(id)`), as a list of steps.
 * @param {ClaimId} id
 * @param {any} p the protocol object
 * @returns {string[]}
 */
export function protocolSteps(id, p) {
  if (id === "dying") {
    const g = p.gradient;
    return [
      `Train the lab's “${p.preset === "high_lr" ? "High learning rate" : p.preset}” preset for ${p.steps} steps (its experiment length), over ${p.seeds} seeds.`,
      "Count the dead neurons of each network: a neuron is dead when |f′(z)| ≤ 0.001 on every training input, so it passes (almost) no gradient.",
      `Measure: dead neurons of ReLU minus those of Leaky ReLU, seed by seed. The claim predicts a positive difference.`,
      `Gradient flow: ${g.depth} hidden layers of ${g.width} neurons on ${g.dataset} (${pointsText(g.points)}, noise ${g.noise}), at initialisation, ${g.seeds} seeds: ${g.series.map((/** @type {any} */ s) => s.label).join(", ")}.`,
      "Gradient measure: log₁₀ of Leaky ReLU's first-layer gradient norm ‖dL/dW₁‖ over ReLU's, seed by seed (both start from the same weights). The claim predicts a positive value.",
    ];
  }
  if (id === "oscillation") {
    return [
      `Data: ${p.dataset}, ${pointsText(p.points)}, noise ${p.noise}. Networks ${architecture(p.hiddenWidths)}, ${initName(p.init)} weights, biases 0.`,
      `Plain ${p.optimizer.toUpperCase()} without momentum, batches of ${p.batchSize}, ${p.steps} steps, at learning rates ${p.learningRates.join(", ")}; ${p.seeds} seeds each.`,
      `Oscillation: the mean jump |L(t) − L(t−1)| of the training-set loss over the last ${p.window} steps. A run whose loss overflows has diverged.`,
      "Measure, run by run: +1 when ReLU oscillates more, −1 when Leaky ReLU does, 0 for a tie. A diverged run counts as oscillating more than any finished one; two diverged runs tie. The claim predicts a positive mean.",
    ];
  }
  return [
    `Data: ${p.dataset}, ${pointsText(p.points)}, noise ${p.noise}; a new data set for every seed. A share ${p.labelNoise.join(", ")} of the training labels flipped (test labels stay clean).`,
    `Networks ${architecture(p.hiddenWidths)}, ${initName(p.init)} weights; ${p.optimizer === "adam" ? "Adam" : p.optimizer} at learning rate ${p.lr}, ${p.batchSize >= Math.round(p.points * 0.8) ? "full batch" : `batches of ${p.batchSize}`}, ${p.steps} steps; ${p.seeds} seeds per level.`,
    "Measure: the train − test accuracy gap of ReLU minus that of Leaky ReLU, seed by seed, pooled over the noisy levels (label noise above 0). The claim predicts a positive difference: ReLU memorises more of the noise.",
  ];
}

/**
 * The claim in a few words, as the verdict sentence uses it.
 * @type {Record<ClaimId, string>}
 */
export const CLAIM_SHORT = {
  dying: "Leaky ReLU ends with fewer dead neurons than ReLU",
  oscillation: "Leaky ReLU oscillates less than ReLU at large learning rates",
  noise: "Leaky ReLU overfits noisy labels less than ReLU",
};

/** The gradient part of the dying claim, in a few words. */
export const GRADIENT_SHORT = "Leaky ReLU keeps more gradient at the first layer than ReLU";

/**
 * The sentence of the gradient verdict: the ratio 10^mean with its interval.
 * @param {Interval} interval of log₁₀(‖dL/dW₁‖ Leaky / ‖dL/dW₁‖ ReLU)
 */
export function gradientSentence(interval) {
  if (!(interval.n > 0)) return "Gradient flow: no seeds finished yet.";
  const ratio = (/** @type {number} */ x) => `×${formatNumber(10 ** x)}`;
  const range = interval.n > 1 && Number.isFinite(interval.low) ? ` (95% interval ${ratio(interval.low)} to ${ratio(interval.high)}, ${interval.n} seeds)` : ` (${interval.n} seed)`;
  return `Leaky ReLU's first-layer gradient norm is ${ratio(interval.mean)} ReLU's on average, geometric mean${range}.`;
}
