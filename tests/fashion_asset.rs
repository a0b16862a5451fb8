//! The committed Fashion-MNIST asset, www/assets/fashion-mnist-16.bin.gz, against two independent
//! sources: values Pillow computed (pasted below: they pin the asset byte for byte on any
//! machine), and, where Debian's `dataset-fashion-mnist` is installed, the original IDX files,
//! resampled again here by a separate implementation of Pillow's BOX filter.
//!
//! The reference values come from Pillow 13.0.0 (numpy 2.4.6, Python 3) on the Debian IDX files:
//!
//! ```python
//! import gzip, numpy as np
//! from PIL import Image
//! d = "/usr/share/datasets/fashion-mnist/"
//! def fnv1a64(data):
//!     h = 0xcbf29ce484222325
//!     for b in data:
//!         h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
//!     return h
//! for f, n in [("train-images-idx3-ubyte.gz", 10000), ("t10k-images-idx3-ubyte.gz", 2000)]:
//!     raw = np.frombuffer(gzip.open(d + f).read(), np.uint8, offset=16, count=784 * n).reshape(n, 28, 28)
//!     small = np.stack([np.array(Image.fromarray(a).resize((16, 16), Image.BOX)) for a in raw])
//!     print(f, int(small.sum(dtype=np.int64)), "0x%016x" % fnv1a64(small.tobytes()))
//!     for i in [0, 1, n - 1]:
//!         print(i, int(small[i].sum()), list(small[i][3]), list(small[i][8]))
//! # labels: np.frombuffer(gzip.open(d + f).read(), np.uint8, offset=8)[:n], np.bincount
//! ```
// Native only: it reads files, and flate2 is a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

use actviz::mlp::images::{parse_image_set, ImageSet};
use flate2::read::GzDecoder;
use std::io::Read;
use std::path::Path;

const ASSET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/assets/fashion-mnist-16.bin.gz");
const IDX_DIR: &str = "/usr/share/datasets/fashion-mnist";
const SIDE: usize = 16;
const PIXELS: usize = SIDE * SIDE;

/// One image's Pillow reference: its index, pixel sum, and rows 3 and 8.
struct Reference {
    index: usize,
    sum: u32,
    row3: [u8; SIDE],
    row8: [u8; SIDE],
}

#[rustfmt::skip]
const TRAIN_REFERENCES: [Reference; 3] = [
    Reference { index: 0, sum: 24606,
        row3: [0, 0, 0, 0, 0, 0, 0, 2, 175, 174, 126, 116, 44, 25, 71, 25],
        row8: [1, 2, 3, 3, 0, 52, 102, 225, 219, 217, 217, 220, 224, 219, 250, 60] },
    Reference { index: 1, sum: 28006,
        row3: [0, 0, 158, 216, 208, 127, 73, 55, 65, 59, 56, 139, 207, 226, 19, 0],
        row8: [0, 0, 0, 2, 101, 201, 204, 206, 206, 207, 202, 213, 38, 3, 0, 0] },
    Reference { index: 9999, sum: 26254,
        row3: [0, 0, 133, 155, 152, 132, 138, 180, 149, 134, 135, 142, 165, 4, 0, 0],
        row8: [0, 32, 164, 211, 116, 147, 144, 143, 143, 147, 164, 121, 193, 100, 0, 0] },
];

#[rustfmt::skip]
const TEST_REFERENCES: [Reference; 3] = [
    Reference { index: 0, sum: 11313,
        row3: [0; SIDE],
        row8: [0, 1, 1, 1, 2, 7, 54, 113, 112, 141, 135, 151, 161, 148, 163, 75] },
    Reference { index: 1, sum: 32458,
        row3: [0, 0, 0, 247, 244, 53, 254, 228, 115, 235, 134, 207, 243, 42, 0, 0],
        row8: [0, 0, 172, 253, 145, 243, 233, 236, 234, 234, 242, 166, 246, 154, 0, 0] },
    Reference { index: 1999, sum: 20541,
        row3: [0, 1, 0, 182, 129, 97, 107, 103, 73, 81, 111, 95, 210, 79, 0, 0],
        row8: [0, 1, 1, 1, 105, 192, 198, 176, 176, 189, 171, 169, 0, 1, 0, 0] },
];

/// Inflates a gzip file.
fn gunzip(path: &Path) -> Vec<u8> {
    let file = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut bytes = Vec::new();
    GzDecoder::new(&file[..]).read_to_end(&mut bytes).expect("a valid gzip file");
    bytes
}

fn asset() -> ImageSet {
    parse_image_set(&gunzip(Path::new(ASSET))).expect("the committed asset parses")
}

/// 64-bit FNV-1a, the checksum the Python above prints.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3))
}

fn check_references(pixels: &[u8], references: &[Reference], part: &str) {
    for reference in references {
        let image = &pixels[reference.index * PIXELS..][..PIXELS];
        let sum: u32 = image.iter().map(|&p| u32::from(p)).sum();
        assert_eq!(sum, reference.sum, "{part} image {}: pixel sum", reference.index);
        assert_eq!(image[3 * SIDE..4 * SIDE], reference.row3, "{part} image {}: row 3", reference.index);
        assert_eq!(image[8 * SIDE..9 * SIDE], reference.row8, "{part} image {}: row 8", reference.index);
    }
}

