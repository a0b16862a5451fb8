//! The dead-neuron lab's shareable state and its query-string form. Pure functions only: no DOM,
//! no wasm, so node can import and test this module directly. Every setting's key, label, limits
//! and choices, and the presets, come from wasm's `labSchema()` through `labEnv`.
//!
//! URL format (every key optional; a key is written only when it differs from the preset):
//!   ?preset=high_lr&lr=0.5&seed=7&fn=leaky_relu&negative_slope=0.05&dataset=circles&noise=0.2
//!    &points=400&layers=3&width=32&init=he_normal&bias=0&optimizer=sgd&momentum=0.9&batch=32&l2=0
//! - `preset`: one of `labSchema().presets`; the other keys override it.
//! - `fn`: the activation of the network trained beside ReLU; its parameters are top-level keys
//!   named as in PyTorch (`negative_slope`, `alpha`, ...), as on the explorer page.
//! - `momentum` applies to SGD only and is written only with `optimizer=sgd`.

import { formatNumber, messageOf, parseCurve, parseNumber } from "../state.js";

export { formatNumber, messageOf, parseNumber };

/** @typedef {import("../../pkg/actviz.js").ActivationInfo} ActivationInfo */
/** @typedef {import("../../pkg/actviz.js").ActivationParams} ActivationParams */

/** The preset used when the URL names none. */
export const DEFAULT_PRESET = "default";

/**
 * @typedef {object} Field one setting, from wasm's `labSchema().fields`, with the short names
 *   the parser uses: `name` (its label), `config` (its `Lab` config key), `int`, `choices` (ids)
 * @property {string} key URL and state key
 * @property {string} name
 * @property {string} config
 * @property {number} [min]
 * @property {number} [max]
 * @property {boolean} [int]
 * @property {string[]} [choices]
 * @property {string[]} [choiceLabels] the choices' labels, in the same order
 * @property {string} [label] the label, as wasm names it
 * @property {string} [description]
 * @property {string} [scale] `"log"` for a setting edited on a log10 slider (the learning rate)
 * @property {number} [step]
 * @property {number} [sliderMin] the slider's range, when narrower than `min`..`max`
 * @property {number} [sliderMax]
 * @property {{ key: string, value: string }} [onlyWith] the setting applies only when another has this value
 */

/**
 * The lab's settings: one value per field key, plus the preset, the activation and its parameters.
 * @typedef {{ preset: string, fn: string, params: ActivationParams } & Record<string, any>} LabState
 */

/** @typedef {(id: string, params: ActivationParams) => unknown} Validate throws on invalid parameters */

/**
 * What the lab's parser and writer need (see `labEnv`).
 * @typedef {object} LabEnv
 * @property {Field[]} fields
 * @property {Record<string, LabState>} presets preset id → state (see `presetState`)
 * @property {Array<{ id: string, label: string, summary: string, config: object }>} presetList the presets, in order
 * @property {ActivationInfo[]} catalogue wasm's `activations()`
 * @property {Validate} [validate] wasm's `describe`
 */

/**
 * The lab's page environment, everything from wasm: its settings and presets (`labSchema()`),
 * the activation catalogue and the parameter validator.
 * @param {{ fields: any[], presets: Array<{ id: string, label: string, summary: string, config: object }> }} schema
 * @param {ActivationInfo[]} catalogue wasm's `activations()`
 * @param {Validate} [validate] wasm's `describe`, throws on invalid parameters
 * @returns {LabEnv}
 */
export function labEnv(schema, catalogue, validate) {
  /** @type {Field[]} */
  const fields = schema.fields.map((f) => ({
    ...f,
    name: f.label,
    config: f.configKey,
    int: f.kind === "integer",
    choices: f.choices?.map((/** @type {{ id: string }} */ c) => c.id),
    choiceLabels: f.choices?.map((/** @type {{ label: string }} */ c) => c.label),
  }));
  const presets = Object.fromEntries(schema.presets.map((p) => [p.id, presetState(p.id, p.config, fields)]));
  return { fields, presets, presetList: schema.presets, catalogue, validate };
}

/**
 * The state of one preset, from its full `Lab` config (wasm's keys).
 * @param {string} id preset id
 * @param {any} config e.g. `{ dataset, points, noise, hiddenWidths, activation, params, ... }`
 * @param {Field[]} fields
 * @returns {LabState}
 */
export function presetState(id, config, fields) {
  const widths = config.hiddenWidths ?? [];
  const state = /** @type {LabState} */ ({ preset: id });
  for (const field of fields) {
    let value = config[field.config];
    if (value === undefined && field.config === "hiddenLayers") value = widths.length;
    if (value === undefined && field.config === "width") value = widths[0];
    if (value === undefined) value = /** @type {any} */ (field).default;
    state[field.key] = value;
  }
  state.fn = config.activation;
  state.params = { ...(config.params ?? {}) };
  return state;
}

/**
 * A setting's value as text: whole numbers exactly (a seed may have 16 digits), other numbers
 * without rounding noise.
 * @param {unknown} value
 */
export function valueText(value) {
  if (typeof value !== "number") return String(value);
  return Number.isSafeInteger(value) ? String(value) : formatNumber(value);
}

/** Whether `field` applies in `state` (momentum only with SGD). */
const applies = (/** @type {Field} */ field, /** @type {any} */ state) =>
  !field.onlyWith || state[field.onlyWith.key] === field.onlyWith.value;

