// Unit tests of www/js/state.js in plain node (no browser, no wasm): URL parsing, validation
// fallbacks with their notices, and writing the state back.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  DEFAULT_X_RANGE,
  MAX_COMPARE,
  checkRange,
  curveLabel,
  defaultState,
  formatNumber,
  parseNumber,
  parseState,
  serializeState,
  zoomRange,
} from "../../www/js/state.js";
import { CATALOGUE, info, validate } from "./fixtures/catalogue.mjs";

const parse = (search) => parseState(search, CATALOGUE, validate);

describe("parseState", () => {
  test("an empty query gives the defaults and no notice", () => {
    const { state, ignored } = parse("");
    assert.deepEqual(state, defaultState(CATALOGUE));
    assert.equal(state.main.id, "leaky_relu");
    assert.deepEqual(state.main.params, { negative_slope: 0.01 });
    assert.deepEqual([state.xmin, state.xmax], [...DEFAULT_X_RANGE]);
    assert.equal(state.ymin, null);
    assert.deepEqual(ignored, []);
  });

  test("reads the documented example", () => {
    const { state, ignored } = parse("?fn=leaky_relu&negative_slope=0.2&compare=relu,elu:alpha=0.5&xmin=-5&xmax=5");
    assert.deepEqual(ignored, []);
    assert.deepEqual(state.main, { id: "leaky_relu", params: { negative_slope: 0.2 } });
    assert.deepEqual(state.compare, [
      { id: "relu", params: {} },
      { id: "elu", params: { alpha: 0.5 } },
    ]);
    assert.deepEqual([state.xmin, state.xmax, state.ymin, state.ymax], [-5, 5, null, null]);
  });

  test("reads several compare parameters, choices and a fixed y range", () => {
    const { state, ignored } = parse("?fn=gelu&approximate=tanh&compare=hardtanh:min_val=-2:max_val=3&ymin=-1&ymax=2.5");
    assert.deepEqual(ignored, []);
    assert.deepEqual(state.main.params, { approximate: "tanh" });
    assert.deepEqual(state.compare[0].params, { min_val: -2, max_val: 3 });
    assert.deepEqual([state.ymin, state.ymax], [-1, 2.5]);
  });

  test("also reads the percent-encoded form URLSearchParams writes", () => {
    const { state, ignored } = parse("?fn=leaky_relu&compare=relu%2Celu%3Aalpha%3D0.5");
    assert.deepEqual(ignored, []);
    assert.deepEqual(state.compare.map((c) => c.id), ["relu", "elu"]);
    assert.equal(state.compare[1].params.alpha, 0.5);
  });

  test("an unknown activation falls back to the default, naming it", () => {
    const { state, ignored } = parse("?fn=nope&negative_slope=0.3");
    assert.equal(state.main.id, "leaky_relu");
    assert.equal(state.main.params.negative_slope, 0.01, "parameters of an unknown fn are not applied");
    assert.equal(ignored.length, 2);
    assert.match(ignored[0], /unknown activation "nope"/);
    assert.match(ignored[1], /negative_slope/);
  });

  test("bad parameter values fall back per parameter", () => {
    for (const bad of ["abc", "", "NaN", "Infinity", "1e999", "0x10", "1,5"]) {
      const { state, ignored } = parse(`?fn=leaky_relu&negative_slope=${encodeURIComponent(bad)}`);
      assert.equal(state.main.params.negative_slope, 0.01, bad);
      assert.equal(ignored.length, 1, bad);
      assert.match(ignored[0], /negative_slope=.* must be a finite number, using 0\.01/);
    }
    const { state, ignored } = parse("?fn=gelu&approximate=fast");
    assert.equal(state.main.params.approximate, "none");
    assert.match(ignored[0], /must be "none" or "tanh"/);
  });

  test("unknown parameter names are reported and ignored", () => {
    const { state, ignored } = parse("?fn=relu&alpha=2");
    assert.equal(state.main.id, "relu");
    assert.match(ignored[0], /relu has no parameter "alpha" \(its parameters: none\)/);
  });

  test("parameters wasm rejects together go back to the defaults with wasm's message", () => {
    const { state, ignored } = parse("?fn=hardtanh&min_val=2&max_val=1");
    assert.deepEqual(state.main.params, { min_val: -1, max_val: 1 });
    assert.match(ignored[0], /min_val must be less than max_val \(1\), got 2; using the defaults of hardtanh/);
  });

  test("compare: unknown ids and malformed tokens are skipped, at most MAX_COMPARE kept", () => {
    const { state, ignored } = parse("?compare=relu,bogus,elu:alpha,elu:alpha=2,gelu,relu,hardtanh");
    assert.deepEqual(state.compare.map((c) => c.id), ["relu", "elu", "elu", "gelu"].slice(0, MAX_COMPARE));
    assert.equal(state.compare[1].params.alpha, 1, "the malformed token left the default");
    assert.equal(state.compare[2].params.alpha, 2);
    assert.ok(ignored.some((m) => /unknown activation "bogus"/.test(m)));
    assert.ok(ignored.some((m) => /"alpha" is not name=value/.test(m)));
    assert.ok(ignored.some((m) => /at most 4 curves, ignored relu, hardtanh/.test(m)));
  });

  test("ranges: invalid or reversed x falls back to the default, a lone y bound to auto", () => {
    let result = parse("?xmin=5&xmax=1");
    assert.deepEqual([result.state.xmin, result.state.xmax], [...DEFAULT_X_RANGE]);
    assert.match(result.ignored[0], /xmin=5&xmax=1: the minimum must be less than the maximum/);

    result = parse("?xmin=-2");
    assert.deepEqual([result.state.xmin, result.state.xmax], [-2, 5], "one x bound may be given alone");
    assert.deepEqual(result.ignored, []);

    result = parse("?xmin=-1e9&xmax=0");
    assert.deepEqual([result.state.xmin, result.state.xmax], [...DEFAULT_X_RANGE]);
    assert.match(result.ignored[0], /within/);

    result = parse("?ymin=1");
    assert.equal(result.state.ymin, null);
    assert.match(result.ignored[0], /give both ymin and ymax/);

    result = parse("?ymin=a&ymax=2");
    assert.equal(result.state.ymax, null);
    assert.match(result.ignored[0], /finite numbers, using an automatic y range/);
  });

  test("URL text in notices is cut short", () => {
    const long = "x".repeat(500);
    const { ignored } = parse(`?fn=${long}`);
    assert.ok(ignored[0].length < 120, ignored[0]);
  });
});

