//! Facts about f′ that the explorer shows beside its charts: the dead zone (|f′| at or below
//! [`DEAD_GRADIENT`]), the kinks where f′ is a convention, and what f′ does to a gradient that
//! passes through n layers.

use crate::activation::Activation;

/// The lab's definition of "dead" (one home: [`crate::mlp::DEAD_GRADIENT`]); the explorer shades
/// where |f′(x)| is at or below it.
pub use crate::mlp::DEAD_GRADIENT;

/// The most layers the "through n layers" view multiplies over.
pub const MAX_DEPTH: u32 = 100;

/// A point where f′ jumps, so the derivative there is a convention: `left` and `right` are the
/// one-sided limits, `torch` the value PyTorch's autograd returns at exactly `x`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kink {
    pub x: f64,
    pub left: f64,
    pub right: f64,
    pub torch: f64,
}

/// The kinks of an activation: its breakpoints where the one-sided limits of f′ differ (a
/// breakpoint where f′ is continuous, such as ELU's 0 with alpha = 1, is not one).
pub fn kinks(activation: &Activation) -> Vec<Kink> {
    activation
        .breakpoints()
        .into_iter()
        .filter(|x| x.is_finite())
        .filter_map(|x| {
            let h = 1e-9 * x.abs().max(1.0);
            let (left, right) = (activation.derivative(x - h), activation.derivative(x + h));
            let differ = (left - right).abs() > 1e-6 * left.abs().max(right.abs()).max(1.0);
            differ.then(|| Kink { x, left, right, torch: activation.derivative(x) })
        })
        .collect()
}

/// The kink at `x` within `tolerance` (in x units), if any.
pub fn kink_near(activation: &Activation, x: f64, tolerance: f64) -> Option<Kink> {
    kinks(activation).into_iter().find(|k| (k.x - x).abs() <= tolerance)
}

