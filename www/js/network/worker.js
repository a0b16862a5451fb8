/**
 * @file The network page's Web Worker: it fetches the Fashion-MNIST asset, decompresses it
 * (`DecompressionStream("gzip")`), reads it with wasm's `loadImageSet`, builds the twin `Lab`
 * (ReLU beside the chosen activation, the article's 256→128→64→10) and trains it, so the page's
 * main thread only draws. Nothing here touches the DOM.
 *
 * Requests carry an `id` and get one `{ type: "reply", id, result | error }`. While training the
 * worker posts `progress` (epoch, step) every PROGRESS_MS and an `epoch` event at the end of each
 * epoch with what the page draws: statistics, both confusion matrices, both networks' predictions
 * for the gallery and both first layers' weights (typed arrays, transferred).
 */

import init, { Lab, loadImageSet } from "../../pkg/actviz_lab.js";
import { nextStepsPerSlice } from "../lab/loop.js";
import { buffersOf } from "../runtime/worker-messages.js";

/** Progress (epoch and step) at most this often while training. */
const PROGRESS_MS = 250;
/** Test images in the gallery. */
export const GALLERY = 24;

/** @type {Lab | null} */
let lab = null;
/** @type {any} the asset as `loadImageSet` returns it */
let data = null;
let generation = 0;
let running = false;
let target = 0;
let perSlice = 1;
let lastProgress = 0;
/** The wasm instance's memory: its buffer is never transferred (that would detach it). */
let memory = /** @type {WebAssembly.Memory | null} */ (null);

const scope = /** @type {{ postMessage(message: unknown, transfer?: Transferable[]): void }} */ (/** @type {unknown} */ (self));
const channel = new MessageChannel();
channel.port1.onmessage = () => slice();
const yieldThenSlice = () => channel.port2.postMessage(null);

/** @type {Record<string, (payload: any) => any>} */
const handlers = {
  async init({ module, asset }) {
    memory = (await init({ module_or_path: module })).memory;
    const response = await fetch(asset);
    if (!response.ok) throw new Error(`${response.url} answered ${response.status} ${response.statusText}`.trim());
    if (!response.body) throw new Error(`${asset} came without a body`);
    const bytes = new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
    data = loadImageSet(bytes);
    const count = Math.min(GALLERY, data.testY.length);
    return {
      classNames: data.classes,
      width: data.width,
      height: data.height,
      features: data.features,
      train: data.trainY.length,
      test: data.testY.length,
      gallery: { pixels: data.testX.slice(0, count * data.features), truth: data.testY.slice(0, count), count },
    };
  },
  create({ config }) {
    if (!data) throw new Error("the images have not loaded yet");
    const next = new Lab({ ...config, data });
    lab?.free();
    lab = next;
    generation += 1;
    running = false;
    perSlice = 1;
    return { ...progress(), ...epochReport() };
  },
  start({ epochs }) {
    const current = requireLab();
    target = epochs;
    if (!running && current.epoch < target) {
      running = true;
      yieldThenSlice();
    }
    return progress();
  },
  pause() {
    running = false;
    return lab ? progress() : null;
  },
  exportWeights({ side }) {
    return requireLab().exportSafetensors(side);
  },
  /** The Python that loads `file` (this side's export) and prints its test accuracy. */
  loader({ side, file }) {
    return requireLab().pytorchLoader(side, file, { source: "fashion-mnist", width: data.width, height: data.height });
  },
};

self.onmessage = async (event) => {
  const { id, type, ...payload } = event.data;
  try {
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request ${JSON.stringify(type)}`);
    const result = await handler(payload);
    scope.postMessage({ type: "reply", id, result }, buffersOf(result, memory));
  } catch (e) {
    scope.postMessage({ type: "reply", id, error: e instanceof Error ? e.message : String(e) });
  }
};

/** @returns {Lab} */
function requireLab() {
  if (!lab) throw new Error("no network yet: send create first");
  return lab;
}

function progress() {
  return {
    generation,
    epoch: lab ? lab.epoch : 0,
    stepCount: lab ? lab.stepCount : 0,
    stepsPerEpoch: lab ? lab.stepsPerEpoch : 0,
    finished: lab ? lab.finished : false,
    running,
  };
}

/** Everything the page draws after an epoch (and at epoch 0). */
function epochReport() {
  const current = requireLab();
  const count = Math.min(GALLERY, data.testY.length);
  /** @param {"relu" | "other"} side */
  const side = (side) => ({
    confusion: current.confusion(side),
    predicted: current.predictions(side, 0, count).predicted,
    weights: current.firstLayerWeights(side),
  });
  return { stats: current.stats(), history: current.history(), relu: side("relu"), other: side("other") };
}

/** One slice of training (never past the end of an epoch), then any report due, then a yield. */
function slice() {
  if (!running || !lab) return;
  const current = lab;
  const before = current.epoch;
  const left = current.stepsPerEpoch * (before + 1) - current.stepCount;
  const start = performance.now();
  try {
    current.step(Math.max(1, Math.min(perSlice, left)));
  } catch (e) {
    running = false;
    scope.postMessage({ type: "stopped", generation, reason: "error", error: e instanceof Error ? e.message : String(e) });
    return;
  }
  perSlice = nextStepsPerSlice(perSlice, performance.now() - start);
  if (current.epoch !== before || current.finished) {
    const report = { type: "epoch", ...progress(), ...epochReport() };
    scope.postMessage(report, buffersOf(report, memory));
    if (current.epoch >= target || current.finished) {
      running = false;
      scope.postMessage({ type: "stopped", generation, reason: current.finished ? "finished" : "done" });
      return;
    }
  } else if (start - lastProgress >= PROGRESS_MS) {
    lastProgress = start;
    scope.postMessage({ type: "progress", ...progress() });
  }
  yieldThenSlice();
}
