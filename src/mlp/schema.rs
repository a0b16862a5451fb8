//! The lab's settings, one row each: the URL / page-state key, the `Lab` config key, the label,
//! the kind, the limits, the step and the choices. [`LabConfig::validate`], the web layer's
//! config reader and the `labSchema()` export all read these rows; no limit is written twice.

use super::config::{LabConfig, WeightInit};
use super::dataset::DatasetKind;
use super::optim::OptimizerKind;
use super::LabError;

/// What a setting holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingKind {
    /// Any finite number in the limits.
    Number,
    /// A whole number in the limits.
    Integer,
    /// One of [`Setting::choices`].
    Choice,
}

impl SettingKind {
    /// `"number"`, `"integer"` or `"choice"`.
    pub fn id(self) -> &'static str {
        match self {
            SettingKind::Number => "number",
            SettingKind::Integer => "integer",
            SettingKind::Choice => "choice",
        }
    }
}

/// How a slider moves between the limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// In steps of [`Setting::step`].
    Linear,
    /// In steps of `step` in log10, between log10(min) and log10(max); the value must be > 0.
    Log,
}

/// One choice of a choice setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The id in URLs and configs, e.g. `"he_normal"`.
    pub id: &'static str,
    /// What a menu shows, e.g. `"He normal"`.
    pub label: &'static str,
}

/// A setting's value: a number (integers included) or a choice id.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SettingValue<'a> {
    /// A number setting's (or an integer setting's) value.
    Number(f64),
    /// A choice setting's id.
    Choice(&'a str),
}

/// One setting of the lab.
#[derive(Clone, Copy, Debug)]
pub struct Setting {
    /// URL and page-state key, e.g. `"l2"`.
    pub key: &'static str,
    /// `Lab` config key, e.g. `"weightDecay"`.
    pub config_key: &'static str,
    /// What the form shows, e.g. `"L2 weight decay"`.
    pub label: &'static str,
    /// The name in error messages and [`LabError::field`], e.g. `"weight decay"`.
    pub name: &'static str,
    pub kind: SettingKind,
    /// Smallest value allowed (0 for choices).
    pub min: f64,
    /// Largest value allowed (0 for choices).
    pub max: f64,
    /// A form control's resolution (log10 steps on a [`Scale::Log`] setting; 0 for choices).
    pub step: f64,
    pub scale: Scale,
    /// The choices, in menu order (empty unless [`SettingKind::Choice`]).
    pub choices: fn() -> Vec<Choice>,
    /// A longer explanation, for a tooltip or a note.
    pub description: Option<&'static str>,
    /// `(key, value)`: the setting applies only while setting `key` has choice `value`.
    pub only_with: Option<(&'static str, &'static str)>,
    get: fn(&LabConfig) -> SettingValue<'static>,
    set: fn(&mut LabConfig, SettingValue) -> Result<(), LabError>,
}

