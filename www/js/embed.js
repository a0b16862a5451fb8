/**
 * @file The iframe page, embed.html: the explorer's chart without the site around it, for tutorials.
 *
 *   embed.html?fn=elu&alpha=0.5&compare=relu&xmin=-3&xmax=3&controls=alpha
 *
 * Takes the explorer's URL (read by state.js's `parseState`, so a link means the same on both
 * pages) plus three keys of its own:
 * - `controls`: comma list of the main curve's parameters to show sliders for (none by default);
 * - `derivative=0`: draw f(x) only (f′(x) is drawn beside or below it by default);
 * - `lab=1`: the compact dead-neuron lab instead (the lab page's URL, see embed-lab.js).
 * Invalid parts of the URL are listed in a notice and the defaults used, as on the explorer.
 * The "Open in actviz" link carries the current state to the full page.
 */

import { kebab } from "./activation-plot/attributes.js";
import { provideActviz } from "./activation-plot/element.js";
import { initNotice, showNotice } from "./notice.js";
import { loadWasm, startPage } from "./runtime/boot.js";
import { EXPLORER } from "./runtime/wasm-explorer.js";
import { LAB } from "./runtime/wasm-lab.js";
import { parseState, serializeState } from "./state.js";

/** Keys of the iframe's own, removed before the explorer's parser reads the rest. */
const OWN_KEYS = ["controls", "derivative", "lab"];

// The page's <activation-plot> shares the page's explorer module, the one embed.html preloads.
provideActviz(async () => (await loadWasm(EXPLORER)).wasm).catch(() => {});

const query = new URLSearchParams(location.search);
const lab = query.get("lab") === "1";

startPage({
  title: lab ? "The embedded lab could not start." : "The embedded chart could not start.",
  // The compact lab needs the full module (its worker trains a `Lab`); the chart, the explorer's.
  module: lab ? LAB : EXPLORER,
  run: async (wasm, module) => {
    initNotice();
    const heading = /** @type {HTMLElement} */ (document.querySelector("#embed-title"));
    if (lab) {
      heading.textContent = "actviz: the dead-neuron lab";
      nameFooter(heading);
      const { startLab } = await import("./embed-lab.js");
      await startLab(/** @type {typeof LAB.glue} */ (wasm), module, query, document.querySelector("#embed"), document.querySelector('[data-testid="open-link"]'));
    } else {
      startPlot(wasm, query, heading);
    }
  },
});

/**
 * The explorer's chart: an `<activation-plot>` with the URL's state as attributes.
 * @param {typeof import("../pkg/actviz.js")} wasm
 * @param {URLSearchParams} query
 * @param {HTMLElement} heading the page's level-one heading, named after the main curve
 */
function startPlot(wasm, query, heading) {
  const catalogue = wasm.activations();
  const explorerQuery = new URLSearchParams([...query].filter(([key]) => !OWN_KEYS.includes(key)));
  const { state, ignored } = parseState(explorerQuery, catalogue, (id, params) => wasm.describe(id, params));
  if (ignored.length) {
    showNotice("Some settings in this link were not valid; the defaults are used instead:", ignored);
  }

  const plot = document.createElement("activation-plot");
  plot.dataset.testid = "plot";
  // The clean state, written the way the explorer writes its URL, becomes the attributes.
  for (const [key, value] of new URLSearchParams(serializeState(state, catalogue))) {
    plot.setAttribute(["fn", "compare", "xmin", "xmax", "ymin", "ymax"].includes(key) ? key : kebab(key), value);
  }
  const derivative = query.get("derivative") !== "0";
  if (derivative) plot.setAttribute("derivative", "");
  const label = catalogue.find((a) => a.id === state.main.id)?.label ?? state.main.id;
  heading.textContent = `actviz: ${label}${derivative ? " and its derivative" : ""}`;
  nameFooter(heading);
  if (query.has("controls")) plot.setAttribute("controls", query.get("controls"));
  document.querySelector("#embed").append(plot);

  // Sliders change the state: the link follows, so "open" shows what the reader sees.
  const link = /** @type {HTMLAnchorElement} */ (document.querySelector('[data-testid="open-link"]'));
  const updateLink = () => {
    link.href = `index.html${serializeState(plot.state ?? state, catalogue)}`;
  };
  updateLink();
  plot.addEventListener("draw", updateLink);
}

/**
 * Names the footer after the frame's heading: a page with several embeds then has landmarks a
 * screen reader can tell apart.
 * @param {HTMLElement} heading
 */
function nameFooter(heading) {
  document.querySelector(".embed-bar")?.setAttribute("aria-label", `${heading.textContent}: link to the full page`);
}
