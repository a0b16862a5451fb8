//! Export of the charts: a PNG composed from both canvases, and an SVG rendered by wasm with
//! plotters' SVG backend (vector, same curves, ranges and theme as on screen).

/**
 * @param {object} options
 * @param {Pick<typeof import("../pkg/actviz.js"), "renderSvg" | "theme">} options.wasm the actviz module (`renderSvg`, `theme`)
 * @param {ReturnType<typeof import("./charts.js").createCharts>} options.charts
 * @param {() => import("./activation-chart.js").ChartSpec} options.getSpec the spec of the current drawing (without `kind`)
 * @param {() => string} options.getName base file name, e.g. "actviz-leaky_relu"
 * @param {(message: string) => void} options.onError
 * @param {HTMLButtonElement} options.pngButton
 * @param {HTMLButtonElement} options.svgButton
 */
export function createExport({ wasm, charts, getSpec, getName, onError, pngButton, svgButton }) {
  pngButton.addEventListener("click", () => {
    exportPng().catch((e) => onError(`Could not export the PNG: ${e.message ?? e}`));
  });
  svgButton.addEventListener("click", () => {
    try {
      exportSvg();
    } catch (e) {
      onError(`Could not export the SVG: ${/** @type {Error} */ (e).message ?? e}`);
    }
  });
  pngButton.disabled = false;
  svgButton.disabled = false;

  /** Both chart canvases side by side on the card colour, at the canvases' pixel resolution. */
  async function exportPng() {
    const [f, df] = charts.charts.map((c) => c.canvas);
    const scale = window.devicePixelRatio || 1;
    const pad = Math.round(16 * scale);
    const out = document.createElement("canvas");
    out.width = f.width + df.width + 3 * pad;
    out.height = Math.max(f.height, df.height) + 2 * pad;
    const ctx = out.getContext("2d");
    // The charts' own background colour (the page's --surface, from the same Rust theme).
    ctx.fillStyle = wasm.theme()[getSpec().theme].background;
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(f, pad, pad);
    ctx.drawImage(df, 2 * pad + f.width, pad);
    const blob = await new Promise((resolve, reject) =>
      out.toBlob((b) => (b ? resolve(b) : reject(new Error("the canvas gave no image"))), "image/png"),
    );
    download(blob, `${getName()}.png`);
  }

  /** The SVG at the on-screen size of the two charts. */
  function exportSvg() {
    const rect = charts.charts[0].frame.getBoundingClientRect();
    const width = Math.max(640, Math.round(rect.width * 2 + 24));
    const height = Math.max(300, Math.round(rect.height));
    // SVG units are CSS pixels: no devicePixelRatio scaling of fonts and lines.
    const svg = wasm.renderSvg({ ...getSpec(), scale: 1 }, width, height);
    download(new Blob([svg], { type: "image/svg+xml" }), `${getName()}.svg`);
  }
}

/** Saves a blob under a file name through a temporary link. */
function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; give the browser a moment before revoking.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
