// `parseCsv(text, { testFraction, seed })` in plain node: the `data` object a Lab takes (typed
// arrays, class names), a Lab that trains on it, the limits of `csvLimits()`, and clean errors
// naming the line for bad files and the key for bad options.

import assert from "node:assert/strict";
import { test } from "node:test";
import { actviz, assertHealthy, revokedProxy, thrownBy, throwingGetter } from "./load.mjs";

const { Lab, parseCsv, csvLimits } = actviz;

/** 100 rows: whole x, y in 0..9, and "low" or "high" by whether x + y > 9 (exact in f32). */
const TEXT = ["x,y,band", ...Array.from({ length: 100 }, (_, i) => {
  const x = i % 10;
  const y = Math.floor(i / 10);
  return `${x},${y},${x + y > 9 ? "high" : "low"}`;
})].join("\n");

test("parseCsv gives a Lab's data: typed arrays, row-major, the class names", () => {
  const data = parseCsv(TEXT);
  assert.deepEqual(Object.keys(data), ["trainX", "trainY", "testX", "testY", "features", "classes"]);
  assert.ok(data.trainX instanceof Float32Array && data.testX instanceof Float32Array);
  assert.ok(data.trainY instanceof Uint8Array && data.testY instanceof Uint8Array);
  assert.equal(data.features, 2);
  assert.deepEqual(data.classes, ["low", "high"], "text labels in order of first appearance");
  assert.equal(data.trainY.length, 80);
  assert.equal(data.testY.length, 20);
  assert.equal(data.trainX.length, 160);
  // Every row keeps its label: "high" exactly where x + y > 9.
  for (const [xs, ys] of [[data.trainX, data.trainY], [data.testX, data.testY]]) {
    for (let r = 0; r < ys.length; r++) assert.equal(ys[r], xs[2 * r] + xs[2 * r + 1] > 9 ? 1 : 0, `row ${r}`);
  }
  assert.deepEqual(parseCsv(TEXT, { seed: 1 }), data, "seed 1 is the default");
  assert.notDeepEqual(parseCsv(TEXT, { seed: 2 }).testX, data.testX, "another seed, another split");
  assert.equal(parseCsv(TEXT, { testFraction: 0.5 }).testY.length, 50);

  const lab = new Lab({ data, hiddenWidths: [8], lr: 0.1, seed: 3 });
  assert.deepEqual(lab.classNames, ["low", "high"]);
  assert.equal(lab.step(50), 50);
  assert.ok(Number.isFinite(lab.stats().relu.trainLoss));
  lab.free();
});

test("csvLimits are the core's", () => {
  assert.deepEqual(csvLimits(), { maxBytes: 64 * 1024 * 1024, maxFeatures: 1024, maxClasses: 100, maxRows: 60000 });
});

test("a bad file throws an Error naming the line", () => {
  assert.equal(thrownBy(() => parseCsv("a,b,c\n1,2,0\n3,4\n")), "line 3: expected 3 fields (like the header), got 2");
  assert.equal(thrownBy(() => parseCsv("1,2,0\n1,x,1\n")), 'line 2, column 2: "x" is not a number');
  assert.equal(thrownBy(() => parseCsv("1,2,0\n1,Infinity,1\n")), 'line 2, column 2: "Infinity" is not a finite number; NaN and infinity are refused');
  assert.equal(thrownBy(() => parseCsv("")), "the file is empty: expected rows of numbers, the last column the label");
  assert.equal(thrownBy(() => parseCsv("\uFEFFa,b\r\n")), "line 1 is a header, and no data rows follow it");
  assertHealthy(assert);
});

test("bad arguments and options are errors naming them", () => {
  for (const text of [undefined, null, 3, new Uint8Array([49, 44, 48]), revokedProxy()]) {
    assert.match(thrownBy(() => parseCsv(text)), /^parseCsv: text must be a string, got /);
  }
  assert.match(thrownBy(() => parseCsv(TEXT, { fraction: 0.2 })), /^parseCsv options: unknown key "fraction"; expected one of: testFraction, seed/);
  for (const testFraction of [0, 1, -0.1, 2]) {
    assert.match(thrownBy(() => parseCsv(TEXT, { testFraction })), /^test fraction must be greater than 0 and less than 1, got /);
  }
  assert.match(thrownBy(() => parseCsv(TEXT, { testFraction: NaN })), /testFraction must be a finite number, got NaN/);
  assert.match(thrownBy(() => parseCsv(TEXT, { seed: -1 })), /seed must be a whole number from 0 to 9007199254740991, got -1/);
  assert.match(thrownBy(() => parseCsv(TEXT, { seed: 1.5 })), /seed must be a whole number/);
  assert.match(thrownBy(() => parseCsv(TEXT, throwingGetter("seed"))), /getter seed/);
  assert.match(thrownBy(() => parseCsv(TEXT, "0.2")), /parseCsv options/);
  assertHealthy(assert);
});
