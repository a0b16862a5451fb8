// The `custom` activation through the JS API: a formula string as the `formula` parameter of
// every export that takes an activation id. Values and derivatives are the formula's, errors are
// the parser's (with the char position), and a Lab trains with it.

import assert from "node:assert/strict";
import { test } from "node:test";
import { actviz, assertHealthy, thrownBy } from "./load.mjs";

const { Lab, activations, derivative, derivativeKinks, depthProducts, describe, evaluate, gradientFlow, pytorchNet, repeatLab } = actviz;

const swish = "x * sigmoid(1.702 * x)";
const sigmoid = (x) => 1 / (1 + Math.exp(-x));

test("activations() lists custom with its text parameter", () => {
  const entry = activations().find((a) => a.id === "custom");
  assert.equal(entry.label, "Custom formula");
  assert.equal(entry.group, "Your own");
  assert.deepEqual(
    entry.params.map(({ name, kind, default: d, maxLength }) => ({ name, kind, default: d, maxLength })),
    [{ name: "formula", kind: "text", default: "x * sigmoid(x)", maxLength: 1000 }],
  );
  assert.match(entry.formula, /^<math/);
  assert.match(entry.torch, /class Custom\(nn\.Module\):/);
});

test("evaluate and derivative give the formula's values and exact derivative", () => {
  const xs = new Float64Array([-4, -1, -0.25, 0, 0.5, 2, 6]);
  const values = evaluate("custom", { formula: swish }, xs);
  const slopes = derivative("custom", { formula: swish }, xs);
  xs.forEach((x, i) => {
    const s = sigmoid(1.702 * x);
    assert.ok(Math.abs(values[i] - x * s) < 1e-15, `f(${x})`);
    assert.ok(Math.abs(slopes[i] - (s + 1.702 * x * s * (1 - s))) < 1e-14, `f'(${x})`);
  });
  // Mish written out is the catalogue's Mish.
  const mish = evaluate("custom", { formula: "x * tanh(softplus(x))" }, xs);
  evaluate("mish", {}, xs).forEach((v, i) => assert.ok(Math.abs(mish[i] - v) < 1e-15));
  // The branch taken, as autograd: where(x > 0, x, 0.01x) has slope 0.01 at 0.
  assert.deepEqual(derivative("custom", { formula: "where(x > 0, x, 0.01 * x)" }, [-1, 0, 1]), new Float64Array([0.01, 0.01, 1]));
  assert.deepEqual(evaluate("custom", undefined, [0]), new Float64Array([0]), "the default formula, x·σ(x)");
});

test("bad formulas throw clean Errors with the parser's message and position", () => {
  const message = (formula) => thrownBy(() => evaluate("custom", { formula }, [0]));
  assert.equal(message("1 +"), 'unexpected end after "+" at 3');
  assert.equal(message(""), "empty formula; type an expression in x, such as x * sigmoid(x)");
  assert.match(message("constructor"), /^unknown name "constructor" at 0;/);
  assert.match(message("__proto__"), /^unknown name "__proto__" at 0;/);
  assert.match(message("foo(x)"), /^unknown function "foo" at 0; known: exp, log, /);
  assert.equal(message("where(x > 0, x)"), "where takes 3 arguments, got 2");
  assert.match(message("x; 1"), / at 1\b/);
  assert.match(message("x ** 2"), / at 3;/);
  assert.equal(message("x".repeat(1001)), "formula is 1001 characters long; at most 1000 are allowed");
  const started = performance.now();
  const deep = message("(".repeat(100_000) + "x" + ")".repeat(100_000));
  assert.equal(deep, "formula is 200001 characters long; at most 1000 are allowed");
  assert.match(message("(".repeat(101) + "x" + ")".repeat(101)), /100/);
  assert.ok(performance.now() - started < 5000, "refused without running away");
  assert.equal(thrownBy(() => evaluate("custom", { formula: 2 }, [0])), "custom: formula must be a string");
  assert.equal(thrownBy(() => evaluate("custom", { alpha: 1 }, [0])), 'unknown parameter "alpha" for custom; expected one of: formula');
  assert.match(thrownBy(() => evaluate("nope", {}, [0])), /expected one of: .*, custom$/);
  for (const formula of ["", "constructor", "__proto__", "(".repeat(100_000)]) {
    assert.match(thrownBy(() => describe("custom", { formula })), /./);
    assert.match(thrownBy(() => new Lab({ activation: "custom", params: { formula } })), /./);
  }
  assertHealthy(assert);
});

