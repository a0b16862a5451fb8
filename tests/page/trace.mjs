// Chrome traces of a page's main thread, for the tests that bound how long one task may take.

/**
 * The main-thread tasks of the page's renderer in a Chrome trace, as [wall ms, CPU ms]: the CPU
 * time (`tdur`) is what the page itself spent, whatever else the machine was doing.
 * @param {Buffer} trace what `browser.stopTracing()` returned
 * @returns {[number, number][]}
 */
export function rendererTasks(trace) {
  const events = JSON.parse(trace.toString()).traceEvents;
  const threads = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args.name === "CrRendererMain");
  const tasksOf = (t) => events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === "X" && e.name === "ThreadControllerImpl::RunTask");
  const tasks = threads.map(tasksOf).sort((a, b) => b.length - a.length)[0] ?? [];
  return tasks.map((e) => [e.dur / 1000, (e.tdur ?? e.dur) / 1000]);
}

/** The most CPU one task of `tasks` took, in ms. */
export const longestCpu = (tasks) => Math.max(0, ...tasks.map(([, cpu]) => cpu));

/**
 * Share of wall time the page's main thread did not get during `ms` of busy-waiting (gaps of
 * over 2 ms between consecutive clock reads): about 0 on an idle machine. Wall-clock frame
 * timings are only meaningful when it is small; other processes (parallel builds, other
 * browsers) inflate them.
 */
export const stolenTime = (page, ms = 300) =>
  page.evaluate((span) => {
    const start = performance.now();
    let last = start;
    let stolen = 0;
    while (last - start < span) {
      const now = performance.now();
      if (now - last > 2) stolen += now - last;
      last = now;
    }
    return stolen / (last - start);
  }, ms);

/** Above this share of stolen time the machine is too busy to judge wall-clock timings. */
export const BUSY = 0.2;
