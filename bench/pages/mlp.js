// MLP training throughput (examples per second, forward + backward + SGD update) of actviz's
// wasm Lab against TensorFlow.js 4.22 (cpu and wasm backends) in the same page, and the time of
// the born-dead sweep at its defaults. `window.bench.*` is what run.mjs calls.
//
// Workloads W1 and W2, on the 512 training points of 640 two-moons points:
// - W1: 2 → 16 → 16 → 16 → 1, LeakyReLU(0.01), sigmoid + BCE, SGD lr 0.1, batch 32;
// - W2: 2 → 128 → 128 → 128 → 1, the same, batch 512.
// W3, the tutorials' network, on 10,000 rows of 256 numbers in [0, 1) (16×16 images' shape; the
// speed of a step does not depend on the pixels) with 10 classes:
// - W3: 256 → 128 → 64 → 10, LeakyReLU(0.01), log_softmax + NLL, SGD lr 0.1, batch 64; also the
//   time of one epoch of the twin (both networks, 10,000 rows each, 156 steps).
//
// actviz runs through the public JS API, `new Lab(...)` and `lab.step(n)`: n steps per call, no JS
// crossing per step. A Lab step trains two networks of the same shape on the same batch (the ReLU
// twin and the LeakyReLU one), so its throughput per network is 2 × batch × steps / time.
// TensorFlow.js runs the same network written the way its docs recommend for custom training:
// tf.variable weights, `optimizer.minimize` over matMul/add/leakyRelu and
// `tf.losses.sigmoidCrossEntropy` (`softmaxCrossEntropy` for 10 classes), on batches made into
// tensors once, before timing.

import init, { Lab, bornDeadSweep } from "/pkg/actviz_lab.js";

const tf = window.tf;
const WORKLOADS = {
  W1: { widths: [16, 16, 16], batch: 32 },
  W2: { widths: [128, 128, 128], batch: 512 },
  W3: { widths: [128, 64], batch: 64, features: 256, classes: 10, rows: 10_000 },
};
const TRAIN_POINTS = 512;

/** W3's rows: `rows × features` numbers in [0, 1) and labels 0..classes−1 (seeded). */
function images({ features, classes, rows }) {
  let state = 7;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const inputs = new Float32Array(rows * features).map(random);
  const labels = new Uint8Array(rows).map((_, i) => i % classes);
  return { inputs, labels };
}

/** Median of a list of numbers. */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Median examples/s over `rounds` timed rounds of about `seconds / rounds` each. `step(n)` runs n
 * training steps and returns how many examples they processed; `sync()` waits for the work.
 */
async function throughput(step, sync, { seconds, rounds = 5 }) {
  // Calibrate: steps per call so that a call takes ≥ 20 ms.
  let calls = 1;
  for (;;) {
    const start = performance.now();
    step(calls);
    await sync();
    if (performance.now() - start >= 20 || calls >= 1 << 16) break;
    calls *= 2;
  }
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    let examples = 0;
    const start = performance.now();
    while (performance.now() - start < (seconds * 1000) / rounds) examples += step(calls);
    await sync();
    rates.push(examples / ((performance.now() - start) / 1000));
  }
  return median(rates);
}

async function actviz(name, options) {
  const workload = WORKLOADS[name];
  const { widths, batch } = workload;
  let data = { dataset: "moons", points: 640 };
  if (workload.features) {
    const { inputs, labels } = images(workload);
    const { features, classes } = workload;
    data = { data: { trainX: inputs, trainY: labels, testX: inputs.subarray(0, 1000 * features), testY: labels.subarray(0, 1000), features, classes } };
  }
  const lab = new Lab({
    ...data,
    hiddenWidths: widths,
    activation: "leaky_relu",
    params: { negative_slope: 0.01 },
    optimizer: "sgd",
    momentum: 0,
    lr: 0.1,
    batchSize: batch,
    seed: 1,
  });
  try {
    const rate = await throughput((n) => (lab.step(n), 2 * n * batch), async () => {}, options);
    let epochMs = null;
    if (workload.features) {
      const start = performance.now();
      lab.step(lab.stepsPerEpoch);
      epochMs = performance.now() - start;
    }
    const stats = lab.stats();
    const trainPoints = workload.rows ?? Math.round(lab.config().points * 0.8);
    const diverged = [stats.relu.divergedAt, stats.other.divergedAt].filter((d) => d !== null);
    return { examplesPerSecond: rate, trainPoints, steps: stats.step, diverged, lossAfter: stats.other.trainLoss, epochMs };
  } finally {
    lab.free();
  }
}

