// Unit tests of the lab's pure modules in plain node (no browser; the wasm module is loaded for
// its settings schema and catalogue): URL state parsing and writing (www/js/lab/state.js),
// number formatting that never shows NaN, the learning-rate log slider, the worker's
// steps-per-slice rule and the PReLU sparkline.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { activations, initSync, labSchema } from "../../www/pkg/actviz_lab.js";
import { STEP_BUDGET_MS, nextStepsPerSlice } from "../../www/js/lab/loop.js";
import { sparkPoints } from "../../www/js/lab/neurons.js";
import {
  formatInteger,
  formatPercent,
  formatStat,
  fromLogSlider,
  isModified,
  labConfig,
  labEnv,
  parseLabState,
  serializeLabState,
  toLogSlider,
} from "../../www/js/lab/state.js";

// The settings and presets are wasm's own (labSchema()), from the built module, never a copy.
initSync({ module: readFileSync(new URL("../../www/pkg/actviz_lab_bg.wasm", import.meta.url)) });
const env = labEnv(labSchema(), activations());
const { presets } = env;
const FIELDS = env.fields;
const lrField = FIELDS.find((f) => f.key === "lr");
const lrToSlider = (/** @type {number} */ lr) => toLogSlider(lr, lrField);
const sliderToLr = fromLogSlider;
const parse = (/** @type {string} */ search) => parseLabState(search, env);

describe("parseLabState", () => {
  test("an empty query is the default preset", () => {
    const { state, ignored } = parse("");
    assert.deepEqual(ignored, []);
    assert.deepEqual(state, presets.default);
    assert.equal(state.fn, "leaky_relu");
    assert.deepEqual(state.params, { negative_slope: 0.01 });
    assert.equal(state.layers, 3);
    assert.equal(state.width, 16);
  });

  test("a preset with overrides", () => {
    const { state, ignored } = parse("?preset=high_lr&lr=0.5&seed=7&dataset=circles&optimizer=sgd&momentum=0.9&layers=2");
    assert.deepEqual(ignored, []);
    assert.equal(state.preset, "high_lr");
    assert.equal(state.lr, 0.5);
    assert.equal(state.seed, 7);
    assert.equal(state.dataset, "circles");
    assert.equal(state.optimizer, "sgd");
    assert.equal(state.momentum, 0.9);
    assert.equal(state.layers, 2);
    assert.equal(state.width, 32, "the rest comes from the preset");
    assert.equal(state.batch, 4096);
  });

  test("the other activation and its parameters", () => {
    let { state, ignored } = parse("?fn=elu&alpha=0.5");
    assert.deepEqual(ignored, []);
    assert.equal(state.fn, "elu");
    assert.deepEqual(state.params, { alpha: 0.5 });
    ({ state, ignored } = parse("?negative_slope=0.2"));
    assert.deepEqual(ignored, []);
    assert.deepEqual([state.fn, state.params.negative_slope], ["leaky_relu", 0.2], "parameters of the preset's activation");
    ({ state } = parse("?fn=prelu"));
    assert.deepEqual(state.params, { weight: 0.25 }, "another activation starts from its defaults");
  });

  test("invalid values fall back, each one named", () => {
    const { state, ignored } = parse("?preset=fast&lr=0&batch=2.5&layers=17&dataset=iris&noise=abc&seed=-1&fn=nope&bogus=1");
    assert.deepEqual(state, presets.default);
    const text = ignored.join("\n");
    for (const part of ["preset=fast", "lr=0", "batch=2.5", "layers=17", "dataset=iris", "noise=abc", "seed=-1", "nope", "bogus"]) {
      assert.ok(text.includes(part), `notice names ${part}:\n${text}`);
    }
    assert.match(text, /lr=0 must be between 0\.0001 and 10, using 0\.01/);
    assert.match(text, /batch=2\.5 must be a whole number/);
  });

  test("parameters of the activation are checked", () => {
    const { state, ignored } = parse("?fn=gelu&approximate=fast&alpha=1");
    assert.equal(state.fn, "gelu");
    assert.equal(state.params.approximate, "none");
    assert.equal(ignored.length, 2, ignored.join("\n"));
  });

  test("URL text is kept short and never interpreted", () => {
    const evil = '<img src=x onerror="alert(1)">';
    const { ignored } = parse(`?preset=${encodeURIComponent(evil)}&dataset=${encodeURIComponent(evil)}`);
    assert.ok(ignored.every((m) => typeof m === "string"));
    assert.ok(ignored.some((m) => m.includes("<img src=x")), "quoted as text");
  });
});

