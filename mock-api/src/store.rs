//! The job store and its asynchronous state machines (stop, restart, delete, create).
//!
//! Nothing runs in the background: an accepted action records the transitions it will go
//! through with their due times, and every request first applies the ones that are due
//! ([`Store::advance`]). So what a request sees depends only on the clock it reads, list and
//! detail always agree, and the logic is tested here with a clock the test sets.

use crate::actions::Action;
use crate::data::{stop_schedule_hours, uuid_like, DemoJob, JobType, PROJECT_ID_PLACEHOLDER};
use crate::validate::NewJob;

pub const STATUS_INITIALIZING: i64 = 1;
pub const STATUS_QUEUING: i64 = 7;
pub const STATUS_RUNNING: i64 = crate::data::STATUS_RUNNING;
pub const STATUS_CANCELING: i64 = 9;
pub const STATUS_CANCELED: i64 = 12;

/// A job as a request sees it at one moment: the record with its duration worked out,
/// plus what the API reports beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobView {
    /// `duration` is the time run so far at the moment of the view.
    pub job: DemoJob,
    pub job_type: JobType,
    pub schedule_hours: Option<i64>,
}

impl std::borrow::Borrow<DemoJob> for JobView {
    fn borrow(&self) -> &DemoJob {
        &self.job
    }
}

/// Why an action on a job was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No job with this ID (`ModelArts.0102`).
    NotFound,
    /// Not allowed in the job's current status (`ModelArts.0105`).
    Status { action: Action, status: i64 },
    /// The name is taken (`ModelArts.0103`).
    DuplicateName,
    /// The project holds the most jobs it may (`ModelArts.0106`).
    Full,
}

/// A transition due at a moment.
#[derive(Clone, Copy, Debug)]
struct Step {
    at_ms: i64,
    change: Change,
}

#[derive(Clone, Copy, Debug)]
enum Change {
    /// A status that does not run (queuing, canceled); duration stays as it is.
    Status(i64),
    /// Starts running: status 8, duration counted from the step's due time.
    Run,
}

#[derive(Clone, Debug)]
struct Entry {
    /// `status` is the current one; `duration` is only read when not running.
    job: DemoJob,
    job_type: JobType,
    schedule_hours: Option<i64>,
    /// When the current run started (running jobs only).
    running_since: Option<i64>,
    /// Transitions still to come, oldest first.
    steps: Vec<Step>,
    /// When an accepted delete takes the job away.
    delete_at: Option<i64>,
}

impl Entry {
    /// A job that was not created through the API: its type and schedule are derived, and
    /// a running one has been running since it was created (as the demo data assumes).
    fn from_record(job: DemoJob) -> Entry {
        Entry {
            job_type: JobType::guess_from_name(&job.job_name),
            schedule_hours: stop_schedule_hours(job.job_id),
            running_since: (job.status == STATUS_RUNNING).then_some(job.create_time),
            steps: Vec::new(),
            delete_at: None,
            job,
        }
    }

    fn duration_at(&self, now_ms: i64) -> i64 {
        match self.running_since {
            Some(since) if self.job.status == STATUS_RUNNING => (now_ms - since).max(0),
            _ => self.job.duration,
        }
    }

    fn view(&self, now_ms: i64) -> JobView {
        let mut job = self.job.clone();
        job.duration = self.duration_at(now_ms);
        JobView {
            job,
            job_type: self.job_type,
            schedule_hours: self.schedule_hours,
        }
    }

    fn apply_due(&mut self, now_ms: i64) {
        let due = self.steps.iter().take_while(|s| s.at_ms <= now_ms).count();
        for step in self.steps.drain(..due) {
            match step.change {
                Change::Status(status) => {
                    self.job.status = status;
                    self.running_since = None;
                }
                Change::Run => {
                    self.job.status = STATUS_RUNNING;
                    self.job.duration = 0;
                    self.running_since = Some(step.at_ms);
                }
            }
        }
    }

