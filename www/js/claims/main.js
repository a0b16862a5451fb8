/**
 * @file The claims page (claims.html): one card per claim, each run as a `ClaimRun` in the
 * experiment worker (its own worker per run). Runs go in two lanes so the page uses both cores
 * without crowding them: the long noise claim runs on its own, dying and oscillation take turns
 * in the other lane. A card's button cancels its run (or removes it from its lane's queue).
 */

import { startExperimentWorker } from "../experiments/client.js";
import { initNotice, showNotice } from "../notice.js";
import { errorText, pageUrl, startPage } from "../runtime/boot.js";
import { LAB } from "../runtime/wasm-lab.js";
import { watchEnvironment } from "../runtime/env.js";
import { createClaimCard } from "./card.js";
import { CLAIM_IDS } from "./text.js";

const $ = (/** @type {string} */ testid) => /** @type {HTMLElement} */ (document.querySelector(`[data-testid="${testid}"]`));

initNotice();
startPage({ title: "The claims page could not start.", module: LAB, run });

/**
 * @param {typeof import("../../pkg/actviz_lab.js")} wasm
 * @param {WebAssembly.Module} module
 */
function run(wasm, module) {
  const runner = startExperimentWorker(module, pageUrl("js/experiments/worker.js"));
  const onDrawError = (/** @type {unknown} */ e) => showNotice("Could not draw the charts:", [errorText(e)], { error: true, key: "draw" });
  /** @type {Record<string, ReturnType<typeof createClaimCard>>} */
  const cards = {};
  /** @type {Record<string, { cancel(): void } | undefined>} the run of each card under way */
  const runs = {};
  /** Waiting card ids per lane, and the id running in it. */
  const lanes = { slow: { queue: /** @type {string[]} */ ([]), busy: "" }, fast: { queue: /** @type {string[]} */ ([]), busy: "" } };
  const laneOf = (/** @type {string} */ id) => (id === "noise" ? lanes.slow : lanes.fast);
  const allStatus = $("claims-status");
  const runAll = /** @type {HTMLButtonElement} */ ($("claims-run-all"));
  const announcer = $("claims-announce");
  /** Says a card's outcome in the page's polite live region (one sentence at a time). */
  const onAnnounce = (/** @type {string} */ text) => {
    announcer.textContent = text;
  };

  function updateAll() {
    const active = CLAIM_IDS.filter((id) => cards[id].state !== "idle").length;
    allStatus.textContent = active ? `${active} of ${CLAIM_IDS.length} claims running or queued.` : "Ready. The noise claim takes about 2–3 minutes; the other two well under a minute.";
    runAll.textContent = active ? "Cancel all" : "Run all";
  }

  /** Starts the next queued card of `lane` if it is free. */
  function pump(/** @type {typeof lanes.fast} */ lane) {
    if (lane.busy || !lane.queue.length) return;
    const id = /** @type {import("./text.js").ClaimId} */ (lane.queue.shift());
    lane.busy = id;
    const card = cards[id];
    card.running();
    const started = performance.now();
    const current = runner.run({ kind: "claim", id }, (partial, done, total) => {
      if (runs[id] === current) card.progress(partial, done, total);
    });
    runs[id] = current;
    const finish = () => {
      runs[id] = undefined;
      lane.busy = "";
      pump(lane);
      updateAll();
    };
    current.done.then(
      (result) => {
        if (runs[id] !== current) return;
        card.finished(result, (performance.now() - started) / 1000);
        finish();
      },
      (error) => {
        if (runs[id] !== current) return;
        if (error?.name === "AbortError") card.cancelled();
        else card.failed(errorText(error));
        finish();
      },
    );
  }

  function start(/** @type {string} */ id) {
    if (cards[id].state !== "idle") return;
    const lane = laneOf(id);
    lane.queue.push(id);
    cards[id].queued();
    pump(lane);
    updateAll();
  }

  function cancel(/** @type {string} */ id) {
    const lane = laneOf(id);
    const waiting = lane.queue.indexOf(id);
    if (waiting >= 0) {
      lane.queue.splice(waiting, 1);
      cards[id].cancelled();
      updateAll();
      return;
    }
    runs[id]?.cancel();
  }

  for (const id of CLAIM_IDS) {
    const root = /** @type {HTMLElement} */ (document.querySelector(`[data-claim="${id}"]`));
    cards[id] = createClaimCard(root, { id, protocol: wasm.claimProtocol(id), wasm, onRun: start, onCancel: cancel, onDrawError, onAnnounce });
  }
  $("claims-rule").textContent =
    "For each seed both networks start from the same weights and see the same batches; we take the difference between them (ReLU − Leaky ReLU unless the card says otherwise), and compute the mean and its 95% confidence interval (Student t) over the seeds. The verdict depends only on where that interval lies:";
  $("claims-why").textContent = "Nothing here is precomputed: every number, chart and verdict appears once your browser has run the experiment.";
  runAll.addEventListener("click", () => {
    const active = CLAIM_IDS.some((id) => cards[id].state !== "idle");
    // Noise first: its lane is free, so it starts at once beside the first fast claim.
    for (const id of ["noise", "dying", "oscillation"]) (active ? cancel : start)(id);
  });
  runAll.disabled = false;
  watchEnvironment(() => {
    for (const id of CLAIM_IDS) cards[id].redraw();
  });
  updateAll();
}
