//! The job store's record type and the deterministic demo data set.

use crate::words::{BUCKETS, LONG_DESCRIPTIONS, MODELS, SHORT_DESCRIPTIONS, TOOLS};

/// Stands for the request's project ID inside a stored `service_url`; the list handler
/// substitutes it, so one data set serves every project ID a client asks for.
pub const PROJECT_ID_PLACEHOLDER: &str = "{project_id}";

/// Status code of a running job: its duration is computed per request, so it grows.
pub const STATUS_RUNNING: i64 = 8;

/// Every status code ModelArts defines for visualization jobs.
pub const ALL_STATUS_CODES: std::ops::RangeInclusive<i64> = 0..=22;

const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 60 * MINUTE_MS;
const DAY_MS: i64 = 24 * HOUR_MS;

/// One visualization job as the mock stores it. Fields mirror the API's job object;
/// `schedule` and `remaining_duration` are derived when answering (see
/// [`stop_schedule_hours`]; a job created through the API keeps the schedule it was
/// created with, and its `job_type`, beside this record).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoJob {
    pub job_id: u64,
    pub job_name: String,
    pub status: i64,
    /// Epoch milliseconds.
    pub create_time: i64,
    /// Milliseconds. Ignored for running jobs, whose duration is computed per request.
    pub duration: i64,
    pub job_desc: String,
    /// May contain [`PROJECT_ID_PLACEHOLDER`], replaced by the request's project ID.
    pub service_url: String,
    pub train_url: String,
    pub resource_id: String,
}

/// The tool a visualization job runs (`job_type` of create and detail).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobType {
    TensorBoard,
    MindInsight,
}

impl JobType {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            JobType::TensorBoard => "tensorboard",
            JobType::MindInsight => "mindinsight",
        }
    }

    /// For jobs that were not created through the API (demo data, injected stores), which
    /// carry no type: their names say it, as in `mindinsight-bert-squad-03`.
    pub fn guess_from_name(job_name: &str) -> JobType {
        if job_name.starts_with("mindinsight") {
            JobType::MindInsight
        } else {
            JobType::TensorBoard
        }
    }
}

/// The automatic-stop schedule of a job, in hours, or `None` for a job without one.
///
/// Derived from the job ID (so injected jobs get one too, and `DemoJob` stays a plain
/// record): about five in eight jobs have a stop schedule of 1, 2, 4, 24 or 72 hours.
pub fn stop_schedule_hours(job_id: u64) -> Option<i64> {
    match splitmix64(job_id ^ 0x5C4E_D01E) % 8 {
        0..=2 => None,
        3 => Some(1),
        4 => Some(2),
        5 => Some(4),
        6 => Some(24),
        _ => Some(72),
    }
}

/// Status kinds as `status.md` defines them; they decide the demo job's duration.
fn is_pending_or_unknown(status: i64) -> bool {
    matches!(status, 0 | 1 | 2 | 4 | 7 | 9 | 15 | 18 | 19)
}

/// Failures that happen before the job ever runs, so their duration is zero.
fn never_ran(status: i64) -> bool {
    matches!(status, 3 | 5 | 22)
}

/// `n` demo jobs with IDs `1..=n`, created before `now_ms` (ID 1 oldest).
///
/// Deterministic for a given `(n, now_ms)`; every status code 0..=22 appears when
/// `n >= 23`, with running (8) and completed (10) the most common.
pub fn demo_jobs(n: usize, now_ms: i64) -> Vec<DemoJob> {
    let mut rng = Rng::new(0x00C0_FFEE_2024);

    // Ages skewed towards recent (cubed uniform), sorted so job IDs grow with creation time.
    let mut ages_ms: Vec<i64> = (0..n)
        .map(|_| {
            let u = rng.unit();
            5 * MINUTE_MS + (u * u * u * (45 * DAY_MS) as f64) as i64
        })
        .collect();
    ages_ms.sort_unstable_by(|a, b| b.cmp(a));

    let ids: Vec<u64> = (1..=n as u64).collect();
    let mut statuses: Vec<i64> = ids
        .iter()
        .zip(&ages_ms)
        .map(|(&id, &age)| pick_status(&mut rng, may_be_running(id, age)))
        .collect();
    ensure_every_status(&mut statuses, &ids, &ages_ms);

    ids.iter()
        .zip(&ages_ms)
        .zip(&statuses)
        .map(|((&id, &age), &status)| make_job(&mut rng, id, status, now_ms - age, age))
        .collect()
}

