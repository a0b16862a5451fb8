/**
 * @file The lab's gradient-per-layer chart: ||dL/dW_l|| for every hidden layer of both networks,
 * at initialisation (a fresh lab of the current settings, in the experiment worker) and at the
 * current weights (asked of the lab's own worker, every second while the chart is on screen,
 * and on "Now"). Drawn on the main thread with `drawGradientNorms`, through the frame queue.
 */

import { fitCanvas } from "../runtime/canvas.js";
import { frameQueue } from "../runtime/frames.js";

/** How often the chart asks the lab for its current norms while on screen. */
export const GRADIENT_POLL_MS = 1000;

/**
 * @param {{ getConfig: () => object, getLab: () => any, onDrawError: (error: unknown) => void, wasm: any }} ctx
 * @param {{ runner: ReturnType<typeof import("../experiments/client.js").startExperimentWorker>,
 *   el: (testid: string) => any, look: () => { theme: "light" | "dark" }, labelsOf: (config: any) => [string, string] }} parts
 * @returns {{ redraw(): void }}
 */
export function mountGradients(ctx, { runner, el, look, labelsOf }) {
  const canvas = /** @type {HTMLCanvasElement} */ (el("gradient-norms"));
  const button = el("gradient-update");
  /** @type {{ key: string, labels: [string, string], norms: { relu: Float64Array, other: Float64Array } | null }} */
  let init = { key: "", labels: ["ReLU", ""], norms: null };
  /** @type {{ relu: Float64Array, other: Float64Array } | null} */
  let now = null;
  /** @type {{ cancel(): void } | null} */
  let initRun = null;
  let asking = false;

  /** Recomputes the norms at initialisation when the settings changed. */
  function refreshInit() {
    const config = ctx.getConfig();
    const key = JSON.stringify(config);
    if (key === init.key) return;
    initRun?.cancel();
    init = { key, labels: labelsOf(config), norms: null };
    now = null;
    const run = runner.run({ kind: "gradientNorms", config });
    initRun = run;
    run.done.then(
      (norms) => {
        if (init.key !== key) return;
        init.norms = norms;
        initRun = null;
        frameQueue.request(job);
      },
      (error) => {
        if (error?.name !== "AbortError" && init.key === key) ctx.onDrawError(error);
      },
    );
  }

  /** Asks the lab's worker for the norms at its current weights. */
  async function refreshNow() {
    refreshInit();
    const lab = ctx.getLab();
    if (asking || typeof lab?.gradientNorms !== "function") return;
    asking = true;
    try {
      now = await lab.gradientNorms();
      frameQueue.request(job);
    } catch {
      // No lab yet, or one being replaced: the next poll asks again.
    } finally {
      asking = false;
    }
  }

  const job = {
    visible: () => onScreen(),
    run() {
      const scale = fitCanvas(canvas);
      if (!scale) return;
      const [relu, other] = init.labels;
      /** @type {any[]} */
      const series = [];
      if (init.norms) {
        series.push({ label: `${relu} at init`, values: init.norms.relu, style: "relu", dashed: true });
        series.push({ label: `${other} at init`, values: init.norms.other, style: "other", dashed: true });
      }
      if (now) {
        series.push({ label: `${relu} now`, values: now.relu, style: "relu" });
        series.push({ label: `${other} now`, values: now.other, style: "other" });
      }
      try {
        ctx.wasm.drawGradientNorms(canvas, { title: "‖dL/dW‖ per hidden layer (log scale)", series, ...look(), scale });
        canvas.dataset.series = String(series.length);
      } catch (error) {
        ctx.onDrawError(error);
      }
    },
  };

  function onScreen() {
    const rect = canvas.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < innerHeight && document.visibilityState === "visible";
  }

  button.addEventListener("click", () => void refreshNow());
  button.disabled = false;
  setInterval(() => {
    if (onScreen()) void refreshNow();
  }, GRADIENT_POLL_MS);
  refreshInit();
  frameQueue.request(job);
  return { redraw: () => frameQueue.request(job) };
}
