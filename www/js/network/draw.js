/**
 * @file Drawing one epoch's report on the network page: the loss and accuracy charts (the lab's
 * `drawLabChart`, per epoch), both networks' neuron grids (the lab's `createLayers`), and the
 * chosen network's confusion matrix, test-image gallery and first-layer weights (wasm's
 * `drawConfusion`, `drawImageGrid`, `drawWeightImages`). Each piece is drawn in its own animation
 * frame, so no task is long; a newer report replaces one still being drawn.
 */

import { fitCanvas } from "../runtime/canvas.js";
import { createLayers } from "../lab/neurons.js";

/** @typedef {import("./client.js").EpochReport} EpochReport */
/** @typedef {import("./client.js").ImageSetInfo} ImageSetInfo */

/**
 * @param {object} options
 * @param {any} options.wasm the glue (drawLabChart, drawConfusion, drawImageGrid, drawWeightImages, imageGridHeight)
 * @param {ImageSetInfo} options.info the image set
 * @param {(testid: string) => HTMLElement} options.$ an element by data-testid
 * @param {() => "light" | "dark"} options.getTheme
 * @param {() => "relu" | "other"} options.getView which network the confusion, gallery and weights show
 * @param {() => string} options.otherName the other network's label
 * @param {(error: unknown) => void} options.onError
 */
export function createDrawing({ wasm, info, $, getTheme, getView, otherName, onError }) {
  const layers = {
    relu: createLayers($("net-layers-relu"), { net: "relu", describe: () => ({ name: "ReLU", word: "dead" }) }),
    other: createLayers($("net-layers-other"), { net: "other", describe: () => ({ name: otherName(), word: "dead" }) }),
  };
  /** @type {EpochReport | null} */
  let report = null;
  let queued = /** @type {Array<() => void>} */ ([]);
  let frame = 0;

  const canvas = (/** @type {string} */ testid) => /** @type {HTMLCanvasElement} */ ($(testid));

  /**
   * Sizes a gallery canvas: its CSS width, and the height the grid needs at that width.
   * @param {HTMLCanvasElement} element
   * @param {"gallery" | "weights"} kind
   * @param {number} count
   */
  function sizeGrid(element, kind, count) {
    const width = element.getBoundingClientRect().width;
    if (!width) return 0;
    const scale = window.devicePixelRatio || 1;
    const pixels = Math.max(16, Math.round(width * scale));
    const height = wasm.imageGridHeight(kind, pixels, count, info.width, info.height, scale);
    if (element.width !== pixels) element.width = pixels;
    if (element.height !== height) element.height = height;
    element.style.height = `${height / scale}px`;
    return scale;
  }

  const pieces = {
    charts() {
      if (!report) return;
      for (const kind of /** @type {const} */ (["loss", "accuracy"])) {
        const element = canvas(`net-chart-${kind}`);
        const scale = fitCanvas(element);
        if (scale) wasm.drawLabChart(element, kind, report.history, report.stats, { theme: getTheme(), scale, stepsPerEpoch: report.stepsPerEpoch });
      }
    },
    neurons() {
      if (!report) return;
      layers.relu.update(report.stats.relu);
      layers.other.update(report.stats.other);
    },
    confusion() {
      if (!report) return;
      const element = canvas("net-confusion");
      const scale = fitCanvas(element);
      if (scale) wasm.drawConfusion(element, report[getView()].confusion, info.classNames, getTheme(), scale);
    },
    gallery() {
      if (!report) return;
      const element = canvas("net-gallery");
      const { pixels, truth, count } = info.gallery;
      const scale = sizeGrid(element, "gallery", count);
      const predicted = report[getView()].predicted;
      if (scale) wasm.drawImageGrid(element, pixels, info.width, info.height, count, { theme: getTheme(), scale, predicted, truth, classNames: info.classNames });
    },
    weights() {
      if (!report) return;
      const element = canvas("net-weights");
      const side = report[getView()];
      const count = side.weights.length / info.features;
      const scale = sizeGrid(element, "weights", count);
      const dead = report.stats[getView()].layers[0]?.deadMask ?? null;
      if (scale) wasm.drawWeightImages(element, side.weights, info.width, info.height, count, getTheme(), scale, dead);
    },
  };

  function run() {
    frame = 0;
    const piece = queued.shift();
    try {
      piece?.();
    } catch (e) {
      queued = [];
      onError(e);
      return;
    }
    if (queued.length) frame = requestAnimationFrame(run);
  }

  /** @param {Array<keyof typeof pieces>} names */
  function schedule(names) {
    for (const name of names) {
      const piece = pieces[name];
      if (!queued.includes(piece)) queued.push(piece);
    }
    if (!frame) frame = requestAnimationFrame(run);
  }

  return {
    /** New hidden widths: the neuron grids are built again. @param {number[]} widths */
    reset(widths) {
      layers.relu.build(widths);
      layers.other.build(widths);
    },
    /** Draws a report, piece by piece. @param {EpochReport} next */
    show(next) {
      report = next;
      schedule(["charts", "neurons", "confusion", "gallery", "weights"]);
    },
    /** Draws the chosen network's pictures again (another network, theme or size). */
    redraw() {
      schedule(["charts", "confusion", "gallery", "weights"]);
    },
    /** Whether nothing is waiting to be drawn. */
    idle: () => queued.length === 0,
  };
}
