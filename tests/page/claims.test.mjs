// The claims page in headless Chromium: the dying card reaches the verdict `new ClaimRun("dying")`
// reaches in the page's own wasm, without blocking the main thread; the oscillation card reaches a
// verdict; the noise card starts and can be cancelled. Screenshots at desktop and phone sizes,
// light and dark.

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { SCREENSHOTS, assertClean, canvasStats, openPage, suite } from "./harness.mjs";
import { BUSY, rendererTasks, stolenTime } from "./trace.mjs";

const VERDICTS = ["supported", "contradicted", "no-difference"];

let env;
before(async () => {
  env = await suite();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(() => env?.close());

async function openClaims(options = {}) {
  const opened = await openPage(env.browser, env.origin, "claims.html", { ...options, waitForCharts: false });
  await opened.page.waitForFunction(() => !document.querySelector('[data-testid="claims-run-all"]').disabled, null, { timeout: 20_000 });
  return opened;
}

const card = (page, id) => page.getByTestId(`claim-${id}`);

/** Clicks a card's Run button and waits (up to `timeout` ms) for its verdict. */
async function runCard(page, id, timeout) {
  await card(page, id).getByTestId("claim-run").click();
  await page.waitForFunction((i) => document.querySelector(`[data-testid="claim-${i}"]`).dataset.verdict === "running", id);
  await page.waitForFunction(
    ([i, verdicts]) => verdicts.includes(document.querySelector(`[data-testid="claim-${i}"]`).dataset.verdict),
    [id, VERDICTS],
    { timeout },
  );
}

test("the dying card reaches ClaimRun's verdicts without blocking the page", async (t) => {
  const { page, context, problems } = await openClaims();
  const busyBefore = await stolenTime(page);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
    }).observe({ type: "longtask" });
  });
  await env.browser.startTracing(page, { categories: ["toplevel"] });
  await runCard(page, "dying", 120_000);
  const tasks = rendererTasks(await env.browser.stopTracing());
  const shown = await card(page, "dying").evaluate((el) => ({ ...el.dataset }));
  const longTasks = await page.evaluate(() => window.__longTasks);
  const busy = Math.max(busyBefore, await stolenTime(page));
  const longestCpu = Math.max(0, ...tasks.map(([, cpu]) => cpu));
  t.diagnostic(`longest task ${longestCpu.toFixed(1)} ms of CPU; long tasks (wall) ${JSON.stringify(longTasks)}; ${Math.round(busy * 100)}% stolen`);
  assert.ok(tasks.length > 50, `the trace has the page's tasks (${tasks.length})`);
  assert.ok(longestCpu < 50, `no task spends over 50 ms of main-thread CPU (longest ${longestCpu.toFixed(1)} ms)`);
  if (busy <= BUSY) assert.deepEqual(longTasks, [], "no main-thread task over 50 ms (wall clock) while the claim ran");
  assert.ok(VERDICTS.includes(shown.verdictGradient), `gradient verdict ${shown.verdictGradient}`);
  const badge = await card(page, "dying").getByTestId("claim-verdict").textContent();
  assert.match(badge, /^(Supported|Contradicted|No difference)$/);
  assert.match(await card(page, "dying").getByTestId("claim-effect").textContent(), /95% interval/);
  const rows = await card(page, "dying").locator('[data-testid="claim-groups"] tbody tr').count();
  assert.ok(rows >= 1, `a table row per group (${rows})`);
  for (const key of ["intervals", "gradient"]) {
    const stats = await canvasStats(page, `claim-chart-${key}`);
    assert.ok(stats.ink > 1000, `${key} chart drawn (${stats.ink} inked pixels)`);
  }
  // The same claim run to the end directly in the page's wasm gives the same verdicts.
  const direct = await page.evaluate(async () => {
    const wasm = await import(new URL("pkg/actviz_lab.js", document.baseURI).href);
    await wasm.default({ module_or_path: new URL("pkg/actviz_lab_bg.wasm", document.baseURI) });
    const run = new wasm.ClaimRun("dying");
    while (!run.advance());
    const r = run.result();
    return { verdict: r.verdict, gradient: r.gradient.verdict, done: r.done, total: r.total };
  });
  assert.equal(direct.done, direct.total);
  assert.equal(shown.verdict, direct.verdict);
  assert.equal(shown.verdictGradient, direct.gradient);
  await page.screenshot({ path: path.join(SCREENSHOTS, "claims-dying-desktop-light.png"), fullPage: true });
  await assertClean(page, problems);
  await context.close();
});

test("the oscillation card reaches a verdict", async () => {
  const { page, context, problems } = await openClaims();
  await runCard(page, "oscillation", 120_000);
  assert.equal(await card(page, "oscillation").getByTestId("claim-progress").evaluate((p) => p.value), 1);
  assert.match(await card(page, "oscillation").getByTestId("claim-status").textContent(), /runs in .* s\./);
  assert.equal(await card(page, "dying").getAttribute("data-verdict"), "pending", "other cards untouched");
  // The verdict is announced once, in the page's polite live region, with the card's title and sentence.
  const title = await card(page, "oscillation").locator(".claim-title").textContent();
  const badge = await card(page, "oscillation").getByTestId("claim-verdict").textContent();
  const sentence = await card(page, "oscillation").getByTestId("claim-sentence").textContent();
  const announcer = page.getByTestId("claims-announce");
  assert.equal(await announcer.getAttribute("aria-live"), "polite");
  assert.equal(await announcer.textContent(), `${title}: ${badge}. ${sentence}`);
  assert.equal(await card(page, "oscillation").getByTestId("claim-status").getAttribute("aria-live"), null, "progress is not announced");
  await assertClean(page, problems);
  await context.close();
});

test("the noise card starts, and cancel returns it to pending with the page usable", async () => {
  const { page, context, problems } = await openClaims();
  const noise = card(page, "noise");
  await noise.getByTestId("claim-run").click();
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="claim-noise"]');
    return el.dataset.verdict === "running" && el.querySelector('[data-testid="claim-progress"]').value > 0;
  }, null, { timeout: 60_000 });
  assert.equal((await noise.getByTestId("claim-run").textContent()).trim(), "Cancel");
  await noise.getByTestId("claim-run").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="claim-noise"]').dataset.verdict === "pending");
  assert.match(await noise.getByTestId("claim-status").textContent(), /Cancelled/);
  assert.match(await page.getByTestId("claims-announce").textContent(), /: cancelled, no verdict\.$/);
  assert.equal((await noise.getByTestId("claim-run").textContent()).trim(), "Run");
  // Still usable: another claim runs to a verdict in a fresh worker.
  await runCard(page, "oscillation", 120_000);
  await assertClean(page, problems);
  await context.close();
});

test("screenshots at desktop and phone sizes, light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
      const { page, context, problems } = await openClaims({ viewport, colorScheme });
      await runCard(page, "oscillation", 120_000);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      await page.screenshot({ path: path.join(SCREENSHOTS, `claims-${name}-${colorScheme}.png`) });
      await card(page, "oscillation").screenshot({ path: path.join(SCREENSHOTS, `claims-oscillation-${name}-${colorScheme}.png`) });
      await assertClean(page, problems);
      await context.close();
    }
  }
});
