//! [`Twin`]: a ReLU network and a second network (any activation, LeakyReLU(0.01) by default)
//! trained side by side: same initial weights and biases (same seed), same data, same batches in
//! the same order. Any difference between them comes from the activation alone.

use super::config::{LabConfig, MAX_STEPS_PER_CALL};
use super::dataset::SplitDataset;
use super::history::{Pair, Side};
use super::rng::Rng;
use super::stats::{NetworkStats, StatsJob};
use super::trainer::Trainer;
use super::LabError;
use crate::activation::Activation;
use std::sync::Arc;

/// Random stream of the batch order (see [`Rng::for_stream`]).
const BATCH_STREAM: u64 = 2;

/// Statistics of both twins at one moment: `relu`, and `other` (the network with
/// [`LabConfig::activation`]).
pub type TwinStats = Pair<NetworkStats>;

/// [`Twin::stats`] in pieces (see [`StatsJob`]): both networks as they were at one step, the
/// ReLU network's pieces first.
#[derive(Clone, Debug)]
pub struct TwinStatsJob {
    relu: StatsJob,
    other: StatsJob,
    step: u64,
}

impl TwinStatsJob {
    /// Pieces in all, for both networks.
    pub fn pieces(&self) -> usize {
        self.relu.pieces() + self.other.pieces()
    }

    /// The twin's step the statistics describe.
    pub fn step(&self) -> u64 {
        self.step
    }
}

/// Two networks trained in lockstep on one dataset.
///
/// Batches: each epoch the training indices are shuffled with the seeded batch generator and cut
/// into consecutive batches of `batch_size` (clamped to the training-set size); a remainder too
/// small for a full batch is skipped and a new epoch begins. Both networks see every batch.
#[derive(Clone, Debug)]
pub struct Twin {
    config: LabConfig,
    data: Arc<SplitDataset>,
    relu: Trainer,
    other: Trainer,
    order: Vec<u32>,
    cursor: usize,
    batch_rng: Rng,
    batch_inputs: Vec<f32>,
    batch_labels: Vec<u8>,
    steps: u64,
}

impl Twin {
    /// Generates the dataset, or takes [`LabConfig::data`] (flipping [`LabConfig::label_noise`]
    /// of the training labels), and both networks from `config` (validated first).
    pub fn new(config: &LabConfig) -> Result<Twin, LabError> {
        config.validate()?;
        let data = config.split_data()?;
        let classes = data.train.classes();
        let train_size = data.train.len();
        let batch_size = config.batch_size.min(train_size);
        let relu = Trainer::from_config(config, Activation::Relu, classes, batch_size)?;
        let other = Trainer::from_config(config, config.activation.clone(), classes, batch_size)?;
        Ok(Twin {
            config: config.clone(),
            order: (0..train_size as u32).collect(),
            cursor: train_size,
            batch_rng: Rng::for_stream(config.seed, BATCH_STREAM),
            batch_inputs: vec![0.0; batch_size * data.train.features()],
            batch_labels: vec![0; batch_size],
            data,
            relu,
            other,
            steps: 0,
        })
    }

    /// Trains both networks for `steps` more batches (at most 100 000 per call); a network that has
    /// diverged sits the batches out, and when both have, the call returns early. Returns the total
    /// number of batches drawn so far.
    pub fn step(&mut self, steps: u64) -> Result<u64, LabError> {
        if steps > MAX_STEPS_PER_CALL {
            let message = format!("steps per call must be at most {MAX_STEPS_PER_CALL}, got {steps}");
            return Err(LabError::new("steps per call", message));
        }
        for _ in 0..steps {
            if self.relu.diverged_at_step().is_some() && self.other.diverged_at_step().is_some() {
                break;
            }
            self.next_batch();
            self.relu.train_step(&self.batch_inputs, &self.batch_labels)?;
            self.other.train_step(&self.batch_inputs, &self.batch_labels)?;
            self.steps += 1;
        }
        Ok(self.steps)
    }

