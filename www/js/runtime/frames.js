/**
 * @file One animation-frame queue for every chart of the page. Each chart asks for a redraw as
 * often as it likes; requests coalesce (a chart is queued at most once) and each frame runs
 * queued draws until about `FRAME_BUDGET_MS` are spent, leaving the rest for the next frames, so
 * two hundred charts starting at once, or attributes changing a thousand times a second, never
 * make one long task. Charts on screen go first.
 */

/** Milliseconds of drawing per frame: room for the browser's own work in a 60 Hz frame. */
export const FRAME_BUDGET_MS = 12;

/**
 * Something to draw: `run` draws it; `visible`, if given, says whether it is on screen now.
 * @typedef {{ run(): void, visible?: () => boolean }} FrameJob
 */

/**
 * A frame queue. Pages use the shared `frameQueue`; tests make their own with a fake clock.
 * @param {{ budgetMs?: number, now?: () => number, requestFrame?: (callback: () => void) => unknown,
 *   onError?: (error: unknown) => void }} [options] `onError` gets what a job threw (by default the
 *   browser reports it as uncaught), and the frame goes on with the next job
 * @returns {{ request(job: FrameJob): void, cancel(job: FrameJob): void, readonly pending: number }}
 */
export function createFrameQueue({
  budgetMs = FRAME_BUDGET_MS,
  now = () => performance.now(),
  requestFrame = (callback) => requestAnimationFrame(callback),
  onError = (error) => reportError(error),
} = {}) {
  /** @type {Set<FrameJob>} in request order: a job waiting longest goes first */
  const queue = new Set();
  let scheduled = false;

  function runFrame() {
    scheduled = false;
    const start = now();
    const jobs = [...queue];
    // A stable sort: on-screen jobs first, each group in request order.
    const onScreen = jobs.map((job) => job.visible?.() ?? true);
    const order = jobs.map((_, i) => i).sort((a, b) => Number(onScreen[b]) - Number(onScreen[a]));
    let ran = 0;
    for (const i of order) {
      // At least one job per frame, however slow, so the queue always drains.
      if (ran > 0 && now() - start >= budgetMs) break;
      const job = jobs[i];
      if (!queue.delete(job)) continue; // cancelled by an earlier job of this frame
      ran += 1;
      try {
        job.run();
      } catch (error) {
        // One chart's failure must not stop the others.
        onError(error);
      }
    }
    if (queue.size) schedule();
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      requestFrame(runFrame);
    }
  }

  return {
    request(job) {
      queue.add(job);
      schedule();
    },
    cancel(job) {
      queue.delete(job);
    },
    get pending() {
      return queue.size;
    },
  };
}

/** The page's one queue, shared by every `<activation-plot>`. */
export const frameQueue = createFrameQueue();
