//! The two wasm-drawn charts, f(x) and f'(x): canvas sizing for devicePixelRatio, drawing with
//! `plotActivation`, and the PlotViews that map pixels to data for the hover layer.
//!
//! Each chart canvas also carries its geometry for tests and tools, in canvas pixels:
//! `data-plot-area="left,top,right,bottom"`, `data-x-range="xmin,xmax"`, `data-y-range="ymin,ymax"`.

/** Canvas side limits of `plotActivation`, in device pixels. */
const MIN_SIDE = 64;
const MAX_SIDE = 16_384;

/** The chart kinds, in page order. */
export const KINDS = ["function", "derivative"];

/**
 * @param {object} wasm the actviz module (`plotActivation`)
 * @param {ParentNode} root element holding the `.chart-frame[data-kind]` elements
 * @param {() => void} onResize called when a chart changes size (schedule a redraw)
 */
export function createCharts(wasm, root, onResize) {
  const charts = KINDS.map((kind) => {
    const frame = root.querySelector(`.chart-frame[data-kind="${kind}"]`);
    return {
      kind,
      frame,
      canvas: frame.querySelector(".chart-canvas"),
      overlay: frame.querySelector(".chart-overlay"),
      view: null,
      /** The frame's CSS size (border box) at the last sizing. */
      drawnAt: null,
    };
  });

  // A frame's first observation (and any later one at the size already drawn) needs no redraw:
  // the page draws at start-up, and redrawing then would only delay the first interaction.
  const observer = new ResizeObserver((entries) => {
    const resized = entries.some(({ target, borderBoxSize: [box] }) => {
      const drawnAt = charts.find((chart) => chart.frame === target).drawnAt;
      return !drawnAt || drawnAt.width !== box.inlineSize || drawnAt.height !== box.blockSize;
    });
    if (resized) onResize();
  });
  for (const chart of charts) observer.observe(chart.frame);

  /**
   * Gives both canvases of a chart a pixel size of CSS size × scale, the scale lowered if needed
   * to stay within wasm's largest canvas. Returns the scale, or 0 when the chart is too small to
   * draw (mid-layout, or collapsed): the ResizeObserver brings it back once it has a size.
   */
  function size(chart, devicePixelRatio) {
    const rect = chart.frame.getBoundingClientRect();
    chart.drawnAt = { width: rect.width, height: rect.height };
    const scale = Math.min(devicePixelRatio, MAX_SIDE / rect.width, MAX_SIDE / rect.height);
    const width = Math.round(rect.width * scale);
    const height = Math.round(rect.height * scale);
    if (width < MIN_SIDE || height < MIN_SIDE) return 0;
    for (const canvas of [chart.canvas, chart.overlay]) {
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
    }
    return scale;
  }

  /**
   * Draws both charts. `spec` is plotActivation's spec without `kind`; a fixed y range applies
   * to f(x) only, since f'(x) lives on another scale.
   * @returns {{ drawn: number, ms: number }} how many charts were drawn, in how long
   */
  function draw(spec) {
    const start = performance.now();
    let drawn = 0;
    for (const chart of charts) {
      const scale = size(chart, window.devicePixelRatio || 1);
      if (!scale) continue;
      drawn += 1;
      const fixed = chart.kind === "function" ? { ymin: spec.ymin, ymax: spec.ymax } : { ymin: null, ymax: null };
      const view = wasm.plotActivation(chart.canvas, { ...spec, ...fixed, kind: chart.kind, scale });
      chart.view?.free();
      chart.view = view;
      const symbol = chart.kind === "function" ? "f(x)" : "f′(x)";
      const names = spec.curves.map((c) => c.label).join(", ");
      chart.canvas.setAttribute("aria-label", `${symbol} of ${names}, for x from ${spec.xmin} to ${spec.xmax}`);
      const dataset = chart.canvas.dataset;
      dataset.plotArea = Array.from(view.plotArea).join(",");
      dataset.xRange = `${spec.xmin},${spec.xmax}`;
      dataset.yRange = Array.from(view.yRange).join(",");
    }
    return { drawn, ms: performance.now() - start };
  }

  return {
    charts,
    draw,
    /** The chart whose overlay is `element`, if any. */
    byOverlay: (element) => charts.find((c) => c.overlay === element),
    /** The y range wasm used for f(x) in the last drawing, or null. */
    functionYRange: () => (charts[0].view ? Array.from(charts[0].view.yRange) : null),
  };
}
