// A typed array's own `length` property cannot make an export read past its real contents: the
// values come from a fresh copy in JS, so no call ever returns another call's memory.

import assert from "node:assert/strict";
import { test } from "node:test";
import { actviz, lyingLength } from "./load.mjs";

const { evaluate, derivative } = actviz;

test("a Float64Array whose length was redefined gives its own values only", () => {
  const previous = new Float64Array([111, 222, 333, 444, 555, 666, 777, 888]);
  assert.deepEqual(evaluate("relu", {}, previous), previous);
  assert.deepEqual(evaluate("relu", {}, lyingLength([1], 8)), new Float64Array([1]));
  assert.deepEqual(derivative("relu", {}, lyingLength([2, -3], 1000)), new Float64Array([1, 0]));
  assert.deepEqual(evaluate("relu", {}, lyingLength([5, 6, 7], 0)), new Float64Array([5, 6, 7]));
});

test("typed arrays other than Float64Array are named in the error", () => {
  assert.throws(() => evaluate("relu", {}, new Float32Array([1])), {
    message: "xs must be a Float64Array or an array of numbers, got a Float32Array",
  });
  assert.throws(() => evaluate("relu", {}, new DataView(new ArrayBuffer(8))), /must be a Float64Array/);
});
