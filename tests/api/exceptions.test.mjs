// A JS exception during a wasm call (a throwing getter, a Proxy trap, a revoked Proxy, a detached
// buffer, a non-string id) is a clean JS Error, and leaves nothing behind: the module keeps
// working, a Lab is not left borrowed, and memory does not grow.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  actviz, assertHealthy, detached, memoryBytes, revokedProxy, thrownBy, throwingGetter, throwingProxy,
} from "./load.mjs";

const { Lab, bornDeadSweep, derivative, describe, evaluate, renderSvg } = actviz;
const spec = { curves: [{ id: "relu" }], xmin: -1, xmax: 1 };

test("2000 Labs from a Proxy whose ownKeys throws: an error each time, then the module works", () => {
  const before = memoryBytes();
  for (let i = 0; i < 2000; i++) {
    const message = thrownBy(() => new Lab(new Proxy({}, { ownKeys() { throw 1; } })));
    assert.match(message, /lab config could not be read: 1/);
  }
  assertHealthy(assert);
  assert.ok(memoryBytes() <= before + (1 << 20), `memory ${before} → ${memoryBytes()}`);
});

test("10 000 evaluate calls on a detached Float64Array: a clear error, no corruption", () => {
  const before = memoryBytes();
  for (let i = 0; i < 10_000; i++) {
    assert.match(thrownBy(() => evaluate("relu", {}, detached())), /^xs could not be read: /);
  }
  assertHealthy(assert);
  assert.ok(memoryBytes() <= before + (1 << 20));
});

test("ids that are not strings are errors, thousands of times", () => {
  for (let i = 0; i < 5000; i++) {
    assert.equal(thrownBy(() => evaluate(123, {}, [1])), "activation id must be a string, got 123");
    assert.equal(thrownBy(() => describe({})), "activation id must be a string, got object");
    assert.equal(thrownBy(() => derivative(null, {}, [1])), "activation id must be a string, got null");
  }
  assertHealthy(assert);
});

test("a throwing getter is an error naming the key, never the default", () => {
  assert.equal(thrownBy(() => new Lab(throwingGetter("lr"))), "lab config: lr could not be read: getter lr");
  assert.equal(
    thrownBy(() => evaluate("elu", throwingGetter("alpha"), [1])),
    "elu: alpha could not be read: getter alpha",
  );
  assert.equal(
    thrownBy(() => bornDeadSweep(throwingGetter("trials"))),
    "bornDeadSweep: trials could not be read: getter trials",
  );
  assert.match(thrownBy(() => renderSvg(throwingGetter("xmin", spec), 640, 300)), /xmin could not be read: getter xmin/);
});

test("Proxies with throwing traps and revoked Proxies are errors, everywhere", () => {
  const hostile = [throwingProxy(), throwingProxy([1, 2]), revokedProxy(), revokedProxy([1])];
  for (const value of hostile) {
    assert.match(thrownBy(() => evaluate("relu", value, [1])), /could not be read|must be a plain object/);
    assert.match(thrownBy(() => evaluate("relu", {}, value)), /could not be read|must be a Float64Array/);
    assert.match(thrownBy(() => new Lab(value)), /could not be read|must be a plain object/);
    assert.match(thrownBy(() => bornDeadSweep(value)), /could not be read|must be a plain object/);
    assert.match(thrownBy(() => renderSvg(value, 640, 300)), /could not be read|must be a plain object/);
    assert.match(thrownBy(() => renderSvg({ ...spec, curves: value }, 640, 300)), /could not be read|must be an array/);
  }
  assertHealthy(assert);
});

test("a Lab survives a failed draw: step and free still work (no borrow left behind)", () => {
  const lab = new Lab({ points: 100, hiddenWidths: [4] });
  const canvases = [null, undefined, {}, throwingProxy(), revokedProxy(), 42];
  for (const canvas of canvases) {
    assert.match(thrownBy(() => lab.drawDeadChart(canvas, "light", 1)), /canvas must be an HTMLCanvasElement|needs a browser page/);
    assert.match(thrownBy(() => lab.drawMetricChart(canvas, "loss", "light", 1)), /HTMLCanvasElement|browser page/);
    assert.match(thrownBy(() => lab.drawHistogram(canvas, 0, "light", 1)), /HTMLCanvasElement|browser page/);
    assert.match(thrownBy(() => lab.drawBoundary(canvas, "relu", "light", 1)), /HTMLCanvasElement|browser page/);
  }
  assert.equal(lab.step(1), 1);
  lab.free();
  assert.throws(() => lab.step(1), /null pointer|freed|moved/i);
});

test("a 100 000-element array Proxy whose last element throws does not leak", () => {
  const target = new Array(100_000).fill(0.5);
  const proxy = new Proxy(target, {
    get(t, key) {
      if (key === "99999") throw new Error("last");
      return Reflect.get(t, key);
    },
  });
  evaluate("relu", {}, target); // warm up the allocator
  const before = memoryBytes();
  for (let i = 0; i < 30; i++) {
    assert.equal(thrownBy(() => evaluate("relu", {}, proxy)), "xs[99999] could not be read: last");
  }
  assert.ok(memoryBytes() <= before + (2 << 20), `memory ${before} → ${memoryBytes()}`);
  assertHealthy(assert);
});
