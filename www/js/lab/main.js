//! Entry point of the dead-neuron lab: loads the wasm module, restores the settings from the URL,
//! builds the twin `Lab` (ReLU beside another activation), and wires the settings, the training
//! loop, the network cards, the charts and the born-dead sweep. Any change of setting rebuilds
//! the `Lab` (step 0, same initial weights) and is written back to the URL.

import { createActivationControls } from "../controls.js";
import { hideNotice, initNotice, showNotice } from "../notice.js";
import { curveLabel } from "../state.js";
import { createLabCharts } from "./charts.js";
import { createSettings } from "./controls.js";
import { createLoop } from "./loop.js";
import { createNetCard } from "./nets.js";
import { setText } from "./neurons.js";
import { createRenderer } from "./render.js";
import {
  PRESET_LABELS,
  formatInteger,
  isModified,
  labConfig,
  messageOf,
  parseLabState,
  presetState,
  serializeLabState,
} from "./state.js";
import { createSweep } from "./sweep.js";

/** history.replaceState at most this often: Chrome throttles (and warns about) faster calls. */
const URL_DELAY_MS = 150;
/** One sentence per preset, under the preset picker. */
const PRESET_SUMMARIES = {
  default: "Moons, 3 layers of 16, Adam at learning rate 0.01: both networks learn and few neurons die.",
  high_lr: "Adam at learning rate 2 on full batches, 3 layers of 32: within a few dozen steps ReLU loses over half its neurons for good; Leaky ReLU keeps clearly more.",
  negative_bias: "Hidden biases start at −1, so many ReLU neurons are dead or nearly dead from the first step.",
  deep_narrow: "8 layers of 4 neurons: ReLU networks this deep and narrow are often dead before training starts.",
};

const darkScheme = matchMedia("(prefers-color-scheme: dark)");
const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

start();

async function start() {
  initNotice();
  let wasm;
  try {
    wasm = await import("../../pkg/actviz.js");
    await wasm.default();
  } catch (e) {
    fatal(`Could not load the WebAssembly module: ${messageOf(e)}`);
    return;
  }
  try {
    run(wasm);
  } catch (e) {
    fatal(`The lab failed to start: ${messageOf(e)}`);
  }
}

/** Replaces the lab with a readable error when it cannot work at all. */
function fatal(message) {
  const box = document.createElement("div");
  box.className = "fatal";
  box.setAttribute("role", "alert");
  box.dataset.testid = "fatal";
  const title = document.createElement("strong");
  title.textContent = "The dead-neuron lab could not start.";
  const detail = document.createElement("p");
  detail.textContent = message;
  box.append(title, detail);
  const stage = document.querySelector(".lab-stage");
  if (stage) stage.replaceChildren(box);
  else document.body.prepend(box);
  const status = $("lab-status");
  if (status) status.textContent = "Not loaded";
}