/// A job with an automatic stop cannot still be running after its stop time.
fn may_be_running(job_id: u64, age_ms: i64) -> bool {
    match stop_schedule_hours(job_id) {
        Some(hours) => age_ms < hours * HOUR_MS,
        None => age_ms < 14 * DAY_MS,
    }
}

/// Weighted status choice: mostly running and completed, every other code now and then.
fn pick_status(rng: &mut Rng, running_allowed: bool) -> i64 {
    const WEIGHTS: &[(i64, u32)] = &[
        (0, 1),
        (1, 2),
        (2, 1),
        (3, 1),
        (4, 1),
        (5, 1),
        (6, 1),
        (7, 3),
        (8, 40),
        (9, 1),
        (10, 24),
        (11, 5),
        (12, 8),
        (13, 3),
        (14, 1),
        (15, 1),
        (16, 1),
        (17, 1),
        (18, 1),
        (19, 1),
        (20, 2),
        (21, 1),
        (22, 1),
    ];
    let usable = |&&(code, _): &&(i64, u32)| running_allowed || code != STATUS_RUNNING;
    let total: u32 = WEIGHTS.iter().filter(usable).map(|&(_, w)| w).sum();
    let mut ticket = rng.below(u64::from(total)) as u32;
    for &(code, weight) in WEIGHTS.iter().filter(usable) {
        if ticket < weight {
            return code;
        }
        ticket -= weight;
    }
    10
}

/// Rare codes may not come up by chance: put each missing one in place of a surplus job
/// (preferably a running/completed/canceled one), spread over the ID range.
fn ensure_every_status(statuses: &mut [i64], ids: &[u64], ages_ms: &[i64]) {
    let n = statuses.len();
    if n == 0 {
        return;
    }
    let count = |statuses: &[i64], code: i64| statuses.iter().filter(|&&s| s == code).count();
    for code in ALL_STATUS_CODES {
        if count(statuses, code) > 0 {
            continue;
        }
        let start = (code as usize * n) / 23;
        let order = || (0..n).map(|k| (start + k) % n);
        let surplus = |statuses: &[i64], i: usize| count(statuses, statuses[i]) > 1;
        // A running job must still be within its stop schedule; the 14-day limit on
        // unscheduled running jobs is only a preference.
        let fits = |i: usize, strict: bool| {
            code != STATUS_RUNNING
                || if strict {
                    may_be_running(ids[i], ages_ms[i])
                } else {
                    stop_schedule_hours(ids[i]).is_none_or(|h| ages_ms[i] < h * HOUR_MS)
                }
        };
        let slot = order()
            .find(|&i| matches!(statuses[i], 8 | 10 | 12) && surplus(statuses, i) && fits(i, true))
            .or_else(|| order().find(|&i| surplus(statuses, i) && fits(i, true)))
            .or_else(|| order().find(|&i| surplus(statuses, i) && fits(i, false)));
        if let Some(i) = slot {
            statuses[i] = code;
        }
    }
}

fn make_job(rng: &mut Rng, job_id: u64, status: i64, create_time: i64, age_ms: i64) -> DemoJob {
    let tool = pick(rng, TOOLS);
    let (model, tasks) = MODELS[rng.below(MODELS.len() as u64) as usize];
    let task = pick(rng, tasks);
    // Run numbers sometimes zero-padded, as people name things inconsistently.
    let run = rng.below(30) + 1;
    let job_name = if rng.below(2) == 0 {
        format!("{tool}-{model}-{task}-{run:02}")
    } else {
        format!("{tool}-{model}-{task}-{run}")
    };

    let job_desc = match rng.below(10) {
        0 | 1 => String::new(),
        2 | 3 => fill(pick(rng, LONG_DESCRIPTIONS), model, task),
        _ => fill(pick(rng, SHORT_DESCRIPTIONS), model, task),
    };

    let duration = if status == STATUS_RUNNING {
        age_ms
    } else if is_pending_or_unknown(status) || never_ran(status) {
        0
    } else {
        match (status, stop_schedule_hours(job_id)) {
            // Canceled by its own stop schedule: ran exactly as long as scheduled.
            (12, Some(hours)) if age_ms >= hours * HOUR_MS => hours * HOUR_MS,
            _ => {
                let longest = age_ms.clamp(MINUTE_MS, 3 * DAY_MS);
                MINUTE_MS + rng.below(longest as u64) as i64
            }
        }
    };

    DemoJob {
        job_id,
        job_name,
        status,
        create_time,
        duration: duration.min(age_ms),
        job_desc,
        service_url: format!(
            "https://console.example.com/modelarts/tensorboard/{PROJECT_ID_PLACEHOLDER}/{job_id}/"
        ),
        train_url: format!("/obs/{}/{model}/{task}/run-{run:02}/", pick(rng, BUCKETS)),
        resource_id: uuid_like(job_id),
    }
}