impl Setting {
    /// This setting's value in `config`.
    pub fn value(&self, config: &LabConfig) -> SettingValue<'static> {
        (self.get)(config)
    }

    /// The default value (of [`LabConfig::default`]).
    pub fn default_value(&self) -> SettingValue<'static> {
        self.value(&LabConfig::default())
    }

    /// Whether the setting applies to `config` (see [`Setting::only_with`]).
    pub fn applies(&self, config: &LabConfig) -> bool {
        self.only_with.is_none_or(|(key, value)| {
            SETTINGS
                .iter()
                .find(|s| s.key == key)
                .is_some_and(|s| s.value(config) == SettingValue::Choice(value))
        })
    }

    /// Checks `value` against the limits (a non-number for a number setting is refused too), then
    /// sets it in `config`. A setting that does not apply to `config` (momentum under Adam) is
    /// refused unless `value` is the one `config` already reports for it (momentum 0 under Adam,
    /// as a config written back by the web layer holds): it would be silently ignored otherwise.
    /// Apply settings in [`SETTINGS`] order, so `only_with`'s setting is set first.
    pub fn apply(&self, config: &mut LabConfig, value: SettingValue) -> Result<(), LabError> {
        if let SettingValue::Number(x) = value {
            if self.applies(config) {
                self.check_named(self.name, x)?;
            } else if value != self.value(config) {
                return Err(self.not_applicable(config, x));
            }
        }
        (self.set)(config, value)
    }

    /// "momentum applies only with optimizer \"sgd\" (leave it out or give 0), got momentum 0.9 with
    /// optimizer \"adam\"".
    fn not_applicable(&self, config: &LabConfig, x: f64) -> LabError {
        let (key, wanted) = self.only_with.unwrap_or_default();
        let other = setting(key);
        let name = other.map_or(key, |s| s.name);
        let current = match other.map(|s| s.value(config)) {
            Some(SettingValue::Choice(id)) => format!("{id:?}"),
            Some(SettingValue::Number(n)) => crate::activation::format_number(n),
            None => "?".into(),
        };
        let message = format!(
            "{} applies only with {name} {wanted:?} (leave it out or give 0), got {} {} with {name} {current}",
            self.name,
            self.name,
            crate::activation::format_number(x)
        );
        LabError::new(self.name, message)
    }

    /// Checks a number against the limits; the error uses [`Setting::name`].
    pub fn check(&self, x: f64) -> Result<(), LabError> {
        self.check_named(self.name, x)
    }

    /// Checks a number against the limits, naming it `name` in the error (e.g. the data seed,
    /// which shares the seed's limits).
    pub fn check_named(&self, name: &'static str, x: f64) -> Result<(), LabError> {
        match self.kind {
            SettingKind::Choice => {
                Err(LabError::new(name, format!("{name} must be one of {}, got {x}", self.choice_ids())))
            }
            SettingKind::Integer if !(x.is_finite() && x.fract() == 0.0) => {
                Err(LabError::new(name, format!("{name} must be a whole number, got {x}")))
            }
            SettingKind::Integer => in_range(name, x, self.min, self.max),
            SettingKind::Number
                if self.scale == Scale::Log && !(x.is_finite() && x > 0.0 && x <= self.max) =>
            {
                let max = self.max;
                let message =
                    format!("{name} must be a finite number greater than 0 and at most {max}, got {x}");
                Err(LabError::new(name, message))
            }
            SettingKind::Number if !x.is_finite() => {
                Err(LabError::new(name, format!("{name} must be a finite number, got {x}")))
            }
            SettingKind::Number => in_range(name, x, self.min, self.max),
        }
    }

    /// The choice ids joined by ", ", for messages.
    pub fn choice_ids(&self) -> String {
        (self.choices)().iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
    }
}

fn in_range(name: &'static str, x: f64, min: f64, max: f64) -> Result<(), LabError> {
    if x < min || x > max {
        return Err(LabError::out_of_range(name, x, min, max));
    }
    Ok(())
}

/// The largest seed: every whole number up to it is exact in a JS number (`Number.MAX_SAFE_INTEGER`),
/// and distinct seeds give distinct runs (a seed reaches the generators through bijections).
pub const MAX_SEED: f64 = 9_007_199_254_740_991.0;

fn no_choices() -> Vec<Choice> {
    vec![]
}

fn number(config_get: f64) -> SettingValue<'static> {
    SettingValue::Number(config_get)
}

/// The number in `value`, or an error for a choice id given to a number setting.
fn as_number(name: &'static str, value: SettingValue) -> Result<f64, LabError> {
    match value {
        SettingValue::Number(x) => Ok(x),
        SettingValue::Choice(id) => Err(LabError::new(name, format!("{name} must be a number, got {id:?}"))),
    }
}

/// The id in `value`, or an error for a number given to a choice setting.
fn as_choice<'a>(name: &'static str, value: SettingValue<'a>) -> Result<&'a str, LabError> {
    match value {
        SettingValue::Choice(id) => Ok(id),
        SettingValue::Number(x) => Err(LabError::new(name, format!("{name} must be a string, got {x}"))),
    }
}

