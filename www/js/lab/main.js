/**
 * @file Entry point of the dead-neuron lab. The twin `Lab` (ReLU beside another activation)
 * lives in a Web Worker (worker.js), which trains it and sends snapshots: statistics, history and
 * the decision boundaries as pixels. This page only draws them (charts.js, render.js), spread
 * over animation frames, so no task is long at any setting. Any change of setting builds a new
 * `Lab` (step 0, same initial weights) and is written back to the URL.
 */

import { createActivationControls } from "../controls.js";
import { startPage, pageUrl } from "../runtime/boot.js";
import { LAB } from "../runtime/wasm-lab.js";
import { currentTheme, watchEnvironment } from "../runtime/env.js";
import { createUrlSync } from "../runtime/url.js";
import { hideNotice, initNotice, showNotice } from "../notice.js";
import { curveLabel } from "../state.js";
import { createLabCharts } from "./charts.js";
import { startLabWorker } from "./client.js";
import { createSettings } from "./controls.js";
import { createCsvUpload } from "./csv-upload.js";
import { createNetCard } from "./nets.js";
import { setText } from "./neurons.js";
import { createRenderer } from "./render.js";
import { formatInteger, formatPercent, isModified, labConfig, labEnv, messageOf, parseLabState, serializeLabState } from "./state.js";
import { mountExperiments } from "./experiments-panel.js";
import { createSweep } from "./sweep.js";

const $ = (/** @type {string} */ testid) => /** @type {HTMLElement} */ (document.querySelector(`[data-testid="${testid}"]`));

initNotice();
startPage({
  title: "The dead-neuron lab could not start.",
  module: LAB,
  run,
});

/**
 * @param {typeof import("../../pkg/actviz_lab.js")} wasm
 * @param {WebAssembly.Module} module
 */
