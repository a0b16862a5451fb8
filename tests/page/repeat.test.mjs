// The lab's experiments panel in headless Chromium: "Repeat over seeds" shows progress, ends
// with exactly the arrays repeatLab gives for the same config in the page's wasm, draws its
// charts, and can be cancelled with the page still usable; the gradient-per-layer chart draws.
// Screenshots at desktop and phone sizes.

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { SCREENSHOTS, assertClean, canvasStats, openPage, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(() => env?.close());

async function openLab(query = "", options = {}) {
  const opened = await openPage(env.browser, env.origin, `lab.html${query}`, { ...options, waitForCharts: false });
  await opened.page.waitForFunction(() => document.querySelector('[data-testid="lab"]')?.dataset.ready === "true", null, {
    timeout: 20_000,
  });
  await opened.page.getByTestId("repeat-run").waitFor({ state: "visible" });
  return opened;
}

/** Starts a repeat of `seeds` × `steps`; resolves with the panel's `actviz:repeat-done` detail. */
async function repeat(page, seeds, steps) {
  await page.getByTestId("repeat-seeds").fill(String(seeds));
  await page.getByTestId("repeat-steps").fill(String(steps));
  await page.evaluate(() => {
    window.__repeatDone = new Promise((resolve) =>
      document.getElementById("experiments").addEventListener("actviz:repeat-done", (e) => resolve(e.detail), { once: true }),
    );
  });
  await page.getByTestId("repeat-run").click();
}

test("repeat over 5 seeds shows progress and ends with repeatLab's arrays", async () => {
  const { page, context, problems } = await openLab("?preset=high_lr");
  await repeat(page, 5, 200);
  assert.equal(await page.getByTestId("repeat-progress").isVisible(), true, "a progress bar while running");
  assert.equal(await page.getByTestId("repeat-cancel").isVisible(), true, "a Cancel button while running");
  const same = await page.evaluate(async () => {
    const detail = await window.__repeatDone;
    const wasm = await import(new URL("pkg/actviz_lab.js", document.baseURI).href);
    await wasm.default({ module_or_path: new URL("pkg/actviz_lab_bg.wasm", document.baseURI) });
    const direct = wasm.repeatLab(detail.config, detail.options);
    const equal = (a, b) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
    const keys = Object.keys(direct.relu);
    return {
      seeds: Array.from(detail.result.seeds),
      keys,
      mismatched: [
        ...(equal(direct.seeds, detail.result.seeds) ? [] : ["seeds"]),
        ...["relu", "other"].flatMap((side) => keys.filter((k) => !equal(direct[side][k], detail.result[side][k])).map((k) => `${side}.${k}`)),
      ],
      options: detail.options,
    };
  });
  assert.equal(same.seeds.length, 5);
  assert.deepEqual(same.options, { seeds: 5, steps: 200, varyData: false });
  assert.ok(same.keys.includes("dead") && same.keys.includes("testAccuracy"), `metrics: ${same.keys}`);
  assert.deepEqual(same.mismatched, [], "every array equals repeatLab's for the same config");
  assert.match(await page.getByTestId("repeat-status").textContent(), /^5 seeds done/);
  assert.equal(await page.getByTestId("repeat-progress").isVisible(), false);
  const sentence = await page.getByTestId("repeat-sentence").textContent();
  assert.match(sentence, /^Over 5 seeds at 200 steps/);
  assert.match(sentence, /Diverged: ReLU \d of 5/);
  await page.waitForFunction(() => document.querySelector('[data-testid="repeat-difference"]').width > 0);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (const id of ["repeat-dead", "repeat-accuracy", "repeat-diverged", "repeat-difference"]) {
    await page.waitForFunction((t) => {
      const c = document.querySelector(`[data-testid="${t}"]`);
      return c.width > 0 && c.height > 0;
    }, id);
    const stats = await canvasStats(page, id);
    assert.ok(stats.ink > 1000, `${id} is drawn (${stats.ink} inked pixels)`);
  }
  await assertClean(page, problems);
  await context.close();
});

test("cancel stops a repeat and the page stays usable", async () => {
  const { page, context, problems } = await openLab("?preset=high_lr");
  await repeat(page, 300, 300);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="repeat-progress"]').value) >= 1, null, { timeout: 30_000 });
  assert.equal(await page.getByTestId("repeat-error").isVisible(), false, "no error");
  await page.getByTestId("repeat-cancel").click();
  await page.waitForFunction(() => /^cancelled after \d+ of 300 seeds/.test(document.querySelector('[data-testid="repeat-status"]').textContent));
  assert.equal(await page.getByTestId("repeat-run").isEnabled(), true);
  assert.equal(await page.getByTestId("repeat-cancel").isVisible(), false);
  // The lab still trains, and a new repeat runs in a fresh worker.
  const before = Number(await page.getByTestId("lab-step-count").textContent());
  await page.getByTestId("lab-step").click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="lab-step-count"]').textContent) > n, before);
  await repeat(page, 2, 50);
  const done = await page.evaluate(() => window.__repeatDone.then((d) => d.result.seeds.length));
  assert.equal(done, 2);
  await assertClean(page, problems);
  await context.close();
});

test("a bad seed count is refused with a message naming the limits", async () => {
  const { page, context, problems } = await openLab();
  await page.getByTestId("repeat-seeds").fill("0");
  await page.getByTestId("repeat-run").click();
  assert.match(await page.getByTestId("repeat-error").textContent(), /Seeds must be a whole number from 1 to 1000/);
  assert.equal(await page.getByTestId("repeat-progress").isVisible(), false);
  await assertClean(page, problems);
  await context.close();
});

test("the gradient-per-layer chart draws both networks at init and now", async () => {
  const { page, context, problems } = await openLab("?preset=high_lr");
  await page.getByTestId("gradient-norms").scrollIntoViewIfNeeded();
  await page.getByTestId("gradient-update").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="gradient-norms"]').dataset.series === "4", null, { timeout: 20_000 });
  const stats = await canvasStats(page, "gradient-norms");
  assert.ok(stats.ink > 1000, `drawn (${stats.ink} inked pixels)`);
  await assertClean(page, problems);
  await context.close();
});

test("screenshots of the panel at desktop and phone sizes", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    const { page, context, problems } = await openLab("?preset=high_lr", { viewport });
    await repeat(page, 8, 300);
    await page.evaluate(() => window.__repeatDone);
    await page.getByTestId("gradient-update").click();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    await page.locator("#experiments").screenshot({ path: path.join(SCREENSHOTS, `repeat-${name}.png`) });
    await assertClean(page, problems);
    await context.close();
  }
});
