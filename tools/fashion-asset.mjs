#!/usr/bin/env node
// Builds www/assets/fashion-mnist-16.bin.gz, the 16×16 Fashion-MNIST subset that network.html
// trains on, from the original IDX files of Zalando's Fashion-MNIST (MIT licence) as Debian's
// package `dataset-fashion-mnist` installs them in /usr/share/datasets/fashion-mnist/ (or the
// directory given as the first argument): the first 10,000 training and the first 2,000 test
// images, each resampled 28×28 → 16×16 exactly as Pillow's `Image.resize((16, 16), Image.BOX)`
// does it, with their labels and the ten class names.
//
//   node tools/fashion-asset.mjs [idx-directory] [output-file]
//
// Pillow's BOX filter (src/libImaging/Resample.c) resamples each axis separately, rows first
// then columns, rounding to uint8 after each pass. Output pixel i of an axis averages, with equal
// weights, the input pixels whose centre lies in its box (i·28/16, (i+1)·28/16]: at this
// fractional scale a pixel straddling a box edge counts wholly in one box, not in proportion to
// its area. The weights are 22-bit fixed point, `(int)(0.5 + w · 2²²)`, the sum starts at 2²¹
// (round half up) and is shifted right by 22. Every step below mirrors Pillow's, in the same
// double-precision order, so the bytes match Pillow's (tests/fashion_asset.rs checks that, against
// values Pillow computed).
//
// The file format, all integers little-endian (src/mlp/images.rs parses it):
//   offset  size  field
//   0       8     magic "AVIMGSET"
//   8       4     u32 version = 1
//   12      4     u32 width (16)
//   16      4     u32 height (16)
//   20      4     u32 class count (10)
//   24      4     u32 training images (10,000)
//   28      4     u32 test images (2,000)
//   32      …     per class: u8 byte length, then the name in UTF-8
//   then          training pixels: images one after another, each row-major, one u8 per pixel,
//                 stored "up-filtered" as PNG's Up filter: row 0 as is, every other pixel as
//                 (pixel − the pixel above it) mod 256; a reader adds back down each column
//   then          training labels: one u8 class index per image
//   then          test pixels, then test labels, as for training; nothing after them.
// The Up filter makes the gzip file 4% smaller (1,920,687 bytes instead of 2,003,149) for a few lines in the
// reader. The file is gzip (level 9) of those bytes; the browser inflates it with DecompressionStream.
// Rerunning gives identical bytes: the gzip header carries no name and no time, and its OS byte
// is set to 255 ("unknown") so the platform that ran the script leaves no trace.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const IDX_DIR = "/usr/share/datasets/fashion-mnist";
const OUTPUT = path.join(ROOT, "www", "assets", "fashion-mnist-16.bin.gz");

/** How many images of each original split the asset keeps (the first ones). */
export const TRAIN_IMAGES = 10_000;
export const TEST_IMAGES = 2_000;
/** The side of the resampled images. */
export const SIDE = 16;
/** Zalando's class names, in label order (the dataset's README). */
export const CLASS_NAMES = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
];
const MAGIC = "AVIMGSET";
const VERSION = 1;
/** Pillow's fixed-point precision for 8-bit images: 32 bits − 8 for the value − 2 for overflow. */
const PRECISION_BITS = 32 - 8 - 2;

/**
 * The images of a gzipped IDX3 file (magic 0x00000803): `count` rows × cols images of u8.
 * @param {string} file
 * @param {number} count how many to keep, from the start
 * @returns {{ pixels: Uint8Array, rows: number, cols: number }}
 */
export function readIdxImages(file, count) {
  const bytes = gunzipSync(readFileSync(file));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x803) throw new Error(`${file}: not an IDX3 u8 image file`);
  const [total, rows, cols] = [view.getUint32(4), view.getUint32(8), view.getUint32(12)];
  if (total < count) throw new Error(`${file}: holds ${total} images, need ${count}`);
  if (bytes.length < 16 + total * rows * cols) throw new Error(`${file}: truncated`);
  return { pixels: bytes.subarray(16, 16 + count * rows * cols), rows, cols };
}

/**
 * The labels of a gzipped IDX1 file (magic 0x00000801), the first `count`.
 * @param {string} file
 * @param {number} count
 * @returns {Uint8Array}
 */
export function readIdxLabels(file, count) {
  const bytes = gunzipSync(readFileSync(file));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x801) throw new Error(`${file}: not an IDX1 u8 label file`);
  const total = view.getUint32(4);
  if (total < count || bytes.length < 8 + total) throw new Error(`${file}: holds fewer than ${count} labels`);
  return bytes.subarray(8, 8 + count);
}

/**
 * Pillow's `precompute_coeffs` for the BOX filter followed by `normalize_coeffs_8bpc`: for each
 * output pixel, the first input pixel it reads and its fixed-point weights.
 * @param {number} inSize
 * @param {number} outSize
 * @returns {{ first: number, weights: number[] }[]}
 */
