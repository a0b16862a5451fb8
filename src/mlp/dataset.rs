//! Labelled data: [`Dataset`] (any number of features and classes) and the 2-D toy datasets:
//! moons, circles, xor and blobs (2 classes) and spiral (3 classes).
//!
//! Each generator draws `points` labelled points from a seed, adds Gaussian noise of standard
//! deviation `noise` (in the units of the clean shape), then applies a fixed affine map per dataset
//! so that the points lie roughly in [-1.5, 1.5]² with about unit spread: a fixed map (rather than
//! standardising by the sample's own mean and deviation) keeps the data rectangle the same for
//! every seed, so a decision-boundary picture can use fixed axes, e.g. [-2, 2]². The points are
//! shuffled and the last [`TEST_FRACTION`] of them form the test set.

use super::rng::Rng;
use super::{check_count, check_real, LabError};
use std::f64::consts::{PI, TAU};

/// Fewest points a dataset may have.
pub const MIN_POINTS: usize = super::schema::POINTS.min as usize;
/// Most points a dataset may have.
pub const MAX_POINTS: usize = super::schema::POINTS.max as usize;
/// Largest noise standard deviation allowed.
pub const MAX_NOISE: f64 = super::schema::NOISE.max;
/// Largest share of training labels [`flip_labels`] may flip.
pub const MAX_LABEL_NOISE: f64 = super::schema::LABEL_NOISE.max;
/// Random stream of the label flips (see [`Rng::for_stream`]); the points use `Rng::new(seed)`.
const LABEL_NOISE_STREAM: u64 = 3;
/// The share of points held out as the test set (the test set has `points / 5` points).
pub const TEST_FRACTION: f64 = 0.2;
/// Most input features (columns) a dataset may have: a 32×32 image.
pub const MAX_FEATURES: usize = 1024;
/// Most classes a dataset may have (labels are bytes).
pub const MAX_CLASSES: usize = 100;
/// Most rows one part (train or test) of a dataset may have: all of Fashion-MNIST's training set.
pub const MAX_DATA_ROWS: usize = 60_000;

/// Which toy dataset to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatasetKind {
    /// Two interleaving half circles (scikit-learn's `make_moons`), 2 classes.
    Moons,
    /// A circle inside a circle of twice its radius (`make_circles(factor = 0.5)`), 2 classes.
    Circles,
    /// Uniform points in a square, class 1 where x·y > 0, 2 classes.
    Xor,
    /// Two Gaussian blobs (standard deviation 0.3 before noise), 2 classes.
    Blobs,
    /// Three interleaved spiral arms (the CS231n spiral), 3 classes.
    Spiral,
}

impl DatasetKind {
    /// Every dataset, in the order a menu shows them.
    pub const ALL: [DatasetKind; 5] =
        [DatasetKind::Moons, DatasetKind::Circles, DatasetKind::Xor, DatasetKind::Blobs, DatasetKind::Spiral];

    /// The id used in URLs and menus, e.g. `"moons"`.
    pub fn id(self) -> &'static str {
        match self {
            DatasetKind::Moons => "moons",
            DatasetKind::Circles => "circles",
            DatasetKind::Xor => "xor",
            DatasetKind::Blobs => "blobs",
            DatasetKind::Spiral => "spiral",
        }
    }

    /// The name a menu shows, e.g. `"Two moons"`.
    pub fn label(self) -> &'static str {
        match self {
            DatasetKind::Moons => "Two moons",
            DatasetKind::Circles => "Circles",
            DatasetKind::Xor => "XOR",
            DatasetKind::Blobs => "Gaussian blobs",
            DatasetKind::Spiral => "Spiral (3 classes)",
        }
    }

    /// The dataset with this id, or an error listing the valid ids.
    pub fn from_id(id: &str) -> Result<DatasetKind, LabError> {
        DatasetKind::ALL.into_iter().find(|kind| kind.id() == id).ok_or_else(|| {
            LabError::new(
                "dataset",
                format!("dataset must be one of moons, circles, xor, blobs, spiral, got {id:?}"),
            )
        })
    }

    /// The number of classes: 3 for the spiral, 2 for the others.
    pub fn classes(self) -> usize {
        match self {
            DatasetKind::Spiral => 3,
            _ => 2,
        }
    }
}

/// Labelled rows: `inputs` holds `features` f32 numbers per row, row-major (for the 2-D toy sets
/// x0, y0, x1, y1, …), and `labels` one class in `0..classes` per row.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    inputs: Vec<f32>,
    labels: Vec<u8>,
    features: usize,
    classes: usize,
}

