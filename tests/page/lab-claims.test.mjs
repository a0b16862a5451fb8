// The lab's time and scale controls in headless Chromium: the speed control (slow motion trains
// only a few steps), the log-scale step and loss axes (they change the loss chart's pixels), and
// the dead-threshold text read from labSchema().

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, frames, openPage, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

async function openLab(query = "") {
  const opened = await openPage(env.browser, env.origin, `lab.html${query}`, { waitForCharts: false });
  await opened.page.waitForFunction(() => document.querySelector('[data-testid="lab"]')?.dataset.ready === "true", null, { timeout: 15_000 });
  return opened;
}
const steps = async (page) => Number(await page.getByTestId("lab-step-count").textContent());

test("speed control: 1 step per 0.25 s trains a handful of steps, max trains many", async () => {
  const { page, context, problems } = await openLab("?preset=high_lr&lr=0.3");
  await page.getByTestId("lab-speed").selectOption("slow");
  await page.getByTestId("lab-start").click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-step-count"]').textContent) >= 2, null, { timeout: 10_000 });
  await page.waitForTimeout(600);
  const slow = await steps(page);
  // 1 step per 250 ms: within ~1.5 s of slow motion a few steps, never hundreds.
  assert.ok(slow >= 2 && slow < 20, `slow motion trained ${slow} steps`);
  await page.getByTestId("lab-speed").selectOption("max");
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="lab-step-count"]').textContent) > n + 200, slow, { timeout: 15_000 });
  await page.getByTestId("lab-start").click();
  await assertClean(page, problems);
  await context.close();
});

test("log step and log loss axes redraw the loss chart", async () => {
  const { page, context, problems } = await openLab("?preset=high_lr&lr=0.3");
  await page.getByTestId("lab-start").click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-step-count"]').textContent) >= 300, null, { timeout: 20_000 });
  await page.getByTestId("lab-start").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lab"]').dataset.rendering === "false");
  const pixels = () => page.getByTestId("chart-loss").evaluate((c) => c.toDataURL());
  const linear = await pixels();
  await page.getByTestId("lab-log-steps").check();
  await frames(page, 4);
  const logSteps = await pixels();
  assert.notEqual(logSteps, linear, "log steps changes the chart");
  await page.getByTestId("lab-log-loss").check();
  await frames(page, 4);
  assert.notEqual(await pixels(), logSteps, "log loss changes the chart");
  assert.match(await page.getByTestId("dead-threshold").textContent(), /^0\.001$/);
  await assertClean(page, problems);
  await context.close();
});

test("high_lr over seeds 1..3: pauses at the experiment length with a sentence equal to the headline", async () => {
  const { page, context, problems } = await openLab("?preset=high_lr");
  for (const seed of [1, 2, 3]) {
    if (seed > 1) {
      await page.getByTestId("lab-seed").fill(String(seed));
      await page.getByTestId("lab-seed").press("Enter");
      await page.waitForFunction(() => document.querySelector('[data-testid="lab-step-count"]').textContent === "0");
    }
    await page.getByTestId("lab-start").click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="lab-outcome"]').hidden, null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="lab"]').dataset.rendering === "false");
    const sentence = await page.getByTestId("lab-outcome").textContent();
    const at = await steps(page);
    const relu = (await page.getByTestId("dead-count-relu").textContent()).match(/^(\d+) \/ (\d+) dead$/);
    const other = (await page.getByTestId("dead-count-other").textContent()).match(/^(\d+) \/ (\d+) dead$/);
    assert.ok(relu && other, "headlines are dead counts");
    assert.ok(sentence.startsWith(`After ${at} steps: ReLU ${relu[1]} of ${relu[2]} dead, Leaky ReLU`), `seed ${seed}: ${sentence}`);
    assert.match(sentence, new RegExp(`Leaky ReLU[^,]* ${other[1]}; `));
    assert.equal(other[1], "0", "Leaky ReLU 0.01 has no dead neuron (|f'| >= 0.01 everywhere)");
    assert.equal(await page.getByTestId("lab-status").textContent(), "Paused");
    // Start goes on past the experiment length.
    await page.getByTestId("lab-start").click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="lab-step-count"]').textContent) > n, at, { timeout: 10_000 });
    await page.getByTestId("lab-start").click();
    assert.equal(await page.getByTestId("lab-outcome").isHidden(), true, "the sentence is about its own step only");
    await frames(page);
  }
  await assertClean(page, problems);
  await context.close();
});
