//! Repeat over seeds: the lab's twin run for seeds `config.seed`, `config.seed + 1`, …, with the
//! end-of-run metrics of both networks per seed ([`RepeatJob`], one seed per
//! [`RepeatJob::advance`], or [`repeat_lab`] all at once).
//!
//! Per seed the two networks share initial weights and batches (a [`Twin`]), so their
//! differences are paired. A run is **diverged** when its network's loss became NaN or infinite;
//! all its metrics are then NaN. **Oscillation** is the mean |L_t − L_{t−1}| of the loss on the
//! whole training set over the last [`OSCILLATION_WINDOW`] steps (or all steps, if fewer): the loss
//! is evaluated just before that window and after each of its steps.

pub use super::seed_run::{run_twin, SeedRun};
use crate::mlp::dataset::TEST_FRACTION;
use crate::mlp::schema::MAX_SEED;
use crate::mlp::{LabConfig, LabError};

/// Most seeds one repeat may run.
pub const MAX_REPEAT_SEEDS: u32 = 1000;
/// Most training steps per seed.
pub const MAX_REPEAT_STEPS: u64 = 100_000;
/// Steps at the end of a run whose whole-training-set loss changes make the oscillation figure.
pub const OSCILLATION_WINDOW: u64 = 100;
/// Most work one repeat may do, counted as `seeds × steps × batch × parameters` (one network's
/// multiply-adds per forward pass, batch the effective batch size). About 3·10¹¹: a minute or two
/// natively for both networks, so a call never runs for hours.
pub const MAX_REPEAT_WORK: u64 = 300_000_000_000;

/// How many seeds and steps to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepeatOptions {
    /// Number of seeds, 1..=1000.
    pub seeds: u32,
    /// Training steps per seed, 1..=100 000.
    pub steps: u64,
    /// Draw a new dataset per seed (data seed = the seed) instead of the config's one.
    pub vary_data: bool,
}

/// One network's metrics, one entry per seed run so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SideMetrics {
    /// Dead hidden neurons at the end.
    pub dead: Vec<f64>,
    /// Inactive hidden neurons at the end (pre-activation ≤ 0 on every training input).
    pub inactive: Vec<f64>,
    /// Loss on the training set at the end.
    pub train_loss: Vec<f64>,
    /// Loss on the test set at the end.
    pub test_loss: Vec<f64>,
    /// Accuracy on the training set at the end, in [0, 1].
    pub train_accuracy: Vec<f64>,
    /// Accuracy on the test set at the end, in [0, 1].
    pub test_accuracy: Vec<f64>,
    /// 1 when the run diverged, else 0 (never NaN).
    pub diverged: Vec<f64>,
    /// Mean |L_t − L_{t−1}| of the training-set loss over the last steps (see the module docs).
    pub oscillation: Vec<f64>,
}

/// The metrics of one network at the end of one seed's run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunMetrics {
    /// See [`SideMetrics::dead`].
    pub dead: f64,
    /// See [`SideMetrics::inactive`].
    pub inactive: f64,
    /// See [`SideMetrics::train_loss`].
    pub train_loss: f64,
    /// See [`SideMetrics::test_loss`].
    pub test_loss: f64,
    /// See [`SideMetrics::train_accuracy`].
    pub train_accuracy: f64,
    /// See [`SideMetrics::test_accuracy`].
    pub test_accuracy: f64,
    /// Whether the run diverged.
    pub diverged: bool,
    /// See [`SideMetrics::oscillation`].
    pub oscillation: f64,
}

impl SideMetrics {
    /// Appends one run's metrics.
    pub fn push(&mut self, run: &RunMetrics) {
        self.dead.push(run.dead);
        self.inactive.push(run.inactive);
        self.train_loss.push(run.train_loss);
        self.test_loss.push(run.test_loss);
        self.train_accuracy.push(run.train_accuracy);
        self.test_accuracy.push(run.test_accuracy);
        self.diverged.push(f64::from(u8::from(run.diverged)));
        self.oscillation.push(run.oscillation);
    }

    /// The values of one metric by its JS id (`"dead"`, `"trainLoss"`, …).
    pub fn by_id(&self, id: &str) -> Option<&[f64]> {
        Some(match id {
            "dead" => &self.dead,
            "inactive" => &self.inactive,
            "trainLoss" => &self.train_loss,
            "testLoss" => &self.test_loss,
            "trainAccuracy" => &self.train_accuracy,
            "testAccuracy" => &self.test_accuracy,
            "diverged" => &self.diverged,
            "oscillation" => &self.oscillation,
            _ => return None,
        })
    }
}

/// Every metric id of [`SideMetrics::by_id`], in display order.
pub const METRIC_IDS: [&str; 8] =
    ["dead", "inactive", "trainLoss", "testLoss", "trainAccuracy", "testAccuracy", "diverged", "oscillation"];

/// Seeds run so far and both networks' metrics, in seed order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RepeatResult {
    /// The weight (and batch-order) seed of each run.
    pub seeds: Vec<f64>,
    /// The ReLU network's metrics.
    pub relu: SideMetrics,
    /// The other network's metrics.
    pub other: SideMetrics,
}

