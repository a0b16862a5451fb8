//! The two network cards, ReLU and the other activation: the big dead count, losses and
//! accuracies, the "diverged at step N" banner, the decision-boundary canvas and the layer rows.
//! Text only (textContent): nothing here is parsed as HTML.

import { createLayers, setText } from "./neurons.js";
import { formatPercent, formatStat } from "./state.js";

/**
 * Builds one network card inside `root` (a `section.net[data-net]`).
 * @param {HTMLElement} root
 * @param {() => { id: string, name: string, info: any }} getIdentity the activation id, its
 *   label and its catalogue entry
 * @param {() => ({ lr: number, optimizer: string, batch: number } | null)} [getRun] the run's
 *   optimizer settings, named in a divergence message
 */
export function createNetCard(root, getIdentity, getRun = () => null) {
  /** The largest |pre-activation| of the last statistics before a divergence. */
  let lastPre = 0;
  const net = root.dataset.net;
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const head = el("div", "net-head");
  const title = el("h2", "net-title");
  title.id = `net-${net}-title`;
  const chip = el("span", `chip chip-${net}`);
  const name = el("span", "net-name");
  name.dataset.testid = `net-name-${net}`;
  title.append(chip, name);
  const count = el("p", "net-count");
  count.dataset.testid = `dead-count-${net}`;
  const countValue = el("span", "count-value", "0");
  const countRest = el("span", "count-rest");
  count.append(countValue, countRest);
  head.append(title, count);

  const inactiveLine = el("p", "net-inactive");
  inactiveLine.dataset.testid = `inactive-count-${net}`;
  const deadLayer = el("p", "net-dead-layer");
  deadLayer.dataset.testid = `dead-layer-${net}`;
  deadLayer.hidden = true;

  const sub = el("p", "net-sub");
  sub.dataset.testid = `net-sub-${net}`;

  const diverged = el("p", "net-diverged");
  diverged.dataset.testid = `diverged-${net}`;
  diverged.setAttribute("role", "status");
  diverged.hidden = true;

  const body = el("div", "net-body");
  const frame = el("div", "boundary-frame");
  const canvas = el("canvas", "boundary-canvas");
  canvas.dataset.testid = `boundary-${net}`;
  canvas.setAttribute("role", "img");
  frame.append(canvas);

  const metrics = el("table", "net-metrics");
  const caption = el("caption", "visually-hidden", "Loss and accuracy");
  const headRow = el("tr");
  headRow.append(el("td"), el("th", "", "train"), el("th", "", "test"));
  headRow.children[1].scope = "col";
  headRow.children[2].scope = "col";
  const thead = el("thead");
  thead.append(headRow);
  const tbody = el("tbody");
  const cells = {};
  for (const [key, label] of [
    ["Loss", "Loss"],
    ["Accuracy", "Accuracy"],
  ]) {
    const row = el("tr");
    const th = el("th", "", label);
    th.scope = "row";
    cells[`train${key}`] = el("td", "", "—");
    cells[`test${key}`] = el("td", "", "—");
    cells[`train${key}`].dataset.testid = `train-${key.toLowerCase()}-${net}`;
    cells[`test${key}`].dataset.testid = `test-${key.toLowerCase()}-${net}`;
    row.append(th, cells[`train${key}`], cells[`test${key}`]);
    tbody.append(row);
  }
  metrics.append(caption, thead, tbody);
  body.append(frame, metrics);

  const layersRoot = el("div", "net-layers");
  layersRoot.dataset.testid = `layers-${net}`;
  const layers = createLayers(layersRoot, {
    net,
    describe: () => {
      const { info, name: label } = getIdentity();
      void info;
      return { name: label, word: "dead" };
    },
  });

  root.replaceChildren(head, inactiveLine, sub, deadLayer, diverged, body, layersRoot);

  /** Resets the card for a new lab: its architecture and name. */
  function reset(widths) {
    // A new lab has not diverged; its statistics follow in a few frames.
    diverged.hidden = true;
    lastPre = 0;
    root.classList.remove("is-diverged");
    const { name: label } = getIdentity();
    name.textContent = label;
    canvas.setAttribute("aria-label", `Decision boundary of the ${label} network, with the training points`);
    layers.build(widths);
  }

  /** Shows one `NetworkStats` snapshot: the card's head now, the layer rows with `showLayer`. */
  function showHead(stats, history) {
    // Dead: |f'(z)| <= deadThreshold on every training input. Inactive: z <= 0 on every input.
    const inactive = stats.inactive ?? stats.dead;
    setText(countValue, String(stats.dead));
    setText(countRest, ` / ${stats.neurons} dead`);
    count.classList.toggle("has-dead", stats.dead > 0);
    setText(inactiveLine, `${inactive} inactive`);
    const revived = stats.revived ? ` · ${stats.revived} revived so far` : "";
    setText(sub, `${formatPercent(stats.deadFraction)} of hidden neurons dead${revived}`);
    const cut = stats.deadLayer ?? null;
    deadLayer.hidden = cut === null;
    if (cut !== null) setText(deadLayer, `Layer ${cut + 1} is entirely dead: the output is constant, and no gradient reaches the layers below it.`);
    root.classList.toggle("has-dead-layer", cut !== null);
    setText(cells.trainLoss, formatStat(stats.trainLoss));
    setText(cells.testLoss, formatStat(stats.testLoss));
    setText(cells.trainAccuracy, formatPercent(stats.trainAccuracy));
    setText(cells.testAccuracy, formatPercent(stats.testAccuracy));
    const pre = Math.max(0, ...stats.layers.map((l) => l.maxAbsPreActivation ?? 0).filter(Number.isFinite));
    if (stats.divergedAt === null || stats.divergedAt === undefined) lastPre = pre;
    if (stats.divergedAt !== null && stats.divergedAt !== undefined) {
      setText(diverged, divergenceMessage(stats.divergedAt, getRun(), lastPre, history?.steps, history?.[net]?.trainLoss));
      diverged.hidden = false;
    } else {
      diverged.hidden = true;
    }
    root.classList.toggle("is-diverged", !diverged.hidden);
    layers.setStats(stats);
  }

  /** Shows one `NetworkStats` snapshot whole. */
  function update(stats) {
    showHead(stats);
    layers.update(stats);
  }

  return { canvas, reset, update, showHead, showLayer: layers.showRow };
}

