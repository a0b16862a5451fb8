/**
 * @file The lab's Web Worker: it owns the twin `Lab` (ReLU beside another activation), trains it
 * and takes its statistics, so the page's main thread only draws. One training step of the largest
 * network (8 × 128 neurons, batch 4096) takes longer than a frame; here it blocks nobody.
 *
 * The page posts the compiled `WebAssembly.Module` (one compile for page and worker), then
 * requests; every request has an `id` and gets one reply `{ type: "reply", id, result }` or
 * `{ type: "reply", id, error }`. While training, the worker posts `snapshot` events on its own,
 * at most one until the page acknowledges it (`ack`): a slow page gets fewer snapshots, never a
 * queue of stale ones. Snapshots carry the lab's `generation`, so the page drops those of a lab
 * it has replaced. Nothing here touches the DOM (plotters' text needs `document`): charts are
 * drawn by the page from the statistics and history sent here, the decision boundaries come
 * ready as RGBA buffers (transferred, not copied).
 */

import init, { Lab, bornDeadSweep, parseCsv } from "../../pkg/actviz_lab.js";
import { nextStepsPerSlice } from "./loop.js";
import { buffersOf } from "../runtime/worker-messages.js";

/** A snapshot while training at most this often (the page asks for ≥ 10 redraws a second). */
const SNAPSHOT_INTERVAL_MS = 50;
/** While training, the decision boundaries come with every this many snapshots (and every final one). */
const BOUNDARY_EVERY = 3;

/** @type {Lab | null} */
let lab = null;
/** The page's CSV file as a Lab's `data` (parsed here, kept for every rebuild that uses it). */
let csvData = /** @type {import("../../pkg/actviz_lab.js").CsvData | null} */ (null);
/** Whether the lab's data has 2 features, so that a decision-boundary picture exists. */
let hasBoundary = true;
let generation = 0;
let running = false;
/** Steps per training slice, adapted to the slice budget. */
let perSlice = 1;
/** Training stops by itself at this step (the embedded lab's run length). */
let until = Infinity;
/** Speed control: at most this many steps per slice, and a pause between slices (ms). */
let speed = { maxPerSlice: Infinity, delayMs: 0 };
let awaitingAck = false;
let lastSnapshot = -Infinity;
let snapshots = 0;
/** The cost of the last statistics: snapshots are spaced so they never take most of the time. */
let statsMs = 0;
/** @type {{ theme: "light" | "dark", scale: number, boundary: { width: number, height: number } | null }} */
let view = { theme: "light", scale: 1, boundary: null };
/** The wasm instance's memory: its buffer is never transferred (that would detach it). */
let memory = /** @type {WebAssembly.Memory | null} */ (null);
const rate = { since: 0, steps: 0, perSecond: 0 };

/**
 * This worker's global scope, `self`, with a worker's `postMessage(message, transfer)`: tsc
 * types `self` from the DOM library, as a Window (whose postMessage takes a target origin).
 */
const scope = /** @type {{ postMessage(message: unknown, transfer?: Transferable[]): void }} */ (/** @type {unknown} */ (self));

// A zero-delay yield that is not clamped to 4 ms like nested timeouts: messages (pause, new
// settings) are handled between two slices.
const channel = new MessageChannel();
channel.port1.onmessage = () => slice();
const yieldThenSlice = () => channel.port2.postMessage(null);

/** @type {Record<string, (payload: any) => any>} */
const handlers = {
  async init({ module }) {
    memory = (await init({ module_or_path: module })).memory;
    return { ok: true };
  },
  create({ config, useCsv = false }) {
    if (useCsv && !csvData) throw new Error("no CSV file loaded");
    const next = new Lab(useCsv ? { ...config, data: csvData } : config);
    hasBoundary = !useCsv || csvData?.features === 2;
    lab?.free();
    lab = next;
    generation += 1;
    running = false;
    perSlice = 1;
    awaitingAck = false;
    return { generation, config: lab.config(), ...progress() };
  },
  start({ stopAt = Infinity, maxPerSlice = speed.maxPerSlice, delayMs = speed.delayMs } = {}) {
    requireLab();
    until = stopAt;
    speed = { maxPerSlice, delayMs };
    if (!running && !lab.finished && lab.stepCount < until) {
      running = true;
      Object.assign(rate, { since: 0, steps: 0, perSecond: 0 });
      lastSnapshot = -Infinity;
      // A page that paused may have dropped the last training snapshot unacknowledged.
      awaitingAck = false;
      yieldThenSlice();
    }
    return progress();
  },
  /** Changes the speed while training (see `speed`). */
  speed({ maxPerSlice = Infinity, delayMs = 0 }) {
    speed = { maxPerSlice, delayMs };
    return null;
  },
  pause() {
    running = false;
    rate.perSecond = 0;
    return lab ? progress() : null;
  },
  step({ steps }) {
    requireLab();
    running = false;
    lab.step(steps);
    return progress();
  },
  snapshot({ boundaries = true } = {}) {
    requireLab();
    return snapshot(boundaries);
  },
  view(next) {
    view = next;
    return null;
  },
  ack() {
    awaitingAck = false;
    return null;
  },
  /**
   * Parses a CSV file's text (`parseCsv`) and keeps it for `create({ useCsv: true })`; a file
   * that does not parse throws with its line and leaves the kept one as it was. The reply
   * carries a copy of the data (its buffers are transferred, so the kept one must not be).
   */
  loadCsv({ text }) {
    const data = parseCsv(text);
    csvData = data;
    return { features: data.features, classes: data.classes, train: data.trainY.length, test: data.testY.length, data: structuredClone(data) };
  },
  sweep({ request }) {
    return bornDeadSweep(request);
  },
  gradientNorms() {
    requireLab();
    return lab.gradientNorms();
  },
};

