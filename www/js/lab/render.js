/**
 * @file What the lab page shows of a worker snapshot: statistics into the two network cards and
 * the step counter, the wasm-drawn charts and the boundaries, as jobs spread over animation
 * frames (jobs.js). Counts finished renders in the lab root's `data-redraws`, and says in
 * `data-rendering` whether one is under way (the page tests read both).
 */

import { createJobQueue } from "./jobs.js";
import { setText } from "./neurons.js";

/**
 * @typedef {import("./client.js").Snapshot} Snapshot
 *
 * @param {object} options
 * @param {any} options.wasm the actviz module (`drawLabChart`)
 * @param {HTMLElement} options.root the lab root (`data-testid="lab"`)
 * @param {{ relu: any, other: any }} options.nets the network cards (nets.js)
 * @param {ReturnType<typeof import("./charts.js").createLabCharts>} options.charts
 * @param {HTMLSelectElement} options.histLayer the histogram's layer picker
 * @param {HTMLElement} options.stepCount the step counter
 * @param {() => string} options.getTheme "light" or "dark"
 * @param {(error: unknown) => void} options.onError a drawing failed
 * @param {() => void} options.onDrawn a whole render succeeded (take back an error notice)
 * @param {(snapshot: Snapshot) => void} options.onShown a snapshot is on screen (or replaced)
 */
export function createRenderer({ wasm, root, nets, charts, histLayer, stepCount, getTheme, onError, onDrawn, onShown }) {
  let renders = 0;
  let index = 0;
  let layerCount = 0;
  /** @type {Snapshot | null} */
  let last = null;
  /** A snapshot whose render is under way and has not been reported shown. */
  /** @type {Snapshot | null} */
  let inFlight = null;
  /** The latest training snapshot that arrived during a render. */
  /** @type {Snapshot | null} */
  let waiting = null;
  const queue = createJobQueue();
  const layerShown = () => Number(histLayer.value) || 0;

  /**
   * Runs one piece of work, turning a failure into `onError`; returns whether it succeeded.
   * @param {() => void} work
   */
  function guarded(work) {
    try {
      work();
      return true;
    } catch (e) {
      onError(e);
      return false;
    }
  }

  /** @param {Snapshot} snapshot @param {string} kind */
  const chart = (snapshot, kind) => ({
    name: kind,
    run: () => guarded(() => charts.drawChart(wasm, kind, snapshot, getTheme(), layerShown())),
  });

  /**
   * Shows a snapshot: every time the counts, the neuron grids (a job per layer: restyling
   * hundreds of cells is costly) and the dead-fraction chart; loss and accuracy or the histogram
   * in turn; the boundaries when it has them; everything for a `final` one (paused, stepped,
   * finished). Replaces a render not yet finished.
   * @param {Snapshot} snapshot
   * @param {{ final?: boolean }} [options]
   */
  function show(snapshot, { final = false } = {}) {
    // While training, a snapshot that arrives during a render waits for it (only the latest
    // waits), so every chart of a render is drawn; a final one replaces what is under way.
    if (inFlight && !final) {
      waiting = snapshot;
      return;
    }
    waiting = null;
    if (inFlight) onShown(inFlight);
    inFlight = snapshot;
    last = snapshot;
    index += 1;
    root.dataset.rendering = "true";
    const jobs = [
      {
        name: "head",
        run: () => {
          nets.relu.showHead(snapshot.stats.relu, snapshot.history);
          nets.other.showHead(snapshot.stats.other, snapshot.history);
          setText(stepCount, String(snapshot.stats.step));
        },
      },
    ];
    for (let i = 0; i < layerCount; i += 1) {
      jobs.push({
        name: `grid-${i}`,
        run: () => {
          nets.relu.showLayer(i);
          nets.other.showLayer(i);
          // Reading a layout property restyles now, so the job's measured cost includes it.
          void root.offsetWidth;
        },
      });
    }
    jobs.push(chart(snapshot, "dead"));
    if (final || index % 2 === 1) jobs.push(chart(snapshot, "loss"), chart(snapshot, "accuracy"));
    if (final || index % 2 === 0) jobs.push(chart(snapshot, "histogram"));
    const images = snapshot.boundaries;
    if (images) {
      jobs.push({ name: "boundary-0", run: () => guarded(() => charts.drawBoundary(0, images)) });
      jobs.push({ name: "boundary-1", run: () => guarded(() => charts.drawBoundary(1, images)) });
    }
    jobs.push({ name: "count", run: () => finish(snapshot) });
    queue.run(jobs);
  }

  /** @param {Snapshot} snapshot */
  function finish(snapshot) {
    renders += 1;
    root.dataset.redraws = String(renders);
    root.dataset.rendering = "false";
    inFlight = null;
    onDrawn();
    onShown(snapshot);
    if (waiting) show(waiting);
  }

  /** The charts of the last snapshot again (a resize, a new layer in the histogram picker). */
  function redraw() {
    const snapshot = last;
    if (!snapshot) return;
    queue.run(charts.kinds.map((kind) => chart(snapshot, kind)), { append: true });
  }

  /** Says a render is coming (a pause, a step): the page tests wait for it. */
  function pending() {
    root.dataset.rendering = "true";
  }

  /**
   * Sets the cards and the histogram's layer picker up for a new architecture.
   * @param {number[]} widths
   */
  function reset(widths) {
    layerCount = widths.length;
    nets.relu.reset(widths);
    nets.other.reset(widths);
    const layer = Math.min(layerShown(), widths.length - 1);
    histLayer.replaceChildren(...widths.map((w, i) => new Option(`Layer ${i + 1} (${w})`, String(i))));
    histLayer.value = String(layer);
  }

  histLayer.addEventListener("change", () => {
    const snapshot = last;
    if (snapshot) guarded(() => charts.drawChart(wasm, "histogram", snapshot, getTheme(), layerShown()));
  });

  return { show, redraw, pending, reset };
}
