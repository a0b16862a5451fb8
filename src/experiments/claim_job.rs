//! [`ClaimJob`]: one claim's protocol (see [`super::claims`]) run in small units, one seed of one
//! group (or one gradient-flow network) per [`ClaimJob::advance`], with its evidence and verdict
//! computed from whatever is done ([`ClaimJob::result`]).

use super::claim_result::{ClaimGroup, ClaimResult, Effect, GradientEvidence, GradientSeries};
use super::claims::{ClaimId, DYING, NOISE, OSCILLATION};
use super::gradflow::{flow_norms, median, GradientFlowConfig};
use super::repeat::{repeat_work, RepeatJob, RepeatOptions, RepeatResult, SideMetrics};
use super::verdict::{paired_interval, verdict};
use crate::mlp::{Dataset, LabConfig, LabError};

/// A group of repeated twin runs inside a claim.
#[derive(Clone, Debug)]
struct Group {
    key: f64,
    label: String,
    job: RepeatJob,
    /// Training steps per unit.
    slice: u64,
    units_done: usize,
}

impl Group {
    fn new(key: f64, label: String, config: &LabConfig, options: RepeatOptions) -> Result<Group, LabError> {
        let one_step = RepeatOptions { seeds: 1, steps: 1, ..options };
        let slice = (SLICE_WORK / repeat_work(config, &one_step).max(1)).clamp(1, options.steps);
        Ok(Group { key, label, job: RepeatJob::new(config, options)?, slice, units_done: 0 })
    }

    fn total(&self) -> usize {
        self.job.total() as usize * self.job_steps().div_ceil(self.slice) as usize
    }

    fn job_steps(&self) -> u64 {
        self.job.options().steps
    }

    fn is_done(&self) -> bool {
        self.job.is_done()
    }
}

/// The work of one unit, as counted by [`repeat_work`]: about 0.1 s natively, so a worker reports
/// progress several times a second and a cancel is never far.
const SLICE_WORK: u64 = 300_000_000;

/// Gradient-flow networks of the dying claim: per series, per seed done, the norms.
#[derive(Clone, Debug)]
struct Flow {
    configs: Vec<GradientFlowConfig>,
    labels: Vec<&'static str>,
    data: Dataset,
    norms: Vec<Vec<Vec<f64>>>,
    done: usize,
}

/// One claim's protocol in progress.
#[derive(Clone, Debug)]
pub struct ClaimJob {
    id: ClaimId,
    groups: Vec<Group>,
    flow: Option<Flow>,
}

impl ClaimJob {
    /// The job of claim `id` (`"dying"`, `"oscillation"` or `"noise"`), nothing run yet.
    pub fn new(id: &str) -> Result<ClaimJob, LabError> {
        let id = ClaimId::from_id(id)?;
        let mut flow = None;
        let groups = match id {
            ClaimId::Dying => {
                let (config, steps) = DYING.config()?;
                let options = RepeatOptions { seeds: DYING.seeds, steps, vary_data: false };
                let label = format!("High learning rate, step {steps}");
                flow = Some(Flow::new()?);
                vec![Group::new(steps as f64, label, &config, options)?]
            }
            ClaimId::Oscillation => {
                let p = OSCILLATION;
                let options = RepeatOptions { seeds: p.seeds, steps: p.steps, vary_data: false };
                p.learning_rates
                    .iter()
                    .map(|&lr| {
                        let label = format!("learning rate {lr}");
                        Group::new(lr, label, &p.config(lr), options)
                    })
                    .collect::<Result<_, LabError>>()?
            }
            ClaimId::Noise => {
                let p = NOISE;
                let options = RepeatOptions { seeds: p.seeds, steps: p.steps, vary_data: true };
                p.label_noise
                    .iter()
                    .map(|&noise| {
                        let label = format!("label noise {noise}");
                        Group::new(noise, label, &p.config(noise), options)
                    })
                    .collect::<Result<_, LabError>>()?
            }
        };
        Ok(ClaimJob { id, groups, flow })
    }

    /// Runs one unit: a slice of steps of the seed under way, or of the next seed of the group
    /// with the fewest done (so every group fills in together); then the gradient-flow networks
    /// one by one. Returns true when all are done.
    pub fn advance(&mut self) -> Result<bool, LabError> {
        let under_way = self.groups.iter().position(|g| g.job.in_progress());
        let next = under_way.or_else(|| {
            let open = self.groups.iter().enumerate().filter(|(_, g)| !g.is_done());
            open.min_by_key(|(_, g)| g.job.done()).map(|(index, _)| index)
        });
        if let Some(group) = next.map(|index| &mut self.groups[index]) {
            group.job.advance_steps(group.slice)?;
            group.units_done += 1;
        } else if let Some(flow) = self.flow.as_mut().filter(|flow| !flow.is_done()) {
            flow.advance();
        }
        Ok(self.is_done())
    }

    /// Units done.
    pub fn done(&self) -> usize {
        let runs: usize = self.groups.iter().map(|g| g.units_done).sum();
        runs + self.flow.as_ref().map_or(0, |flow| flow.done)
    }

    /// Units in all.
    pub fn total(&self) -> usize {
        let runs: usize = self.groups.iter().map(Group::total).sum();
        runs + self.flow.as_ref().map_or(0, Flow::total)
    }

    /// Whether every unit is done.
    pub fn is_done(&self) -> bool {
        self.done() >= self.total()
    }