self.onmessage = async (event) => {
  const { id, type, ...payload } = event.data;
  try {
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request ${JSON.stringify(type)}`);
    const result = await handler(payload);
    if (id !== undefined) reply(id, { result });
  } catch (e) {
    if (id !== undefined) reply(id, { error: e instanceof Error ? e.message : String(e) });
  }
};

/**
 * @param {number} id
 * @param {{ result?: any, error?: string }} body
 */
function reply(id, body) {
  const transfer = body.result ? buffersOf(body.result, memory) : [];
  scope.postMessage({ type: "reply", id, ...body }, transfer);
}

/** Throws unless a lab was created. */
function requireLab() {
  if (!lab) throw new Error("no lab yet: send create first");
}

function progress() {
  return { generation, stepCount: lab ? lab.stepCount : 0, finished: lab ? lab.finished : false, running };
}

/** One slice of training, then a snapshot when one is due, then a yield for messages. */
function slice() {
  if (!running || !lab) return;
  const start = performance.now();
  const before = lab.stepCount;
  try {
    lab.step(Math.min(perSlice, speed.maxPerSlice, until - before));
  } catch (e) {
    running = false;
    scope.postMessage({ type: "stopped", generation, reason: "error", error: e instanceof Error ? e.message : String(e) });
    return;
  }
  const ms = performance.now() - start;
  perSlice = nextStepsPerSlice(perSlice, ms);
  countRate(start, lab.stepCount - before);
  if (lab.finished || lab.stepCount >= until) {
    running = false;
    const reason = lab.finished ? "finished" : "limit";
    const last = snapshot(true);
    scope.postMessage({ type: "snapshot", ...last, reason }, buffersOf(last, memory));
    scope.postMessage({ type: "stopped", generation, reason });
    return;
  }
  const due = Math.max(SNAPSHOT_INTERVAL_MS, 2 * statsMs);
  if (!awaitingAck && start - lastSnapshot >= due) {
    lastSnapshot = start;
    snapshots += 1;
    const next = snapshot(snapshots % BOUNDARY_EVERY === 1);
    awaitingAck = true;
    scope.postMessage({ type: "snapshot", ...next, reason: "training" }, buffersOf(next, memory));
  }
  if (speed.delayMs > 0) setTimeout(slice, speed.delayMs);
  else yieldThenSlice();
}

/**
 * Statistics, history and (with `withBoundaries`, once the page has said their size) the two
 * decision boundaries of the lab as it is now.
 * @param {boolean} withBoundaries
 */
function snapshot(withBoundaries) {
  const lab_ = /** @type {Lab} */ (lab);
  const began = performance.now();
  const stats = lab_.stats();
  statsMs = performance.now() - began;
  let boundaries = null;
  if (withBoundaries && hasBoundary && view.boundary) {
    const { width, height } = view.boundary;
    boundaries = {
      width,
      height,
      relu: lab_.boundaryImage("relu", width, height, view.theme, view.scale),
      other: lab_.boundaryImage("other", width, height, view.theme, view.scale),
    };
  }
  return {
    ...progress(),
    stats,
    history: lab_.history(),
    boundaries,
    stepsPerSecond: rate.perSecond,
    stepsPerSlice: perSlice,
  };
}

/**
 * @param {number} now
 * @param {number} steps
 */
function countRate(now, steps) {
  if (!rate.since) rate.since = now;
  rate.steps += steps;
  if (now - rate.since >= 1000) {
    rate.perSecond = (rate.steps * 1000) / (now - rate.since);
    rate.since = now;
    rate.steps = 0;
  }
}
