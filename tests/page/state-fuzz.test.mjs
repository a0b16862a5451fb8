// Property test of the explorer's URL parser (www/js/state.js) with the real wasm catalogue and
// validation, in node: any query string, however hostile, gives a valid state and never throws;
// a valid state survives being written to a URL and read back.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { requireBuild, WWW } from "./harness.mjs";
import { MAX_COMPARE, RANGE_LIMIT, parseState, serializeState } from "../../www/js/state.js";

requireBuild();
const wasm = await import(`${WWW}/pkg/actviz.js`);
await wasm.default({ module_or_path: readFileSync(`${WWW}/pkg/actviz_bg.wasm`) });
const catalogue = wasm.activations();
const validate = (id, params) => wasm.describe(id, params);

/** mulberry32: a seeded generator, so a failure reproduces. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ["fn", "compare", "xmin", "xmax", "ymin", "ymax", "negative_slope", "alpha", "beta", "threshold",
  "lower", "upper", "min_val", "max_val", "lambd", "weight", "approximate", "junk", ""];
const HOSTILE = ["<img src=x onerror=alert(1)>", "\"><script>alert(1)</script>", "javascript:alert(1)", "%00",
  "NaN", "Infinity", "-Infinity", "1e400", "-1e309", "0x10", "1_000", " 1 ", "", "=", ":", ",", "__proto__",
  "constructor", "toString", "\u202e", "😀", "%E0%A4%A", "1".repeat(5000)];

function randomValue(next) {
  const r = next();
  if (r < 0.3) return HOSTILE[Math.floor(next() * HOSTILE.length)];
  if (r < 0.55) return String((next() - 0.5) * 10 ** Math.floor(next() * 12));
  if (r < 0.8) return catalogue[Math.floor(next() * catalogue.length)].id;
  if (r < 0.95) {
    // A compare list with parameters.
    const n = Math.floor(next() * 7);
    return Array.from({ length: n }, () => {
      const info = catalogue[Math.floor(next() * catalogue.length)];
      const pairs = info.params.map((p) => `${p.name}=${next() < 0.8 ? (next() * 4 - 1).toFixed(2) : randomValue(next)}`);
      return [info.id, ...pairs].join(":");
    }).join(",");
  }
  return String.fromCharCode(...Array.from({ length: 8 }, () => Math.floor(next() * 0xffff)));
}

function isValidState(state) {
  assert.ok(catalogue.some((a) => a.id === state.main.id), `main ${state.main.id}`);
  assert.ok(state.compare.length <= MAX_COMPARE);
  for (const curve of [state.main, ...state.compare]) validate(curve.id, curve.params); // throws if invalid
  assert.ok(Number.isFinite(state.xmin) && Number.isFinite(state.xmax) && state.xmin < state.xmax);
  assert.ok(Math.abs(state.xmin) <= RANGE_LIMIT && Math.abs(state.xmax) <= RANGE_LIMIT);
  if (state.ymin !== null || state.ymax !== null) assert.ok(state.ymin < state.ymax);
}

test("any query string parses to a valid state without throwing, 3000 seeded cases", () => {
  const next = rng(20261129);
  for (let i = 0; i < 3000; i += 1) {
    const query = new URLSearchParams();
    const n = Math.floor(next() * 6);
    for (let k = 0; k < n; k += 1) query.append(KEYS[Math.floor(next() * KEYS.length)], randomValue(next));
    const search = next() < 0.1 ? randomValue(next) : `?${query}`;
    let parsed;
    try {
      parsed = parseState(search, catalogue, validate);
      isValidState(parsed.state);
    } catch (error) {
      assert.fail(`case ${i}: ${JSON.stringify(search)} → ${error.stack}`);
    }
    assert.ok(Array.isArray(parsed.ignored) && parsed.ignored.every((m) => typeof m === "string"));
  }
});

// URLs keep 12 significant digits (readable links), so the first write may round; from then on
// reading and writing are exact inverses.
test("a parsed state written to a URL reads back to the same URL, with nothing ignored", () => {
  const next = rng(7);
  for (let i = 0; i < 1000; i += 1) {
    const query = new URLSearchParams();
    query.set("fn", catalogue[Math.floor(next() * catalogue.length)].id);
    query.set("compare", randomValue(next));
    const { state } = parseState(`?${query}`, catalogue, validate);
    const written = serializeState(state, catalogue);
    const again = parseState(written, catalogue, validate);
    assert.deepEqual(again.ignored, [], written);
    assert.equal(serializeState(again.state, catalogue), written);
    assert.equal(again.state.main.id, state.main.id);
    assert.deepEqual(again.state.compare.map((c) => c.id), state.compare.map((c) => c.id));
  }
});
