//! `<activation-plot>`: a live chart of one activation function (and optionally its derivative)
//! for tutorials, after one `<script type="module" src=".../activation-plot.js">`.
//!
//!   <activation-plot fn="leaky_relu" negative-slope="0.1" derivative controls="negative_slope">
//!   </activation-plot>
//!
//! Attributes (all reactive; see js/activation-plot/attributes.js): `fn`, each parameter in
//! kebab-case, `compare` (as in the explorer's URL), `derivative`, `controls`, `xmin`/`xmax`,
//! `ymin`/`ymax`, `height`, `theme`. Invalid ones are listed in the element (role=alert), with the
//! defaults drawn instead; nothing is thrown or logged.
//!
//! Every element on a page shares one wasm instance, initialised once; its files are found next
//! to the glue module, which is found relative to this file (so a CDN path works as is).

import * as actviz from "./pkg/actviz.js";
import { OBSERVED_ATTRIBUTES, readAttributes, kebab } from "./js/activation-plot/attributes.js";
import { buildControls, syncControls } from "./js/activation-plot/controls.js";
import { styleSheet } from "./js/activation-plot/style.js";
import { curveLabel, formatNumber, messageOf } from "./js/state.js";

/** Curve colours by slot (0 = main curve): the explorer's palette, light and dark. */
const PALETTES = {
  light: ["#2563eb", "#e8590c", "#0c9a6e", "#c2255c", "#7048e8"],
  dark: ["#6ea8fe", "#ffa94d", "#3fd6a4", "#f783ac", "#b197fc"],
};
/** Below this width (CSS px) the derivative goes under the function instead of beside it. */
const WIDE = 560;
/** Canvas side limits of `plotActivation`, in device pixels. */
const MIN_SIDE = 64;
const MAX_SIDE = 16_384;

// ---- one environment for every element: wasm, colour scheme, pixel ratio, resizes ----

let ready = null;
let catalogue = null;

/**
 * The actviz module, initialised (once per page, however many elements ask). Resolves to the
 * module namespace: the same JS API as `import * from "actviz"` after `await init()`.
 */
export function loadActviz() {
  ready ??= actviz.default().then(() => {
    catalogue = actviz.activations();
    return actviz;
  });
  return ready;
}

const connected = new Set();
const darkScheme = matchMedia("(prefers-color-scheme: dark)");
darkScheme.addEventListener("change", () => connected.forEach((el) => el.requestDraw()));
(function watchScale() {
  matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener(
    "change",
    () => {
      connected.forEach((el) => el.requestDraw());
      watchScale();
    },
    { once: true },
  );
})();
const resizes = new ResizeObserver((entries) => {
  const touched = new Set(entries.map((e) => e.target.getRootNode().host));
  touched.forEach((el) => el?.requestDraw());
});

/** The `<activation-plot>` element. */
export class ActivationPlot extends HTMLElement {
  static get observedAttributes() {
    return [...OBSERVED_ATTRIBUTES];
  }

