// The network page (network.html): the article's 256→128→64→10 network on 16×16 Fashion-MNIST
// trains in its worker beside a ReLU twin; two epochs pass without a long main-thread task, the
// epoch counter and both test accuracies show (above chance), the downloaded weights are a valid
// safetensors file with the article's tensor names and shapes, and a setting survives the URL.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { activations, describe as describeActivation, initSync, labSchema } from "../../www/pkg/actviz_lab.js";
import { DEFAULTS, networkConfig, networkEnv, parseNetworkState, serializeNetworkState } from "../../www/js/network/state.js";
import { SCREENSHOTS, assertClean, openPage, suite, waitForSearch } from "./harness.mjs";
import { longestCpu, rendererTasks } from "./trace.mjs";

/** Most main-thread CPU one task may take, or (on a slow machine) its share of all the page's work. */
const TASK_LIMIT_MS = 50;
const TASK_SHARE = 0.06;
/** Ten classes: a network that learned nothing is right one time in ten. */
const CHANCE = 0.1;

// The settings' limits are wasm's own (labSchema()), from the built module.
initSync({ module: readFileSync(new URL("../../www/pkg/actviz_lab_bg.wasm", import.meta.url)) });
const networkSettings = networkEnv(labSchema(), activations(), (id, params) => describeActivation(id, params));

describe("the page's URL state (plain node)", () => {
  test("the defaults are the article's network and write no query", () => {
    const { state, ignored } = parseNetworkState("", networkSettings);
    assert.deepEqual(ignored, []);
    assert.deepEqual(state.widths, [128, 64]);
    assert.equal(serializeNetworkState(state, networkSettings), "");
    const config = networkConfig(state, networkSettings);
    assert.deepEqual(config.hiddenWidths, [128, 64]);
    assert.equal(config.activation, "leaky_relu");
    assert.deepEqual(config.params, { negative_slope: 0.01 });
    assert.equal(config.init, "pytorch_default");
    assert.equal(config.batchSize, DEFAULTS.batch);
    assert.ok(!("momentum" in config), "no momentum for Adam");
    assert.ok(!("epochs" in config), "epochs are the page's, not the Lab's");
  });

  test("every setting round-trips, and the limits are the schema's", () => {
    const query = "?widths=32,16,8&optimizer=sgd&momentum=0.5&lr=0.05&batch=200&seed=9&epochs=3&fn=elu&alpha=0.5";
    const { state, ignored } = parseNetworkState(query, networkSettings);
    assert.deepEqual(ignored, []);
    const again = parseNetworkState(serializeNetworkState(state, networkSettings), networkSettings).state;
    assert.deepEqual(again, state);
    assert.equal(networkConfig(state, networkSettings).momentum, 0.5);
    const widest = networkSettings.width.max;
    const { state: wide, ignored: refused } = parseNetworkState(`?widths=${widest + 1}&batch=0&epochs=1.5`, networkSettings);
    assert.deepEqual(wide.widths, [128, 64]);
    assert.equal(refused.length, 3, refused.join("; "));
    assert.ok(refused[0].includes(`between 1 and ${widest}`), refused[0]);
    const many = Array(networkSettings.layers.max + 1).fill(8).join(",");
    assert.match(parseNetworkState(`?widths=${many}`, networkSettings).ignored[0], /1 to \d+ widths/);
  });
});

