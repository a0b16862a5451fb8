// Accessibility: axe-core (the standard engine, from npm) finds no violations on any page, in
// light and dark, at desktop and phone widths, with every rule on. axe is served beside dist/
// under /axe/ and injected into every frame as a same-origin script, which the pages' strict CSP
// allows. One browser; one context per colour scheme and size, reused for every page.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { DIST, chartsReady, suite } from "./harness.mjs";

const AXE = path.resolve(DIST, "../node_modules/axe-core");

let env;
before(async () => {
  env = await suite({ "/axe/": AXE });
});
after(() => env?.close());

/** Waits until every <activation-plot> in a frame drew, or its compact lab did. */
const embedDrawn = (frame) =>
  frame.waitForFunction(
    () => {
      const plots = [...document.querySelectorAll("activation-plot")];
      const lab = document.querySelector('[data-testid="lab-dead-chart"]');
      return (plots.length > 0 && plots.every((p) => p.drawCount > 0)) || lab?.dataset.step === "0";
    },
    null,
    { timeout: 30_000 },
  );

/** Every page and mode, with what "ready" means for it. */
const PAGES = [
  { name: "explorer", url: "index.html?fn=leaky_relu&compare=relu,elu,gelu", ready: chartsReady },
  {
    // A link with bad parts (the warning notice) and a chart read by keyboard (the readout table).
    name: "explorer with a notice and a reading",
    url: "index.html?fn=nope&xmin=abc&compare=relu",
    ready: async (page) => {
      await chartsReady(page);
      await page.getByTestId("function-overlay").focus();
      await page.keyboard.press("ArrowRight");
    },
  },
  {
    name: "lab",
    url: "lab.html",
    ready: (page) => page.waitForFunction(() => document.querySelector('[data-testid="lab"]')?.dataset.ready === "true", null, { timeout: 30_000 }),
  },
  {
    // Training under way: statistics, dead counts and charts filled in.
    name: "lab, training",
    url: "lab.html?preset=high_lr",
    ready: async (page) => {
      await page.waitForFunction(() => document.querySelector('[data-testid="lab"]')?.dataset.ready === "true", null, { timeout: 30_000 });
      await page.getByTestId("lab-start").click();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-step-count"]')?.textContent) >= 200, null, { timeout: 30_000 });
    },
  },
  {
    name: "claims",
    url: "claims.html",
    ready: (page) => page.waitForFunction(() => !document.querySelector('[data-testid="claims-run-all"]')?.disabled, null, { timeout: 30_000 }),
  },
  {
    name: "authors",
    url: "authors.html",
    ready: async (page) => {
      for (const frame of await page.locator("iframe").all()) await frame.scrollIntoViewIfNeeded();
      await page.evaluate(() => scrollTo(0, 0));
      await embedDrawn(page);
      await page.waitForFunction(() => [...document.querySelectorAll("iframe")].every((f) => f.contentDocument?.readyState === "complete"));
      for (const frame of page.frames().slice(1)) await embedDrawn(frame);
    },
  },
  { name: "embed", url: "embed.html?fn=elu&alpha=0.5&compare=relu&controls=alpha", ready: embedDrawn },
  { name: "embed f only, all controls", url: "embed.html?fn=leaky_relu&derivative=0&controls=all", ready: embedDrawn },
  { name: "embed lab", url: "embed.html?lab=1", ready: embedDrawn },
  ...(existsSync(path.join(DIST, "network.html"))
    ? [{ name: "network", url: "network.html", ready: (page) => page.locator('[data-testid="network"][data-ready="true"]').waitFor({ timeout: 60_000 }) }]
    : []),
];

const CONTEXTS = [
  { scheme: "light", viewport: { width: 1280, height: 800 } },
  { scheme: "dark", viewport: { width: 1280, height: 800 } },
  { scheme: "light", viewport: { width: 390, height: 844 } },
  { scheme: "dark", viewport: { width: 390, height: 844 } },
];

/** axe's violations on the page now, every frame included, every rule on. */
async function axeViolations(page) {
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => "axe" in window))) await frame.addScriptTag({ url: "/axe/axe.min.js" });
  }
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.flat().join(" >>> "), summary: n.failureSummary })),
    }));
  });
}

/** One violation, readably: rule, impact, what it asks, then each node's selector and why. */
function describe(pageName, v) {
  const nodes = v.nodes.slice(0, 12).map((n) => `    ${n.target}\n      ${n.summary.replace(/\n\s*/g, "\n      ")}`);
  const more = v.nodes.length > 12 ? [`    … and ${v.nodes.length - 12} more`] : [];
  return [`  [${pageName}] ${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help}`, ...nodes, ...more].join("\n");
}

for (const { scheme, viewport } of CONTEXTS) {
  test(`axe-core finds no violations on any page, ${scheme}, ${viewport.width}×${viewport.height}`, async () => {
    const context = await env.browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    const found = [];
    for (const { name, url, ready } of PAGES) {
      await page.goto(`${env.origin}/${url}`);
      await ready(page);
      for (const v of await axeViolations(page)) found.push(describe(name, v));
    }
    await context.close();
    assert.equal(found.length, 0, `axe-core violations (${scheme}, ${viewport.width} px):\n${found.join("\n")}`);
  });
}
