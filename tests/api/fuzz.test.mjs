// Thousands of calls to every export with hostile arguments (throwing getters, Proxies whose
// every trap throws, revoked Proxies, detached buffers, lying lengths, Maps, wrong types). Each
// call either returns or throws a JS Error; afterwards the module still answers exactly, a Lab
// trains, and wasm memory has not grown beyond a small bound.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  actviz, assertHealthy, detached, lyingLength, memoryBytes, revokedProxy, throwingGetter, throwingProxy,
} from "./load.mjs";

/** A small deterministic generator (xorshift32), so a failure replays. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const hostile = () => [
  undefined, null, true, 0, -1, 1e308, NaN, Infinity, 2 ** 32 + 7, "relu", "", "5", [], [3], {},
  new Map([["a", 1]]), new Set([1]), Symbol("s"), 10n, () => 1,
  throwingProxy(), throwingProxy([1, 2, 3]), revokedProxy(), revokedProxy([1]),
  throwingGetter("curves"), throwingGetter("negative_slope"), throwingGetter("lr"), throwingGetter("theme"),
  detached(), lyingLength([1], 1 << 20), new Float32Array(2), Object.create(null),
  { valueOf() { throw new Error("valueOf"); }, toString() { throw new Error("toString"); } },
  { curves: throwingProxy([]), xmin: -1, xmax: 1 }, { curves: [throwingProxy()], xmin: -1, xmax: 1 },
  { curves: [{ id: "elu", params: throwingProxy() }], xmin: -1, xmax: 1 },
  { widths: throwingProxy([2]) }, { hiddenWidths: revokedProxy([2]) }, { params: new Map() },
  { steps: detached(), relu: {}, other: {} }, { relu: { layers: [throwingGetter("histogram")] }, other: {} },
  { theme: "light", scale: throwingProxy() },
];

test("every export survives 6000 hostile calls, then answers exactly with flat memory", () => {
  const { Lab } = actviz;
  const lab = new Lab({ points: 100, hiddenWidths: [4] });
  const calls = [
    (a, b, c) => actviz.evaluate(a, b, c),
    (a, b, c) => actviz.derivative(a, b, c),
    (a, b) => actviz.describe(a, b),
    (a, b) => actviz.plotActivation(a, b),
    (a, b, c) => actviz.renderSvg(a, b, c),
    (a) => actviz.bornDeadSweep(a),
    (a, b, c, d) => actviz.drawSweep(a, b, c, d),
    (a, b, c, d, e) => actviz.drawLabChart(a, b, c, d, e),
    (a) => new Lab(a).free(),
    (a) => lab.step(a),
    (a, b, c) => lab.drawDeadChart(a, b, c),
    (a, b, c, d) => lab.drawMetricChart(a, b, c, d),
    (a, b, c, d) => lab.drawHistogram(a, b, c, d),
    (a, b, c, d) => lab.drawBoundary(a, b, c, d),
    (a, b, c, d, e) => lab.boundaryImage(a, b, c, d, e),
    // Valid ids with hostile params and samples: the paths that read them deeper.
    (a, b) => actviz.evaluate("leaky_relu", a, b),
    (a) => actviz.renderSvg({ curves: [{ id: "relu", params: a }], xmin: -1, xmax: 1 }, 640, 300),
    (a) => actviz.bornDeadSweep({ widths: [2], trials: 5, seed: a }),
  ];
  const random = rng(16);
  const pick = (list) => list[Math.floor(random() * list.length)];
  // Warm up the allocator with honest calls, so growth afterwards means a leak.
  assertHealthy(assert);
  const before = memoryBytes();
  let threw = 0;
  for (let i = 0; i < 6000; i++) {
    const values = hostile();
    const args = Array.from({ length: 5 }, () => pick(values));
    try {
      pick(calls)(...args);
    } catch (e) {
      assert.ok(e instanceof Error, `a JS Error, got ${String(e)}`);
      assert.ok(!/unreachable|memory access out of bounds|recursive use|RuntimeError/.test(e.message), e.message);
      threw++;
    }
  }
  assert.ok(threw > 5000, `most hostile calls throw (${threw})`);
  const steps = lab.stepCount;
  assert.equal(lab.step(2), steps + 2, "the shared Lab still trains");
  lab.free();
  assertHealthy(assert);
  assert.ok(memoryBytes() <= before + (4 << 20), `memory ${before} → ${memoryBytes()} bytes`);
});