  #wasm = null;
  #options = null;
  #dirty = true;
  #frame = 0;
  #draws = 0;
  #views = [];
  #controlsKey = "";
  #drawError = "";
  #ui;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    shadow.adoptedStyleSheets = [styleSheet()];
    const el = (tag, className, attrs = {}) => {
      const node = document.createElement(tag);
      if (className) node.className = className;
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      return node;
    };
    const root = el("div", "root", { part: "root" });
    const problems = el("div", "problems", { role: "alert", "data-testid": "problems" });
    problems.hidden = true;
    const title = el("p", "title", { "data-testid": "title" });
    const charts = el("div", "charts");
    const frames = ["function", "derivative"].map((kind) => {
      const frame = el("div", "frame");
      const canvas = el("canvas", "", { "data-testid": `${kind}-plot`, role: "img" });
      frame.append(canvas);
      return { kind, frame, canvas };
    });
    charts.append(...frames.map((f) => f.frame));
    const controls = el("div", "controls", { part: "controls", "data-testid": "controls" });
    controls.hidden = true;
    const controlError = el("p", "control-error", { "aria-live": "polite", "data-testid": "control-error" });
    controlError.hidden = true;
    root.append(problems, title, charts, controls, controlError);
    shadow.append(root);
    this.#ui = { root, problems, title, charts, frames, controls, controlError };
  }

  connectedCallback() {
    connected.add(this);
    resizes.observe(this.#ui.root);
    for (const { frame } of this.#ui.frames) resizes.observe(frame);
    if (this.#wasm) {
      this.requestDraw();
      return;
    }
    loadActviz().then(
      (wasm) => {
        this.#wasm = wasm;
        this.requestDraw();
      },
      (error) => this.#showFatal(`Could not load the actviz WebAssembly module: ${messageOf(error)}`),
    );
  }

  disconnectedCallback() {
    connected.delete(this);
    resizes.unobserve(this.#ui.root);
    for (const { frame } of this.#ui.frames) resizes.unobserve(frame);
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    // The drawings stay on the canvases; their pixel maps are only needed while drawn anew.
    this.#views.forEach((view) => view?.free());
    this.#views = [];
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue === newValue) return;
    this.#dirty = true;
    this.requestDraw();
  }

  /** Redraws in the next animation frame (calls within one frame coalesce). */
  requestDraw() {
    if (!this.#frame && this.#wasm && this.isConnected) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#render();
      });
    }
  }

  /** The parsed curves and ranges drawn: `{ main, compare, xmin, xmax, ymin, ymax }`. */
  get state() {
    return this.#options ? structuredClone(this.#options.state) : null;
  }

  /** What was wrong with the attributes, as shown in the element (empty when all is valid). */
  get problems() {
    return this.#options ? [...this.#options.problems] : [];
  }

  /** How many times this element has drawn its charts. */
  get drawCount() {
    return this.#draws;
  }

  #render() {
    const wasm = this.#wasm;
    if (this.#dirty) {
      this.#dirty = false;
      const attributes = [...this.attributes].map((a) => [a.name, a.value]);
      this.#options = readAttributes(attributes, catalogue, (id, params) => wasm.describe(id, params));
      this.#update();
    }
    this.#draw();
  }

  /** Brings the DOM in line with freshly parsed attributes. */
  #update() {
    const { state, derivative, controls, height, problems } = this.#options;
    const ui = this.#ui;
    this.#showProblems();
    ui.frames[1].frame.hidden = !derivative;
    ui.charts.classList.toggle("has-derivative", derivative);
    if (height === null) ui.root.style.removeProperty("--ap-plot-height");
    else ui.root.style.setProperty("--ap-plot-height", `${height}px`);
    try {
      ui.title.replaceChildren(this.#titleText(state.main));
    } catch {
      ui.title.textContent = state.main.id;
    }
    const key = `${state.main.id}|${controls.join(",")}`;
    if (key !== this.#controlsKey) {
      this.#controlsKey = key;
      ui.controlError.hidden = true;
      buildControls(ui.controls, this.#infoOf(state.main.id), controls, state.main.params, (name, value) =>
        this.#setParam(name, value),
      );
    } else {
      syncControls(ui.controls, state.main.params);
    }
  }

  #titleText(main) {
    const torch = document.createElement("code");
    torch.className = "torch";
    torch.textContent = this.#wasm.describe(main.id, main.params).torch;
    const fragment = document.createDocumentFragment();
    fragment.append(this.#infoOf(main.id).label, torch);
    return fragment;
  }

  #infoOf(id) {
    return catalogue.find((a) => a.id === id);
  }

  #theme() {
    return this.#options?.theme ?? (darkScheme.matches ? "dark" : "light");
  }

  #draw() {
    const { state, derivative } = this.#options;
    const ui = this.#ui;
    const palette = PALETTES[this.#theme()];
    const curves = [{ ...state.main, slot: 0 }, ...state.compare.map((c, i) => ({ ...c, slot: i + 1 }))].map((c) => ({
      id: c.id,
      params: c.params,
      color: palette[c.slot % palette.length],
      label: curveLabel(this.#infoOf(c.id), c.params),
    }));
    ui.root.classList.toggle("is-wide", ui.root.getBoundingClientRect().width >= WIDE);
    const start = performance.now();
    let drawn = 0;
    try {
      for (const chart of ui.frames) {
        if (chart.kind === "derivative" && !derivative) continue;
        const scale = sizeCanvas(chart, window.devicePixelRatio || 1);
        if (!scale) continue;
        const fixed = chart.kind === "function" ? { ymin: state.ymin, ymax: state.ymax } : { ymin: null, ymax: null };
        const spec = { curves, xmin: state.xmin, xmax: state.xmax, ...fixed, kind: chart.kind, theme: this.#theme(), scale };
        // Resize and scheme notifications often arrive with nothing changed: keep the drawing.
        const signature = JSON.stringify([spec, chart.canvas.width, chart.canvas.height]);
        if (chart.signature === signature) continue;
        const view = this.#wasm.plotActivation(chart.canvas, spec);
        chart.signature = signature;
        this.#views[ui.frames.indexOf(chart)]?.free();
        this.#views[ui.frames.indexOf(chart)] = view;
        const symbol = chart.kind === "function" ? "f(x)" : "f′(x)";
        const names = curves.map((c) => c.label).join(", ");
        chart.canvas.setAttribute("aria-label", `${symbol} of ${names}, for x from ${state.xmin} to ${state.xmax}`);
        chart.canvas.dataset.plotArea = Array.from(view.plotArea).join(",");
        chart.canvas.dataset.xRange = `${state.xmin},${state.xmax}`;
        chart.canvas.dataset.yRange = Array.from(view.yRange).join(",");
        drawn += 1;
      }
    } catch (e) {
      for (const chart of ui.frames) chart.signature = "";
      this.#drawError = messageOf(e);
      this.#showProblems();
      return;
    }
    if (this.#drawError) {
      this.#drawError = "";
      this.#showProblems();
    }
    if (!drawn) return;
    this.#draws += 1;
    this.dispatchEvent(new CustomEvent("draw", { detail: { ms: performance.now() - start } }));
  }

  /** A control moved: reflect it into the attribute if wasm accepts it, else say why not. */
  #setParam(name, value) {
    const main = this.#options.state.main;
    const params = { ...main.params, [name]: value };
    const error = this.#ui.controlError;
    try {
      this.#wasm.describe(main.id, params);
    } catch (e) {
      error.textContent = messageOf(e);
      error.hidden = false;
      return;
    }
    error.hidden = true;
    this.setAttribute(kebab(name), typeof value === "number" ? formatNumber(value) : value);
  }

  /** Lists what is wrong with the attributes, and a drawing error if the last drawing failed. */
  #showProblems() {
    const items = [...(this.#options?.problems ?? [])];
    let title = "Some attributes of <activation-plot> are not valid; defaults are used instead:";
    if (this.#drawError) {
      title = "<activation-plot> could not draw its chart:";
      items.unshift(this.#drawError);
    }
    this.#fillAlert(title, items);
  }

  #fillAlert(title, items) {
    const box = this.#ui.problems;
    box.hidden = items.length === 0;
    if (!items.length) return box.replaceChildren();
    const heading = document.createElement("strong");
    heading.textContent = title;
    const list = document.createElement("ul");
    list.append(
      ...items.map((text) => {
        const li = document.createElement("li");
        li.textContent = text;
        return li;
      }),
    );
    box.replaceChildren(heading, list);
  }

  #showFatal(message) {
    this.#fillAlert("<activation-plot> could not start.", [message]);
    this.#ui.charts.hidden = true;
    this.#ui.title.hidden = true;
  }
}

/**
 * Gives a chart's canvas a pixel size of CSS size × scale (lowered if needed to stay within
 * wasm's largest canvas). Returns the scale, or 0 when the frame is too small to draw (mid-layout
 * or hidden): the ResizeObserver brings it back once it has a size.
 */
function sizeCanvas({ frame, canvas }, devicePixelRatio) {
  const rect = frame.getBoundingClientRect();
  const scale = Math.min(devicePixelRatio, MAX_SIDE / rect.width, MAX_SIDE / rect.height);
  const width = Math.round(rect.width * scale);
  const height = Math.round(rect.height * scale);
  if (!(width >= MIN_SIDE && height >= MIN_SIDE)) return 0;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return scale;
}

if (!customElements.get("activation-plot")) customElements.define("activation-plot", ActivationPlot);