export function boxCoefficients(inSize, outSize) {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 0.5 * filterScale;
  const ss = 1 / filterScale;
  /** Pillow's box_filter: 1 on (-0.5, 0.5]. */
  const box = (/** @type {number} */ x) => (x > -0.5 && x <= 0.5 ? 1 : 0);
  const out = [];
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const first = Math.max(Math.trunc(center - support + 0.5), 0);
    const end = Math.min(Math.trunc(center + support + 0.5), inSize);
    const raw = [];
    for (let x = 0; x < end - first; x++) raw.push(box((x + first - center + 0.5) * ss));
    const total = raw.reduce((a, b) => a + b, 0);
    const weights = raw.map((w) => Math.trunc(0.5 + (total !== 0 ? w / total : w) * 2 ** PRECISION_BITS));
    out.push({ first, weights });
  }
  return out;
}

/** Pillow's rounding of a fixed-point sum to u8 (`clip8`). */
function clip8(/** @type {number} */ sum) {
  return Math.min(Math.max(Math.floor(sum / 2 ** PRECISION_BITS), 0), 255);
}

/**
 * One image resampled as Pillow's BOX: the horizontal pass into u8 rows, then the vertical one.
 * @param {Uint8Array} image rows × cols, row-major
 * @param {number} rows
 * @param {number} cols
 * @param {number} side output width and height
 * @returns {Uint8Array} side × side
 */
export function resampleBox(image, rows, cols, side) {
  const horizontal = boxCoefficients(cols, side);
  const vertical = boxCoefficients(rows, side);
  const half = 2 ** (PRECISION_BITS - 1);
  const temp = new Uint8Array(rows * side);
  for (let y = 0; y < rows; y++) {
    for (let xx = 0; xx < side; xx++) {
      const { first, weights } = horizontal[xx];
      let sum = half;
      for (let x = 0; x < weights.length; x++) sum += image[y * cols + first + x] * weights[x];
      temp[y * side + xx] = clip8(sum);
    }
  }
  const out = new Uint8Array(side * side);
  for (let yy = 0; yy < side; yy++) {
    const { first, weights } = vertical[yy];
    for (let xx = 0; xx < side; xx++) {
      let sum = half;
      for (let y = 0; y < weights.length; y++) sum += temp[(first + y) * side + xx] * weights[y];
      out[yy * side + xx] = clip8(sum);
    }
  }
  return out;
}

/**
 * PNG's Up filter on each side × side image, in place: every pixel below row 0 becomes its
 * difference (mod 256) from the pixel above it. Runs bottom-up so each difference reads the
 * unfiltered pixel above.
 * @param {Uint8Array} images whole images, one after another
 * @param {number} side
 * @returns {Uint8Array} the same array
 */
export function upFilter(images, side) {
  for (let start = 0; start < images.length; start += side * side) {
    for (let i = start + side * side - 1; i >= start + side; i--) images[i] = (images[i] - images[i - side]) & 255;
  }
  return images;
}

/**
 * The first `count` images of an IDX file, each resampled to side × side, one after another.
 * @param {string} file
 * @param {number} count
 * @returns {Uint8Array}
 */
function resampledImages(file, count) {
  const { pixels, rows, cols } = readIdxImages(file, count);
  const out = new Uint8Array(count * SIDE * SIDE);
  for (let i = 0; i < count; i++) {
    const image = pixels.subarray(i * rows * cols, (i + 1) * rows * cols);
    out.set(resampleBox(image, rows, cols, SIDE), i * SIDE * SIDE);
  }
  return out;
}

/**
 * The uncompressed asset (the format in this file's header comment).
 * @param {string} idxDir
 * @returns {Buffer}
 */
export function buildAsset(idxDir) {
  const file = (/** @type {string} */ name) => path.join(idxDir, name);
  const header = Buffer.alloc(32);
  header.write(MAGIC, 0, "latin1");
  [VERSION, SIDE, SIDE, CLASS_NAMES.length, TRAIN_IMAGES, TEST_IMAGES].forEach((value, i) =>
    header.writeUInt32LE(value, 8 + 4 * i),
  );
  const names = CLASS_NAMES.flatMap((name) => {
    const utf8 = Buffer.from(name, "utf8");
    return [Buffer.from([utf8.length]), utf8];
  });
  return Buffer.concat([
    header,
    ...names,
    upFilter(resampledImages(file("train-images-idx3-ubyte.gz"), TRAIN_IMAGES), SIDE),
    readIdxLabels(file("train-labels-idx1-ubyte.gz"), TRAIN_IMAGES),
    upFilter(resampledImages(file("t10k-images-idx3-ubyte.gz"), TEST_IMAGES), SIDE),
    readIdxLabels(file("t10k-labels-idx1-ubyte.gz"), TEST_IMAGES),
  ]);
}

/**
 * gzip at level 9 with the header's OS byte fixed, so the same input gives the same bytes.
 * @param {Buffer} raw
 * @returns {Buffer}
 */
export function deterministicGzip(raw) {
  const gz = gzipSync(raw, { level: 9 });
  gz[9] = 255;
  return gz;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const idxDir = process.argv[2] ?? IDX_DIR;
  const output = process.argv[3] ?? OUTPUT;
  const raw = buildAsset(idxDir);
  const gz = deterministicGzip(raw);
  writeFileSync(output, gz);
  const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`${path.relative(process.cwd(), output)}: ${kib(gz.length)} (${kib(raw.length)} uncompressed)`);
}
