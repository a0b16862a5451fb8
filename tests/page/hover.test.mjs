// Hover readout: the crosshair maps the pointer through plotters' coordinate transform and the
// readout shows f(x), f'(x) of every curve at that x; mouse, touch and keyboard all work, and
// hovering never redraws the wasm charts.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, canvasStats, geometry, openPage, pagePoint, pixelOfX, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

async function readout(page) {
  const rows = page.getByTestId("readout-row");
  const out = { x: Number(await page.getByTestId("readout-x").getAttribute("data-value")), rows: [] };
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    out.rows.push({
      label: (await row.locator("td").first().textContent()).trim(),
      f: Number(await row.getByTestId("readout-fx").getAttribute("data-value")),
      df: Number(await row.getByTestId("readout-dfx").getAttribute("data-value")),
      fText: await row.getByTestId("readout-fx").textContent(),
    });
  }
  return out;
}

/** Page point over data x on a chart, at the plot's middle height. */
async function pointOver(page, testid, x) {
  // The overlay covers the chart exactly; the geometry is on the chart canvas.
  const geo = await geometry(page, testid.replace("-overlay", "-plot"));
  const [, top, , bottom] = geo.plotArea;
  // One CSS pixel in data units: the tolerance of any pointer-based reading.
  const pixelWorth = ((geo.xRange[1] - geo.xRange[0]) * geo.width) / geo.rect.width / (geo.plotArea[2] - geo.plotArea[0]);
  return { point: pagePoint(geo, pixelOfX(geo, x), (top + bottom) / 2), pixelWorth };
}

test("hovering x = -2 on leaky_relu(0.2) reads f(x) ≈ -0.4 and f′(x) = 0.2", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu&negative_slope=0.2&compare=relu");
  const charts = {
    f: await canvasStats(page, "function-plot"),
    df: await canvasStats(page, "derivative-plot"),
  };
  const { point, pixelWorth } = await pointOver(page, "function-overlay", -2);
  await page.mouse.move(point.x, point.y);

  const read = await readout(page);
  assert.ok(Math.abs(read.x - -2) <= 1.5 * pixelWorth, `x ${read.x} within a pixel (${pixelWorth}) of -2`);
  assert.equal(read.rows.length, 2);
  assert.equal(read.rows[0].label, "Leaky ReLU (0.2)");
  assert.ok(Math.abs(read.rows[0].f - -0.4) <= 0.2 * 1.5 * pixelWorth + 1e-12, `f(x) = ${read.rows[0].f}`);
  assert.ok(Math.abs(read.rows[0].f - 0.2 * read.x) < 1e-12, "f(x) is exact at the x read");
  assert.equal(read.rows[0].df, 0.2);
  assert.match(read.rows[0].fText, /^−0\.\d{4}$/, "readable number with a minus sign");
  assert.equal(read.rows[1].label, "ReLU");
  assert.equal(read.rows[1].f, 0);
  assert.equal(read.rows[1].df, 0);

  // The crosshair is on the overlays of both charts; the wasm charts were not redrawn.
  assert.ok((await canvasStats(page, "function-overlay")).ink > 50, "crosshair on f(x)");
  assert.ok((await canvasStats(page, "derivative-overlay")).ink > 50, "crosshair on f′(x) too");
  assert.equal((await canvasStats(page, "function-plot")).hash, charts.f.hash);
  assert.equal((await canvasStats(page, "derivative-plot")).hash, charts.df.hash);

  // Hovering the derivative chart reads the same x.
  const other = await pointOver(page, "derivative-overlay", 1.5);
  await page.mouse.move(other.point.x, other.point.y);
  const right = await readout(page);
  assert.ok(Math.abs(right.x - 1.5) <= 1.5 * other.pixelWorth);
  assert.ok(Math.abs(right.rows[0].f - right.x) < 1e-12);
  assert.equal(right.rows[0].df, 1);

  // Leaving clears the crosshair but keeps the last reading.
  await page.mouse.move(5, 5);
  assert.equal((await canvasStats(page, "function-overlay")).ink, 0);
  assert.equal(await page.getByTestId("readout-row").count(), 2);
  await assertClean(page, problems);
  await context.close();
});

test("the readout follows parameter changes at the same x", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=elu");
  const { point } = await pointOver(page, "function-overlay", -1);
  await page.mouse.move(point.x, point.y);
  const before = await readout(page);
  await page.getByTestId("param-alpha-value").fill("2");
  await page.waitForFunction(
    (old) => Number(document.querySelector('[data-testid="readout-fx"]').dataset.value) !== old,
    before.rows[0].f,
  );
  const after = await readout(page);
  assert.equal(after.x, before.x);
  assert.ok(Math.abs(after.rows[0].f - 2 * before.rows[0].f) < 1e-12, "ELU(α) is α(eˣ − 1) for x < 0");
  await assertClean(page, problems);
  await context.close();
});

test("touch: tapping a chart reads values there", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu&negative_slope=0.2", {
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  });
  const overlay = page.getByTestId("function-overlay");
  await overlay.scrollIntoViewIfNeeded();
  const { point, pixelWorth } = await pointOver(page, "function-overlay", -3);
  await page.touchscreen.tap(point.x, point.y);
  const read = await readout(page);
  assert.ok(Math.abs(read.x - -3) <= 1.5 * pixelWorth, `x ${read.x}`);
  assert.ok(Math.abs(read.rows[0].f - 0.2 * read.x) < 1e-12);
  await assertClean(page, problems);
  await context.close();
});

test("keyboard: a focused chart moves its crosshair with the arrow keys", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=sigmoid");
  await page.getByTestId("function-overlay").focus();
  let read = await readout(page);
  assert.equal(read.x, 0);
  assert.equal(read.rows[0].f, 0.5);
  assert.equal(read.rows[0].df, 0.25);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  read = await readout(page);
  assert.ok(Math.abs(read.x - 0.2) < 1e-12, `two steps of 1% of the range: ${read.x}`);
  await page.keyboard.press("Home");
  read = await readout(page);
  assert.equal(read.x, -5);
  await assertClean(page, problems);
  await context.close();
});

test("at a kink the readout says f′ is a convention there, with both limits and PyTorch's value", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu&negative_slope=0.2&compare=relu");
  // Keyboard focus puts the crosshair exactly on x = 0, Leaky ReLU's kink.
  await page.getByTestId("function-overlay").focus();
  const note = page.getByTestId("readout-kink");
  await assert.doesNotReject(note.waitFor());
  assert.equal(
    await note.textContent(),
    "Leaky ReLU (0.2): f′ jumps at x = 0 (0.2 on the left, 1 on the right), so f′ there is a convention; PyTorch uses 0.2.",
  );
  // The readout's own f′ at the kink is the value the note names.
  assert.equal((await readout(page)).rows[0].df, Number(await note.getAttribute("data-torch")));

  // One keyboard step (1% of the range) away, the crosshair is off the kink: no note.
  await page.keyboard.press("ArrowRight");
  assert.equal(await note.count(), 0);

  // A pointer within half a pixel of the kink shows it too; a smooth curve never does.
  const { point } = await pointOver(page, "function-overlay", 0);
  await page.mouse.move(point.x, point.y);
  assert.equal(await note.count(), 1);
  await assertClean(page, problems);
  await context.close();

  const smooth = await openPage(env.browser, env.origin, "?fn=sigmoid");
  await smooth.page.getByTestId("function-overlay").focus();
  assert.equal((await readout(smooth.page)).x, 0);
  assert.equal(await smooth.page.getByTestId("readout-kink").count(), 0);
  await assertClean(smooth.page, smooth.problems);
  await smooth.context.close();
});
