// Unit tests of www/js/activation-plot/attributes.js in plain node: how <activation-plot> reads
// its attributes (through the explorer's URL parser) and what it says about invalid ones.

import assert from "node:assert/strict";
import { test } from "node:test";
import { kebab, observedAttributes, paramAttributes, readAttributes, snake } from "../../www/js/activation-plot/attributes.js";
import { CATALOGUE, validate } from "./fixtures/catalogue.mjs";

const read = (attributes) => readAttributes(Object.entries(attributes), CATALOGUE, validate);

test("the attribute example from the README", () => {
  const { state, derivative, controls, height, theme, problems } = read({
    fn: "leaky_relu",
    "negative-slope": "0.1",
    derivative: "",
    controls: "negative_slope",
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(state.main, { id: "leaky_relu", params: { negative_slope: 0.1 } });
  assert.deepEqual([state.xmin, state.xmax, state.ymin, state.ymax], [-5, 5, null, null]);
  assert.equal(derivative, true);
  assert.deepEqual(controls, ["negative_slope"]);
  assert.equal(height, null);
  assert.equal(theme, null);
});

test("compare, ranges, height, theme and kebab-case controls", () => {
  const { state, controls, height, theme, problems } = read({
    fn: "hardtanh",
    "min-val": "-2",
    compare: "relu,elu:alpha=0.5,gelu:approximate=tanh",
    xmin: "-3",
    xmax: "3",
    ymin: "-1",
    ymax: "2",
    height: "180px",
    theme: "dark",
    controls: "max-val, min_val",
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(state.main.params, { min_val: -2, max_val: 1 });
  assert.deepEqual(state.compare, [
    { id: "relu", params: {} },
    { id: "elu", params: { alpha: 0.5 } },
    { id: "gelu", params: { approximate: "tanh" } },
  ]);
  assert.deepEqual([state.xmin, state.xmax, state.ymin, state.ymax], [-3, 3, -1, 2]);
  assert.deepEqual(controls, ["max_val", "min_val"]);
  assert.equal(height, 180);
  assert.equal(theme, "dark");
  assert.deepEqual(read({ fn: "hardtanh", controls: "all" }).controls, ["min_val", "max_val"]);
  assert.equal(read({ derivative: "false" }).derivative, false);
});

test("invalid attributes are reported readably and replaced by defaults", () => {
  const { state, controls, height, theme, problems } = read({
    fn: "nope",
    xmin: "abc",
    compare: "relu,bogus",
    controls: "alpha",
    height: "10",
    theme: "sepia",
    negative_slope: "0.2",
    slope: "1",
  });
  assert.equal(state.main.id, "leaky_relu");
  assert.deepEqual(state.compare.map((c) => c.id), ["relu"]);
  assert.deepEqual(controls, []);
  assert.equal(height, null);
  assert.equal(theme, null);
  const text = problems.join("\n");
  for (const pattern of [
    /fn: unknown activation "nope", showing leaky_relu/,
    /xmin=abc: bounds must be finite numbers/,
    /compare: unknown activation "bogus"/,
    /controls: leaky_relu has no parameter "alpha"/,
    /height="10": must be a number of CSS pixels from 80 to 4000/,
    /theme="sepia"/,
    /negative_slope: write parameter attributes in kebab-case, negative-slope="0.2"/,
  ]) {
    assert.match(text, pattern);
  }
});

test("HTML's, data-, aria- and framework attributes are left alone", () => {
  const { problems } = read({ fn: "relu", id: "a", class: "b", style: "c", "data-x": "1", "aria-label": "ReLU", hidden: "", "_ngcontent-x": "" });
  assert.deepEqual(problems, []);
  assert.match(read({ fn: "relu", slope: "2" }).problems.join(), /relu has no parameter "slope"/);
});

test("observed attributes: the options and every parameter in kebab-case", () => {
  const OBSERVED_ATTRIBUTES = observedAttributes(CATALOGUE);
  const PARAM_ATTRIBUTES = paramAttributes(CATALOGUE);
  assert.ok(OBSERVED_ATTRIBUTES.includes("fn") && OBSERVED_ATTRIBUTES.includes("negative-slope"));
  assert.equal(new Set(OBSERVED_ATTRIBUTES).size, OBSERVED_ATTRIBUTES.length);
  for (const name of PARAM_ATTRIBUTES) assert.equal(kebab(snake(name)), name);
  for (const info of CATALOGUE) for (const p of info.params) assert.ok(PARAM_ATTRIBUTES.includes(kebab(p.name)), p.name);
});