function run(wasm) {
  const root = $("lab");
  const catalogue = wasm.activations();
  const infoOf = (id) => catalogue.find((a) => a.id === id);
  const presets = Object.fromEntries(wasm.Lab.presets().map((p) => [p.id, presetState(p.id, p.config)]));
  const env = { presets, catalogue, validate: (id, params) => wasm.describe(id, params) };

  const restored = parseLabState(location.search, env);
  let state = restored.state;
  if (restored.ignored.length) {
    showNotice("Some settings in this link were not valid; these are used instead:", restored.ignored);
  }

  let theme = darkScheme.matches ? "dark" : "light";
  let lab = null;
  let frames = 0;
  const otherIdentity = () => ({ id: state.fn, name: curveLabel(infoOf(state.fn), state.params) });
  const nets = {
    relu: createNetCard(document.querySelector('.net[data-net="relu"]'), () => ({ id: "relu", name: "ReLU" })),
    other: createNetCard(document.querySelector('.net[data-net="other"]'), otherIdentity),
  };
  const status = $("lab-status");
  const startButton = $("lab-start");
  const stepButton = $("lab-step");
  const resetButton = $("lab-reset");

  // ---- drawing ----
  const drawError = (e) => showNotice("Could not draw the charts:", [messageOf(e)], { error: true, key: "draw" });
  const charts = createLabCharts(root, [nets.relu.canvas, nets.other.canvas], () => {
    if (!loop.running) scheduleDraw();
  });
  const render = createRenderer({
    root,
    nets,
    charts,
    histLayer: $("lab-hist-layer"),
    stepCount: $("lab-step-count"),
    getLab: () => lab,
    getTheme: () => theme,
    onError: drawError,
    onDrawn: () => hideNotice("draw"),
  });

  let drawFrame = 0;
  function scheduleDraw() {
    if (!drawFrame) {
      drawFrame = requestAnimationFrame(() => {
        drawFrame = 0;
        // A render under way would share this frame (a long task on large networks): the redraw
        // joins its jobs instead.
        if (loop.rendering) loop.render({ stats: false });
        else render.refresh({ stats: false });
        sweep.draw();
      });
    }
  }

  // ---- the lab itself ----
  /**
   * Builds a new Lab from `state`; keeps the old one (and says why) if wasm rejects it. Its
   * statistics and pictures follow over the next frames (a slider dragged on a large network
   * stays smooth), or at once with `now` (the first run, so the page is whole when ready).
   */
  function rebuild({ now = false } = {}) {
    let next;
    try {
      next = new wasm.Lab(labConfig(state));
    } catch (e) {
      showNotice("These settings cannot be used, so the previous run is kept:", [messageOf(e)], { key: "config" });
      return false;
    }
    hideNotice("config");
    lab?.free();
    lab = next;
    loop.reset();
    render.reset(lab.config().hiddenWidths);
    setText($("lab-step-count"), String(lab.stepCount));
    if (now) render.refresh();
    else loop.render();
    if (lab.finished) loop.stop("finished");
    updateRunState();
    return true;
  }

  let rebuildFrame = 0;
  function scheduleRebuild() {
    if (!rebuildFrame) {
      rebuildFrame = requestAnimationFrame(() => {
        rebuildFrame = 0;
        rebuild();
      });
    }
  }

  // ---- training loop ----
  const loop = createLoop({
    getLab: () => lab,
    renderJobs: (index, final, options) => render.renderJobs(index, final, options),
    onFrame({ stepMs, frameMs }) {
      frames += 1;
      const data = root.dataset;
      data.frames = String(frames);
      data.stepMs = stepMs.toFixed(2);
      data.frameMs = frameMs.toFixed(2);
      data.maxFrameMs = Math.max(Number(data.maxFrameMs ?? 0), frameMs).toFixed(2);
      data.stepsPerFrame = String(loop.stepsPerFrame);
      updateRunState();
    },
    onStop: (reason) => {
      // A paused run gets its boundaries (and statistics at the step it stopped at) over the next
      // frames; a finished one was just rendered by its last frame, and a step or a reset
      // renders by itself.
      if (reason === "paused") loop.render();
      updateRunState();
    },
    onError: (e) => showNotice("Training stopped with an error:", [messageOf(e)], { error: true }),
  });

  function updateRunState() {
    const running = loop.running;
    const finished = lab?.finished ?? false;
    startButton.classList.toggle("is-running", running);
    setText(startButton.querySelector(".start-text"), running ? "Pause" : "Start");
    startButton.disabled = finished;
    stepButton.disabled = finished;
    resetButton.disabled = false;
    let text;
    if (finished) text = "Both networks diverged";
    else if (running) {
      const rate = loop.stepsPerSecond;
      text = rate ? `Training · ${formatInteger(rate)} steps/s` : "Training";
    } else text = lab && lab.stepCount > 0 ? "Paused" : "Ready";
    setText(status, text);
  }

  startButton.addEventListener("click", () => {
    if (loop.running) loop.stop("paused");
    else loop.start();
    updateRunState();
  });
  stepButton.addEventListener("click", () => {
    loop.stop("step");
    try {
      lab.step(1);
    } catch (e) {
      showNotice("Training stopped with an error:", [messageOf(e)], { error: true });
    }
    setText($("lab-step-count"), String(lab.stepCount));
    loop.render();
    updateRunState();
  });
  resetButton.addEventListener("click", () => {
    loop.stop("reset");
    rebuild();
  });

  // ---- settings and URL ----
  let urlTimer = 0;
  function writeUrl() {
    urlTimer = 0;
    const query = serializeLabState(state, env);
    if (query !== location.search) history.replaceState(history.state, "", `${query}${location.hash}`);
  }
  function scheduleUrl() {
    if (!urlTimer) urlTimer = setTimeout(writeUrl, URL_DELAY_MS);
  }

  /** Applies a change from any control: rebuild in the next frame, URL soon after. */
  function change(partial) {
    state = { ...state, ...partial };
    settings.set(state, isModified(state, presets));
    $("lab-preset-summary").textContent = PRESET_SUMMARIES[state.preset] ?? "";
    scheduleRebuild();
    scheduleUrl();
  }

  const settings = createSettings({
    root: document.querySelector(".lab-side"),
    getState: () => state,
    onChange: change,
    onPreset: (id) => {
      state = { ...presets[id], params: { ...presets[id].params } };
      activation.set({ id: state.fn, params: state.params });
      change({});
    },
  });
  const activation = createActivationControls({
    catalogue,
    validate: env.validate,
    root: document.querySelector(".panel-activation"),
    onChange: (curve) => change({ fn: curve.id, params: curve.params }),
  });
  for (const option of $("lab-preset").options) option.textContent = PRESET_LABELS[option.value] ?? option.value;

  const sweep = createSweep({
    wasm,
    root: $("sweep"),
    getOther: () => ({ id: state.fn, params: state.params, label: curveLabel(infoOf(state.fn), state.params) }),
    getTheme: () => theme,
    onDrawError: drawError,
  });

  // ---- first run ----
  activation.set({ id: state.fn, params: state.params });
  settings.set(state, isModified(state, presets));
  settings.enable();
  $("lab-preset-summary").textContent = PRESET_SUMMARIES[state.preset] ?? "";
  if (!rebuild({ now: true })) {
    state = { ...presets[state.preset], params: { ...presets[state.preset].params } };
    activation.set({ id: state.fn, params: state.params });
    settings.set(state, false);
    rebuild({ now: true });
  }
  if (location.search) scheduleUrl();

  // ---- environment: colour scheme and pixel density ----
  darkScheme.addEventListener("change", () => {
    theme = darkScheme.matches ? "dark" : "light";
    scheduleDraw();
  });
  const watchScale = () => {
    matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener(
      "change",
      () => {
        scheduleDraw();
        watchScale();
      },
      { once: true },
    );
  };
  watchScale();
  root.dataset.ready = "true";
}