/// A repeat in progress: one seed per [`RepeatJob::advance`].
#[derive(Clone, Debug)]
pub struct RepeatJob {
    config: LabConfig,
    options: RepeatOptions,
    result: RepeatResult,
    current: Option<SeedRun>,
}

impl RepeatJob {
    /// Checks `config` and `options` (limits, the last seed, the work cap) without running anything.
    pub fn new(config: &LabConfig, options: RepeatOptions) -> Result<RepeatJob, LabError> {
        config.validate()?;
        check_options(config, &options)?;
        Ok(RepeatJob { config: config.clone(), options, result: RepeatResult::default(), current: None })
    }

    /// Runs the next seed (the rest of it, if [`RepeatJob::advance_steps`] began it); returns true
    /// when every seed is done (and does nothing more then).
    pub fn advance(&mut self) -> Result<bool, LabError> {
        // A budget of a whole run always finishes the seed under way.
        self.advance_steps(self.options.steps)
    }

    /// Runs up to `budget` steps of the current seed (starting the next one if none is under
    /// way); returns true when every seed is done.
    pub fn advance_steps(&mut self, budget: u64) -> Result<bool, LabError> {
        if self.is_done() {
            return Ok(true);
        }
        let seed = self.config.seed + self.result.seeds.len() as u64;
        let run = match &mut self.current {
            Some(run) => run,
            None => {
                let mut config = self.config.clone();
                config.seed = seed;
                if self.options.vary_data {
                    config.data_seed = seed;
                }
                self.current.insert(SeedRun::new(&config, self.options.steps)?)
            }
        };
        if let Some(runs) = run.advance(budget)? {
            self.current = None;
            self.result.seeds.push(seed as f64);
            self.result.relu.push(&runs.relu);
            self.result.other.push(&runs.other);
        }
        Ok(self.is_done())
    }

    /// Whether a seed is under way (begun by [`RepeatJob::advance_steps`], not finished).
    pub fn in_progress(&self) -> bool {
        self.current.is_some()
    }

    /// The options this job runs.
    pub fn options(&self) -> &RepeatOptions {
        &self.options
    }

    /// Seeds done.
    pub fn done(&self) -> u32 {
        self.result.seeds.len() as u32
    }

    /// Seeds in all.
    pub fn total(&self) -> u32 {
        self.options.seeds
    }

    /// Whether every seed is done.
    pub fn is_done(&self) -> bool {
        self.done() >= self.total()
    }

    /// The seeds done so far and their metrics.
    pub fn result(&self) -> &RepeatResult {
        &self.result
    }
}

/// Every seed of a repeat at once.
pub fn repeat_lab(config: &LabConfig, options: RepeatOptions) -> Result<RepeatResult, LabError> {
    let mut job = RepeatJob::new(config, options)?;
    while !job.advance()? {}
    Ok(job.result)
}

/// The limits of [`RepeatJob::new`].
fn check_options(config: &LabConfig, options: &RepeatOptions) -> Result<(), LabError> {
    let seeds = options.seeds;
    if !(1..=MAX_REPEAT_SEEDS).contains(&seeds) {
        return Err(LabError::out_of_range("seeds", seeds, 1, MAX_REPEAT_SEEDS));
    }
    if !(1..=MAX_REPEAT_STEPS).contains(&options.steps) {
        return Err(LabError::out_of_range("steps", options.steps, 1, MAX_REPEAT_STEPS));
    }
    let last_seed = config.seed as f64 + f64::from(seeds - 1);
    if last_seed > MAX_SEED {
        let message = format!("seed + seeds − 1 must be at most {MAX_SEED}, got {last_seed}");
        return Err(LabError::new("seeds", message));
    }
    let work = repeat_work(config, options);
    if work > MAX_REPEAT_WORK {
        let message = format!(
            "repeat work (seeds × steps × batch × parameters) must be at most {MAX_REPEAT_WORK}, got \
             {work}: use fewer seeds or steps, a smaller batch or a smaller network"
        );
        return Err(LabError::new("repeat work", message));
    }
    Ok(())
}

/// `seeds × steps × batch × parameters` of one network, batch clamped to the training-set size.
pub fn repeat_work(config: &LabConfig, options: &RepeatOptions) -> u64 {
    let train_points = match &config.data {
        Some(data) => data.train.len(),
        None => config.points - (config.points as f64 * TEST_FRACTION).round() as usize,
    };
    let batch = config.batch_size.min(train_points) as u64;
    let mut fan_in = config.features();
    let mut parameters = 0u64;
    let classes = config.classes();
    let outputs = if classes == 2 { 1 } else { classes };
    for &width in config.hidden_widths.iter().chain([&outputs]) {
        parameters += ((fan_in + 1) * width) as u64;
        fan_in = width;
    }
    u64::from(options.seeds).saturating_mul(options.steps).saturating_mul(batch).saturating_mul(parameters)
}
