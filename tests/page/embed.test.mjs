// Embedding: the <activation-plot> web component (several per page, one wasm instance, reactive
// attributes, inline messages for invalid ones, colour scheme, HiDPI, resize) and the iframe
// page embed.html (the explorer's URL, sliders, the "open" link, the compact lab).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, frames, locatorStats, openPage, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

const THREE = "fixtures/three-plots.html";
const plot = (page, id) => page.locator(`activation-plot#${id}`);
const canvas = (page, id, kind = "function") => plot(page, id).getByTestId(`${kind}-plot`);
const drawCounts = (page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll("activation-plot")].map((e) => [e.id, e.drawCount])));

/** Waits until every <activation-plot> on the page has drawn at least `min` times. */
async function plotsDrawn(page, min = 1) {
  await page.waitForFunction(
    (n) => {
      const plots = [...document.querySelectorAll("activation-plot")];
      return plots.length > 0 && plots.every((p) => p.drawCount >= n);
    },
    min,
    { timeout: 30_000 },
  );
}

test("three components draw three different charts from one wasm fetch, under the strict CSP", async () => {
  const { page, context, problems, requests } = await openPage(env.browser, env.origin, THREE, { waitForCharts: false });
  await plotsDrawn(page);
  await page.waitForTimeout(500);

  const hashes = new Set();
  for (const id of ["relu", "elu", "gelu"]) {
    const stats = await locatorStats(canvas(page, id));
    assert.ok(stats.ink > 1500, `${id}: drawn (${stats.ink} pixels)`);
    hashes.add(stats.hash);
  }
  assert.equal(hashes.size, 3, "three distinct charts");
  assert.ok((await locatorStats(canvas(page, "relu", "derivative"))).ink > 1000, "relu has its derivative");
  assert.equal(await canvas(page, "elu", "derivative").isVisible(), false, "elu has none");
  assert.equal(await plot(page, "gelu").getByTestId("title").textContent(), "GELUnn.GELU(approximate='tanh')");

  // Chrome warns a few seconds after load about anything preloaded and unused: wait past that.
  await page.waitForTimeout(3500);
  const wasm = requests.filter((url) => url.endsWith("/actviz_bg.wasm"));
  assert.equal(wasm.length, 1, `the wasm is fetched once (${wasm.length})`);
  assert.equal(await page.evaluate(() => performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm")).length), 1);
  await assertClean(page, problems);
  await context.close();
});

test("changing an attribute redraws that component only", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, THREE, { waitForCharts: false });
  await plotsDrawn(page);
  await page.waitForTimeout(300);
  const before = { counts: await drawCounts(page) };
  for (const id of ["relu", "elu", "gelu"]) before[id] = (await locatorStats(canvas(page, id))).hash;

  await plot(page, "elu").evaluate((el) => el.setAttribute("alpha", "2"));
  await page.waitForFunction((n) => document.querySelector("#elu").drawCount > n, before.counts.elu);
  await frames(page, 4);
  const counts = await drawCounts(page);
  assert.equal(counts.elu, before.counts.elu + 1, "elu redrew once");
  assert.equal(counts.relu, before.counts.relu, "relu did not redraw");
  assert.equal(counts.gelu, before.counts.gelu, "gelu did not redraw");
  assert.notEqual((await locatorStats(canvas(page, "elu"))).hash, before.elu, "elu's pixels changed");
  assert.equal((await locatorStats(canvas(page, "relu"))).hash, before.relu, "relu's pixels did not");
  assert.equal((await locatorStats(canvas(page, "gelu"))).hash, before.gelu, "gelu's pixels did not");
  assert.equal(await plot(page, "elu").getByTestId("control-alpha").inputValue(), "2", "the slider follows the attribute");

  // Several attributes changed at once: one redraw.
  await plot(page, "gelu").evaluate((el) => {
    el.setAttribute("xmin", "-6");
    el.setAttribute("xmax", "6");
    el.setAttribute("derivative", "");
  });
  await page.waitForFunction((n) => document.querySelector("#gelu").drawCount > n, before.counts.gelu);
  await frames(page, 4);
  assert.equal((await drawCounts(page)).gelu, before.counts.gelu + 1, "coalesced into one redraw");
  assert.equal(await canvas(page, "gelu").getAttribute("data-x-range"), "-6,6");
  assert.ok((await locatorStats(canvas(page, "gelu", "derivative"))).ink > 1000, "its derivative appeared");
  await assertClean(page, problems);
  await context.close();
});

