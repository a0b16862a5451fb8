/**
 * @file The network page's shareable state and its query-string form. Pure functions only (no
 * DOM, no wasm), so node can test them. The settings' names, labels and limits are the lab's, from
 * wasm's `labSchema()` (through the lab's `labEnv`); only the number of epochs is this page's.
 *
 * URL format (every key optional; a key is written only when it differs from the default):
 *   ?widths=128,64&fn=leaky_relu&negative_slope=0.01&optimizer=adam&lr=0.001&batch=64&seed=1&epochs=10
 * - `widths`: the hidden layers' widths, comma-separated (each within the lab's "width" limits,
 *   as many layers as the lab's "layers" allows).
 * - `fn` and its parameters named as in PyTorch: the activation trained beside ReLU.
 * - `momentum` applies to SGD only and is written only with `optimizer=sgd`.
 */

import { parseCurve } from "../state.js";
import { checkField, labEnv, valueText } from "../lab/state.js";

/** The article's network and a recipe that learns it within a minute in a browser. */
export const DEFAULTS = Object.freeze({
  widths: Object.freeze([128, 64]),
  fn: "leaky_relu",
  params: Object.freeze({ negative_slope: 0.01 }),
  optimizer: "adam",
  momentum: 0.9,
  lr: 0.001,
  batch: 64,
  seed: 1,
  epochs: 10,
});

/** How many epochs a run trains: this page's own setting. */
export const EPOCHS = Object.freeze({ key: "epochs", name: "Epochs", label: "Epochs", config: "", min: 1, max: 100, int: true, step: 1 });

/** The lab settings this page offers, by URL key, in the form's order. */
const KEYS = ["optimizer", "momentum", "lr", "batch", "seed"];

/**
 * @typedef {{ widths: number[], fn: string, params: Record<string, any>, optimizer: string, momentum: number,
 *   lr: number, batch: number, seed: number, epochs: number }} NetworkState
 * @typedef {ReturnType<typeof networkEnv>} NetworkEnv
 */

/**
 * What the parser needs, all from wasm: the width and layer-count limits, the settings, the
 * activation catalogue and the parameter validator.
 * @param {any} schema wasm's `labSchema()`
 * @param {import("../../pkg/actviz_lab.js").ActivationInfo[]} catalogue wasm's `activations()`
 * @param {(id: string, params: any) => unknown} [validate] wasm's `describe`
 */
export function networkEnv(schema, catalogue, validate) {
  const { fields } = labEnv(schema, catalogue, validate);
  const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
  return {
    width: byKey.width,
    layers: byKey.layers,
    fields: [...KEYS.map((key) => byKey[key]), EPOCHS],
    catalogue,
    validate,
  };
}

/** A fresh copy of the defaults. */
export function defaultState() {
  return /** @type {NetworkState} */ ({ ...DEFAULTS, widths: [...DEFAULTS.widths], params: { ...DEFAULTS.params } });
}

/**
 * The hidden widths from their URL text, or an error saying what is allowed.
 * @param {string} raw e.g. "128,64"
 * @param {NetworkEnv} env
 * @returns {{ value?: number[], error?: string }}
 */
export function checkWidths(raw, env) {
  const parts = raw.split(",");
  if (parts.length > env.layers.max) return { error: `must list 1 to ${env.layers.max} widths` };
  const value = [];
  for (const part of parts) {
    const { value: width, error } = checkField(env.width, part.trim());
    if (error) return { error: `: each width ${error}` };
    value.push(/** @type {number} */ (width));
  }
  return { value };
}

/**
 * Reads the state from a query string; `ignored` lists each invalid part and what is used instead.
 * @param {string | URLSearchParams} search
 * @param {NetworkEnv} env
 * @returns {{ state: NetworkState, ignored: string[] }}
 */
export function parseNetworkState(search, env) {
  const query = new URLSearchParams(search);
  const state = defaultState();
  const ignored = [];
  const widths = query.get("widths");
  if (widths !== null) {
    const { value, error } = checkWidths(widths, env);
    if (value) state.widths = value;
    else ignored.push(`widths=${widths.slice(0, 40)} ${error}, using ${DEFAULTS.widths.join(",")}`);
  }
  for (const field of env.fields) {
    const raw = query.get(field.key);
    if (raw === null) continue;
    const { value, error } = checkField(field, raw);
    if (error) ignored.push(`${field.key}=${raw.slice(0, 40)} ${error}, using ${valueText(/** @type {any} */ (DEFAULTS)[field.key])}`);
    else /** @type {any} */ (state)[field.key] = value;
  }
  const own = new Set(["widths", "fn", ...env.fields.map((f) => f.key)]);
  const pairs = [...query].filter(([key]) => !own.has(key));
  const fn = query.get("fn");
  if (fn !== null || pairs.length) {
    const id = fn ?? state.fn;
    const parsed = parseCurve(env.catalogue, id, pairs, env.validate, "fn");
    if (parsed.curve) {
      state.fn = id;
      state.params = { ...parsed.curve.params };
      // The defaults' parameters stay when the URL names the same activation without them.
      if (id === DEFAULTS.fn) for (const [k, v] of Object.entries(DEFAULTS.params)) if (!query.has(k)) state.params[k] = v;
    }
    ignored.push(...parsed.ignored);
  }
  return { state, ignored };
}

/**
 * The state as a query string: `""` for the defaults, else "?" and every key that differs.
 * @param {NetworkState} state
 * @param {NetworkEnv} env
 */
export function serializeNetworkState(state, env) {
  const parts = [];
  if (state.widths.join(",") !== DEFAULTS.widths.join(",")) parts.push(`widths=${state.widths.join(",")}`);
  for (const field of env.fields) {
    if (field.key === "momentum" && state.optimizer !== "sgd") continue;
    const value = /** @type {any} */ (state)[field.key];
    if (valueText(value) !== valueText(/** @type {any} */ (DEFAULTS)[field.key])) parts.push(`${field.key}=${encodeURIComponent(valueText(value))}`);
  }
  const sameFn = state.fn === DEFAULTS.fn;
  if (!sameFn) parts.push(`fn=${encodeURIComponent(state.fn)}`);
  for (const [name, value] of Object.entries(state.params)) {
    if (sameFn && valueText(value) === valueText(/** @type {any} */ (DEFAULTS.params)[name])) continue;
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(valueText(value))}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/**
 * The `Lab` config of a state (the worker adds the images as `data`): PyTorch's default init.
 * @param {NetworkState} state
 * @param {NetworkEnv} env
 */
export function networkConfig(state, env) {
  /** @type {Record<string, any>} */
  const config = { hiddenWidths: [...state.widths], activation: state.fn, params: { ...state.params }, init: "pytorch_default" };
  for (const field of env.fields) {
    if (!field.config || (field.key === "momentum" && state.optimizer !== "sgd")) continue;
    config[field.config] = /** @type {any} */ (state)[field.key];
  }
  return config;
}