test("describe writes the formula and its derivative as MathML, and the formula as an nn.Module", () => {
  const d = describe("custom", { formula: "x * tanh(softplus(x))" });
  assert.equal(d.id, "custom");
  assert.equal(d.label, "Custom formula");
  assert.match(d.formula, /^<math[^>]*>.*<mi>tanh<\/mi>.*<\/math>$/s);
  assert.match(d.derivativeFormula, /^<math[^>]*>.*f′.*<\/math>$/s);
  assert.notEqual(d.derivativeFormula, d.formula);
  assert.match(d.torch, /class Custom\(nn\.Module\):/);
  assert.match(d.torch, /return x \* torch\.tanh\(F\.softplus\(x/);
  // Markup typed into a formula never reaches the MathML: it is refused.
  assert.match(thrownBy(() => describe("custom", { formula: "<script>" })), / at 0/);
  const tower = describe("custom", { formula: Array(40).fill("x").join("^") });
  assert.match(tower.derivativeFormula, /too long to write out/);
});

test("derivativeKinks and depthProducts follow the formula", () => {
  const kinks = derivativeKinks("custom", { formula: "where(x > 1, x, 0.5 * x)" });
  assert.deepEqual(kinks.map((k) => k.x), [1]);
  assert.equal(derivativeKinks("custom", { formula: swish }).length, 0);
  const products = depthProducts("custom", { formula: "where(x > 0, x, 0.5 * x)" }, { layers: 3, z: -1 });
  assert.deepEqual(Array.from(products), [0.5, 0.25, 0.125]);
});

test("a Lab trains with a formula, like the catalogue activation it spells, and keeps it in its config", () => {
  const base = { points: 200, hiddenWidths: [8, 8], seed: 3 };
  const custom = new Lab({ ...base, activation: "custom", params: { formula: "where(x > 0, x, 0.01 * x)" } });
  const leaky = new Lab({ ...base, activation: "leaky_relu", params: { negative_slope: 0.01 } });
  custom.step(100);
  leaky.step(100);
  const [a, b] = [custom.stats().other, leaky.stats().other];
  assert.equal(a.activation, "custom");
  assert.ok(Math.abs(a.trainLoss - b.trainLoss) < 1e-6, `${a.trainLoss} vs ${b.trainLoss}`);
  assert.equal(a.dead, b.dead);
  const config = custom.config();
  assert.equal(config.activation, "custom");
  assert.deepEqual(config.params, { formula: "where(x > 0, x, 0.01 * x)" });
  const again = new Lab(config);
  again.step(100);
  assert.equal(again.stats().other.trainLoss, a.trainLoss, "the config round trip keeps the formula");
  assert.match(pytorchNet({ hiddenWidths: [8, 8], features: 2, classes: 2, activation: "custom", params: { formula: "x * sigmoid(x)" } }), /class Custom\(nn\.Module\)/);
  custom.free();
  leaky.free();
  again.free();
});

test("repeatLab runs a custom activation", () => {
  const config = { points: 100, hiddenWidths: [4], activation: "custom", params: { formula: "relu(x)^2" } };
  const result = repeatLab(config, { seeds: 2, steps: 20 });
  assert.equal(result.other.trainLoss.length, 2);
  assert.ok(result.other.trainLoss.every(Number.isFinite));
});

test("gradientFlow runs a formula like the catalogue activation it spells", () => {
  const options = { depth: 4, width: 8, points: 64, seeds: 3 };
  const custom = gradientFlow({ ...options, activation: "custom", params: { formula: "where(x > 0, x, 0.01 * x)" } });
  const leaky = gradientFlow({ ...options, activation: "leaky_relu", params: { negative_slope: 0.01 } });
  assert.equal(custom.gradNorm.length, 4);
  custom.gradNorm.forEach((norm, i) => assert.ok(Math.abs(norm - leaky.gradNorm[i]) <= 1e-9 * leaky.gradNorm[i], `layer ${i}`));
});

test("the safetensors export names the formula and carries its nn.Module", () => {
  const lab = new Lab({ points: 100, hiddenWidths: [4], activation: "custom", params: { formula: "relu(x)^2" } });
  lab.step(2);
  const bytes = lab.exportSafetensors("other");
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const metadata = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))).__metadata__;
  assert.equal(metadata.activation, "custom");
  assert.equal(metadata["activation.formula"], "relu(x)^2");
  assert.match(metadata.activation_module, /class Custom\(nn\.Module\):[\s\S]*return F\.relu\(x\) \*\* 2/);
  lab.free();
});
