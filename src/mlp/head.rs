//! The classification head: with 2 classes a single logit `s`, p(class 1) = σ(s) and binary
//! cross-entropy with logits; with 3 classes three logits, softmax and cross-entropy. Losses are
//! means over the batch, computed in f64 in numerically stable forms.

use crate::activation::special::sigmoid;

/// Mean loss and correct count of `rows` rows of logits (`outputs` per row) against `labels`;
/// when `gradients` is given, also writes dL/dlogit of the mean loss there.
///
/// 2 classes (`outputs` = 1): `max(s, 0) − s·y + ln(1 + e^(−|s|))`, the stable form of binary
/// cross-entropy with logits; gradient `(σ(s) − y) / rows`. 3 classes: `logsumexp(s) − s_y`;
/// gradient `(softmax(s) − onehot(y)) / rows`. A point counts as correct when the predicted class
/// (σ(s) > 1/2, or the first arg-max) equals its label.
pub(crate) fn head_loss(
    logits: &[f32],
    labels: &[u8],
    outputs: usize,
    mut gradients: Option<&mut [f32]>,
) -> (f64, usize) {
    let rows = labels.len();
    let scale = 1.0 / rows as f64;
    let (mut loss, mut correct) = (0.0f64, 0usize);
    for (row, (row_logits, &label)) in logits.chunks_exact(outputs).zip(labels).enumerate() {
        if outputs == 1 {
            let s = f64::from(row_logits[0]);
            let target = f64::from(label);
            loss += s.max(0.0) - s * target + (-s.abs()).exp().ln_1p();
            correct += usize::from((s > 0.0) == (label == 1));
            if let Some(gradients) = gradients.as_deref_mut() {
                gradients[row] = ((sigmoid(s) - target) * scale) as f32;
            }
            continue;
        }
        let max = row_logits.iter().fold(f32::NEG_INFINITY, |max, &s| max.max(s));
        let sum: f64 = row_logits.iter().map(|&s| f64::from(s - max).exp()).sum();
        let log_sum_exp = f64::from(max) + sum.ln();
        // A label beyond the logits (data of another class count) gives NaN rather than a panic.
        let label_logit = row_logits.get(usize::from(label)).copied().unwrap_or(f32::NAN);
        loss += log_sum_exp - f64::from(label_logit);
        correct += usize::from(predicted_class(row_logits).0 == usize::from(label));
        if let Some(gradients) = gradients.as_deref_mut() {
            for (class, &s) in row_logits.iter().enumerate() {
                let probability = (f64::from(s) - log_sum_exp).exp();
                let target = if class == usize::from(label) { 1.0 } else { 0.0 };
                gradients[row * outputs + class] = ((probability - target) * scale) as f32;
            }
        }
    }
    (loss * scale, correct)
}

/// The predicted class of one row of logits and the model's probability for it: with 1 logit,
/// class 1 when σ(s) > 1/2, and the probability returned is always p(class 1) = σ(s); with
/// several, the first arg-max and its softmax probability (the confidence).
pub(crate) fn predicted_class(logits: &[f32]) -> (usize, f32) {
    if let [s] = logits {
        let probability = sigmoid(f64::from(*s));
        return (usize::from(probability > 0.5), probability as f32);
    }
    let (mut best, mut best_logit) = (0, logits[0]);
    for (class, &s) in logits.iter().enumerate().skip(1) {
        if s > best_logit {
            (best, best_logit) = (class, s);
        }
    }
    let sum: f64 = logits.iter().map(|&s| f64::from(s - best_logit).exp()).sum();
    (best, (1.0 / sum) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn losses_and_gradients_match_pytorch_reference_values() {
        // torch.nn.functional.binary_cross_entropy_with_logits([2., -1.], [1., 1.]) = 0.720095,
        // grad = (σ(s) − y) / 2 = [-0.059601, -0.365529].
        let mut gradients = [0.0f32; 2];
        let (loss, correct) = head_loss(&[2.0, -1.0], &[1, 1], 1, Some(&mut gradients));
        assert!((loss - 0.720_095).abs() < 1e-6, "{loss}");
        assert_eq!(correct, 1);
        assert!((gradients[0] + 0.059_601).abs() < 1e-6 && (gradients[1] + 0.365_529).abs() < 1e-6);
        // torch.nn.functional.cross_entropy([[1., 2., 3.]], [0]) = 2.407606,
        // grad = softmax − onehot = [-0.909969, 0.244728, 0.665241].
        let mut gradients = [0.0f32; 3];
        let (loss, correct) = head_loss(&[1.0, 2.0, 3.0], &[0], 3, Some(&mut gradients));
        assert!((loss - 2.407_606).abs() < 1e-6, "{loss}");
        assert_eq!(correct, 0);
        for (gradient, expected) in gradients.iter().zip([-0.909_969, 0.244_728, 0.665_241]) {
            assert!((f64::from(*gradient) - expected).abs() < 1e-6);
        }
    }

    #[test]
    fn extreme_logits_stay_finite() {
        let (loss, _) = head_loss(&[1e30, -1e30], &[0, 1], 1, None);
        assert_eq!(loss, f64::from(1e30f32), "log(1 + e^s) = s for huge s, no overflow");
        let (loss, _) = head_loss(&[1e30, 0.0, -1e30], &[0], 3, None);
        assert_eq!(loss, 0.0);
        assert_eq!(predicted_class(&[0.0, 5.0, 5.0]).0, 1, "first arg-max wins ties");
        assert_eq!(predicted_class(&[0.0]), (0, 0.5));
        assert_eq!(sigmoid(-1000.0), 0.0);
    }
}