/**
 * Why a network diverged, from the run itself: its optimizer and learning rate, the step its
 * training loss first jumped (to more than 10 × its lowest so far, or not finite), and how large
 * its pre-activations had grown; and how to avoid it.
 * @param {number} at the step the loss stopped being finite
 * @param {{ lr: number, optimizer: string, batch: number } | null} run
 * @param {number} pre the largest |pre-activation| at the last statistics before
 * @param {Float64Array | undefined} steps
 * @param {Float64Array | undefined} loss the training loss history
 */
export function divergenceMessage(at, run, pre, steps, loss) {
  const parts = [`Diverged at step ${at}: its loss is no longer a finite number, so this network stopped training.`];
  let jump = null;
  if (steps && loss) {
    let low = Infinity;
    for (let i = 0; i < loss.length; i += 1) {
      if (!Number.isFinite(loss[i]) || loss[i] > 10 * low) {
        jump = { step: steps[i], from: low, to: loss[i] };
        break;
      }
      low = Math.min(low, loss[i]);
    }
  }
  if (jump) {
    const to = Number.isFinite(jump.to) ? formatStat(jump.to) : "not finite";
    parts.push(`Its training loss first jumped at step ${jump.step} (from ${formatStat(jump.from)} to ${to}).`);
  }
  if (pre > 100) parts.push(`Its pre-activations had grown to ${formatStat(pre)}: they were exploding.`);
  if (run) {
    parts.push(`Likely cause: learning rate ${run.lr} is too large for ${run.optimizer === "adam" ? "Adam" : "SGD"} with batch ${run.batch}; try ${formatStat(run.lr / 10)} or a larger batch.`);
  }
  return parts.join(" ");
}
