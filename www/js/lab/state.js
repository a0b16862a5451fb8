//! The dead-neuron lab's shareable state and its query-string form. Pure functions only: no DOM,
//! no wasm, so node can import and test this module directly (wasm's presets and activation
//! catalogue are passed in).
//!
//! URL format (every key optional; a key is written only when it differs from the preset):
//!   ?preset=high_lr&lr=0.5&seed=7&fn=leaky_relu&negative_slope=0.05&dataset=circles&noise=0.2
//!    &points=400&layers=3&width=32&init=he_normal&bias=0&optimizer=sgd&momentum=0.9&batch=32&l2=0
//! - `preset`: default | high_lr | negative_bias | deep_narrow; the other keys override it.
//! - `fn`: the activation of the network trained beside ReLU; its parameters are top-level keys
//!   named as in PyTorch (`negative_slope`, `alpha`, ...), as on the explorer page.
//! - `momentum` applies to SGD only and is written only with `optimizer=sgd`.

import { formatNumber, messageOf, parseCurve, parseNumber } from "../state.js";

export { formatNumber, messageOf, parseNumber };

/** The preset used when the URL names none. */
export const DEFAULT_PRESET = "default";
/** Display names of the presets, in menu order. */
export const PRESET_LABELS = Object.freeze({
  default: "Default (moons, Adam)",
  high_lr: "High learning rate",
  negative_bias: "Negative bias init",
  deep_narrow: "Deep and narrow",
});
/** Learning-rate slider range (log10 scale) and its resolution. */
export const LR_LOG_MIN = -4;
export const LR_LOG_MAX = 1;
export const LR_LOG_STEP = 0.01;

/**
 * Every setting besides the activation: URL key, display name, limits, and the `Lab` config key. `int` fields
 * must be whole numbers; `choices` fields one of the listed ids. Limits match the Rust side's.
 */
export const FIELDS = Object.freeze([
  { key: "dataset", name: "Dataset", config: "dataset", choices: ["moons", "circles", "xor", "blobs", "spiral"] },
  { key: "noise", name: "Noise", config: "noise", min: 0, max: 1 },
  { key: "points", name: "Points", config: "points", min: 10, max: 5000, int: true },
  { key: "layers", name: "Hidden layers", config: "hiddenLayers", min: 1, max: 8, int: true },
  { key: "width", name: "Neurons per layer", config: "width", min: 1, max: 128, int: true },
  { key: "init", name: "Weight init", config: "init", choices: ["he_normal", "xavier_normal", "xavier_uniform", "uniform"] },
  { key: "bias", name: "Bias init", config: "biasInit", min: -10, max: 10 },
  { key: "optimizer", name: "Optimizer", config: "optimizer", choices: ["sgd", "adam"] },
  { key: "momentum", name: "Momentum", config: "momentum", min: 0, max: 0.999 },
  { key: "lr", name: "Learning rate", config: "lr", min: 10 ** LR_LOG_MIN, max: 10 ** LR_LOG_MAX },
  { key: "batch", name: "Batch size", config: "batchSize", min: 1, max: 4096, int: true },
  { key: "l2", name: "L2 weight decay", config: "weightDecay", min: 0, max: 1 },
  { key: "seed", name: "Seed", config: "seed", min: 0, max: 2 ** 32 - 1, int: true },
]);
const FIELD_KEYS = new Set(FIELDS.map((f) => f.key));

/**
 * The state of one preset, from wasm's `Lab.presets()` entry config (full `Lab` config keys).
 * @param {string} id preset id
 * @param {object} config e.g. `{ dataset, points, noise, hiddenWidths, activation, params, ... }`
 */
export function presetState(id, config) {
  const widths = config.hiddenWidths ?? [16];
  return {
    preset: id,
    dataset: config.dataset,
    noise: config.noise,
    points: config.points,
    layers: widths.length,
    width: widths[0],
    init: config.init,
    bias: config.biasInit,
    optimizer: config.optimizer,
    momentum: config.momentum ?? 0,
    lr: config.lr,
    batch: config.batchSize,
    l2: config.weightDecay,
    seed: config.seed,
    fn: config.activation,
    params: { ...(config.params ?? {}) },
  };
}

/** Checks one raw URL value against its field; returns `{ value }` or `{ error }`. */
export function checkField(field, raw) {
  if (field.choices) {
    return field.choices.includes(raw) ? { value: raw } : { error: `must be one of ${field.choices.join(", ")}` };
  }
  const value = parseNumber(raw);
  if (value === undefined) return { error: "must be a finite number" };
  if (field.int && !Number.isInteger(value)) return { error: "must be a whole number" };
  if (value < field.min || value > field.max) {
    return { error: `must be between ${formatNumber(field.min)} and ${formatNumber(field.max)}` };
  }
  return { value };
}

/**
 * Reads the lab state from a query string.
 * @param {string} search `location.search`, with or without "?"
 * @param {{ presets: Record<string, object>, catalogue: object[], validate?: Function }} env
 *   `presets`: preset id → state (see `presetState`); `catalogue`: wasm's `activations()`;
 *   `validate(id, params)`: wasm's `describe`, throws on invalid parameters.
 * @returns {{ state: object, ignored: string[] }} `ignored` lists each invalid part of the URL
 *   and what is used instead, for a notice (plain text, never HTML).
 */
