// Links and attributes anyone can craft: each must load, say what it refused, draw the defaults
// and stay responsive, never freeze the tab (a huge parameter once sent plotters' tick search
// into an endless loop), and no list it holds may grow past its cap (notices, problems,
// controls, canvas pixels). Every page that could freeze gets a fresh context, and the test
// fails on a timeout: the first drawing within 10 s, then `page.evaluate(() => 1)` within 2 s.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, openPage, suite } from "./harness.mjs";

/** How long a page may take to draw for the first time. */
const FIRST_DRAW_MS = 10_000;
/** The notices' and problem lists' cap (www/js/runtime/messages.js, MAX_LISTED). */
const MAX_LISTED = 10;

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

/** Rejects after `ms` with `what` (a frozen renderer never answers). */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (the tab is frozen)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Opens `query` in a fresh context, waits (at most FIRST_DRAW_MS) for `drawn` to hold in the page,
 * checks the page still answers, runs `check` and closes the context (even a frozen one).
 */
async function crafted(query, drawn, check, options = {}) {
  const { page, context, problems } = await openPage(env.browser, env.origin, "", { waitForCharts: false, ...options });
  try {
    await within(
      page.goto(`${env.origin}/${query}`, { waitUntil: "commit" }).catch((e) => {
        throw new Error(`opening ${query.slice(0, 80)}: ${e.message.split("\n")[0]}`);
      }),
      FIRST_DRAW_MS,
      `opening ${query.slice(0, 80)}`,
    );
    // Playwright's own timeout runs in the page, so a frozen page never reaches it: race it here.
    await within(page.waitForFunction(drawn, null, { timeout: FIRST_DRAW_MS, polling: 100 }), FIRST_DRAW_MS, "the first drawing");
    assert.equal(await within(page.evaluate(() => 1), 2000, "page.evaluate(() => 1)"), 1, "the page answers");
    await check(page);
    await assertClean(page, problems);
  } finally {
    await within(context.close(), 5000, "closing the context").catch(() => {});
  }
}

/** The explorer drew both charts for the first time. */
const explorerDrawn = () => performance.getEntriesByName("actviz:first-draw").length > 0;
/** The embedded chart drew. */
const embedDrawn = () => document.querySelector('[data-testid="plot"]')?.drawCount > 0;

/** The notice's items, and whether it is shown. */
const notice = (page) =>
  page.evaluate(() => {
    const box = document.querySelector('[data-testid="notice"]');
    return { shown: !box.hidden, items: [...box.querySelectorAll("li")].map((li) => li.textContent) };
  });

for (const slope of ["1e308", "-1e308"]) {
  test(`index.html?fn=leaky_relu&negative_slope=${slope} draws the default slope and says why`, () =>
    crafted(`index.html?fn=leaky_relu&negative_slope=${slope}`, explorerDrawn, async (page) => {
      const { shown, items } = await notice(page);
      assert.ok(shown, "a notice is shown");
      assert.ok(items.some((m) => /negative_slope/.test(m)), `the notice names negative_slope: ${items}`);
      const slider = await page.getByTestId("param-negative_slope-value").inputValue();
      assert.notEqual(Number(slider), Number(slope), `the default is drawn (${slider})`);
    }));
}

test("index.html?compare=elu:alpha=1.7e308 draws ELU's default beside and says why", () =>
  crafted("index.html?compare=elu:alpha=1.7e308", explorerDrawn, async (page) => {
    const { shown, items } = await notice(page);
    assert.ok(shown, "a notice is shown");
    assert.ok(items.some((m) => /compare/.test(m) && /alpha/.test(m)), `the notice names compare's alpha: ${items}`);
    assert.equal(await page.getByTestId("compare-list").locator(":scope > *").count(), 1, "ELU is still compared");
  }));

test("embed.html?fn=elu&alpha=1.7e308 draws ELU's defaults and says why", () =>
  crafted("embed.html?fn=elu&alpha=1.7e308", embedDrawn, async (page) => {
    const { shown, items } = await notice(page);
    assert.ok(shown && items.some((m) => /alpha/.test(m)), `the notice names alpha: ${items}`);
    const state = await page.getByTestId("plot").evaluate((p) => p.state);
    assert.equal(state.main.id, "elu");
    assert.ok(Math.abs(state.main.params.alpha) < 1e6, `a sane alpha is drawn: ${state.main.params.alpha}`);
  }));