fn fill(template: &str, model: &str, task: &str) -> String {
    template.replace("{model}", model).replace("{task}", task)
}

fn pick<'a>(rng: &mut Rng, words: &[&'a str]) -> &'a str {
    words[rng.below(words.len() as u64) as usize]
}

/// A UUID-shaped (8-4-4-4-12 hex) billing resource ID derived from the job ID.
pub(crate) fn uuid_like(job_id: u64) -> String {
    let hi = splitmix64(job_id.wrapping_mul(2) + 1);
    let lo = splitmix64(hi ^ job_id);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xfff,
        0x8000 | ((lo >> 48) & 0x3fff),
        lo & 0xffff_ffff_ffff
    )
}

/// SplitMix64 finalizer: a good 64-bit mix for deriving values from IDs.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Small deterministic generator (SplitMix64 sequence); the demo must not depend on `rand`.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        splitmix64(self.0)
    }

    /// Uniform in `0..bound` (`bound > 0`); modulo bias is irrelevant here.
    fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_750_000_000_000;

    #[test]
    fn deterministic() {
        assert_eq!(demo_jobs(150, NOW), demo_jobs(150, NOW));
    }

    #[test]
    fn every_status_code_appears() {
        let jobs = demo_jobs(150, NOW);
        for code in ALL_STATUS_CODES {
            assert!(
                jobs.iter().any(|j| j.status == code),
                "status {code} missing"
            );
        }
        let running = jobs.iter().filter(|j| j.status == 8).count();
        let completed = jobs.iter().filter(|j| j.status == 10).count();
        assert!(
            running >= 20 && completed >= 15,
            "{running} running, {completed} done"
        );
    }

    #[test]
    fn every_status_code_appears_in_small_sets() {
        for n in [23, 30, 50] {
            let jobs = demo_jobs(n, NOW);
            for code in ALL_STATUS_CODES {
                assert!(
                    jobs.iter().any(|j| j.status == code),
                    "n={n}: {code} missing"
                );
            }
        }
    }

    #[test]
    fn fields_are_well_formed() {
        let jobs = demo_jobs(150, NOW);
        let ids: Vec<u64> = jobs.iter().map(|j| j.job_id).collect();
        assert_eq!(ids, (1..=150).collect::<Vec<_>>());
        for job in &jobs {
            assert!(job
                .job_name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert!(job.create_time < NOW);
            assert!(job.duration >= 0 && job.duration <= NOW - job.create_time);
            assert!(job.train_url.starts_with("/obs/") && job.train_url.ends_with('/'));
            let parts: Vec<usize> = job.resource_id.split('-').map(str::len).collect();
            assert_eq!(parts, [8, 4, 4, 4, 12]);
            if is_pending_or_unknown(job.status) {
                assert_eq!(job.duration, 0);
            }
        }
        assert!(jobs.iter().any(|j| j.job_desc.is_empty()));
        assert!(jobs.iter().any(|j| j.job_desc.chars().count() > 120));
        let mut resource_ids: Vec<&str> = jobs.iter().map(|j| j.resource_id.as_str()).collect();
        resource_ids.sort_unstable();
        resource_ids.dedup();
        assert_eq!(resource_ids.len(), 150);
    }

    #[test]
    fn running_jobs_are_within_their_stop_schedule() {
        for job in demo_jobs(150, NOW).iter().filter(|j| j.status == 8) {
            if let Some(hours) = stop_schedule_hours(job.job_id) {
                assert!(NOW - job.create_time < hours * HOUR_MS);
            }
        }
    }
}
