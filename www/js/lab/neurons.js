//! One network's hidden layers as rows of neuron cells: each cell coloured by its activation rate
//! (the share of training inputs with pre-activation > 0), dead ones crossed out, revived ones
//! ringed; each row with its dead count, mean activation and, for PReLU, the learned slope and a
//! sparkline of its history. Updates touch only the cells whose picture changed.

import { formatStat } from "./state.js";

/** Activation rates are shown in steps of 1/QUANTUM (finer differences are invisible anyway). */
const QUANTUM = 10;
/** Points kept per PReLU slope sparkline; older ones are thinned out. */
const SPARK_POINTS = 120;
const SVG = "http://www.w3.org/2000/svg";

/**
 * @param {HTMLElement} root the container of the layer rows
 * @param {object} options
 * @param {string} options.net "relu" or "other" (for test ids)
 * @param {() => { name: string, word: string }} options.describe the network's label and what
 *   it calls a neuron that is off everywhere ("dead" or "inactive")
 */
export function createLayers(root, { net, describe }) {
  let rows = [];
  let word = "dead";
  let name = "";

  // A cell's tooltip is written when the pointer reaches it, not on every update: attribute
  // churn on hundreds of cells per render costs style work (see updateCells).
  root.addEventListener("pointerover", (event) => {
    const cell = /** @type {HTMLElement | null | undefined} */ (/** @type {Element} */ (event.target).closest?.(".neuron"));
    if (!cell) return;
    const row = rows.find((r) => r.grid === cell.parentElement);
    const index = row ? row.cells.indexOf(cell) : -1;
    if (index >= 0) cell.title = tooltip(row, index);
  });

  function tooltip(row, index) {
    const { last } = row;
    if (!last) return "";
    const rate = last.activationRate[index];
    const revived = last.revivedMask[index] === 1 ? ", revived" : "";
    const output = last.meanAbsOutput ? `; mean |output| ${formatStat(last.meanAbsOutput[index], 3)}` : "";
    let state;
    if (last.deadMask[index] === 1) state = `${word}: |f′(z)| ≈ 0 on every training input, so it gets no gradient`;
    else if (last.inactiveMask?.[index] === 1) state = "inactive: pre-activation ≤ 0 on every training input, but it still passes a gradient";
    else state = `active on ${Math.round(rate * 100)}% of training inputs${revived}`;
    return `Neuron ${index + 1}: ${state}${output}`;
  }

  /** Rebuilds the rows for a new architecture. */
  /**
   * Rows for layers of `widths` neurons. The same widths keep the rows (with 8 × 128 neurons,
   * building thousands of cells again is a long task): they show the old picture until the next
   * statistics, and only the PReLU slope history starts afresh.
   */
  function build(widths) {
    if (widths.length === rows.length && widths.every((width, i) => rows[i].cells.length === width)) {
      for (const row of rows) Object.assign(row, { slopes: [], last: null, next: null });
      return;
    }
    rows = widths.map((width, index) => buildRow(index, width));
    root.replaceChildren(...rows.map((r) => r.element));
  }

  function buildRow(index, width) {
    const element = document.createElement("div");
    element.className = "layer";
    const head = document.createElement("div");
    head.className = "layer-head";
    const name = document.createElement("span");
    name.className = "layer-name";
    name.textContent = `Layer ${index + 1}`;
    const dead = document.createElement("span");
    dead.className = "layer-dead";
    dead.dataset.testid = `layer-dead-${net}-${index}`;
    const mean = document.createElement("span");
    mean.className = "layer-mean";
    mean.title = "Mean activation over the training set";
    const slope = document.createElement("span");
    slope.className = "layer-slope";
    slope.dataset.testid = `prelu-slope-${net}-${index}`;
    slope.hidden = true;
    head.append(name, dead, mean, slope);

    const grid = document.createElement("div");
    grid.className = "neuron-grid";
    grid.dataset.testid = `neuron-grid-${net}-${index}`;
    grid.setAttribute("role", "img");
    const cells = [];
    for (let i = 0; i < width; i += 1) {
      const cell = document.createElement("span");
      cell.className = "neuron";
      grid.append(cell);
      cells.push(cell);
    }
    element.append(head, grid);
    return {
      element,
      dead,
      mean,
      slope,
      grid,
      cells,
      shown: new Int16Array(width).fill(-1),
      slopes: [],
      sparkline: null,
      last: null,
      next: null,
    };
  }

  /**
   * Takes a statistics snapshot (a `NetworkStats` from wasm) for `showRow`; each row shows it
   * when asked, so a render can spread the rows over frames.
   * @param {import("../../pkg/actviz_lab.js").NetworkStats} stats
   */
  function setStats(stats) {
    const described = describe();
    name = described.name;
    word = described.word;
    const cut = /** @type {any} */ (stats).deadLayer ?? null;
    stats.layers.forEach((layer, index) => {
      if (!rows[index]) return;
      rows[index].next = layer;
      // Below an entirely dead layer no gradient arrives: those layers are greyed.
      rows[index].element.classList.toggle("is-cut", cut !== null && index < cut);
    });
  }

  /** Shows the last snapshot's layer `index`: its counts, cells and PReLU slope. */
  function showRow(index) {
    const row = rows[index];
    const layer = row?.next;
    if (!layer) return;
    row.next = null;
    row.last = layer;
    const inactive = layer.inactive ?? layer.dead;
    setText(row.dead, `${layer.dead} / ${layer.neurons} ${word} · ${inactive} inactive`);
    row.dead.classList.toggle("has-dead", layer.dead > 0);
    setText(row.mean, `mean ${formatStat(layer.meanActivation, 2)}`);
    const label = `Layer ${index + 1} of the ${name} network: ${layer.dead} of ${layer.neurons} neurons ${word}`;
    if (row.grid.getAttribute("aria-label") !== label) row.grid.setAttribute("aria-label", label);
    updateCells(row, layer);
    updateSlope(row, layer.preluSlope);
  }

  /** Shows a whole snapshot at once. */
  function update(stats) {
    setStats(stats);
    rows.forEach((_, index) => showRow(index));
  }

  /** Restyles the cells whose picture changed (a class or one custom property each). */
  function updateCells(row, layer) {
    const { cells, shown } = row;
    const rates = layer.activationRate;
    for (let i = 0; i < cells.length; i += 1) {
      const deadNow = layer.deadMask[i] === 1;
      const inactiveNow = !deadNow && layer.inactiveMask?.[i] === 1;
      const revived = layer.revivedMask[i] === 1;
      // An inactive cell's faint fill is its mean |output| (leaky outputs are small), capped at 1.
      const output = inactiveNow && layer.meanAbsOutput ? Math.min(1, layer.meanAbsOutput[i]) : 0;
      const level = deadNow ? -2 : inactiveNow ? -1 : Math.round(rates[i] * QUANTUM);
      // One code per picture: level (dead, inactive) and the revived ring.
      const code = (level + 2) * 2 + (revived ? 1 : 0) + (inactiveNow ? 64 + Math.round(output * QUANTUM) * 2 : 0);
      if (shown[i] === code) continue;
      shown[i] = code;
      const cell = cells[i];
      cell.classList.toggle("is-dead", deadNow);
      cell.classList.toggle("is-inactive", inactiveNow);
      cell.classList.toggle("is-revived", revived);
      if (inactiveNow) cell.style.setProperty("--rate", String(Math.round(output * QUANTUM) / QUANTUM / 3));
      else if (!deadNow) cell.style.setProperty("--rate", String(level / QUANTUM));
    }
  }

  function updateSlope(row, value) {
    if (value === null || value === undefined) {
      row.slope.hidden = true;
      return;
    }
    row.slope.hidden = false;
    row.slopes.push(value);
    if (row.slopes.length > SPARK_POINTS) row.slopes = row.slopes.filter((_, i) => i % 2 === 0);
    if (!row.sparkline) {
      const label = document.createElement("span");
      label.className = "slope-value";
      const svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("class", "sparkline");
      svg.setAttribute("viewBox", "0 0 60 16");
      svg.setAttribute("aria-hidden", "true");
      const line = document.createElementNS(SVG, "polyline");
      svg.append(line);
      row.slope.replaceChildren(label, svg);
      row.slope.title = "PReLU's learned slope for x < 0 in this layer, and its history";
      row.sparkline = { label, line };
    }
    setText(row.sparkline.label, `slope ${formatStat(value, 3)}`);
    row.sparkline.line.setAttribute("points", sparkPoints(row.slopes));
  }

  return { build, update, setStats, showRow };
}

/** Sets an element's text only when it changes (an equal write still costs layout). */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Polyline points of `values` scaled into the 60×16 sparkline box (flat line if constant). */
export function sparkPoints(values) {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return "";
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo || 1;
  const dx = values.length > 1 ? 60 / (values.length - 1) : 0;
  return values
    .map((v, i) => (Number.isFinite(v) ? `${(i * dx).toFixed(1)},${(14 - ((v - lo) / span) * 12).toFixed(1)}` : null))
    .filter(Boolean)
    .join(" ");
}
