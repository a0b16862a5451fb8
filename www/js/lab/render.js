//! What the lab shows of a `Lab`: statistics into the two network cards and the step counter,
//! and the wasm-drawn pictures. Either all at once (`refresh`, when paused) or as a list of jobs
//! the training loop spreads over frames (`renderJobs`). Counts finished renders in the lab
//! root's `data-redraws`, and says in `data-rendering` whether one is under way (the page tests
//! read both).

import { setText } from "./neurons.js";

/**
 * @param {object} options
 * @param {HTMLElement} options.root the lab root (`data-testid="lab"`)
 * @param {{ relu: object, other: object }} options.nets the network cards (nets.js)
 * @param {object} options.charts the lab charts (charts.js)
 * @param {HTMLSelectElement} options.histLayer the histogram's layer picker
 * @param {HTMLElement} options.stepCount the step counter
 * @param {() => object | null} options.getLab the current `Lab`
 * @param {() => string} options.getTheme "light" or "dark"
 * @param {(error: unknown) => void} options.onError a drawing failed
 * @param {() => void} options.onDrawn a whole render succeeded (take back an error notice)
 */
export function createRenderer({ root, nets, charts, histLayer, stepCount, getLab, getTheme, onError, onDrawn }) {
  let renders = 0;
  let layerCount = 0;
  const layerShown = () => Number(histLayer.value) || 0;

  /** Takes statistics now and shows them in the cards (counts, layers, neuron grids). */
  function showStats() {
    const stats = getLab().stats();
    nets.relu.update(stats.relu);
    nets.other.update(stats.other);
    setText(stepCount, String(stats.step));
  }

  /**
   * Shows the statistics taken in pieces (`startStats`, `continueStats`) in the cards' heads; the
   * layers follow in their own jobs.
   */
  function showHeads() {
    const stats = getLab().finishStats();
    nets.relu.showHead(stats.relu);
    nets.other.showHead(stats.other);
    setText(stepCount, String(stats.step));
  }

  /** Runs one piece of work, turning a failure into `onError`; returns whether it succeeded. */
  function guarded(work) {
    try {
      work();
      return true;
    } catch (e) {
      onError(e);
      return false;
    }
  }

  function countRender(started) {
    renders += 1;
    root.dataset.redraws = String(renders);
    root.dataset.rendering = "false";
    if (started) root.dataset.drawMs = (performance.now() - started).toFixed(1);
    onDrawn();
  }

  /** Statistics (unless `stats` is false) and every picture at once. */
  function refresh({ stats = true } = {}) {
    const lab = getLab();
    if (!lab) return;
    const started = performance.now();
    if (guarded(() => (stats ? showStats() : null)) && guarded(() => charts.drawAll(lab, getTheme(), layerShown()))) {
      countRender(started);
    }
  }

  /**
   * Render number `index` while training, as jobs the loop spreads over frames (see loop.js):
   * statistics (one job per piece) with the neuron grids, and the dead-fraction chart, every time;
   * loss and accuracy or the histogram in turn; the decision boundaries every third time;
   * everything for the `final` one. `stats: false` leaves out the statistics and the grids.
   */
  function renderJobs(index, final, { stats = true } = {}) {
    const chart = (kind) => ({
      name: kind,
      run: () => guarded(() => charts.drawChart(getLab(), kind, getTheme(), layerShown())),
    });
    const boundary = (i) => ({
      name: `boundary-${i}`,
      run: () => guarded(() => charts.drawBoundary(getLab(), i, getTheme())),
    });
    // Each layer's neuron grids in a job of their own: restyling hundreds of cells is costly.
    // Reading a layout property makes the browser restyle now, so the job's measured cost (see
    // loop.js) includes it.
    const grid = (i) => ({
      name: `grid-${i}`,
      run: () => {
        nets.relu.showLayer(i);
        nets.other.showLayer(i);
        void root.offsetWidth;
      },
    });
    // Statistics of the networks as they are now, in pieces of one layer each: on the largest
    // networks the whole takes ~150 ms, far over a frame.
    root.dataset.rendering = "true";
    const jobs = [];
    let pieces = 0;
    if (stats && guarded(() => (pieces = getLab().startStats()))) {
      // Piece i is the same layer, network and dataset every time, so its cost is learned by name.
      for (let i = 0; i < pieces; i += 1) {
        jobs.push({ name: `stats-${i}`, run: () => guarded(() => getLab().continueStats()) });
      }
      jobs.push({ name: "stats-show", run: () => guarded(showHeads) });
      for (let i = 0; i < layerCount; i += 1) jobs.push(grid(i));
    }
    jobs.push(chart("dead"));
    if (final || index % 2 === 1) jobs.push(chart("loss"), chart("accuracy"));
    if (final || index % 2 === 0) jobs.push(chart("histogram"));
    if (final || index % 3 === 1) jobs.push(boundary(0), boundary(1));
    jobs.push({ name: "count", run: () => countRender() });
    return jobs;
  }

  /** Sets the cards and the histogram's layer picker up for a new architecture. */
  function reset(widths) {
    layerCount = widths.length;
    nets.relu.reset(widths);
    nets.other.reset(widths);
    const layer = Math.min(layerShown(), widths.length - 1);
    histLayer.replaceChildren(...widths.map((w, i) => new Option(`Layer ${i + 1} (${w})`, String(i))));
    histLayer.value = String(layer);
  }

  histLayer.addEventListener("change", () =>
    guarded(() => charts.drawChart(getLab(), "histogram", getTheme(), layerShown())),
  );

  return { showStats, refresh, renderJobs, reset, guarded };
}
