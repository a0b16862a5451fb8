// The custom activation on the pages: typing a formula redraws, an error names and marks its
// position and leaves the last valid charts, the URL keeps the formula (also in a compare entry),
// the component takes a `formula` attribute, and the lab trains a network with a formula.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, canvasStats, frames, openPage, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

const MISH = "x * tanh(softplus(x))";

/** Types `text` into the formula box, replacing what is there. */
async function typeFormula(page, text) {
  await page.getByTestId("formula-input").fill(text);
  await frames(page, 3);
}

test("typing a formula redraws; an error is named, marked, and keeps the last valid charts", async () => {
  const query = `index.html?fn=custom&formula=${encodeURIComponent("x * sigmoid(1.702 * x)")}`;
  const { page, context, problems } = await openPage(env.browser, env.origin, query);
  assert.equal(await page.getByTestId("activation-select").inputValue(), "custom");
  assert.equal(await page.getByTestId("formula-input").inputValue(), "x * sigmoid(1.702 * x)");
  assert.equal(await page.getByTestId("notice").isHidden(), true);
  const swish = await canvasStats(page, "function-plot");
  assert.ok(swish.ink > 1500, `drawn (${swish.ink})`);

  await typeFormula(page, MISH);
  const mish = await canvasStats(page, "function-plot");
  assert.notEqual(mish.hash, swish.hash, "the chart follows the formula");
  await page.waitForFunction((f) => new URLSearchParams(location.search).get("formula") === f, MISH);
  assert.match(await page.getByTestId("torch-snippet").textContent(), /torch\.tanh\(F\.softplus\(x\)\)/);
  assert.equal(await page.locator('[data-testid="derivative-formula"] math').count(), 1, "f′ as MathML");

  await typeFormula(page, "x +");
  const error = page.getByTestId("formula-error");
  assert.equal(await error.isVisible(), true);
  assert.equal(await error.locator(".formula-error-message").textContent(), 'unexpected end after "+" at 3');
  assert.equal(await error.locator("mark").count(), 1, "the position is marked");
  assert.equal(await page.getByTestId("formula-input").getAttribute("aria-invalid"), "true");
  assert.equal((await canvasStats(page, "function-plot")).hash, mish.hash, "the last valid formula stays drawn");

  await typeFormula(page, "constructor(x)");
  assert.match(await error.textContent(), /^unknown (function|name) "constructor" at 0/);
  const images = await page.locator("img").count();
  await typeFormula(page, "<img src=x onerror=alert(1)>");
  assert.equal(await page.locator("img").count(), images, "markup stays text");
  assert.match(await error.locator(".formula-error-message").textContent(), /^unexpected character "=" at 8/);

  await page.getByRole("button", { name: "Squared ReLU" }).click();
  await frames(page, 3);
  assert.equal(await page.getByTestId("formula-input").inputValue(), "relu(x)^2");
  assert.equal(await error.isHidden(), true, "a valid formula clears the error");
  await assertClean(page, problems);
  await context.close();
});

test("the URL keeps a formula, in fn and in a compare entry, and a bad one is named in the notice", async () => {
  const leaky = "where(x > 0, x, 0.1 * x)";
  const compare = encodeURIComponent(`custom:formula=${encodeURIComponent(leaky)}`);
  const { page, context, problems } = await openPage(env.browser, env.origin, `index.html?fn=relu&compare=${compare}`);
  assert.equal(await page.getByTestId("notice").isHidden(), true, "the compare entry is read whole");
  const search = await page.evaluate(() => location.search);
  const reopened = await context.newPage();
  await reopened.goto(`${env.origin}/index.html${search}`);
  await reopened.waitForFunction(() => document.querySelector('[data-testid="function-plot"]')?.dataset.xRange);
  assert.equal(await reopened.evaluate(() => location.search), search, "the written URL reads back the same");
  await reopened.close();

  await page.goto(`${env.origin}/index.html?fn=custom&formula=${encodeURIComponent("x ** 2")}`);
  await page.getByTestId("notice").waitFor();
  assert.match(await page.getByTestId("notice").textContent(), /unexpected "\*" at 3; .*powers are written x\^2/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('<activation-plot fn="custom" formula="…"> draws the formula, and says what is wrong with a bad one', async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "fixtures/three-plots.html", { waitForCharts: false });
  await page.evaluate((formula) => {
    for (const [id, f] of [["mish", formula], ["bad", "x +* 2"]]) {
      const plot = document.createElement("activation-plot");
      plot.id = id;
      plot.setAttribute("fn", "custom");
      plot.setAttribute("formula", f);
      plot.setAttribute("derivative", "");
      document.body.append(plot);
    }
  }, MISH);
  await page.waitForFunction(() => document.querySelector("#mish").drawCount > 0 && document.querySelector("#bad").drawCount > 0);
  const state = await page.evaluate(() => document.querySelector("#mish").state.main);
  assert.deepEqual(state, { id: "custom", params: { formula: MISH } });
  const bad = await page.evaluate(() => document.querySelector("#bad").problems);
  assert.ok(bad.some((p) => /unexpected "\*" at 3/.test(p)), `the bad formula is named: ${bad}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the lab trains the network beside ReLU with a formula", async () => {
  const formula = "where(x > 0, x, 0.05 * x)";
  const { page, context, problems } = await openPage(env.browser, env.origin, `lab.html?fn=custom&formula=${encodeURIComponent(formula)}`, { waitForCharts: false });
  await page.getByTestId("formula-input").waitFor();
  assert.equal(await page.getByTestId("formula-input").inputValue(), formula);
  await page.getByTestId("lab-start").click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-step-count"]').textContent) >= 200, null, { timeout: 60_000 });
  await page.getByTestId("lab-start").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lab"]').dataset.rendering === "false", null, { timeout: 30_000 });
  const dead = await page.getByTestId("dead-count-other").textContent();
  assert.match(dead, /^0\b/, `a leaky formula has no dead neurons: ${dead}`);
  await assertClean(page, problems);
  await context.close();
});
