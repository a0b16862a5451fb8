//! The image-set format: a hand-written file, round trips, and every way a file can be wrong.

use super::*;

/// A small set: 3×2 images, 3 classes, 4 training and 2 test images, pixels that make the Up
/// filter wrap around (a dark pixel under a bright one).
fn sample() -> ImageSet {
    let image = |seed: u8| -> Vec<u8> {
        (0..6u8).map(|i| seed.wrapping_mul(37).wrapping_add(i.wrapping_mul(91))).collect()
    };
    ImageSet {
        width: 3,
        height: 2,
        class_names: vec!["cat".into(), "dog".into(), "T-shirt/top".into()],
        train_pixels: (0..4).flat_map(image).collect(),
        train_labels: vec![0, 2, 1, 2],
        test_pixels: (10..12).flat_map(image).collect(),
        test_labels: vec![1, 0],
    }
}

/// The file for `set`, written independently of the parser (as tools/fashion-asset.mjs does).
fn encode(set: &ImageSet) -> Vec<u8> {
    let mut bytes = b"AVIMGSET".to_vec();
    let counts =
        [1, set.width, set.height, set.class_names.len(), set.train_labels.len(), set.test_labels.len()];
    for value in counts {
        bytes.extend_from_slice(&(value as u32).to_le_bytes());
    }
    for name in &set.class_names {
        bytes.push(name.len() as u8);
        bytes.extend_from_slice(name.as_bytes());
    }
    for (pixels, labels) in [(&set.train_pixels, &set.train_labels), (&set.test_pixels, &set.test_labels)] {
        for image in pixels.chunks(set.width * set.height) {
            let filtered = (0..image.len()).map(|i| {
                if i < set.width {
                    image[i]
                } else {
                    image[i].wrapping_sub(image[i - set.width])
                }
            });
            bytes.extend(filtered);
        }
        bytes.extend_from_slice(labels);
    }
    bytes
}

/// `bytes` with the u32 header field at `offset` replaced by `value`.
fn with_field(mut bytes: Vec<u8>, offset: usize, value: u32) -> Vec<u8> {
    bytes[offset..offset + 4].copy_from_slice(&value.to_le_bytes());
    bytes
}

/// The message of the error `bytes` must give.
fn refusal(bytes: &[u8]) -> String {
    let error = parse_image_set(bytes).expect_err("a bad file must be refused");
    assert_eq!(error.field, "image set");
    error.message
}

