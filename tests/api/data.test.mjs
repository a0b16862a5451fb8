// `new Lab({ data })`: the caller's own training and test sets (any features, 2 to 100 classes).
// Bad data is refused with a message naming the key, row and feature; good data trains, and the
// Lab reports epochs, class names, predictions, the confusion matrix and the first layer's weights.

import assert from "node:assert/strict";
import { test } from "node:test";
import { actviz, assertHealthy, revokedProxy, thrownBy, throwingGetter } from "./load.mjs";

const { Lab } = actviz;

/** `rows` rows of `features` numbers around one of `classes` fixed centres each (deterministic). */
function clusters(features, classes, rows, shift = 0) {
  const x = new Float32Array(rows * features);
  const y = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    y[r] = r % classes;
    for (let f = 0; f < features; f++) {
      const centre = Math.sin(1.7 * (y[r] * features + f) + 0.3) * 2;
      const jitter = Math.sin(12.9898 * (r + shift) + 78.233 * f) * 0.5;
      x[r * features + f] = centre + jitter;
    }
  }
  return { x, y };
}

function data(features = 12, classes = 4, rows = 200) {
  const train = clusters(features, classes, rows);
  const test = clusters(features, classes, rows / 4, 1000);
  return { trainX: train.x, trainY: train.y, testX: test.x, testY: test.y, features, classes };
}

test("bad data is refused with a message naming the key, the row and the feature", () => {
  const good = data();
  const cases = [
    [{ ...good, trainX: good.trainX.subarray(1) }, "data.trainX must hold rows × features = 200 × 12 = 2400 numbers, got 2399"],
    [{ ...good, trainX: new Float64Array(2400) }, "data.trainX must be a Float32Array, got a Float64Array"],
    [{ ...good, trainX: [...good.trainX] }, "data.trainX must be a Float32Array, got an array"],
    [{ ...good, testY: new Uint8Array(0) }, "data.testY is empty: each set needs at least one row"],
    [{ ...good, trainY: Uint8Array.of(...good.trainY.subarray(0, 199), 4) }, "data.trainY[199] must be a class from 0 to 3, got 4"],
    [{ ...good, trainY: new Float64Array(200).fill(0.5) }, "data.trainY[0] must be a class from 0 to 3, got 0.5"],
    [{ ...good, trainY: new Int32Array(200).fill(-1) }, "data.trainY[0] must be a class from 0 to 3, got -1"],
    [{ ...good, trainY: new Float32Array(200) }, "data.trainY must be a Uint8Array or Int32Array or Float64Array, got a Float32Array"],
    [{ ...good, features: 2000 }, "data.features must be a whole number from 1 to 1024, got 2000"],
    [{ ...good, features: 0 }, "data.features must be a whole number from 1 to 1024, got 0"],
    [{ ...good, classes: 101 }, "data.classes must be a whole number from 2 to 100, got 101"],
    [{ ...good, classes: 1 }, "data.classes must be a whole number from 2 to 100, got 1"],
    [{ ...good, classes: ["a", "b", "c"] }, "data.trainY[3] must be a class from 0 to 2, got 3"],
    [{ ...good, classes: ["a", 2, "c", "d"] }, "data.classes[1] must be a string, got number"],
    [{ ...good, classes: "4" }, "data.classes must be a class count or an array of class names, got string"],
    [{ ...good, features: 1.5 }, "data.features must be a whole number from 1 to 1024, got 1.5"],
    [{ ...good, extra: 1 }, /^lab config: data: unknown key "extra"; expected one of: trainX, trainY/],
    [{ ...good, testX: clusters(11, 4, 50).x, features: 12 }, "data.testX must hold rows × features = 50 × 12 = 600 numbers, got 550"],
    [throwingGetter("trainX", good), /lab config: data could not be read: getter trainX|getter trainX/],
    [revokedProxy(), /data/],
    [{ ...good, width: 3, height: 3 }, "data.width × data.height must be data.features = 12, got 3 × 3"],
    [{ ...good, width: 4 }, "data.height must be a whole number from 1 to 1024, got undefined"],
  ];
  const nan = data();
  nan.testX[5 * 12 + 3] = NaN;
  cases.push([nan, "data.testX[63] (row 5, feature 3) must be a finite number, got NaN"]);
  for (const [bad, expected] of cases) {
    const message = thrownBy(() => new Lab({ data: bad }));
    if (expected instanceof RegExp) assert.match(message, expected);
    else assert.equal(message, expected);
  }
  assertHealthy(assert);
});

