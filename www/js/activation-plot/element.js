/**
 * @file The `<activation-plot>` element (see ../../activation-plot.js for its attributes). It is
 * defined once the wasm catalogue is loaded, so its observed attributes are the catalogue's
 * parameters (elements already in the page upgrade then); if the wasm fails, it is defined all
 * the same and each element says so inside itself.
 *
 * Layout: the shadow root is a flex column (title, charts, controls); the charts take whatever
 * height is left, so an element sized by the author's CSS never draws over its own controls.
 */

import { KINDS, activationChart, curvePalette, drawActivationChart, releaseChart, slotColor } from "../activation-chart.js";
import { curveTitle } from "../chart-summary.js";
import { currentTheme, watchEnvironment } from "../runtime/env.js";
import { frameQueue } from "../runtime/frames.js";
import { capList } from "../runtime/messages.js";
import { curveLabel, formatNumber, messageOf } from "../state.js";
import { OPTION_ATTRIBUTES, kebab, observedAttributes, readAttributes } from "./attributes.js";
import { buildControls, syncControls } from "./controls.js";
import { styleSheet } from "./style.js";

/** Below this width (CSS px) the derivative goes under the function instead of beside it. */
const WIDE = 560;

/**
 * @typedef {import("../activation-chart.js").ChartWasm & {
 *   activations(): any[], describe(id: string, params: object): { torch: string } }} Actviz
 *   the part of the actviz module the element uses
 */
/** @typedef {ReturnType<Actviz["activations"]>[number]} ActivationInfo */
/** @typedef {import("../state.js").Curve} Curve */
/** @typedef {ReturnType<typeof readAttributes>} Options */

/** @type {Promise<Actviz> | null} */
let ready = null;
/** @type {Actviz | null} */
let actviz = null;
/** @type {ActivationInfo[] | null} */
let catalogue = null;
/** Why the wasm could not be loaded, once it failed. */
let failure = "";

/**
 * Gives every `<activation-plot>` of the page its wasm module and defines the element. The first
 * call wins: `load` runs once, however many times this is called.
 * @param {() => Promise<Actviz>} load resolves to the initialised actviz module
 * @returns {Promise<Actviz>}
 */
export function provideActviz(load) {
  ready ??= load().then(
    (wasm) => {
      actviz = wasm;
      catalogue = wasm.activations();
      define();
      return wasm;
    },
    (error) => {
      failure = `Could not load the actviz WebAssembly module: ${messageOf(error)}`;
      define();
      throw error;
    },
  );
  return ready;
}

function define() {
  if (!customElements.get("activation-plot")) customElements.define("activation-plot", ActivationPlot);
}

/** Every connected element, redrawn when the colour scheme or pixel ratio changes. */
const connected = new Set();
watchEnvironment(() => connected.forEach((el) => el.requestDraw()));
const resizes = new ResizeObserver((entries) => {
  const touched = new Set(entries.map((e) => /** @type {ShadowRoot} */ (e.target.getRootNode()).host));
  touched.forEach((el) => /** @type {ActivationPlot} */ (el)?.requestDraw());
});
/**
 * Which elements are on screen, as the IntersectionObserver last said (absent: not said yet):
 * their drawings go first in the page's frame queue.
 * @type {WeakMap<Element, boolean>}
 */
const onScreen = new WeakMap();
const visibility = new IntersectionObserver((entries) => {
  for (const entry of entries) onScreen.set(entry.target, entry.isIntersecting);
});

/**
 * Whether `el` is on screen; before the observer's first word, from its box (the frame queue
 * asks every element in a row, so this costs one layout at most).
 * @param {Element} el
 */
function isOnScreen(el) {
  const known = onScreen.get(el);
  if (known !== undefined) return known;
  const rect = el.getBoundingClientRect();
  return rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
}

/** The `<activation-plot>` element. */
export class ActivationPlot extends HTMLElement {
  static get observedAttributes() {
    return catalogue ? observedAttributes(catalogue) : [...OPTION_ATTRIBUTES];
  }

