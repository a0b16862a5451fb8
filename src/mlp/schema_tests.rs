//! The schema's rows against [`LabConfig::validate`] at every edge, the presets, and the seed's range.

use super::*;
use crate::mlp::{Twin, PRESETS};

/// `config` with `setting` forced to `value` (no check), for asking the validator about it.
fn forced(setting: &Setting, value: f64) -> LabConfig {
    let mut config = LabConfig { optimizer: OptimizerKind::Sgd { momentum: 0.0 }, ..LabConfig::default() };
    (setting.set)(&mut config, SettingValue::Number(value)).unwrap();
    config
}

#[test]
fn every_numeric_row_agrees_with_the_validator_at_its_edges() {
    for setting in SETTINGS.iter().filter(|s| s.kind != SettingKind::Choice) {
        let key = setting.key;
        assert!(setting.min < setting.max && setting.step > 0.0, "{key}");
        for accepted in [setting.min, setting.max] {
            assert_eq!(setting.check(accepted), Ok(()), "{key} = {accepted}");
            assert_eq!(forced(setting, accepted).validate(), Ok(()), "{key} = {accepted} validates");
        }
        let below = if setting.scale == Scale::Log { setting.min / 2.0 } else { setting.min - setting.step };
        let above = if setting.scale == Scale::Log { setting.max * 2.0 } else { setting.max + setting.step };
        for refused in [below, above] {
            let error = setting.check(refused).unwrap_err();
            assert_eq!(error.field, setting.name, "{key} = {refused}");
            let config = forced(setting, refused);
            // A config field that cannot hold the value (a negative seed in a u64) needs no check.
            if setting.value(&config) == SettingValue::Number(refused) {
                assert_eq!(config.validate().unwrap_err(), error, "{key}: same error");
            }
            let mut config =
                LabConfig { optimizer: OptimizerKind::Sgd { momentum: 0.0 }, ..LabConfig::default() };
            assert_eq!(setting.apply(&mut config, SettingValue::Number(refused)), Err(error.clone()));
        }
        if setting.kind == SettingKind::Integer {
            assert!(setting.check(setting.min + 0.5).unwrap_err().message.contains("whole number"), "{key}");
        }
        assert!(setting.check(f64::NAN).is_err() && setting.check(f64::INFINITY).is_err(), "{key}");
    }
}

#[test]
fn every_default_is_within_its_limits_and_every_choice_parses() {
    for setting in SETTINGS {
        match setting.default_value() {
            SettingValue::Number(x) => assert_eq!(setting.check(x), Ok(()), "{}", setting.key),
            SettingValue::Choice(id) => {
                assert!((setting.choices)().iter().any(|c| c.id == id), "{}", setting.key)
            }
        }
        if setting.kind == SettingKind::Choice {
            let choices = (setting.choices)();
            assert!(choices.len() >= 2 && choices.iter().all(|c| !c.label.is_empty()));
            for choice in choices {
                let mut config = LabConfig::default();
                setting.apply(&mut config, SettingValue::Choice(choice.id)).unwrap();
                assert_eq!(setting.value(&config), SettingValue::Choice(choice.id), "round trip");
            }
            let error = setting.apply(&mut LabConfig::default(), SettingValue::Choice("nope")).unwrap_err();
            let expected = format!("{} must be one of {}, got \"nope\"", setting.name, setting.choice_ids());
            assert_eq!(error.message, expected);
        }
    }
}

#[test]
fn keys_are_unique_and_only_with_names_a_choice() {
    let keys: std::collections::HashSet<_> = SETTINGS.iter().map(|s| s.key).collect();
    let config_keys: std::collections::HashSet<_> = SETTINGS.iter().map(|s| s.config_key).collect();
    assert_eq!((keys.len(), config_keys.len()), (SETTINGS.len(), SETTINGS.len()));
    assert_eq!(setting("l2").map(|s| (s.config_key, s.label)), Some(("weightDecay", "L2 weight decay")));
    for (key, value) in SETTINGS.iter().filter_map(|s| s.only_with) {
        let choices = (setting(key).unwrap().choices)();
        assert!(choices.iter().any(|c| c.id == value), "{key} = {value}");
    }
    assert!(!MOMENTUM.applies(&LabConfig::default()), "Adam: momentum does not apply");
    let mut adam = LabConfig::default();
    assert_eq!(
        MOMENTUM.apply(&mut adam, SettingValue::Number(0.9)).unwrap_err().message,
        "momentum applies only with optimizer \"sgd\" (leave it out or give 0), got momentum 0.9 with optimizer \"adam\"",
        "refused under Adam, not silently ignored"
    );
    assert_eq!(MOMENTUM.apply(&mut adam, SettingValue::Number(5.0)).unwrap_err().field, "momentum");
    assert_eq!(MOMENTUM.apply(&mut adam, SettingValue::Number(0.0)), Ok(()), "0: what Adam reports");
    assert_eq!(adam.validate(), Ok(()));
    let mut sgd = LabConfig::default();
    OPTIMIZER.apply(&mut sgd, SettingValue::Choice("sgd")).unwrap();
    assert_eq!(MOMENTUM.apply(&mut sgd, SettingValue::Number(0.9)), Ok(()));
    assert_eq!(MOMENTUM.value(&sgd), SettingValue::Number(0.9));
}

#[test]
fn presets_are_valid_and_labelled() {
    for preset in PRESETS {
        let config = LabConfig::preset(preset.id).unwrap();
        assert_eq!(config.validate(), Ok(()), "{}", preset.id);
        assert!(!preset.label.is_empty() && preset.summary.ends_with('.'), "{}", preset.id);
        for setting in SETTINGS {
            if let SettingValue::Number(x) = setting.value(&config) {
                assert_eq!(setting.check(x), Ok(()), "{}.{}", preset.id, setting.key);
            }
        }
    }
}

/// The seed's range: every whole number up to `MAX_SEED` is exact in a JS number (an f64), one
/// more is not, and seeds anywhere in the range (beyond 2^32 too) give distinct initial weights.
#[test]
fn seeds_up_to_max_safe_integer_give_distinct_runs() {
    assert_eq!(MAX_SEED, (2f64).powi(53) - 1.0);
    assert_eq!(MAX_SEED as u64 as f64, MAX_SEED, "exact");
    assert_eq!(MAX_SEED + 2.0, MAX_SEED + 1.0, "2^53 + 1 is not an f64: it reads as 2^53");
    let seeds = [0.0, 1.0, 4_294_967_295.0, 4_294_967_296.0, MAX_SEED - 1.0, MAX_SEED];
    let weights: Vec<Vec<f32>> = seeds
        .iter()
        .map(|&seed| {
            let config = forced(&SEED, seed);
            Twin::new(&config).unwrap().relu().network().parameters().to_vec()
        })
        .collect();
    for i in 0..weights.len() {
        for j in i + 1..weights.len() {
            assert_ne!(weights[i], weights[j], "seeds {} and {}", seeds[i], seeds[j]);
        }
    }
    assert_eq!(
        SEED.check(MAX_SEED + 1.0).unwrap_err().message,
        "seed must be between 0 and 9007199254740991, got 9007199254740992"
    );
}