async function run(wasm, module) {
  const root = $("lab");
  const catalogue = wasm.activations();
  const infoOf = (/** @type {string} */ id) => catalogue.find((a) => a.id === id);
  const schema = wasm.labSchema();
  const env = labEnv(schema, catalogue, (/** @type {string} */ id, /** @type {import("../../pkg/actviz.js").ActivationParams} */ params) => wasm.describe(id, params));
  const { presets } = env;
  const summaryOf = (/** @type {string} */ id) => env.presetList.find((p) => p.id === id)?.summary ?? "";

  const restored = parseLabState(location.search, env);
  let state = restored.state;
  if (restored.ignored.length) {
    showNotice("Some settings in this link were not valid; these are used instead:", restored.ignored);
  }

  const runOf = () => ({ lr: state.lr, optimizer: state.optimizer, batch: state.batch });
  const otherIdentity = () => ({ id: state.fn, name: curveLabel(infoOf(state.fn), state.params), info: infoOf(state.fn) });
  const nets = {
    relu: createNetCard(/** @type {HTMLElement} */ (document.querySelector('.net[data-net="relu"]')), () => ({ id: "relu", name: "ReLU", info: infoOf("relu") }), () => runOf()),
    other: createNetCard(/** @type {HTMLElement} */ (document.querySelector('.net[data-net="other"]')), otherIdentity, () => runOf()),
  };
  const status = $("lab-status");
  const startButton = /** @type {HTMLButtonElement} */ ($("lab-start"));
  const stepButton = /** @type {HTMLButtonElement} */ ($("lab-step"));
  const resetButton = /** @type {HTMLButtonElement} */ ($("lab-reset"));

  /** What the page knows of the worker's lab: which one, how far, whether it trains. */
  let progress = { generation: 0, stepCount: 0, finished: false, running: false };
  let stepsPerSecond = 0;
  /** @type {() => void} */
  let firstShown = () => {};
  const firstRender = new Promise((resolve) => (firstShown = () => resolve(undefined)));

  /** @type {Awaited<ReturnType<typeof startLabWorker>> | null} set once the worker has started */
  let worker = null;

  // ---- drawing ----
  const drawError = (/** @type {unknown} */ e) => showNotice("Could not draw the charts:", [messageOf(e)], { error: true, key: "draw" });
  const charts = createLabCharts(root, [nets.relu.canvas, nets.other.canvas], () => {
    sendView();
    if (!progress.running) render.redraw();
  });
  const render = createRenderer({
    wasm,
    root,
    nets,
    charts,
    histLayer: /** @type {HTMLSelectElement} */ ($("lab-hist-layer")),
    stepCount: $("lab-step-count"),
    getTheme: currentTheme,
    onError: drawError,
    onDrawn: () => hideNotice("draw"),
    onShown: () => firstShown(),
  });

  const started = await startLabWorker(module, pageUrl("js/lab/worker.js"), {
    onSnapshot(snapshot) {
      if (snapshot.generation !== progress.generation) return;
      // Acknowledged on arrival: the worker prepares the next while this one is drawn (the
      // renderer keeps only the latest waiting), so the page redraws as fast as it can draw.
      if (snapshot.reason === "training") worker?.ack().catch(drawError);
      stepsPerSecond = snapshot.stepsPerSecond;
      Object.assign(progress, { stepCount: snapshot.stepCount, finished: snapshot.finished });
      root.dataset.frames = String(Number(root.dataset.frames ?? 0) + 1);
      root.dataset.stepsPerFrame = String(snapshot.stepsPerSlice);
      const final = snapshot.reason === "finished" || snapshot.reason === "limit";
      if (snapshot.reason === "limit" && snapshot.stepCount === experimentLength()) {
        outcomeAt = snapshot.stepCount;
        setText(outcome, describeOutcome(snapshot));
        outcome.hidden = false;
      } else if (outcomeAt !== null && snapshot.stepCount !== outcomeAt) {
        outcome.hidden = true;
        outcomeAt = null;
      }
      render.show(snapshot, { final });
      updateRunState();
    },
    onStopped(event) {
      if (event.generation !== progress.generation) return;
      progress.running = false;
      if (event.reason === "error") showNotice("Training stopped with an error:", [event.error ?? ""], { error: true });
      updateRunState();
    },
  });

  worker = started;
  const csv = createCsvUpload({
    root,
    card: /** @type {HTMLElement} */ (document.querySelector(".lab-data")),
    datasetSelect: /** @type {HTMLSelectElement} */ ($("lab-dataset")),
    limits: wasm.csvLimits(),
    load: (text) => started.loadCsv(text),
    rebuild: () => rebuild(),
  });

  function sendView() {
    worker?.setView({ theme: currentTheme(), scale: charts.boundaryScale(), boundary: charts.boundarySize() }).catch(drawError);
  }

  /** Everything at the step the lab is at now, boundaries included. */
  async function showNow() {
    render.pending();
    const snapshot = await started.snapshot({ boundaries: true });
    if (snapshot.generation === progress.generation) render.show(snapshot, { final: true });
  }

  // ---- the lab itself ----
  let building = Promise.resolve(true);
  /**
   * Builds a new Lab from `state` in the worker; keeps the old one (and says why) if wasm
   * rejects it. Builds run one after another, the latest state last.
   */
  function rebuild() {
    building = building.then(async () => {
      let created;
      try {
        created = await started.create(labConfig(state, env), { useCsv: csv.active });
      } catch (e) {
        showNotice("These settings cannot be used, so the previous run is kept:", [messageOf(e)], { key: "config" });
        return false;
      }
      hideNotice("config");
      progress = { ...created, running: false };
      outcome.hidden = true;
      outcomeAt = null;
      render.reset(created.config.hiddenWidths);
      setText($("lab-step-count"), String(created.stepCount));
      updateRunState();
      // The boundary pictures may have just been hidden or shown (CSV data): their size now.
      sendView();
      await showNow();
      return true;
    });
    return building;
  }

  let rebuildFrame = 0;
  function scheduleRebuild() {
    if (!rebuildFrame) {
      rebuildFrame = requestAnimationFrame(() => {
        rebuildFrame = 0;
        rebuild().catch(drawError);
      });
    }
  }

  function updateRunState() {
    const { running, finished } = progress;
    startButton.classList.toggle("is-running", running);
    setText(/** @type {HTMLElement} */ (startButton.querySelector(".start-text")), running ? "Pause" : "Start");
    startButton.disabled = finished;
    stepButton.disabled = finished;
    resetButton.disabled = false;
    let text;
    if (finished) text = "Both networks diverged";
    else if (running) text = stepsPerSecond ? `Training · ${formatInteger(stepsPerSecond)} steps/s` : "Training";
    else text = progress.stepCount > 0 ? "Paused" : "Ready";
    setText(status, text);
  }

  async function pause() {
    progress.running = false;
    stepsPerSecond = 0;
    updateRunState();
    render.pending();
    const paused = await started.pause();
    if (paused) Object.assign(progress, { stepCount: paused.stepCount, finished: paused.finished });
    await showNow();
  }

  // ---- speed, axes, experiment length ----
  const speedSelect = /** @type {HTMLSelectElement} */ ($("lab-speed"));
  const SPEEDS = /** @type {Record<string, { maxPerSlice: number, delayMs: number }>} */ ({
    max: { maxPerSlice: Infinity, delayMs: 0 },
    100: { maxPerSlice: 100, delayMs: 16 },
    10: { maxPerSlice: 10, delayMs: 16 },
    1: { maxPerSlice: 1, delayMs: 16 },
    slow: { maxPerSlice: 1, delayMs: 250 },
  });
  const currentSpeed = () => SPEEDS[speedSelect.value] ?? SPEEDS.max;
  speedSelect.addEventListener("change", () => {
    root.dataset.speed = speedSelect.value;
    started.speed(currentSpeed()).catch(drawError);
  });
  for (const [testid, key] of /** @type {const} */ ([["lab-log-steps", "logSteps"], ["lab-log-loss", "logLoss"]])) {
    const box = /** @type {HTMLInputElement} */ ($(testid));
    box.addEventListener("change", () => {
      charts.axes[key] = box.checked;
      render.redraw();
    });
  }
  setText($("dead-threshold"), String(/** @type {any} */ (schema).deadThreshold ?? 0.001));

  /** The experiment length of the preset in use, unmodified; null otherwise. */
  const experimentLength = () => {
    if (csv.active) return null;
    // Another seed is the same experiment; any other change is not.
    if (isModified({ ...state, seed: presets[state.preset]?.seed ?? state.seed }, env)) return null;
    const steps = /** @type {any} */ (env.presetList.find((p) => p.id === state.preset))?.steps;
    return typeof steps === "number" && steps > 0 ? steps : null;
  };
  const outcome = $("lab-outcome");

  /**
   * What happened by the experiment length, computed from the statistics shown.
   * @param {import("./client.js").Snapshot} snapshot
   */
  function describeOutcome(snapshot) {
    const { relu, other } = /** @type {any} */ (snapshot.stats);
    const pct = (/** @type {number} */ v) => (Number.isFinite(v) ? formatPercent(v) : "—");
    const name = otherIdentity().name;
    return `After ${snapshot.stats.step} steps: ReLU ${relu.dead} of ${relu.neurons} dead, ${name} ${other.dead}; ` +
      `inactive ${relu.inactive ?? relu.dead} vs ${other.inactive ?? other.dead}; ` +
      `test accuracy ${pct(relu.testAccuracy)} vs ${pct(other.testAccuracy)}. Training paused at the preset's experiment length; Start goes on.`;
  }
  /** @type {number | null} the step the outcome sentence was written at */
  let outcomeAt = null;

  startButton.addEventListener("click", () => {
    if (progress.running) {
      pause().catch(drawError);
      return;
    }
    progress.running = true;
    updateRunState();
    const length = experimentLength();
    const stopAt = length !== null && progress.stepCount < length ? length : Infinity;
    started.start({ stopAt, ...currentSpeed() }).catch((e) => {
      progress.running = false;
      showNotice("Training stopped with an error:", [messageOf(e)], { error: true });
      updateRunState();
    });
  });
  stepButton.addEventListener("click", async () => {
    progress.running = false;
    render.pending();
    try {
      const stepped = await started.step(1);
      Object.assign(progress, { stepCount: stepped.stepCount, finished: stepped.finished });
      setText($("lab-step-count"), String(stepped.stepCount));
      await showNow();
    } catch (e) {
      showNotice("Training stopped with an error:", [messageOf(e)], { error: true });
    }
    updateRunState();
  });
  resetButton.addEventListener("click", () => {
    progress.running = false;
    rebuild().catch(drawError);
  });

  // ---- settings and URL ----
  const url = createUrlSync(() => serializeLabState(state, env));

  /**
   * Applies a change from any control: a new lab in the next frame, URL soon after. Picking a
   * dataset from the menu leaves a CSV file (its own entry there, "csv", is not a setting).
   * @param {Record<string, any>} partial
   */
  function change(partial) {
    if (partial.dataset === "csv") return;
    if ("dataset" in partial) csv.clear();
    state = { ...state, ...partial };
    settings.set(state, isModified(state, env));
    csv.sync();
    $("lab-preset-summary").textContent = summaryOf(state.preset);
    scheduleRebuild();
    url.schedule();
  }

  const settings = createSettings({
    root: /** @type {HTMLElement} */ (document.querySelector(".lab-side")),
    fields: env.fields,
    presets: env.presetList,
    getState: () => state,
    onChange: change,
    onPreset: (/** @type {string} */ id) => {
      state = { ...presets[id], params: { ...presets[id].params } };
      activation.set({ id: state.fn, params: state.params });
      change({});
    },
  });
  const activation = createActivationControls({
    catalogue,
    validate: env.validate,
    root: /** @type {HTMLElement} */ (document.querySelector(".panel-activation")),
    onChange: (/** @type {{ id: string, params: object }} */ curve) => change({ fn: curve.id, params: curve.params }),
  });

  const sweep = createSweep({
    wasm,
    runSweep: (request) => started.sweep(request),
    limits: schema.sweep,
    root: $("sweep"),
    getOther: () => ({ id: state.fn, params: state.params, label: curveLabel(infoOf(state.fn), state.params) }),
    getTheme: currentTheme,
    onDrawError: drawError,
  });

  mountExperiments({
    wasm,
    module,
    schema,
    env,
    // Repeats run on the CSV file too, while one is in use.
    getConfig: () => (csv.active ? { ...labConfig(state, env), data: csv.data } : labConfig(state, env)),
    getPresetId: () => state.preset,
    getLab: () => started,
    root: /** @type {HTMLElement} */ (document.getElementById("experiments")),
    getTheme: currentTheme,
    onDrawError: drawError,
  });

  // ---- first run ----
  activation.set({ id: state.fn, params: state.params });
  settings.set(state, isModified(state, env));
  settings.enable();
  $("lab-preset-summary").textContent = summaryOf(state.preset);
  sendView();
  if (!(await rebuild())) {
    state = { ...presets[state.preset], params: { ...presets[state.preset].params } };
    activation.set({ id: state.fn, params: state.params });
    settings.set(state, false);
    await rebuild();
  }
  if (location.search) url.schedule();

  watchEnvironment(() => {
    sendView();
    if (progress.running) render.redraw();
    else showNow().catch(drawError);
    sweep.draw();
  });
  // Ready once the first statistics, charts and boundaries are on screen.
  await firstRender;
  root.dataset.ready = "true";
}
