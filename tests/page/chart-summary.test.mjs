// The charts' text alternatives (www/js/chart-summary.js) in plain node with the real wasm: the
// names carry every parameter under its PyTorch name, and the ranges are the true extremes of
// each activation on the drawn interval (checked against a dense independent sampling).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { requireBuild, WWW } from "./harness.mjs";
import { chartSummary, curveTitle } from "../../www/js/chart-summary.js";

requireBuild();
const wasm = await import(`${WWW}/pkg/actviz.js`);
await wasm.default({ module_or_path: readFileSync(`${WWW}/pkg/actviz_bg.wasm`) });
const catalogue = wasm.activations();
const info = (id) => catalogue.find((a) => a.id === id);
const curve = (id, params = {}) => ({ id, params, label: id, title: curveTitle(info(id), params) });
const short = (v) => String(Number(v.toPrecision(3)));

test("the issue's example, word for word", () => {
  assert.equal(
    chartSummary(wasm, "function", [curve("leaky_relu", { negative_slope: 0.01 })], -5, 5),
    "Leaky ReLU, negative_slope 0.01: f(x) from -0.05 to 5 on [-5, 5]",
  );
});

test("names list each parameter, defaults included, strings as they are", () => {
  assert.equal(curveTitle(info("relu")), "ReLU");
  assert.equal(curveTitle(info("elu"), {}), "ELU, alpha 1");
  assert.equal(curveTitle(info("gelu"), { approximate: "tanh" }), "GELU, approximate tanh");
  assert.equal(curveTitle(info("hardtanh"), { min_val: -2 }), "Hardtanh, min_val -2, max_val 1");
});

test("a constant derivative is stated as one value; several curves share the range", () => {
  assert.equal(chartSummary(wasm, "derivative", [curve("relu")], 1, 4), "ReLU: f′(x) = 1 on [1, 4]");
  assert.equal(
    chartSummary(wasm, "function", [curve("relu"), curve("tanh")], -1, 2),
    `ReLU: f(x) from 0 to 2; Tanh: f(x) from ${short(Math.tanh(-1))} to ${short(Math.tanh(2))} on [-1, 2]`,
  );
});

test("every activation's stated extremes are its true ones on [-5, 5], to the 3 digits shown", () => {
  const dense = Float64Array.from({ length: 100_001 }, (_, i) => -5 + i / 10_000);
  for (const { id } of catalogue) {
    for (const kind of ["function", "derivative"]) {
      const text = chartSummary(wasm, kind, [curve(id)], -5, 5);
      const ys = (kind === "function" ? wasm.evaluate : wasm.derivative)(id, {}, dense).filter(Number.isFinite);
      const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
      const stated = lo === hi || short(lo) === short(hi) ? null : text.match(/from (\S+) to (\S+) on/);
      if (!stated) {
        assert.match(text, /(=|from) /, `${id} ${kind}: ${text}`);
        continue;
      }
      // 1,001 samples may miss a smooth extreme between two of them by a hair, never by a shown digit.
      for (const [shown, exact] of [[Number(stated[1]), lo], [Number(stated[2]), hi]]) {
        const tolerance = Math.max(Math.abs(exact) * 5e-3, 1e-3);
        assert.ok(Math.abs(shown - exact) <= tolerance, `${id} ${kind}: shown ${shown}, true ${exact} (${text})`);
      }
    }
  }
});