    /// Initializing now, then queuing after one step, then running after another: the
    /// path of a new job and of a restarted one.
    fn start_up(&mut self, now_ms: i64, step_ms: i64) {
        self.job.status = STATUS_INITIALIZING;
        self.job.duration = 0;
        self.running_since = None;
        self.steps = vec![
            Step {
                at_ms: now_ms + step_ms,
                change: Change::Status(STATUS_QUEUING),
            },
            Step {
                at_ms: now_ms + 2 * step_ms,
                change: Change::Run,
            },
        ];
    }
}

/// Every job of the (one) project, in ID order as far as creation keeps it.
#[derive(Debug, Default)]
pub struct Store {
    entries: Vec<Entry>,
    /// The highest ID ever stored: new IDs go above it, so a deleted job's ID never comes
    /// back (a client may still hold it).
    highest_id: u64,
    /// Length of each asynchronous phase, in milliseconds.
    step_ms: i64,
}

impl Store {
    pub fn new(jobs: Vec<DemoJob>, step_ms: i64) -> Store {
        let mut store = Store {
            step_ms,
            ..Store::default()
        };
        store.replace(jobs);
        store
    }

    /// Replaces every job; pending transitions are forgotten.
    pub fn replace(&mut self, jobs: Vec<DemoJob>) {
        self.highest_id = jobs.iter().map(|j| j.job_id).max().unwrap_or(0);
        self.entries = jobs.into_iter().map(Entry::from_record).collect();
    }

