/**
 * @file The page's side of the lab's rendering: a queue of jobs (the cards' counts, each layer's
 * neuron grid, each chart, the boundaries) run over animation frames. A frame runs one job, and
 * more only while their expected cost (the last duration of the same job; a whole budget for one
 * not yet run) keeps it under FRAME_BUDGET_MS, so no task is long however large the network.
 */

/** A frame's work beyond its first job stays under this. */
export const FRAME_BUDGET_MS = 14;

/**
 * @typedef {{ name: string, run: () => void }} Job
 * Jobs of the same name are expected to cost about the same.
 */

/**
 * @param {() => void} [onIdle] called when the queue has run empty
 */
export function createJobQueue(onIdle = () => {}) {
  /** @type {Job[]} */
  let queue = [];
  let raf = 0;
  /** Last duration of each job, by name, in milliseconds. */
  const cost = new Map();

  /** @param {Job} job */
  const expected = (job) => cost.get(job.name) ?? FRAME_BUDGET_MS;

  function frame() {
    raf = 0;
    const start = performance.now();
    for (let first = true; queue.length; first = false) {
      const job = queue[0];
      const began = performance.now();
      if (!first && began - start + expected(job) > FRAME_BUDGET_MS) break;
      queue.shift();
      job.run();
      cost.set(job.name, performance.now() - began);
    }
    if (queue.length) raf = requestAnimationFrame(frame);
    else onIdle();
  }

  return {
    /**
     * Replaces what is waiting with `jobs` (a newer render makes an older one pointless), or with
     * `append` queues them after it.
     * @param {Job[]} jobs
     * @param {{ append?: boolean }} [options]
     */
    run(jobs, { append = false } = {}) {
      queue = append ? [...queue, ...jobs] : [...jobs];
      if (!raf && queue.length) raf = requestAnimationFrame(frame);
    },
    /** Drops every job not yet run. */
    clear() {
      queue = [];
    },
    /** Whether jobs are waiting for a frame. */
    get busy() {
      return queue.length > 0;
    },
  };
}
