// The npm package: assembled into target/npm-pkg/ (as `make pkg` does), it holds every file its
// package.json names (checked with `npm pack --dry-run`), its manifest is complete, its modules
// import only files it ships, and it works when served from a CDN-like path. Its main entry is the
// explorer's small module; "actviz/lab" is the full one, with the lab.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { before, test } from "node:test";
import { assemble, cargoVersion } from "../../tools/assemble-pkg.mjs";
import { assertClean, locatorStats, openPage, suite } from "../page/harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
let out;
let manifest;
let packed;

before(async () => {
  ({ out, manifest } = await assemble());
  const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: out });
  [packed] = JSON.parse(stdout);
});

test("npm pack contains every file package.json names, and nothing else", () => {
  const files = new Set(packed.files.map((f) => f.path));
  for (const file of manifest.files) assert.ok(files.has(file), `${file} is packed`);
  for (const file of ["package.json", "README.md", "activation-plot.js", "activation-plot.d.ts", "actviz_bg.wasm", "actviz.js", "actviz.d.ts", "actviz_bg.wasm.d.ts",
    "actviz_lab_bg.wasm", "actviz_lab.js", "actviz_lab.d.ts", "actviz_lab_bg.wasm.d.ts"]) {
    assert.ok(files.has(file), `${file} is packed`);
  }
  const extra = [...files].filter((f) => !manifest.files.includes(f) && !/^(package\.json|README\.md|LICENSE.*)$/.test(f));
  assert.deepEqual(extra, [], "only the listed files");
  const wasm = packed.files.find((f) => f.path === "actviz_bg.wasm");
  assert.ok(wasm.size > 10_000, `the wasm is real (${wasm.size} bytes)`);
  const lab = packed.files.find((f) => f.path === "actviz_lab_bg.wasm");
  assert.ok(lab.size > wasm.size, `the full module is the larger (${lab.size} bytes)`);
});

test("the package carries both licences of `MIT OR Apache-2.0`", async () => {
  const files = new Set(packed.files.map((f) => f.path));
  for (const file of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.ok(files.has(file), `${file} is packed`);
    assert.ok(manifest.files.includes(file), `package.json's files names ${file}`);
  }
  assert.match(await readFile(path.join(out, "LICENSE-MIT"), "utf8"), /^MIT License\n\nCopyright \(c\) \d{4} The actviz developers\n/);
  assert.match(await readFile(path.join(out, "LICENSE-APACHE"), "utf8"), /Apache License\s+Version 2\.0, January 2004/);
});

