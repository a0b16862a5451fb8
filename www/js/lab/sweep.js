//! The born-dead sweep (Lu, Shin, Su, Karniadakis 2019): for ReLU and for the other network's
//! activation, the share of random deep narrow networks that are constant before training.
//! Runs in the lab's worker, one (activation, width) pair per request, so the table fills in as
//! it goes and the page stays responsive; then fills the table and draws the chart with
//! `drawSweep` in the networks' theme colours.

import { fitCanvas } from "../runtime/canvas.js";
import { formatInteger, formatPercent, messageOf, parseNumber } from "./state.js";

/** Widths of the paper's figure. */
export const SWEEP_WIDTHS = Object.freeze([2, 3, 4, 5, 10]);
const SEED = 1;

/**
 * @param {object} options
 * @param {any} options.wasm the actviz module (`drawSweep`, `theme`)
 * @param {(request: object) => Promise<any[]>} options.runSweep `bornDeadSweep` in the worker
 * @param {{ maxDepth: number, maxTrials: number }} options.limits the sweep's limits (`labSchema().sweep`)
 * @param {HTMLElement} options.root the sweep card
 * @param {() => { id: string, params: object, label: string }} options.getOther the other
 *   network's activation, its parameters and its label
 * @param {() => string} options.getTheme "light" or "dark"
 * @param {(error: unknown) => void} options.onDrawError a drawing failed
 */
export function createSweep({ wasm, runSweep, limits, root, getOther, getTheme, onDrawError }) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`[data-testid="${id}"]`));
  const button = /** @type {HTMLButtonElement} */ ($("sweep-run"));
  const table = /** @type {HTMLTableElement} */ ($("sweep-table"));
  const canvas = /** @type {HTMLCanvasElement} */ ($("sweep-plot"));
  const placeholder = /** @type {HTMLElement} */ (root.querySelector(".sweep-placeholder"));
  const time = $("sweep-time");
  const error = $("sweep-error");
  const depthBox = /** @type {HTMLInputElement} */ ($("sweep-depth"));
  const trialsBox = /** @type {HTMLInputElement} */ ($("sweep-trials"));
  depthBox.max = String(limits.maxDepth);
  trialsBox.max = String(limits.maxTrials);
  let result = null;
  let running = false;

  button.disabled = false;
  button.addEventListener("click", run);
  new ResizeObserver(() => draw()).observe(canvas.parentElement);

  /**
   * The whole number in `box`, from 1 to `max`; marks the box and throws otherwise.
   * @param {HTMLInputElement} box
   * @param {string} name names the box in the error
   * @param {number} max
   */
  function readCount(box, name, max) {
    const value = parseNumber(box.value);
    if (value === undefined || !Number.isInteger(value) || value < 1 || value > max) {
      box.setAttribute("aria-invalid", "true");
      throw new Error(`${name} must be a whole number from 1 to ${max}, got "${box.value}"`);
    }
    box.removeAttribute("aria-invalid");
    return value;
  }

  function run() {
    if (running) return;
    let depth;
    let trials;
    try {
      depth = readCount(depthBox, "depth", limits.maxDepth);
      trials = readCount(trialsBox, "networks per width", limits.maxTrials);
      error.hidden = true;
    } catch (e) {
      error.textContent = messageOf(e);
      error.hidden = false;
      return;
    }
    const other = getOther();
    // One request per activation, all widths at once: wasm checks the whole request against its
    // work cap before it starts, so a sweep too large is refused at once, not after some widths.
    const jobs = [
      { key: "relu", label: "ReLU", activation: "relu", params: {} },
      { key: "other", label: other.label, activation: other.id, params: other.params },
    ];
    /** @type {Record<string, any[]>} */
    const points = { relu: [], other: [] };
    running = true;
    button.disabled = true;
    button.textContent = "Running…";
    time.textContent = `0 of ${jobs.length} activations`;
    let computeMs = 0;

    const next = async (/** @type {number} */ index) => {
      if (index === jobs.length) {
        finish();
        return;
      }
      const series = jobs[index];
      const start = performance.now();
      try {
        points[series.key] = await runSweep({
          activation: series.activation,
          params: series.params,
          widths: [...SWEEP_WIDTHS],
          depth,
          trials,
          seed: SEED,
        });
      } catch (e) {
        fail(e);
        return;
      }
      computeMs += performance.now() - start;
      time.textContent = `${index + 1} of ${jobs.length} activations`;
      next(index + 1);
    };

    const finish = () => {
      result = { points, depth, trials, labels: { relu: "ReLU", other: other.label } };
      running = false;
      button.disabled = false;
      button.textContent = "Run again";
      const networks = formatInteger(jobs.length * SWEEP_WIDTHS.length * trials);
      time.textContent = `${networks} networks in ${Math.round(computeMs)} ms`;
      time.dataset.ms = String(Math.round(computeMs));
      fillTable();
      draw();
    };

    const fail = (e) => {
      running = false;
      button.disabled = false;
      button.textContent = "Run the sweep";
      time.textContent = "";
      error.textContent = `The sweep failed: ${messageOf(e)}`;
      error.hidden = false;
    };

    next(0);
  }

  function fillTable() {
    const { points, labels, depth } = result;
    $("sweep-head-relu").textContent = labels.relu;
    $("sweep-head-other").textContent = labels.other;
    const body = document.createElement("tbody");
    SWEEP_WIDTHS.forEach((width, i) => {
      const row = document.createElement("tr");
      row.dataset.width = String(width);
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = String(width);
      row.append(th);
      for (const key of ["relu", "other"]) {
        const point = points[key][i];
        const td = document.createElement("td");
        td.dataset.series = key;
        td.dataset.fraction = String(point.fraction);
        const value = document.createElement("strong");
        value.textContent = formatPercent(point.fraction);
        const detail = document.createElement("span");
        detail.className = "sweep-count";
        detail.textContent = `${point.bornDead} / ${point.trials}`;
        td.append(value, detail);
        row.append(td);
      }
      body.append(row);
    });
    table.tBodies[0].replaceWith(body);
    table.querySelector("caption").textContent = `Share of depth-${depth} networks born dead, by width`;
  }

  /** Draws the chart of the last result (also on theme change and resize). */
  function draw() {
    if (!result) return;
    canvas.hidden = false;
    placeholder.hidden = true;
    canvas.parentElement.classList.add("has-chart");
    const scale = fitCanvas(canvas);
    if (!scale) return;
    const { points, labels } = result;
    const colors = wasm.theme()[getTheme()];
    try {
      wasm.drawSweep(
        canvas,
        [
          { label: labels.relu, color: colors.relu, points: points.relu },
          { label: labels.other, color: colors.other, points: points.other },
        ],
        getTheme(),
        scale,
      );
    } catch (e) {
      onDrawError(e);
      return;
    }
    canvas.setAttribute("aria-label", `Born-dead fraction against width for ${labels.relu} and ${labels.other}`);
  }

  return { draw };
}
