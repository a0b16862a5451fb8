//! The explorer's shareable state and its query-string form. Pure functions only: no DOM, no
//! wasm, so node can import and test this module directly.
//!
//! URL format (every key optional):
//!   ?fn=leaky_relu&negative_slope=0.2&compare=relu,elu:alpha=0.5&xmin=-5&xmax=5&ymin=-1&ymax=2
//! - `fn`: id of the main activation; its parameters are top-level keys named as in PyTorch.
//! - `compare`: comma-separated curves, each `id` or `id:name=value:name=value` (a formula's text
//!   percent-encoded inside the entry: `compare=custom:formula=x%2Bsigmoid(x)`).
//! - `xmin`/`xmax`: the x range; `ymin`/`ymax` (both or neither): a fixed y range for f(x).
//! - `dlog=1`: f′(x) drawn as |f′(x)| on a log scale.
//! Parameters equal to their default are left out when writing.

import { MessageList, quote } from "./runtime/messages.js";

/** @typedef {import("../pkg/actviz.js").ActivationInfo} ActivationInfo */
/** @typedef {import("../pkg/actviz.js").ActivationParams} ActivationParams */
/** @typedef {import("../pkg/actviz.js").ParamSpec} ParamSpec */

/**
 * One curve: an activation and its parameter values, keyed by PyTorch name.
 * @typedef {{ id: string, params: ActivationParams }} Curve
 */

/**
 * What the explorer shows, as its URL says it.
 * @typedef {object} ExplorerState
 * @property {Curve} main the main activation
 * @property {Curve[]} compare the curves drawn beside it (at most `MAX_COMPARE`)
 * @property {number} xmin
 * @property {number} xmax
 * @property {number | null} ymin a fixed y range for f(x), or null (both) for automatic
 * @property {number | null} ymax
 * @property {number | null} [dymin] a fixed y range for f′(x) (URL `dymin`, `dymax`), or null for automatic
 * @property {number | null} [dymax]
 * @property {boolean} [dlog] f′(x) drawn as |f′(x)| on a log scale (URL `dlog=1`)
 * @property {number} [depth] layers of the "through n layers" view (URL `depth`, default `DEFAULT_DEPTH`)
 * @property {number | null} [dz] its fixed pre-activation z, or null for z ~ N(0, 1) (URL `dz`)
 */

/** The activation shown when the URL names none. */
export const DEFAULT_FN = "leaky_relu";
/** The x range shown by default and restored by "reset". */
export const DEFAULT_X_RANGE = Object.freeze([-5, 5]);
/** Layers of the "through n layers" view when the URL names none (its maximum is wasm's `maxDepth()`). */
export const DEFAULT_DEPTH = 10;
/** How many curves the compare list holds at most, besides the main one. */
export const MAX_COMPARE = 4;
/** Largest |x| or |y| a range may reach, and the smallest width it may have. */
export const RANGE_LIMIT = 1e6;
export const MIN_SPAN = 1e-6;

/**
 * Most `name=value` parts read for one curve (the main curve's query keys, or one compare entry's
 * `:` parts): far more than any activation has parameters, few enough that no link is slow.
 */
export const MAX_PARTS = 16;

/** Query keys that are not parameters of the main activation. */
const RESERVED = new Set(["fn", "compare", "xmin", "xmax", "ymin", "ymax", "dymin", "dymax", "dlog", "depth", "dz"]);
/** A plain decimal or scientific number, as a user would type it; no hex, no "Infinity". */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses a number the way the URL and the number boxes accept it.
 * @param {string} text
 * @returns {number | undefined} undefined unless `text` is a finite decimal number.
 */
export function parseNumber(text) {
  const trimmed = String(text).trim();
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Shortest text that reads back as `value`, with float noise from arithmetic rounded away.
 * @param {number} value
 */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(12));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/**
 * The default parameter values of a catalogue entry, as an object keyed by name.
 * @param {ActivationInfo} info
 * @returns {ActivationParams}
 */
export function defaultParams(info) {
  return Object.fromEntries(info.params.map((p) => [p.name, p.default]));
}

/**
 * A curve with every parameter at its default.
 * @param {ActivationInfo} info
 * @returns {Curve}
 */