  /** @type {Options | null} the attributes, parsed */
  #options = null;
  #dirty = true;
  /** This element's turn in the page's frame queue (requests coalesce until it has drawn). */
  #job = { run: () => this.#render(), visible: () => isOnScreen(this) };
  #draws = 0;
  #controlsKey = "";
  #drawError = "";
  #ui;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    shadow.adoptedStyleSheets = [styleSheet(actviz?.theme() ?? null)];
    /** @type {(tag: string, className: string, attrs?: Record<string, string>) => HTMLElement} */
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
    const frames = KINDS.map((kind) => {
      const frame = el("div", "frame");
      const canvas = /** @type {HTMLCanvasElement} */ (el("canvas", "", { "data-testid": `${kind}-plot`, role: "img" }));
      // Gives the frame its height when nothing else does (see style.js).
      frame.append(el("div", "sizer"), canvas);
      return { frame, chart: activationChart(kind, canvas) };
    });
    charts.append(...frames.map((f) => f.frame));
    const controls = el("div", "controls", { part: "controls", "data-testid": "controls" });
    controls.hidden = true;
    const controlError = el("p", "control-error", { "aria-live": "polite", "data-testid": "control-error" });
    controlError.hidden = true;
    root.append(problems, title, charts, controls, controlError);
    // The content goes in at the first drawing (#mount): two hundred elements upgrading at once
    // would otherwise all be laid out in one frame, before the frame queue spreads their work.
    this.#ui = { root, problems, title, charts, frames, controls, controlError };
  }

  connectedCallback() {
    if (failure) {
      this.#showFatal(failure);
      return;
    }
    connected.add(this);
    resizes.observe(this.#ui.root);
    resizes.observe(this.#ui.charts);
    visibility.observe(this);
    this.requestDraw();
  }

  disconnectedCallback() {
    connected.delete(this);
    resizes.unobserve(this.#ui.root);
    resizes.unobserve(this.#ui.charts);
    visibility.unobserve(this);
    onScreen.delete(this);
    frameQueue.cancel(this.#job);
    // The drawings stay on the canvases; their pixel maps are only needed while drawn anew.
    for (const { chart } of this.#ui.frames) releaseChart(chart);
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue === newValue) return;
    this.#dirty = true;
    this.requestDraw();
  }

  /**
   * Redraws in an animation frame soon: the next one unless the page's other charts have used
   * that frame's budget (calls coalesce until the drawing).
   */
  requestDraw() {
    if (actviz && this.isConnected) frameQueue.request(this.#job);
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

  /** Puts the element's content into its shadow root, once. */
  #mount() {
    if (!this.#ui.root.parentNode) this.shadowRoot.append(this.#ui.root);
  }

  #render() {
    // The host's width, read before this drawing changes the DOM: the page's layout is still
    // clean then (the last drawing ended by reading its canvas sizes), so the read costs no layout
    // of its own, and two hundred elements drawing at once lay the page out once each, not twice.
    const wide = this.getBoundingClientRect().width >= WIDE;
    this.#mount();
    if (this.#dirty) {
      this.#dirty = false;
      /** @type {[string, string][]} */
      const attributes = [...this.attributes].map((a) => [a.name, a.value]);
      this.#options = readAttributes(attributes, catalogue, (id, params) => actviz.describe(id, params));
      this.#update();
    }
    this.#draw(wide);
  }

  /** Brings the DOM in line with freshly parsed attributes. */
  #update() {
    const { state, derivative, controls, height } = this.#options;
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

  /** @param {Curve} main */
  #titleText(main) {
    const torch = document.createElement("code");
    torch.className = "torch";
    torch.textContent = actviz.describe(main.id, main.params).torch;
    const fragment = document.createDocumentFragment();
    fragment.append(this.#infoOf(main.id).label, torch);
    return fragment;
  }

  /** @param {string} id */
  #infoOf(id) {
    return catalogue.find((a) => a.id === id);
  }

  /** @param {boolean} wide whether the charts go side by side */
  #draw(wide) {
    const { state, derivative } = this.#options;
    const ui = this.#ui;
    const theme = this.#options.theme ?? currentTheme();
    const palette = curvePalette(actviz, theme);
    const curves = [state.main, ...state.compare].map((c, slot) => ({
      id: c.id,
      params: c.params,
      color: slotColor(palette, slot),
      label: curveLabel(this.#infoOf(c.id), c.params),
      title: curveTitle(this.#infoOf(c.id), c.params),
    }));
    ui.root.classList.toggle("is-wide", wide);
    const spec = { curves, xmin: state.xmin, xmax: state.xmax, ymin: state.ymin, ymax: state.ymax, theme };
    const start = performance.now();
    let drawn = 0;
    try {
      for (const { chart } of ui.frames) {
        if (chart.kind === "derivative" && !derivative) continue;
        if (drawActivationChart(actviz, chart, spec, { keepIfUnchanged: true }) === "drawn") drawn += 1;
      }
    } catch (e) {
      for (const { chart } of ui.frames) chart.signature = "";
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
      actviz.describe(main.id, params);
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
      ...capList(items).map((text) => {
        const li = document.createElement("li");
        li.textContent = text;
        return li;
      }),
    );
    box.replaceChildren(heading, list);
  }

  #showFatal(message) {
    this.#mount();
    this.#fillAlert("<activation-plot> could not start.", [message]);
    this.#ui.charts.hidden = true;
    this.#ui.title.hidden = true;
  }
}
