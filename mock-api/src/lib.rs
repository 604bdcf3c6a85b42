//! Local stand-in for Huawei Cloud ModelArts' `GET /v1/{project_id}/visualization-jobs`,
//! serving deterministic demo data (and optionally the built console) for the demo and
//! for in-process browser end-to-end tests.

mod data;
mod list;
mod query;
mod render;
mod server;
mod site;
mod words;

pub use data::{
    demo_jobs, stop_schedule_hours, DemoJob, ALL_STATUS_CODES, PROJECT_ID_PLACEHOLDER,
    STATUS_RUNNING,
};
pub use render::{MAX_JOBS_PER_PROJECT, QUOTAS};
pub use server::{now_ms, Fault, Options, Server, LIST_PATH, TOKEN_HEADER};
pub use site::DEFAULT_CONFIG_JSON;
