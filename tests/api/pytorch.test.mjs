// Weights to PyTorch: `lab.exportSafetensors(side)` is a safetensors file with the article's `Net`
// state dict, read back here by hand (8-byte header length, JSON header, little-endian f32 data);
// `pytorchNet` and `lab.pytorchLoader` write the matching Python.

import assert from "node:assert/strict";
import { test } from "node:test";
import { actviz, assertHealthy, thrownBy } from "./load.mjs";

const { Lab, pytorchNet } = actviz;

/** The header and tensors of a safetensors file. */
function readSafetensors(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  const base = 8 + headerLength;
  const tensors = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const [start, end] = info.data_offsets;
    const copy = bytes.slice(base + start, base + end);
    tensors[name] = { dtype: info.dtype, shape: info.shape, values: new Float32Array(copy.buffer) };
  }
  return { metadata: header.__metadata__, tensors, size: base };
}

test("exportSafetensors writes the article's Net state dict, with the lab's own weights", () => {
  const rows = 64;
  const trainX = new Float32Array(rows * 256).map((_, i) => ((i * 7919) % 1000) / 1000);
  const trainY = new Uint8Array(rows).map((_, i) => i % 10);
  const data = { trainX, trainY, testX: trainX, testY: trainY, features: 256, classes: 10 };
  const lab = new Lab({ data, hiddenWidths: [128, 64], init: "pytorch_default", batchSize: 32 });
  lab.step(4);
  const file = readSafetensors(lab.exportSafetensors("other"));
  const shapes = Object.fromEntries(Object.entries(file.tensors).map(([name, t]) => [name, t.shape]));
  assert.deepEqual(shapes, {
    "fc1.weight": [128, 256], "fc1.bias": [128],
    "fc2.weight": [64, 128], "fc2.bias": [64],
    "fc3.weight": [10, 64], "fc3.bias": [10],
  });
  assert.ok(Object.values(file.tensors).every((t) => t.dtype === "F32"));
  assert.equal(file.metadata.activation, "leaky_relu");
  assert.equal(file.metadata.side, "other");
  assert.equal(file.metadata.step, "4");
  // fc1.weight row r = the weights into neuron r: firstLayerWeights' layout.
  assert.deepEqual(file.tensors["fc1.weight"].values, lab.firstLayerWeights("other"));
  assert.notDeepEqual(readSafetensors(lab.exportSafetensors("relu")).tensors["fc1.weight"].values, file.tensors["fc1.weight"].values);
  const net = lab.pytorchNet("other");
  assert.match(net, /self\.fc1 = nn\.Linear\(256, 128\)/);
  assert.match(net, /self\.fc3 = nn\.Linear\(64, 10\)/);
  assert.match(net, /nn\.LeakyReLU\(negative_slope=0\.01\)/);
  assert.match(net, /F\.log_softmax\(x, dim=1\)/);
  const loader = lab.pytorchLoader("other", "leaky.safetensors", { source: "fashion-mnist", width: 16, height: 16 });
  assert.match(loader, /load_state_dict\(load_file\(['"]leaky\.safetensors['"]\)\)/);
  assert.match(lab.pytorchLoader("relu", "relu.safetensors", { source: "csv", file: "test.csv" }), /test\.csv/);
  assert.equal(lab.testSetCsv().trim().split("\n").length, rows);
  assert.equal(thrownBy(() => lab.pytorchLoader("relu", "w.safetensors", { source: "mnist" })), 'loader data: source must be "fashion-mnist" or "csv", got Some("mnist")');
  assert.match(thrownBy(() => lab.pytorchLoader("relu", "w.safetensors", { source: "fashion-mnist", width: 28, height: 28 })), /784 pixels, the network takes 256 features/);
  assert.equal(thrownBy(() => lab.exportSafetensors("both")), 'which must be "relu" or "other", got "both"');
  lab.free();
  assertHealthy(assert);
});

test("pytorchNet writes the class for a shape before any Lab exists, and names bad input", () => {
  const source = pytorchNet({ features: 256, hiddenWidths: [128, 64], classes: 10, activation: "leaky_relu", params: { negative_slope: 0.2 } });
  assert.match(source, /class Net\(nn\.Module\)/);
  assert.match(source, /nn\.LeakyReLU\(negative_slope=0\.2\)/);
  assert.doesNotMatch(pytorchNet({ hiddenWidths: [8] }), /log_softmax/, "2 classes: one logit");
  assert.equal(thrownBy(() => pytorchNet({ hiddenWidths: [8], features: 5000 })), "network: features must be a whole number from 0 to 1024, got 5000");
  assert.match(thrownBy(() => pytorchNet({ hiddenWidths: [8], activation: "nope" })), /unknown activation/);
  assert.match(thrownBy(() => pytorchNet({ hiddenWidths: [8], extra: 1 })), /unknown key "extra"/);
  assertHealthy(assert);
});
