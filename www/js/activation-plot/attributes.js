//! The attributes of `<activation-plot>` and what they mean, as pure functions (no DOM, no wasm)
//! so node tests them directly. The curves and ranges go through the explorer's own URL parser
//! (`parseState` in ../state.js): an attribute means exactly what the same key means in a link.
//!
//! Parameter attributes are the PyTorch names in kebab-case (`negative_slope` → `negative-slope`),
//! derived from the catalogue: the element is defined once the catalogue is loaded, so
//! `observedAttributes` (read once, at definition) lists them without naming any here.

import { MessageList, quote } from "../runtime/messages.js";
import { parseNumber, parseState } from "../state.js";

/** How many unknown names in `controls` are quoted; the others are counted. */
const QUOTED_CONTROLS = 3;

/** @typedef {import("../../pkg/actviz.js").ActivationInfo} ActivationInfo */
/** @typedef {import("../../pkg/actviz.js").ActivationParams} ActivationParams */
/** @typedef {import("../state.js").ExplorerState} ExplorerState */

/**
 * Every parameter of every activation, kebab-cased (the catalogue's names, deduplicated, sorted).
 * @param {{ params: { name: string }[] }[]} catalogue wasm's `activations()`
 * @returns {string[]}
 */
export function paramAttributes(catalogue) {
  return [...new Set(catalogue.flatMap((info) => info.params.map((p) => kebab(p.name))))].sort();
}

/** The element's own attributes besides the parameters. */
export const OPTION_ATTRIBUTES = Object.freeze([
  "fn",
  "compare",
  "derivative",
  "controls",
  "xmin",
  "xmax",
  "ymin",
  "ymax",
  "height",
  "theme",
]);

/**
 * What `observedAttributes` returns: a change to any of these redraws that element only.
 * @param {{ params: { name: string }[] }[]} catalogue wasm's `activations()`
 * @returns {string[]}
 */
export function observedAttributes(catalogue) {
  return [...OPTION_ATTRIBUTES, ...paramAttributes(catalogue)];
}

/** Height of each chart, in CSS pixels, when neither `height` nor CSS says otherwise. */
export const DEFAULT_HEIGHT = 240;
/** Smallest and largest `height` accepted. */
export const HEIGHT_RANGE = Object.freeze([80, 4000]);

/** HTML's global attributes and other markup that is not ours to check. */
const FOREIGN = new Set([
  "accesskey", "autocapitalize", "autofocus", "class", "contenteditable", "dir", "draggable",
  "enterkeyhint", "exportparts", "hidden", "id", "inert", "inputmode", "is", "lang", "nonce", "part",
  "popover", "role", "slot", "spellcheck", "style", "tabindex", "title", "translate",
]);

/**
 * `negative_slope` → `negative-slope`.
 * @param {string} name
 */
export const kebab = (name) => name.replace(/_/g, "-");
/**
 * `negative-slope` → `negative_slope`.
 * @param {string} name
 */
export const snake = (name) => name.replace(/-/g, "_");

/**
 * Reads an element's attributes.
 * @param {Array<[string, string]>} attributes every `[name, value]` on the element (lower case)
 * @param {ActivationInfo[]} catalogue wasm's `activations()`
 * @param {(id: string, params: ActivationParams) => unknown} [validate] wasm's `describe` (throws if invalid)
 * @returns {{ state: ExplorerState, derivative: boolean, controls: string[], height: number | null,
 *   theme: "light" | "dark" | null, problems: string[] }} `state` has the explorer's shape
 *   (`main`, `compare`, `xmin`, `xmax`, `ymin`, `ymax`); `controls` holds parameter names of the
 *   main curve; `height` is null when CSS decides; `theme` null follows the colour scheme;
 *   `problems` says, readably, what was invalid and what was used instead.
 */
export function readAttributes(attributes, catalogue, validate) {
  const problems = new MessageList();
  const get = new Map(attributes);
  const query = new URLSearchParams();
  for (const key of ["fn", "xmin", "xmax", "ymin", "ymax", "compare"]) {
    if (get.has(key)) query.set(key, get.get(key));
  }
  const knownParams = new Set(paramAttributes(catalogue));
  for (const [name, value] of attributes) {
    if (knownParams.has(name)) {
      query.append(snake(name), value);
    } else if (!OPTION_ATTRIBUTES.includes(name) && !isForeign(name)) {
      if (knownParams.has(kebab(name))) {
        problems.push(`${name}: write parameter attributes in kebab-case, ${kebab(name)}="${short(get.get(name))}"`);
      } else {
        // Unknown to us: parseState says whether the activation has such a parameter.
        query.append(snake(name), value);
      }
    }
  }

  const parsed = parseState(query, catalogue, validate);
  problems.push(...parsed.ignored);
  const { state } = parsed;
  const info = catalogue.find((a) => a.id === state.main.id);

  return {
    state,
    derivative: get.has("derivative") && get.get("derivative") !== "false",
    controls: readControls(get.get("controls"), info, problems),
    height: readHeight(get.get("height"), problems),
    theme: readTheme(get.get("theme"), problems),
    problems: problems.list(),
  };
}

/**
 * Names of the main curve's parameters to show controls for: a comma list, or `all`. Each name
 * counts once, so the list never outgrows the activation's parameters; a few unknown names are
 * quoted, the others counted.
 * @param {string | undefined} text
 * @param {ActivationInfo} info
 * @param {MessageList} problems
 * @returns {string[]}
 */
function readControls(text, info, problems) {
  if (text === undefined || !text.trim()) return [];
  const names = info.params.map((p) => p.name);
  if (text.trim() === "all") return names;
  const wanted = [];
  let unknown = 0;
  for (const raw of new Set(text.split(",").map((s) => s.trim()).filter(Boolean))) {
    const name = snake(raw);
    if (names.includes(name)) {
      if (!wanted.includes(name)) wanted.push(name);
    } else if (++unknown <= QUOTED_CONTROLS) {
      const known = names.length ? names.join(", ") : "none";
      problems.push(`controls: ${info.id} has no parameter "${short(raw)}" (its parameters: ${known})`);
    }
  }
  if (unknown > QUOTED_CONTROLS) {
    problems.push(`controls: ignored ${unknown - QUOTED_CONTROLS} more names that are not parameters of ${info.id}`);
  }
  return wanted;
}

/** `height="240"` or `"240px"`: CSS pixels of each chart; null when absent. */
function readHeight(text, problems) {
  if (text === undefined) return null;
  const value = parseNumber(String(text).replace(/px$/i, ""));
  const [lo, hi] = HEIGHT_RANGE;
  if (value === undefined || value < lo || value > hi) {
    problems.push(`height="${short(text)}": must be a number of CSS pixels from ${lo} to ${hi}, using ${DEFAULT_HEIGHT}`);
    return null;
  }
  return value;
}

/** `theme="light" | "dark" | "auto"`; null (auto) follows prefers-color-scheme. */
function readTheme(text, problems) {
  if (text === undefined || text === "auto" || text === "") return null;
  if (text === "light" || text === "dark") return text;
  problems.push(`theme="${short(text)}": must be "light", "dark" or "auto", following the colour scheme`);
  return null;
}

/** Attributes that are HTML's or a framework's, never a misspelt parameter of ours. */
function isForeign(name) {
  return (
    FOREIGN.has(name) ||
    name.startsWith("data-") ||
    name.startsWith("aria-") ||
    name.startsWith("on") ||
    !/^[a-z][a-z0-9_-]*$/.test(name)
  );
}

/** Attribute text quoted in a message, cut to a readable length. */
const short = quote;
