// Shareable state: a link restores everything, the URL follows every change (replaceState, no
// new history entries), and invalid values fall back to defaults with a visible notice that
// never renders URL text as HTML.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, canvasStats, chartsReady, frames, openPage, suite, waitForSearch } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

const value = (page, testid) => page.getByTestId(testid).first().inputValue();

test("a link with state restores it", async () => {
  const query = "?fn=elu&alpha=0.5&compare=relu,leaky_relu:negative_slope=0.2&xmin=-3&xmax=3&ymin=-1&ymax=2";
  const { page, context, problems } = await openPage(env.browser, env.origin, query);
  assert.equal(await page.getByTestId("notice").isHidden(), true);
  assert.equal(await value(page, "activation-select"), "elu");
  assert.equal(await value(page, "param-alpha-value"), "0.5");
  assert.equal(await value(page, "param-alpha"), "0.5");
  const items = page.getByTestId("compare-item");
  assert.equal(await items.count(), 2);
  assert.equal(await items.nth(0).getByTestId("compare-select").inputValue(), "relu");
  assert.equal(await items.nth(1).getByTestId("compare-select").inputValue(), "leaky_relu");
  assert.equal(await items.nth(1).getByTestId("compare-param-negative_slope").inputValue(), "0.2");
  assert.equal(await value(page, "xmin"), "-3");
  assert.equal(await value(page, "xmax"), "3");
  assert.equal(await page.getByTestId("y-fixed").isChecked(), true);
  assert.equal(await value(page, "ymin"), "-1");
  assert.equal(await value(page, "ymax"), "2");
  const geo = await page.getByTestId("function-plot").evaluate((c) => [c.dataset.xRange, c.dataset.yRange]);
  assert.deepEqual(geo, ["-3,3", "-1,2"], "the charts use the restored ranges");
  assert.equal(await page.evaluate(() => location.search), query, "a valid link is left as it is");
  await assertClean(page, problems);
  await context.close();
});

test("the URL follows every change and reloading it restores the page", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin);
  const historyLength = await page.evaluate(() => history.length);

  await page.getByTestId("param-negative_slope-value").fill("0.2");
  let search = await waitForSearch(page, () => location.search.includes("negative_slope=0.2"));
  assert.equal(search, "?fn=leaky_relu&negative_slope=0.2&xmin=-5&xmax=5");

  await page.getByTestId("compare-add").click();
  await page.getByTestId("compare-add").click();
  await page.getByTestId("compare-item").nth(1).getByTestId("compare-select").selectOption("elu");
  await page.getByTestId("compare-item").nth(1).getByTestId("compare-param-alpha").fill("0.5");
  search = await waitForSearch(page, () => location.search.includes("elu:alpha=0.5"));
  assert.match(search, /compare=relu,elu:alpha=0\.5/);

  await page.getByTestId("zoom-in").click();
  search = await waitForSearch(page, () => location.search.includes("xmin=-2.5"));
  assert.match(search, /xmin=-2\.5&xmax=2\.5/);
  assert.equal(await page.getByTestId("derivative-plot").getAttribute("data-x-range"), "-2.5,2.5", "both charts zoomed");
  assert.equal(await value(page, "xmin"), "-2.5");

  await page.getByTestId("y-fixed").check();
  search = await waitForSearch(page, () => location.search.includes("ymin="));
  await page.getByTestId("ymax").fill("1.5");
  await page.getByTestId("ymax").press("Enter");
  search = await waitForSearch(page, () => location.search.includes("ymax=1.5"));

  await page.getByTestId("activation-select").selectOption("softplus");
  await page.getByTestId("param-beta-value").fill("2");
  search = await waitForSearch(page, () => location.search.includes("beta=2"));
  assert.match(search, /^\?fn=softplus&beta=2&compare=relu,elu:alpha=0\.5&xmin=-2\.5&xmax=2\.5&ymin=-?[\d.]+&ymax=1\.5$/);
  assert.equal(await page.evaluate(() => history.length), historyLength, "replaceState: no history entries");

  const shot = await canvasStats(page, "function-plot");
  await page.reload();
  await chartsReady(page);
  await frames(page);
  assert.equal(await value(page, "activation-select"), "softplus");
  assert.equal(await value(page, "param-beta-value"), "2");
  assert.equal(await page.getByTestId("compare-item").count(), 2);
  assert.equal(await value(page, "ymax"), "1.5");
  assert.equal((await canvasStats(page, "function-plot")).hash, shot.hash, "the same chart after reload");
  await assertClean(page, problems);
  await context.close();
});

