/**
 * @file One claim's card: the claim, its protocol, a Run / Cancel button, progress, and once a
 * `ClaimResult` arrives, the verdict badge, the sentences stating the effect, a table per group
 * and the charts (charts.js). Its state is on the element: `data-verdict` is "pending" (not run,
 * queued, cancelled or failed), "running", or the result's verdict; the dying card also has
 * `data-verdict-gradient`.
 */

import { createClaimCharts } from "./charts.js";
import {
  CLAIMS,
  CLAIM_SHORT,
  GRADIENT_SHORT,
  displayEffect,
  effectSentence,
  formatNumber,
  gradientSentence,
  median,
  metricInfo,
  protocolSteps,
  scoreCounts,
  shareText,
  verdictLabel,
  verdictSentence,
} from "./text.js";

/**
 * @typedef {object} CardOptions
 * @property {import("./text.js").ClaimId} id
 * @property {any} protocol `claimProtocol(id)`
 * @property {typeof import("../../pkg/actviz_lab.js")} wasm its draw exports
 * @property {(id: string) => void} onRun the Run button, when idle
 * @property {(id: string) => void} onCancel the same button, when queued or running
 * @property {(error: unknown) => void} onDrawError
 * @property {(text: string) => void} [onAnnounce] a sentence for the page's polite live region:
 *   the verdict when a run finishes, or why there is none (progress is not announced: it would
 *   flood a screen reader)
 */

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes] `text` sets textContent, the rest are attributes
 * @param {...Node} children
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/**
 * Builds the card inside `root` (the `<article data-claim>` of claims.html).
 * @param {HTMLElement} root
 * @param {CardOptions} options
 */
export function createClaimCard(root, { id, protocol, wasm, onRun, onCancel, onDrawError, onAnnounce = () => {} }) {
  const claim = CLAIMS[id];
  const badge = el("span", { class: "verdict-badge", "data-testid": "claim-verdict", "data-verdict": "pending", text: verdictLabel("pending") });
  const button = el("button", { type: "button", class: "button button-primary", "data-testid": "claim-run", text: "Run" });
  const progress = /** @type {HTMLProgressElement} */ (el("progress", { class: "claim-progress", "data-testid": "claim-progress", max: "1", value: "0", "aria-label": `Progress of the ${id} experiment` }));
  const status = el("span", { class: "claim-status", "data-testid": "claim-status", text: notRunText(id) });
  const sentence = el("p", { class: "claim-sentence", "data-testid": "claim-sentence" });
  const effect = el("p", { class: "claim-effect", "data-testid": "claim-effect" });
  const gradientBadge = el("span", { class: "verdict-badge", "data-testid": "claim-verdict-gradient", "data-verdict": "pending", text: verdictLabel("pending") });
  const gradientText = el("p", { class: "claim-effect", "data-testid": "claim-gradient-sentence" });
  const table = el("table", { class: "claim-groups", "data-testid": "claim-groups" });
  const result = el("div", { class: "claim-result", hidden: "" });
  const charts = createClaimCharts({ id, wasm, onDrawError });

  root.replaceChildren(
    el("header", { class: "claim-head" }, el("h2", { id: `claim-${id}-title`, class: "claim-title", text: claim.title }), badge),
    el("blockquote", { class: "claim-tutorial" }, el("p", { text: claim.tutorial }), el("footer", { text: "— the tutorial claim" })),
    el("p", { class: "claim-ours" }, el("strong", { text: "What we test: " }), document.createTextNode(claim.ours)),
    el(
      "details",
      { class: "claim-protocol", open: "" },
      el("summary", { text: "Protocol" }),
      el("ol", {}, ...protocolSteps(id, protocol).map((step) => el("li", { text: step }))),
    ),
    el("div", { class: "claim-run-row" }, button, progress, status),
    result,
  );
  result.append(
    sentence,
    effect,
    ...(id === "dying" ? [el("div", { class: "claim-gradient" }, el("span", { class: "claim-gradient-label", text: "Gradient flow" }), gradientBadge), gradientText] : []),
    el("div", { class: "table-scroll" }, table),
    charts.root,
  );

  /** @type {"idle" | "queued" | "running"} */
  let state = "idle";
  button.addEventListener("click", () => (state === "idle" ? onRun(id) : onCancel(id)));

  /** @param {string} verdict */
  function setVerdict(verdict) {
    root.dataset.verdict = verdict;
    badge.dataset.verdict = verdict;
    badge.textContent = verdictLabel(verdict);
  }

  /** @param {string} verdict */
  function setGradientVerdict(verdict) {
    if (id !== "dying") return;
    root.dataset.verdictGradient = verdict;
    gradientBadge.dataset.verdict = verdict;
    gradientBadge.textContent = verdictLabel(verdict);
  }

  /** @param {"idle" | "queued" | "running"} next */
  function setState(next) {
    state = next;
    root.dataset.state = next;
    button.textContent = next === "idle" ? "Run" : "Cancel";
    button.classList.toggle("button-primary", next === "idle");
  }

  /**
   * Shows `r` (partial while running): sentences, table and charts.
   * @param {any} r a ClaimResult
   */
  function show(r) {
    result.hidden = false;
    const final = r.verdict !== "pending";
    sentence.textContent = final ? verdictSentence(r.verdict, CLAIM_SHORT[id]) : `Partial result, ${r.done} of ${r.total} runs: the verdict comes when all are done.`;
    effect.textContent = effectSentence(r.effect) + extraSentence(id, r);
    if (r.gradient) {
      gradientText.textContent = `${gradientSentence(r.gradient.interval)} ${r.gradient.verdict !== "pending" ? verdictSentence(r.gradient.verdict, GRADIENT_SHORT) : ""}`.trim();
    }
    fillTable(table, id, r);
    charts.show(r);
  }

  setState("idle");
  return {
    id,
    get state() {
      return state;
    },
    /** Waiting for another card's run. */
    queued() {
      setState("queued");
      status.textContent = "Queued: starts when the run before it ends.";
    },
    /** Its run started in the worker. */
    running() {
      setState("running");
      setVerdict("running");
      setGradientVerdict("running");
      progress.value = 0;
      status.textContent = "Starting…";
    },
    /**
     * @param {any} partial a ClaimResult
     * @param {number} done
     * @param {number} total
     */
    progress(partial, done, total) {
      progress.value = total > 0 ? done / total : 0;
      status.textContent = `${done} of ${total} runs`;
      show(partial);
    },
    /**
     * The run ended with `r`; `seconds` it took.
     * @param {any} r
     * @param {number} seconds
     */
    finished(r, seconds) {
      setState("idle");
      progress.value = 1;
      status.textContent = `${r.total} runs in ${formatNumber(seconds)} s.`;
      setVerdict(r.verdict);
      if (r.gradient) setGradientVerdict(r.gradient.verdict);
      button.textContent = "Run again";
      show(r);
      const gradient = r.gradient ? ` Gradient flow: ${verdictLabel(r.gradient.verdict)}.` : "";
      onAnnounce(`${claim.title}: ${verdictLabel(r.verdict)}. ${sentence.textContent}${gradient}`);
    },
    /** Cancelled, or removed from the queue: back to pending (the last partial result stays, marked so). */
    cancelled() {
      setState("idle");
      setVerdict("pending");
      setGradientVerdict("pending");
      status.textContent = "Cancelled: no verdict.";
      onAnnounce(`${claim.title}: cancelled, no verdict.`);
      if (!result.hidden) sentence.textContent = "Cancelled before every run finished: the numbers below are partial, and there is no verdict.";
    },
    /** @param {string} message why the run failed */
    failed(message) {
      setState("idle");
      setVerdict("pending");
      setGradientVerdict("pending");
      status.textContent = `The run failed: ${message}`;
      onAnnounce(`${claim.title}: the run failed: ${message}`);
    },
    /** Redraws the charts (theme or pixel ratio changed). */
    redraw() {
      charts.redraw();
    },
  };
}