export function defaultCurve(info) {
  return { id: info.id, params: defaultParams(info) };
}

/**
 * The state shown with an empty query string.
 * @param {ActivationInfo[]} catalogue
 * @returns {ExplorerState}
 */
export function defaultState(catalogue) {
  const info = catalogue.find((a) => a.id === DEFAULT_FN) ?? catalogue[0];
  return {
    main: defaultCurve(info),
    compare: [],
    xmin: DEFAULT_X_RANGE[0],
    xmax: DEFAULT_X_RANGE[1],
    ymin: null,
    ymax: null,
    dymin: null,
    dymax: null,
    dlog: false,
    depth: DEFAULT_DEPTH,
    dz: null,
  };
}

/**
 * Checks one raw parameter value against its spec.
 * @param {ParamSpec} spec
 * @param {string} raw
 * @returns {{ value?: number | string, error?: string }}
 */
export function checkParam(spec, raw) {
  if (spec.kind === "choice") {
    if (spec.choices.includes(raw)) return { value: raw };
    return { error: `must be ${spec.choices.map((c) => `"${c}"`).join(" or ")}` };
  }
  if (spec.kind === "text") {
    // Only the length here: wasm's `describe` parses the formula and names what is wrong.
    if (raw.length <= spec.maxLength) return { value: raw };
    return { error: `must be at most ${spec.maxLength} characters, got ${raw.length}` };
  }
  const value = parseNumber(raw);
  if (value === undefined) return { error: "must be a finite number" };
  return { value };
}

/**
 * Builds a curve from an id and raw `[name, value]` pairs, reporting what it had to ignore.
 * `validate(id, params)` checks the constraints between parameters (it is wasm's `describe`,
 * which throws an Error with a readable message); when it fails the parameters go back to the
 * defaults.
 * @param {ActivationInfo[]} catalogue
 * @param {string} id
 * @param {[string, string][]} pairs
 * @param {((id: string, params: ActivationParams) => unknown) | undefined} validate
 * @param {string} where the URL key, for the messages
 * @returns {{ curve: Curve | null, ignored: string[] }}
 */
export function parseCurve(catalogue, id, pairs, validate, where) {
  const ignored = [];
  const info = catalogue.find((a) => a.id === id);
  if (!info) {
    ignored.push(`${where}: unknown activation "${shorten(id)}"`);
    return { curve: null, ignored };
  }
  const curve = defaultCurve(info);
  for (const [name, raw] of pairs) {
    const spec = info.params.find((p) => p.name === name);
    if (!spec) {
      const known = info.params.length ? info.params.map((p) => p.name).join(", ") : "none";
      ignored.push(`${where}: ${id} has no parameter "${shorten(name)}" (its parameters: ${known})`);
      continue;
    }
    const { value, error } = checkParam(spec, raw);
    if (error) ignored.push(`${where}: ${id} ${name}=${shorten(raw)} ${error}, using ${spec.default}`);
    else curve.params[name] = value;
  }
  if (validate) {
    try {
      validate(curve.id, curve.params);
    } catch (e) {
      ignored.push(`${where}: ${messageOf(e)}; using the defaults of ${id}`);
      curve.params = defaultParams(info);
    }
  }
  return { curve, ignored };
}

/**
 * Reads the explorer state from a query string.
 * @param {string | URLSearchParams} search `location.search`, with or without the leading "?",
 *   or its parsed form
 * @param {ActivationInfo[]} catalogue wasm's `activations()`
 * @param {(id: string, params: ActivationParams) => unknown} [validate] throws on invalid parameters
 * @returns {{ state: ExplorerState, ignored: string[] }} `ignored` lists, for a notice, each part of
 *   the URL that was invalid and what was used instead.
 */
