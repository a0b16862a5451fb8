//! The compact dead-neuron lab of embed.html (`?lab=1`): two networks, ReLU and another
//! activation, trained in lockstep by wasm's `Lab`; their dead-neuron counts, a start/pause
//! button, and the dead-fraction chart. Everything else lives on the full lab page.
//!
//! The URL is the lab page's (its own parser, js/lab/state.js), e.g.
//!   embed.html?lab=1&preset=high_lr&fn=elu&alpha=0.5
//! so "Open in actviz" opens lab.html with the same settings.

import { showNotice } from "./notice.js";
import { curveLabel, messageOf } from "./state.js";
import { labConfig, parseLabState, presetState, serializeLabState } from "./lab/state.js";

/** Training steps per animation frame, and where a run stops (the chart has seen it all). */
const STEPS_PER_FRAME = 10;
const MAX_STEPS = 3000;
/** Milliseconds per frame for the statistics, taken in pieces of one layer (large networks). */
const STATS_BUDGET_MS = 6;
/** The network colours of wasm's lab charts (src/web/lab.rs), for the legend chips. */
const RELU_COLOR = "#e06c00";
const OTHER_COLOR = "#2563eb";

const darkScheme = matchMedia("(prefers-color-scheme: dark)");

/**
 * @param {object} wasm the initialised actviz module (`Lab`, `activations`, `describe`)
 * @param {URLSearchParams} query the page's query
 * @param {HTMLElement} root where the lab goes
 * @param {HTMLAnchorElement} link the "Open in actviz" link
 */
export function startLab(wasm, query, root, link) {
  const catalogue = wasm.activations();
  const presets = Object.fromEntries(wasm.Lab.presets().map((p) => [p.id, presetState(p.id, p.config)]));
  const labQuery = new URLSearchParams([...query].filter(([key]) => key !== "lab" && key !== "controls" && key !== "derivative"));
  const { state, ignored } = parseLabState(labQuery, { presets, catalogue, validate: (id, params) => wasm.describe(id, params) });
  if (ignored.length) showNotice("Some settings in this link were not valid; the defaults are used instead:", ignored);
  link.href = `lab.html${serializeLabState(state, { presets })}`;

  const view = buildView(root);
  const otherLabel = curveLabel(catalogue.find((a) => a.id === state.fn), state.params);
  view.other.label.textContent = otherLabel;
  view.chart.setAttribute("aria-label", `Fraction of dead neurons against training step, ReLU and ${otherLabel}`);

  let lab = null;
  let frame = 0;
  let running = false;
  /** Whether statistics are being taken in pieces (startStats … finishStats). */
  let statsStarted = false;

  function reset() {
    pause();
    lab?.free();
    lab = new wasm.Lab(labConfig(state));
    statsStarted = false;
    showStats(lab.stats());
    draw();
    view.toggle.disabled = false;
  }

  function showStats(stats) {
    for (const [net, shown] of [[stats.relu, view.relu], [stats.other, view.other]]) {
      shown.number.textContent = `${net.dead} of ${net.neurons}`;
      shown.note.textContent = net.divergedAt === null ? "" : ` · diverged at step ${net.divergedAt}`;
    }
    view.step.textContent = `step ${stats.step}`;
  }

  function draw() {
    const rect = view.frame.getBoundingClientRect();
    const scale = window.devicePixelRatio || 1;
    const width = Math.round(rect.width * scale);
    const height = Math.round(rect.height * scale);
    if (width < 64 || height < 64) return;
    if (view.chart.width !== width) view.chart.width = width;
    if (view.chart.height !== height) view.chart.height = height;
    lab.drawDeadChart(view.chart, darkScheme.matches ? "dark" : "light", scale);
    view.chart.dataset.step = String(lab.stepCount);
  }

  function tick() {
    frame = 0;
    if (!running) return;
    try {
      lab.step(STEPS_PER_FRAME);
      const over = lab.finished || lab.stepCount >= MAX_STEPS;
      if (over) {
        statsStarted = false;
        showStats(lab.stats());
        draw();
        pause();
        view.toggle.disabled = true;
        return;
      }
      // Statistics in pieces of one layer, as many as fit in the frame: on large networks the
      // whole would take far more than a frame.
      if (!statsStarted) {
        lab.startStats();
        statsStarted = true;
      }
      const start = performance.now();
      let done = lab.continueStats();
      while (!done && performance.now() - start < STATS_BUDGET_MS) done = lab.continueStats();
      if (done) {
        statsStarted = false;
        showStats(lab.finishStats());
        draw();
      }
    } catch (e) {
      pause();
      showNotice("Training stopped:", [messageOf(e)], { error: true });
      return;
    }
    frame = requestAnimationFrame(tick);
  }

  function play() {
    running = true;
    setToggle("Pause", true);
    if (!frame) frame = requestAnimationFrame(tick);
  }

  function pause() {
    running = false;
    cancelAnimationFrame(frame);
    frame = 0;
    setToggle(lab && lab.stepCount > 0 ? "Resume" : "Train", false);
  }

  function setToggle(text, pressed) {
    view.toggleText.textContent = text;
    view.toggle.setAttribute("aria-pressed", String(pressed));
  }

  view.toggle.addEventListener("click", () => (running ? pause() : play()));
  view.reset.addEventListener("click", reset);
  new ResizeObserver(() => lab && draw()).observe(view.frame);
  darkScheme.addEventListener("change", () => lab && draw());
  reset();
}

/** The lab's DOM: header with counts and buttons, then the chart. */
function buildView(root) {
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };
  const section = el("section", "embed-lab card");
  section.dataset.testid = "lab";
  section.setAttribute("aria-label", "Dead-neuron lab");

  const head = el("div", "embed-lab-head");
  const counts = el("dl", "embed-lab-counts");
  const count = (name, color, testid) => {
    const group = el("div", "embed-lab-count");
    const term = el("dt");
    const chip = el("span", "chip");
    chip.style.background = color;
    const label = el("span", "", name);
    term.append(chip, label);
    const value = el("dd");
    const number = el("strong");
    number.dataset.testid = testid;
    const note = el("span", "embed-lab-note");
    value.append(number, " dead", note);
    group.append(term, value);
    counts.append(group);
    return { label, number, note };
  };
  const relu = count("ReLU", RELU_COLOR, "lab-dead-relu");
  const other = count("", OTHER_COLOR, "lab-dead-other");
  const step = el("span", "embed-lab-step");
  step.dataset.testid = "lab-step";

  const buttons = el("div", "button-row");
  const toggle = el("button", "button");
  toggle.type = "button";
  toggle.dataset.testid = "lab-toggle";
  const toggleText = el("span");
  toggle.append(toggleText);
  const reset = el("button", "button", "Reset");
  reset.type = "button";
  reset.dataset.testid = "lab-reset";
  buttons.append(step, toggle, reset);
  head.append(counts, buttons);

  const frame = el("div", "embed-lab-frame");
  const chart = el("canvas", "embed-lab-chart");
  chart.dataset.testid = "lab-dead-chart";
  chart.setAttribute("role", "img");
  frame.append(chart);
  section.append(head, frame);
  root.append(section);
  return {
    toggle,
    toggleText,
    reset,
    step,
    frame,
    chart,
    relu,
    other,
  };
}
