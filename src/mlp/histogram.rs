//! [`Histogram`]: the pre-activation histogram of a layer, on a nice symmetric range.

/// Number of histogram bins; even, so that 0 is a bin edge.
pub const HISTOGRAM_BINS: usize = 40;

/// Counts of values in [`HISTOGRAM_BINS`] equal bins over `[min, max]`, with `min = −max` and
/// `max` a 1, 2 or 5 times a power of ten covering the largest finite |value|. Bins are closed on
/// the right, so z = 0 (inactive) falls in the last bin left of zero. Non-finite values are skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    /// Lower edge of the first bin.
    pub min: f32,
    /// Upper edge of the last bin.
    pub max: f32,
    /// Number of values per bin, lowest bin first.
    pub counts: Vec<u32>,
}

impl Histogram {
    /// The histogram of `values`.
    pub fn of(values: &[f32]) -> Histogram {
        let largest = values.iter().filter(|v| v.is_finite()).fold(0.0f32, |largest, v| largest.max(v.abs()));
        let max = nice_ceiling(largest);
        let half = HISTOGRAM_BINS / 2;
        let bins_per_unit = half as f32 / max;
        let half_bins = half as i32;
        let limit = half as f32 + 1.0;
        // One spare bin past the end collects non-finite values, which are then dropped: selecting
        // an index is cheaper than a filter's branch.
        let mut tally = [0u32; HISTOGRAM_BINS + 1];
        for &value in values {
            // Bins are (edge, edge + width], counted from the exact zero edge: bin = half + ⌈t⌉ − 1
            // with t = value / width. `as i32` truncates toward zero, which is ⌈t⌉ for t ≤ 0 and
            // ⌈t⌉ − 1 for positive t that is not whole. So z = 0 lands left of zero, z = 1e-9 right.
            // The clamp keeps ±∞ (dropped below) from overflowing the integer arithmetic.
            let scaled = (value * bins_per_unit).clamp(-limit, limit);
            let truncated = scaled as i32;
            let ceiling = truncated + i32::from((truncated as f32) < scaled);
            let bin = (half_bins + ceiling - 1).clamp(0, HISTOGRAM_BINS as i32 - 1) as usize;
            tally[if value.is_finite() { bin } else { HISTOGRAM_BINS }] += 1;
        }
        let counts = tally[..HISTOGRAM_BINS].to_vec();
        Histogram { min: -max, max, counts }
    }

    /// Width of one bin.
    pub fn bin_width(&self) -> f32 {
        (self.max - self.min) / self.counts.len() as f32
    }
}

/// The smallest of 1, 2, 5 × 10ᵏ that is ≥ `value` (1 when `value` is 0).
fn nice_ceiling(value: f32) -> f32 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10f32.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|mantissa| mantissa * power)
        .find(|&edge| edge >= value)
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_range_is_nice_and_zero_falls_left() {
        let histogram =
            Histogram::of(&[-0.35, 0.0, 0.0, 1e-9, 0.05, 1.65, f32::NAN, f32::INFINITY, -f32::INFINITY]);
        assert_eq!((histogram.min, histogram.max), (-2.0, 2.0));
        assert_eq!(histogram.counts.iter().sum::<u32>(), 6);
        assert_eq!(histogram.counts[19], 2, "the two zeros lie in (-0.1, 0]");
        assert_eq!(histogram.counts[20], 2, "1e-9 and 0.05 lie in (0, 0.1]");
        assert_eq!(histogram.counts[16], 1, "-0.35 lies in (-0.4, -0.3]");
        assert_eq!(histogram.counts[36], 1, "1.65 lies in (1.6, 1.7]");
        assert_eq!(Histogram::of(&[]).max, 1.0);
        assert_eq!(nice_ceiling(3.0), 5.0);
        assert_eq!(nice_ceiling(0.0123), 0.02);
        assert_eq!(nice_ceiling(100.0), 100.0);
    }
}
