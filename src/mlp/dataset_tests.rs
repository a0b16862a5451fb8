//! The datasets' sizes, scales, determinism, label noise and refusals.

use super::*;

#[test]
fn every_dataset_has_the_right_size_classes_and_scale() {
    for kind in DatasetKind::ALL {
        let split = generate(kind, 1000, 0.1, 5).unwrap();
        assert_eq!((split.train.len(), split.test.len()), (800, 200));
        assert_eq!(split.train.classes(), kind.classes());
        for class in 0..kind.classes() as u8 {
            let count = split.train.labels().iter().filter(|&&label| label == class).count();
            assert!(count > 640 / kind.classes(), "{kind:?} class {class}: {count}");
        }
        let n = split.train.len() as f64;
        for axis in 0..2 {
            let values: Vec<f64> =
                split.train.inputs().iter().skip(axis).step_by(2).map(|&v| f64::from(v)).collect();
            let mean = values.iter().sum::<f64>() / n;
            let spread = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
            assert!(mean.abs() < 0.2, "{kind:?} axis {axis} mean {mean}");
            assert!((0.3..1.2).contains(&spread), "{kind:?} axis {axis} spread {spread}");
            assert!(values.iter().all(|v| v.abs() < 2.5), "{kind:?} axis {axis} out of range");
        }
    }
}

#[test]
fn same_seed_same_points_and_noise_moves_points() {
    let a = generate(DatasetKind::Moons, 100, 0.1, 1).unwrap();
    assert_eq!(a, generate(DatasetKind::Moons, 100, 0.1, 1).unwrap());
    assert_ne!(a, generate(DatasetKind::Moons, 100, 0.1, 2).unwrap());
    assert_ne!(a, generate(DatasetKind::Moons, 100, 0.3, 1).unwrap());
}

#[test]
fn clean_xor_labels_follow_the_quadrants() {
    let split = generate(DatasetKind::Xor, 400, 0.0, 9).unwrap();
    for index in 0..split.train.len() {
        let (x, y) = split.train.point(index);
        assert_eq!(x * y > 0.0, split.train.labels()[index] == 1);
    }
}

#[test]
fn label_noise_flips_an_exact_share_to_other_classes_deterministically() {
    for kind in [DatasetKind::Moons, DatasetKind::Spiral] {
        let clean = generate(kind, 1000, 0.1, 4).unwrap().train;
        for share in [0.0, 0.05, 0.2, 0.5] {
            let mut noisy = clean.clone();
            let flipped = flip_labels(&mut noisy, share, 4).unwrap();
            let changed = clean.labels().iter().zip(noisy.labels()).filter(|(a, b)| a != b).count();
            assert_eq!((flipped, changed), ((share * 800.0) as usize, (share * 800.0) as usize));
            assert_eq!(noisy.inputs(), clean.inputs(), "points unchanged");
            assert!(noisy.labels().iter().all(|&l| usize::from(l) < kind.classes()));
            let mut again = clean.clone();
            flip_labels(&mut again, share, 4).unwrap();
            assert_eq!(again, noisy, "same seed, same flips");
        }
        let (mut a, mut b) = (clean.clone(), clean.clone());
        flip_labels(&mut a, 0.2, 1).unwrap();
        flip_labels(&mut b, 0.2, 2).unwrap();
        assert_ne!(a, b, "another seed flips other points");
    }
    // Multi-class: a flipped label goes to each other class about equally often.
    let clean = generate(DatasetKind::Spiral, 5000, 0.1, 7).unwrap().train;
    let mut noisy = clean.clone();
    flip_labels(&mut noisy, 0.5, 7).unwrap();
    let up = clean.labels().iter().zip(noisy.labels()).filter(|(a, b)| (*a + 1) % 3 == **b).count();
    assert!((900..1100).contains(&up), "{up} of 2000 flips went to the next class");
    let mut data = clean.clone();
    assert_eq!(
        flip_labels(&mut data, 0.6, 1).unwrap_err().message,
        "label noise must be between 0 and 0.5, got 0.6"
    );
    assert!(flip_labels(&mut data, f64::NAN, 1).is_err());
    assert_eq!(data, clean, "a refused share changes nothing");
}

#[test]
fn invalid_sizes_noise_and_ids_are_rejected_with_messages() {
    let error = generate(DatasetKind::Moons, 6000, 0.1, 1).unwrap_err();
    assert_eq!(error.message, "dataset size must be between 10 and 5000, got 6000");
    let error = generate(DatasetKind::Moons, 100, f64::NAN, 1).unwrap_err();
    assert_eq!(error.message, "noise must be a finite number, got NaN");
    assert!(generate(DatasetKind::Moons, 100, -0.1, 1).is_err());
    assert_eq!(DatasetKind::from_id("spiral"), Ok(DatasetKind::Spiral));
    assert!(DatasetKind::from_id("swiss roll").unwrap_err().message.contains("moons, circles"));
    assert!(Dataset::from_points(vec![0.0; 4], vec![0, 2], 2).is_err());
    assert!(Dataset::from_points(vec![0.0; 3], vec![0, 1], 2).is_err());
}
