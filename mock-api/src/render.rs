//! JSON bodies the mock answers with: the list response and its job objects, the detail
//! and create answers (with the fields that depend on the request: project ID, schedule,
//! remaining time), the bare success envelope and error bodies.

use serde::Serialize;

use crate::data::{PROJECT_ID_PLACEHOLDER, STATUS_RUNNING};
use crate::list::Page;
use crate::store::JobView;

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
struct DetailBody<'a> {
    is_success: bool,
    job_id: u64,
    job_name: &'a str,
    job_desc: &'a str,
    status: i64,
    create_time: i64,
    duration: i64,
    service_url: String,
    train_url: &'a str,
    resource_id: &'a str,
    remaining_duration: Option<i64>,
    job_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule: Option<Vec<DetailScheduleBody>>,
}

/// The create docs' spelling (`time_unit`), where the list sample has `timeUnit`.
#[derive(Serialize)]
struct DetailScheduleBody {
    #[serde(rename = "type")]
    kind: &'static str,
    time_unit: &'static str,
    duration: i64,
}

#[derive(Serialize)]
struct CreatedBody<'a> {
    is_success: bool,
    job_id: u64,
    job_name: &'a str,
    status: i64,
    create_time: i64,
    service_url: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    is_success: bool,
    error_code: &'a str,
    error_message: &'a str,
}

/// The success body for one page; `store_size` is the number of jobs in the whole store.
pub fn list_body(page: &Page<'_, JobView>, store_size: usize, project_id: &str) -> String {
    let body = ListBody {
        is_success: true,
        job_total_count: page.total,
        job_count_limit: MAX_JOBS_PER_PROJECT.saturating_sub(store_size),
        quotas: QUOTAS,
        jobs: page
            .jobs
            .iter()
            .map(|view| job_body(view, project_id))
            .collect(),
    };
    serde_json::to_string(&body).expect("list body serializes")
}

fn job_body<'a>(view: &'a JobView, project_id: &str) -> JobBody<'a> {
    let job = &view.job;
    JobBody {
        job_id: job.job_id,
        job_name: &job.job_name,
        status: job.status,
        create_time: job.create_time,
        duration: job.duration,
        job_desc: &job.job_desc,
        service_url: job.service_url.replace(PROJECT_ID_PLACEHOLDER, project_id),
        train_url: &job.train_url,
        resource_id: &job.resource_id,
        schedule: view
            .schedule_hours
            .map(|hours| ScheduleBody {
                kind: "stop",
                time_unit: "HOURS",
                duration: hours,
            })
            .into_iter()
            .collect(),
        remaining_duration: remaining_seconds(view),
    }
}

/// Seconds until the automatic stop; only a running job with a stop schedule has one.
fn remaining_seconds(view: &JobView) -> Option<i64> {
    match view.schedule_hours {
        Some(hours) if view.job.status == STATUS_RUNNING => {
            Some((hours * 3600 - view.job.duration / 1000).max(0))
        }
        _ => None,
    }
}

/// The detail endpoint's flat object: the envelope and the job's fields side by side, plus
/// the extras real responses may carry (`job_type`, `schedule` with `time_unit`).
pub fn detail_body(view: &JobView, project_id: &str) -> String {
    let job = &view.job;
    let body = DetailBody {
        is_success: true,
        job_id: job.job_id,
        job_name: &job.job_name,
        job_desc: &job.job_desc,
        status: job.status,
        create_time: job.create_time,
        duration: job.duration,
        service_url: job.service_url.replace(PROJECT_ID_PLACEHOLDER, project_id),
        train_url: &job.train_url,
        resource_id: &job.resource_id,
        remaining_duration: remaining_seconds(view),
        job_type: view.job_type.as_str(),
        schedule: view.schedule_hours.map(|hours| {
            vec![DetailScheduleBody {
                kind: "stop",
                time_unit: "HOURS",
                duration: hours,
            }]
        }),
    };
    serde_json::to_string(&body).expect("detail body serializes")
}

/// The create endpoint's success body (numbers as the docs' table types them).
pub fn created_body(view: &JobView, project_id: &str) -> String {
    let job = &view.job;
    let body = CreatedBody {
        is_success: true,
        job_id: job.job_id,
        job_name: &job.job_name,
        status: job.status,
        create_time: job.create_time,
        service_url: job.service_url.replace(PROJECT_ID_PLACEHOLDER, project_id),
    };
    serde_json::to_string(&body).expect("create body serializes")
}

/// `{"is_success": true}`: the whole answer of edit, delete, stop and restart.
pub const SUCCESS_BODY: &str = r#"{"is_success":true}"#;

/// `{"is_success": false, "error_code": .., "error_message": ..}`
pub fn error_body(error_code: &str, error_message: &str) -> String {
    serde_json::to_string(&ErrorBody {
        is_success: false,
        error_code,
        error_message,
    })
    .expect("error body serializes")
}
