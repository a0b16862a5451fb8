// Layout at desktop and phone sizes, light and dark: screenshots saved for people to look at
// (tests/screenshots/, gitignored), plus the layout rules that can be checked mechanically.

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { SCREENSHOTS, assertClean, frames, geometry, openPage, pagePoint, pixelOfX, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(() => env?.close());

const QUERY = "?fn=leaky_relu&negative_slope=0.1&compare=relu,elu,gelu&xmin=-4&xmax=4";
const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: "phone", viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
];

for (const size of SIZES) {
  for (const colorScheme of ["light", "dark"]) {
    const { width, height } = size.viewport;
    test(`${width}×${height} ${colorScheme}`, async () => {
      const { name, ...options } = size;
      const { page, context, problems } = await openPage(env.browser, env.origin, QUERY, { ...options, colorScheme });
      await frames(page);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);

      const box = async (testid) => page.getByTestId(testid).boundingBox();
      const f = await box("function-plot");
      const df = await box("derivative-plot");
      if (name === "desktop") {
        // Controls and both charts visible without scrolling, charts side by side.
        assert.ok(f.y + f.height <= height && df.y + df.height <= height, "both charts fully visible");
        assert.ok(Math.abs(f.y - df.y) < 1 && df.x > f.x + f.width, "side by side");
        const select = await box("activation-select");
        assert.ok(select.y + select.height <= height && select.x + select.width < f.x, "picker beside the charts");
        assert.ok((await box("param-negative_slope")).y < height, "the slider too");
      } else {
        assert.ok(df.y >= f.y + f.height, "stacked");
        assert.ok(f.width >= width - 60, `charts use the width (${f.width}px)`);
        const select = await box("activation-select");
        assert.ok(select.y < f.y, "picker first, charts right after it");
      }

      // A hover reading in the screenshot shows what the page is for.
      const geo = await geometry(page, "function-plot");
      const [, top, , bottom] = geo.plotArea;
      const point = pagePoint(geo, pixelOfX(geo, -1.5), (top + bottom) / 2);
      await page.getByTestId("function-overlay").scrollIntoViewIfNeeded();
      if (name === "desktop") await page.mouse.move(point.x, point.y);
      else await page.touchscreen.tap(point.x, point.y - (await page.evaluate(() => scrollY)));
      await page.evaluate(() => scrollTo(0, 0));
      await frames(page);

      // What a visitor sees first, and the whole page.
      const file = path.join(SCREENSHOTS, `explorer-${width}x${height}-${colorScheme}.png`);
      await page.screenshot({ path: file });
      await page.screenshot({ path: file.replace(".png", "-full.png"), fullPage: true });
      await assertClean(page, problems);
      await context.close();
    });
  }
}