/**
 * Checks one raw URL value against its field; returns `{ value }` or `{ error }`.
 * @param {Field} field
 * @param {string} raw
 * @returns {{ value?: number | string, error?: string }}
 */
export function checkField(field, raw) {
  if (field.choices) {
    return field.choices.includes(raw) ? { value: raw } : { error: `must be one of ${field.choices.join(", ")}` };
  }
  const value = parseNumber(raw);
  if (value === undefined) return { error: "must be a finite number" };
  if (field.int && !Number.isInteger(value)) return { error: "must be a whole number" };
  if (value < field.min || value > field.max) {
    return { error: `must be between ${valueText(field.min)} and ${valueText(field.max)}` };
  }
  return { value };
}

/**
 * Reads the lab state from a query string.
 * @param {string | URLSearchParams} search `location.search`, with or without "?", or its parsed form
 * @param {Pick<LabEnv, "fields" | "presets" | "catalogue" | "validate">} env
 *   `presets`: preset id → state (see `presetState`); `catalogue`: wasm's `activations()`;
 *   `validate(id, params)`: wasm's `describe`, throws on invalid parameters.
 * @returns {{ state: LabState, ignored: string[] }} `ignored` lists each invalid part of the URL
 *   and what is used instead, for a notice (plain text, never HTML).
 */
export function parseLabState(search, { fields, presets, catalogue, validate }) {
  const fieldKeys = new Set(fields.map((f) => f.key));
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

  for (const field of fields) {
    const raw = query.get(field.key);
    if (raw === null) continue;
    const { value, error } = checkField(field, raw);
    if (error) ignored.push(`${field.key}=${shorten(raw)} ${error}, using ${valueText(base[field.key])}`);
    else state[field.key] = value;
  }

  // The activation: `fn` and its parameters (every key that is not a setting).
  const paramPairs = [...query].filter(([key]) => key !== "preset" && key !== "fn" && !fieldKeys.has(key));
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

/**
 * Whether two setting values are equal for the URL (numbers compared after rounding noise).
 * @param {unknown} a
 * @param {unknown} b
 */
function same(a, b) {
  if (typeof a === "number" && typeof b === "number") return valueText(a) === valueText(b);
  return a === b;
}

/** Percent-encodes a query value (ids and numbers never need it; URL text might). */
const encode = (/** @type {unknown} */ text) => encodeURIComponent(String(text));

/**
 * Writes the state as a query string (with "?"): `preset` first, then every setting that
 * differs from the preset, in the schema's order, then `fn` and its changed parameters.
 * @param {LabState} state
 * @param {Pick<LabEnv, "fields" | "presets">} env
 * @returns {string}
 */
export function serializeLabState(state, { fields, presets }) {
  const base = presets[state.preset] ?? presets[DEFAULT_PRESET];
  const parts = [`preset=${encode(state.preset)}`];
  for (const field of fields) {
    if (!applies(field, state)) continue;
    const value = state[field.key];
    if (!same(value, base[field.key])) parts.push(`${field.key}=${encode(valueText(value))}`);
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
 * @param {any} state
 * @param {{ fields: Field[] }} env
 * @param {number} [dataSeed] seed of the dataset (the presets use 1)
 */
export function labConfig(state, { fields }, dataSeed = 1) {
  /** @type {Record<string, any>} */
  const config = { dataSeed, activation: state.fn, params: { ...state.params } };
  for (const field of fields) if (applies(field, state)) config[field.config] = state[field.key];
  return config;
}

/**
 * Whether the state differs from its preset in anything (for the "modified" hint).
 * @param {any} state
 * @param {{ fields: Field[], presets: Record<string, any> }} env
 */
export function isModified(state, env) {
  return serializeLabState(state, env) !== `?preset=${encode(state.preset)}`;
}

/**
 * The log10 slider of a `scale: "log"` field (the learning rate): its range and step.
 * @param {any} field
 */
export function logSlider(field) {
  return { min: Math.log10(field.min), max: Math.log10(field.max), step: field.step };
}

/**
 * Slider position (log10) of a value of a log-scale field, clamped to the slider's range.
 * @param {number} value
 * @param {any} field
 */
export function toLogSlider(value, field) {
  const { min, max, step } = logSlider(field);
  const position = Math.round(Math.log10(value) / step) * step;
  return Number(Math.min(max, Math.max(min, position)).toFixed(2));
}

/**
 * Value of a log-slider position, rounded to 3 significant digits ("0.0501", "2").
 * @param {number | string} position
 */
export function fromLogSlider(position) {
  return Number((10 ** Number(position)).toPrecision(3));
}

/**
 * A number for display: "—" for null or non-finite (never "NaN"), otherwise `digits`
 * significant digits, exponent form for very large or small magnitudes.
 * @param {number | null | undefined} value
 * @param {number} [digits]
 */
export function formatStat(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(digits - 1).replace("e+", "e");
  return String(Number(value.toPrecision(digits)));
}

/**
 * A fraction as a percentage: "62%", "0.4%", "—" for null.
 * @param {number | null | undefined} fraction
 */
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
 * @param {number} value
 */
export function formatInteger(value) {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * URL text quoted in a notice, cut to a readable length.
 * @param {unknown} text
 */
function shorten(text) {
  const s = String(text);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
