//! Unit tests of the experiments' maths: the f64 network's gradient against finite differences,
//! the t quantile against scipy, and the verdict rule on synthetic differences.

use super::dense::Dense;
use super::verdict::{paired_interval, student_t_cdf, student_t_quantile, verdict, Verdict};
use crate::activation::Activation;
use crate::mlp::dataset::generate;
use crate::mlp::{DatasetKind, WeightInit};

#[test]
fn weight_gradients_match_central_finite_differences() {
    let data = generate(DatasetKind::Moons, 40, 0.1, 3).unwrap().train;
    let blobs = generate(DatasetKind::Blobs, 45, 0.1, 3).unwrap().train;
    let cases = [
        (Activation::Tanh, 2, &data),
        (Activation::Sigmoid, 2, &data),
        (Activation::LeakyRelu { negative_slope: 0.1 }, 2, &data),
        (Activation::Tanh, 3, &blobs),
    ];
    for (activation, classes, data) in cases {
        let mut network = Dense::initial(3, 5, classes, activation.clone(), WeightInit::XavierNormal, 0.1, 7);
        let (_, gradients) = network.loss_and_weight_gradients(data);
        let mut checked = 0;
        for (layer, gradient) in gradients.iter().enumerate() {
            let fan_out = if layer == 3 {
                if classes == 2 {
                    1
                } else {
                    3
                }
            } else {
                5
            };
            let fan_in = gradient.len() / fan_out;
            for from in 0..fan_in {
                for to in 0..fan_out {
                    let h = 1e-6;
                    let original = *network.weight_mut(layer, from, to);
                    *network.weight_mut(layer, from, to) = original + h;
                    let up = network.loss_and_weight_gradients(data).0;
                    *network.weight_mut(layer, from, to) = original - h;
                    let down = network.loss_and_weight_gradients(data).0;
                    *network.weight_mut(layer, from, to) = original;
                    let numeric = (up - down) / (2.0 * h);
                    let analytic = gradient[from * fan_out + to];
                    let error = (numeric - analytic).abs() / (1e-6 + numeric.abs().max(analytic.abs()));
                    assert!(
                        error < 1e-5,
                        "{activation:?} layer {layer} w[{from}][{to}]: {analytic} vs {numeric}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 60);
    }
}

#[test]
fn t_quantiles_match_scipy() {
    // scipy 1.17.1: scipy.stats.t.ppf(p, df), printed with repr().
    let reference = [
        (0.975, 1.0, 12.706204736174694),
        (0.975, 2.0, 4.302652729749462),
        (0.975, 3.0, 3.1824463052837078),
        (0.975, 4.0, 2.7764451051977934),
        (0.975, 5.0, 2.5705818356363146),
        (0.975, 9.0, 2.262157162798205),
        (0.975, 19.0, 2.0930240544083087),
        (0.975, 29.0, 2.045229642132703),
        (0.975, 49.0, 2.0095752371292392),
        (0.975, 99.0, 1.9842169515864174),
        (0.975, 399.0, 1.965927295920882),
        (0.975, 999.0, 1.9623414611334493),
        (0.9, 3.0, 1.637744353696209),
        (0.6, 1.5, 0.30074539256979543),
        (0.999, 7.0, 4.785289628638333),
        (0.025, 10.0, -2.2281388519862753),
    ];
    for (p, df, expected) in reference {
        let got = student_t_quantile(p, df);
        assert!((got - expected).abs() < 1e-9 * expected.abs(), "t.ppf({p}, {df}) = {expected}, got {got}");
        assert!((student_t_cdf(got, df) - p).abs() < 1e-12);
    }
    assert!(student_t_quantile(1.0, 5.0).is_nan() && student_t_quantile(0.5, 0.0).is_nan());
    assert_eq!(student_t_quantile(0.5, 4.0), 0.0);
}

#[test]
fn the_interval_matches_scipy_and_the_verdict_follows_its_sign() {
    // scipy: stats.t.interval(0.95, 7, loc=mean, scale=stats.sem(d)) for these 8 values.
    let d = [0.3, -0.1, 0.5, 0.2, 0.4, 0.0, 0.6, 0.1];
    let interval = paired_interval(&d);
    assert_eq!(interval.n, 8);
    assert!((interval.mean - 0.25).abs() < 1e-15);
    assert!((interval.low - 0.045217532771588353).abs() < 1e-12, "{interval:?}");
    assert!((interval.high - 0.45478246722841165).abs() < 1e-12);
    assert_eq!(verdict(&interval, 1.0), Verdict::Supported);
    assert_eq!(verdict(&interval, -1.0), Verdict::Contradicted);
    let negative: Vec<f64> = d.iter().map(|x| -x).collect();
    assert_eq!(verdict(&paired_interval(&negative), 1.0), Verdict::Contradicted);
    assert_eq!(verdict(&paired_interval(&negative), -1.0), Verdict::Supported);
    // Symmetric around 0: no difference either way.
    let balanced = [1.0, -1.0, 2.0, -2.0, 0.5, -0.5];
    assert_eq!(verdict(&paired_interval(&balanced), 1.0), Verdict::NoDifference);
    assert_eq!(verdict(&paired_interval(&balanced), -1.0), Verdict::NoDifference);
    // A real but small effect is found with enough seeds and missed with few.
    let noisy =
        |n: usize| -> Vec<f64> { (0..n).map(|i| 0.2 + if i % 2 == 0 { 1.0 } else { -1.0 }).collect() };
    assert_eq!(verdict(&paired_interval(&noisy(10)), 1.0), Verdict::NoDifference);
    assert_eq!(verdict(&paired_interval(&noisy(400)), 1.0), Verdict::Supported);
    // NaN (diverged) entries are left out; fewer than 2 values give no interval and no verdict.
    let with_nan = paired_interval(&[1.0, f64::NAN, 2.0, 3.0]);
    assert_eq!(with_nan.n, 3);
    assert_eq!(with_nan.mean, 2.0);
    let single = paired_interval(&[5.0]);
    assert!(single.low.is_nan() && single.high.is_nan());
    assert_eq!(verdict(&single, 1.0), Verdict::NoDifference);
    assert_eq!(verdict(&paired_interval(&[]), 1.0), Verdict::NoDifference);
    // Constant non-zero differences: a zero-width interval that excludes 0.
    let constant = paired_interval(&[3.0; 5]);
    assert_eq!((constant.low, constant.high), (3.0, 3.0));
    assert_eq!(verdict(&constant, 1.0), Verdict::Supported);
    assert_eq!(verdict(&paired_interval(&[0.0; 5]), 1.0), Verdict::NoDifference);
    assert_eq!(
        [Verdict::Supported, Verdict::Contradicted, Verdict::NoDifference].map(Verdict::id),
        ["supported", "contradicted", "no-difference"]
    );
}