test("package.json has what a registry and a bundler need", async () => {
  assert.equal(manifest.name, "actviz");
  assert.equal(manifest.version, await cargoVersion(), "version from Cargo.toml");
  assert.equal(packed.version, manifest.version);
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  assert.match(manifest.description, /activation/);
  assert.match(manifest.repository.url, /github\.com\/actviz\/actviz/);
  assert.ok(manifest.keywords.includes("relu") && manifest.keywords.includes("web-component"));
  assert.equal(manifest.type, "module");
  assert.equal(manifest.main, "actviz.js");
  assert.equal(manifest.module, "actviz.js");
  assert.equal(manifest.types, "actviz.d.ts");
  const files = new Set(packed.files.map((f) => f.path));
  const targets = [manifest.main, manifest.types];
  for (const [key, entry] of Object.entries(manifest.exports)) {
    targets.push(...(typeof entry === "string" ? [entry] : Object.values(entry)));
    assert.ok([".", "./activation-plot.js"].includes(key) || key.startsWith("./"), key);
  }
  assert.ok(manifest.exports["."] && manifest.exports["./activation-plot.js"]);
  assert.deepEqual(manifest.exports["./lab"], { types: "./actviz_lab.d.ts", default: "./actviz_lab.js" });
  for (const target of targets) assert.ok(files.has(target.replace(/^\.\//, "")), `${target} exists`);
});

test("every module imports only files the package ships; the component finds the glue beside it", async () => {
  const files = new Set(packed.files.map((f) => f.path));
  for (const file of [...files].filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"))) {
    const text = await readFile(path.join(out, file), "utf8");
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      assert.ok(files.has(target), `${file} imports ${spec}, which is packed`);
    }
  }
  const component = await readFile(path.join(out, "activation-plot.js"), "utf8");
  assert.match(component, /from "\.\/actviz\.js";/);
  assert.doesNotMatch(component, /\.\/pkg\//);
  const types = await readFile(path.join(out, "activation-plot.d.ts"), "utf8");
  assert.match(types, /"activation-plot": ActivationPlot;/, "the element is in HTMLElementTagNameMap");
});

test("the generated TypeScript types: `new Lab()` needs no argument, and only \"actviz/lab\" has it", async () => {
  const types = await readFile(path.join(out, "actviz_lab.d.ts"), "utf8");
  const start = types.indexOf("export class Lab ");
  assert.ok(start >= 0, "Lab is declared");
  const lab = types.slice(start, types.indexOf("\n}\n", start));
  assert.match(lab, /^\s*constructor\(config\?: LabConfig\);$/m, "config is optional");
  const main = await readFile(path.join(out, "actviz.d.ts"), "utf8");
  assert.match(main, /export function evaluate\(/);
  assert.doesNotMatch(main, /class Lab\b|function repeatLab\(/, "the main entry has no lab");
});

test("\"actviz/lab\", resolved through package.json's exports, trains a Lab; the main entry has none", async () => {
  // node resolves a package by name from a node_modules directory: give it one that holds the package.
  const root = await mkdtemp(path.join(tmpdir(), "actviz-pkg-"));
  await mkdir(path.join(root, "node_modules"), { recursive: true });
  await symlink(out, path.join(root, "node_modules", "actviz"), "dir");
  const from = createRequire(path.join(root, "index.js"));
  const labEntry = from.resolve("actviz/lab");
  assert.equal(path.basename(labEntry), "actviz_lab.js");
  const lab = await import(labEntry);
  lab.initSync({ module: await readFile(path.join(path.dirname(labEntry), "actviz_lab_bg.wasm")) });
  const trainer = new lab.Lab({ points: 100, hiddenWidths: [4] });
  assert.equal(trainer.step(5), 5);
  assert.equal(trainer.stats().step, 5);
  trainer.free();
  const main = await import(from.resolve("actviz"));
  assert.equal(main.Lab, undefined);
  assert.equal(typeof main.evaluate, "function");
  await rm(root, { recursive: true });
});

test("the README has a copy-paste snippet for this version", async () => {
  const readme = await readFile(path.join(out, "README.md"), "utf8");
  assert.ok(readme.includes(`actviz@${manifest.version}/activation-plot.js`));
  assert.match(readme, /<activation-plot fn="leaky_relu" negative-slope="0\.1" derivative controls="negative_slope"><\/activation-plot>/);
  assert.match(readme, /import init, \{[^}]*evaluate[^}]*\} from "actviz";/);
  assert.doesNotMatch(readme, /\{\{/, "no template placeholder left");
});

test("served from a CDN-like path, the package draws its components and runs its API", async () => {
  const env = await suite({ "/cdn/actviz/": out, "/pkg-fixtures/": path.join(here, "fixtures") });
  try {
    const { page, context, problems, requests } = await openPage(env.browser, env.origin, "pkg-fixtures/cdn.html", { waitForCharts: false });
    await page.waitForFunction(() => [...document.querySelectorAll("activation-plot")].every((p) => p.drawCount > 0), null, { timeout: 10_000 });
    await page.getByTestId("api").filter({ hasText: "," }).waitFor();
    assert.equal(await page.getByTestId("api").textContent(), "-0.2,0,2");
    for (const id of ["leaky", "gelu"]) {
      assert.ok((await locatorStats(page.locator(`#${id}`).getByTestId("function-plot"))).ink > 1500, `${id} drawn`);
    }
    assert.equal(await page.locator("#leaky").getByTestId("control-negative_slope").count(), 1);
    assert.deepEqual(requests.filter((u) => u.endsWith(".wasm")), [`${env.origin}/cdn/actviz/actviz_bg.wasm`], "one wasm, beside the glue");
    assert.ok(requests.every((u) => !u.includes("/pkg/")), "nothing from the site's own www/pkg");
    await assertClean(page, problems);
    await context.close();
  } finally {
    await env.close();
  }
});