test("invalid values fall back to defaults with a notice naming them", async () => {
  const query = "?fn=nope&compare=relu,bogus,elu:alpha=abc&xmin=5&xmax=1&ymin=2";
  const { page, context, problems } = await openPage(env.browser, env.origin, query);
  const notice = page.getByTestId("notice");
  assert.equal(await notice.isVisible(), true);
  assert.equal(await notice.getAttribute("role"), "status");
  const text = await notice.textContent();
  for (const part of ["nope", "bogus", "alpha=abc", "xmin=5", "ymin=2"]) assert.ok(text.includes(part), `notice names ${part}: ${text}`);

  assert.equal(await value(page, "activation-select"), "leaky_relu");
  const items = page.getByTestId("compare-item");
  assert.equal(await items.count(), 2, "valid compare entries are kept");
  assert.equal(await items.nth(1).getByTestId("compare-param-alpha").inputValue(), "1");
  assert.equal(await value(page, "xmin"), "-5");
  assert.equal(await page.getByTestId("y-auto").isChecked(), true);
  const search = await waitForSearch(page, () => !location.search.includes("nope"));
  assert.equal(search, "?fn=leaky_relu&compare=relu,elu&xmin=-5&xmax=5", "the URL shows what is used");

  // The page keeps working and the notice can be dismissed.
  await page.getByTestId("notice-dismiss").click();
  assert.equal(await notice.isHidden(), true);
  await assertClean(page, problems);
  await context.close();
});

test("parameters wasm rejects together fall back with wasm's message", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=hardtanh&min_val=3&max_val=1");
  assert.match(await page.getByTestId("notice").textContent(), /min_val.*using the defaults of hardtanh/);
  assert.equal(await value(page, "param-min_val-value"), "-1");
  await assertClean(page, problems);
  await context.close();
});

test("URL text is never inserted as HTML", async () => {
  const evil = encodeURIComponent('<img src=x id=pwned onerror="window.pwned=1">');
  const { page, context, problems } = await openPage(env.browser, env.origin, `?fn=${evil}&compare=${evil}&xmin=${evil}`);
  assert.equal(await page.locator("#pwned, .notice img").count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.ok((await page.getByTestId("notice").textContent()).includes("<img"), "shown as text");
  await assertClean(page, problems);
  await context.close();
});

test("dlog=1 draws |f′| on a log axis, the toggle writes it back, and the dead zone is explained", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu&dlog=1");
  await chartsReady(page);
  assert.equal(await page.getByTestId("dlog").isChecked(), true);
  const yRange = await page.getByTestId("derivative-plot").evaluate((c) => c.dataset.yRange.split(",").map(Number));
  assert.ok(yRange[0] > 0 && yRange[0] <= 1e-4 && yRange[1] >= 1, `a log axis of |f′| down to 1e-4: ${yRange}`);
  assert.match(await page.getByTestId("dead-note").textContent(), /\|f′\(x\)\| ≤ 0\.001/);
  await page.getByTestId("dlog").uncheck();
  await waitForSearch(page, () => !location.search.includes("dlog"));
  await page.getByTestId("dlog").check();
  await waitForSearch(page, () => location.search.includes("dlog=1"));
  await assertClean(page, problems);
  await context.close();
});

test("Try it in the lab carries the activation and its parameters", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu&negative_slope=0.2");
  await chartsReady(page);
  const href = await page.getByTestId("try-in-lab").getAttribute("href");
  const query = new URLSearchParams(href.split("?")[1]);
  assert.equal(query.get("fn"), "leaky_relu");
  assert.equal(query.get("negative_slope"), "0.2");
  await assertClean(page, problems);
  await context.close();
});
