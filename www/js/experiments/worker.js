/**
 * @file The experiment worker: runs one experiment at a time (`RepeatRun` over seeds, a claim's
 * `ClaimRun`, or the gradient norms of a fresh lab) off the main thread, and posts its partial
 * result at most every `PROGRESS_MS`. It never draws (plotters' text needs `document`).
 *
 * Protocol (client.js is the only caller): the page posts `{ type: "init", module }` (the page's
 * compiled `WebAssembly.Module`; no reply); then `{ type: "run", request }`
 * with `request` one of `{ kind: "repeat", config, options }`, `{ kind: "claim", id }` or
 * `{ kind: "gradientNorms", config }`, and gets `{ type: "progress", result, done, total }` now
 * and then, then `{ type: "done", result }` or `{ type: "error", message, fatal? }` (fatal: wasm
 * did not start, so the worker is of no further use). Cancelling is the
 * page terminating this worker.
 */

import init, { ClaimRun, Lab, RepeatRun } from "../../pkg/actviz_lab.js";

/** The least time between two progress messages. */
export const PROGRESS_MS = 100;

const scope = /** @type {{ postMessage(message: unknown): void }} */ (/** @type {unknown} */ (self));

/**
 * Runs `job` unit by unit, posting its partial result now and then; returns the final result.
 * @param {{ advance(): boolean, readonly done: number, readonly total: number, result(): any, free(): void }} job
 */
function drive(job) {
  try {
    let last = performance.now();
    while (!job.advance()) {
      const now = performance.now();
      if (now - last >= PROGRESS_MS) {
        last = now;
        scope.postMessage({ type: "progress", result: job.result(), done: job.done, total: job.total });
      }
    }
    return job.result();
  } finally {
    job.free();
  }
}

/**
 * @param {any} request
 * @returns {any}
 */
function run(request) {
  switch (request?.kind) {
    case "repeat":
      return drive(new RepeatRun(request.config, request.options));
    case "claim":
      return drive(new ClaimRun(request.id));
    case "gradientNorms": {
      const lab = new Lab(request.config);
      try {
        return lab.gradientNorms();
      } finally {
        lab.free();
      }
    }
    default:
      throw new Error(`an experiment request needs kind "repeat", "claim" or "gradientNorms", got ${JSON.stringify(request?.kind)}`);
  }
}

/** @type {Promise<unknown> | null} wasm's instantiation, started by "init" */
let ready = null;
const messageOf = (/** @type {unknown} */ error) => (error instanceof Error ? error.message : String(error));

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    ready = init({ module_or_path: message.module });
    return;
  }
  if (message.type !== "run") return;
  try {
    if (ready === null) throw new Error("the experiment worker got a run before init");
    await ready;
  } catch (error) {
    scope.postMessage({ type: "error", message: `wasm could not start: ${messageOf(error)}`, fatal: true });
    return;
  }
  try {
    scope.postMessage({ type: "done", result: run(message.request) });
  } catch (error) {
    scope.postMessage({ type: "error", message: messageOf(error) });
  }
};