export function parseState(search, catalogue, validate) {
  const query = new URLSearchParams(search);
  const state = defaultState(catalogue);
  const ignored = new MessageList();

  const fn = query.get("fn");
  const allPairs = [...query].filter(([key]) => !RESERVED.has(key));
  // No activation has more than a few parameters: a link with thousands is read no further.
  const mainPairs = allPairs.slice(0, MAX_PARTS);
  if (allPairs.length > MAX_PARTS) {
    ignored.push(`fn: at most ${MAX_PARTS} parameters are read, ignored ${allPairs.length - MAX_PARTS} more`);
  }
  if (fn !== null || mainPairs.length) {
    const id = fn ?? state.main.id;
    const parsed = parseCurve(catalogue, id, mainPairs, validate, "fn");
    ignored.push(...parsed.ignored.map((m) => (parsed.curve ? m : `${m}, showing ${state.main.id}`)));
    if (parsed.curve) state.main = parsed.curve;
    else if (mainPairs.length) ignored.push(`ignored its parameters ${someOf(mainPairs.map(([k]) => k), mainPairs.length)}`);
  }

  const compare = query.get("compare");
  if (compare) {
    // Unknown or broken entries take no slot, so a few more than MAX_COMPARE are read; no more.
    const { entries, more, moreCount } = splitEntries(compare, MAX_PARTS);
    let read = 0;
    for (const entry of entries) {
      if (state.compare.length === MAX_COMPARE) break;
      read += 1;
      // Split no further than an activation's parameters could need; the rest is counted.
      const [id, ...rest] = entry.split(":", MAX_PARTS + 1);
      if (rest.length === MAX_PARTS) {
        const extra = countOf(entry, ":") - MAX_PARTS;
        if (extra > 0) ignored.push(`compare: at most ${MAX_PARTS} parameters per curve are read, ignored ${extra} more (in ${shorten(entry)})`);
      }
      const pairs = [];
      const info = catalogue.find((a) => a.id === id);
      for (const token of rest) {
        const eq = token.indexOf("=");
        if (eq <= 0) ignored.push(`compare: "${shorten(token)}" is not name=value (in ${shorten(entry)})`);
        else pairs.push([token.slice(0, eq), compareValue(info, token.slice(0, eq), token.slice(eq + 1))]);
      }
      const parsed = parseCurve(catalogue, id, pairs, validate, "compare");
      ignored.push(...parsed.ignored);
      if (parsed.curve) state.compare.push(parsed.curve);
    }
    const left = [...entries.slice(read), ...more];
    const leftCount = entries.length - read + moreCount;
    if (leftCount && state.compare.length === MAX_COMPARE) {
      ignored.push(`compare: at most ${MAX_COMPARE} curves, ignored ${someOf(left, leftCount)}`);
    } else if (leftCount) {
      ignored.push(`compare: at most ${MAX_PARTS} entries are read, ignored ${someOf(left, leftCount)}`);
    }
  }

  const x = parseRange(query, "xmin", "xmax", DEFAULT_X_RANGE);
  if (x.error) ignored.push(`${x.error}, using ${DEFAULT_X_RANGE[0]} to ${DEFAULT_X_RANGE[1]}`);
  else if (x.range) [state.xmin, state.xmax] = x.range;

  const y = parseRange(query, "ymin", "ymax", null);
  if (y.error) ignored.push(`${y.error}, using an automatic y range`);
  else if (y.range) [state.ymin, state.ymax] = y.range;

  const dlog = query.get("dlog");
  if (dlog === "1") state.dlog = true;
  else if (dlog !== null && dlog !== "0") ignored.push(`dlog=${shorten(dlog)}: must be 1 or 0, using a linear f′ axis`);

  const dy = parseRange(query, "dymin", "dymax", null);
  if (dy.error) ignored.push(`${dy.error}, using an automatic f′ range`);
  else if (dy.range && state.dlog && dy.range[0] <= 0) {
    ignored.push(`dymin=${formatNumber(dy.range[0])}: a log axis needs dymin > 0, using an automatic f′ range`);
  } else if (dy.range) [state.dymin, state.dymax] = dy.range;

  const depth = query.get("depth");
  if (depth !== null) {
    const n = NUMBER.test(depth.trim()) ? Number(depth) : NaN;
    if (Number.isInteger(n) && n >= 1) state.depth = n;
    else ignored.push(`depth=${shorten(depth)}: must be a whole number of layers, using ${DEFAULT_DEPTH}`);
  }
  const dz = query.get("dz");
  if (dz !== null) {
    const z = NUMBER.test(dz.trim()) ? Number(dz) : NaN;
    if (Number.isFinite(z) && Math.abs(z) <= RANGE_LIMIT) state.dz = z;
    else ignored.push(`dz=${shorten(dz)}: must be a number within ±${RANGE_LIMIT}, using z ~ N(0, 1)`);
  }

  return { state, ignored: ignored.list() };
}

