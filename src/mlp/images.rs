//! Labelled grey-scale image sets in actviz's small binary format, the one
//! `tools/fashion-asset.mjs` writes for the Fashion-MNIST 16×16 asset: [`parse_image_set`] reads
//! the (already inflated) bytes into an [`ImageSet`], and [`ImageSet::to_split`] turns it into the
//! training data of a lab.
//!
//! The format, all integers little-endian:
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `b"AVIMGSET"` |
//! | 8 | 4 | u32 version, 1 |
//! | 12 | 4 | u32 width |
//! | 16 | 4 | u32 height |
//! | 20 | 4 | u32 number of classes |
//! | 24 | 4 | u32 number of training images |
//! | 28 | 4 | u32 number of test images |
//! | 32 | … | per class: a u8 byte length, then the name in UTF-8 |
//!
//! then the training pixels (images one after another, each row-major, one u8 per pixel, stored
//! with PNG's Up filter: row 0 as is, every other pixel as its difference mod 256 from the pixel
//! above), the training labels (one u8 class per image), the test pixels and the test labels, and
//! nothing after them. The Up filter only helps gzip (the asset is 4% smaller); [`ImageSet`]
//! holds the plain pixels.
//!
//! Every count is checked against the lab's limits, and the file's length against the counts,
//! before anything is allocated, so a hostile or truncated file is a [`LabError`], never a panic
//! or a huge allocation.

use super::dataset::{Dataset, SplitDataset, MAX_CLASSES, MAX_DATA_ROWS, MAX_FEATURES};
use super::LabError;

/// The first 8 bytes of an image set.
pub const MAGIC: [u8; 8] = *b"AVIMGSET";
/// The only version this parser reads.
pub const VERSION: u32 = 1;
/// The field named in every error of [`parse_image_set`].
const FIELD: &str = "image set";

/// A labelled image set: pixels as bytes (0 = black, 255 = white), one class per image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageSet {
    /// Pixels per row of an image.
    pub width: usize,
    /// Rows per image.
    pub height: usize,
    /// The name of each class, in label order.
    pub class_names: Vec<String>,
    /// The training images, each `width × height` bytes row-major, one after another.
    pub train_pixels: Vec<u8>,
    /// The class of each training image.
    pub train_labels: Vec<u8>,
    /// The test images, laid out as `train_pixels`.
    pub test_pixels: Vec<u8>,
    /// The class of each test image.
    pub test_labels: Vec<u8>,
}

impl ImageSet {
    /// Pixels per image: `width × height`, the number of input features.
    pub fn features(&self) -> usize {
        self.width * self.height
    }

    /// The training and test sets as a lab's data: each pixel as `value / 255` in [0, 1] (what
    /// torchvision's `ToTensor` gives), one row per image, with the class names.
    pub fn to_split(&self) -> Result<SplitDataset, LabError> {
        let part = |pixels: &[u8], labels: &[u8]| {
            let inputs = pixels.iter().map(|&p| f32::from(p) / 255.0).collect();
            Dataset::new(inputs, labels.to_vec(), self.features(), self.class_names.len())
        };
        let train = part(&self.train_pixels, &self.train_labels)?;
        let test = part(&self.test_pixels, &self.test_labels)?;
        SplitDataset::new(train, test, self.class_names.clone())
    }
}

