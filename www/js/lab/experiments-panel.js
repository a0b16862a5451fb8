/**
 * @file The lab's experiments panel: repeat the current settings over many seeds in the
 * experiment worker (progress, cancel, the distributions of dead count, test accuracy and
 * divergence, the paired difference with its 95% interval, one computed sentence), and the
 * per-layer gradient norms of both networks at initialisation and at the current weights.
 * Mounted once by main.js into `#experiments`. Every chart is drawn on the main thread, one per
 * frame through the shared frame queue.
 */

import { startExperimentWorker } from "../experiments/client.js";
import { summarize } from "../experiments/summary.js";
import { pageUrl } from "../runtime/boot.js";
import { fitCanvas } from "../runtime/canvas.js";
import { frameQueue } from "../runtime/frames.js";
import { curveLabel } from "../state.js";
import { mountGradients } from "./gradient.js";

/** Steps per run when the preset names no experiment length. */
const FALLBACK_STEPS = 300;

/**
 * @typedef {object} ExperimentsContext
 * @property {typeof import("../../pkg/actviz_lab.js")} wasm
 * @property {WebAssembly.Module} module
 * @property {import("../../pkg/actviz_lab.js").LabSchema} schema
 * @property {ReturnType<typeof import("./state.js").labEnv>} env
 * @property {() => object} getConfig the Lab config of the current settings
 * @property {() => string} getPresetId the preset the current settings start from
 * @property {() => Awaited<ReturnType<typeof import("./client.js").startLabWorker>>} getLab the lab worker
 * @property {HTMLElement} root the `#experiments` section
 * @property {() => string} getTheme
 * @property {(error: unknown) => void} onDrawError
 */

/**
 * Builds the panel inside `ctx.root` and shows it.
 * @param {ExperimentsContext} ctx
 */