/**
 * A few of `count` items (`items` holds the first of them), quoted and joined, with how many
 * there were when not all are shown: `relu, elu` or `relu, elu, selu… (5000 in all)`.
 * @param {string[]} items
 * @param {number} count
 */
function someOf(items, count) {
  const shown = shorten(items.slice(0, 3).join(", "));
  return count > 3 ? `${shown}… (${count} in all)` : shown;
}

/**
 * The first `keep` non-empty entries of a comma list (trimmed); of the others, the first three
 * and how many. One pass and bounded memory, however long the list.
 * @param {string} text
 * @param {number} keep
 * @returns {{ entries: string[], more: string[], moreCount: number }}
 */
export function splitEntries(text, keep) {
  const entries = [];
  const more = [];
  let moreCount = 0;
  for (let start = 0; start <= text.length; ) {
    const comma = text.indexOf(",", start);
    const end = comma === -1 ? text.length : comma;
    const entry = end > start ? text.slice(start, end).trim() : "";
    if (entry && entries.length < keep) entries.push(entry);
    else if (entry) {
      moreCount += 1;
      if (more.length < 3) more.push(entry);
    }
    start = end + 1;
  }
  return { entries, more, moreCount };
}

/**
 * How many times `char` occurs in `text`.
 * @param {string} text
 * @param {string} char
 */
function countOf(text, char) {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count += 1;
  return count;
}

/**
 * Reads a `lo`/`hi` pair. With `fallback` either key may be missing (its default is used);
 * without, both or neither must be present.
 * @param {URLSearchParams} query
 * @param {string} loKey
 * @param {string} hiKey
 * @param {readonly number[] | null} fallback
 * @returns {{ error?: string, range?: number[] }}
 */
function parseRange(query, loKey, hiKey, fallback) {
  const loText = query.get(loKey);
  const hiText = query.get(hiKey);
  if (loText === null && hiText === null) return {};
  const shown = [loText !== null && `${loKey}=${shorten(loText)}`, hiText !== null && `${hiKey}=${shorten(hiText)}`]
    .filter(Boolean)
    .join("&");
  if (!fallback && (loText === null || hiText === null)) {
    return { error: `${shown}: give both ${loKey} and ${hiKey}` };
  }
  const lo = loText === null ? fallback[0] : parseNumber(loText);
  const hi = hiText === null ? fallback[1] : parseNumber(hiText);
  const error = checkRange(lo, hi);
  return error ? { error: `${shown}: ${error}` } : { range: [lo, hi] };
}

/**
 * Why `[lo, hi]` is not a usable axis range, or null when it is.
 * @param {number | undefined} lo
 * @param {number | undefined} hi
 * @returns {string | null}
 */
export function checkRange(lo, hi) {
  if (lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    return "bounds must be finite numbers";
  }
  if (Math.abs(lo) > RANGE_LIMIT || Math.abs(hi) > RANGE_LIMIT) {
    return `bounds must lie within ±${RANGE_LIMIT.toExponential()}`;
  }
  if (!(hi - lo >= MIN_SPAN)) return "the minimum must be less than the maximum";
  return null;
}

/**
 * `name=value` pairs of the parameters that differ from their defaults, in catalogue order.
 * @param {ActivationInfo} info
 * @param {ActivationParams} params
 * @returns {[string, string][]}
 */
function changedParams(info, params) {
  return info.params
    .filter((p) => params[p.name] !== undefined && params[p.name] !== p.default)
    .map((p) => [p.name, typeof params[p.name] === "number" ? formatNumber(/** @type {number} */ (params[p.name])) : String(params[p.name])]);
}

/**
 * Percent-encodes what the format's own separators and our ids/numbers never need.
 * @param {string} text
 */
function encode(text) {
  return encodeURIComponent(text).replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%3D/g, "=");
}

