//! Sampling a curve for drawing: segments split at breakpoints, an automatic y range, and the
//! cut at a fixed y range.

use super::simplify::{thin, TOLERANCE_PX};
use super::ChartKind;
use crate::activation::Activation;
use crate::plot::range::{finite_extent, AXIS_LIMIT};

/// Samples one curve on `[xmin, xmax]` as line segments split at the activation's breakpoints,
/// each segment evaluated just inside its ends so a jump is not drawn as a vertical edge.
pub(super) fn sample(
    activation: &Activation,
    kind: ChartKind,
    (xmin, xmax): (f64, f64),
    samples: usize,
) -> Vec<Vec<(f64, f64)>> {
    let mut edges = vec![xmin];
    edges.extend(activation.breakpoints().into_iter().filter(|&b| b > xmin && b < xmax));
    edges.push(xmax);
    let span = xmax - xmin;
    let nudge = span * 1e-9;
    edges
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let n = ((samples as f64 * (b - a) / span).ceil() as usize).max(2);
            (0..=n)
                .map(|i| {
                    let x = a + (b - a) * i as f64 / n as f64;
                    // Inside the segment: the one-sided value at a breakpoint.
                    let at = if i == 0 && a > xmin {
                        x + nudge
                    } else if i == n && b < xmax {
                        x - nudge
                    } else {
                        x
                    };
                    (x, kind.eval(activation, at))
                })
                .collect()
        })
        .collect()
}

/// A y range that fits every finite sample with 8% headroom; ±1 around a constant curve.
/// Samples beyond ±[`AXIS_LIMIT`] count as at the limit, so the span cannot overflow.
pub(super) fn auto_y_range(series: &[Vec<Vec<(f64, f64)>>]) -> (f64, f64) {
    let values = series.iter().flatten().flatten().map(|&(_, y)| y);
    let Some((lo, hi)) = finite_extent(values, AXIS_LIMIT) else {
        return (-1.0, 1.0);
    };
    let span = hi - lo;
    if span < 1e-9 * lo.abs().max(1.0) {
        return (lo - 1.0, hi + 1.0);
    }
    (lo - 0.08 * span, hi + 0.08 * span)
}

/// The parts of one sampled segment inside the y range, thinned for drawing. A segment entirely
/// inside (the usual case with an automatic range) is thinned as it is, without copying.
pub(super) fn visible_pieces(
    segment: &[(f64, f64)],
    (lo, hi): (f64, f64),
    scales: (f64, f64),
) -> Vec<Vec<(f64, f64)>> {
    if segment.len() > 1 && segment.iter().all(|&(_, y)| y >= lo && y <= hi) {
        return vec![thin(segment, scales, TOLERANCE_PX)];
    }
    clip_to_y_range(segment, (lo, hi)).iter().map(|piece| thin(piece, scales, TOLERANCE_PX)).collect()
}

/// Cuts a polyline where it leaves `[lo, hi]` in y, ending each visible piece exactly on the
/// boundary. (plotters would otherwise pin outside points to the edge of the plot, drawing a
/// false flat line along it.) NaN samples also break the line.
pub(super) fn clip_to_y_range(points: &[(f64, f64)], (lo, hi): (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let inside = |y: f64| y >= lo && y <= hi;
    // The point where the segment a→b has height `edge`.
    let at = |a: (f64, f64), b: (f64, f64), edge: f64| {
        // From -∞ to +∞ in one step the ratio is NaN: put the crossing at the start.
        let t = ((edge - a.1) / (b.1 - a.1)).clamp(0.0, 1.0);
        let t = if t.is_nan() { 0.0 } else { t };
        (a.0 + t * (b.0 - a.0), edge)
    };
    // The edge an outside point is beyond.
    let edge_of = |y: f64| if y > hi { hi } else { lo };
    let mut pieces = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for (i, &p) in points.iter().enumerate() {
        let q = if i > 0 { Some(points[i - 1]) } else { None };
        let q = q.filter(|q| !q.1.is_nan() && !p.1.is_nan());
        if inside(p.1) {
            if let Some(q) = q.filter(|q| !inside(q.1)) {
                current.push(at(q, p, edge_of(q.1)));
            }
            current.push(p);
            continue;
        }
        if let Some(q) = q {
            if inside(q.1) {
                current.push(at(q, p, edge_of(p.1)));
            } else if edge_of(q.1) != edge_of(p.1) {
                // Crosses the whole range between two samples.
                pieces.push(vec![at(q, p, edge_of(q.1)), at(q, p, edge_of(p.1))]);
            }
        }
        if current.len() > 1 {
            pieces.push(std::mem::take(&mut current));
        }
        current.clear();
    }
    if current.len() > 1 {
        pieces.push(current);
    }
    pieces
}