test("a Lab on given data trains and reports epochs, predictions and the confusion matrix", () => {
  const classes = ["north", "east", "south", "west"];
  const lab = new Lab({ data: { ...data(), classes }, hiddenWidths: [32, 16], init: "pytorch_default", batchSize: 32, lr: 0.01 });
  assert.deepEqual(lab.classNames, classes);
  assert.equal(lab.features, 12);
  assert.equal(lab.stepsPerEpoch, 6, "200 rows in 6 full batches of 32");
  lab.step(6 * 30);
  assert.equal(lab.epoch, 30);
  const stats = lab.stats();
  for (const net of [stats.relu, stats.other]) {
    assert.ok(net.testAccuracy > 0.9, `${net.testAccuracy} test accuracy on separable clusters`);
    assert.deepEqual(net.layers.map((l) => l.neurons), [32, 16]);
  }
  const matrix = lab.confusion("relu");
  assert.ok(matrix instanceof Uint32Array && matrix.length === 16);
  for (let row = 0; row < 4; row++) assert.equal(matrix.subarray(row * 4, row * 4 + 4).reduce((a, b) => a + b), 12 + (row < 2 ? 1 : 0));
  const diagonal = [0, 1, 2, 3].reduce((sum, c) => sum + matrix[c * 4 + c], 0);
  assert.ok(Math.abs(diagonal / 50 - stats.relu.testAccuracy) < 1e-12, "the diagonal is the test accuracy");
  const { predicted, confidence } = lab.predictions("other", 40, 10);
  assert.ok(predicted instanceof Uint8Array && predicted.length === 10 && confidence instanceof Float32Array);
  assert.ok([...confidence].every((p) => p >= 0.25 && p <= 1));
  assert.equal(thrownBy(() => lab.predictions("other", 45, 10)), "rows 45 to 55 are not all in the 50 rows");
  assert.equal(thrownBy(() => lab.confusion("tanh")), 'which must be "relu" or "other", got "tanh"');
  const weights = lab.firstLayerWeights("relu");
  assert.equal(weights.length, 32 * 12, "one row of 12 weights per first-layer neuron");
  assert.ok([...weights].every(Number.isFinite));
  assert.match(thrownBy(() => lab.boundaryImage("relu", 64, 64, "light", 1)), /2-input network, this one has 12 inputs/);
  lab.free();
  assertHealthy(assert);
});

test("loadImageSet reads the Fashion-MNIST asset into a Lab's data, and refuses what is not one", async () => {
  const { readFileSync } = await import("node:fs");
  const { gunzipSync } = await import("node:zlib");
  const bytes = new Uint8Array(gunzipSync(readFileSync(new URL("../../www/assets/fashion-mnist-16.bin.gz", import.meta.url))));
  const set = actviz.loadImageSet(bytes);
  assert.equal(set.features, 256);
  assert.deepEqual([set.width, set.height], [16, 16]);
  assert.equal(set.classes.length, 10);
  assert.equal(set.classes[0], "T-shirt/top");
  assert.equal(set.trainX.length, 10_000 * 256);
  assert.equal(set.testY.length, 2000);
  assert.ok(set.trainX.every((p) => p >= 0 && p <= 1));
  const lab = new Lab({ data: set, hiddenWidths: [128, 64], init: "pytorch_default", batchSize: 64 });
  assert.deepEqual(lab.classNames, set.classes);
  assert.equal(lab.stepsPerEpoch, 156, "10,000 images in full batches of 64");
  lab.free();
  assert.equal(thrownBy(() => actviz.loadImageSet(new Uint8Array(10))), 'the image set is not an actviz image set (it does not start with "AVIMGSET")');
  assert.match(thrownBy(() => actviz.loadImageSet(bytes.subarray(0, 5000))), /image set/);
  assert.equal(thrownBy(() => actviz.loadImageSet([1, 2, 3])), "image set must be a Uint8Array, got an array");
  assert.equal(thrownBy(() => actviz.loadImageSet(new Float32Array(4))), "image set must be a Uint8Array, got a Float32Array");
  assertHealthy(assert);
});
