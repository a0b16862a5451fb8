//! The lab's twin naming ([`Side`], [`Pair`]) and its recorded statistics over a run: the
//! [`History`] with its thinning, and the columns (one value per recorded step) charts read.

use super::stats::StatsSummary;
use super::LabError;

/// History entries kept; beyond it every other entry is dropped, so memory stays flat on long runs.
pub const MAX_HISTORY: usize = 2048;

/// One of the twin networks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The ReLU network.
    Relu,
    /// The network with the configured activation.
    Other,
}

impl Side {
    /// Both sides, ReLU first.
    pub const BOTH: [Side; 2] = [Side::Relu, Side::Other];

    /// `"relu"` or `"other"`.
    pub fn id(self) -> &'static str {
        match self {
            Side::Relu => "relu",
            Side::Other => "other",
        }
    }

    /// The side named `id`; `what` names the argument in the error (e.g. `"which"`).
    pub fn from_id(id: &str, what: &'static str) -> Result<Side, LabError> {
        Side::BOTH
            .into_iter()
            .find(|side| side.id() == id)
            .ok_or_else(|| LabError::new(what, format!("{what} must be \"relu\" or \"other\", got {id:?}")))
    }
}

/// One value per twin network.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pair<T> {
    /// The ReLU network's.
    pub relu: T,
    /// The other network's.
    pub other: T,
}

impl<T> Pair<T> {
    /// The value of `side`.
    pub fn get(&self, side: Side) -> &T {
        match side {
            Side::Relu => &self.relu,
            Side::Other => &self.other,
        }
    }

    /// Both values through `f`, with their side.
    pub fn map<U>(self, mut f: impl FnMut(Side, T) -> U) -> Pair<U> {
        Pair { relu: f(Side::Relu, self.relu), other: f(Side::Other, self.other) }
    }

    /// A pair of references.
    pub fn as_ref(&self) -> Pair<&T> {
        Pair { relu: &self.relu, other: &self.other }
    }
}

/// One recorded moment: the twin step, and each network's summary (`None` once it diverged).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistoryEntry {
    pub step: u64,
    pub nets: Pair<Option<StatsSummary>>,
}

/// The statistics recorded over a run, oldest first, at most [`MAX_HISTORY`] entries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    entries: Vec<HistoryEntry>,
}

impl History {
    /// An empty history.
    pub fn new() -> History {
        History::default()
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[HistoryEntry] {
        &self.entries
    }

    /// Appends an entry, replacing one of the same step (steps never go back: statistics in
    /// progress are dropped before new ones start). When the history is full every other entry is
    /// dropped, so memory stays flat however long the run; older stretches then have fewer points,
    /// which a chart of thousands of steps does not show. The newest entry is always kept.
    pub fn record(&mut self, entry: HistoryEntry) {
        if self.entries.last().is_some_and(|h| h.step == entry.step) {
            self.entries.pop();
        }
        self.entries.push(entry);
        if self.entries.len() >= MAX_HISTORY {
            let mut index = 0;
            self.entries.retain(|_| {
                index += 1;
                index % 2 == 1
            });
            self.entries.push(entry);
        }
    }

    /// The history as columns; a diverged network's values are NaN.
    pub fn columns(&self) -> HistoryColumns {
        let steps = self.entries.iter().map(|h| h.step as f64).collect();
        let nets = Pair { relu: (), other: () }.map(|side, ()| {
            let values = |column: Column| {
                self.entries
                    .iter()
                    .map(|h| h.nets.get(side).as_ref().map_or(f64::NAN, |s| column.of(s)))
                    .collect()
            };
            NetColumns { values: Column::ALL.map(values) }
        });
        HistoryColumns { steps, nets }
    }
}

/// One recorded quantity of a network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Dead,
    DeadFraction,
    TrainLoss,
    TestLoss,
    TrainAccuracy,
    TestAccuracy,
    Inactive,
}

impl Column {
    /// Every column, in `Lab.history()`'s order.
    pub const ALL: [Column; 7] = [
        Column::Dead,
        Column::DeadFraction,
        Column::TrainLoss,
        Column::TestLoss,
        Column::TrainAccuracy,
        Column::TestAccuracy,
        Column::Inactive,
    ];

    /// The key in `Lab.history()`, e.g. `"deadFraction"`.
    pub fn id(self) -> &'static str {
        match self {
            Column::Dead => "dead",
            Column::Inactive => "inactive",
            Column::DeadFraction => "deadFraction",
            Column::TrainLoss => "trainLoss",
            Column::TestLoss => "testLoss",
            Column::TrainAccuracy => "trainAccuracy",
            Column::TestAccuracy => "testAccuracy",
        }
    }

    /// This quantity in a summary.
    pub fn of(self, s: &StatsSummary) -> f64 {
        match self {
            Column::Dead => s.dead_count as f64,
            Column::Inactive => s.inactive_count as f64,
            Column::DeadFraction => s.dead_fraction,
            Column::TrainLoss => s.train.loss,
            Column::TestLoss => s.test.loss,
            Column::TrainAccuracy => s.train.accuracy,
            Column::TestAccuracy => s.test.accuracy,
        }
    }

    fn index(self) -> usize {
        Column::ALL.iter().position(|&c| c == self).unwrap_or(0)
    }
}

