//! The lab's charts built from its data: the line charts of a run's history and the histogram of
//! one layer. `Lab`'s own draw methods and `drawLabChart` (plain data that crossed `postMessage`)
//! both build their charts here, so they draw the same pixels.

use super::lab::{net_color, Band, HistogramChart, LineChart, LineExtras, Series};
use super::range::AXIS_LIMIT;
use super::theme::Theme;
use crate::mlp::{Column, Histogram, HistoryColumns, LabError, Pair, Side};

/// Which lab chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabChartKind {
    /// Dead fraction against step.
    Dead,
    /// Train and test loss against step.
    Loss,
    /// Train and test accuracy against step.
    Accuracy,
    /// One layer's pre-activations.
    Histogram,
}

impl LabChartKind {
    /// `"dead"`, `"loss"`, `"accuracy"` or `"histogram"`, or an error listing them.
    pub fn from_id(id: &str) -> Result<LabChartKind, LabError> {
        match id {
            "dead" => Ok(LabChartKind::Dead),
            "loss" => Ok(LabChartKind::Loss),
            "accuracy" => Ok(LabChartKind::Accuracy),
            "histogram" => Ok(LabChartKind::Histogram),
            _ => Err(LabError::new(
                "kind",
                format!("kind must be one of dead, loss, accuracy, histogram, got {id:?}"),
            )),
        }
    }
}

/// The line chart of `kind` (not [`LabChartKind::Histogram`]) from a history; `labels` name the
/// networks (e.g. "ReLU", "Leaky ReLU"; empty before any statistics).
pub fn history_chart(
    kind: LabChartKind,
    history: &HistoryColumns,
    labels: &Pair<String>,
    theme: Theme,
    scale: f64,
) -> LineChart {
    let series = |side: Side, column: Column, faint: bool, suffix: &str| Series {
        label: format!("{}{suffix}", labels.get(side)),
        color: net_color(&theme, side),
        faint,
        points: history.points(side, column),
    };
    let metric = |train: Column, test: Column| {
        Side::BOTH
            .into_iter()
            .flat_map(|side| [series(side, train, false, " train"), series(side, test, true, " test")])
            .collect()
    };
    let (series, y_label, y_range) = match kind {
        LabChartKind::Loss => (metric(Column::TrainLoss, Column::TestLoss), "loss", None),
        LabChartKind::Accuracy => {
            (metric(Column::TrainAccuracy, Column::TestAccuracy), "accuracy", Some((0.0, 1.0)))
        }
        LabChartKind::Dead | LabChartKind::Histogram => (
            Side::BOTH.into_iter().map(|side| series(side, Column::DeadFraction, false, "")).collect(),
            "dead fraction",
            Some((0.0, 1.0)),
        ),
    };
    LineChart {
        series,
        x_label: "step".into(),
        y_label: y_label.into(),
        y_range,
        markers: false,
        theme,
        scale,
    }
}

/// How the lab's line charts are scaled: page options of `drawLabChart`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HistoryView {
    /// Log-scale step axis (step 0 is left out: it has no logarithm).
    pub log_steps: bool,
    /// Log-scale loss axis (the loss chart only; non-positive losses are left out).
    pub log_loss: bool,
}

