// The two wasm modules (the Makefile's `wasm` target): the explorer's, www/pkg/actviz.js, holds
// exactly what the explorer, authors and embed pages and <activation-plot> call, and none of the
// lab; the full one, www/pkg/actviz_lab.js, has every one of its names too, and both answer alike.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as explorer from "../../www/pkg/actviz.js";
import { actviz as lab } from "./load.mjs";

explorer.initSync({ module: readFileSync(new URL("../../www/pkg/actviz_bg.wasm", import.meta.url)) });

/** wasm-bindgen's own exports of every glue module, besides the JS API. */
const GLUE = ["default", "initSync", "start"];
/** The explorer's JS API: what its pages and the component call (grep `wasm.` in www/js). */
const EXPLORER_API = [
  "PlotView", "activations", "deadGradient", "depthProducts", "derivative", "derivativeKinks",
  "describe", "evaluate", "maxDepth", "plotActivation", "renderSvg", "theme", "version",
];
/** A few names only the lab, experiment and claims pages need. */
const LAB_ONLY = [
  "ClaimRun", "Lab", "RepeatRun", "bornDeadSweep", "claimProtocol", "drawDistribution",
  "drawGradientNorms", "drawIntervals", "drawLabChart", "drawSweep", "gradientFlow", "labSchema",
  "pairedInterval", "repeatLab", "repeatLimits",
];

test("the explorer's module exports its API and nothing of the lab", () => {
  assert.deepEqual(Object.keys(explorer).filter((k) => !GLUE.includes(k)).sort(), EXPLORER_API);
});

test("the full module exports every name of the explorer's, and the lab's", () => {
  const names = new Set(Object.keys(lab));
  for (const name of [...EXPLORER_API, ...LAB_ONLY]) assert.ok(names.has(name), `${name} is exported`);
});

// Their charts need a browser page (plotters measures text through `document`): the explorer's
// page tests draw with the explorer's module, the lab's with the full one.
test("both modules give the same values, descriptions, catalogue and depth products", () => {
  const xs = new Float64Array([-3, -0.5, 0, 0.25, 2]);
  for (const { id } of explorer.activations()) {
    assert.deepEqual(explorer.evaluate(id, {}, xs), lab.evaluate(id, {}, xs), id);
    assert.deepEqual(explorer.derivative(id, {}, xs), lab.derivative(id, {}, xs), id);
    assert.deepEqual(explorer.describe(id, {}), lab.describe(id, {}), id);
  }
  assert.deepEqual(explorer.activations(), lab.activations());
  assert.deepEqual(explorer.theme(), lab.theme());
  assert.equal(explorer.version(), lab.version());
  assert.deepEqual(explorer.derivativeKinks("leaky_relu", {}), lab.derivativeKinks("leaky_relu", {}));
  const depth = explorer.depthProducts("sigmoid", {}, { layers: 12 });
  assert.equal(depth.length, 12);
  assert.deepEqual(depth, lab.depthProducts("sigmoid", {}, { layers: 12 }));
});

test("the explorer's module rejects bad input with the same errors", () => {
  const message = (f) => {
    try {
      f();
    } catch (e) {
      return e.message;
    }
    return "no error";
  };
  for (const f of [
    (m) => m.evaluate("nope", {}, [1]),
    (m) => m.evaluate("leaky_relu", { negative_slope: Number.NaN }, [1]),
    (m) => m.describe("elu", { alpha: "big" }),
    (m) => m.renderSvg({ curves: [{ id: "tanh" }], xmin: -4, xmax: 4 }, 800, 300),
  ]) {
    const fromExplorer = message(() => f(explorer));
    assert.notEqual(fromExplorer, "no error");
    assert.equal(fromExplorer, message(() => f(lab)));
  }
});
