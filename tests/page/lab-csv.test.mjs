// The lab's CSV upload (lab.html, "Your CSV file…") in headless Chromium: a 2-feature file
// trains and gets its decision boundary over its own range; a 5-feature file trains and shows
// the metrics with the boundary hidden and a note; a bad file shows its line and leaves the page
// as it was; the URL never carries the file, and a built-in dataset comes back from the menu.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, canvasStats, frames, openPage, suite, waitForSearch } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

async function openLab() {
  const opened = await openPage(env.browser, env.origin, "lab.html", { waitForCharts: false });
  await opened.page.waitForFunction(
    () => document.querySelector('[data-testid="lab"]')?.dataset.ready === "true" || document.querySelector('[data-testid="fatal"]'),
    null,
    { timeout: 15_000 },
  );
  assert.equal(await opened.page.getByTestId("fatal").count(), 0, "the lab started");
  return opened;
}

/** A deterministic stream in [0, 1) (a 32-bit LCG), so every run uploads the same file. */
function uniform(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `rows` rows of `features` numbers around one centre per class (spread 0.4), the label text last. */
function clusters({ features, classes, rows, seed, header }) {
  const next = uniform(seed);
  const centre = classes.map((_, c) => Array.from({ length: features }, (_, f) => 3 + 2 * c + ((f * 7 + c) % 3)));
  const lines = header ? [[...Array.from({ length: features }, (_, f) => `x${f}`), "kind"].join(",")] : [];
  for (let i = 0; i < rows; i += 1) {
    const c = i % classes.length;
    const values = centre[c].map((m) => (m + 0.8 * (next() - 0.5)).toFixed(4));
    lines.push([...values, classes[c]].join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

const upload = (page, name, text) =>
  page.getByTestId("lab-csv").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

/** Waits until a new lab on the uploaded file has rendered (the status names the file). */
async function loaded(page, name) {
  await page.waitForFunction(
    (file) =>
      document.querySelector('[data-testid="lab-csv-status"]')?.textContent?.startsWith(`${file}:`) &&
      document.querySelector('[data-testid="lab-step-count"]').textContent === "0" &&
      document.querySelector('[data-testid="lab"]').dataset.rendering === "false",
    name,
    { timeout: 20_000 },
  );
}

/** Trains until step `steps`, pauses, and waits for the paused render. */
async function trainTo(page, steps) {
  await page.getByTestId("lab-start").click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="lab-step-count"]').textContent) >= n, steps, { timeout: 60_000 });
  await page.getByTestId("lab-start").click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="lab-status"]').textContent === "Paused" && document.querySelector('[data-testid="lab"]').dataset.rendering === "false",
    null,
    { timeout: 20_000 },
  );
  await frames(page);
}

const percent = async (page, testid) => {
  const text = await page.getByTestId(testid).textContent();
  const match = text.match(/^(\d+(?:\.\d+)?)%/);
  assert.ok(match, `${testid} shows a percentage: ${text}`);
  return Number(match[1]);
};

test("a 2-feature CSV trains, with the decision boundary over the file's own range", async () => {
  const { page, context, problems } = await openLab();
  const input = page.getByTestId("lab-csv");
  await input.focus();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "lab-csv", "the file input takes the keyboard focus");
  const before = await canvasStats(page, "boundary-relu");

  // Centres at (3..7, 4..8): far outside the toy sets' [-2, 2]², so a fixed range would show no points.
  await upload(page, "two.csv", clusters({ features: 2, classes: ["left", "right"], rows: 300, seed: 7, header: true }));
  await loaded(page, "two.csv");
  const status = await page.getByTestId("lab-csv-status").textContent();
  assert.equal(status, "two.csv: 300 rows (240 to train, 60 to test), 2 features, 2 classes (left, right). The numbers are used as they are, not rescaled.");
  assert.match(await page.locator("#lab-csv-help").textContent(), /a link cannot carry it, and opens the built-in dataset\. At most 60,000 rows, 1,024 features, 100 classes and 64 MiB\.$/);
  assert.equal(await page.getByTestId("lab-boundary-note").isVisible(), false);
  assert.equal(await page.getByTestId("lab-dataset").inputValue(), "csv", "the menu shows the file");
  assert.equal(await page.getByTestId("lab-noise").isDisabled(), true, "noise shapes the built-in sets only");

  await trainTo(page, 300);
  for (const net of ["relu", "other"]) {
    assert.equal(await page.getByTestId(`boundary-${net}`).isVisible(), true);
    const stats = await canvasStats(page, `boundary-${net}`);
    const [width, height] = await page.getByTestId(`boundary-${net}`).evaluate((c) => [c.width, c.height]);
    assert.ok(stats.ink > 0.2 * width * height, `${net}: two class regions and the points (${stats.ink} of ${width * height} pixels)`);
    assert.notEqual(stats.hash, before.hash, `${net}: a new picture`);
    assert.ok((await percent(page, `test-accuracy-${net}`)) >= 90, `${net} separates two distant clusters`);
  }
  assert.doesNotMatch(await page.evaluate(() => location.search), /csv|two/, "the URL never names the file");
  await assertClean(page, problems);
  await context.close();
});