/// [`history_chart`] seen through `view`: the points moved to log10 where asked, and for the loss
/// and accuracy charts each network's train-test gap as a band.
pub fn history_chart_view(
    kind: LabChartKind,
    history: &HistoryColumns,
    labels: &Pair<String>,
    theme: Theme,
    scale: f64,
    view: HistoryView,
) -> (LineChart, LineExtras) {
    let mut chart = history_chart(kind, history, labels, theme, scale);
    let log_y = view.log_loss && kind == LabChartKind::Loss;
    let map = |(x, y): (f64, f64)| -> Option<(f64, f64)> {
        let x = if view.log_steps { (x > 0.0).then(|| x.log10())? } else { x };
        let y = if log_y { (y > 0.0).then(|| y.log10())? } else { y };
        Some((x, y))
    };
    for series in &mut chart.series {
        series.points = series.points.iter().filter_map(|&p| map(p)).collect();
    }
    if log_y {
        chart.y_label = "loss (log)".into();
    }
    if view.log_steps {
        chart.x_label = "step (log)".into();
    }
    let gap = match kind {
        LabChartKind::Loss => Some((Column::TrainLoss, Column::TestLoss)),
        LabChartKind::Accuracy => Some((Column::TrainAccuracy, Column::TestAccuracy)),
        _ => None,
    };
    let bands = gap
        .map(|(train, test)| {
            Side::BOTH
                .into_iter()
                .map(|side| {
                    let rows = history
                        .points(side, train)
                        .into_iter()
                        .zip(history.points(side, test))
                        .filter_map(|((x, a), (_, b))| {
                            let (lo, hi) = (map((x, a.min(b)))?, map((x, a.max(b)))?);
                            Some((lo.0, lo.1, hi.1))
                        })
                        .collect();
                    Band { color: net_color(&theme, side), rows }
                })
                .collect()
        })
        .unwrap_or_default();
    (chart, LineExtras { log_x: view.log_steps, log_y, bands })
}

/// One network's histogram of one layer, for [`histogram_chart`].
#[derive(Clone, Copy, Debug)]
pub struct LayerHistogram<'a> {
    /// The network's name, e.g. "ReLU".
    pub label: &'a str,
    pub histogram: &'a Histogram,
    /// Whether the network has diverged (its pre-activations are meaningless then).
    pub diverged: bool,
}

/// Both networks' histograms of one layer on one range, so the bars line up (axes only for
/// `None`: no statistics yet). A diverged network (pre-activations blown up to ~1e10 or NaN) is
/// left out rather than squashing the other into one bar.
pub fn histogram_chart(layers: Option<Pair<LayerHistogram>>, theme: Theme, scale: f64) -> HistogramChart {
    let alive: Vec<(Side, LayerHistogram)> = layers
        .map_or(vec![], |pair| Side::BOTH.into_iter().map(|side| (side, *pair.get(side))).collect())
        .into_iter()
        .filter(|(_, layer)| !layer.diverged)
        .collect();
    // Bounded like every axis: a histogram that crossed `postMessage` may say anything.
    let max = alive.iter().map(|(_, l)| l.histogram.max as f64).fold(0.0, f64::max).clamp(1e-6, AXIS_LIMIT);
    HistogramChart {
        bars: alive
            .iter()
            .map(|(side, layer)| {
                (layer.label.to_owned(), net_color(&theme, *side), rebin(layer.histogram, max))
            })
            .collect(),
        min: -max,
        max,
        theme,
        scale,
    }
}