/**
 * A compare entry's raw value: a text parameter's (a formula's) is percent-encoded inside the entry
 * (see `serializeState`), others are as written. Text that does not decode stays as it is, and
 * wasm then says what is wrong with it.
 * @param {ActivationInfo | undefined} info
 * @param {string} name
 * @param {string} raw
 */
function compareValue(info, name, raw) {
  if (info?.params.find((p) => p.name === name)?.kind !== "text") return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Writes the state as a query string (with the leading "?"), readable and stable: `fn` first,
 * then changed parameters, `compare`, the x range and, when fixed, the y range.
 * @param {ExplorerState} state
 * @param {ActivationInfo[]} catalogue
 * @returns {string}
 */
export function serializeState(state, catalogue) {
  const parts = [];
  const infoOf = (id) => catalogue.find((a) => a.id === id);
  parts.push(`fn=${encode(state.main.id)}`);
  const mainInfo = infoOf(state.main.id);
  if (mainInfo) {
    for (const [name, value] of changedParams(mainInfo, state.main.params)) {
      parts.push(`${encode(name)}=${encode(value)}`);
    }
  }
  if (state.compare.length) {
    const curves = state.compare.map((curve) => {
      const info = infoOf(curve.id);
      const pairs = info ? changedParams(info, curve.params) : [];
      // A formula may hold "," and ":": its text is percent-encoded inside the entry.
      const text = (name) => info?.params.find((p) => p.name === name)?.kind === "text";
      return [curve.id, ...pairs.map(([n, v]) => `${n}=${text(n) ? encodeURIComponent(v) : v}`)].join(":");
    });
    parts.push(`compare=${encode(curves.join(","))}`);
  }
  parts.push(`xmin=${formatNumber(state.xmin)}`, `xmax=${formatNumber(state.xmax)}`);
  if (state.ymin !== null && state.ymax !== null) {
    parts.push(`ymin=${formatNumber(state.ymin)}`, `ymax=${formatNumber(state.ymax)}`);
  }
  if (state.dymin != null && state.dymax != null) {
    parts.push(`dymin=${formatNumber(state.dymin)}`, `dymax=${formatNumber(state.dymax)}`);
  }
  if (state.dlog) parts.push("dlog=1");
  if (state.depth !== undefined && state.depth !== DEFAULT_DEPTH) parts.push(`depth=${state.depth}`);
  if (state.dz !== undefined && state.dz !== null) parts.push(`dz=${formatNumber(state.dz)}`);
  return `?${parts.join("&")}`;
}

/**
 * The x range after zooming about its centre: `factor` < 1 zooms in. Bounds are rounded to
 * a few significant digits so repeated zooms keep readable URLs.
 * @param {number} lo
 * @param {number} hi
 * @param {number} factor
 * @returns {[number, number]}
 */
export function zoomRange(lo, hi, factor) {
  const centre = (lo + hi) / 2;
  let half = ((hi - lo) / 2) * factor;
  half = Math.min(Math.max(half, MIN_SPAN * 10), RANGE_LIMIT / 2);
  const round = (v) => Number(v.toPrecision(4));
  const nlo = round(Math.max(centre - half, -RANGE_LIMIT));
  const nhi = round(Math.min(centre + half, RANGE_LIMIT));
  return nhi > nlo ? [nlo, nhi] : [lo, hi];
}

/**
 * A short legend label: "Leaky ReLU (0.2)", "GELU (tanh)", "RReLU (eval, 0.125, 0.333)", "ReLU".
 * @param {ActivationInfo} info
 * @param {ActivationParams} params
 * @returns {string}
 */
export function curveLabel(info, params) {
  if (!info.params.length) return info.label;
  const values = info.params
    .map((p) => params[p.name] ?? p.default)
    .map((v) => (typeof v === "number" ? String(Number(v.toPrecision(3))) : v))
    .join(", ");
  const open = info.label.match(/^(.*)\)$/);
  return open ? `${open[1]}, ${values})` : `${info.label} (${values})`;
}

/** URL text quoted in a notice, cut to a readable length. */
const shorten = quote;

/**
 * The message of anything thrown (wasm throws Error objects; be lenient with strings).
 * @param {unknown} error
 * @returns {string}
 */
export function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}