describe("serializeLabState", () => {
  test("writes the preset and only what differs from it", () => {
    assert.equal(serializeLabState(presets.default, env), "?preset=default");
    assert.equal(serializeLabState(presets.high_lr, env), "?preset=high_lr");
    const state = { ...presets.high_lr, lr: 0.5, seed: 7 };
    assert.equal(serializeLabState(state, env), "?preset=high_lr&lr=0.5&seed=7");
    assert.ok(isModified(state, env));
    assert.ok(!isModified(presets.deep_narrow, env));
  });

  test("momentum only with SGD; activation and changed parameters last", () => {
    const adam = { ...presets.default, momentum: 0.9 };
    assert.equal(serializeLabState(adam, env), "?preset=default");
    const sgd = { ...presets.default, optimizer: "sgd", momentum: 0.9, fn: "elu", params: { alpha: 0.5 } };
    assert.equal(serializeLabState(sgd, env), "?preset=default&optimizer=sgd&momentum=0.9&fn=elu&alpha=0.5");
    const slope = { ...presets.default, params: { negative_slope: 0.2 } };
    assert.equal(serializeLabState(slope, env), "?preset=default&negative_slope=0.2");
  });

  test("round-trips every field", () => {
    const state = {
      ...presets.negative_bias, dataset: "spiral", noise: 0.3, points: 1000, layers: 5, width: 64, init: "xavier_uniform",
      bias: -2.5, optimizer: "sgd", momentum: 0.5, lr: 0.00123, batch: 128, l2: 0.001, seed: 4294967295, labelnoise: 0.2,
      fn: "gelu", params: { approximate: "tanh" },
    };
    const query = serializeLabState(state, env);
    const back = parse(query);
    assert.deepEqual(back.ignored, []);
    assert.deepEqual(back.state, state);
    assert.equal(FIELDS.length, 14);
  });
});

test("every seed wasm accepts round-trips through the URL exactly", () => {
  const seedField = FIELDS.find((f) => f.key === "seed");
  assert.equal(seedField.max, Number.MAX_SAFE_INTEGER, "wasm's seed range");
  for (const seed of [0, 4294967296, 123456789012345, Number.MAX_SAFE_INTEGER]) {
    const query = serializeLabState({ ...presets.default, seed }, env);
    assert.equal(query, `?preset=default&seed=${seed}`);
    assert.equal(parse(query).state.seed, seed);
  }
  assert.match(parse("?seed=9007199254740993").ignored.join(), /seed=9007199254740993 must be between 0 and 9007199254740991/, "the URL text as given");
});

test("labConfig gives wasm every key explicitly", () => {
  const config = labConfig({ ...presets.high_lr, lr: 0.5, optimizer: "sgd", momentum: 0.9 }, env);
  assert.deepEqual(config, {
    dataset: "moons", points: 400, noise: 0.15, dataSeed: 1, hiddenLayers: 3, width: 32, activation: "leaky_relu",
    params: { negative_slope: 0.01 }, init: "he_normal", biasInit: 0, optimizer: "sgd", lr: 0.5, weightDecay: 0,
    batchSize: 4096, seed: 1, momentum: 0.9, labelNoise: 0,
  });
  assert.equal("momentum" in labConfig(presets.default, env), false, "no momentum for Adam");
});

test("the learning-rate slider is logarithmic from 1e-4 to 10", () => {
  assert.equal(lrToSlider(0.01), -2);
  assert.equal(lrToSlider(10), 1);
  assert.equal(lrToSlider(1e-4), -4);
  assert.equal(lrToSlider(0.5), -0.3);
  assert.equal(lrToSlider(1e-9), -4, "clamped");
  assert.equal(sliderToLr(-2), 0.01);
  assert.equal(sliderToLr(-0.3), 0.501);
  assert.equal(sliderToLr(1), 10);
  assert.equal(sliderToLr(-4), 0.0001);
});

test("statistics are formatted without ever showing NaN", () => {
  for (const bad of [null, undefined, NaN, Infinity, -Infinity]) {
    assert.equal(formatStat(bad), "—");
    assert.equal(formatPercent(bad), "—");
  }
  assert.equal(formatStat(0.123456), "0.123");
  assert.equal(formatStat(0), "0");
  assert.equal(formatStat(4.049493296465102e21), "4.05e21");
  assert.equal(formatStat(0.00001234), "1.23e-5");
  assert.equal(formatPercent(0.62), "62%");
  assert.equal(formatPercent(0.004), "0.4%");
  assert.equal(formatPercent(0.996), "99.6%");
  assert.equal(formatPercent(1), "100%");
  assert.equal(formatPercent(0), "0%");
  assert.equal(formatInteger(0), "0");
  assert.equal(formatInteger(999), "999");
  assert.equal(formatInteger(12345.6), "12,346");
  assert.equal(formatInteger(10_000_000), "10,000,000");
});

test("steps per slice follow the time budget, within ×2 per slice", () => {
  assert.equal(nextStepsPerSlice(1, 0.01), 2, "too fast to time: double");
  assert.equal(nextStepsPerSlice(100, STEP_BUDGET_MS / 2), 200);
  assert.equal(nextStepsPerSlice(100, STEP_BUDGET_MS), 100);
  assert.equal(nextStepsPerSlice(100, STEP_BUDGET_MS * 1.25), 80);
  assert.equal(nextStepsPerSlice(100, STEP_BUDGET_MS * 10), 50, "at most halved");
  assert.equal(nextStepsPerSlice(1, 500), 1, "never below one step");
  assert.equal(nextStepsPerSlice(80_000, 0.01), 100_000, "wasm's limit per call");
  assert.equal(nextStepsPerSlice(100, STEP_BUDGET_MS / 2, 50), 100, "pace from the steps actually taken");
});

test("the PReLU sparkline scales into its box and skips non-finite values", () => {
  assert.equal(sparkPoints([]), "");
  assert.equal(sparkPoints([0.25]), "0.0,14.0");
  assert.equal(sparkPoints([0, 1]), "0.0,14.0 60.0,2.0");
  assert.equal(sparkPoints([0, NaN, 1]), "0.0,14.0 60.0,2.0");
});
