//! Paired differences, their 95% confidence interval and the verdict they support.
//!
//! The interval is Student's t interval on the mean of the finite per-seed differences:
//! `mean ± t(0.975, n − 1) · s / √n`, with `s` the sample standard deviation. The t quantile is
//! computed here (no table): the t distribution function through the regularised incomplete beta
//! function (a continued fraction), inverted by bisection.
//!
//! The rule: **supported** when the interval excludes 0 on the claimed side, **contradicted** when
//! it excludes 0 on the other side, **no-difference** otherwise (including fewer than two finite
//! differences, where no interval exists).

/// The confidence level of every interval here.
pub const LEVEL: f64 = 0.95;

/// A mean with its 95% confidence interval, over `n` values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Mean of the finite values (NaN when there are none).
    pub mean: f64,
    /// Lower end of the 95% interval (NaN when n < 2).
    pub low: f64,
    /// Upper end of the 95% interval (NaN when n < 2).
    pub high: f64,
    /// Number of finite values the interval is computed from.
    pub n: usize,
}

/// What an interval says about a claimed direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The interval excludes 0 on the claimed side.
    Supported,
    /// The interval excludes 0 on the other side.
    Contradicted,
    /// The interval contains 0 (or could not be computed).
    NoDifference,
}

impl Verdict {
    /// `"supported"`, `"contradicted"` or `"no-difference"`.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::NoDifference => "no-difference",
        }
    }
}

/// The 95% Student t interval of the mean of the finite entries of `differences` (NaN entries,
/// e.g. from diverged runs, are left out and not counted in `n`).
pub fn paired_interval(differences: &[f64]) -> Interval {
    let finite: Vec<f64> = differences.iter().copied().filter(|d| d.is_finite()).collect();
    let n = finite.len();
    if n == 0 {
        return Interval { mean: f64::NAN, low: f64::NAN, high: f64::NAN, n };
    }
    let mean = finite.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return Interval { mean, low: f64::NAN, high: f64::NAN, n };
    }
    let variance = finite.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let half = student_t_quantile(0.5 + LEVEL / 2.0, (n - 1) as f64) * (variance / n as f64).sqrt();
    Interval { mean, low: mean - half, high: mean + half, n }
}

/// The verdict of `interval` on a claim that the true mean has the sign of `claimed_sign`
/// (+1 or −1).
pub fn verdict(interval: &Interval, claimed_sign: f64) -> Verdict {
    let (low, high) =
        if claimed_sign < 0.0 { (-interval.high, -interval.low) } else { (interval.low, interval.high) };
    if low > 0.0 {
        Verdict::Supported
    } else if high < 0.0 {
        Verdict::Contradicted
    } else {
        Verdict::NoDifference
    }
}

/// The `p` quantile (0 < p < 1) of Student's t distribution with `df` > 0 degrees of freedom;
/// NaN outside those ranges. Accurate to about 1e-12 relative.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if !(p > 0.0 && p < 1.0 && df > 0.0) {
        return f64::NAN;
    }
    if p == 0.5 {
        return 0.0;
    }
    if p < 0.5 {
        return -student_t_quantile(1.0 - p, df);
    }
    // Bracket, then bisect on the distribution function (monotone, so this always converges).
    let mut high = 1.0;
    while student_t_cdf(high, df) < p && high < 1e300 {
        high *= 2.0;
    }
    let mut low = 0.0;
    for _ in 0..200 {
        let middle = 0.5 * (low + high);
        if middle <= low || middle >= high {
            break;
        }
        if student_t_cdf(middle, df) < p {
            low = middle;
        } else {
            high = middle;
        }
    }
    0.5 * (low + high)
}

/// P(T ≤ t) for Student's t with `df` degrees of freedom.
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    let tail = 0.5 * regularized_beta(df / (df + t * t), df / 2.0, 0.5);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The regularised incomplete beta function I_x(a, b), by the continued fraction of Numerical
/// Recipes (`betacf`, modified Lentz), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it
/// converges faster.
fn regularized_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let log_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x < (a + 1.0) / (a + b + 2.0) {
        log_front.exp() * beta_fraction(x, a, b) / a
    } else {
        1.0 - log_front.exp() * beta_fraction(1.0 - x, b, a) / b
    }
}

/// The continued fraction of I_x(a, b).
fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..1000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        for aa in
            [m * (b - m) * x / ((qam + m2) * (a + m2)), -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))]
        {
            d = 1.0 + aa * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + aa / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            h *= d * c;
        }
        if (d * c - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; about 1e-15 relative).
fn ln_gamma(x: f64) -> f64 {
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + 7.5;
    let series = COEFFICIENTS[1..]
        .iter()
        .enumerate()
        .fold(COEFFICIENTS[0], |sum, (i, &c)| sum + c / (x + i as f64 + 1.0));
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + series.ln()
}
