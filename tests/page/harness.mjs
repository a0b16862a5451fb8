// Shared harness of the page tests: a static server for the release site in dist/ (what `make
// build` bundles from www/: the tests check what ships), headless Chromium (Debian's, via
// playwright-core), and a page wrapper that records every console error or warning, page
// error, CSP violation and request to another origin, so each test can assert there were none.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The sources: plain-node unit tests import their modules, and www/pkg, from here. */
export const WWW = path.resolve(here, "../../www");
/** The release site the browser tests load. */
export const DIST = path.resolve(here, "../../dist");
export const SCREENSHOTS = path.resolve(here, "../screenshots");
/**
 * Test-only pages, served under /fixtures/ beside dist/ (which they load as the site would), and
 * catalogue.mjs, the catalogue slice the plain-node unit tests share.
 */
export const FIXTURES = path.resolve(here, "fixtures");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ts": "text/plain; charset=utf-8",
};

/** Fails early, and readably, when the wasm package or the release site has not been built. */
export function requireBuild() {
  for (const file of [path.join(WWW, "pkg", "actviz.js"), path.join(DIST, "index.html"), path.join(DIST, "pkg", "actviz.js")]) {
    assert.ok(existsSync(file), `${file} is missing: run \`make build\` first`);
  }
}

/**
 * Serves dist/ on 127.0.0.1 at a free port, with tests/page/fixtures/ under /fixtures/, the
 * unbundled sources under /dev/ (as `make serve-dev` serves them, for what only exists there:
 * one request per module) and any
 * other `mounts` (`{ "/prefix/": directory }`) beside it. `options.headers` are added to every
 * response (make bench sends the cross-origin isolation headers this way).
 */
