// The experiments' JS API: shapes of repeatLab / RepeatRun / ClaimRun / claimProtocol /
// gradientFlow / pairedInterval / Lab.gradientNorms, determinism, and clear errors on bad input.

import assert from "node:assert/strict";
import { test } from "node:test";
import { actviz, assertHealthy, thrownBy } from "./load.mjs";

const { Lab, repeatLab, RepeatRun, ClaimRun, claimProtocol, gradientFlow, pairedInterval } = actviz;
const config = { hiddenWidths: [8, 8], points: 200, seed: 3 };
const METRICS = ["dead", "inactive", "trainLoss", "testLoss", "trainAccuracy", "testAccuracy", "diverged", "oscillation"];

test("repeatLab: one Float64Array entry per seed and metric, the same arrays each call", () => {
  const r = repeatLab(config, { seeds: 3, steps: 50 });
  assert.deepEqual([...r.seeds], [3, 4, 5]);
  for (const side of [r.relu, r.other]) {
    assert.deepEqual(Object.keys(side).sort(), [...METRICS].sort());
    for (const id of METRICS) {
      assert.ok(side[id] instanceof Float64Array && side[id].length === 3, id);
    }
    for (const accuracy of side.testAccuracy) assert.ok(accuracy >= 0 && accuracy <= 1);
  }
  const again = repeatLab(config, { seeds: 3, steps: 50, varyData: false });
  assert.deepEqual(again, r);
  const varied = repeatLab(config, { seeds: 3, steps: 50, varyData: true });
  assert.notDeepEqual([...varied.relu.testLoss], [...r.relu.testLoss]);
});

test("RepeatRun advances one seed at a time to the same result", () => {
  const run = new RepeatRun(config, { seeds: 3, steps: 50 });
  assert.equal(run.done, 0);
  assert.equal(run.total, 3);
  assert.equal(run.advance(), false);
  assert.equal(run.done, 1);
  assert.equal(run.result().seeds.length, 1);
  while (!run.advance());
  assert.deepEqual(run.result(), repeatLab(config, { seeds: 3, steps: 50 }));
  run.free();
});

test("repeat options are checked with messages naming the field", () => {
  assert.match(thrownBy(() => repeatLab(config, { seeds: 0, steps: 10 })), /seeds must be between 1 and 1000, got 0/);
  assert.match(thrownBy(() => repeatLab(config, { seeds: 2, steps: 1e6 })), /steps must be between 1 and 100000, got 1000000/);
  assert.match(thrownBy(() => repeatLab(config, { seeds: 1.5, steps: 10 })), /seeds must be a whole number, got 1.5/);
  assert.match(thrownBy(() => repeatLab(config, { seeds: 2 })), /steps is required/);
  assert.match(thrownBy(() => repeatLab(config, { seeds: 2, steps: 3, vary: true })), /vary/);
  assert.match(thrownBy(() => repeatLab(config, { seeds: 2, steps: 3, varyData: "yes" })), /varyData must be true or false/);
  assert.match(thrownBy(() => repeatLab(config)), /repeat options are required/);
  assert.match(thrownBy(() => new RepeatRun({ lr: -1 }, { seeds: 1, steps: 1 })), /learning rate/);
  assert.match(
    thrownBy(() => repeatLab({ hiddenWidths: [128, 128, 128], points: 5000, batchSize: 4096 }, { seeds: 1000, steps: 100000 })),
    /repeat work .* must be at most/,
  );
  assertHealthy(assert);
});

test("gradientFlow: one median norm per hidden layer; sigmoid's vanish towards the input", () => {
  const { gradNorm } = gradientFlow({ activation: "sigmoid", depth: 6, width: 16, seeds: 5, points: 200 });
  assert.ok(gradNorm instanceof Float64Array && gradNorm.length === 6);
  assert.ok(gradNorm[0] < gradNorm[5] / 100, String(gradNorm));
  assert.deepEqual(gradientFlow({ activation: "sigmoid", depth: 6, width: 16, seeds: 5, points: 200 }).gradNorm, gradNorm);
  assert.equal(gradientFlow().gradNorm.length, 10);
  assert.match(thrownBy(() => gradientFlow({ depth: 51 })), /depth must be between 1 and 50, got 51/);
  assert.match(thrownBy(() => gradientFlow({ width: 0 })), /width must be between 1 and 256, got 0/);
  assert.match(thrownBy(() => gradientFlow({ seeds: 501 })), /seeds must be between 1 and 500, got 501/);
  assert.match(thrownBy(() => gradientFlow({ init: "zeros" })), /weight init must be one of/);
  assert.match(thrownBy(() => gradientFlow({ layers: 3 })), /layers/);
});

test("Lab.gradientNorms: per hidden layer for both networks, positive and finite", () => {
  const lab = new Lab({ hiddenWidths: [8, 8, 8] });
  const norms = lab.gradientNorms();
  for (const side of [norms.relu, norms.other]) {
    assert.ok(side instanceof Float64Array && side.length === 3);
    for (const n of side) assert.ok(Number.isFinite(n) && n >= 0);
  }
  lab.free();
});

test("pairedInterval matches scipy's t interval", () => {
  // scipy.stats.t.interval(0.95, 7, loc=mean, scale=sem) of these values.
  const r = pairedInterval(new Float64Array([0.3, -0.1, 0.5, 0.2, 0.4, 0.0, 0.6, 0.1]));
  assert.equal(r.n, 8);
  assert.equal(r.level, 0.95);
  assert.ok(Math.abs(r.low - 0.045217532771588353) < 1e-12 && Math.abs(r.high - 0.45478246722841165) < 1e-12);
  assert.equal(pairedInterval([NaN, 1, 2, 3]).n, 3);
});

test("claimProtocol states each protocol's numbers; ClaimRun reports progress and stays pending", () => {
  const dying = claimProtocol("dying");
  assert.equal(dying.preset, "high_lr");
  assert.equal(dying.seeds, 100);
  assert.equal(dying.gradient.depth, 10);
  assert.equal(dying.gradient.width, 32);
  const oscillation = claimProtocol("oscillation");
  assert.deepEqual(oscillation.learningRates, [0.1, 0.5, 1, 2]);
  assert.deepEqual(oscillation.hiddenWidths, [16, 16, 16]);
  assert.equal(oscillation.optimizer, "sgd");
  assert.deepEqual(claimProtocol("noise").labelNoise, [0, 0.2, 0.4]);
  assert.match(thrownBy(() => claimProtocol("speed")), /claim must be one of dying, oscillation, noise/);
  const run = new ClaimRun("oscillation");
  assert.equal(run.total, 400);
  for (let i = 0; i < 4; i++) assert.equal(run.advance(), false);
  const r = run.result();
  assert.equal(r.id, "oscillation");
  assert.equal(r.done, 4);
  assert.equal(r.verdict, "pending");
  assert.equal(r.effect.claimedSign, 1);
  assert.equal(r.groups.length, 4);
  for (const group of r.groups) {
    assert.equal(group.verdict, "pending");
    assert.deepEqual(group.metrics, ["oscillation", "diverged", "trainLoss", "testAccuracy"]);
    assert.ok(group.relu.oscillation instanceof Float64Array && group.relu.oscillation.length === 1);
  }
  assert.equal(r.gradient, undefined);
  run.free();
  assert.match(thrownBy(() => new ClaimRun(3)), /claim must be a string/);
});