/// A number setting's row with the parts every one shares.
macro_rules! numeric {
    ($key:literal, $config_key:literal, $label:literal, $name:literal, $kind:ident,
     [$min:expr, $max:expr, $step:expr], $get:expr, $set:expr $(, $field:ident: $value:expr)*) => {
        Setting {
            $($field: $value,)*
            ..Setting {
                key: $key,
                config_key: $config_key,
                label: $label,
                name: $name,
                kind: SettingKind::$kind,
                min: $min,
                max: $max,
                step: $step,
                scale: Scale::Linear,
                choices: no_choices,
                description: None,
                only_with: None,
                get: |c| number($get(c)),
                set: |c, v| {
                    let x = as_number($name, v)?;
                    #[allow(clippy::redundant_closure_call)]
                    $set(c, x);
                    Ok(())
                },
            }
        }
    };
}

/// Which toy dataset.
pub const DATASET: Setting = Setting {
    key: "dataset",
    config_key: "dataset",
    label: "Dataset",
    name: "dataset",
    kind: SettingKind::Choice,
    min: 0.0,
    max: 0.0,
    step: 0.0,
    scale: Scale::Linear,
    choices: || DatasetKind::ALL.iter().map(|d| Choice { id: d.id(), label: d.label() }).collect(),
    description: None,
    only_with: None,
    get: |c| SettingValue::Choice(c.dataset.id()),
    set: |c, v| {
        c.dataset = DatasetKind::from_id(as_choice("dataset", v)?)?;
        Ok(())
    },
};

/// Noise of the points.
pub const NOISE: Setting = numeric!("noise", "noise", "Noise", "noise", Number, [0.0, 1.0, 0.01], |c: &LabConfig| c.noise,
    |c: &mut LabConfig, x| c.noise = x,
    description: Some("Standard deviation of the Gaussian noise added to each point"));

/// Share of training labels flipped.
pub const LABEL_NOISE: Setting = numeric!("labelnoise", "labelNoise", "Label noise", "label noise", Number,
    [0.0, 0.5, 0.05], |c: &LabConfig| c.label_noise, |c: &mut LabConfig, x| c.label_noise = x,
    description: Some("Share of the training labels flipped to another class (the test labels stay clean)"));

/// Points, train and test together.
pub const POINTS: Setting = numeric!("points", "points", "Points", "dataset size", Integer, [10.0, 5000.0, 10.0],
    |c: &LabConfig| c.points as f64, |c: &mut LabConfig, x: f64| c.points = x as usize,
    description: Some("80% train"));

/// Number of hidden layers.
pub const LAYERS: Setting = numeric!(
    "layers",
    "hiddenLayers",
    "Hidden layers",
    "hidden layer count",
    Integer,
    [1.0, 16.0, 1.0],
    |c: &LabConfig| c.hidden_widths.len() as f64,
    |c: &mut LabConfig, x: f64| c.hidden_widths =
        vec![c.hidden_widths.first().copied().unwrap_or(1); x as usize]
);

/// Neurons in each hidden layer.
pub const WIDTH: Setting = numeric!(
    "width",
    "width",
    "Neurons per layer",
    "hidden width",
    Integer,
    [1.0, 128.0, 1.0],
    |c: &LabConfig| c.hidden_widths.first().copied().unwrap_or(0) as f64,
    |c: &mut LabConfig, x: f64| c.hidden_widths.iter_mut().for_each(|w| *w = x as usize)
);

/// How weights are drawn.
pub const INIT: Setting = Setting {
    key: "init",
    config_key: "init",
    label: "Weight init",
    name: "weight init",
    kind: SettingKind::Choice,
    min: 0.0,
    max: 0.0,
    step: 0.0,
    scale: Scale::Linear,
    choices: || WeightInit::ALL.iter().map(|w| Choice { id: w.id(), label: w.label() }).collect(),
    description: None,
    only_with: None,
    get: |c| SettingValue::Choice(c.weight_init.id()),
    set: |c, v| {
        c.weight_init = WeightInit::from_id(as_choice("weight init", v)?)?;
        Ok(())
    },
};

