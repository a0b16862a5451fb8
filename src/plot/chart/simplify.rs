//! Thinning a sampled curve before it is stroked: where the curve is straight on screen, one long
//! segment replaces hundreds of one-pixel ones.
//!
//! The chart samples one point per device pixel of width (1600 points per curve for an 800 px
//! chart at devicePixelRatio 2), and the browser's cost of stroking a wide line grows with its
//! number of segments. Leaky ReLU's two pieces are straight, and much of GELU, SiLU or ELU is
//! nearly so, so after thinning most curves need a few dozen points.
//!
//! The kept points are a subset of the samples (every drawn point is still an exact sample of the
//! function), and every dropped sample lies within [`TOLERANCE_PX`] (vertically) of the segment
//! that replaces it. plotters rounds every point to a whole pixel, so a long segment's ends can
//! each move by half a pixel; 0.1 px keeps segments short enough where the curve bends that the
//! corners this leaves do not show (0.25 px left visible corners at devicePixelRatio 1), while a
//! straight piece still needs only its two ends.

/// Largest vertical distance, in backend pixels, between a dropped sample and the drawn line.
pub(super) const TOLERANCE_PX: f64 = 0.1;

/// The points of `points` (x strictly increasing, all finite) to keep, given the data-to-pixel
/// scales `(pixels per x unit, pixels per y unit)`: the first, the last, and those needed so that
/// every other point lies within `tolerance` pixels of the polyline through the kept ones.
///
/// A single pass (the "sleeve" method): from the last kept point, the range of slopes a segment
/// may take to pass within `tolerance` of every point seen since narrows with each point; when the
/// next point's slope leaves it, the previous point is kept and becomes the new start.
pub(super) fn thin(points: &[(f64, f64)], (x_scale, y_scale): (f64, f64), tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() <= 2 {
        return points.to_vec();
    }
    let pixel = |&(x, y): &(f64, f64)| (x * x_scale, y * y_scale.abs());
    let mut kept = vec![points[0]];
    let mut anchor = pixel(&points[0]);
    let (mut low, mut high) = (f64::NEG_INFINITY, f64::INFINITY);
    let mut index = 1;
    while index < points.len() {
        let (x, y) = pixel(&points[index]);
        let dx = x - anchor.0;
        let slope = (y - anchor.1) / dx;
        if !(dx > 0.0 && slope >= low && slope <= high) {
            let previous = points[index - 1];
            if kept.last() == Some(&previous) {
                // Not monotone in x (or not finite): keep this point too and start afresh from it.
                kept.push(points[index]);
                anchor = (x, y);
                index += 1;
            } else {
                // The segment to this point would miss one seen before: end the run at the previous one.
                kept.push(previous);
                anchor = pixel(&previous);
            }
            (low, high) = (f64::NEG_INFINITY, f64::INFINITY);
            continue;
        }
        low = low.max((y - tolerance - anchor.1) / dx);
        high = high.min((y + tolerance - anchor.1) / dx);
        index += 1;
    }
    let last = points[points.len() - 1];
    if kept.last() != Some(&last) {
        kept.push(last);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Largest vertical pixel distance from any sample to the polyline through `kept`.
    fn deviation(points: &[(f64, f64)], kept: &[(f64, f64)], y_scale: f64) -> f64 {
        points
            .iter()
            .map(|&(x, y)| {
                let i = kept.partition_point(|k| k.0 < x).clamp(1, kept.len() - 1);
                let (a, b) = (kept[i - 1], kept[i]);
                let t = (x - a.0) / (b.0 - a.0);
                ((a.1 + t * (b.1 - a.1)) - y).abs() * y_scale
            })
            .fold(0.0, f64::max)
    }

    fn sampled(f: impl Fn(f64) -> f64, n: usize) -> Vec<(f64, f64)> {
        (0..=n).map(|i| -5.0 + 10.0 * i as f64 / n as f64).map(|x| (x, f(x))).collect()
    }

    #[test]
    fn straight_pieces_keep_only_their_ends() {
        let line = sampled(|x| 0.2 * x + 1.0, 800);
        assert_eq!(thin(&line, (150.0, 80.0), TOLERANCE_PX), vec![line[0], line[800]]);
        let flat = sampled(|_| 1.0, 800);
        assert_eq!(thin(&flat, (150.0, 80.0), TOLERANCE_PX).len(), 2);
    }

    #[test]
    fn curves_stay_within_the_tolerance_with_far_fewer_points() {
        let scales = (150.0, 200.0);
        for f in [
            (|x: f64| x / (1.0 + (-x).exp())) as fn(f64) -> f64,
            |x: f64| if x > 0.0 { x } else { x.exp() - 1.0 },
            |x: f64| (3.0 * x).sin(),
            |x: f64| (x * 40.0).round() / 40.0,
        ] {
            let points = sampled(f, 1600);
            let kept = thin(&points, scales, TOLERANCE_PX);
            assert!(kept.iter().all(|k| points.contains(k)), "a subset of the samples");
            assert_eq!((kept[0], kept[kept.len() - 1]), (points[0], points[1600]));
            assert!(deviation(&points, &kept, scales.1) <= TOLERANCE_PX + 1e-9);
            assert!(kept.len() < points.len());
        }
        let silu = sampled(|x| x / (1.0 + (-x).exp()), 1600);
        assert!(thin(&silu, scales, TOLERANCE_PX).len() < 160, "SiLU is nearly straight away from 0");
    }

    #[test]
    fn short_and_degenerate_input_is_kept_as_is() {
        assert_eq!(thin(&[], (1.0, 1.0), 0.25), vec![]);
        assert_eq!(thin(&[(0.0, 1.0), (1.0, 2.0)], (1.0, 1.0), 0.25), vec![(0.0, 1.0), (1.0, 2.0)]);
        let repeated_x = [(0.0, 0.0), (0.0, 5.0), (1.0, 5.0), (2.0, 5.0)];
        assert_eq!(thin(&repeated_x, (1.0, 1.0), 0.25), vec![(0.0, 0.0), (0.0, 5.0), (2.0, 5.0)]);
    }
}
