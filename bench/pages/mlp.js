// MLP training throughput (examples per second, forward + backward + SGD update) of actviz's
// wasm Lab against TensorFlow.js 4.22 (cpu and wasm backends) in the same page, and the time of
// the born-dead sweep at its defaults. `window.bench.*` is what run.mjs calls.
//
// Workloads W1 and W2, on the 512 training points of 640 two-moons points:
// - W1: 2 → 16 → 16 → 16 → 1, LeakyReLU(0.01), sigmoid + BCE, SGD lr 0.1, batch 32;
// - W2: 2 → 128 → 128 → 128 → 1, the same, batch 512.
//
// actviz runs through the public JS API, `new Lab(...)` and `lab.step(n)`: n steps per call, no JS
// crossing per step. A Lab step trains two networks of the same shape on the same batch (the ReLU
// twin and the LeakyReLU one), so its throughput per network is 2 × batch × steps / time.
// TensorFlow.js runs the same network written the way its docs recommend for custom training:
// tf.variable weights, `optimizer.minimize` over matMul/add/leakyRelu and
// `tf.losses.sigmoidCrossEntropy`, on batches made into tensors once, before timing.

import init, { Lab, bornDeadSweep } from "/pkg/actviz.js";

const tf = window.tf;
const WORKLOADS = {
  W1: { widths: [16, 16, 16], batch: 32 },
  W2: { widths: [128, 128, 128], batch: 512 },
};
const TRAIN_POINTS = 512;

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
  const { widths, batch } = WORKLOADS[name];
  const lab = new Lab({
    dataset: "moons",
    points: 640,
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
    const stats = lab.stats();
    const trainPoints = Math.round(lab.config().points * 0.8);
    const diverged = [stats.relu.divergedAt, stats.other.divergedAt].filter((d) => d !== null);
    return { examplesPerSecond: rate, trainPoints, steps: stats.step, diverged, lossAfter: stats.other.trainLoss };
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
  const { widths, batch } = WORKLOADS[name];
  const sizes = [2, ...widths, 1];
  const layers = sizes.slice(1).map((fanOut, i) => ({
    weights: tf.variable(tf.randomNormal([sizes[i], fanOut], 0, Math.sqrt(2 / sizes[i]), "float32", 1)),
    bias: tf.variable(tf.zeros([fanOut])),
  }));
  const data = moons(TRAIN_POINTS);
  const batches = [];
  for (let start = 0; start + batch <= TRAIN_POINTS; start += batch) {
    batches.push({
      x: tf.tensor2d(data.inputs.subarray(2 * start, 2 * (start + batch)), [batch, 2]),
      y: tf.tensor2d(data.labels.subarray(start, start + batch), [batch, 1]),
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
      return tf.losses.sigmoidCrossEntropy(y, h);
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
