#!/usr/bin/env node
// Assembles the npm package in target/npm-pkg/ (or the directory given as the first argument)
// from wasm-bindgen's `--target web` output in www/pkg/, the web component bundled into one file,
// the templates in www/npm/ (package.json without a version, README.md, activation-plot.d.ts), and
// the repository's licence files. The version comes from Cargo.toml. `make pkg` runs this after
// `make build`.
//
// The package is flat: the glue (actviz.js, the JS API) sits beside activation-plot.js, which
// imports it as "./actviz.js" rather than inlining a copy, so the components and the API share
// one wasm instance and one fetch. The rest of the component's modules are bundled into it. It is
// not minified: the apps that install it minify with their own bundler, and a stack trace into
// node_modules stays readable. The full module (actviz_lab.js and its wasm: everything of
// actviz.js plus `Lab`, `repeatLab`, the claims, ...) is the package's second entry, "actviz/lab",
// so an app that only draws activations never downloads the lab.

import { build } from "esbuild";
import { copyFile, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GLUE, ROOT, WWW, failOnWarnings, rebaseMetaUrls } from "./build.mjs";

export const DEFAULT_OUT = path.join(ROOT, "target", "npm-pkg");

/** Package path → source path (relative to www/), copied as they are. */
const COPIED = {
  "actviz.js": "pkg/actviz.js",
  "actviz_bg.wasm": "pkg/actviz_bg.wasm",
  "actviz.d.ts": "pkg/actviz.d.ts",
  "actviz_bg.wasm.d.ts": "pkg/actviz_bg.wasm.d.ts",
  "actviz_lab.js": "pkg/actviz_lab.js",
  "actviz_lab_bg.wasm": "pkg/actviz_lab_bg.wasm",
  "actviz_lab.d.ts": "pkg/actviz_lab.d.ts",
  "actviz_lab_bg.wasm.d.ts": "pkg/actviz_lab_bg.wasm.d.ts",
  "activation-plot.d.ts": "npm/activation-plot.d.ts",
};
/** Where www/pkg's files sit in the package: at its top level. */
const PKG = path.join(WWW, "pkg");
/** The repository's licence files, copied to the package's top level. */
const LICENCES = ["LICENSE-MIT", "LICENSE-APACHE"];

/** The `version` of Cargo.toml's [package] section. */
export async function cargoVersion() {
  const toml = await readFile(path.join(ROOT, "Cargo.toml"), "utf8");
  const section = toml.split(/^\[/m).find((s) => s.startsWith("package]"));
  const version = section?.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  if (!version) throw new Error("no version in Cargo.toml's [package] section");
  return version;
}

/**
 * Builds the package directory from scratch.
 * @param {string} [out] where (replaced entirely)
 * @returns {Promise<{ out: string, manifest: { name: string, version: string, files: string[] } & Record<string, unknown> }>}
 */
export async function assemble(out = DEFAULT_OUT) {
  for (const source of Object.values(COPIED)) {
    await stat(path.join(WWW, source)).catch(() => {
      throw new Error(`www/${source} is missing: run \`make build\` first`);
    });
  }
  const version = await cargoVersion();
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  for (const [target, source] of Object.entries(COPIED)) {
    await mkdir(path.dirname(path.join(out, target)), { recursive: true });
    await copyFile(path.join(WWW, source), path.join(out, target));
  }

  await bundleComponent(path.join(out, "activation-plot.js"));

  // The package is licensed as the crate is (MIT OR Apache-2.0), so it carries both texts. npm
  // adds only a plain LICENSE or LICENCE by itself: package.json's `files` names these two.
  for (const licence of LICENCES) {
    await copyFile(path.join(ROOT, licence), path.join(out, licence));
  }

  const template = JSON.parse(await readFile(path.join(WWW, "npm", "package.json"), "utf8"));
  const { name, ...rest } = template;
  const manifest = { name, version, ...rest };
  await writeFile(path.join(out, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const readme = await readFile(path.join(WWW, "npm", "README.md"), "utf8");
  await writeFile(path.join(out, "README.md"), readme.replaceAll("{{version}}", version));

  for (const file of manifest.files) {
    await stat(path.join(out, file)).catch(() => {
      throw new Error(`package.json names ${file}, which the package lacks`);
    });
  }
  return { out, manifest };
}

/**
 * Bundles www/activation-plot.js and its modules into `outfile`, importing the glue beside it.
 * A `new URL(x, import.meta.url)` of a source is aimed at the file's place in the package.
 * @param {string} outfile
 */
async function bundleComponent(outfile) {
  /** @type {import("esbuild").Plugin} */
  const external = {
    name: "glue-beside-the-component",
    setup(builder) {
      builder.onResolve({ filter: /\/pkg\/actviz\.js$/ }, ({ path: spec, resolveDir }) =>
        path.resolve(resolveDir, spec) === GLUE ? { path: "./actviz.js", external: true } : undefined,
      );
    },
  };
  const locate = (/** @type {string} */ file) => {
    const inPackage = file.startsWith(PKG + path.sep) ? path.relative(PKG, file) : path.relative(WWW, file);
    return `./${inPackage.split(path.sep).join("/")}`;
  };
  const result = await build({
    entryPoints: [path.join(WWW, "activation-plot.js")],
    outfile,
    bundle: true,
    format: "esm",
    logLevel: "silent",
    plugins: [external, rebaseMetaUrls(locate)],
  });
  failOnWarnings("activation-plot.js", result);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  assemble(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT).then(
    ({ out, manifest }) => console.log(`${manifest.name}@${manifest.version} assembled in ${path.relative(process.cwd(), out) || "."}`),
    (error) => {
      console.error(`assemble: ${error.message}`);
      process.exit(1);
    },
  );
}