    /// The evidence so far, and the verdicts once complete.
    pub fn result(&self) -> ClaimResult {
        let (measure, unit) = match self.id {
            ClaimId::Dying => ("dead neurons, ReLU − Leaky ReLU", "neurons"),
            ClaimId::Oscillation => (
                "which network oscillates more, run by run: +1 ReLU, −1 Leaky ReLU, 0 tie (diverged = most)",
                "",
            ),
            ClaimId::Noise => {
                ("train − test accuracy gap, ReLU − Leaky ReLU, at label noise > 0", "accuracy points")
            }
        };
        let groups: Vec<ClaimGroup> = self.groups.iter().map(|g| self.group_result(g)).collect();
        let pooled: Vec<f64> = groups
            .iter()
            .filter(|g| self.id != ClaimId::Noise || g.key > 0.0)
            .flat_map(|g| g.differences.iter().copied())
            .collect();
        let interval = paired_interval(&pooled);
        let done = self.is_done();
        ClaimResult {
            id: self.id,
            done: self.done(),
            total: self.total(),
            verdict: done.then(|| verdict(&interval, 1.0)),
            effect: Effect { measure, unit, claimed_sign: 1.0, interval },
            groups,
            gradient: self.flow.as_ref().map(Flow::evidence),
        }
    }

    /// One group's values, paired measure and verdict.
    fn group_result(&self, group: &Group) -> ClaimGroup {
        let result: &RepeatResult = group.job.result();
        let metrics: Vec<&'static str> = match self.id {
            ClaimId::Dying => vec!["dead", "inactive", "testAccuracy", "diverged"],
            ClaimId::Oscillation => vec!["oscillation", "diverged", "trainLoss", "testAccuracy"],
            ClaimId::Noise => vec!["gap", "testAccuracy", "trainAccuracy", "diverged"],
        };
        let values = |side: &SideMetrics| -> Vec<Vec<f64>> {
            metrics
                .iter()
                .map(|id| if *id == "gap" { gap(side) } else { side.by_id(id).unwrap_or(&[]).to_vec() })
                .collect()
        };
        let (relu, other) = (&result.relu, &result.other);
        let differences: Vec<f64> = match self.id {
            ClaimId::Dying => relu.dead.iter().zip(&other.dead).map(|(r, o)| r - o).collect(),
            ClaimId::Oscillation => {
                (0..result.seeds.len()).map(|i| oscillation_score(relu, other, i)).collect()
            }
            ClaimId::Noise => gap(relu).iter().zip(gap(other)).map(|(r, o)| r - o).collect(),
        };
        let interval = paired_interval(&differences);
        ClaimGroup {
            key: group.key,
            label: group.label.clone(),
            relu: values(relu),
            other: values(other),
            metrics,
            differences,
            interval,
            verdict: group.job.is_done().then(|| verdict(&interval, 1.0)),
        }
    }
}

/// Train − test accuracy per seed (NaN for a diverged run).
fn gap(side: &SideMetrics) -> Vec<f64> {
    side.train_accuracy.iter().zip(&side.test_accuracy).map(|(train, test)| train - test).collect()
}

/// sign(oscillation ReLU − oscillation other) of run `index`, a diverged run counting as +∞.
pub fn oscillation_score(relu: &SideMetrics, other: &SideMetrics, index: usize) -> f64 {
    let level = |side: &SideMetrics| {
        if side.diverged[index] > 0.0 {
            f64::INFINITY
        } else {
            side.oscillation[index]
        }
    };
    let (r, o) = (level(relu), level(other));
    if r == o {
        0.0
    } else if r > o {
        1.0
    } else if r < o {
        -1.0
    } else {
        f64::NAN
    }
}

impl Flow {
    fn new() -> Result<Flow, LabError> {
        let p = DYING.gradient;
        let configs: Vec<GradientFlowConfig> = p
            .series
            .iter()
            .map(|&(_, ref activation, init)| GradientFlowConfig {
                activation: activation.clone(),
                depth: p.depth,
                width: p.width,
                init,
                bias_init: 0.0,
                dataset: p.dataset,
                points: p.points,
                noise: p.noise,
                seeds: p.seeds,
                seed: p.seed,
            })
            .collect();
        let data = configs[0].training_set()?;
        let labels = p.series.iter().map(|s| s.0).collect();
        Ok(Flow { norms: vec![vec![]; configs.len()], configs, labels, data, done: 0 })
    }

    fn total(&self) -> usize {
        self.configs.len() * self.configs[0].seeds as usize
    }

    fn is_done(&self) -> bool {
        self.done >= self.total()
    }

    /// The next network: seed-major, so every series has the same seeds done.
    fn advance(&mut self) {
        let series = self.done % self.configs.len();
        let seed = self.configs[series].seed + (self.done / self.configs.len()) as u64;
        self.norms[series].push(flow_norms(&self.configs[series], &self.data, seed));
        self.done += 1;
    }

    fn evidence(&self) -> GradientEvidence {
        let depth = self.configs[0].depth;
        let series = self
            .configs
            .iter()
            .zip(&self.labels)
            .zip(&self.norms)
            .map(|((config, &label), norms)| GradientSeries {
                label,
                activation: config.activation.id(),
                grad_norm: (0..depth).map(|l| median(norms.iter().map(|n| n[l]).collect())).collect(),
            })
            .collect();
        // Series 0 is ReLU, 1 Leaky ReLU, with the same init seeds: compare their first layers.
        let ratios: Vec<f64> = self.norms[1]
            .iter()
            .zip(&self.norms[0])
            .map(|(leaky, relu)| (leaky[0] / relu[0]).log10())
            .collect();
        let interval = paired_interval(&ratios);
        GradientEvidence { depth, series, interval, verdict: self.is_done().then(|| verdict(&interval, 1.0)) }
    }
}
