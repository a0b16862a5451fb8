// The author docs (authors.html): every example runs live next to its code, the code is
// copy-paste ready for this site, the reference tables are complete; plus screenshots of the docs
// and of the iframe page at desktop and phone sizes, light and dark (tests/screenshots/).

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { SCREENSHOTS, assertClean, locatorStats, openPage, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(() => env?.close());

/** Scrolls through the page so lazy iframes load, then waits for every chart in it and in its frames. */
async function everythingDrawn(page) {
  for (const frame of await page.locator("iframe").all()) await frame.scrollIntoViewIfNeeded();
  await page.evaluate(() => scrollTo(0, 0));
  const drawn = (frame) =>
    frame.waitForFunction(
      () => {
        const plots = [...document.querySelectorAll("activation-plot")];
        const lab = document.querySelector('[data-testid="lab-dead-chart"]');
        return (plots.length > 0 && plots.every((p) => p.drawCount > 0)) || lab?.dataset.step === "0";
      },
      null,
      { timeout: 30_000 },
    );
  await drawn(page);
  await page.waitForFunction(() => [...document.querySelectorAll("iframe")].every((f) => f.contentDocument?.readyState === "complete"));
  for (const frame of page.frames().slice(1)) await drawn(frame);
}

test("every way is shown live next to its code", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "authors.html", { waitForCharts: false });
  await everythingDrawn(page);

  // Web components, rendered from their code blocks.
  for (const id of ["wc-basic", "wc-compare", "wc-invalid"]) {
    const live = page.getByTestId(`live-${id}`).locator("activation-plot");
    assert.equal(await live.count(), 1, `${id} rendered`);
    assert.ok((await locatorStats(live.getByTestId("function-plot"))).ink > 1500, `${id} drawn`);
    const code = await page.locator(`#${id}`).textContent();
    for (const name of await live.evaluate((el) => el.getAttributeNames())) {
      assert.ok(code.includes(`${name}`), `${id}: the code shows ${name}`);
    }
  }
  assert.equal(await page.getByTestId("live-wc-invalid").getByRole("alert").isVisible(), true, "the mistake example shows its message");
  assert.equal(await page.getByTestId("live-wc-basic").getByTestId("control-negative_slope").count(), 1);

  // Code is copy-paste ready for this site: absolute URLs of this origin.
  assert.match(await page.locator("#wc-basic").textContent(), new RegExp(`src="${env.origin}/activation-plot\\.js"`));
  assert.match(await page.locator("#api-code").textContent(), new RegExp(`from "${env.origin}/pkg/actviz\\.js"`));
  assert.match(await page.locator("#iframe-plot").textContent(), new RegExp(`src="${env.origin}/embed\\.html\\?fn=elu&alpha=0\\.5`));
  assert.match(await page.locator("#npm-code").textContent(), /import "actviz\/activation-plot\.js"/, "bare specifiers stay");

  // The iframes show their charts.
  const plotFrame = page.frameLocator('[data-testid="live-iframe-plot"] iframe');
  assert.ok((await locatorStats(plotFrame.getByTestId("plot").getByTestId("function-plot"))).ink > 1500, "iframe chart drawn");
  assert.equal(await plotFrame.getByTestId("plot").getByTestId("control-alpha").count(), 1);
  const labFrame = page.frameLocator('[data-testid="live-iframe-lab"] iframe');
  assert.match(await labFrame.getByTestId("lab-dead-relu").textContent(), /of 96/);

  // The JS API example.
  assert.ok((await locatorStats(page.getByTestId("api-canvas"))).ink > 1500, "API chart drawn");
  const values = await page.getByTestId("api-values").locator("tbody tr").allTextContents();
  assert.deepEqual(values, ["-1-0.158808", "00.000000", "10.841192"]);

  // Reference tables.
  assert.equal(await page.getByTestId("parameter-table").locator("tbody tr").count(), 23, "one row per activation, custom's included");
  assert.match(await page.getByTestId("parameter-table").textContent(), /negative-slope \(0\.01, 0 to 1\)/);
  assert.match(await page.getByTestId("parameter-table").textContent(), /formula a formula in x, at most 1000 characters, default "x \* sigmoid\(x\)"/);
  const attributes = await page.getByTestId("attribute-table").locator("tbody th").allTextContents();
  for (const name of ["fn", "compare", "derivative", "controls", "xmin", "height", "theme"]) {
    assert.ok(attributes.some((a) => a.includes(name)), `${name} documented`);
  }

  // Same header as the explorer, with the Embed link current.
  assert.deepEqual(await page.locator(".site-nav a").allTextContents(), ["Explorer", "Dead-neuron lab", "The article's network", "Claims tested", "Embed"]);
  assert.equal(await page.locator('.site-nav a[aria-current="page"]').textContent(), "Embed");

  // Copy: the clipboard gets the code (or, if refused, the code is selected); never an error.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.locator('[data-copy="wc-compare"]').click();
  await page.waitForFunction(() => document.querySelector('[data-copy="wc-compare"]').textContent !== "Copy");
  const clipboard = await page.evaluate(() => navigator.clipboard.readText().catch(() => getSelection().toString()));
  assert.equal(clipboard, await page.locator("#wc-compare").textContent());
  await page.waitForTimeout(3500); // past Chrome's unused-preload warnings
  await assertClean(page, problems);
  await context.close();
});

const SIZES = [
  { name: "1280x800", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: "390x844", viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
];

for (const size of SIZES) {
  for (const colorScheme of ["light", "dark"]) {
    test(`screenshots ${size.name} ${colorScheme}: authors page and iframe page`, async () => {
      const { name, ...options } = size;
      const shot = (page, file, fullPage = false) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `${file}-${name}-${colorScheme}${fullPage ? "-full" : ""}.png`), fullPage });
      const noOverflow = async (page, what) => {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `${what}: no horizontal scrolling (${overflow}px too wide)`);
      };

      const authors = await openPage(env.browser, env.origin, "authors.html", { ...options, colorScheme, waitForCharts: false });
      await everythingDrawn(authors.page);
      await noOverflow(authors.page, "authors");
      await shot(authors.page, "authors");
      await shot(authors.page, "authors", true);
      await assertClean(authors.page, authors.problems);
      await authors.context.close();

      const embed = await openPage(env.browser, env.origin, "embed.html?fn=leaky_relu&negative_slope=0.1&compare=relu,elu&controls=negative_slope", {
        ...options,
        colorScheme,
        waitForCharts: false,
      });
      await everythingDrawn(embed.page);
      await noOverflow(embed.page, "embed");
      await shot(embed.page, "embed");
      await assertClean(embed.page, embed.problems);
      await embed.context.close();

      const lab = await openPage(env.browser, env.origin, "embed.html?lab=1&preset=high_lr", { ...options, colorScheme, waitForCharts: false });
      await lab.page.getByTestId("lab-toggle").click();
      await lab.page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-dead-chart"]').dataset.step) >= 600);
      await lab.page.getByTestId("lab-toggle").click();
      await noOverflow(lab.page, "embed lab");
      await shot(lab.page, "embed-lab");
      await assertClean(lab.page, lab.problems);
      await lab.context.close();
    });
  }
}
