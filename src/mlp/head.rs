//! The classification head: with 2 classes a single logit `s`, p(class 1) = σ(s) and binary
//! cross-entropy with logits; with k > 2 classes k logits, `log_softmax` and the negative
//! log-likelihood (PyTorch's `F.nll_loss(F.log_softmax(s, dim=1), y)`). Losses are means over the
//! batch, computed in f64 in numerically stable forms.

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
    fn ten_class_log_softmax_nll_matches_mpmath() {
        // Reference: mpmath 1.3.0 at 30 digits, nll = log(Σ exp(s)) − s_y per row, mean of two rows;
        // gradient (softmax(s) − onehot(y)) / 2.
        let logits = [
            2.5f32, -1.0, 0.25, 4.0, -3.25, 0.0, 1.125, -0.75, 2.25,
            3.875, // label 3: nll 0.8728613189172690
            100.0, -50.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 99.5, // label 9: nll 0.9740769841801067
        ];
        let mut gradients = [0.0f32; 20];
        let (loss, correct) = head_loss(&logits, &[3, 9], 10, Some(&mut gradients));
        assert!((loss - 0.923_469_151_548_687_8).abs() < 1e-12, "{loss}");
        assert_eq!(correct, 1, "row 0 predicts 3 (right), row 1 predicts 0 (wrong)");
        let expected_row_0 = [
            0.046_606_815_206_507_04,
            0.001_407_403_868_884_037_6,
            0.004_912_322_182_063_949,
            -0.291_122_745_685_731_5,
            0.000_148_339_276_425_745_35,
            0.003_825_720_362_090_436,
            0.011_784_048_318_559_752,
            0.001_807_142_339_191_766,
            0.036_297_424_179_291_944,
            0.184_333_529_952_716_8,
        ];
        for (gradient, expected) in gradients[..10].iter().zip(expected_row_0) {
            assert!((f64::from(*gradient) - expected).abs() < 1e-7, "{gradient} vs {expected}");
        }
        assert!((f64::from(gradients[10]) - 0.311_229_665_600_927_3).abs() < 1e-7);
        assert!((f64::from(gradients[19]) + 0.311_229_665_600_927_3).abs() < 1e-7);
        assert!(gradients[11..19].iter().all(|&g| g.abs() < 1e-40), "exp(−150) underflows cleanly to ~0");
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
