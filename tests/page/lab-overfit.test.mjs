// The lab's overfitting note (www/js/lab/overfit.js): synthetic histories, then a real Lab run
// that overfits (few noisy points, a wide network, many steps) and one that does not.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Lab, initSync } from "../../www/pkg/actviz_lab.js";
import { OVERFIT_POINTS, OVERFIT_RISE, overfitNote, overfitSentence } from "../../www/js/lab/overfit.js";

initSync({ module: readFileSync(new URL("../../www/pkg/actviz_lab_bg.wasm", import.meta.url)) });

const net = (testLoss, trainLoss) => ({
  testLoss,
  trainLoss,
  trainAccuracy: testLoss.map(() => 0.98),
  testAccuracy: testLoss.map(() => 0.9),
});

test("a test loss that climbs back while the training loss falls is named, with the run's numbers", () => {
  assert.equal(OVERFIT_POINTS, 3);
  const steps = [0, 100, 200, 300, 400];
  const sentence = overfitSentence("ReLU", steps, net([0.7, 0.2, 0.26, 0.28, 0.3], [0.7, 0.1, 0.05, 0.03, 0.02]));
  assert.equal(
    sentence,
    "ReLU is overfitting: its test loss rose from 0.20 (step 100) to 0.30 while its training loss fell to 0.020; train accuracy is now 8 points above test.",
  );
  // Still falling; risen less than OVERFIT_RISE; risen at the last point only (mini-batch noise);
  // training loss rising too: no note.
  assert.equal(overfitSentence("ReLU", steps, net([0.7, 0.3, 0.2, 0.15, 0.1], [0.7, 0.3, 0.2, 0.15, 0.1])), "");
  const small = 0.2 * (1 + OVERFIT_RISE / 2);
  assert.equal(overfitSentence("ReLU", steps, net([0.7, 0.2, small, small, small], [0.7, 0.1, 0.05, 0.03, 0.02])), "");
  assert.equal(overfitSentence("ReLU", steps, net([0.7, 0.2, 0.21, 0.22, 0.3], [0.7, 0.1, 0.05, 0.03, 0.02])), "");
  assert.equal(overfitSentence("ReLU", steps, net([0.7, 0.2, 0.26, 0.28, 0.3], [0.7, 0.1, 0.2, 0.3, 0.4])), "");
  assert.equal(overfitSentence("ReLU", [0, 1], net([0.7, 0.8], [0.7, 0.1])), "", "too short a history");
  assert.equal(overfitSentence("ReLU", steps, net([NaN, NaN, NaN, NaN], [1, 1, 1, 1])), "", "diverged");
});

function history(config, steps, every) {
  const lab = new Lab(config);
  for (let done = 0; done < steps; done += every) {
    lab.step(every);
    lab.stats();
  }
  const h = lab.history();
  lab.free();
  return h;
}

test("a real Lab run that memorises noisy points gets the note, one still learning does not", () => {
  const overfits = history(
    { points: 40, noise: 0.6, hiddenWidths: [64, 64], lr: 0.01, batchSize: 32, seed: 1 },
    4000,
    100,
  );
  assert.match(overfitNote(overfits, ["ReLU", "Leaky ReLU"]), /is overfitting: its test loss rose from/);
  // The default preset gets it too, but only late (by step 2000 its test loss has doubled from
  // its lowest while its accuracy stays near 99%): at 300 steps it is still learning.
  const fine = history({ preset: "default" }, 300, 50);
  assert.equal(overfitNote(fine, ["ReLU", "Leaky ReLU"]), "");
});