/**
 * The status of a card never run: the noise claim warns of its length (measured, about 150 s).
 * @param {string} id
 */
function notRunText(id) {
  return id === "noise" ? "Not run yet. This card takes about 2–3 minutes." : "Not run yet.";
}

/**
 * A sentence after the effect, read from the per-seed data.
 * @param {string} id
 * @param {any} r
 */
function extraSentence(id, r) {
  if (id !== "oscillation") return "";
  const all = r.groups.flatMap((/** @type {any} */ g) => {
    const scores = [];
    const relu = g.relu;
    const other = g.other;
    for (let i = 0; i < relu.oscillation.length; i += 1) {
      const level = (/** @type {any} */ side) => (side.diverged[i] > 0 ? Infinity : side.oscillation[i]);
      scores.push(Math.sign(level(relu) - level(other)) || 0);
    }
    return scores;
  });
  const { relu, other, tie } = scoreCounts(all);
  return ` ReLU oscillated more in ${relu} runs, Leaky ReLU in ${other}, and ${tie} tied.`;
}

/**
 * One row per group: the first metric's median for each network, diverged runs, the paired
 * difference's interval and the group's verdict.
 * @param {HTMLElement} table
 * @param {string} id
 * @param {any} r
 */
function fillTable(table, id, r) {
  const metric = r.groups[0]?.metrics[0] ?? "";
  const info = metricInfo(metric);
  const lower = info.label.charAt(0).toLowerCase() + info.label.slice(1);
  const scale = info.percent ? 100 : 1;
  const head = el(
    "tr",
    {},
    el("th", { scope: "col", text: id === "dying" ? "Run" : id === "oscillation" ? "Learning rate" : "Label noise" }),
    el("th", { scope: "col", text: `ReLU: median ${lower}` }),
    el("th", { scope: "col", text: `Leaky ReLU: median ${lower}` }),
    el("th", { scope: "col", text: "Diverged (ReLU / Leaky)" }),
    el("th", { scope: "col", text: "Paired difference, 95% interval" }),
    el("th", { scope: "col", text: "Verdict" }),
  );
  const rows = r.groups.map((/** @type {any} */ g) => {
    const shown = displayEffect({ ...g.interval, unit: r.effect.unit });
    const interval = g.interval.n > 1 ? `${formatNumber(shown.mean, { sign: true })} [${formatNumber(shown.low, { sign: true })}, ${formatNumber(shown.high, { sign: true })}]` : "n/a";
    return el(
      "tr",
      { "data-group": String(g.key) },
      el("th", { scope: "row", text: id === "dying" ? g.label : String(g.key) }),
      el("td", { text: formatNumber(median(g.relu[metric]) * scale) }),
      el("td", { text: formatNumber(median(g.other[metric]) * scale) }),
      el("td", { text: `${shareText(g.relu.diverged ?? [])} / ${shareText(g.other.diverged ?? [])}` }),
      el("td", { text: `${interval} (n = ${g.interval.n})` }),
      el("td", {}, el("span", { class: "verdict-badge verdict-small", "data-verdict": g.verdict, text: verdictLabel(g.verdict) })),
    );
  });
  table.replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
}