let env;
before(async () => {
  env = await suite();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(() => env?.close());

/** Opens the page with `query` and waits until its networks are built (epoch 0 drawn). */
async function open(query = "", options = {}) {
  const opened = await openPage(env.browser, env.origin, `network.html${query}`, { ...options, waitForCharts: false });
  await opened.page.waitForFunction(() => document.querySelector('[data-testid="network"]')?.dataset.ready === "true", null, { timeout: 120_000 });
  return opened;
}

const text = (page, testid) => page.getByTestId(testid).textContent();
/** The epoch the counter shows (its text starts with the integer). */
const epochOf = async (page) => Number.parseInt(await text(page, "net-epoch"), 10);
/** A test accuracy as a fraction, from text that starts with a percentage ("83.4%"). */
async function accuracyOf(page, side) {
  const shown = await text(page, `net-test-accuracy-${side}`);
  const match = /^(\d+(?:\.\d+)?)%/.exec(shown);
  assert.ok(match, `net-test-accuracy-${side} starts with a percentage: ${JSON.stringify(shown)}`);
  return Number(match[1]) / 100;
}

/** Parses a safetensors file: 8-byte little-endian header length, then the JSON header. */
function parseSafetensors(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = Number(view.getBigUint64(0, true));
  assert.ok(length > 0 && 8 + length <= bytes.length, `header length ${length} fits the file of ${bytes.length} bytes`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
  return { header, dataLength: bytes.length - 8 - length };
}

test("two epochs train in the worker with no long task; epoch and accuracies show, above chance", async (t) => {
  const { page, context, problems } = await open("?epochs=2");
  assert.equal(await epochOf(page), 0);
  const before = { relu: await text(page, "net-test-accuracy-relu"), other: await text(page, "net-test-accuracy-other") };
  assert.match(before.relu, /^\d+(\.\d+)?%/, "the untrained networks' accuracy shows at epoch 0");
  await env.browser.startTracing(page, { categories: ["toplevel"] });
  await page.getByTestId("net-start").click();
  await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-testid="net-epoch"]').textContent, 10) >= 2, null, { timeout: 300_000 });
  // The last report's pictures are drawn over the next frames.
  await page.waitForFunction(() => document.querySelector('[data-testid="net-status"]').textContent.startsWith("Done"), null, { timeout: 30_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const tasks = rendererTasks(await env.browser.stopTracing());
  const longest = longestCpu(tasks);
  const total = tasks.reduce((sum, [, cpu]) => sum + cpu, 0);
  t.diagnostic(`longest task ${longest.toFixed(1)} ms of CPU over ${tasks.length} tasks, ${total.toFixed(0)} ms in all`);
  assert.ok(tasks.length > 20, `the trace has the page's tasks (${tasks.length})`);
  assert.ok(longest < TASK_LIMIT_MS || longest < TASK_SHARE * total, `no task over ${TASK_LIMIT_MS} ms of CPU (longest ${longest.toFixed(1)} ms)`);

  assert.equal(await epochOf(page), 2, "it stops after the epochs asked for");
  for (const side of ["relu", "other"]) {
    const accuracy = await accuracyOf(page, side);
    assert.ok(accuracy > CHANCE + 0.2 && accuracy <= 1, `${side} learned: ${accuracy}`);
  }
  const dead = await text(page, "net-dead-relu");
  assert.match(dead, /^\d+ of 192 hidden neurons dead/, `dead neurons counted over both hidden layers: ${dead}`);
  const cells = await page.locator('[data-testid="net-layers-other"] .neuron').count();
  assert.equal(cells, 192, "128 + 64 neuron cells");
  await assertClean(page, problems);
  await context.close();
});

test("the downloaded weights are a safetensors file with the article's names and shapes", async () => {
  const { page, context, problems, requests } = await open();
  const wasm = requests.filter((url) => url.endsWith(".wasm")).map((url) => new URL(url).pathname);
  assert.deepEqual(wasm, ["/pkg/actviz_lab_bg.wasm"], "the full module, once, for the page and its worker");
  const assets = requests.filter((url) => url.includes("/assets/")).map((url) => new URL(url).pathname);
  assert.deepEqual(assets, ["/assets/fashion-mnist-16.bin.gz"], "the images, once (by the worker)");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("net-download-other").click()]);
  assert.match(download.suggestedFilename(), /\.safetensors$/);
  const bytes = new Uint8Array(await readFile(await download.path()));
  const { header, dataLength } = parseSafetensors(bytes);
  const shapes = { "fc1.weight": [128, 256], "fc1.bias": [128], "fc2.weight": [64, 128], "fc2.bias": [64], "fc3.weight": [10, 64], "fc3.bias": [10] };
  let total = 0;
  for (const [name, shape] of Object.entries(shapes)) {
    const tensor = header[name];
    assert.ok(tensor, `${name} is in the file: ${Object.keys(header)}`);
    assert.equal(tensor.dtype, "F32", name);
    assert.deepEqual(tensor.shape, shape, name);
    const [start, end] = tensor.data_offsets;
    assert.equal(end - start, shape.reduce((a, b) => a * b) * 4, `${name}'s bytes`);
    total += end - start;
  }
  assert.equal(dataLength, total, "the data holds exactly the six tensors");
  // Untrained (epoch 0), every weight and bias is PyTorch's nn.Linear draw: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
  const dataStart = bytes.length - dataLength;
  for (const [name, shape] of Object.entries(shapes)) {
    const [start, end] = header[name].data_offsets;
    const values = new Float32Array(bytes.slice(dataStart + start, dataStart + end).buffer);
    const fanIn = name.endsWith(".weight") ? shape[1] : shapes[name.replace("bias", "weight")][1];
    const bound = 1 / Math.sqrt(fanIn);
    assert.ok(values.every((v) => Number.isFinite(v) && Math.abs(v) <= bound), `${name} within ±${bound}`);
    assert.ok(Math.max(...values) - Math.min(...values) > bound, `${name} is spread over its range, not constant`);
  }
  const loader = await page.getByTestId("net-loader").textContent();
  assert.ok(loader.includes(download.suggestedFilename()), "the loader opens the file the button saves");
  assert.match(loader, /load_state_dict\(load_file\(/);
  assert.match(await page.getByTestId("net-code").textContent(), /nn\.Linear\(256, 128\)[\s\S]*nn\.Linear\(128, 64\)[\s\S]*nn\.Linear\(64, 10\)/);
  assert.ok(header.__metadata__ && Object.values(header.__metadata__).some((v) => String(v).includes("leaky")), "metadata names the activation");
  await assertClean(page, problems);
  await context.close();
});

test("settings round-trip through the URL", async () => {
  const { page, context, problems } = await open("?widths=64,32&lr=0.003&fn=elu&alpha=0.5");
  assert.equal(await page.getByTestId("net-widths").inputValue(), "64, 32");
  assert.equal(await page.getByTestId("net-lr").inputValue(), "0.003");
  assert.equal(await page.getByTestId("activation-select").inputValue(), "elu");
  assert.equal(await page.locator('[data-testid="net-layers-relu"] .neuron').count(), 96, "the grids follow the widths");
  await page.getByTestId("net-batch").fill("128");
  await page.getByTestId("net-batch").dispatchEvent("change");
  const search = await waitForSearch(page, () => location.search.includes("batch=128"));
  for (const part of ["widths=64,32", "lr=0.003", "fn=elu", "alpha=0.5", "batch=128"]) assert.ok(search.includes(part), `${part} in ${search}`);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="network"]')?.dataset.ready === "true", null, { timeout: 120_000 });
  assert.equal(await page.getByTestId("net-batch").inputValue(), "128");
  assert.equal(await page.getByTestId("net-widths").inputValue(), "64, 32");
  await assertClean(page, problems);
  await context.close();
  // An invalid value is reported and replaced by the default.
  const bad = await open("?widths=64,9999&batch=0");
  assert.equal(await bad.page.getByTestId("net-widths").inputValue(), "128, 64");
  const notice = await bad.page.getByTestId("notice").textContent();
  assert.ok(notice.includes("widths=64,9999") && notice.includes("batch=0"), notice);
  await bad.context.close();
});

for (const [width, height] of [[1280, 800], [390, 844]]) {
  test(`screenshot after one epoch at ${width}×${height}`, async () => {
    const { page, context, problems } = await open("?epochs=1", { viewport: { width, height } });
    await page.getByTestId("net-start").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="net-status"]').textContent.startsWith("Done"), null, { timeout: 300_000 });
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    const file = path.join(SCREENSHOTS, `network-${width}x${height}.png`);
    await page.screenshot({ path: file });
    await page.screenshot({ path: file.replace(".png", "-full.png"), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow} px too wide)`);
    await assertClean(page, problems);
    await context.close();
  });
}
