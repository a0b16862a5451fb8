//! The explorer page (loaded by main.js): restores the state from the URL, wires the controls,
//! charts, hover layer, formula panel and export, and after any change redraws both charts in one
//! animation frame and writes the state back to the URL.

import { assignSlots, createCompare } from "./compare.js";
import { createActivationControls } from "./controls.js";
import { createCharts } from "./charts.js";
import { createExport } from "./export.js";
import { createFormulaPanel } from "./formula.js";
import { createHover } from "./hover.js";
import { hideNotice, initNotice, showFatal, showNotice } from "./notice.js";
import { curveLabel, messageOf, parseState, serializeState } from "./state.js";
import { createViewControls } from "./view.js";

/** Curve colours by slot (0 = main curve), distinct for common colour-vision deficiencies. */
const PALETTES = {
  light: ["#2563eb", "#e8590c", "#0c9a6e", "#c2255c", "#7048e8"],
  dark: ["#6ea8fe", "#ffa94d", "#3fd6a4", "#f783ac", "#b197fc"],
};
/** history.replaceState at most this often: Chrome throttles (and warns about) faster calls. */
const URL_DELAY_MS = 150;

const darkScheme = matchMedia("(prefers-color-scheme: dark)");

/**
 * Starts the explorer once the wasm module is ready.
 * @param {Promise<typeof import("../pkg/actviz.js")>} wasmReady the initialised module (main.js)
 */
export async function start(wasmReady) {
  initNotice();
  let wasm;
  try {
    wasm = await wasmReady;
  } catch (e) {
    showFatal(`Could not load the WebAssembly module: ${messageOf(e)}`);
    return;
  }
  try {
    run(wasm);
  } catch (e) {
    showFatal(`The explorer failed to start: ${messageOf(e)}`);
  }
}

function run(wasm) {
  const catalogue = wasm.activations();
  const infoOf = (id) => catalogue.find((a) => a.id === id);
  const validate = (id, params) => wasm.describe(id, params);
  const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

  const restored = parseState(location.search, catalogue, validate);
  let state = { ...restored.state, compare: assignSlots(restored.state.compare) };
  if (restored.ignored.length) {
    showNotice("Some settings in this link were not valid; the defaults are used instead:", restored.ignored);
  }

  let theme = darkScheme.matches ? "dark" : "light";
  const colorOf = (slot) => PALETTES[theme][slot % PALETTES[theme].length];
  const mainChip = document.querySelector("#main-chip");

  /** Every plotted curve, main first, as plotActivation wants them. */
  const curves = () =>
    [{ ...state.main, slot: 0 }, ...state.compare].map((c) => ({
      id: c.id,
      params: c.params,
      color: colorOf(c.slot),
      label: curveLabel(infoOf(c.id), c.params),
    }));
  const spec = () => ({
    curves: curves(),
    xmin: state.xmin,
    xmax: state.xmax,
    ymin: state.ymin,
    ymax: state.ymax,
    theme,
    scale: window.devicePixelRatio || 1,
  });

  // ---- redraw and URL scheduling ----
  let frame = 0;
  let drawn = false;
  let urlTimer = 0;
  const status = $("status");

  function schedule() {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function render() {
    frame = 0;
    try {
      const { drawn: count, ms } = charts.draw(spec());
      if (count === charts.charts.length) {
        status.textContent = `f and f′ drawn in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
        if (!drawn) {
          drawn = true;
          performance.mark("actviz:first-draw");
        }
      }
      hideNotice("draw");
    } catch (e) {
      showNotice("Could not draw the charts:", [messageOf(e)], { error: true, key: "draw" });
    }
    mainChip.style.background = colorOf(0);
    formula.update(state.main);
    view.showAutoYRange(charts.functionYRange());
    hover.refresh();
  }

  function writeUrl() {
    urlTimer = 0;
    const query = serializeState(state, catalogue);
    if (query !== location.search) history.replaceState(history.state, "", `${query}${location.hash}`);
  }

  function scheduleUrl() {
    if (!urlTimer) urlTimer = setTimeout(writeUrl, URL_DELAY_MS);
  }

  /** Applies a change from any control: redraw in the next frame, URL soon after. */
  function change(partial) {
    state = { ...state, ...partial };
    view.set(state);
    schedule();
    scheduleUrl();
  }

  // ---- parts of the page ----
  const charts = createCharts(wasm, document, schedule);
  const activation = createActivationControls({
    catalogue,
    validate,
    root: document.querySelector(".panel-activation"),
    onChange: (main) => change({ main }),
  });
  const view = createViewControls({
    root: document.querySelector(".panel-view"),
    getState: () => state,
    getAutoYRange: () => charts.functionYRange(),
    onChange: change,
  });
  const compare = createCompare({
    catalogue,
    validate,
    root: document.querySelector(".panel-compare"),
    getState: () => state,
    colorOf,
    onChange: (list) => change({ compare: list }),
  });
  const formula = createFormulaPanel({ wasm, catalogue, root: document.querySelector(".formula-panel") });
  const hover = createHover({
    wasm,
    charts,
    readout: $("hover-readout"),
    getCurves: curves,
    getXRange: () => [state.xmin, state.xmax],
  });
  createExport({
    wasm,
    charts,
    getSpec: spec,
    getName: () => `actviz-${state.main.id}`,
    onError: (message) => showNotice(message, [], { error: true }),
    pngButton: $("export-png"),
    svgButton: $("export-svg"),
  });

  activation.set(state.main);
  view.set(state);
  compare.set(state.compare);

  // ---- environment: colour scheme and pixel density ----
  darkScheme.addEventListener("change", () => {
    theme = darkScheme.matches ? "dark" : "light";
    compare.recolor();
    schedule();
  });
  const watchScale = () => {
    matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener(
      "change",
      () => {
        schedule();
        watchScale();
      },
      { once: true },
    );
  };
  watchScale();

  // First drawing now, not a frame later; a link with state gets its URL tidied up.
  render();
  if (location.search) scheduleUrl();
}
