// Parameter controls: sliders redraw both charts live, the number box and the slider stay in
// sync both ways, and values wasm rejects are explained without breaking the charts.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, canvasStats, frames, geometry, openPage, pixelOfX, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

/** Regions of the function chart's plot area left and right of the y axis (canvas pixels). */
async function halves(page) {
  const geo = await geometry(page, "function-plot");
  const [left, top, right, bottom] = geo.plotArea;
  const axis = pixelOfX(geo, 0);
  const margin = 4 * (geo.width / geo.rect.width);
  return {
    left: [left + margin, top, axis - margin, bottom],
    right: [axis + margin, top, right - margin, bottom],
  };
}

test("negative_slope changes f(x) left of the y axis only, and f′(x) too, while dragging", async () => {
  // A fixed y range, so only the curve moves (auto would rescale the whole chart).
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu&xmin=-5&xmax=5&ymin=-2&ymax=5");
  const regions = await halves(page);
  const before = {
    left: await canvasStats(page, "function-plot", regions.left),
    right: await canvasStats(page, "function-plot", regions.right),
    derivative: await canvasStats(page, "derivative-plot"),
  };

  // Keyboard: arrow keys move a native range input (0.01 + 10 × 0.01).
  const slider = page.getByTestId("param-negative_slope");
  await slider.focus();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press("ArrowRight");
  await frames(page);
  assert.equal(await slider.inputValue(), "0.11");
  assert.equal(await page.getByTestId("param-negative_slope-value").inputValue(), "0.11");

  const afterKeys = {
    left: await canvasStats(page, "function-plot", regions.left),
    right: await canvasStats(page, "function-plot", regions.right),
    derivative: await canvasStats(page, "derivative-plot"),
  };
  assert.notEqual(afterKeys.left.hash, before.left.hash, "the negative side moved");
  assert.equal(afterKeys.right.hash, before.right.hash, "the positive side did not");
  assert.notEqual(afterKeys.derivative.hash, before.derivative.hash, "f′(x) redrawn in the same frames");

  // Mouse drag: every input event while dragging redraws (no waiting for release).
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.11, y);
  await page.mouse.down();
  const seen = new Set();
  for (const fraction of [0.3, 0.5, 0.7]) {
    await page.mouse.move(box.x + box.width * fraction, y, { steps: 3 });
    await frames(page);
    seen.add((await canvasStats(page, "function-plot", regions.left)).hash);
    const right = await canvasStats(page, "function-plot", regions.right);
    assert.equal(right.hash, before.right.hash, "positive side unchanged while dragging");
  }
  await page.mouse.up();
  assert.equal(seen.size, 3, "each drag step redrew the chart before the mouse was released");
  assert.match(await page.getByTestId("torch-snippet").textContent(), /^nn\.LeakyReLU\(negative_slope=0\.\d+\)$/);
  await assertClean(page, problems);
  await context.close();
});

test("number box and slider stay in sync both ways", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=elu");
  const slider = page.getByTestId("param-alpha");
  const number = page.getByTestId("param-alpha-value");
  assert.equal(await number.inputValue(), "1");
  assert.equal(await slider.inputValue(), "1");

  await number.fill("2.5");
  await frames(page);
  assert.equal(await slider.inputValue(), "2.5");
  assert.match(await page.getByTestId("torch-snippet").textContent(), /alpha=2\.5/);

  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  assert.equal(await number.inputValue(), "2.45");
  await slider.press("End");
  assert.equal(await number.inputValue(), "3");

  // A value beyond the slider's range is accepted (as PyTorch does) and the slider pins.
  await number.fill("4");
  await frames(page);
  assert.equal(await slider.inputValue(), "3");
  assert.match(await page.getByTestId("torch-snippet").textContent(), /alpha=4\.0/);
  await assertClean(page, problems);
  await context.close();
});

