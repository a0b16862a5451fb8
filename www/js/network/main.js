/**
 * @file Entry point of the network page (network.html): the article's 256→128→64→10 network on
 * 16×16 Fashion-MNIST, beside a ReLU twin. The worker (worker.js) loads the images, trains and
 * sends a report per epoch; this page only draws (draw.js). Settings live in the URL (state.js);
 * any change but the number of epochs builds both networks again at epoch 0.
 */

import { createActivationControls } from "../controls.js";
import { pageUrl, startPage } from "../runtime/boot.js";
import { LAB } from "../runtime/wasm-lab.js";
import { currentTheme, watchEnvironment } from "../runtime/env.js";
import { createUrlSync } from "../runtime/url.js";
import { hideNotice, initNotice, showNotice } from "../notice.js";
import { curveLabel, messageOf } from "../state.js";
import { setText } from "../lab/neurons.js";
import { formatInteger } from "../lab/state.js";
import { startNetworkWorker } from "./client.js";
import { createDrawing } from "./draw.js";
import { createNetworkSettings } from "./settings.js";
import { networkConfig, networkEnv, parseNetworkState, serializeNetworkState } from "./state.js";

const $ = (/** @type {string} */ testid) => /** @type {HTMLElement} */ (document.querySelector(`[data-testid="${testid}"]`));

initNotice();
startPage({ title: "The network page could not start.", module: LAB, run });

/**
 * A test accuracy as the page shows it: "83.4%", "—" before any.
 * @param {number | null | undefined} fraction
 */
const accuracyText = (fraction) => (typeof fraction === "number" && Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : "—");

/**
 * @param {typeof import("../../pkg/actviz_lab.js")} wasm
 * @param {WebAssembly.Module} module
 */