export async function startServer(mounts = {}, { headers = {} } = {}) {
  const all = { "/fixtures/": FIXTURES, "/dev/": WWW, ...mounts };
  // Long request lines are allowed (Chrome sends URLs of up to 2 MB): the crafted-link tests
  // open links of a megabyte, which some hosts serve.
  const server = http.createServer({ maxHeaderSize: 4 * 1024 * 1024 }, async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    const prefix = Object.keys(all).find((p) => url.pathname.startsWith(p));
    const base = prefix ? all[prefix] : DIST;
    const rest = prefix ? url.pathname.slice(prefix.length - 1) : url.pathname;
    let file = path.normalize(path.join(base, decodeURIComponent(rest)));
    if (!file.startsWith(base)) {
      res.writeHead(403, headers).end();
      return;
    }
    if (url.pathname.endsWith("/")) file = path.join(file, "index.html");
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        ...headers,
        "content-type": MIME[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { ...headers, "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Headless Chromium from the system (never a downloaded one). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Opens `origin + query` in a fresh context and waits until both charts are drawn.
 * @returns {Promise<{ page, context, problems: string[], requests: string[] }>} `problems` fills
 *   as they happen (check them with `assertClean`); `requests` lists every URL the pages asked for.
 */
export async function openPage(browser, origin, query = "", options = {}) {
  const { viewport = { width: 1280, height: 800 }, colorScheme = "light", waitForCharts = true, ...rest } = options;
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true, ...rest });
  const problems = [];
  const requests = [];
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    problems.push(`request to another origin: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    const type = message.type();
    if (type === "error" || type === "warning" || message.text().includes("Content Security Policy")) {
      problems.push(`console.${type}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${origin}/${query}`);
  if (waitForCharts) await chartsReady(page);
  return { page, context, problems, requests };
}

/** Waits for the first drawing of both charts. */
export async function chartsReady(page) {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="function-plot"]')?.dataset.plotArea &&
      document.querySelector('[data-testid="derivative-plot"]')?.dataset.plotArea,
    null,
    { timeout: 30_000 },
  );
}

/** Lets pending animation frames (coalesced redraws) run. */
export async function frames(page, count = 2) {
  await page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
        step(n);
      }),
    count,
  );
}

/**
 * Asserts no console error/warning, page error, CSP violation, foreign request or error notice
 * (e.g. a failed drawing) happened.
 */
export async function assertClean(page, problems) {
  const csp = await page.evaluate(() => window.__cspViolations ?? []);
  const notices = await page.evaluate(() => Number(document.querySelector('[data-testid="notice"]')?.dataset.errors ?? 0));
  assert.deepEqual(
    [
      ...problems,
      ...csp.map((v) => `CSP violation: ${v}`),
      ...(notices ? [`${notices} error notice(s) shown`] : []),
    ],
    [],
  );
}

/**
 * Chart geometry from the canvas's data attributes: plot area in canvas pixels, x and y ranges,
 * the canvas's pixel size and its CSS box.
 */
export async function geometry(page, testid) {
  return page.getByTestId(testid).evaluate((canvas) => {
    const numbers = (s) => s.split(",").map(Number);
    const rect = canvas.getBoundingClientRect();
    return {
      plotArea: numbers(canvas.dataset.plotArea),
      xRange: numbers(canvas.dataset.xRange),
      yRange: numbers(canvas.dataset.yRange),
      width: canvas.width,
      height: canvas.height,
      rect: { left: rect.left, top: rect.top, width: rect.width, height: rect.height },
    };
  });
}

/** Canvas pixel x of data x (plotters maps x linearly onto the plot area). */
export function pixelOfX(geo, x) {
  const [left, , right] = geo.plotArea;
  const [xmin, xmax] = geo.xRange;
  return left + ((x - xmin) / (xmax - xmin)) * (right - left);
}

/** Page (CSS) coordinates of a canvas pixel. */
export function pagePoint(geo, px, py) {
  return {
    x: geo.rect.left + (px * geo.rect.width) / geo.width,
    y: geo.rect.top + (py * geo.rect.height) / geo.height,
  };
}

/**
 * Summary of a canvas region (canvas pixels; the whole canvas by default): a hash of its pixels,
 * how many differ from the top-left corner's colour ("ink"), and how many are close to `color`.
 */
export async function canvasStats(page, testid, region = null, color = null) {
  return locatorStats(page.getByTestId(testid), region, color);
}

/** `canvasStats` of the canvas a locator points at (e.g. one inside a web component). */
export async function locatorStats(locator, region = null, color = null) {
  return locator.evaluate(
    (canvas, { region, color }) => {
      const [x0, y0, x1, y1] = region ?? [0, 0, canvas.width, canvas.height];
      const w = Math.max(1, Math.round(x1 - x0));
      const h = Math.max(1, Math.round(y1 - y0));
      // Read through a copy: repeated getImageData on the page's own canvas makes Chrome warn.
      const copy = document.createElement("canvas");
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(canvas, 0, 0);
      const data = ctx.getImageData(Math.round(x0), Math.round(y0), w, h).data;
      const full = ctx.getImageData(0, 0, 1, 1).data;
      const target = color && [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
      let hash = 2166136261;
      let ink = 0;
      let matches = 0;
      for (let i = 0; i < data.length; i += 4) {
        for (let c = 0; c < 4; c += 1) hash = Math.imul(hash ^ data[i + c], 16777619) >>> 0;
        if (data[i] !== full[0] || data[i + 1] !== full[1] || data[i + 2] !== full[2]) ink += 1;
        if (target && Math.abs(data[i] - target[0]) + Math.abs(data[i + 1] - target[1]) + Math.abs(data[i + 2] - target[2]) < 40) {
          matches += 1;
        }
      }
      return { hash, ink, matches, background: [full[0], full[1], full[2]] };
    },
    { region, color },
  );
}

/** Resolves when `location.search` satisfies `predicate` (the URL is written a little later). */
export async function waitForSearch(page, predicate) {
  await page.waitForFunction(predicate, null, { timeout: 5_000 });
  return page.evaluate(() => location.search);
}

/** Sets up a server (see startServer for `mounts`) and browser for one test file; returns them and a teardown. */
export async function suite(mounts = {}) {
  requireBuild();
  const server = await startServer(mounts);
  const browser = await launchBrowser();
  return {
    origin: server.origin,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
