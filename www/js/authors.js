/**
 * @file The author docs, authors.html: each way to embed actviz runs live next to its code.
 *
 * The code blocks are the source of truth: relative URLs in them are made absolute for this
 * site (so what authors copy works from their pages), and the web-component and iframe
 * examples are rendered from that very text. The JS API example draws its code block's chart
 * (in the theme's curve colours). The parameter table is built from the wasm catalogue, so it
 * never goes stale.
 */

import { activationChart, curvePalette, drawActivationChart } from "./activation-chart.js";
import { kebab } from "./activation-plot/attributes.js";
import { provideActviz } from "./activation-plot/element.js";
import { loadWasm, startPage } from "./runtime/boot.js";
import { EXPLORER } from "./runtime/wasm-explorer.js";
import { currentTheme, watchEnvironment } from "./runtime/env.js";
import { formatNumber } from "./state.js";

const $ = (selector) => document.querySelector(selector);

rebaseCode();
renderLiveExamples();
wireCopyButtons();
// The live examples share the page's wasm instance; if it fails, each of them says so itself.
provideActviz(async () => (await loadWasm(EXPLORER)).wasm).catch(() => {});
startPage({
  title: "The live examples could not start.",
  module: EXPLORER,
  run: (wasm) => {
    fillParameterTable(wasm.activations());
    runApiExample(wasm);
  },
});

/** Makes `src="…"` and `from "…"` URLs in marked code blocks absolute for this site. */
function rebaseCode() {
  for (const code of document.querySelectorAll("code[data-rebase]")) {
    code.textContent = code.textContent.replace(/(src="|from ")([^"]+)"/g, (match, lead, url) =>
      /^[a-z][a-z0-9+.-]*:/i.test(url) ? match : `${lead}${new URL(url, document.baseURI).href}"`,
    );
  }
}

/** Renders each `[data-live]` example from its code block's text (scripts left out: the page has them). */
function renderLiveExamples() {
  for (const live of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-live]"))) {
    const code = document.getElementById(live.dataset.live);
    const markup = code.textContent.replace(/<script\b[^>]*><\/script>\s*/g, "");
    const template = document.createElement("template");
    template.innerHTML = markup;
    live.replaceChildren(template.content);
  }
}

/** Copy buttons: the code block's text to the clipboard, or selected if the clipboard is refused. */
function wireCopyButtons() {
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-copy]"))) {
    button.addEventListener("click", async () => {
      const code = document.getElementById(button.dataset.copy);
      try {
        await navigator.clipboard.writeText(code.textContent);
        flash(button, "Copied");
      } catch {
        getSelection().selectAllChildren(code);
        flash(button, "Press Ctrl+C");
      }
    });
  }
}

function flash(button, text) {
  const original = button.dataset.label ?? button.textContent;
  button.dataset.label = original;
  button.textContent = text;
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(setTimeout(() => (button.textContent = original), 1600));
}

/** One row per activation: its id, label, and parameter attributes with default and range. */
function fillParameterTable(catalogue) {
  const shown = (v) => formatNumber(Number(v.toPrecision(4)));
  const rows = catalogue.map((info) => {
    const tr = row(["", info.label, ""]);
    tr.cells[0].append(codeElement(info.id));
    const cell = tr.cells[2];
    if (!info.params.length) cell.textContent = "none";
    info.params.forEach((p, i) => {
      let detail;
      if (p.kind === "choice") detail = ` ${p.choices.map((c) => `"${c}"`).join(" or ")}, default "${p.default}"`;
      else if (p.kind === "text") detail = ` a formula in x, at most ${p.maxLength} characters, default "${p.default}"`;
      else detail = ` (${shown(p.default)}, ${shown(p.min)} to ${shown(p.max)})`;
      cell.append(i ? "; " : "", codeElement(kebab(p.name)), detail);
    });
    return tr;
  });
  $("#parameter-rows").replaceChildren(...rows);
}

function row(cells, colspan) {
  const tr = document.createElement("tr");
  for (const text of cells) {
    const td = document.createElement("td");
    td.textContent = text;
    if (colspan) td.colSpan = colspan;
    tr.append(td);
  }
  return tr;
}

function codeElement(text) {
  const code = document.createElement("code");
  code.textContent = text;
  return code;
}

/**
 * The JS API example: the calls of the `#api-code` block, redrawn on resize and scheme change.
 * @param {typeof import("../pkg/actviz.js")} wasm
 */
function runApiExample(wasm) {
  const { evaluate } = wasm;
  const chart = activationChart("derivative", /** @type {HTMLCanvasElement} */ ($("#my-chart")));

  // The code block shows the plain calls; the page draws the same chart through the explorer's
  // chart module, for the pixel-ratio sizing and the redraws on resize and scheme changes.
  function draw() {
    const theme = currentTheme();
    const [first, second] = curvePalette(wasm, theme);
    drawActivationChart(wasm, chart, {
      curves: [
        { id: "gelu", params: { approximate: "tanh" }, color: first, label: "GELU (tanh)" },
        { id: "relu", color: second, label: "ReLU" },
      ],
      xmin: -4,
      xmax: 4,
      theme,
    });
  }

  let frame = 0;
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => ((frame = 0), draw()));
  };
  new ResizeObserver(schedule).observe(chart.canvas);
  watchEnvironment(schedule);
  draw();

  const xs = [-1, 0, 1];
  const ys = evaluate("gelu", { approximate: "tanh" }, xs);
  $('[data-testid="api-values"] tbody').replaceChildren(...xs.map((x, i) => row([String(x), ys[i].toFixed(6)])));
}
