// Loads the release glue of the full module (www/pkg/actviz_lab.js, the explorer's API and the
// lab's) and its wasm synchronously for the API tests in plain node, and offers the hostile
// values they throw at every export. Each test file runs in
// its own node process (node --test), so a module one file corrupts cannot hide another's failure.

import { readFileSync } from "node:fs";
import * as actviz from "../../www/pkg/actviz_lab.js";

/** The wasm instance's exports (for `memory`). */
export const wasm = actviz.initSync({ module: readFileSync(new URL("../../www/pkg/actviz_lab_bg.wasm", import.meta.url)) });
export { actviz };

/** Bytes of wasm linear memory now. */
export const memoryBytes = () => wasm.memory.buffer.byteLength;

/** A Proxy whose every trap throws. */
export function throwingProxy(target = {}) {
  const trap = () => {
    throw new Error("trap");
  };
  return new Proxy(target, {
    get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap,
    set: trap, defineProperty: trap, deleteProperty: trap, apply: trap, construct: trap,
  });
}

/** A revoked Proxy (any operation on it throws a TypeError). */
export function revokedProxy(target = {}) {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** An object whose property `key` is a getter that throws. */
export function throwingGetter(key, base = {}) {
  return Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw new Error(`getter ${key}`);
    },
  });
}

/** A Float64Array whose buffer was transferred away (detached). */
export function detached(values = [1, 2, 3]) {
  const xs = new Float64Array(values);
  structuredClone(xs.buffer, { transfer: [xs.buffer] });
  return xs;
}

/** A Float64Array of `values` whose own `length` property claims `length`. */
export function lyingLength(values, length) {
  return Object.defineProperty(new Float64Array(values), "length", { value: length });
}

/** A thrown error's message (or the thrown value), from calling `f`; fails if nothing was thrown. */
export function thrownBy(f) {
  try {
    f();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error("expected a throw");
}

/** The module still answers correctly: exact values and a Lab that trains. */
export function assertHealthy(assert) {
  assert.deepEqual(actviz.evaluate("leaky_relu", { negative_slope: 0.5 }, new Float64Array([-2, 0, 3])), new Float64Array([-1, 0, 3]));
  assert.deepEqual(actviz.derivative("relu", {}, [-1, 2]), new Float64Array([0, 1]));
  const lab = new actviz.Lab({ points: 100, hiddenWidths: [4] });
  assert.equal(lab.step(5), 5);
  assert.equal(lab.stats().step, 5);
  lab.free();
}
