// One rule for every export: unknown keys and wrong types are errors naming the key, and what an
// error reports is what was given (no wrapped, clamped or coerced numbers).

import assert from "node:assert/strict";
import { test } from "node:test";
import { actviz, thrownBy } from "./load.mjs";

const { Lab, bornDeadSweep, evaluate, renderSvg } = actviz;
const spec = { curves: [{ id: "tanh" }], xmin: -4, xmax: 4 };

test("unknown keys are errors naming the key", () => {
  assert.match(thrownBy(() => bornDeadSweep({ Trials: 5 })), /^bornDeadSweep: options: unknown key "Trials"; expected one of: activation, params, widths/);
  assert.match(thrownBy(() => new Lab({ learningRate: 0.1 })), /^lab config: unknown key "learningRate"/);
  assert.match(thrownBy(() => renderSvg({ ...spec, xMin: 0 }, 640, 300)), /^chart spec: unknown key "xMin"/);
  assert.match(thrownBy(() => renderSvg({ ...spec, curves: [{ id: "relu", colour: "#000000" }] }, 640, 300)), /^curves\[0\]: unknown key "colour"/);
  assert.match(thrownBy(() => evaluate("leaky_relu", { slope: 0.2 }, [1])), /unknown parameter "slope"/);
  // A key whose value is undefined is a missing key.
  assert.doesNotThrow(() => bornDeadSweep({ widths: [2], trials: 10, Trials: undefined }));
});

test("params as a Map, an array or a class instance are errors", () => {
  assert.equal(
    thrownBy(() => evaluate("leaky_relu", new Map([["negative_slope", 0.2]]), [1])),
    "leaky_relu: params must be a plain object like { negative_slope: 0.2 }, got a Map",
  );
  assert.match(thrownBy(() => evaluate("relu", [1], [1])), /params must be a plain object.*got an array/);
  assert.match(thrownBy(() => new Lab({ params: new Map() })), /params must be a plain object/);
  assert.doesNotThrow(() => evaluate("relu", Object.create(null), [1]));
});

test("{ negative_slope: undefined } is the default, as a missing key is", () => {
  assert.deepEqual(evaluate("leaky_relu", { negative_slope: undefined }, [-1]), new Float64Array([-0.01]));
});

test("momentum with Adam is an error (0, what config() writes under Adam, is allowed)", () => {
  assert.equal(
    thrownBy(() => new Lab({ optimizer: "adam", momentum: 0.9 })),
    'momentum applies only with optimizer "sgd" (leave it out or give 0), got momentum 0.9 with optimizer "adam"',
  );
  const lab = new Lab({ optimizer: "adam", momentum: 0 });
  const again = new Lab(lab.config());
  assert.equal(again.config().optimizer, "adam");
  lab.free();
  again.free();
});

test("sizes are checked as given, before any cast", () => {
  assert.equal(
    thrownBy(() => renderSvg(spec, 2 ** 32 + 100, 450)),
    "SVG size must be whole numbers of pixels from 64 to 16384 a side, got 4294967396×450",
  );
  assert.match(thrownBy(() => renderSvg(spec, "800", 450)), /renderSvg: width must be a finite number, got "800"/);
  assert.match(thrownBy(() => renderSvg(spec, 800.5, 450)), /got 800.5×450/);
});

test("huge counts are reported as given", () => {
  assert.match(thrownBy(() => new Lab({ points: 1e15 })), /^dataset size must be between 10 and 5000, got 1000000000000000$/);
  assert.match(thrownBy(() => bornDeadSweep({ trials: 1e15 })), /sweep trials must be between 1 and 100000, got 1e\+?15|got 1000000000000000$/);
  assert.match(thrownBy(() => bornDeadSweep({ widths: [2 ** 32 + 2] })), /sweep width must be between 1 and 256, got 4294967298/);
  assert.match(thrownBy(() => new Lab({ hiddenWidths: [2 ** 32 + 4] })), /hidden width must be between 1 and 128, got 4294967300/);
});

test("lab.step takes numbers only", () => {
  const lab = new Lab({ points: 100, hiddenWidths: [4] });
  for (const steps of ["5", true, [3], { valueOf: () => 3 }, null, undefined, 1.5, -1, NaN]) {
    assert.match(thrownBy(() => lab.step(steps)), /^steps must be a whole number from 0 to 100000, got /, String(steps));
  }
  assert.equal(lab.stepCount, 0);
  assert.equal(lab.step(3), 3);
  lab.free();
});

test("seeds at and above 2^32 give different sweeps; seeds past 2^53 - 1 are refused", () => {
  const run = (seed) => JSON.stringify(bornDeadSweep({ widths: [2, 3], depth: 4, trials: 200, seed }));
  const seeds = [2 ** 32, 2 ** 32 + 1, 2 ** 40, Number.MAX_SAFE_INTEGER];
  assert.equal(new Set(seeds.map(run)).size, seeds.length, "every seed its own sweep");
  assert.match(thrownBy(() => bornDeadSweep({ seed: 2 ** 53 })), /seed must be a whole number from 0 to 9007199254740991, got 9007199254740992/);
});
