// Compare list: curves can be added (up to four), changed and removed, each drawn in both charts
// in its own colour, with its own legend entry and readout row.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, canvasStats, frames, openPage, suite, waitForSearch } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

/** The colour of a compare item's chip as #rrggbb. */
async function chipColor(item) {
  return item.locator(".chip").evaluate((chip) => {
    const [r, g, b] = getComputedStyle(chip).backgroundColor.match(/\d+/g).map(Number);
    return `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  });
}

test("add, change and remove compared curves; each is drawn in both charts", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=sigmoid");
  const add = page.getByTestId("compare-add");
  const items = page.getByTestId("compare-item");
  const before = await canvasStats(page, "function-plot");

  await add.click();
  await frames(page);
  assert.equal(await items.count(), 1);
  assert.equal(await items.first().getByTestId("compare-select").inputValue(), "relu", "suggests a curve not yet shown");
  const color = await chipColor(items.first());
  const f = await canvasStats(page, "function-plot", null, color);
  const df = await canvasStats(page, "derivative-plot", null, color);
  assert.ok(f.matches > 200, `the added curve is drawn in f(x) in ${color} (${f.matches} pixels)`);
  assert.ok(df.matches > 200, `and in f′(x) (${df.matches} pixels)`);
  assert.ok(f.ink > before.ink, "more ink with two curves (and a legend)");
  assert.equal((await canvasStats(page, "function-plot", null, color)).matches > 0, true);

  // Changing its activation and a parameter redraws it.
  await items.first().getByTestId("compare-select").selectOption("elu");
  await frames(page);
  const elu = await canvasStats(page, "function-plot");
  await items.first().getByTestId("compare-param-alpha").fill("2");
  await frames(page);
  assert.notEqual((await canvasStats(page, "function-plot")).hash, elu.hash);
  await waitForSearch(page, () => location.search.includes("compare=elu:alpha=2"));

  // Up to four; then the button is disabled. Each has its own colour.
  for (let i = 0; i < 3; i += 1) await add.click();
  assert.equal(await items.count(), 4);
  assert.equal(await add.isDisabled(), true);
  const colors = new Set();
  for (let i = 0; i < 4; i += 1) colors.add(await chipColor(items.nth(i)));
  assert.equal(colors.size, 4, "distinct colours");
  await frames(page);
  assert.equal(await page.getByTestId("readout-row").count(), 0, "no readout before hovering");

  // Remove the second: the others keep their colours, the button comes back, the URL follows.
  const third = await chipColor(items.nth(2));
  const removedColor = await chipColor(items.nth(1));
  await items.nth(1).getByTestId("compare-remove").click();
  await frames(page);
  assert.equal(await items.count(), 3);
  assert.equal(await add.isDisabled(), false);
  assert.equal(await chipColor(items.nth(1)), third, "colours stay with their curves");
  assert.equal((await canvasStats(page, "function-plot", null, removedColor)).matches, 0, "the removed curve is gone");
  const search = await waitForSearch(page, () => (location.search.match(/compare=([^&]*)/)?.[1].split(",").length ?? 0) === 3);
  assert.match(search, /compare=elu:alpha=2,/);

  for (let i = 0; i < 3; i += 1) await items.first().getByTestId("compare-remove").click();
  await frames(page);
  assert.equal(await items.count(), 0);
  assert.equal((await canvasStats(page, "function-plot")).hash, before.hash, "back to the single curve");
  await waitForSearch(page, () => !location.search.includes("compare"));
  await assertClean(page, problems);
  await context.close();
});

test("an invalid compare parameter is explained and not drawn", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=relu&compare=softplus");
  const item = page.getByTestId("compare-item").first();
  const before = await canvasStats(page, "function-plot");
  await item.getByTestId("compare-param-beta").fill("-1");
  await frames(page);
  assert.equal(await item.locator(".field-error").isVisible(), true);
  assert.match(await item.locator(".field-error").textContent(), /beta/);
  assert.equal((await canvasStats(page, "function-plot")).hash, before.hash);
  await assertClean(page, problems);
  await context.close();
});