async function run(wasm, module) {
  const root = $("network");
  const catalogue = wasm.activations();
  const env = networkEnv(wasm.labSchema(), catalogue, (id, params) => wasm.describe(id, params));
  const restored = parseNetworkState(location.search, env);
  let state = restored.state;
  if (restored.ignored.length) showNotice("Some settings in this link were not valid; these are used instead:", restored.ignored);
  const otherName = () => curveLabel(catalogue.find((a) => a.id === state.fn), state.params);
  const status = $("net-status");
  const startButton = /** @type {HTMLButtonElement} */ ($("net-start"));
  const resetButton = /** @type {HTMLButtonElement} */ ($("net-reset"));
  const downloads = /** @type {HTMLButtonElement[]} */ ([$("net-download-relu"), $("net-download-other")]);
  const view = /** @type {HTMLSelectElement} */ ($("net-view"));
  const drawError = (/** @type {unknown} */ e) => showNotice("Could not draw:", [messageOf(e)], { error: true, key: "draw" });

  let progress = { generation: 0, epoch: 0, stepCount: 0, stepsPerEpoch: 0, finished: false, running: false };
  const worker = await startNetworkWorker(module, pageUrl("js/network/worker.js"), pageUrl("assets/fashion-mnist-16.bin.gz"), {
    onProgress(p) {
      if (p.generation !== progress.generation) return;
      progress = p;
      updateRunState();
    },
    onEpoch(report) {
      if (report.generation !== progress.generation) return;
      progress = { ...report, running: progress.running };
      showReport(report);
      updateRunState();
    },
    onStopped(event) {
      if (event.generation !== progress.generation) return;
      progress.running = false;
      if (event.reason === "error") showNotice("Training stopped with an error:", [event.error ?? ""], { error: true });
      updateRunState();
    },
  });
  const { info } = worker;
  setText($("net-data-size"), `${formatInteger(info.train)} training and ${formatInteger(info.test)} test images of ${info.width}×${info.height} pixels, ${info.classNames.length} classes.`);
  $("net-classes").replaceChildren(...info.classNames.map((name) => Object.assign(document.createElement("li"), { textContent: name })));
  const drawing = createDrawing({ wasm, info, $, getTheme: currentTheme, getView: () => /** @type {"relu" | "other"} */ (view.value), otherName, onError: drawError });

  /** @param {import("./client.js").EpochReport} report */
  function showReport(report) {
    setText($("net-test-accuracy-relu"), accuracyText(report.stats.relu.testAccuracy));
    setText($("net-test-accuracy-other"), accuracyText(report.stats.other.testAccuracy));
    for (const side of /** @type {const} */ (["relu", "other"])) {
      const net = report.stats[side];
      setText($(`net-dead-${side}`), `${net.dead} of ${net.neurons} hidden neurons dead, ${net.inactive} inactive`);
    }
    drawing.show(report);
  }

  function updateRunState() {
    const { running, epoch, finished, stepCount, stepsPerEpoch } = progress;
    const done = epoch >= state.epochs;
    startButton.classList.toggle("is-running", running);
    setText(/** @type {HTMLElement} */ (startButton.querySelector(".start-text")), running ? "Pause" : "Start");
    startButton.disabled = finished || (done && !running);
    const into = stepsPerEpoch ? Math.floor(((stepCount - epoch * stepsPerEpoch) / stepsPerEpoch) * 100) : 0;
    setText($("net-epoch"), `${epoch} of ${state.epochs}${running && into > 0 ? ` · next ${into}%` : ""}`);
    let text;
    if (finished) text = "Both networks diverged";
    else if (running) text = `Training epoch ${epoch + 1}`;
    else if (done) text = "Done";
    else text = epoch > 0 || stepCount > 0 ? "Paused" : "Ready";
    setText(status, text);
  }

  /** The network's names, its `class Net` (live with the settings) and the loaders of the lab built. */
  async function showCode() {
    const names = { relu: "ReLU", other: otherName() };
    setText($("net-other-name"), names.other);
    setText($("net-other-heading"), names.other);
    setText($("net-download-other-name"), names.other);
    /** @type {HTMLOptionElement} */ (view.options[0]).text = names.other;
    const spec = { features: info.features, hiddenWidths: state.widths, classes: info.classNames.length, activation: state.fn, params: state.params };
    setText($("net-code"), wasm.pytorchNet(spec));
    setText($("net-loader"), await worker.loader("other", fileName("other")));
    setText($("net-loader-relu"), await worker.loader("relu", fileName("relu")));
  }

  /** @param {"relu" | "other"} side */
  const fileName = (side) => `fashion16_${side === "relu" ? "relu" : state.fn}.safetensors`;

  let building = Promise.resolve();
  function rebuild() {
    building = building.then(async () => {
      let report;
      try {
        report = await worker.create(networkConfig(state, env));
      } catch (e) {
        showNotice("These settings cannot be used, so the previous networks are kept:", [messageOf(e)], { key: "config" });
        return;
      }
      hideNotice("config");
      progress = { ...report, running: false };
      drawing.reset(state.widths);
      showReport(report);
      await showCode();
      updateRunState();
    });
    return building;
  }

  const url = createUrlSync(() => serializeNetworkState(state, env));
  /** @param {Record<string, any>} partial */
  function change(partial) {
    state = { ...state, ...partial };
    settings.set(state);
    url.schedule();
    if (Object.keys(partial).every((key) => key === "epochs")) updateRunState();
    else rebuild().catch(drawError);
  }
  const settings = createNetworkSettings({ root: /** @type {HTMLElement} */ (document.querySelector(".panel-activation")), env, onChange: change });
  const activation = createActivationControls({
    catalogue,
    validate: env.validate,
    root: /** @type {HTMLElement} */ (document.querySelector(".panel-activation")),
    onChange: (/** @type {{ id: string, params: object }} */ curve) => change({ fn: curve.id, params: curve.params }),
  });

  startButton.addEventListener("click", () => {
    if (progress.running) {
      progress.running = false;
      worker.pause().catch(drawError);
    } else {
      progress.running = true;
      worker.start(state.epochs).catch((e) => showNotice("Training stopped with an error:", [messageOf(e)], { error: true }));
    }
    updateRunState();
  });
  resetButton.addEventListener("click", () => rebuild().catch(drawError));
  view.addEventListener("change", () => drawing.redraw());
  downloads.forEach((button, i) => {
    const side = i === 0 ? "relu" : "other";
    button.addEventListener("click", async () => {
      try {
        const bytes = await worker.exportWeights(side);
        const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(new Blob([bytes])), download: fileName(side) });
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      } catch (e) {
        showNotice("Could not export the weights:", [messageOf(e)], { error: true, key: "export" });
      }
    });
  });

  activation.set({ id: state.fn, params: state.params });
  settings.set(state);
  await rebuild();
  settings.enable(true);
  resetButton.disabled = false;
  for (const button of downloads) button.disabled = false;
  if (location.search) url.schedule();
  watchEnvironment(() => drawing.redraw());
  root.dataset.ready = "true";
}