/// Reads an image set from its inflated bytes (the format in this module's doc). Errors say what
/// is wrong: not an image set, another version, a size or count outside the lab's limits
/// (features ≤ [`MAX_FEATURES`], 2 to [`MAX_CLASSES`] classes, 1 to [`MAX_DATA_ROWS`] images per
/// part), a bad class name, a file shorter or longer than its header says, a label out of range.
pub fn parse_image_set(bytes: &[u8]) -> Result<ImageSet, LabError> {
    let mut reader = Reader { bytes, offset: 0 };
    if reader.take(MAGIC.len()).ok() != Some(&MAGIC[..]) {
        return Err(error("is not an actviz image set (it does not start with \"AVIMGSET\")".into()));
    }
    let version = reader.u32()?;
    if version != VERSION as usize {
        return Err(error(format!("has version {version}; this reader knows version {VERSION}")));
    }
    let (width, height) = (reader.u32()?, reader.u32()?);
    let (classes, train, test) = (reader.u32()?, reader.u32()?, reader.u32()?);
    let features = checked_features(width, height)?;
    check("class count", classes, 2, MAX_CLASSES)?;
    check("training image count", train, 1, MAX_DATA_ROWS)?;
    check("test image count", test, 1, MAX_DATA_ROWS)?;
    let class_names = (0..classes).map(|class| reader.class_name(class)).collect::<Result<Vec<_>, _>>()?;
    if let Some(class) = (1..classes).find(|&class| class_names[..class].contains(&class_names[class])) {
        return Err(error(format!("names two classes {:?}", class_names[class])));
    }
    // Both counts are at most MAX_DATA_ROWS and features at most MAX_FEATURES: no overflow.
    let expected = (train + test) * (features + 1);
    let remaining = bytes.len() - reader.offset;
    if remaining != expected {
        let verdict = if remaining < expected { "is truncated" } else { "has trailing bytes" };
        return Err(error(format!(
            "{verdict}: {train} + {test} images of {width}×{height} need {expected} bytes of pixels \
             and labels, got {remaining}"
        )));
    }
    let mut part = |count: usize, what: &str| -> Result<(Vec<u8>, Vec<u8>), LabError> {
        let mut pixels = reader.take(count * features)?.to_vec();
        unfilter_up(&mut pixels, width, features);
        let labels = reader.take(count)?.to_vec();
        if let Some(index) = labels.iter().position(|&label| usize::from(label) >= classes) {
            let message = format!(
                "gives {what} image {index} the label {}, but it has {classes} classes",
                labels[index]
            );
            return Err(error(message));
        }
        Ok((pixels, labels))
    };
    let (train_pixels, train_labels) = part(train, "training")?;
    let (test_pixels, test_labels) = part(test, "test")?;
    Ok(ImageSet { width, height, class_names, train_pixels, train_labels, test_pixels, test_labels })
}

/// Undoes PNG's Up filter, in place: in each image of `features` pixels, every pixel below the
/// first row (of `width` pixels) gets the restored pixel above it added back, mod 256.
fn unfilter_up(pixels: &mut [u8], width: usize, features: usize) {
    for image in pixels.chunks_exact_mut(features) {
        for index in width..features {
            image[index] = image[index].wrapping_add(image[index - width]);
        }
    }
}

/// The number of pixels per image, `width × height`, each at least 1 and the product at most
/// [`MAX_FEATURES`].
fn checked_features(width: usize, height: usize) -> Result<usize, LabError> {
    check("width", width, 1, MAX_FEATURES)?;
    check("height", height, 1, MAX_FEATURES)?;
    let features = width * height;
    if features > MAX_FEATURES {
        let message =
            format!("has {width}×{height} = {features} pixels per image; at most {MAX_FEATURES} are allowed");
        return Err(error(message));
    }
    Ok(features)
}

/// "the image set's `what` must be between `min` and `max`, got `value`".
fn check(what: &str, value: usize, min: usize, max: usize) -> Result<(), LabError> {
    if value < min || value > max {
        let message = format!("the {FIELD}'s {what} must be between {min} and {max}, got {value}");
        return Err(LabError::new(FIELD, message));
    }
    Ok(())
}

/// An error about the file: "the image set `rest`".
fn error(rest: String) -> LabError {
    LabError::new(FIELD, format!("the {FIELD} {rest}"))
}

/// A cursor over the file's bytes that fails cleanly at the end.
struct Reader<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> Reader<'a> {
    /// The next `count` bytes, or "truncated".
    fn take(&mut self, count: usize) -> Result<&'a [u8], LabError> {
        let rest = &self.bytes[self.offset..];
        if rest.len() < count {
            let message = format!("is truncated: {} bytes, it ends inside its header", self.bytes.len());
            return Err(error(message));
        }
        self.offset += count;
        Ok(&rest[..count])
    }

    /// The next little-endian u32, as a usize.
    fn u32(&mut self) -> Result<usize, LabError> {
        let bytes = self.take(4)?;
        let value = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        // usize is at least 32 bits on every target actviz builds for (wasm32 and 64-bit hosts).
        Ok(value as usize)
    }

    /// Class `class`'s name: a u8 length, then that many bytes of UTF-8, non-empty.
    fn class_name(&mut self, class: usize) -> Result<String, LabError> {
        let length = usize::from(self.take(1)?[0]);
        let name = std::str::from_utf8(self.take(length)?)
            .map_err(|_| error(format!("has a name for class {class} that is not UTF-8")))?;
        if name.is_empty() {
            return Err(error(format!("has an empty name for class {class}")));
        }
        Ok(name.to_owned())
    }
}

#[cfg(test)]
#[path = "images_tests.rs"]
mod tests;
