//! [`SeedRun`]: one seed's twin run, advanced in slices of any size, and its end-of-run
//! metrics (see [`super::repeat`] for what each metric means).

use super::repeat::{RunMetrics, OSCILLATION_WINDOW};
use crate::mlp::{Dataset, LabConfig, LabError, Pair, Side, Twin};

/// Trains one twin from `config` for `steps` steps and measures both networks at the end.
pub fn run_twin(config: &LabConfig, steps: u64) -> Result<Pair<RunMetrics>, LabError> {
    let mut run = SeedRun::new(config, steps)?;
    loop {
        if let Some(metrics) = run.advance(steps)? {
            return Ok(metrics);
        }
    }
}

/// One seed's twin run in progress, advanced by any number of steps at a time (the same run,
/// bit for bit, however it is cut).
#[derive(Clone, Debug)]
pub struct SeedRun {
    twin: Twin,
    train: Dataset,
    steps: u64,
    window: u64,
    done: u64,
    previous: [f64; 2],
    change: [f64; 2],
}

impl SeedRun {
    /// Builds the twin of `config` (validated) for a run of `steps` steps.
    pub fn new(config: &LabConfig, steps: u64) -> Result<SeedRun, LabError> {
        let twin = Twin::new(config)?;
        let train = twin.data().train.clone();
        let window = steps.min(OSCILLATION_WINDOW);
        let mut run =
            SeedRun { twin, train, steps, window, done: 0, previous: [f64::NAN; 2], change: [0.0; 2] };
        if window == steps {
            run.previous = run.train_losses();
        }
        Ok(run)
    }

    /// Steps run so far.
    pub fn done(&self) -> u64 {
        self.done
    }

    /// Runs up to `budget` more steps; returns both networks' metrics once all steps are done.
    pub fn advance(&mut self, budget: u64) -> Result<Option<Pair<RunMetrics>>, LabError> {
        let mut budget = budget.max(1);
        let before_window = self.steps - self.window;
        while budget > 0 && self.done < self.steps {
            if self.done < before_window {
                let n = budget.min(before_window - self.done);
                self.twin.step(n)?;
                (self.done, budget) = (self.done + n, budget - n);
                if self.done == before_window {
                    self.previous = self.train_losses();
                }
                continue;
            }
            self.twin.step(1)?;
            (self.done, budget) = (self.done + 1, budget - 1);
            let losses = self.train_losses();
            for ((change, previous), loss) in self.change.iter_mut().zip(&mut self.previous).zip(losses) {
                *change += (loss - *previous).abs();
                *previous = loss;
            }
        }
        Ok((self.done >= self.steps).then(|| self.finish()))
    }

    /// Both networks' loss on the whole training set now.
    fn train_losses(&mut self) -> [f64; 2] {
        [Side::Relu, Side::Other].map(|side| self.twin.trainer_mut(side).evaluate(&self.train).loss)
    }

    fn finish(&mut self) -> Pair<RunMetrics> {
        let stats = self.twin.stats();
        let window = self.window as f64;
        let measure = |stats: &crate::mlp::NetworkStats, change: f64| {
            let diverged = stats.diverged_at_step.is_some() || !stats.train.loss.is_finite();
            let value = |x: f64| if diverged { f64::NAN } else { x };
            RunMetrics {
                dead: value(stats.dead_count as f64),
                inactive: value(stats.dead_count as f64),
                train_loss: value(stats.train.loss),
                test_loss: value(stats.test.loss),
                train_accuracy: value(stats.train.accuracy),
                test_accuracy: value(stats.test.accuracy),
                diverged,
                oscillation: value(change / window),
            }
        };
        Pair { relu: measure(&stats.relu, self.change[0]), other: measure(&stats.other, self.change[1]) }
    }
}