test("a slider sets its parameter attribute and redraws", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, THREE, { waitForCharts: false });
  await plotsDrawn(page);
  const slider = plot(page, "elu").getByTestId("control-alpha");
  assert.equal(await slider.inputValue(), "0.5");
  const before = await locatorStats(canvas(page, "elu"));
  await slider.fill("1.5");
  await page.waitForFunction(() => document.querySelector("#elu").getAttribute("alpha") === "1.5");
  await frames(page, 3);
  assert.notEqual((await locatorStats(canvas(page, "elu"))).hash, before.hash);
  assert.match(await plot(page, "elu").getByTestId("title").textContent(), /alpha=1\.5/);
  await assertClean(page, problems);
  await context.close();
});

test("invalid attributes show a readable message inside the component, with no console error", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "fixtures/invalid.html", { waitForCharts: false });
  await plotsDrawn(page);
  const expected = {
    "unknown-fn": [/unknown activation "leaky_rleu", showing leaky_relu/],
    "bad-number": [/negative_slope=abc must be a finite number, using 0\.01/, /xmin=5&xmax=-5: the minimum must be less than the maximum/],
    "unknown-param": [/relu has no parameter "negative_slope"/, /relu has no parameter "slope"/, /controls: relu has no parameter "alpha"/],
    "snake-case": [/min_val: write parameter attributes in kebab-case, min-val/, /min_val must be less than max_val/, /height="tall"/, /theme="blue"/],
  };
  for (const [id, patterns] of Object.entries(expected)) {
    const alert = plot(page, id).getByRole("alert");
    assert.equal(await alert.isVisible(), true, `${id}: message shown`);
    const text = await alert.textContent();
    for (const pattern of patterns) assert.match(text, pattern, `${id}`);
    assert.ok((await locatorStats(canvas(page, id))).ink > 1500, `${id}: the defaults are drawn, not a blank box`);
  }
  assert.equal(await plot(page, "valid").getByRole("alert").isVisible(), false, "global, data- and aria- attributes are fine");

  // Markup in attributes is shown as text, never parsed: no element is created, no script runs.
  const injected = plot(page, "injection");
  assert.match(await injected.getByRole("alert").textContent(), /<img src=x onerror=window.__pwned=1>/);
  assert.equal(await injected.evaluate((el) => el.shadowRoot.querySelectorAll("img, b").length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // Fixing the attribute takes the message away.
  await plot(page, "unknown-fn").evaluate((el) => el.setAttribute("fn", "leaky_relu"));
  await page.waitForFunction(() => document.querySelector("#unknown-fn").problems.length === 0);
  assert.equal(await plot(page, "unknown-fn").getByRole("alert").isVisible(), false);
  await assertClean(page, problems);
  await context.close();
});

test("observedAttributes lists every parameter of the catalogue in kebab-case", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, THREE, { waitForCharts: false });
  await plotsDrawn(page);
  const { observed, params } = await page.evaluate(async () => {
    const wasm = await import("/pkg/actviz.js"); // a second instance: the page's glue is in its bundle
    await wasm.default();
    const names = wasm.activations().flatMap((a) => a.params.map((p) => p.name.replace(/_/g, "-")));
    return { observed: customElements.get("activation-plot").observedAttributes, params: [...new Set(names)] };
  });
  for (const name of params) assert.ok(observed.includes(name), `${name} is observed`);
  for (const name of ["fn", "compare", "derivative", "controls", "xmin", "xmax", "height"]) assert.ok(observed.includes(name));
  await assertClean(page, problems);
  await context.close();
});

test("follows the colour scheme (unless theme says otherwise), draws crisp at HiDPI, redraws on resize", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, THREE, { waitForCharts: false, deviceScaleFactor: 2 });
  await plotsDrawn(page);
  const size = await canvas(page, "relu").evaluate((c) => ({ width: c.width, css: c.getBoundingClientRect().width }));
  assert.equal(size.width, Math.round(size.css * 2), "pixel size = CSS size × devicePixelRatio");

  const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
  assert.ok(luminance((await locatorStats(canvas(page, "relu"))).background) > 200, "light");
  await plot(page, "gelu").evaluate((el) => el.setAttribute("theme", "light"));
  await page.emulateMedia({ colorScheme: "dark" });
  await frames(page, 4);
  assert.ok(luminance((await locatorStats(canvas(page, "relu"))).background) < 60, "dark with the scheme");
  assert.ok(luminance((await locatorStats(canvas(page, "gelu"))).background) > 200, "theme=light stays light");

  await page.setViewportSize({ width: 500, height: 800 });
  await page.waitForFunction((w) => document.querySelector("#relu").shadowRoot.querySelector("canvas").width !== w, size.width);
  await frames(page, 3);
  const narrow = await plot(page, "relu").evaluate((el) => {
    const [f, df] = el.shadowRoot.querySelectorAll("canvas");
    return { f: f.getBoundingClientRect(), df: df.getBoundingClientRect(), width: f.width };
  });
  assert.ok(narrow.df.top >= narrow.f.bottom, "narrow: the derivative goes below");
  assert.equal(narrow.width, Math.round(narrow.f.width * 2));
  await assertClean(page, problems);
  await context.close();
});