/// One network's columns, each as long as [`HistoryColumns::steps`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NetColumns {
    values: [Vec<f64>; Column::ALL.len()],
}

impl NetColumns {
    /// Columns from one vector per [`Column`] (in [`Column::ALL`]'s order).
    pub fn new(values: [Vec<f64>; Column::ALL.len()]) -> NetColumns {
        NetColumns { values }
    }

    /// The values of `column`, one per recorded step.
    pub fn get(&self, column: Column) -> &[f64] {
        &self.values[column.index()]
    }
}

/// A history as columns: what `Lab.history()` returns and the lab's line charts read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryColumns {
    pub steps: Vec<f64>,
    pub nets: Pair<NetColumns>,
}

impl HistoryColumns {
    /// `(step, value)` of one column of one network, every recorded step (NaN included).
    pub fn points(&self, side: Side, column: Column) -> Vec<(f64, f64)> {
        self.steps.iter().copied().zip(self.nets.get(side).get(column).iter().copied()).collect()
    }

    /// Checks that every column is as long as `steps`; the error names the first that is not.
    pub fn check(&self) -> Result<(), LabError> {
        for side in Side::BOTH {
            for column in Column::ALL {
                let length = self.nets.get(side).get(column).len();
                if length != self.steps.len() {
                    let message = format!(
                        "history.{}.{} has {length} values; it must have one per step ({})",
                        side.id(),
                        column.id(),
                        self.steps.len()
                    );
                    return Err(LabError::new("history", message));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlp::Evaluation;

    fn summary(step: u64, dead: usize) -> StatsSummary {
        StatsSummary {
            step,
            train: Evaluation { loss: 0.5, accuracy: 0.75 },
            test: Evaluation { loss: 0.6, accuracy: 0.7 },
            dead_count: dead,
            dead_fraction: dead as f64 / 10.0,
            inactive_count: dead + 1,
            revived_total: 0,
        }
    }

    fn entry(step: u64) -> HistoryEntry {
        HistoryEntry { step, nets: Pair { relu: Some(summary(step, 3)), other: None } }
    }

    #[test]
    fn sides_parse_with_a_clear_error() {
        assert_eq!(Side::from_id("relu", "which"), Ok(Side::Relu));
        assert_eq!(Side::from_id("other", "side"), Ok(Side::Other));
        let error = Side::from_id("leaky", "which").unwrap_err();
        assert_eq!(error.message, "which must be \"relu\" or \"other\", got \"leaky\"");
        let pair = Pair { relu: 1, other: 2 };
        assert_eq!((*pair.get(Side::Relu), *pair.get(Side::Other)), (1, 2));
        assert_eq!(pair.map(|side, v| (side, v * 10)).other, (Side::Other, 20));
    }

    #[test]
    fn same_step_replaces_and_columns_hold_nan_after_divergence() {
        let mut history = History::new();
        history.record(entry(0));
        history.record(entry(10));
        history.record(HistoryEntry { step: 10, nets: Pair { relu: Some(summary(10, 5)), other: None } });
        let columns = history.columns();
        assert_eq!(columns.steps, [0.0, 10.0]);
        assert_eq!(columns.nets.relu.get(Column::Dead), [3.0, 5.0]);
        assert_eq!(columns.nets.relu.get(Column::DeadFraction), [0.3, 0.5]);
        assert_eq!(columns.nets.relu.get(Column::Inactive), [4.0, 6.0]);
        assert!(columns.nets.other.get(Column::TrainLoss).iter().all(|v| v.is_nan()));
        assert_eq!(columns.points(Side::Relu, Column::TestAccuracy), [(0.0, 0.7), (10.0, 0.7)]);
        assert_eq!(columns.check(), Ok(()));
        let short = HistoryColumns { steps: vec![0.0], ..HistoryColumns::default() };
        assert!(short.check().unwrap_err().message.starts_with("history.relu.dead has 0 values"));
    }

    #[test]
    fn a_full_history_keeps_every_other_entry_and_the_newest() {
        let mut history = History::new();
        for step in 0..MAX_HISTORY as u64 - 1 {
            history.record(entry(step));
        }
        assert_eq!(history.entries().len(), MAX_HISTORY - 1);
        history.record(entry(5000));
        let steps: Vec<u64> = history.entries().iter().map(|h| h.step).collect();
        assert_eq!(steps.len(), MAX_HISTORY / 2 + 1);
        assert_eq!(&steps[..3], &[0, 2, 4]);
        assert_eq!(&steps[steps.len() - 2..], &[2046, 5000], "thinned, then the newest kept");
        for _ in 0..10 * MAX_HISTORY as u64 {
            let next = history.entries().last().unwrap().step + 1;
            history.record(entry(next));
        }
        assert!(history.entries().len() < MAX_HISTORY, "memory stays flat");
        assert!(history.entries().windows(2).all(|w| w[0].step < w[1].step), "in order");
    }
}
