//! The compact dead-neuron lab of embed.html (`?lab=1`): two networks, ReLU and another
//! activation, trained in lockstep by wasm's `Lab`; their dead-neuron counts, a start/pause
//! button, and the dead-fraction chart. Everything else lives on the full lab page.
//!
//! The URL is the lab page's (its own parser, js/lab/state.js), e.g.
//!   embed.html?lab=1&preset=high_lr&fn=elu&alpha=0.5
//! so "Open in actviz" opens lab.html with the same settings.

import { startLabWorker } from "./lab/client.js";
import { createLabCharts } from "./lab/charts.js";
import { labConfig, labEnv, parseLabState, serializeLabState } from "./lab/state.js";
import { showNotice } from "./notice.js";
import { pageUrl } from "./runtime/boot.js";
import { currentTheme, watchEnvironment } from "./runtime/env.js";
import { curveLabel, messageOf } from "./state.js";

/** Where a run stops: the chart has seen it all. */
const MAX_STEPS = 3000;

/**
 * @param {any} wasm the initialised actviz module (`labSchema`, `activations`, `describe`, `drawLabChart`, `theme`)
 * @param {WebAssembly.Module} module the compiled module, for the lab's worker
 * @param {URLSearchParams} query the page's query
 * @param {HTMLElement} root where the lab goes
 * @param {HTMLAnchorElement} link the "Open in actviz" link
 */
export async function startLab(wasm, module, query, root, link) {
  const catalogue = wasm.activations();
  const env = labEnv(wasm.labSchema(), catalogue, (/** @type {string} */ id, /** @type {import("../pkg/actviz_lab.js").ActivationParams} */ params) => wasm.describe(id, params));
  const labQuery = new URLSearchParams([...query].filter(([key]) => key !== "lab" && key !== "controls" && key !== "derivative"));
  const { state, ignored } = parseLabState(labQuery, env);
  if (ignored.length) showNotice("Some settings in this link were not valid; the defaults are used instead:", ignored);
  link.href = `lab.html${serializeLabState(state, env)}`;

  const view = buildView(root, wasm.theme());
  const otherLabel = curveLabel(catalogue.find((/** @type {{ id: string }} */ a) => a.id === state.fn), state.params);
  view.other.label.textContent = otherLabel;
  view.chart.setAttribute("aria-label", `Fraction of dead neurons against training step, ReLU and ${otherLabel}`);

  const charts = createLabCharts(view.section, [], () => draw());
  /** @type {import("./lab/client.js").Snapshot | null} */
  let last = null;
  let generation = 0;
  let running = false;

  const worker = await startLabWorker(module, pageUrl("js/lab/worker.js"), {
    onSnapshot(snapshot) {
      // A training snapshot posted just before a pause is older than the pause's own.
      if (snapshot.generation !== generation || (snapshot.reason === "training" && !running)) return;
      requestAnimationFrame(() => {
        show(snapshot);
        if (snapshot.reason === "training") worker.ack();
      });
    },
    onStopped(event) {
      if (event.generation !== generation) return;
      if (event.reason === "error") showNotice("Training stopped:", [event.error ?? ""], { error: true });
      running = false;
      view.section.dataset.state = "stopped";
      setToggle(false);
      view.toggle.disabled = event.reason !== "error";
    },
  });

  /** @param {import("./lab/client.js").Snapshot} snapshot */
  function show(snapshot) {
    last = snapshot;
    const { stats } = snapshot;
    for (const [net, shown] of /** @type {const} */ ([[stats.relu, view.relu], [stats.other, view.other]])) {
      shown.number.textContent = `${net.dead} of ${net.neurons}`;
      // Dead is |f′| ≈ 0 on every input; inactive (z ≤ 0 everywhere) is said apart, as on the lab page.
      shown.inactive.textContent = net.inactive === net.dead ? "" : ` · ${net.inactive} inactive`;
      shown.note.textContent = net.divergedAt === null ? "" : ` · diverged at step ${net.divergedAt}`;
    }
    view.step.textContent = `step ${stats.step}`;
    draw();
  }

  function draw() {
    if (!last) return;
    try {
      charts.drawChart(wasm, "dead", last, currentTheme(), 0);
      view.chart.dataset.step = String(last.stats.step);
    } catch (e) {
      showNotice("Could not draw the chart:", [messageOf(e)], { error: true });
    }
  }

  async function reset() {
    await pause();
    const created = await worker.create(labConfig(state, env));
    generation = created.generation;
    show(await worker.snapshot({ boundaries: false }));
    view.toggle.disabled = false;
    view.reset.disabled = false;
    setToggle(false);
  }

  async function play() {
    running = true;
    view.section.dataset.state = "running";
    setToggle(true);
    await worker.start({ stopAt: MAX_STEPS });
  }

  async function pause() {
    if (!running) return;
    running = false;
    setToggle(false);
    view.section.dataset.state = "pausing";
    await worker.pause();
    if (generation) show(await worker.snapshot({ boundaries: false }));
    view.section.dataset.state = "paused";
  }

  /** @param {boolean} pressed */
  function setToggle(pressed) {
    view.toggleText.textContent = pressed ? "Pause" : last && last.stats.step > 0 ? "Resume" : "Train";
    view.toggle.setAttribute("aria-pressed", String(pressed));
  }

  const failed = (/** @type {unknown} */ e) => showNotice("Training stopped:", [messageOf(e)], { error: true });
  view.toggle.addEventListener("click", () => (running ? pause() : play()).catch(failed));
  view.reset.addEventListener("click", () => reset().catch(failed));
  watchEnvironment(() => draw());
  await reset();
  // On the page once it shows its first statistics.
  root.append(view.section);
  draw();
}

/** The lab's DOM: header with counts and buttons, then the chart. */
/**
 * @param {HTMLElement} root
 * @param {any} theme wasm's `theme()`: the networks' colours for the legend chips
 */
function buildView(root, theme) {
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
  const count = (/** @type {string} */ name, /** @type {string} */ color, /** @type {string} */ testid) => {
    const group = el("div", "embed-lab-count");
    const term = el("dt");
    const chip = el("span", "chip");
    chip.style.background = color;
    const label = el("span", "", name);
    term.append(chip, label);
    const value = el("dd");
    const number = el("strong");
    number.dataset.testid = testid;
    const inactive = el("span", "embed-lab-inactive");
    const note = el("span", "embed-lab-note");
    value.append(number, " dead", inactive, note);
    group.append(term, value);
    counts.append(group);
    return { label, number, inactive, note };
  };
  const colors = theme[currentTheme()];
  const relu = count("ReLU", colors.relu, "lab-dead-relu");
  const other = count("", colors.other, "lab-dead-other");
  const step = el("span", "embed-lab-step");
  step.dataset.testid = "lab-step";

  const buttons = el("div", "button-row");
  const toggle = el("button", "button");
  toggle.type = "button";
  // Enabled once the worker has built the lab (a click before would be lost).
  toggle.disabled = true;
  toggle.dataset.testid = "lab-toggle";
  const toggleText = el("span");
  toggle.append(toggleText);
  const reset = el("button", "button", "Reset");
  reset.type = "button";
  reset.disabled = true;
  reset.dataset.testid = "lab-reset";
  buttons.append(step, toggle, reset);
  head.append(counts, buttons);

  const frame = el("div", "embed-lab-frame");
  const chart = el("canvas", "embed-lab-chart");
  chart.dataset.testid = "lab-dead-chart";
  chart.dataset.chart = "dead";
  chart.setAttribute("role", "img");
  frame.append(chart);
  section.append(head, frame);
  return {
    section,
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
