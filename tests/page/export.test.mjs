// Export: "SVG" downloads a valid SVG document (rendered by wasm) containing every curve, and
// "PNG" downloads one PNG with both charts; the torch snippet's copy button works.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { assertClean, openPage, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

test("the SVG export is a valid SVG with the curves of both charts", async () => {
  // At devicePixelRatio 2: the SVG is in CSS pixels all the same.
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu&negative_slope=0.2&compare=elu", {
    deviceScaleFactor: 2,
  });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-svg").click()]);
  assert.equal(download.suggestedFilename(), "actviz-leaky_relu.svg");
  const svg = await readFile(await download.path(), "utf8");
  assert.match(svg, /^(<\?xml[^>]*>\s*)?<svg/);

  // Parse it as the browser would, in a blank page (no app code involved).
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = doc.documentElement;
    return {
      error: doc.querySelector("parsererror")?.textContent ?? null,
      root: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute("width")),
      height: Number(root.getAttribute("height")),
      curves: doc.querySelectorAll("path, polyline").length,
      strokes: [...doc.querySelectorAll("path, polyline")].map((e) => (e.getAttribute("stroke") ?? "").toLowerCase()),
      text: [...doc.querySelectorAll("text")].map((t) => t.textContent).join(" "),
      fontSizes: [...doc.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size"))),
    };
  }, svg);
  assert.equal(parsed.error, null, "parses without errors");
  assert.equal(parsed.root, "svg");
  assert.equal(parsed.ns, "http://www.w3.org/2000/svg");
  assert.ok(parsed.width >= 640 && parsed.height >= 300, `${parsed.width}×${parsed.height}`);
  assert.ok(parsed.curves >= 4, `two curves in each of two charts (${parsed.curves} paths)`);
  const colors = await page.evaluate(() => [...document.querySelectorAll('[data-testid="compare-item"] .chip, #main-chip')].map((c) => getComputedStyle(c).backgroundColor));
  for (const rgb of colors) {
    const hex = `#${rgb.match(/\d+/g).slice(0, 3).map((v) => Number(v).toString(16).padStart(2, "0")).join("")}`;
    assert.ok(parsed.strokes.some((s) => s === hex), `a curve stroked ${hex}`);
  }
  assert.ok(parsed.text.includes("Leaky ReLU (0.2)"), "legend labels as on screen");
  assert.ok(Math.max(...parsed.fontSizes) <= 18, `text at CSS-pixel sizes (${Math.max(...parsed.fontSizes)})`);
  await assertClean(page, problems);
  await context.close();
});

test("the PNG export holds both charts", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=tanh");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png").click()]);
  assert.equal(download.suggestedFilename(), "actviz-tanh.png");
  const png = await readFile(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "PNG signature");
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const sizes = await page.evaluate(() =>
    ["function-plot", "derivative-plot"].map((id) => {
      const c = document.querySelector(`[data-testid="${id}"]`);
      return [c.width, c.height];
    }),
  );
  assert.ok(width > sizes[0][0] + sizes[1][0], `wide enough for both charts (${width})`);
  assert.ok(height > sizes[0][1], `tall enough (${height})`);
  await assertClean(page, problems);
  await context.close();
});

test("the torch snippet can be copied", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=celu&alpha=0.5");
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.origin });
  assert.equal(await page.getByTestId("torch-snippet").textContent(), "nn.CELU(alpha=0.5)");
  await page.getByTestId("torch-copy").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="torch-copy"]').textContent === "Copied");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "nn.CELU(alpha=0.5)");
  await assertClean(page, problems);
  await context.close();
});