#[test]
fn a_hand_written_file_parses_and_the_up_filter_adds_down_each_column() {
    let mut bytes = b"AVIMGSET".to_vec();
    for value in [1u32, 2, 2, 2, 1, 1] {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    bytes.extend_from_slice(b"\x01a\x02bc");
    // Training image [[10, 250], [5, 255]]: row 1 stored as 5 − 10 = 251 and 255 − 250 = 5.
    bytes.extend_from_slice(&[10, 250, 251, 5, 1]);
    bytes.extend_from_slice(&[0, 0, 255, 1, 0]);
    let set = parse_image_set(&bytes).unwrap();
    assert_eq!((set.width, set.height, set.features()), (2, 2, 4));
    assert_eq!(set.class_names, ["a", "bc"]);
    assert_eq!((set.train_pixels, set.train_labels), (vec![10, 250, 5, 255], vec![1]));
    assert_eq!((set.test_pixels, set.test_labels), (vec![0, 0, 255, 1], vec![0]));
}

#[test]
fn a_file_round_trips() {
    let set = sample();
    assert_eq!(parse_image_set(&encode(&set)).unwrap(), set);
}

#[test]
fn to_split_scales_pixels_to_the_unit_interval_and_keeps_the_names() {
    let mut set = sample();
    set.train_pixels[..3].copy_from_slice(&[0, 51, 255]);
    let split = set.to_split().unwrap();
    assert_eq!((split.train.len(), split.test.len()), (4, 2));
    assert_eq!((split.train.features(), split.train.classes()), (6, 3));
    assert_eq!(split.train.row(0)[..3], [0.0, 0.2, 1.0]);
    assert_eq!(split.test.row(1)[2], f32::from(set.test_pixels[8]) / 255.0);
    assert_eq!(split.train.labels(), set.train_labels);
    assert_eq!(split.class_name(2), "T-shirt/top");
}

#[test]
fn a_wrong_magic_or_version_is_named() {
    assert!(refusal(b"").contains("not an actviz image set"));
    assert!(refusal(b"\x1f\x8b\x08\x00gzip").contains("not an actviz image set"));
    let mut bytes = encode(&sample());
    bytes[0] = b'X';
    assert!(refusal(&bytes).contains("not an actviz image set"));
    assert_eq!(
        refusal(&with_field(encode(&sample()), 8, 2)),
        "the image set has version 2; this reader knows version 1"
    );
}

#[test]
fn every_truncation_and_a_trailing_byte_are_refused() {
    let bytes = encode(&sample());
    for length in 0..bytes.len() {
        let message = refusal(&bytes[..length]);
        assert!(message.contains("truncated") || message.contains("not an actviz"), "{length}: {message}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        refusal(&longer),
        "the image set has trailing bytes: 4 + 2 images of 3×2 need 42 bytes of pixels and labels, got 43"
    );
}

#[test]
fn absurd_counts_are_refused_before_anything_is_allocated() {
    let bytes = encode(&sample());
    // u32::MAX images of 1×1 pixel would be 8 GiB: refused from the header alone.
    assert_eq!(
        refusal(&with_field(bytes.clone(), 24, u32::MAX)),
        "the image set's training image count must be between 1 and 60000, got 4294967295"
    );
    assert!(refusal(&with_field(bytes.clone(), 28, 0))
        .contains("test image count must be between 1 and 60000, got 0"));
    assert!(refusal(&with_field(bytes.clone(), 28, 60_001))
        .ends_with("test image count must be between 1 and 60000, got 60001"));
    assert!(refusal(&with_field(bytes.clone(), 12, 0)).ends_with("width must be between 1 and 1024, got 0"));
    assert!(refusal(&with_field(bytes.clone(), 16, u32::MAX))
        .ends_with("height must be between 1 and 1024, got 4294967295"));
    assert_eq!(
        refusal(&with_field(with_field(bytes.clone(), 12, 64), 16, 64)),
        "the image set has 64×64 = 4096 pixels per image; at most 1024 are allowed"
    );
    assert!(
        refusal(&with_field(bytes.clone(), 20, 1)).ends_with("class count must be between 2 and 100, got 1")
    );
    assert!(refusal(&with_field(bytes.clone(), 20, 101))
        .ends_with("class count must be between 2 and 100, got 101"));
    // Valid counts that promise more data than the file holds.
    let message = refusal(&with_field(bytes, 24, 60_000));
    assert!(message.starts_with("the image set is truncated: 60000 + 2 images of 3×2 need"), "{message}");
}

#[test]
fn bad_class_names_and_labels_are_named() {
    let mut set = sample();
    set.class_names[1] = String::new();
    assert_eq!(refusal(&encode(&set)), "the image set has an empty name for class 1");
    set.class_names[1] = "cat".into();
    assert_eq!(refusal(&encode(&set)), "the image set names two classes \"cat\"");
    let mut bytes = encode(&sample());
    bytes[32 + 1] = 0xff; // first byte of "cat"
    assert_eq!(refusal(&bytes), "the image set has a name for class 0 that is not UTF-8");
    let mut set = sample();
    set.test_labels[1] = 3;
    assert_eq!(refusal(&encode(&set)), "the image set gives test image 1 the label 3, but it has 3 classes");
}

#[test]
fn no_single_byte_change_of_the_header_panics() {
    let bytes = encode(&sample());
    let names_end = 32 + 4 + 4 + 12;
    for offset in 0..names_end {
        for value in [0, 1, 2, 3, 0x7f, 0x80, 0xfe, 0xff] {
            let mut changed = bytes.clone();
            changed[offset] = value;
            if let Ok(set) = parse_image_set(&changed) {
                assert_eq!(set.train_labels.len() * set.features(), set.train_pixels.len());
            }
        }
    }
}