/// The hidden biases' starting value.
pub const BIAS: Setting = numeric!("bias", "biasInit", "Bias init", "bias init", Number, [-10.0, 10.0, 0.1],
    |c: &LabConfig| c.bias_init, |c: &mut LabConfig, x| c.bias_init = x,
    description: Some("The constant every hidden-layer bias starts at (PyTorch default draws the biases instead)"));

/// SGD or Adam.
pub const OPTIMIZER: Setting = Setting {
    key: "optimizer",
    config_key: "optimizer",
    label: "Optimizer",
    name: "optimizer",
    kind: SettingKind::Choice,
    min: 0.0,
    max: 0.0,
    step: 0.0,
    scale: Scale::Linear,
    choices: || {
        OptimizerKind::IDS.iter().map(|&id| Choice { id, label: OptimizerKind::label_of(id) }).collect()
    },
    description: None,
    only_with: None,
    get: |c| SettingValue::Choice(c.optimizer.id()),
    set: |c, v| {
        let momentum = match c.optimizer {
            OptimizerKind::Sgd { momentum } => momentum,
            OptimizerKind::Adam => 0.0,
        };
        c.optimizer = OptimizerKind::from_id(as_choice("optimizer", v)?, momentum)?;
        Ok(())
    },
};

/// SGD's momentum.
pub const MOMENTUM: Setting = numeric!("momentum", "momentum", "Momentum", "momentum", Number, [0.0, 0.999, 0.01],
    |c: &LabConfig| match c.optimizer { OptimizerKind::Sgd { momentum } => momentum, OptimizerKind::Adam => 0.0 },
    |c: &mut LabConfig, x| if let OptimizerKind::Sgd { momentum } = &mut c.optimizer { *momentum = x },
    only_with: Some(("optimizer", "sgd")));

/// The learning rate.
pub const LR: Setting = numeric!("lr", "lr", "Learning rate", "learning rate", Number, [1e-4, 10.0, 0.01],
    |c: &LabConfig| c.learning_rate, |c: &mut LabConfig, x| c.learning_rate = x,
    scale: Scale::Log);

/// Points per mini-batch.
pub const BATCH: Setting = numeric!("batch", "batchSize", "Batch size", "batch size", Integer, [1.0, 4096.0, 1.0],
    |c: &LabConfig| c.batch_size as f64, |c: &mut LabConfig, x: f64| c.batch_size = x as usize,
    description: Some("Points per mini-batch; a batch larger than the training set uses the whole set"));

/// L2 weight decay.
pub const L2: Setting = numeric!("l2", "weightDecay", "L2 weight decay", "weight decay", Number, [0.0, 1.0, 0.0001],
    |c: &LabConfig| c.weight_decay, |c: &mut LabConfig, x| c.weight_decay = x,
    description: Some("L2 penalty on the weights, as PyTorch’s weight_decay"));

/// Seed of the weights and the batch order.
pub const SEED: Setting = numeric!("seed", "seed", "Seed", "seed", Integer, [0.0, MAX_SEED, 1.0],
    |c: &LabConfig| c.seed as f64, |c: &mut LabConfig, x: f64| c.seed = x as u64,
    description: Some("Seed of the initial weights and of the batch order"));

/// Every setting besides the activation, in the form's (and the URL's) order.
pub static SETTINGS: [&Setting; 14] = [
    &DATASET,
    &NOISE,
    &LABEL_NOISE,
    &POINTS,
    &LAYERS,
    &WIDTH,
    &INIT,
    &BIAS,
    &OPTIMIZER,
    &MOMENTUM,
    &LR,
    &BATCH,
    &L2,
    &SEED,
];

/// The setting with URL key `key`, e.g. `"lr"`.
pub fn setting(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().copied().find(|s| s.key == key)
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