describe("serializeState", () => {
  test("writes fn, changed parameters, compare and ranges, and reads back the same", () => {
    const { state } = parse("?fn=leaky_relu&negative_slope=0.2&compare=relu,elu:alpha=0.5&xmin=-3&xmax=4.5&ymin=-1&ymax=2");
    const query = serializeState(state, CATALOGUE);
    assert.equal(query, "?fn=leaky_relu&negative_slope=0.2&compare=relu,elu:alpha=0.5&xmin=-3&xmax=4.5&ymin=-1&ymax=2");
    assert.deepEqual(parse(query).state, state);
  });

  test("leaves out defaults and the automatic y range", () => {
    assert.equal(serializeState(defaultState(CATALOGUE), CATALOGUE), "?fn=leaky_relu&xmin=-5&xmax=5");
  });

  test("round-trips awkward numbers and page-only fields are not written", () => {
    const state = defaultState(CATALOGUE);
    state.main = { id: "rrelu", params: { lower: 0.1 + 0.2, upper: 1 / 3 } };
    state.compare = [{ id: "gelu", params: { approximate: "tanh" }, slot: 3 }];
    const query = serializeState(state, CATALOGUE);
    assert.equal(query, "?fn=rrelu&lower=0.3&compare=gelu:approximate=tanh&xmin=-5&xmax=5");
    assert.equal(parse(query).state.main.params.upper, 1 / 3);
  });
});

describe("helpers", () => {
  test("parseNumber accepts plain decimals only", () => {
    assert.equal(parseNumber("0.2"), 0.2);
    assert.equal(parseNumber(" -3 "), -3);
    assert.equal(parseNumber("1e-3"), 0.001);
    assert.equal(parseNumber(".5"), 0.5);
    for (const bad of ["", "-", "abc", "1e999", "Infinity", "0x1", "1 2"]) assert.equal(parseNumber(bad), undefined, bad);
  });

  test("formatNumber hides float noise", () => {
    assert.equal(formatNumber(0.1 + 0.2), "0.3");
    assert.equal(formatNumber(-0), "0");
    assert.equal(formatNumber(1e-7), "1e-7");
  });

  test("checkRange", () => {
    assert.equal(checkRange(-1, 1), null);
    assert.match(checkRange(1, 1), /less than/);
    assert.match(checkRange(undefined, 1), /finite/);
  });

  test("zoomRange zooms about the centre and keeps readable bounds", () => {
    assert.deepEqual(zoomRange(-5, 5, 0.5), [-2.5, 2.5]);
    assert.deepEqual(zoomRange(-5, 5, 2), [-10, 10]);
    assert.deepEqual(zoomRange(0, 3, 0.5), [0.75, 2.25]);
    let [lo, hi] = [-5, 5];
    for (let i = 0; i < 60; i += 1) [lo, hi] = zoomRange(lo, hi, 0.5);
    assert.ok(hi > lo && checkRange(lo, hi) === null, "zooming in stops before the range collapses");
  });

  test("curveLabel", () => {
    assert.equal(curveLabel(info("relu"), {}), "ReLU");
    assert.equal(curveLabel(info("leaky_relu"), { negative_slope: 0.2 }), "Leaky ReLU (0.2)");
    assert.equal(curveLabel(info("gelu"), { approximate: "tanh" }), "GELU (tanh)");
    assert.equal(curveLabel(info("rrelu"), { lower: 0.125, upper: 1 / 3 }), "RReLU (eval, 0.125, 0.333)");
  });
});