fn class_counts(labels: &[u8]) -> [usize; 10] {
    let mut counts = [0; 10];
    labels.iter().for_each(|&label| counts[usize::from(label)] += 1);
    counts
}

#[test]
fn the_asset_has_the_documented_shape_and_names() {
    let set = asset();
    assert_eq!((set.width, set.height), (SIDE, SIDE));
    assert_eq!((set.train_labels.len(), set.test_labels.len()), (10_000, 2_000));
    let names = [
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
    assert_eq!(set.class_names, names);
    let size = std::fs::metadata(ASSET).unwrap().len();
    assert!(size <= 2_000_000, "the asset is {size} bytes, over the 2 MB budget");
}

#[test]
fn the_asset_matches_pillow_byte_for_byte() {
    let set = asset();
    check_references(&set.train_pixels, &TRAIN_REFERENCES, "training");
    check_references(&set.test_pixels, &TEST_REFERENCES, "test");
    let total = |pixels: &[u8]| pixels.iter().map(|&p| u64::from(p)).sum::<u64>();
    assert_eq!(total(&set.train_pixels), 189_320_726);
    assert_eq!(total(&set.test_pixels), 37_943_246);
    assert_eq!(fnv1a64(&set.train_pixels), 0xcf3e_9260_3dec_f5b1, "training pixels differ from Pillow's");
    assert_eq!(fnv1a64(&set.test_pixels), 0x69e1_a6bc_ee34_0367, "test pixels differ from Pillow's");
}

#[test]
fn the_labels_are_the_originals() {
    let set = asset();
    assert_eq!(set.train_labels[..12], [9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9]);
    assert_eq!(set.test_labels[..12], [9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5]);
    assert_eq!((set.train_labels[9_999], set.test_labels[1_999]), (6, 0));
    assert_eq!(class_counts(&set.train_labels), [942, 1027, 1016, 1019, 974, 989, 1021, 1022, 990, 1000]);
    assert_eq!(class_counts(&set.test_labels), [200, 203, 214, 190, 219, 195, 197, 200, 194, 188]);
}

/// The input pixels output pixel `i` of a 28 → 16 axis averages under Pillow's BOX filter: those
/// whose centre `x + ½` lies in `(i·28/16, (i+1)·28/16]`, in integers: `56i < 32x + 16 ≤ 56(i+1)`.
fn box_members(i: usize) -> Vec<usize> {
    (0..28).filter(|&x| 56 * i < 32 * x + 16 && 32 * x + 16 <= 56 * (i + 1)).collect()
}

/// The mean of `values` rounded half up, as Pillow's fixed point gives it for boxes of 1 or 2
/// pixels (weights 2²² or 2²¹, an exact half), the only sizes 28 → 16 has.
fn rounded_mean(values: impl Iterator<Item = u8>, count: usize) -> u8 {
    assert!(count == 1 || count == 2, "a 28 → 16 box holds 1 or 2 pixel centres, got {count}");
    let sum: usize = values.map(usize::from).sum();
    ((2 * sum + count) / (2 * count)) as u8
}

/// 28×28 → 16×16, rows first (rounded to u8), then columns, as Pillow's two passes.
fn resample(image: &[u8]) -> Vec<u8> {
    let boxes: Vec<Vec<usize>> = (0..SIDE).map(box_members).collect();
    let rows: Vec<u8> = (0..28 * SIDE)
        .map(|k| {
            let (y, column) = (k / SIDE, k % SIDE);
            rounded_mean(boxes[column].iter().map(|&x| image[y * 28 + x]), boxes[column].len())
        })
        .collect();
    (0..PIXELS)
        .map(|k| {
            let (row, column) = (k / SIDE, k % SIDE);
            rounded_mean(boxes[row].iter().map(|&y| rows[y * SIDE + column]), boxes[row].len())
        })
        .collect()
}

#[test]
fn the_asset_matches_the_idx_originals_resampled_again() {
    if !Path::new(IDX_DIR).is_dir() {
        println!("skipped: {IDX_DIR} is absent (Debian's dataset-fashion-mnist); the Pillow values still check the asset");
        return;
    }
    let set = asset();
    // Every box covers its share: 16 boxes take each of the 28 columns exactly once.
    let covered: Vec<usize> = (0..SIDE).flat_map(box_members).collect();
    assert_eq!(covered, (0..28).collect::<Vec<_>>());
    for (file, labels_file, pixels, labels) in [
        ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", &set.train_pixels, &set.train_labels),
        ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", &set.test_pixels, &set.test_labels),
    ] {
        let originals = gunzip(&Path::new(IDX_DIR).join(file));
        assert_eq!(originals[..4], [0, 0, 8, 3], "{file}: IDX3 magic");
        let original_labels = gunzip(&Path::new(IDX_DIR).join(labels_file));
        let count = labels.len();
        assert_eq!(labels[..], original_labels[8..8 + count], "{labels_file}");
        // A few hundred images spread over the whole part, first and last included.
        let chosen = (0..count).step_by(37).chain([count - 1]);
        let mut checked = 0;
        for index in chosen {
            let original = &originals[16 + index * 784..][..784];
            assert_eq!(resample(original), pixels[index * PIXELS..][..PIXELS], "{file} image {index}");
            checked += 1;
        }
        println!("{file}: {checked} images resampled again, all equal to the asset's");
    }
}
