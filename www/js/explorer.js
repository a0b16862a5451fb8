/**
 * @file The explorer page (started by main.js): restores the state from the URL, wires the controls,
 * charts, hover layer, formula panel, "through n layers" card and export, and after any change redraws both charts in one
 * animation frame and writes the state back to the URL.
 */

import { assignSlots, createCompare } from "./compare.js";
import { createActivationControls } from "./controls.js";
import { curveTitle } from "./chart-summary.js";
import { createCharts } from "./charts.js";
import { createDepthPanel } from "./depth.js";
import { createExport } from "./export.js";
import { createFormulaPanel } from "./formula.js";
import { createHover } from "./hover.js";
import { curvePalette, slotColor, wasmSpec } from "./activation-chart.js";
import { hideNotice, initNotice, showNotice } from "./notice.js";
import { currentTheme, watchEnvironment } from "./runtime/env.js";
import { createUrlSync } from "./runtime/url.js";
import { curveLabel, messageOf, parseState, serializeState } from "./state.js";
import { createViewControls } from "./view.js";

/**
 * Builds the explorer on the initialised wasm module (main.js loads it).
 * @param {typeof import("../pkg/actviz.js")} wasm
 */
export function run(wasm) {
  initNotice();
  const catalogue = wasm.activations();
  const infoOf = (/** @type {string} */ id) => catalogue.find((a) => a.id === id);
  const validate = (/** @type {string} */ id, /** @type {import("../pkg/actviz.js").ActivationParams} */ params) => wasm.describe(id, params);
  const $ = (/** @type {string} */ testid) => /** @type {HTMLElement} */ (document.querySelector(`[data-testid="${testid}"]`));

  const restored = parseState(location.search, catalogue, validate);
  let state = { ...restored.state, compare: assignSlots(restored.state.compare) };
  // The depth limit lives in Rust: a link asking for more layers gets the most there are.
  if (state.depth !== undefined && state.depth > wasm.maxDepth()) {
    restored.ignored.push(`depth=${state.depth}: at most ${wasm.maxDepth()} layers, using ${wasm.maxDepth()}`);
    state.depth = wasm.maxDepth();
  }
  if (restored.ignored.length) {
    showNotice("Some settings in this link were not valid; the defaults are used instead:", restored.ignored);
  }

  let theme = currentTheme();
  /** @param {number} slot */
  const colorOf = (slot) => slotColor(curvePalette(wasm, theme), slot);
  const tryInLab = /** @type {HTMLAnchorElement} */ ($("try-in-lab"));
  const mainChip = /** @type {HTMLElement} */ (document.querySelector("#main-chip"));

  /** Every plotted curve, main first, as plotActivation wants them. */
  const curves = () =>
    [{ ...state.main, slot: 0 }, ...state.compare].map((c) => ({
      id: c.id,
      params: c.params,
      color: colorOf(c.slot),
      label: curveLabel(infoOf(c.id), c.params),
      title: curveTitle(infoOf(c.id), c.params),
    }));
  const spec = () => ({
    curves: curves(),
    xmin: state.xmin,
    xmax: state.xmax,
    ymin: state.ymin,
    ymax: state.ymax,
    dymin: state.dymin ?? null,
    dymax: state.dymax ?? null,
    dlog: state.dlog,
    deadZone: true,
    theme,
    scale: window.devicePixelRatio || 1,
  });

  // ---- redraw and URL scheduling ----
  let frame = 0;
  let drawn = false;
  const url = createUrlSync(() => serializeState(state, catalogue));
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
    // The lab reads its activation from `fn` and the parameters from their PyTorch names.
    const lab = new URLSearchParams({ fn: state.main.id });
    for (const [name, value] of Object.entries(state.main.params)) lab.set(name, String(value));
    tryInLab.href = `lab.html?${lab}`;
    formula.update(state.main);
    depth.update();
    view.showAutoYRange(charts.functionYRange());
    hover.refresh();
  }

  /**
   * Applies a change from any control: redraw in the next frame, URL soon after.
   * @param {Partial<typeof state>} partial
   */
  function change(partial) {
    state = { ...state, ...partial };
    view.set(state);
    schedule();
    url.schedule();
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
  const depth = createDepthPanel({
    wasm,
    root: /** @type {HTMLElement} */ (document.querySelector(".panel-depth")),
    getCurves: curves,
    onChange: (partial) => {
      state = { ...state, ...partial };
      url.schedule();
    },
  });
  createExport({
    wasm,
    charts,
    getSpec: () => wasmSpec(spec()),
    getName: () => `actviz-${state.main.id}`,
    onError: (message) => showNotice(message, [], { error: true }),
    pngButton: /** @type {HTMLButtonElement} */ ($("export-png")),
    svgButton: /** @type {HTMLButtonElement} */ ($("export-svg")),
  });

  activation.set(state.main);
  view.set(state);
  compare.set(state.compare);
  depth.set(state);
  const dlogBox = /** @type {HTMLInputElement} */ ($("dlog"));
  dlogBox.checked = state.dlog;
  dlogBox.addEventListener("change", () => {
    // A log axis cannot show a fixed f′ range reaching 0 or below: that range goes back to automatic.
    const dropRange = dlogBox.checked && state.dymin != null && state.dymin <= 0;
    change({ dlog: dlogBox.checked, ...(dropRange ? { dymin: null, dymax: null } : {}) });
  });
  $("dead-note").textContent = `Shaded: where the main curve's |f′(x)| ≤ ${wasm.deadGradient()}, the lab's "dead" zone: a unit whose pre-activations all fall there passes (almost) no gradient.`;

  // ---- environment: colour scheme and pixel density ----
  watchEnvironment(() => {
    const next = currentTheme();
    if (next !== theme) {
      theme = next;
      compare.recolor();
    }
    schedule();
  });

  // First drawing now, not a frame later; a link with state gets its URL tidied up.
  render();
  if (location.search) url.schedule();
}