test("a 5-feature CSV trains with the metrics only, then the menu brings a built-in dataset back", async () => {
  const { page, context, problems } = await openLab();
  await upload(page, "five.csv", clusters({ features: 5, classes: ["1", "2", "3"], rows: 150, seed: 3, header: false }));
  await loaded(page, "five.csv");
  const status = await page.getByTestId("lab-csv-status").textContent();
  assert.match(status, /150 rows \(120 to train, 30 to test\), 5 features, 3 classes \(1, 2, 3\)/);
  assert.equal(
    await page.getByTestId("lab-boundary-note").textContent(),
    "No decision-boundary picture: it needs exactly 2 features, and five.csv has 5. Loss, accuracy and the neuron statistics use all 5.",
  );
  for (const net of ["relu", "other"]) assert.equal(await page.getByTestId(`boundary-${net}`).isVisible(), false, `${net}: no boundary`);

  await trainTo(page, 200);
  for (const net of ["relu", "other"]) {
    assert.ok((await percent(page, `test-accuracy-${net}`)) >= 80, `${net} separates three distant clusters in 5-D`);
    assert.match(await page.getByTestId(`train-loss-${net}`).textContent(), /^\d/, `${net}: train loss shown`);
  }

  // "Repeat over seeds" runs on the file too.
  await page.getByTestId("repeat-seeds").fill("2");
  await page.getByTestId("repeat-steps").fill("50");
  const repeated = page.evaluate(
    () =>
      new Promise((resolve) =>
        document.getElementById("experiments").addEventListener(
          "actviz:repeat-done",
          (e) => resolve({ features: e.detail.config.data?.features, seeds: e.detail.result.seeds.length }),
          { once: true },
        ),
      ),
  );
  await page.getByTestId("repeat-run").click();
  assert.deepEqual(await repeated, { features: 5, seeds: 2 });

  await page.getByTestId("lab-dataset").selectOption("circles");
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-csv-status"]').hidden && document.querySelector('[data-testid="lab"]').dataset.rendering === "false");
  await frames(page);
  assert.equal(await page.getByTestId("boundary-relu").isVisible(), true, "the built-in set has its boundary again");
  assert.equal(await page.getByTestId("lab-boundary-note").isVisible(), false);
  assert.match(await waitForSearch(page, () => location.search.includes("dataset=circles")), /dataset=circles/);
  assert.equal(await page.getByTestId("lab-noise").isDisabled(), false);
  await assertClean(page, problems);
  await context.close();
});

test("a bad CSV shows its line and leaves the lab as it was", async () => {
  const { page, context, problems } = await openLab();
  await upload(page, "good.csv", clusters({ features: 2, classes: ["a", "b"], rows: 60, seed: 1, header: true }));
  await loaded(page, "good.csv");

  for (const [name, text, message] of [
    ["short.csv", "x,y,label\n1,2,0\n3,4\n", "short.csv: line 3: expected 3 fields (like the header), got 2"],
    ["word.csv", "1,2,0\n3,abc,1\n", 'word.csv: line 2, column 2: "abc" is not a number'],
    ["one.csv", "1,2,0\n3,4,0\n5,6,0\n", 'one.csv: every row has the label "0": the last column must hold at least 2 classes'],
    ["empty.csv", "", "empty.csv: the file is empty: expected rows of numbers, the last column the label"],
  ]) {
    await upload(page, name, text);
    const error = page.getByTestId("lab-csv-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(), message);
    assert.match(await page.getByTestId("lab-csv-status").textContent(), /^good\.csv:/, "the good file stays in use");
  }

  // Still usable: a step trains the good file's lab.
  await page.getByTestId("lab-step").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-step-count"]').textContent === "1" && document.querySelector('[data-testid="lab"]').dataset.rendering === "false");
  // A good file afterwards takes the error away.
  await upload(page, "again.csv", clusters({ features: 2, classes: ["a", "b"], rows: 60, seed: 2, header: false }));
  await loaded(page, "again.csv");
  assert.equal(await page.getByTestId("lab-csv-error").isVisible(), false);
  await page.getByTestId("lab-csv-clear").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-csv-status"]').hidden);
  assert.notEqual(await page.getByTestId("lab-dataset").inputValue(), "csv", "back to the built-in dataset");
  await assertClean(page, problems);
  await context.close();
});
