//! The guard every chart axis goes through: whatever the data (values near ±f64::MAX, a single
//! value, NaN ends), an axis range comes out finite, increasing, bounded and wide enough for its
//! ticks to be distinct numbers, so plotters' tick search and the sampling built on the range
//! always finish (an infinite or subnormal span sends plotters' tick loop round forever).

/// The largest magnitude an activation chart's x axis shows (the web layer refuses wider x ranges
/// with this limit; the chart clamps to it too).
pub const MAX_ABS_X: f64 = 1e6;

/// The largest magnitude any other axis shows: an activation chart's y axis (fixed or fitted)
/// and every axis of the lab's charts. Data beyond it is clipped at the edge of the plot. A slope
/// of 10⁶ ([`crate::activation::PARAM_LIMIT`]) over x up to 10⁶ reaches exactly this.
pub const AXIS_LIMIT: f64 = 1e12;

/// The narrowest span, relative to the larger end (or to 1 near 0): 10⁻⁹ leaves millions of
/// representable numbers between the ends, so ticks never collapse onto one value.
pub const MIN_RELATIVE_SPAN: f64 = 1e-9;

/// A range usable as a chart axis: the ends sorted and clamped to `±limit` (NaN ends give
/// `0..1`), widened around its middle to at least [`MIN_RELATIVE_SPAN`] when narrower. Ranges
/// that are already fine come back unchanged.
pub fn axis_range((lo, hi): (f64, f64), limit: f64) -> (f64, f64) {
    let (lo, hi) = if lo.is_nan() || hi.is_nan() { (0.0, 1.0) } else { (lo.min(hi), lo.max(hi)) };
    let (lo, hi) = (lo.clamp(-limit, limit), hi.clamp(-limit, limit));
    let min_span = MIN_RELATIVE_SPAN * lo.abs().max(hi.abs()).max(1.0);
    if hi - lo >= min_span {
        return (lo, hi);
    }
    let half = 0.5 * min_span;
    let middle = (0.5 * lo + 0.5 * hi).clamp(-limit + half, limit - half);
    (middle - half, middle + half)
}

/// The smallest and largest finite values (`None` when there are none), each clamped to
/// `±limit` first, so that a span computed from them cannot overflow.
pub fn finite_extent(values: impl Iterator<Item = f64>, limit: f64) -> Option<(f64, f64)> {
    values.filter(|v| v.is_finite()).map(|v| v.clamp(-limit, limit)).fold(None, |extent, v| match extent {
        None => Some((v, v)),
        Some((lo, hi)) => Some((v.min(lo), v.max(hi))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usable((lo, hi): (f64, f64), limit: f64) -> bool {
        lo.is_finite() && hi.is_finite() && lo < hi && lo >= -limit && hi <= limit
    }

    #[test]
    fn ordinary_ranges_are_kept() {
        assert_eq!(axis_range((-5.0, 5.0), MAX_ABS_X), (-5.0, 5.0));
        assert_eq!(axis_range((0.0, 1.0), AXIS_LIMIT), (0.0, 1.0));
        assert_eq!(axis_range((1.0, 0.0), AXIS_LIMIT), (0.0, 1.0), "sorted");
        assert_eq!(axis_range((-AXIS_LIMIT, AXIS_LIMIT), AXIS_LIMIT), (-AXIS_LIMIT, AXIS_LIMIT));
    }

    #[test]
    fn extreme_ranges_become_usable() {
        let cases = [
            (f64::NEG_INFINITY, f64::INFINITY),
            (-f64::MAX, f64::MAX),
            (-9e307, 9e307),
            (f64::MAX, f64::MAX),
            (-f64::MAX, -f64::MAX),
            (0.0, 5e-324),
            (0.0, 0.0),
            (-0.0, 0.0),
            (f64::NAN, 1.0),
            (1e11, 1e11 + 1.5e-5),
            (AXIS_LIMIT, AXIS_LIMIT),
        ];
        for range in cases {
            for limit in [MAX_ABS_X, AXIS_LIMIT] {
                let out = axis_range(range, limit);
                assert!(usable(out, limit), "{range:?} → {out:?}");
                assert!(out.1 - out.0 >= MIN_RELATIVE_SPAN * out.0.abs().max(out.1.abs()).max(1.0) * 0.999);
            }
        }
        assert_eq!(axis_range((f64::NAN, f64::NAN), 1e6), (0.0, 1.0));
        assert_eq!(axis_range((-f64::MAX, f64::MAX), 1e6), (-1e6, 1e6));
    }

    #[test]
    fn the_extent_skips_non_finite_values_and_clamps() {
        let values = [f64::NAN, 3.0, f64::INFINITY, -f64::MAX, 2.0];
        assert_eq!(finite_extent(values.into_iter(), 1e12), Some((-1e12, 3.0)));
        assert_eq!(finite_extent([f64::NAN].into_iter(), 1e12), None);
    }
}
