#!/usr/bin/env node
// Writes the release site to dist/ from www/ (`make build` runs this after the wasm build): each
// page's module bundled with its whole import graph into one minified ES module, each page's
// stylesheet entry with its @imports into one minified stylesheet, the web component into one
// file, the HTML copied unchanged (and checked), the wasm package and the static assets copied.
//
// dist/ mirrors www/: a bundle sits where its entry's source sits (www/js/lab/main.js becomes
// dist/js/lab/main.js), so the same HTML serves both, and a URL a source module builds from
// `import.meta.url` is re-aimed at the same file from wherever the bundle puts that module.

import { build } from "esbuild";
import { cp, mkdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WWW = path.join(ROOT, "www");
export const DIST = path.join(ROOT, "dist");

/**
 * The two wasm modules (the Makefile's `wasm` target builds both into www/pkg/): the explorer's,
 * small, and the full one with the lab. A page's entry picks one (`startPage({ module: LAB })`,
 * js/runtime/wasm-lab.js) and its HTML preloads that one's wasm.
 */
export const WASM = {
  explorer: { glue: "pkg/actviz.js", wasm: "pkg/actviz_bg.wasm" },
  lab: { glue: "pkg/actviz_lab.js", wasm: "pkg/actviz_lab_bg.wasm" },
};

/**
 * Every entry point of the site, paths relative to www/ (and, the same, to dist/). A row with
 * `html` is a page: it must link exactly its `style`, its `script`, the preload of its `wasm`
 * module (a key of WASM) and the icon. A row without is a module loaded by something else: the
 * lab's worker (`new Worker(new URL(..., import.meta.url))`, built only once its source exists)
 * and the web component other sites load.
 * @type {{ script: string, html?: string, style?: string, wasm?: keyof typeof WASM, optional?: boolean }[]}
 */
export const ENTRIES = [
  { html: "index.html", script: "js/main.js", style: "css/pages/index.css", wasm: "explorer" },
  { html: "lab.html", script: "js/lab/main.js", style: "css/pages/lab.css", wasm: "lab" },
  { html: "embed.html", script: "js/embed.js", style: "css/pages/embed.css", wasm: "explorer" },
  { html: "authors.html", script: "js/authors.js", style: "css/pages/authors.css", wasm: "explorer" },
  { html: "claims.html", script: "js/claims/main.js", style: "css/pages/claims.css", wasm: "lab" },
  { html: "network.html", script: "js/network/main.js", style: "css/pages/network.css", wasm: "lab" }, { script: "js/network/worker.js" },
  { script: "js/lab/worker.js" },
  { script: "js/experiments/worker.js" },
  { script: "activation-plot.js" },
];

/** Copied as they are (files or whole directories, relative to www/). */
const COPIED = ["pkg", "favicon.svg", "assets"];
/** The explorer's wasm-bindgen glue, which bundles inline; tests and API users import it from dist/pkg/. */
export const GLUE = path.join(WWW, WASM.explorer.glue);
/** The full module's glue (the lab's), the same way. */
export const LAB_GLUE = path.join(WWW, WASM.lab.glue);
/**
 * The preload of a wasm file, as a page's <head> must hold it.
 * @param {string} wasm e.g. "pkg/actviz_bg.wasm"
 */
export const wasmPreload = (wasm) => `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin>`;
/** Any wasm preload, whichever file. */
const ANY_WASM_PRELOAD = /<link\b[^>]*\brel="preload"[^>]*\.wasm"[^>]*>/g;
const ICON = '<link rel="icon" href="favicon.svg" type="image/svg+xml">';

/** `new URL("relative", import.meta.url)` with a literal string, as sources and the glue write it. */
const META_URL = /new URL\(\s*(["'])([^"':]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * An esbuild plugin that keeps `new URL("x", import.meta.url)` pointing at the same file after
 * bundling: `locate(file)` gives the URL of an absolute source-side file as seen from the output
 * (a path relative to the output module). Without it, the glue's default wasm URL
 * (`actviz_bg.wasm` beside pkg/actviz.js) would resolve beside the bundle instead.
 * @param {(file: string) => string} locate
 * @returns {import("esbuild").Plugin}
 */
export function rebaseMetaUrls(locate) {
  return {
    name: "rebase-import-meta-url",
    setup(builder) {
      builder.onLoad({ filter: /\.js$/ }, async ({ path: file }) => {
        const source = await readFile(file, "utf8");
        const contents = source.replace(META_URL, (_, quote, relative) => {
          const target = locate(path.resolve(path.dirname(file), relative));
          return `new URL(${JSON.stringify(target)}, import.meta.url)`;
        });
        return { contents, loader: "js" };
      });
    },
  };
}

/**
 * `to` (a path relative to www/) as a relative URL from the module at `from` (also relative to www/).
 * @param {string} from
 * @param {string} to
 */
export function relativeUrl(from, to) {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/**
 * Bundles one module entry of www/ into dist/ at the same path.
 * @param {string} script
 */
async function bundleScript(script) {
  const outfile = path.join(DIST, script);
  const result = await build({
    entryPoints: [path.join(WWW, script)],
    outfile,
    bundle: true,
    format: "esm",
    minify: true,
    logLevel: "silent",
    plugins: [rebaseMetaUrls((file) => relativeUrl(script, path.relative(WWW, file).split(path.sep).join("/")))],
  });
  failOnWarnings(script, result);
}

/**
 * Bundles one stylesheet entry (and its @imports) into dist/ at the same path.
 * @param {string} style
 */
async function bundleStyle(style) {
  const result = await build({
    entryPoints: [path.join(WWW, style)],
    outfile: path.join(DIST, style),
    bundle: true,
    minify: true,
    logLevel: "silent",
  });
  failOnWarnings(style, result);
}

/**
 * A warning in a release build (an import esbuild could not follow, say) is an error.
 * @param {string} entry
 * @param {import("esbuild").BuildResult} result
 */
export function failOnWarnings(entry, { warnings }) {
  if (warnings.length > 0) {
    throw new Error(`${entry}: ${warnings.map((w) => `${w.location?.file ?? ""}:${w.location?.line ?? ""} ${w.text}`).join("; ")}`);
  }
}

/**
 * Checks one page's HTML: exactly one stylesheet (its entry), one script, and it a module (its
 * entry), one wasm preload, of its module's wasm, the icon, and no modulepreload (the bundle has
 * nothing to preload).
 * @param {string} html the page's source
 * @param {{ html: string, script: string, style: string, wasm: keyof typeof WASM }} entry its row of ENTRIES
 * @returns {string[]} what is wrong, empty when nothing
 */
export function checkPage(html, { html: name, script, style, wasm }) {
  /** @type {string[]} */
  const problems = [];
  const count = (/** @type {RegExp} */ pattern) => (html.match(pattern) ?? []).length;
  const stylesheets = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map(([tag]) => tag);
  if (stylesheets.length !== 1 || !stylesheets[0].includes(`href="${style}"`)) {
    problems.push(`${name} must link exactly one stylesheet, ${style}; it links ${stylesheets.length}: ${stylesheets.join(" ")}`);
  }
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  if (scripts.length !== 1 || scripts[0] !== `<script type="module" src="${script}">`) {
    problems.push(`${name} must load exactly one script, <script type="module" src="${script}">; it has ${scripts.join(" ") || "none"}`);
  }
  const preload = wasmPreload(WASM[wasm].wasm);
  if (count(ANY_WASM_PRELOAD) !== 1 || !html.includes(preload)) {
    problems.push(`${name} must preload its wasm (the ${wasm} module's) once, as ${preload}, and no other`);
  }
  if (!html.includes(ICON)) problems.push(`${name} must link the icon, as ${ICON}`);
  if (count(/rel="modulepreload"/g) > 0) problems.push(`${name} has a modulepreload: the bundle is one file, drop it`);
  return problems;
}

const exists = (/** @type {string} */ file) => stat(file).then(() => true, () => false);

/** Builds dist/ from scratch; returns the entries built. */
export async function buildSite() {
  for (const glue of [GLUE, LAB_GLUE]) {
    if (!(await exists(glue))) throw new Error(`${path.relative(ROOT, glue)} is missing: run \`make build\` (it builds the wasm first)`);
  }
  const problems = [];
  for (const { html, script, style, wasm } of ENTRIES) {
    if (html && style) problems.push(...checkPage(await readFile(path.join(WWW, html), "utf8"), { html, script, style, wasm }));
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));

  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });
  for (const item of COPIED) await cp(path.join(WWW, item), path.join(DIST, item), { recursive: true });
  const built = [];
  for (const entry of ENTRIES) {
    if (entry.optional && !(await exists(path.join(WWW, entry.script)))) continue;
    await bundleScript(entry.script);
    built.push(entry.script);
    if (entry.style) {
      await bundleStyle(entry.style);
      built.push(entry.style);
    }
    if (entry.html) {
      await cp(path.join(WWW, entry.html), path.join(DIST, entry.html));
      built.push(entry.html);
    }
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildSite().then(
    async (built) => {
      for (const file of [...built, ...Object.values(WASM).map((m) => m.wasm)]) {
        const body = await readFile(path.join(DIST, file));
        console.log(`dist/${file}: ${body.length} bytes, ${gzipSync(body, { level: 9 }).length} gzipped`);
      }
    },
    (error) => {
      console.error(`build: ${error.message}`);
      process.exit(1);
    },
  );
}
