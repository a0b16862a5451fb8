/**
 * @file The explorer's two charts, f(x) and f′(x), drawn through activation-chart.js, and the
 * ResizeObserver that asks for a redraw when a chart frame changes size. The PlotViews they keep
 * map pixels to data for the hover layer.
 */

import { KINDS, activationChart, drawActivationChart } from "./activation-chart.js";

export { KINDS };

/**
 * @param {typeof import("../pkg/actviz.js")} wasm the actviz module (`plotActivation`)
 * @param {ParentNode} root element holding the `.chart-frame[data-kind]` elements
 * @param {() => void} onResize called when a chart changes size (schedule a redraw)
 */
export function createCharts(wasm, root, onResize) {
  const charts = KINDS.map((kind) => {
    const frame = /** @type {HTMLElement} */ (root.querySelector(`.chart-frame[data-kind="${kind}"]`));
    const canvas = /** @type {HTMLCanvasElement} */ (frame.querySelector(".chart-canvas"));
    const overlay = /** @type {HTMLCanvasElement} */ (frame.querySelector(".chart-overlay"));
    return {
      ...activationChart(/** @type {"function" | "derivative"} */ (kind), canvas, overlay),
      frame,
      /** @type {{ width: number, height: number } | null} the frame's CSS size at the last drawing */
      drawnAt: null,
    };
  });

  // A frame's first observation (and any later one at the size already drawn) needs no redraw:
  // the page draws at start-up, and redrawing then would only delay the first interaction.
  const observer = new ResizeObserver((entries) => {
    const resized = entries.some(({ target, borderBoxSize: [box] }) => {
      const drawnAt = charts.find((chart) => chart.frame === target)?.drawnAt;
      return !drawnAt || drawnAt.width !== box.inlineSize || drawnAt.height !== box.blockSize;
    });
    if (resized) onResize();
  });
  for (const chart of charts) observer.observe(chart.frame);

  /**
   * Draws both charts; a fixed y range applies to f(x) only.
   * @param {import("./activation-chart.js").ChartSpec} spec
   * @returns {{ drawn: number, ms: number }} how many charts were drawn, in how long
   */
  function draw(spec) {
    const start = performance.now();
    let drawn = 0;
    for (const chart of charts) {
      const rect = chart.frame.getBoundingClientRect();
      chart.drawnAt = { width: rect.width, height: rect.height };
      if (drawActivationChart(wasm, chart, spec) === "drawn") drawn += 1;
    }
    return { drawn, ms: performance.now() - start };
  }

  return {
    charts,
    draw,
    /**
     * The chart whose overlay is `element`, if any.
     * @param {EventTarget | null} element
     */
    byOverlay: (element) => charts.find((c) => c.overlay === element),
    /** @returns {number[] | null} the y range wasm used for f(x) in the last drawing */
    functionYRange: () => (charts[0].view ? Array.from(charts[0].view.yRange) : null),
  };
}