/// The x intervals of `[xmin, xmax]` where |f′(x)| <= [`DEAD_GRADIENT`], from `samples` evenly
/// spaced samples (each interval's ends are refined by bisection to 1e-9 of the range).
pub fn dead_zones(activation: &Activation, (xmin, xmax): (f64, f64), samples: usize) -> Vec<(f64, f64)> {
    let dead = |x: f64| activation.derivative(x).abs() <= DEAD_GRADIENT;
    let n = samples.max(2);
    let at = |i: usize| xmin + (xmax - xmin) * i as f64 / n as f64;
    // The boundary between a and b (dead(a) != dead(b)), to within 1e-9 of the range.
    let edge = |mut a: f64, mut b: f64| {
        let start = dead(a);
        for _ in 0..40 {
            let mid = 0.5 * (a + b);
            if dead(mid) == start {
                a = mid;
            } else {
                b = mid;
            }
        }
        0.5 * (a + b)
    };
    let mut zones = Vec::new();
    let mut open = dead(xmin).then_some(xmin);
    for i in 1..=n {
        let (a, b) = (at(i - 1), at(i));
        match (open, dead(b)) {
            (None, true) => open = Some(edge(a, b)),
            (Some(start), false) => {
                zones.push((start, edge(a, b)));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        zones.push((start, xmax));
    }
    zones
}

/// Where the pre-activation of every layer sits in the "through n layers" view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DepthInput {
    /// The same z in every layer: the product is |f′(z)|ⁿ.
    At(f64),
    /// z drawn from N(0, 1) independently in every layer: the root mean square of the product,
    /// (E[f′(z)²])^(n/2), the factor by which the activations alone scale a gradient's size.
    Normal,
}

/// E[f′(z)²] for z ~ N(0, 1), by the midpoint rule on [-12, 12] (the normal's mass beyond is
/// below 1e-32; f′ is bounded on it for every activation in the table, so the error is far
/// below the digits shown).
pub fn mean_square_derivative(activation: &Activation) -> f64 {
    const STEPS: usize = 24_000;
    let (lo, hi) = (-12.0, 12.0);
    let h = (hi - lo) / STEPS as f64;
    let density = |z: f64| (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    (0..STEPS)
        .map(|i| {
            let z = lo + (i as f64 + 0.5) * h;
            let d = activation.derivative(z);
            d * d * density(z) * h
        })
        .sum()
}

/// The factor per layer of the "through n layers" view: |f′(z)| at a fixed z, or
/// √E[f′(z)²] for z ~ N(0, 1).
pub fn depth_factor(activation: &Activation, input: DepthInput) -> f64 {
    match input {
        DepthInput::At(z) => activation.derivative(z).abs(),
        DepthInput::Normal => mean_square_derivative(activation).sqrt(),
    }
}

/// The product over 1, 2, ..., `layers` layers (`layers` capped at [`MAX_DEPTH`]): element
/// n - 1 is the factor to the power n.
pub fn depth_products(activation: &Activation, input: DepthInput, layers: u32) -> Vec<f64> {
    let factor = depth_factor(activation, input);
    (1..=layers.min(MAX_DEPTH)).map(|n| factor.powi(n as i32)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::ParamValue;

    fn act(id: &str, params: &[(&str, f64)]) -> Activation {
        let params: Vec<_> = params.iter().map(|&(n, v)| (n, ParamValue::Number(v))).collect();
        Activation::from_params(id, &params).unwrap()
    }

    #[test]
    fn relu_and_leaky_relu_have_a_kink_at_zero_with_pytorchs_left_value() {
        assert_eq!(kinks(&act("relu", &[])), vec![Kink { x: 0.0, left: 0.0, right: 1.0, torch: 0.0 }]);
        let leaky = kinks(&act("leaky_relu", &[("negative_slope", 0.01)]));
        assert_eq!(leaky, vec![Kink { x: 0.0, left: 0.01, right: 1.0, torch: 0.01 }]);
        let hardswish = kinks(&act("hardswish", &[]));
        assert_eq!(hardswish.len(), 2);
        assert_eq!((hardswish[0].x, hardswish[0].torch), (-3.0, -0.5));
        assert!(kinks(&act("sigmoid", &[])).is_empty());
        // ELU with alpha = 1 has a continuous f′ at 0; with alpha = 0.5 it jumps.
        assert!(kinks(&act("elu", &[("alpha", 1.0)])).is_empty());
        assert_eq!(kinks(&act("elu", &[("alpha", 0.5)]))[0].torch, 0.5);
        assert!(kink_near(&act("relu", &[]), 0.004, 0.005).is_some());
        assert!(kink_near(&act("relu", &[]), 0.006, 0.005).is_none());
    }

    #[test]
    fn dead_zones_follow_the_threshold() {
        let relu = act("relu", &[]);
        let zones = dead_zones(&relu, (-5.0, 5.0), 200);
        assert_eq!(zones.len(), 1);
        assert_eq!(zones[0].0, -5.0);
        assert!(zones[0].1.abs() < 1e-8, "{zones:?}");
        assert!(dead_zones(&act("leaky_relu", &[("negative_slope", 0.01)]), (-5.0, 5.0), 200).is_empty());
        assert_eq!(dead_zones(&act("leaky_relu", &[("negative_slope", 0.001)]), (-5.0, 5.0), 200).len(), 1);
        // σ′(x) = σ(x)σ(−x) <= 1e-3 beyond |x| ≈ 6.9063.
        let sigmoid = dead_zones(&act("sigmoid", &[]), (-10.0, 10.0), 400);
        let edge = {
            let p = (1.0 - (1.0 - 4e-3f64).sqrt()) / 2.0; // σ(x) with σ(1 − σ) = 1e-3
            (p / (1.0 - p)).ln()
        };
        assert_eq!(sigmoid.len(), 2);
        assert!((sigmoid[0].1 - edge).abs() < 1e-7 && (sigmoid[1].0 + edge).abs() < 1e-7, "{sigmoid:?}");
        assert!(dead_zones(&act("sigmoid", &[]), (-5.0, 5.0), 400).is_empty());
    }

    #[test]
    fn depth_products_show_why_sigmoid_vanishes_and_leakys_small_branch_does_not_matter() {
        let relu = mean_square_derivative(&act("relu", &[]));
        assert!((relu - 0.5).abs() < 1e-6, "{relu}");
        let leaky = mean_square_derivative(&act("leaky_relu", &[("negative_slope", 0.01)]));
        assert!((leaky - (0.5 + 0.5 * 1e-4)).abs() < 1e-6, "{leaky}");
        let tanh = mean_square_derivative(&act("tanh", &[]));
        // E[sech⁴(z)], z ~ N(0, 1): 0.4645 (numerical reference).
        assert!((tanh - 0.4645).abs() < 1e-3, "{tanh}");
        let sigmoid = depth_products(&act("sigmoid", &[]), DepthInput::Normal, 10);
        assert_eq!(sigmoid.len(), 10);
        assert!(sigmoid[9] < 1e-6, "sigmoid vanishes through 10 layers: {}", sigmoid[9]);
        let at_zero = depth_products(&act("sigmoid", &[]), DepthInput::At(0.0), 3);
        assert_eq!(at_zero, vec![0.25, 0.0625, 0.015625]);
        let leaky_left =
            depth_products(&act("leaky_relu", &[("negative_slope", 0.01)]), DepthInput::At(-1.0), 2);
        assert!((leaky_left[1] - 1e-4).abs() < 1e-12);
        assert_eq!(depth_products(&act("relu", &[]), DepthInput::At(1.0), 500).len(), MAX_DEPTH as usize);
    }
}

#[cfg(test)]
mod formula_tests {
    use crate::activation::formula::Style;
    use crate::activation::{Activation, ParamValue};

    #[test]
    fn an_alpha_of_one_is_not_shown_as_1e_to_the_x() {
        let elu = Activation::from_params("elu", &[("alpha", ParamValue::Number(1.0))]).unwrap();
        let mathml = elu.derivative_formula_mathml(Style::Numeric);
        assert!(!mathml.contains("<mn>1</mn><msup>"), "{mathml}");
        let half = Activation::from_params("elu", &[("alpha", ParamValue::Number(0.5))]).unwrap();
        assert!(half.derivative_formula_mathml(Style::Numeric).contains("0.5"));
    }
}
