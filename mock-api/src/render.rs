//! JSON bodies the mock answers with: the list response, its job objects (with the fields
//! that depend on the request: running duration, project ID, schedule) and error bodies.

use serde::Serialize;

use crate::data::{stop_schedule_hours, DemoJob, PROJECT_ID_PLACEHOLDER, STATUS_RUNNING};
use crate::list::Page;

/// The most visualization jobs that may run at once, as reported in `quotas`.
pub const QUOTAS: u64 = 10;
/// Jobs a project may hold; `job_count_limit` is what is left of it.
pub const MAX_JOBS_PER_PROJECT: usize = 200;

#[derive(Serialize)]
struct ListBody<'a> {
    is_success: bool,
    job_total_count: usize,
    job_count_limit: usize,
    quotas: u64,
    jobs: Vec<JobBody<'a>>,
}

#[derive(Serialize)]
struct JobBody<'a> {
    job_id: u64,
    job_name: &'a str,
    status: i64,
    create_time: i64,
    duration: i64,
    job_desc: &'a str,
    service_url: String,
    train_url: &'a str,
    resource_id: &'a str,
    schedule: Vec<ScheduleBody>,
    /// Seconds until the automatic stop; null unless running with a stop schedule.
    remaining_duration: Option<i64>,
}

#[derive(Serialize)]
struct ScheduleBody {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "timeUnit")]
    time_unit: &'static str,
    duration: i64,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    is_success: bool,
    error_code: &'a str,
    error_message: &'a str,
}

/// The success body for one page; `store_size` is the number of jobs in the whole store.
pub fn list_body(page: &Page<'_>, store_size: usize, project_id: &str, now_ms: i64) -> String {
    let body = ListBody {
        is_success: true,
        job_total_count: page.total,
        job_count_limit: MAX_JOBS_PER_PROJECT.saturating_sub(store_size),
        quotas: QUOTAS,
        jobs: page
            .jobs
            .iter()
            .map(|job| job_body(job, project_id, now_ms))
            .collect(),
    };
    serde_json::to_string(&body).expect("list body serializes")
}

fn job_body<'a>(job: &'a DemoJob, project_id: &str, now_ms: i64) -> JobBody<'a> {
    let running = job.status == STATUS_RUNNING;
    // A running job's duration is "so far", so it grows from one request to the next.
    let duration = if running {
        (now_ms - job.create_time).max(0)
    } else {
        job.duration
    };
    let stop_hours = stop_schedule_hours(job.job_id);
    let remaining_duration = match stop_hours {
        Some(hours) if running => Some((hours * 3600 - duration / 1000).max(0)),
        _ => None,
    };
    JobBody {
        job_id: job.job_id,
        job_name: &job.job_name,
        status: job.status,
        create_time: job.create_time,
        duration,
        job_desc: &job.job_desc,
        service_url: job.service_url.replace(PROJECT_ID_PLACEHOLDER, project_id),
        train_url: &job.train_url,
        resource_id: &job.resource_id,
        schedule: stop_hours
            .map(|hours| ScheduleBody {
                kind: "stop",
                time_unit: "HOURS",
                duration: hours,
            })
            .into_iter()
            .collect(),
        remaining_duration,
    }
}

/// `{"is_success": false, "error_code": .., "error_message": ..}`
pub fn error_body(error_code: &str, error_message: &str) -> String {
    serde_json::to_string(&ErrorBody {
        is_success: false,
        error_code,
        error_message,
    })
    .expect("error body serializes")
}