test("embed.html honours the explorer's URL plus controls, and links to the full page", async () => {
  const query = "embed.html?fn=elu&alpha=0.5&compare=relu&xmin=-3&xmax=3&controls=alpha";
  const { page, context, problems } = await openPage(env.browser, env.origin, query, {
    waitForCharts: false,
    viewport: { width: 700, height: 420 },
  });
  await plotsDrawn(page);
  const el = page.getByTestId("plot");
  assert.equal(await el.getAttribute("fn"), "elu");
  assert.equal(await el.getAttribute("alpha"), "0.5");
  assert.equal(await el.getAttribute("compare"), "relu");
  assert.equal(await el.getByTestId("control-alpha").inputValue(), "0.5", "the alpha slider");
  assert.equal(await el.getByTestId("control-alpha").count(), 1);
  assert.equal(await el.getByTestId("function-plot").getAttribute("data-x-range"), "-3,3");
  assert.ok((await locatorStats(el.getByTestId("derivative-plot"))).ink > 1000, "f′ beside f");
  assert.equal(await page.locator(".site-header").count(), 0, "no site header");
  const box = await el.boundingBox();
  assert.ok(box.height > 300 && box.width > 680, `the chart fills the frame (${box.width}×${box.height})`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight), true, "no scrolling");

  const link = page.getByTestId("open-link");
  assert.equal(await link.getAttribute("href"), "index.html?fn=elu&alpha=0.5&compare=relu&xmin=-3&xmax=3");
  assert.equal(await link.getAttribute("target"), "_blank");
  await el.getByTestId("control-alpha").fill("1.2");
  await page.waitForFunction(() => document.querySelector('[data-testid="open-link"]').getAttribute("href").includes("alpha=1.2"));
  await page.waitForTimeout(3500); // past Chrome's unused-preload warnings
  await assertClean(page, problems);
  await context.close();
});

test("embed.html: derivative=0, and invalid URL parts in a notice", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "embed.html?fn=nope&derivative=0&xmin=abc", {
    waitForCharts: false,
  });
  await plotsDrawn(page);
  const notice = page.getByTestId("notice");
  assert.equal(await notice.isVisible(), true);
  assert.match(await notice.textContent(), /unknown activation "nope"/);
  assert.match(await notice.textContent(), /xmin=abc/);
  assert.equal(await page.getByTestId("plot").getByTestId("derivative-plot").isVisible(), false, "f(x) only");
  assert.equal(await page.getByTestId("open-link").getAttribute("href"), "index.html?fn=leaky_relu&xmin=-5&xmax=5");
  await assertClean(page, problems);
  await context.close();
});

test("embed.html?lab=1 shows the compact lab: dead counts, train/pause, the dead-fraction chart", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "embed.html?lab=1&preset=high_lr", {
    waitForCharts: false,
    viewport: { width: 700, height: 420 },
  });
  const lab = page.getByTestId("lab");
  await lab.waitFor();
  // The counts come with the worker's first snapshot, a little after the lab appears.
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-dead-other"]')?.textContent, null, { timeout: 30_000 });
  assert.equal(await page.getByTestId("plot").count(), 0, "no activation chart");
  assert.match(await page.getByTestId("lab-dead-relu").textContent(), /^\d+ of 96$/);
  assert.match(await page.getByTestId("lab-dead-other").textContent(), /^\d+ of 96$/);
  assert.match(await lab.textContent(), /Leaky ReLU/);
  assert.equal(await page.getByTestId("open-link").getAttribute("href"), "lab.html?preset=high_lr");

  const toggle = page.getByTestId("lab-toggle");
  assert.equal(await toggle.textContent(), "Train");
  await toggle.click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-dead-chart"]').dataset.step) >= 200);
  await toggle.click();
  assert.equal(await toggle.textContent(), "Resume");
  // The worker stops asynchronously; the lab says when the step it stopped at is shown.
  await page.waitForFunction(() => document.querySelector('[data-testid="lab"]').dataset.state === "paused");
  // Leaky ReLU (0.01) never has a dead neuron (|f′| ≥ 0.01 everywhere); its inactive ones are said apart.
  assert.equal(await page.getByTestId("lab-dead-other").textContent(), "0 of 96");
  assert.match(await lab.textContent(), /0 of 96 dead( · \d+ inactive)?/);
  const step = await page.getByTestId("lab-dead-chart").getAttribute("data-step");
  await frames(page, 5);
  assert.equal(await page.getByTestId("lab-dead-chart").getAttribute("data-step"), step, "paused");
  assert.match(await page.getByTestId("lab-step").textContent(), new RegExp(`step ${step}`));
  assert.ok((await locatorStats(page.getByTestId("lab-dead-chart"))).ink > 2000, "the chart is drawn");

  await page.getByTestId("lab-reset").click();
  // The worker builds the new lab asynchronously.
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-dead-chart"]').dataset.step === "0");
  assert.equal(await page.getByTestId("lab-dead-chart").getAttribute("data-step"), "0");
  await assertClean(page, problems);
  await context.close();
});

