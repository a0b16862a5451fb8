/**
 * @file The page's handle on the lab's Web Worker (worker.js): requests as promises, and the
 * snapshots and stops the worker posts while it trains. One worker per page serves the lab page,
 * the embedded lab and the born-dead sweep.
 */

import { workerRequests } from "../runtime/worker-messages.js";

/**
 * @typedef {object} Progress
 * @property {number} generation which lab (each `create` makes the next one)
 * @property {number} stepCount
 * @property {boolean} finished both networks have diverged
 * @property {boolean} running
 *
 * @typedef {Progress & {
 *   stats: import("../../pkg/actviz_lab.js").LabStats,
 *   history: { steps: Float64Array, relu: Record<string, Float64Array>, other: Record<string, Float64Array> },
 *   boundaries: { width: number, height: number, relu: Uint8ClampedArray, other: Uint8ClampedArray } | null,
 *   stepsPerSecond: number,
 *   stepsPerSlice: number,
 *   reason?: string,
 * }} Snapshot
 *
 * @typedef {object} CsvSummary what a loaded CSV file holds
 * @property {number} features
 * @property {string[]} classes the class names (the label texts)
 * @property {number} train training rows
 * @property {number} test test rows
 * @property {import("../../pkg/actviz_lab.js").CsvData} data the rows themselves (for runs outside this worker)
 */

/**
 * Starts the worker and instantiates wasm in it from the page's compiled module.
 * @param {WebAssembly.Module} module
 * @param {URL | string} url the worker script (`js/lab/worker.js`, resolved against the page)
 * @param {{ onSnapshot: (snapshot: Snapshot) => void, onStopped: (event: { generation: number, reason: string, error?: string }) => void }} events
 */
export async function startLabWorker(module, url, { onSnapshot, onStopped }) {
  const worker = new Worker(url, { type: "module" });
  const request = workerRequests(worker, "the lab's worker", { snapshot: onSnapshot, stopped: onStopped });

  await request("init", { module });
  return {
    /**
     * A new lab from a `Lab` config (with `useCsv`, on the CSV file `loadCsv` kept); rejects with
     * wasm's message when the config is invalid (the lab in use is kept then).
     * @param {object} config
     * @param {{ useCsv?: boolean }} [options]
     * @returns {Promise<Progress & { config: object }>}
     */
    create: (config, { useCsv = false } = {}) => request("create", { config, useCsv }),
    /**
     * Parses a CSV file's text in the worker and keeps it as the data of `create({ useCsv })`;
     * rejects with the parser's message (which names the line) and keeps the previous file.
     * @param {string} text
     * @returns {Promise<CsvSummary>}
     */
    loadCsv: (text) => request("loadCsv", { text }),
    /**
     * Trains until paused, until both networks diverge, or until step `stopAt`, at the speed
     * given (see `speed`).
     * @param {{ stopAt?: number, maxPerSlice?: number, delayMs?: number }} [options]
     * @returns {Promise<Progress>}
     */
    start: (options = {}) => request("start", options),
    /**
     * The speed control: at most `maxPerSlice` steps per slice, `delayMs` between slices.
     * @param {{ maxPerSlice?: number, delayMs?: number }} options
     */
    speed: (options) => request("speed", options),
    /** @returns {Promise<Progress | null>} */
    pause: () => request("pause"),
    /**
     * @param {number} steps
     * @returns {Promise<Progress>}
     */
    step: (steps) => request("step", { steps }),
    /**
     * Statistics, history and boundaries of the lab now.
     * @param {{ boundaries?: boolean }} [options]
     * @returns {Promise<Snapshot>}
     */
    snapshot: (options = {}) => request("snapshot", options),
    /**
     * What the boundaries look like: theme, device pixels per CSS pixel, and their size in
     * device pixels (null: no boundaries wanted).
     * @param {{ theme: string, scale: number, boundary: { width: number, height: number } | null }} view
     */
    setView: (view) => request("view", view),
    /** The page has shown the last training snapshot: the next may come. */
    ack: () => request("ack"),
    /**
     * `bornDeadSweep(request)`, off the main thread.
     * @param {object} sweep
     * @returns {Promise<Array<{ width: number, bornDead: number, trials: number, fraction: number }>>}
     */
    sweep: (sweep) => request("sweep", { request: sweep }),
    /**
     * Per hidden layer, ||dL/dW|| of each network at its current weights (the experiments panel).
     * @returns {Promise<{ relu: Float64Array, other: Float64Array }>}
     */
    gradientNorms: () => request("gradientNorms"),
    terminate: () => worker.terminate(),
  };
}
