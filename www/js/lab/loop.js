//! The training loop: one `lab.step(k)` per animation frame, with k adapted so the stepping in a
//! frame stays near STEP_BUDGET_MS, and a render (statistics, counts, charts) started every
//! RENDER_INTERVAL_MS. A render is a list of jobs (statistics, each layer's neuron grids, each
//! chart) spread over frames: a frame runs one job, and more only while their expected cost (the
//! last duration of the same job; the whole budget for one not yet run) keeps its work under
//! FRAME_BUDGET_MS; a frame before a costly job trains less. So the page never freezes (no long
//! task). Stops by itself once both networks have diverged.

/** Milliseconds of training per animation frame. */
export const STEP_BUDGET_MS = 8;
/** Start a render this often while training (20 per second; the page asks for ≥ 10). */
export const RENDER_INTERVAL_MS = 50;
/** A frame's work (training included) beyond one render job stays under this. */
export const FRAME_BUDGET_MS = 14;
/** Largest k (wasm accepts at most 100 000 steps per call). */
const MAX_STEPS_PER_FRAME = 100_000;

/**
 * Next steps-per-frame k from the current one and the last frame's stepping: `used` steps took
 * `ms`. The new k fills STEP_BUDGET_MS at that pace, moving at most ×2 or ÷2 per frame (timer
 * noise), never below 1.
 */
export function nextStepsPerFrame(k, ms, used = k) {
  const target = ms > 0.05 ? Math.floor((used * STEP_BUDGET_MS) / ms) : k * 2;
  return Math.max(1, Math.min(MAX_STEPS_PER_FRAME, k * 2, Math.max(Math.floor(k / 2), target)));
}

/**
 * Steps to take this frame: k, scaled down when the next render job is expected to take more
 * than the frame budget leaves beside a full STEP_BUDGET_MS of training.
 */
export function stepsThisFrame(k, nextJobMs) {
  const room = Math.min(STEP_BUDGET_MS, Math.max(FRAME_BUDGET_MS - nextJobMs, STEP_BUDGET_MS / 4));
  return Math.max(1, Math.floor((k * room) / STEP_BUDGET_MS));
}

/**
 * @param {object} options
 * @param {() => object} options.getLab the current `Lab` (it is replaced on every reset)
 * @param {(index: number, final: boolean, options: { stats: boolean }) => Array<{ name: string, run: () => void }>} options.renderJobs
 *   the jobs of render number `index` (1, 2, ...), in order; `final` when training has just
 *   finished or is paused (draw all), `stats: false` for the pictures alone. Jobs of the same
 *   name are expected to cost about the same.
 * @param {(frame: { stepMs: number, frameMs: number }) => void} options.onFrame after each frame
 * @param {(reason: string) => void} options.onStop called with stop's reason ("paused",
 *   "finished", "error", or whatever the caller passed)
 * @param {(error: unknown) => void} options.onError
 */
export function createLoop({ getLab, renderJobs, onFrame, onStop, onError }) {
  let running = false;
  let raf = 0;
  let k = 1;
  let lastRender = -Infinity;
  let renders = 0;
  let queue = [];
  /** Last duration of each job, by name, in milliseconds. */
  const cost = new Map();
  const rate = { since: 0, steps: 0, perSecond: 0 };

  function frame(now) {
    raf = 0;
    if (!running) return;
    const lab = getLab();
    const before = lab.stepCount;
    const used = stepsThisFrame(k, queue.length ? expected(queue[0]) : 0);
    const start = performance.now();
    try {
      if (!lab.finished) lab.step(used);
    } catch (e) {
      stop("error");
      onError(e);
      return;
    }
    const stepMs = performance.now() - start;
    k = nextStepsPerFrame(k, stepMs, used);
    countRate(now, lab.stepCount - before);
    const finished = lab.finished;
    if (finished || (!queue.length && now - lastRender >= RENDER_INTERVAL_MS)) {
      lastRender = now;
      renders += 1;
      queue = renderJobs(renders, finished);
    }
    runJobs(start);
    onFrame({ stepMs, frameMs: performance.now() - start });
    if (finished) {
      stop("finished");
      if (queue.length) raf = requestAnimationFrame(drain);
    } else if (running) raf = requestAnimationFrame(frame);
  }

  /** A job's expected duration: its last one, or a whole frame's budget until it has run once. */
  const expected = (job) => cost.get(job.name) ?? FRAME_BUDGET_MS;

  /** One job, then more while the frame (from `start`) is expected to stay within budget. */
  function runJobs(start) {
    for (let first = true; queue.length; first = false) {
      const job = queue[0];
      const began = performance.now();
      if (!first && began - start + expected(job) > FRAME_BUDGET_MS) break;
      queue.shift();
      job.run();
      cost.set(job.name, performance.now() - began);
    }
  }

  /** Finishes the last render over the next frames once training has stopped by itself. */
  function drain() {
    raf = 0;
    runJobs(performance.now());
    if (queue.length) raf = requestAnimationFrame(drain);
  }

  function countRate(now, steps) {
    if (!rate.since) rate.since = now;
    rate.steps += steps;
    if (now - rate.since >= 1000) {
      rate.perSecond = (rate.steps * 1000) / (now - rate.since);
      rate.since = now;
      rate.steps = 0;
    }
  }

  function start() {
    if (running) return;
    if (raf) cancelAnimationFrame(raf);
    running = true;
    lastRender = -Infinity;
    rate.since = 0;
    rate.steps = 0;
    raf = requestAnimationFrame(frame);
  }

  function stop(reason = "paused") {
    if (!running) return;
    running = false;
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    if (reason !== "finished") queue = [];
    rate.perSecond = 0;
    onStop(reason);
  }

  /**
   * A full render now (everything, as for the last one of a run), spread over the next frames
   * like any other; it replaces a render not yet finished. With `stats: false` only the pictures
   * are redrawn (after a resize), once any render under way is done.
   */
  function render({ stats = true } = {}) {
    renders += 1;
    const jobs = renderJobs(renders, true, { stats });
    queue = stats ? jobs : [...queue, ...jobs];
    if (running) lastRender = performance.now();
    else if (!raf) raf = requestAnimationFrame(drain);
  }

  return {
    start,
    stop,
    render,
    get running() {
      return running;
    },
    /** Whether render jobs are waiting for a frame. */
    get rendering() {
      return queue.length > 0;
    },
    /** Steps per animation frame right now. */
    get stepsPerFrame() {
      return k;
    },
    /** Training steps per second over the last second (0 when paused). */
    get stepsPerSecond() {
      return rate.perSecond;
    },
    /**
     * Forgets the adapted k and any unfinished render (a new lab replaced the old one); job costs
     * are kept, as the best guess for the new lab's.
     */
    reset() {
      k = 1;
      queue = [];
    },
  };
}
