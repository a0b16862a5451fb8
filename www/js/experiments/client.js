/**
 * @file The page's side of the experiment worker (worker.js): `startExperimentWorker(module, url)`
 * gives a runner whose `run(request, onProgress)` runs one experiment off the main thread and can
 * be cancelled. Each run has a worker of its own (runs may overlap, and cancelling one terminates
 * only its worker); a worker whose run finished is kept for the next run, so wasm is instantiated
 * once per worker, not per run.
 */

/**
 * What a run asks for: the lab's settings over seeds, one claim of the claims page, or the
 * per-layer gradient norms of a new lab (at initialisation).
 * @typedef {{ kind: "repeat", config: object, options: { seeds: number, steps: number, varyData?: boolean } }
 *   | { kind: "claim", id: "dying" | "oscillation" | "noise" }
 *   | { kind: "gradientNorms", config: object }} ExperimentRequest
 */

/**
 * A run under way: `done` resolves with the result, or rejects with the worker's message (or an
 * Error named "AbortError" after `cancel()`).
 * @typedef {{ done: Promise<any>, cancel(): void }} ExperimentRun
 */

/**
 * @param {WebAssembly.Module} module the page's compiled wasm, instantiated again in each worker
 * @param {URL | string} url the worker script (`js/experiments/worker.js`, resolved against the page)
 */
export function startExperimentWorker(module, url) {
  /** @type {{ worker: Worker } | null} a worker whose run finished, ready for the next */
  let idle = null;

  function spawn() {
    const worker = new Worker(url, { type: "module" });
    // Messages queue in order: the run request posted next is handled once wasm is ready.
    worker.postMessage({ type: "init", module });
    return { worker };
  }

  return {
    /**
     * Runs `request` in a worker; `onProgress(partialResult, done, total)` at most every ~100 ms.
     * @param {ExperimentRequest} request
     * @param {(result: any, done: number, total: number) => void} [onProgress]
     * @returns {ExperimentRun}
     */
    run(request, onProgress = () => {}) {
      const slot = idle ?? spawn();
      idle = null;
      const { worker } = slot;
      let settled = false;
      /** @type {(value: any) => void} */
      let resolve = () => {};
      /** @type {(error: Error) => void} */
      let reject = () => {};
      const done = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const finish = (/** @type {() => void} */ settle, /** @type {boolean} */ keep) => {
        if (settled) return;
        settled = true;
        worker.onmessage = null;
        worker.onerror = null;
        if (keep && idle === null) idle = slot;
        else worker.terminate();
        settle();
      };
      worker.onmessage = (event) => {
        const message = event.data;
        if (message.type === "progress") onProgress(message.result, message.done, message.total);
        else if (message.type === "done") finish(() => resolve(message.result), true);
        else if (message.type === "error") finish(() => reject(new Error(message.message)), !message.fatal);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish(() => reject(new Error(`the experiment worker failed: ${event.message || "it could not load"}`)), false);
      };
      worker.onmessageerror = () =>
        finish(() => reject(new Error("the experiment worker sent a message that could not be read")), false);
      worker.postMessage({ type: "run", request });
      return {
        done,
        cancel() {
          const error = new Error("the experiment was cancelled");
          error.name = "AbortError";
          finish(() => reject(error), false);
        },
      };
    },
    /** Stops the idle worker (runs under way go on). */
    close() {
      idle?.worker.terminate();
      idle = null;
    },
  };
}
