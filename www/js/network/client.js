/**
 * @file The network page's handle on its Web Worker (worker.js): requests as promises, and the
 * events the worker posts while it trains (`progress`, `epoch`, `stopped`).
 */

import { workerRequests } from "../runtime/worker-messages.js";

/**
 * @typedef {object} Progress
 * @property {number} generation which network pair (each `create` makes the next)
 * @property {number} epoch completed epochs
 * @property {number} stepCount
 * @property {number} stepsPerEpoch
 * @property {boolean} finished both networks have diverged
 * @property {boolean} running
 *
 * @typedef {{ confusion: Uint32Array, predicted: Uint8Array, weights: Float32Array }} SideReport
 * @typedef {Progress & { stats: import("../../pkg/actviz_lab.js").LabStats, history: any, relu: SideReport, other: SideReport }} EpochReport
 * @typedef {{ classNames: string[], width: number, height: number, features: number, train: number, test: number,
 *   gallery: { pixels: Float32Array, truth: Uint8Array, count: number } }} ImageSetInfo
 */

/**
 * Starts the worker, instantiates wasm in it from the page's compiled module and has it load the
 * image set from `asset`.
 * @param {WebAssembly.Module} module
 * @param {URL} url the worker script
 * @param {URL} asset the gzipped image set
 * @param {{ onProgress: (p: Progress) => void, onEpoch: (r: EpochReport) => void,
 *   onStopped: (e: { generation: number, reason: string, error?: string }) => void }} events
 */
export async function startNetworkWorker(module, url, asset, { onProgress, onEpoch, onStopped }) {
  const worker = new Worker(url, { type: "module" });
  const request = workerRequests(worker, "the network's worker", { progress: onProgress, epoch: onEpoch, stopped: onStopped });

  /** @type {ImageSetInfo} */
  const info = await request("init", { module, asset: String(asset) });
  return {
    info,
    /**
     * A new pair of networks from a `Lab` config (without `data`: the worker adds the images).
     * @param {object} config
     * @returns {Promise<EpochReport>}
     */
    create: (config) => request("create", { config }),
    /**
     * Trains until `epochs` epochs are complete (or paused).
     * @param {number} epochs
     * @returns {Promise<Progress>}
     */
    start: (epochs) => request("start", { epochs }),
    /** @returns {Promise<Progress | null>} */
    pause: () => request("pause"),
    /**
     * One network's weights as a .safetensors file.
     * @param {"relu" | "other"} side
     * @returns {Promise<Uint8Array<ArrayBuffer>>}
     */
    exportWeights: (side) => request("exportWeights", { side }),
    /**
     * The Python that loads one network's file, saved as `file`, and prints its test accuracy.
     * @param {"relu" | "other"} side
     * @param {string} file
     * @returns {Promise<string>}
     */
    loader: (side, file) => request("loader", { side, file }),
  };
}