    /// Applies every transition due by `now_ms` (and every delete), in time order per job.
    pub fn advance(&mut self, now_ms: i64) {
        for entry in &mut self.entries {
            entry.apply_due(now_ms);
        }
        self.entries
            .retain(|entry| entry.delete_at.is_none_or(|at| at > now_ms));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Every job as seen at `now_ms` (call [`Store::advance`] first).
    pub fn views(&self, now_ms: i64) -> Vec<JobView> {
        self.entries.iter().map(|e| e.view(now_ms)).collect()
    }

    pub fn view(&self, job_id: u64, now_ms: i64) -> Option<JobView> {
        self.find(job_id).map(|i| self.entries[i].view(now_ms))
    }

    fn find(&self, job_id: u64) -> Option<usize> {
        self.entries.iter().position(|e| e.job.job_id == job_id)
    }

    /// The entry of `job_id` if `action` is allowed in its status.
    fn allowed(&mut self, job_id: u64, action: Action) -> Result<&mut Entry, Refusal> {
        let entry = self
            .find(job_id)
            .map(|i| &mut self.entries[i])
            .ok_or(Refusal::NotFound)?;
        let status = entry.job.status;
        if action.allowed_in(status) {
            Ok(entry)
        } else {
            Err(Refusal::Status { action, status })
        }
    }

    /// Canceling now with the duration frozen at what it ran, canceled after one step.
    /// Replaces any start-up still under way.
    pub fn stop(&mut self, job_id: u64, now_ms: i64) -> Result<(), Refusal> {
        let step_ms = self.step_ms;
        let entry = self.allowed(job_id, Action::Stop)?;
        entry.job.duration = entry.duration_at(now_ms);
        entry.job.status = STATUS_CANCELING;
        entry.running_since = None;
        entry.steps = vec![Step {
            at_ms: now_ms + step_ms,
            change: Change::Status(STATUS_CANCELED),
        }];
        Ok(())
    }

    /// Initializing now, queuing after one step, running after two (with a fresh
    /// duration, and its stop schedule counting from then).
    pub fn restart(&mut self, job_id: u64, now_ms: i64) -> Result<(), Refusal> {
        let step_ms = self.step_ms;
        self.allowed(job_id, Action::Restart)?
            .start_up(now_ms, step_ms);
        Ok(())
    }

    /// The job stays as it is for one step, then it is gone. A second delete meanwhile is
    /// accepted and changes nothing.
    pub fn delete(&mut self, job_id: u64, now_ms: i64) -> Result<(), Refusal> {
        let at = now_ms + self.step_ms;
        let entry = self.allowed(job_id, Action::Delete)?;
        entry.delete_at = Some(entry.delete_at.map_or(at, |earlier| earlier.min(at)));
        Ok(())
    }

    /// Synchronous: the new description shows at once.
    pub fn edit(&mut self, job_id: u64, job_desc: String) -> Result<(), Refusal> {
        let i = self.find(job_id).ok_or(Refusal::NotFound)?;
        self.entries[i].job.job_desc = job_desc;
        Ok(())
    }

    /// Adds a job that starts up like a restarted one; returns it as seen now.
    /// A taken name is checked before the limit: it is the more specific mistake.
    pub fn create(
        &mut self,
        new: NewJob,
        max_jobs: usize,
        now_ms: i64,
    ) -> Result<JobView, Refusal> {
        if self.entries.iter().any(|e| e.job.job_name == new.job_name) {
            return Err(Refusal::DuplicateName);
        }
        if self.entries.len() >= max_jobs {
            return Err(Refusal::Full);
        }
        self.highest_id += 1;
        let job_id = self.highest_id;
        let mut entry = Entry {
            job: DemoJob {
                job_id,
                job_name: new.job_name,
                status: STATUS_INITIALIZING,
                create_time: now_ms,
                duration: 0,
                job_desc: new.job_desc,
                service_url: format!(
                    "https://console.example.com/modelarts/{}/{PROJECT_ID_PLACEHOLDER}/{job_id}/",
                    new.job_type.as_str()
                ),
                train_url: new.train_url,
                resource_id: uuid_like(job_id),
            },
            job_type: new.job_type,
            schedule_hours: new.schedule_hours,
            running_since: None,
            steps: Vec::new(),
            delete_at: None,
        };
        entry.start_up(now_ms, self.step_ms);
        let view = entry.view(now_ms);
        self.entries.push(entry);
        Ok(view)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_750_000_000_000;
    const STEP: i64 = 1000;

    fn record(job_id: u64, status: i64) -> DemoJob {
        DemoJob {
            job_id,
            job_name: format!("job-{job_id}"),
            status,
            create_time: T0 - 60_000,
            duration: 5000,
            job_desc: String::new(),
            service_url: String::new(),
            train_url: "/b/".into(),
            resource_id: String::new(),
        }
    }

    fn store(jobs: &[(u64, i64)]) -> Store {
        Store::new(jobs.iter().map(|&(id, s)| record(id, s)).collect(), STEP)
    }

    /// Status and duration of `job_id` after advancing to `now`.
    fn at(store: &mut Store, job_id: u64, now: i64) -> Option<(i64, i64)> {
        store.advance(now);
        store
            .view(job_id, now)
            .map(|v| (v.job.status, v.job.duration))
    }

    fn new_job(name: &str, schedule_hours: Option<i64>) -> NewJob {
        NewJob {
            job_name: name.into(),
            job_desc: "d".into(),
            train_url: "/b/".into(),
            job_type: JobType::MindInsight,
            schedule_hours,
        }
    }

    #[test]
    fn running_jobs_count_from_creation() {
        let mut s = store(&[(1, 8), (2, 10)]);
        assert_eq!(at(&mut s, 1, T0), Some((8, 60_000)));
        assert_eq!(at(&mut s, 1, T0 + 500), Some((8, 60_500)));
        assert_eq!(at(&mut s, 2, T0 + 500), Some((10, 5000)));
    }

    #[test]
    fn stop_cancels_after_one_step_with_the_duration_frozen() {
        let mut s = store(&[(1, 8)]);
        s.stop(1, T0).unwrap();
        assert_eq!(at(&mut s, 1, T0), Some((9, 60_000)));
        assert_eq!(at(&mut s, 1, T0 + STEP - 1), Some((9, 60_000)));
        assert_eq!(at(&mut s, 1, T0 + STEP), Some((12, 60_000)));
        assert_eq!(at(&mut s, 1, T0 + 10 * STEP), Some((12, 60_000)));
        assert_eq!(
            s.stop(1, T0 + 10 * STEP),
            Err(Refusal::Status {
                action: Action::Stop,
                status: 12
            })
        );
    }

    #[test]
    fn restart_goes_through_initializing_and_queuing_to_running() {
        let mut s = store(&[(1, 12)]);
        s.restart(1, T0).unwrap();
        assert_eq!(at(&mut s, 1, T0), Some((1, 0)));
        assert_eq!(at(&mut s, 1, T0 + STEP), Some((7, 0)));
        assert_eq!(at(&mut s, 1, T0 + 2 * STEP), Some((8, 0)));
        assert_eq!(at(&mut s, 1, T0 + 2 * STEP + 700), Some((8, 700)));
    }

    #[test]
    fn a_late_look_still_counts_running_from_when_it_started() {
        // No request during the phases: they are applied at once, each at its own time.
        let mut s = store(&[(1, 10)]);
        s.restart(1, T0).unwrap();
        assert_eq!(at(&mut s, 1, T0 + 5 * STEP), Some((8, 3 * STEP)));
    }

    #[test]
    fn stop_during_start_up_cancels_it() {
        let mut s = store(&[(1, 12)]);
        s.restart(1, T0).unwrap();
        assert_eq!(at(&mut s, 1, T0 + STEP), Some((7, 0)));
        s.stop(1, T0 + STEP).unwrap();
        assert_eq!(at(&mut s, 1, T0 + 2 * STEP), Some((12, 0)));
        assert_eq!(at(&mut s, 1, T0 + 5 * STEP), Some((12, 0)));
    }

    #[test]
    fn delete_takes_the_job_away_after_one_step() {
        let mut s = store(&[(1, 10), (2, 8)]);
        s.delete(1, T0).unwrap();
        assert_eq!(at(&mut s, 1, T0 + STEP - 1), Some((10, 5000)));
        s.delete(1, T0 + STEP - 1).unwrap();
        assert_eq!(at(&mut s, 1, T0 + STEP), None);
        assert_eq!(s.len(), 1);
        assert_eq!(s.delete(1, T0 + STEP), Err(Refusal::NotFound));
    }

    #[test]
    fn refusals_name_the_status() {
        let mut s = store(&[(1, 9), (2, 10), (3, 8)]);
        let refused = |action, status| Err(Refusal::Status { action, status });
        assert_eq!(s.delete(1, T0), refused(Action::Delete, 9));
        assert_eq!(s.stop(2, T0), refused(Action::Stop, 10));
        assert_eq!(s.restart(3, T0), refused(Action::Restart, 8));
        assert_eq!(s.restart(4, T0), Err(Refusal::NotFound));
        assert_eq!(at(&mut s, 1, T0 + 9 * STEP), Some((9, 5000)));
    }

    #[test]
    fn create_starts_up_with_a_fresh_id_and_its_own_schedule() {
        let mut s = store(&[(1, 10), (7, 8)]);
        let view = s.create(new_job("new", Some(3)), 10, T0).unwrap();
        assert_eq!((view.job.job_id, view.job.status), (8, 1));
        assert_eq!(view.job.create_time, T0);
        assert_eq!(view.schedule_hours, Some(3));
        assert_eq!(
            view.job.service_url,
            "https://console.example.com/modelarts/mindinsight/{project_id}/8/"
        );
        assert_eq!(at(&mut s, 8, T0 + STEP), Some((7, 0)));
        assert_eq!(at(&mut s, 8, T0 + 2 * STEP + 1), Some((8, 1)));

        // IDs are never reused, even when the highest one is deleted.
        s.delete(8, T0 + 3 * STEP).unwrap();
        s.advance(T0 + 4 * STEP);
        let view = s.create(new_job("newer", None), 10, T0 + 4 * STEP).unwrap();
        assert_eq!(view.job.job_id, 9);
    }

    #[test]
    fn create_refuses_a_taken_name_then_a_full_store() {
        let mut s = store(&[(1, 10), (2, 8)]);
        assert_eq!(
            s.create(new_job("job-1", None), 2, T0),
            Err(Refusal::DuplicateName)
        );
        assert_eq!(s.create(new_job("x", None), 2, T0), Err(Refusal::Full));
        assert!(s.create(new_job("x", None), 3, T0).is_ok());
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn edit_is_immediate() {
        let mut s = store(&[(1, 10)]);
        s.edit(1, "new words".into()).unwrap();
        assert_eq!(s.view(1, T0).unwrap().job.job_desc, "new words");
        assert_eq!(s.edit(2, String::new()), Err(Refusal::NotFound));
    }
}