/** Two-moons points, `count` in all (seeded; the distribution of actviz's moons, noise 0.15). */
function moons(count, noise = 0.15, seed = 1) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const inputs = new Float32Array(count * 2);
  const labels = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const angle = Math.PI * random();
    const [x, y] = label === 0 ? [Math.cos(angle), Math.sin(angle)] : [1 - Math.cos(angle), 0.5 - Math.sin(angle)];
    inputs[2 * i] = x + noise * normal();
    inputs[2 * i + 1] = y + noise * normal();
    labels[i] = label;
  }
  return { inputs, labels };
}

async function tfjs(backend, name, options) {
  await tf.setBackend(backend);
  await tf.ready();
  const workload = WORKLOADS[name];
  const { widths, batch } = workload;
  const features = workload.features ?? 2;
  const classes = workload.classes ?? 2;
  const outputs = classes === 2 ? 1 : classes;
  const sizes = [features, ...widths, outputs];
  const layers = sizes.slice(1).map((fanOut, i) => ({
    weights: tf.variable(tf.randomNormal([sizes[i], fanOut], 0, Math.sqrt(2 / sizes[i]), "float32", 1)),
    bias: tf.variable(tf.zeros([fanOut])),
  }));
  const rows = workload.rows ?? TRAIN_POINTS;
  const data = workload.features ? images(workload) : moons(TRAIN_POINTS);
  const batches = [];
  for (let start = 0; start + batch <= rows; start += batch) {
    const labels = data.labels.subarray(start, start + batch);
    batches.push({
      x: tf.tensor2d(data.inputs.subarray(features * start, features * (start + batch)), [batch, features]),
      y: outputs === 1 ? tf.tensor2d(labels, [batch, 1]) : tf.oneHot(tf.tensor1d(labels, "int32"), classes),
    });
  }
  const optimizer = tf.train.sgd(0.1);
  let next = 0;
  const trainStep = () => {
    const { x, y } = batches[next];
    next = (next + 1) % batches.length;
    optimizer.minimize(() => {
      let h = x;
      layers.forEach(({ weights, bias }, i) => {
        h = tf.add(tf.matMul(h, weights), bias);
        if (i < layers.length - 1) h = tf.leakyRelu(h, 0.01);
      });
      return outputs === 1 ? tf.losses.sigmoidCrossEntropy(y, h) : tf.losses.softmaxCrossEntropy(y, h);
    });
  };
  try {
    const step = (n) => {
      for (let i = 0; i < n; i++) trainStep();
      return n * batch;
    };
    const sync = () => layers[0].weights.data();
    const rate = await throughput(step, sync, options);
    const info = { backend: tf.getBackend() };
    if (backend === "wasm") {
      info.simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
      info.multithread = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
      info.threads = tf.wasm.getThreadsCount?.() ?? null;
    }
    return { examplesPerSecond: rate, tensorsLeft: tf.memory().numTensors, ...info };
  } finally {
    for (const { weights, bias } of layers) tf.dispose([weights, bias]);
    for (const { x, y } of batches) tf.dispose([x, y]);
    optimizer.dispose();
  }
}

/** Milliseconds of `bornDeadSweep({})` (relu, depth 10, widths 2, 3, 4, 5, 10, 1000 trials): median of `runs`. */
function sweep(runs = 3) {
  const times = [];
  let points;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    points = bornDeadSweep({});
    times.push(performance.now() - start);
  }
  return { ms: median(times), times, fractions: points.map((p) => [p.width, p.fraction]) };
}

async function setUp() {
  await init();
  // TF.js at its fastest: production mode (no debug checks), wasm files served beside it.
  tf.enableProdMode();
  tf.wasm.setWasmPaths("/bench/node_modules/@tensorflow/tfjs-backend-wasm/dist/");
  document.querySelector("#status").textContent = "ready";
}

window.bench = {
  ready: setUp(),
  actviz,
  tfjs,
  sweep,
  info: () => ({ crossOriginIsolated: window.crossOriginIsolated, tfjs: tf.version.tfjs }),
};