test("invalid values are explained next to the controls and the charts keep the last valid curve", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=hardtanh");
  const before = await canvasStats(page, "function-plot");
  const error = page.getByTestId("params-error");

  // What a number box holds while being retyped: empty, or a lone sign (reads as "").
  await page.getByTestId("param-min_val-value").fill("");
  assert.equal(await error.isVisible(), true);
  await page.getByTestId("param-min_val-value").pressSequentially("-");
  assert.equal(await error.isVisible(), true);
  assert.match(await error.textContent(), /min_val must be a finite number/);
  assert.equal(await page.getByTestId("param-min_val-value").getAttribute("aria-invalid"), "true");
  await page.getByTestId("param-min_val-value").blur();
  assert.equal(await page.getByTestId("param-min_val-value").inputValue(), "-1", "leaving the box restores it");
  assert.equal(await error.isVisible(), false);

  // min_val above max_val: wasm's own message, charts unchanged.
  await page.getByTestId("param-min_val-value").fill("2");
  await frames(page);
  assert.match(await error.textContent(), /min_val/);
  assert.equal((await canvasStats(page, "function-plot")).hash, before.hash);
  // Fixing the other parameter makes the pair valid again.
  await page.getByTestId("param-max_val-value").fill("3");
  await frames(page);
  assert.equal(await error.isVisible(), false);
  assert.notEqual((await canvasStats(page, "function-plot")).hash, before.hash);
  assert.match(await page.getByTestId("torch-snippet").textContent(), /min_val=2\.0, max_val=3\.0/);
  await assertClean(page, problems);
  await context.close();
});

test("choice parameters are a select", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=gelu");
  const before = await canvasStats(page, "derivative-plot");
  const select = page.getByTestId("param-approximate");
  assert.deepEqual(await select.evaluate((s) => [...s.options].map((o) => o.value)), ["none", "tanh"]);
  await select.selectOption("tanh");
  await frames(page);
  assert.notEqual((await canvasStats(page, "derivative-plot")).hash, before.hash);
  assert.match(await page.getByTestId("torch-snippet").textContent(), /approximate='tanh'/);
  await assertClean(page, problems);
  await context.close();
});

test("every control has a label", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=rrelu&compare=gelu,softplus");
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, button, [tabindex]")]
      .filter((el) => !el.closest("[hidden]"))
      .filter((el) => {
        const labelled = el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
        const text = el.tagName === "BUTTON" && el.textContent.trim();
        return !labelled && !text;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, []);
  await assertClean(page, problems);
  await context.close();
});

test("f′ y range: two boxes fix it (URL dymin/dymax), bad input keeps the previous range with a note", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu");
  const range = async () => (await page.getByTestId("derivative-plot").getAttribute("data-y-range")).split(",").map(Number);
  const auto = await range();
  await page.getByTestId("dymin").fill("-0.02");
  await page.getByTestId("dymax").fill("0.05");
  await page.getByTestId("dymax").press("Enter");
  await page.waitForFunction(() => location.search.includes("dymin=-0.02&dymax=0.05"));
  assert.deepEqual(await range(), [-0.02, 0.05], "f′ drawn on the chosen range");

  // Bad input: a note, the chart keeps its range.
  await page.getByTestId("dymax").fill("-1");
  await page.getByTestId("dymax").press("Enter");
  assert.match(await page.getByTestId("view-error").textContent(), /f′ y range: the minimum must be less than the maximum/);
  assert.deepEqual(await range(), [-0.02, 0.05]);

  // A reload keeps the range; both boxes empty is automatic again.
  const again = await openPage(env.browser, env.origin, "?fn=leaky_relu&dymin=-0.02&dymax=0.05");
  assert.equal(await again.page.getByTestId("dymin").inputValue(), "-0.02");
  assert.deepEqual((await again.page.getByTestId("derivative-plot").getAttribute("data-y-range")).split(",").map(Number), [-0.02, 0.05]);
  await again.context.close();
  await page.getByTestId("dymin").fill("");
  await page.getByTestId("dymax").fill("");
  await page.getByTestId("dymax").press("Enter");
  await page.waitForFunction(() => !location.search.includes("dymin"));
  assert.deepEqual(await range(), auto);

  // On the log axis the minimum must be above 0.
  await page.getByTestId("dlog").check();
  await page.getByTestId("dymin").fill("0");
  await page.getByTestId("dymax").fill("2");
  await page.getByTestId("dymax").press("Enter");
  assert.match(await page.getByTestId("view-error").textContent(), /log scale the minimum must be above 0/);
  await assertClean(page, problems);
  await context.close();
});

test("f′ y range from a bad link: a notice, automatic range", async () => {
  const { page, context } = await openPage(env.browser, env.origin, "?fn=relu&dymin=1&dymax=0");
  assert.match(await page.getByTestId("notice").textContent(), /automatic f′ range/);
  assert.equal(await page.getByTestId("dymin").inputValue(), "");
  await context.close();
});