impl Dataset {
    /// A dataset of `labels.len()` rows of `features` numbers each. Errors name the problem: no
    /// rows, a features or classes count out of range, `inputs` not rows × features long, a label
    /// outside `0..classes`, a NaN or infinite input.
    pub fn new(
        inputs: Vec<f32>,
        labels: Vec<u8>,
        features: usize,
        classes: usize,
    ) -> Result<Dataset, LabError> {
        check_count("features", features, 1, MAX_FEATURES)?;
        check_count("classes", classes, 2, MAX_CLASSES)?;
        check_count("rows", labels.len(), 1, MAX_DATA_ROWS)?;
        let expected = labels.len() * features;
        if inputs.len() != expected {
            let message = format!(
                "inputs must hold rows × features = {} × {features} = {expected} numbers, got {}",
                labels.len(),
                inputs.len()
            );
            return Err(LabError::new("inputs", message));
        }
        if let Some(index) = inputs.iter().position(|x| !x.is_finite()) {
            let (row, column) = (index / features, index % features);
            let message = format!(
                "inputs must be finite numbers, got {} at row {row}, feature {column}",
                inputs[index]
            );
            return Err(LabError::new("inputs", message));
        }
        if let Some(row) = labels.iter().position(|&label| usize::from(label) >= classes) {
            let message =
                format!("labels must be classes 0 to {}, got {} at row {row}", classes - 1, labels[row]);
            return Err(LabError::new("label", message));
        }
        Ok(Dataset { inputs, labels, features, classes })
    }

    /// A dataset from row-major `(x, y)` pairs and class labels in `0..classes`; the lengths must
    /// agree and every label must be a valid class.
    pub fn from_points(inputs: Vec<f32>, labels: Vec<u8>, classes: usize) -> Result<Dataset, LabError> {
        check_count("classes", classes, 2, MAX_CLASSES)?;
        if inputs.len() != 2 * labels.len() {
            let message =
                format!("inputs must hold 2 numbers per label, got {} for {}", inputs.len(), labels.len());
            return Err(LabError::new("inputs", message));
        }
        if let Some(bad) = labels.iter().find(|&&label| usize::from(label) >= classes) {
            return Err(LabError::out_of_range("label", bad, 0, classes - 1));
        }
        Ok(Dataset { inputs, labels, features: 2, classes })
    }

    /// The number of points.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// All rows, row-major: `[x0, y0, x1, y1, …]` for the 2-D sets.
    pub fn inputs(&self) -> &[f32] {
        &self.inputs
    }

    /// The class of each point.
    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Numbers per row (2 for the toy sets).
    pub fn features(&self) -> usize {
        self.features
    }

    /// Row `index`'s inputs.
    pub fn row(&self, index: usize) -> &[f32] {
        &self.inputs[index * self.features..][..self.features]
    }

    /// Point `index` as `(x, y)`: its first two features.
    pub fn point(&self, index: usize) -> (f32, f32) {
        let row = self.row(index);
        (row[0], row.get(1).copied().unwrap_or(0.0))
    }
}

/// A dataset split into a training and a test part (disjoint, same classes and features).
#[derive(Clone, Debug, PartialEq)]
pub struct SplitDataset {
    /// The points the networks train on (and dead-neuron statistics are computed on).
    pub train: Dataset,
    /// The held-out points, for test loss and accuracy.
    pub test: Dataset,
    /// A name per class (e.g. `"T-shirt/top"`), or empty: then classes are shown by number.
    pub class_names: Vec<String>,
}

impl SplitDataset {
    /// Pairs a training and a test set, checking they agree: same features, same classes, and
    /// either no class names or one per class (each at most 40 characters).
    pub fn new(train: Dataset, test: Dataset, class_names: Vec<String>) -> Result<SplitDataset, LabError> {
        if train.features != test.features {
            let message = format!(
                "the test set must have the training set's {} features, got {}",
                train.features, test.features
            );
            return Err(LabError::new("features", message));
        }
        if train.classes != test.classes {
            let message = format!(
                "the test set must have the training set's {} classes, got {}",
                train.classes, test.classes
            );
            return Err(LabError::new("classes", message));
        }
        if !class_names.is_empty() && class_names.len() != train.classes {
            let message =
                format!("class names must name all {} classes, got {}", train.classes, class_names.len());
            return Err(LabError::new("class names", message));
        }
        if let Some(name) = class_names.iter().find(|name| name.is_empty() || name.chars().count() > 40) {
            let message = format!("a class name must have 1 to 40 characters, got {name:?}");
            return Err(LabError::new("class names", message));
        }
        Ok(SplitDataset { train, test, class_names })
    }

    /// The name of class `class`: its given name, or `"class 3"`.
    pub fn class_name(&self, class: usize) -> String {
        self.class_names.get(class).cloned().unwrap_or_else(|| format!("class {class}"))
    }
}