export function parseLabState(search, { presets, catalogue, validate }) {
  const query = new URLSearchParams(search);
  const ignored = [];
  let presetId = DEFAULT_PRESET;
  const askedPreset = query.get("preset");
  if (askedPreset !== null) {
    if (Object.hasOwn(presets, askedPreset)) presetId = askedPreset;
    else ignored.push(`preset=${shorten(askedPreset)}: must be one of ${Object.keys(presets).join(", ")}, using ${DEFAULT_PRESET}`);
  }
  const base = presets[presetId];
  const state = { ...base, params: { ...base.params } };

  for (const field of FIELDS) {
    const raw = query.get(field.key);
    if (raw === null) continue;
    const { value, error } = checkField(field, raw);
    if (error) ignored.push(`${field.key}=${shorten(raw)} ${error}, using ${formatNumber(base[field.key])}`);
    else state[field.key] = value;
  }

  // The activation: `fn` and its parameters (every key that is not a setting).
  const paramPairs = [...query].filter(([key]) => key !== "preset" && key !== "fn" && !FIELD_KEYS.has(key));
  const fn = query.get("fn");
  if (fn !== null || paramPairs.length) {
    const id = fn ?? state.fn;
    const parsed = parseCurve(catalogue, id, paramPairs, validate, "fn");
    if (parsed.curve) {
      // Parameters missing from the URL keep the preset's values when the activation is the same.
      const kept = id === base.fn ? base.params : {};
      const given = new Set(paramPairs.map(([k]) => k));
      const params = { ...parsed.curve.params };
      for (const [name, value] of Object.entries(kept)) if (!given.has(name) && name in params) params[name] = value;
      state.fn = id;
      state.params = params;
      ignored.push(...parsed.ignored);
    } else {
      ignored.push(...parsed.ignored.map((m) => `${m}, using ${base.fn}`));
      if (paramPairs.length) ignored.push(`unknown settings ignored: ${paramPairs.map(([k]) => shorten(k)).join(", ")}`);
    }
  }
  return { state, ignored };
}

/** Whether two setting values are equal for the URL (numbers compared after rounding noise). */
function same(a, b) {
  if (typeof a === "number" && typeof b === "number") return formatNumber(a) === formatNumber(b);
  return a === b;
}

/** Percent-encodes a query value (ids and numbers never need it; URL text might). */
const encode = (text) => encodeURIComponent(String(text));

/**
 * Writes the state as a query string (with "?"): `preset` first, then every setting that
 * differs from the preset, in `FIELDS` order, then `fn` and its changed parameters.
 */
export function serializeLabState(state, { presets }) {
  const base = presets[state.preset] ?? presets[DEFAULT_PRESET];
  const parts = [`preset=${encode(state.preset)}`];
  for (const field of FIELDS) {
    if (field.key === "momentum" && state.optimizer !== "sgd") continue;
    const value = state[field.key];
    if (!same(value, base[field.key])) parts.push(`${field.key}=${encode(typeof value === "number" ? formatNumber(value) : value)}`);
  }
  const sameFn = state.fn === base.fn;
  if (!sameFn) parts.push(`fn=${encode(state.fn)}`);
  for (const [name, value] of Object.entries(state.params)) {
    if (sameFn && same(value, base.params[name])) continue;
    parts.push(`${encode(name)}=${encode(typeof value === "number" ? formatNumber(value) : value)}`);
  }
  return `?${parts.join("&")}`;
}

/**
 * The `Lab` config for a state: every key explicit, so the preset does not matter to wasm.
 * @param {object} state
 * @param {number} [dataSeed] seed of the dataset (the presets use 1)
 */
export function labConfig(state, dataSeed = 1) {
  const config = {
    dataset: state.dataset,
    points: state.points,
    noise: state.noise,
    dataSeed,
    hiddenLayers: state.layers,
    width: state.width,
    activation: state.fn,
    params: { ...state.params },
    init: state.init,
    biasInit: state.bias,
    optimizer: state.optimizer,
    lr: state.lr,
    weightDecay: state.l2,
    batchSize: state.batch,
    seed: state.seed,
  };
  if (state.optimizer === "sgd") config.momentum = state.momentum;
  return config;
}

/** Whether the state differs from its preset in anything (for the "modified" hint). */
export function isModified(state, presets) {
  return serializeLabState(state, { presets }) !== `?preset=${encode(state.preset)}`;
}

/** Slider position (log10) of a learning rate, clamped to the slider's range. */
export function lrToSlider(lr) {
  const position = Math.round(Math.log10(lr) / LR_LOG_STEP) * LR_LOG_STEP;
  return Number(Math.min(LR_LOG_MAX, Math.max(LR_LOG_MIN, position)).toFixed(2));
}

/** Learning rate of a slider position, rounded to 3 significant digits ("0.0501", "2"). */
export function sliderToLr(position) {
  return Number((10 ** Number(position)).toPrecision(3));
}

/**
 * A number for display: "—" for null or non-finite (never "NaN"), otherwise `digits`
 * significant digits, exponent form for very large or small magnitudes.
 */
export function formatStat(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(digits - 1).replace("e+", "e");
  return String(Number(value.toPrecision(digits)));
}

/** A fraction as a percentage: "62%", "0.4%", "—" for null. */
export function formatPercent(fraction) {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  const percent = fraction * 100;
  if (percent === 0 || percent === 100) return `${percent}%`;
  if (percent >= 99.5) return `${Math.min(99.9, Number(percent.toFixed(1)))}%`;
  if (percent >= 10) return `${Math.round(percent)}%`;
  return `${Number(percent.toPrecision(2))}%`;
}

/**
 * A whole number with thousands separators: "12,345". (Not `toLocaleString`: its first call
 * loads locale data, a 20–30 ms pause in the middle of training.)
 */
export function formatInteger(value) {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** URL text quoted in a notice, cut to a readable length. */
function shorten(text) {
  const s = String(text);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
