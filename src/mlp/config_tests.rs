//! The presets' validity and each invalid field's message.

use super::*;

#[test]
fn defaults_and_presets_are_valid() {
    for preset in PRESETS {
        let config = LabConfig::preset(preset.id).unwrap();
        assert_eq!(config.validate(), Ok(()), "{}", preset.id);
    }
    assert_eq!(LabConfig::preset("deep_narrow").unwrap().hidden_widths, vec![4; 8]);
    assert_eq!(LabConfig::preset("negative_bias").unwrap().bias_init, -1.0);
    assert_eq!(LabConfig::preset("fast").unwrap_err().field, "preset");
}

#[test]
fn each_invalid_field_is_named_with_its_value_and_the_allowed_range() {
    let cases: Vec<(LabConfig, &str)> = vec![
        (
            LabConfig { hidden_widths: vec![16, 1000], ..LabConfig::default() },
            "hidden width must be between 1 and 128, got 1000",
        ),
        (
            LabConfig { hidden_widths: vec![0], ..LabConfig::default() },
            "hidden width must be between 1 and 128, got 0",
        ),
        (
            LabConfig { hidden_widths: vec![], ..LabConfig::default() },
            "hidden layer count must be between 1 and 16, got 0",
        ),
        (
            LabConfig { hidden_widths: vec![4; 17], ..LabConfig::default() },
            "hidden layer count must be between 1 and 16, got 17",
        ),
        (
            LabConfig { batch_size: 5000, ..LabConfig::default() },
            "batch size must be between 1 and 4096, got 5000",
        ),
        (LabConfig { batch_size: 0, ..LabConfig::default() }, "batch size must be between 1 and 4096, got 0"),
        (LabConfig { points: 9, ..LabConfig::default() }, "dataset size must be between 10 and 5000, got 9"),
        (
            LabConfig { learning_rate: f64::NAN, ..LabConfig::default() },
            "learning rate must be a finite number greater than 0 and at most 10, got NaN",
        ),
        (
            LabConfig { learning_rate: 0.0, ..LabConfig::default() },
            "learning rate must be a finite number greater than 0 and at most 10, got 0",
        ),
        (
            LabConfig { learning_rate: 11.0, ..LabConfig::default() },
            "learning rate must be a finite number greater than 0 and at most 10, got 11",
        ),
        (
            LabConfig { weight_decay: -1.0, ..LabConfig::default() },
            "weight decay must be between 0 and 1, got -1",
        ),
        (
            LabConfig { optimizer: OptimizerKind::Sgd { momentum: 1.0 }, ..LabConfig::default() },
            "momentum must be between 0 and 0.999, got 1",
        ),
        (
            LabConfig { bias_init: f64::INFINITY, ..LabConfig::default() },
            "bias init must be a finite number, got inf",
        ),
        (LabConfig { noise: 2.0, ..LabConfig::default() }, "noise must be between 0 and 1, got 2"),
        (
            LabConfig { label_noise: 0.6, ..LabConfig::default() },
            "label noise must be between 0 and 0.5, got 0.6",
        ),
        (
            LabConfig { label_noise: f64::NAN, ..LabConfig::default() },
            "label noise must be a finite number, got NaN",
        ),
    ];
    for (config, message) in cases {
        assert_eq!(config.validate().unwrap_err().message, message);
    }
    assert_eq!(WeightInit::from_id("xavier_uniform"), Ok(WeightInit::XavierUniform));
    assert!(WeightInit::from_id("zeros").is_err());
}
