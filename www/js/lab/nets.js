//! The two network cards, ReLU and the other activation: the big dead count, losses and
//! accuracies, the "diverged at step N" banner, the decision-boundary canvas and the layer rows.
//! Text only (textContent): nothing here is parsed as HTML.

import { createLayers, setText } from "./neurons.js";
import { formatPercent, formatStat } from "./state.js";

/**
 * What a network calls a neuron whose pre-activation is ≤ 0 on every input: "dead" where the
 * activation's gradient is exactly 0 below zero (the catalogue's `flatBelowZero`), else "inactive".
 * @param {{ flatBelowZero?: boolean } | undefined} info the activation's catalogue entry
 */
export function offWord(info) {
  return info?.flatBelowZero ? "dead" : "inactive";
}

/**
 * Builds one network card inside `root` (a `section.net[data-net]`).
 * @param {HTMLElement} root
 * @param {() => { id: string, name: string, info: any }} getIdentity the activation id, its
 *   label and its catalogue entry
 */
export function createNetCard(root, getIdentity) {
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
      return { name: label, word: offWord(info) };
    },
  });

  root.replaceChildren(head, sub, diverged, body, layersRoot);

  /** Resets the card for a new lab: its architecture and name. */
  function reset(widths) {
    // A new lab has not diverged; its statistics follow in a few frames.
    diverged.hidden = true;
    root.classList.remove("is-diverged");
    const { name: label } = getIdentity();
    name.textContent = label;
    canvas.setAttribute("aria-label", `Decision boundary of the ${label} network, with the training points`);
    layers.build(widths);
  }

  /** Shows one `NetworkStats` snapshot: the card's head now, the layer rows with `showLayer`. */
  function showHead(stats) {
    const word = offWord(getIdentity().info);
    setText(countValue, String(stats.dead));
    setText(countRest, ` / ${stats.neurons} ${word}`);
    count.classList.toggle("has-dead", stats.dead > 0);
    const revived = stats.revived ? ` · ${stats.revived} revived so far` : "";
    setText(sub, `${formatPercent(stats.deadFraction)} of hidden neurons ${word}${revived}`);
    setText(cells.trainLoss, formatStat(stats.trainLoss));
    setText(cells.testLoss, formatStat(stats.testLoss));
    setText(cells.trainAccuracy, formatPercent(stats.trainAccuracy));
    setText(cells.testAccuracy, formatPercent(stats.testAccuracy));
    if (stats.divergedAt !== null && stats.divergedAt !== undefined) {
      setText(diverged, `Diverged at step ${stats.divergedAt}: its loss is no longer a finite number, so this network stopped training.`);
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