test('<activation-plot fn="elu" alpha="1.7e308"> draws ELU\'s defaults and lists the problem', () =>
  crafted(
    "fixtures/crafted.html",
    () => document.getElementById("huge")?.drawCount > 0 && document.getElementById("valid")?.drawCount > 0,
    async (page) => {
      const { problems, state } = await page.locator("#huge").evaluate((p) => ({ problems: p.problems, state: p.state }));
      assert.ok(problems.some((m) => /alpha/.test(m)), `the problem names alpha: ${problems}`);
      assert.ok(Math.abs(state.main.params.alpha) < 1e6, `a sane alpha is drawn: ${state.main.params.alpha}`);
      assert.equal(await page.locator("#huge").getByTestId("problems").isVisible(), true, "the problem is shown");
    },
  ));

test("compare with 100,000 colons: one short notice, the page draws", () =>
  crafted(`index.html?compare=elu${":".repeat(100_000)}`, explorerDrawn, async (page) => {
    const { items } = await notice(page);
    assert.ok(items.length >= 2 && items.length <= MAX_LISTED, `at most ${MAX_LISTED} items: ${items.length}`);
    assert.ok(items.some((m) => /at most 16 parameters per curve are read, ignored 99984 more/.test(m)), `${items}`);
    assert.ok(items.every((m) => m.length <= 300), "every item is short");
  }));

test("1 MB of colons in compare: one short notice, the page draws", () =>
  crafted(`index.html?compare=${":".repeat(1_000_000)}`, explorerDrawn, async (page) => {
    const { items } = await notice(page);
    assert.ok(items.length >= 1 && items.length <= MAX_LISTED, `at most ${MAX_LISTED} items: ${items.length}`);
    assert.ok(items.join("").length < 3000, "the notice is short");
  }));

test("a link of 100,000 parameters and 100,000 curves: short notices, the page draws", () =>
  crafted(`index.html?${"x=1&".repeat(100_000)}compare=${"relu,".repeat(100_000)}`, explorerDrawn, async (page) => {
    const { items } = await notice(page);
    assert.ok(items.length <= MAX_LISTED, `at most ${MAX_LISTED} items: ${items.length}`);
    assert.deepEqual(items, [
      "fn: at most 16 parameters are read, ignored 99984 more",
      'fn: leaky_relu has no parameter "x" (its parameters: negative_slope)',
      "compare: at most 4 curves, ignored relu, relu, relu… (99996 in all)",
    ]);
    assert.equal(await page.getByTestId("compare-list").locator(":scope > *").count(), 4);
  }));

test('controls="x,x,…" with 50,000 entries: one problem line, an element of ordinary height', () =>
  crafted("fixtures/many-plots.html?n=1", () => document.getElementById("plot-0")?.drawCount > 0, async (page) => {
    const result = await page.evaluate(async () => {
      const plot = document.createElement("activation-plot");
      plot.setAttribute("fn", "elu");
      plot.setAttribute("controls", Array.from({ length: 50_000 }, (_, i) => (i % 2 ? "x" : `y${i}`)).join(","));
      document.body.append(plot);
      await new Promise((resolve) => plot.addEventListener("draw", resolve, { once: true }));
      return { height: plot.getBoundingClientRect().height, problems: plot.problems, items: plot.shadowRoot.querySelectorAll("li").length };
    });
    assert.ok(result.height < 800, `the element is ${result.height} px tall`);
    assert.ok(result.problems.length <= MAX_LISTED && result.items <= MAX_LISTED, `${result.problems.length} problems, ${result.items} listed`);
    assert.match(result.problems.join("\n"), /controls: elu has no parameter "y0"/);
    assert.match(result.problems.join("\n"), /controls: ignored 24998 more names that are not parameters of elu/);
  }));

test("embed.html?lab=1 in an 8000×8000 viewport: the chart's canvas holds at most 4096×4096 pixels", () =>
  crafted(
    "embed.html?lab=1",
    () => Number(document.querySelector('[data-testid="lab-dead-chart"]')?.dataset.step) >= 0 && document.querySelector('[data-testid="lab-dead-chart"]').width > 300,
    async (page) => {
      const canvases = await page.evaluate(() => [...document.querySelectorAll("canvas")].map((c) => [c.width, c.height]));
      assert.ok(canvases.length >= 1);
      for (const [w, h] of canvases) assert.ok(w * h <= 4096 * 4096, `a ${w}×${h} canvas`);
    },
    { viewport: { width: 8000, height: 8000 }, deviceScaleFactor: 2 },
  ));
