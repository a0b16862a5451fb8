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
