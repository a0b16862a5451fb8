// Each page fetches the wasm module it needs and no other: the explorer, authors and embed pages
// the explorer's small module (pkg/actviz_bg.wasm), the lab and claims pages the full one
// (pkg/actviz_lab_bg.wasm), which their workers get by postMessage (no second fetch). Each page's
// preload is the module it compiles: Chrome warns about a preload left unused, and a page that
// fetched a module it had not preloaded would count two wasm fetches.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, openPage, suite } from "../page/harness.mjs";

const EXPLORER = "/pkg/actviz_bg.wasm";
const LAB = "/pkg/actviz_lab_bg.wasm";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

/**
 * Opens `query`, waits until it has its wasm and a little longer (Chrome's unused-preload warning
 * comes a few seconds after load), and returns the wasm files it requested: `all` from the page,
 * its workers and its frames (the context's requests), `page` from the page's document alone.
 * @param {string} query
 * @param {(page: any) => Promise<unknown>} [ready] what else to wait for
 */
async function wasmRequests(query, ready = async () => {}) {
  const { page, context, problems, requests } = await openPage(env.browser, env.origin, query, { waitForCharts: false });
  try {
    await page.waitForFunction(() => performance.getEntriesByName("actviz:wasm-ready").length > 0, null, { timeout: 30_000 });
    await ready(page);
    await page.waitForTimeout(3500);
    await assertClean(page, problems);
    const own = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name));
    const wasm = (/** @type {string[]} */ urls) => urls.filter((url) => url.endsWith(".wasm")).map((url) => new URL(url).pathname).sort();
    return { all: wasm(requests), page: wasm(own) };
  } finally {
    await context.close();
  }
}

for (const query of ["", "embed.html?fn=elu&alpha=0.5"]) {
  test(`${query || "index.html"} fetches the explorer's wasm once, never the lab's`, async () => {
    const drawn = (page) =>
      page.waitForFunction(
        () => performance.getEntriesByName("actviz:first-draw").length > 0 || document.querySelector("activation-plot")?.drawCount > 0,
        null,
        { timeout: 30_000 },
      );
    assert.deepEqual(await wasmRequests(query, drawn), { all: [EXPLORER], page: [EXPLORER] });
  });
}

// Its example frames are embed.html pages, each fetching its own (the lab example the full module).
test("authors.html fetches the explorer's wasm once, never the lab's", async () => {
  const { page } = await wasmRequests("authors.html", (p) => p.waitForFunction(() => document.querySelector("activation-plot")?.drawCount > 0));
  assert.deepEqual(page, [EXPLORER]);
});

test("lab.html fetches the full wasm once, for the page and its worker, never the explorer's", async () => {
  const trained = async (page) => {
    await page.getByTestId("lab-step").click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-step-count"]').textContent) > 0, null, { timeout: 30_000 });
  };
  assert.deepEqual(await wasmRequests("lab.html", trained), { all: [LAB], page: [LAB] });
});

test("claims.html fetches the full wasm once, never the explorer's", async () => {
  assert.deepEqual(await wasmRequests("claims.html"), { all: [LAB], page: [LAB] });
});

test("embed.html?lab=1: the full wasm for its lab; the explorer's, which the page preloads, for its elements", async () => {
  assert.deepEqual(await wasmRequests("embed.html?lab=1"), { all: [EXPLORER, LAB], page: [EXPLORER, LAB] });
});