/// Draws `points` points of `kind` with Gaussian `noise`, shuffled and split 80/20.
pub fn generate(kind: DatasetKind, points: usize, noise: f64, seed: u64) -> Result<SplitDataset, LabError> {
    check_count("dataset size", points, MIN_POINTS, MAX_POINTS)?;
    check_real("noise", noise, 0.0, MAX_NOISE)?;
    let mut rng = Rng::new(seed);
    let classes = kind.classes();
    let mut samples: Vec<([f64; 2], u8)> = (0..points)
        .map(|index| {
            let label = (index % classes) as u8;
            let [x, y] = clean_point(kind, label, &mut rng);
            ([x + noise * rng.normal(), y + noise * rng.normal()], label)
        })
        .collect();
    rng.shuffle(&mut samples);
    let test_points = (points as f64 * TEST_FRACTION).round() as usize;
    let (scale, offset) = affine_map(kind);
    let to_dataset = |part: &[([f64; 2], u8)]| Dataset {
        inputs: part
            .iter()
            .flat_map(|(point, _)| {
                [((point[0] - offset[0]) * scale) as f32, ((point[1] - offset[1]) * scale) as f32]
            })
            .collect(),
        labels: part.iter().map(|&(_, label)| label).collect(),
        features: 2,
        classes,
    };
    let (train, test) = samples.split_at(points - test_points);
    Ok(SplitDataset { train: to_dataset(train), test: to_dataset(test), class_names: Vec::new() })
}

/// Flips exactly `round(share × len)` labels of `data` (for label noise on a training set),
/// returning how many. The flipped points are a uniform random subset drawn from
/// `Rng::for_stream(seed, 3)`, so the same seed flips the same points whatever the point
/// generator drew; each flipped label moves to a different class, uniformly among the others
/// (binary: 0 ↔ 1). An exact count rather than a coin per point keeps the share shown to a learner
/// true on every seed. `share` must be in 0..=0.5.
pub fn flip_labels(data: &mut Dataset, share: f64, seed: u64) -> Result<usize, LabError> {
    check_real("label noise", share, 0.0, MAX_LABEL_NOISE)?;
    let count = (share * data.len() as f64).round() as usize;
    if count == 0 {
        return Ok(0);
    }
    let mut rng = Rng::for_stream(seed, LABEL_NOISE_STREAM);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let classes = data.classes as u8;
    // Partial Fisher–Yates: the first `count` entries become a uniform random subset.
    for i in 0..count {
        let j = i + rng.below(order.len() - i);
        order.swap(i, j);
        let label = &mut data.labels[order[i]];
        let shift = 1 + rng.below(usize::from(classes) - 1) as u8;
        *label = (*label + shift) % classes;
    }
    Ok(count)
}

/// One noise-free point of class `label`.
fn clean_point(kind: DatasetKind, label: u8, rng: &mut Rng) -> [f64; 2] {
    match kind {
        DatasetKind::Moons => {
            let angle = rng.uniform(0.0, PI);
            if label == 0 {
                [angle.cos(), angle.sin()]
            } else {
                [1.0 - angle.cos(), 0.5 - angle.sin()]
            }
        }
        DatasetKind::Circles => {
            let radius = if label == 0 { 1.0 } else { 0.5 };
            let angle = rng.uniform(0.0, TAU);
            [radius * angle.cos(), radius * angle.sin()]
        }
        DatasetKind::Xor => {
            // Keep a margin of 0.1 from the axes so the clean classes are separable.
            let mut coordinate = || {
                let magnitude = rng.uniform(0.1, 1.0);
                if rng.next_f64() < 0.5 {
                    -magnitude
                } else {
                    magnitude
                }
            };
            let (x, y) = (coordinate(), coordinate());
            if (x * y > 0.0) == (label == 1) {
                [x, y]
            } else {
                [-x, y]
            }
        }
        DatasetKind::Blobs => {
            let center = if label == 0 { [-0.7, -0.5] } else { [0.7, 0.5] };
            [center[0] + 0.3 * rng.normal(), center[1] + 0.3 * rng.normal()]
        }
        DatasetKind::Spiral => {
            let radius = rng.uniform(0.05, 1.0);
            let angle = f64::from(label) * TAU / 3.0 + 4.0 * radius;
            [radius * angle.cos(), radius * angle.sin()]
        }
    }
}

/// `(scale, offset)` with `model input = (point − offset) · scale`, centring each shape and
/// bringing it to roughly [-1.5, 1.5]².
fn affine_map(kind: DatasetKind) -> (f64, [f64; 2]) {
    match kind {
        DatasetKind::Moons => (1.0, [0.5, 0.25]),
        DatasetKind::Circles => (1.25, [0.0, 0.0]),
        DatasetKind::Xor => (1.4, [0.0, 0.0]),
        DatasetKind::Blobs => (1.0, [0.0, 0.0]),
        DatasetKind::Spiral => (1.4, [0.0, 0.0]),
    }
}

#[cfg(test)]
#[path = "dataset_tests.rs"]
mod tests;