    /// Fills the batch buffers with the next batch of the shared order.
    fn next_batch(&mut self) {
        let batch_size = self.batch_labels.len();
        if self.cursor + batch_size > self.order.len() {
            self.batch_rng.shuffle(&mut self.order);
            self.cursor = 0;
        }
        let train = &self.data.train;
        let indices = &self.order[self.cursor..self.cursor + batch_size];
        for ((&index, row), label) in indices
            .iter()
            .zip(self.batch_inputs.chunks_exact_mut(train.features()))
            .zip(&mut self.batch_labels)
        {
            row.copy_from_slice(train.row(index as usize));
            *label = train.labels()[index as usize];
        }
        self.cursor += batch_size;
    }

    /// Statistics of both networks (dead neurons over the training set, train and test metrics).
    pub fn stats(&mut self) -> TwinStats {
        let job = self.start_stats();
        self.finish_stats(job)
    }

    /// Starts [`Twin::stats`] in pieces on copies of both networks as they are now; training may
    /// go on while the job runs.
    pub fn start_stats(&self) -> TwinStatsJob {
        TwinStatsJob { relu: self.relu.start_stats(), other: self.other.start_stats(), step: self.steps }
    }

    /// Runs the next piece of `job` (one layer of one network over one dataset); returns whether
    /// the job is done.
    pub fn advance_stats(&self, job: &mut TwinStatsJob) -> bool {
        let (train, test) = (&self.data.train, &self.data.test);
        if job.relu.is_done() {
            job.other.advance(train, test)
        } else {
            job.relu.advance(train, test);
            false
        }
    }

    /// The statistics of `job`, running whatever pieces are left; updates both networks'
    /// revival tracking as [`Twin::stats`] does.
    pub fn finish_stats(&mut self, job: TwinStatsJob) -> TwinStats {
        let (train, test) = (&self.data.train, &self.data.test);
        TwinStats {
            relu: self.relu.finish_stats(job.relu, train, test),
            other: self.other.finish_stats(job.other, train, test),
        }
    }

    /// Batches drawn so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Completed epochs: passes over the training set, each exactly `steps_per_epoch()` batches
    /// (the order is reshuffled when the next batch would not fit).
    pub fn epoch(&self) -> u64 {
        self.steps / self.steps_per_epoch()
    }

    /// Batches per epoch: the training set cut into full batches (a remainder is skipped).
    pub fn steps_per_epoch(&self) -> u64 {
        (self.order.len() / self.batch_size()) as u64
    }

    /// The configuration this twin was built from.
    pub fn config(&self) -> &LabConfig {
        &self.config
    }

    /// The dataset, train and test.
    pub fn data(&self) -> &SplitDataset {
        &self.data
    }

    /// The dataset, shared (no copy): to read it while a trainer is borrowed mutably.
    pub fn shared_data(&self) -> Arc<SplitDataset> {
        Arc::clone(&self.data)
    }

    /// The effective batch size (the configured one, clamped to the training-set size).
    pub fn batch_size(&self) -> usize {
        self.batch_labels.len()
    }

    /// The trainer of one side.
    pub fn trainer_mut(&mut self, side: Side) -> &mut Trainer {
        match side {
            Side::Relu => &mut self.relu,
            Side::Other => &mut self.other,
        }
    }

    /// The ReLU network's trainer.
    pub fn relu(&self) -> &Trainer {
        &self.relu
    }

    /// The other network's trainer.
    pub fn other(&self) -> &Trainer {
        &self.other
    }

    /// The ReLU network's trainer, writable (decision grids, hand edits).
    pub fn relu_mut(&mut self) -> &mut Trainer {
        &mut self.relu
    }

    /// The other network's trainer, writable.
    pub fn other_mut(&mut self) -> &mut Trainer {
        &mut self.other
    }
}