/// `histogram`'s counts moved onto as many equal bins over [-max, max] (each bin by its centre;
/// centres beyond the range, or not finite, go to the end bins; a full bin stays at `u32::MAX`).
pub fn rebin(histogram: &Histogram, max: f64) -> Vec<u32> {
    let bins = histogram.counts.len();
    let mut out = vec![0u32; bins];
    for (i, &c) in histogram.counts.iter().enumerate() {
        let centre = histogram.min as f64 + (i as f64 + 0.5) * histogram.bin_width() as f64;
        let j = (((centre + max) / (2.0 * max)) * bins as f64).floor();
        let bin = &mut out[(j.max(0.0) as usize).min(bins - 1)];
        *bin = bin.saturating_add(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlp::{History, NetColumns};

    #[test]
    fn rebinning_moves_counts_onto_the_shared_range() {
        // 4 bins over [-1, 1] onto [-2, 2]: centres -0.75, -0.25, 0.25, 0.75 → bins 1, 1, 2, 2.
        let h = Histogram { min: -1.0, max: 1.0, counts: vec![1, 2, 3, 4] };
        assert_eq!(rebin(&h, 2.0), [0, 3, 7, 0]);
        assert_eq!(rebin(&h, 1.0), [1, 2, 3, 4], "same range: unchanged");
        assert_eq!(rebin(&h, 0.1), [3, 0, 0, 7], "beyond the range: the end bins");
    }

    #[test]
    fn histogram_chart_drops_diverged_networks_and_shares_the_range() {
        let small = Histogram { min: -1.0, max: 1.0, counts: vec![1, 1] };
        let huge = Histogram { min: -1e10, max: 1e10, counts: vec![1, 1] };
        let layers = Pair {
            relu: LayerHistogram { label: "ReLU", histogram: &small, diverged: false },
            other: LayerHistogram { label: "ELU", histogram: &huge, diverged: true },
        };
        let chart = histogram_chart(Some(layers), Theme::LIGHT, 1.0);
        assert_eq!((chart.min, chart.max, chart.bars.len()), (-1.0, 1.0, 1));
        assert_eq!(chart.bars[0].1, net_color(&Theme::LIGHT, Side::Relu));
        assert!(histogram_chart(None, Theme::LIGHT, 1.0).bars.is_empty());
    }

    #[test]
    fn log_views_move_points_to_log10_and_band_the_gap() {
        let columns = HistoryColumns {
            steps: vec![0.0, 10.0, 100.0],
            nets: Pair {
                relu: NetColumns::new([
                    vec![0.0; 3],
                    vec![0.0; 3],
                    vec![1.0, 0.1, 0.01],
                    vec![1.0, 0.2, 1.0],
                    vec![0.5; 3],
                    vec![0.5; 3],
                    vec![0.0; 3],
                ]),
                other: NetColumns::default(),
            },
        };
        let labels = Pair { relu: "ReLU".to_owned(), other: "ELU".to_owned() };
        let view = HistoryView { log_steps: true, log_loss: true };
        let (loss, extras) =
            history_chart_view(LabChartKind::Loss, &columns, &labels, Theme::LIGHT, 1.0, view);
        assert_eq!(loss.series[0].points, [(1.0, -1.0), (2.0, -2.0)], "step 0 has no logarithm");
        assert!(extras.log_x && extras.log_y);
        let rows = &extras.bands[0].rows;
        assert_eq!(rows.len(), 2);
        assert!(
            (rows[1].1 + 2.0).abs() < 1e-12 && rows[1].2.abs() < 1e-12,
            "gap from train 0.01 to test 1: {rows:?}"
        );
        let (accuracy, extras) = history_chart_view(
            LabChartKind::Accuracy,
            &columns,
            &labels,
            Theme::LIGHT,
            1.0,
            HistoryView::default(),
        );
        assert_eq!(accuracy.series[0].points.len(), 3);
        assert!(!extras.log_y && extras.bands.len() == 2, "log loss leaves the accuracy axis linear");
    }

    #[test]
    fn history_charts_pick_columns_labels_and_colours() {
        let history = History::new().columns();
        let labels = Pair { relu: "ReLU".to_owned(), other: "ELU".to_owned() };
        let loss = history_chart(LabChartKind::Loss, &history, &labels, Theme::DARK, 2.0);
        let names: Vec<&str> = loss.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(names, ["ReLU train", "ReLU test", "ELU train", "ELU test"]);
        assert_eq!((loss.y_range, loss.scale, loss.series[1].faint), (None, 2.0, true));
        let columns = HistoryColumns {
            steps: vec![0.0, 5.0],
            nets: Pair {
                relu: NetColumns::new(std::array::from_fn(|i| vec![i as f64 / 4.0, i as f64 / 4.0 + 0.5])),
                other: NetColumns::default(),
            },
        };
        let dead = history_chart(LabChartKind::Dead, &columns, &labels, Theme::DARK, 1.0);
        assert_eq!(dead.series[0].points, [(0.0, 0.25), (5.0, 0.75)]);
        assert_eq!(dead.series[1].color, net_color(&Theme::DARK, Side::Other));
    }
}