test("a wasm module that fails to load is said inside each component, with no uncaught error", async () => {
  const context = await env.browser.newContext();
  await context.route("**/actviz_bg.wasm", (route) => route.fulfill({ status: 404, body: "missing" }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${env.origin}/${THREE}`);
  for (const id of ["relu", "elu", "gelu"]) {
    const alert = plot(page, id).getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /could not start.*Could not load the actviz WebAssembly module/s);
    assert.equal(await canvas(page, id).isVisible(), false, "no empty chart left behind");
  }
  assert.deepEqual(errors, []);
  await context.close();
});

/** Every box of an <activation-plot> that must not overlap another: the host, title, visible canvases, controls. */
function layoutBoxes(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("activation-plot")].map((el) => {
      const box = (node) => {
        const r = node.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
      };
      const shadow = el.shadowRoot;
      const visible = (node) => node.getClientRects().length > 0 && node.getBoundingClientRect().height > 0;
      return {
        id: el.id,
        host: box(el),
        title: box(shadow.querySelector('[data-testid="title"]')),
        canvases: [...shadow.querySelectorAll("canvas")].filter(visible).map(box),
        controls: [...shadow.querySelectorAll('[data-testid="controls"]')].filter(visible).map(box),
      };
    }),
  );
}

const overlaps = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const inside = (a, outer) =>
  a.left >= outer.left - 0.5 && a.right <= outer.right + 0.5 && a.top >= outer.top - 0.5 && a.bottom <= outer.bottom + 0.5;

test("the component lays out inside the size its page's CSS gives it: charts never cover the controls", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { page, context, problems } = await openPage(env.browser, env.origin, "fixtures/sized-plots.html", {
      waitForCharts: false,
      viewport,
    });
    await plotsDrawn(page);
    await page.waitForTimeout(300);
    const expected = { styled: [1, 1], wide: [2, 1], narrow: [2, 1], auto: [2, 1], short: [1, 0] };
    for (const { id, host, title, canvases, controls } of await layoutBoxes(page)) {
      const where = `${id} at ${viewport.width}px`;
      assert.equal(canvases.length, expected[id][0], `${where}: charts shown`);
      assert.equal(controls.length, expected[id][1], `${where}: controls shown`);
      for (const chart of canvases) {
        assert.ok(chart.width >= 64 && chart.height >= 64, `${where}: a chart of ${chart.width}×${chart.height}`);
        assert.ok(inside(chart, host), `${where}: chart ${JSON.stringify(chart)} inside ${JSON.stringify(host)}`);
        assert.ok(!overlaps(chart, title), `${where}: chart over the title`);
        for (const row of controls) assert.ok(!overlaps(chart, row), `${where}: chart ${JSON.stringify(chart)} over the controls ${JSON.stringify(row)}`);
        for (const other of canvases) assert.ok(other === chart || !overlaps(chart, other), `${where}: charts overlap`);
      }
      for (const row of controls) assert.ok(inside(row, host), `${where}: controls inside the element`);
    }
    // The page's sizes are kept (narrower when the viewport is), and the default stays 240 px a chart.
    const sizes = Object.fromEntries((await layoutBoxes(page)).map((p) => [p.id, p]));
    assert.equal(sizes.styled.host.height, 300);
    assert.equal(sizes.wide.host.height, 280);
    assert.equal(sizes.narrow.host.height, 460);
    assert.ok(Math.abs(sizes.auto.canvases[0].height - 240) <= 1, `default chart height ${sizes.auto.canvases[0].height}`);
    assert.ok(Math.abs(sizes.short.canvases[0].height - 160) <= 1, `height="160": ${sizes.short.canvases[0].height}`);
    await assertClean(page, problems);
    await context.close();
  }
});