export function mountExperiments(ctx) {
  const { wasm, root } = ctx;
  const el = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`[data-testid="${id}"]`));
  const seedsInput = el("repeat-seeds");
  const stepsInput = el("repeat-steps");
  const runButton = el("repeat-run");
  const cancelButton = el("repeat-cancel");
  const progress = el("repeat-progress");
  const status = el("repeat-status");
  const errorText = el("repeat-error");
  const sentence = el("repeat-sentence");
  const charts = el("repeat-charts");
  const limits = wasm.repeatLimits();
  Object.assign(seedsInput, { min: limits.seeds.min, max: limits.seeds.max, value: limits.seeds.default });
  Object.assign(stepsInput, { min: limits.steps.min, max: limits.steps.max, value: presetSteps() });
  const runner = startExperimentWorker(ctx.module, pageUrl("js/experiments/worker.js"));
  /** @type {import("../experiments/client.js").ExperimentRun | null} */
  let current = null;
  /** The last (partial) result and what it was run with, for redraws. */
  let shown = /** @type {{ result: any, steps: number, labels: [string, string] } | null} */ (null);
  let stepsEdited = false;

  /** The experiment length of the preset the current settings start from. */
  function presetSteps() {
    const id = ctx.getPresetId();
    return String(ctx.schema.presets.find((p) => p.id === id)?.steps ?? FALLBACK_STEPS);
  }
  // The settings may change before the panel is used (a link, a preset): follow them until the
  // learner types a step count of their own.
  ctx.root.addEventListener("focusin", () => {
    if (!stepsEdited) stepsInput.value = presetSteps();
  });
  document.querySelector('[data-testid="lab-preset"]')?.addEventListener("change", () => {
    if (!stepsEdited) stepsInput.value = presetSteps();
  });
  stepsInput.addEventListener("input", () => (stepsEdited = true));

  /** The two networks' names for a config. */
  function labelsOf(/** @type {any} */ config) {
    const info = wasm.activations().find((/** @type {any} */ a) => a.id === config.activation);
    return /** @type {[string, string]} */ (["ReLU", info ? curveLabel(info, config.params ?? {}) : String(config.activation)]);
  }

  /** A whole number from an input within [min, max], or an error message naming the field. */
  function whole(/** @type {HTMLInputElement} */ input, /** @type {string} */ name, /** @type {{ min: number, max: number }} */ range) {
    const x = Number(input.value);
    if (input.value.trim() === "" || !Number.isInteger(x) || x < range.min || x > range.max) {
      return { error: `${name} must be a whole number from ${range.min} to ${range.max}, got ${JSON.stringify(input.value)}` };
    }
    return { value: x };
  }

  function setRunning(/** @type {boolean} */ running) {
    runButton.disabled = running;
    cancelButton.hidden = !running;
    progress.hidden = !running;
    seedsInput.disabled = running;
    stepsInput.disabled = running;
    root.dataset.state = running ? "running" : "idle";
  }

  function start() {
    const seeds = whole(seedsInput, "Seeds", limits.seeds);
    const steps = whole(stepsInput, "Steps", limits.steps);
    const problem = seeds.error ?? steps.error;
    errorText.hidden = !problem;
    errorText.textContent = problem ?? "";
    if (problem) return;
    const config = ctx.getConfig();
    const labels = labelsOf(config);
    const request = { kind: "repeat", config, options: { seeds: seeds.value, steps: steps.value, varyData: false } };
    setRunning(true);
    progress.max = /** @type {number} */ (seeds.value);
    progress.value = 0;
    status.textContent = `0 of ${seeds.value} seeds`;
    const run = runner.run(/** @type {any} */ (request), (result, done, total) => {
      if (current !== run) return;
      progress.value = done;
      status.textContent = `${done} of ${total} seeds`;
      show({ result, steps: /** @type {number} */ (steps.value), labels });
    });
    current = run;
    run.done.then(
      (result) => {
        if (current !== run) return;
        current = null;
        setRunning(false);
        status.textContent = `${result.seeds.length} seeds done`;
        show({ result, steps: /** @type {number} */ (steps.value), labels });
        // For scripts and tests: exactly what ran and what came back.
        root.dispatchEvent(new CustomEvent("actviz:repeat-done", { detail: { config, options: request.options, result } }));
      },
      (error) => {
        if (current !== run) return;
        current = null;
        setRunning(false);
        if (error?.name === "AbortError") {
          status.textContent = `cancelled after ${progress.value} of ${progress.max} seeds`;
        } else {
          errorText.hidden = false;
          errorText.textContent = error instanceof Error ? error.message : String(error);
          status.textContent = "";
        }
      },
    );
  }

  function cancel() {
    current?.cancel();
  }

  /** Shows a (partial) result: the sentence now, the charts one per frame. */
  function show(/** @type {NonNullable<typeof shown>} */ next) {
    shown = next;
    if (!next.result.seeds.length) return;
    const summary = summarize(next.result, { steps: next.steps, labels: next.labels, pairedInterval: wasm.pairedInterval });
    sentence.textContent = summary.sentence;
    charts.hidden = false;
    root.dataset.seedsShown = String(summary.n);
    for (const job of repeatJobs) frameQueue.request(job);
  }

  const look = () => ({ theme: /** @type {"light" | "dark"} */ (ctx.getTheme()), scale: 1 });
  /**
   * A frame job drawing one chart of the shown result.
   * @param {string} testid
   * @param {(canvas: HTMLCanvasElement, scale: number, data: NonNullable<typeof shown>) => void} draw
   */
  function chartJob(testid, draw) {
    const canvas = el(testid);
    return {
      visible: () => isOnScreen(canvas),
      run() {
        if (!shown) return;
        const scale = fitCanvas(canvas);
        if (!scale) return;
        try {
          draw(canvas, scale, shown);
        } catch (error) {
          ctx.onDrawError(error);
        }
      },
    };
  }
  const distribution = (/** @type {string} */ metric, /** @type {string} */ title, /** @type {string} */ unit, integer = false) =>
    (/** @type {HTMLCanvasElement} */ canvas, /** @type {number} */ scale, /** @type {any} */ { result, labels, steps }) =>
      wasm.drawDistribution(canvas, {
        title: `${title} after ${steps} steps`,
        unit,
        labels,
        relu: result.relu[metric],
        other: result.other[metric],
        integer,
        ...look(),
        scale,
      });
  const threshold = /** @type {any} */ (ctx.schema).deadThreshold;
  const deadUnit = threshold === undefined ? "dead neurons" : `dead neurons (|f′| ≤ ${threshold} on every training input)`;
  const repeatJobs = [
    chartJob("repeat-dead", distribution("dead", "Dead neurons", deadUnit, true)),
    chartJob("repeat-accuracy", distribution("testAccuracy", "Test accuracy", "share of test points right")),
    chartJob("repeat-diverged", distribution("diverged", "Diverged", "0 = finished, 1 = diverged", true)),
    chartJob("repeat-difference", (canvas, scale, { result, labels, steps }) => {
      const summary = summarize(result, { steps, labels, pairedInterval: wasm.pairedInterval });
      wasm.drawIntervals(canvas, {
        title: `${labels[0]} − ${labels[1]}: mean, 95% interval`,
        unit: "dead neurons",
        rows: [{ label: `dead neurons after ${steps} steps (${summary.dead.n} pairs)`, mean: summary.dead.mean, low: summary.dead.low, high: summary.dead.high }],
        claimedSign: 1,
        ...look(),
        scale,
      });
    }),
  ];

  runButton.addEventListener("click", start);
  cancelButton.addEventListener("click", cancel);
  runButton.disabled = false;

  const gradients = mountGradients(ctx, { runner, el, look, labelsOf });
  window.addEventListener("resize", () => {
    if (shown) for (const job of repeatJobs) frameQueue.request(job);
    gradients.redraw();
  });
  root.hidden = false;
}

/**
 * Whether an element is in (or near) the viewport.
 * @param {Element} element
 */
function isOnScreen(element) {
  const rect = element.getBoundingClientRect();
  return rect.bottom > -200 && rect.top < innerHeight + 200;
}
