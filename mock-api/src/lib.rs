//! Local stand-in for Huawei Cloud ModelArts' visualization-jobs API, serving deterministic
//! demo data (and optionally the built console) for the demo and for in-process browser
//! end-to-end tests.
//!
//! It answers the list (`GET /v1/{project_id}/visualization-jobs`) and the six endpoints
//! beside it (`spec/actions.md`): detail, create, description edit, delete, stop and
//! restart. The asynchronous ones move jobs through their statuses in steps of
//! [`Options::action_step`]. Changes need `X-Requested-With: vizjobs`, as the gateway
//! will. Tests script faults per [`Route`] and read back what was sent.

mod actions;
mod data;
mod endpoints;
mod list;
mod query;
mod render;
mod server;
mod site;
mod store;
mod validate;
mod words;

pub use actions::{delete_allowed, restart_allowed, stop_allowed, Action};
pub use data::{
    demo_jobs, stop_schedule_hours, DemoJob, JobType, ALL_STATUS_CODES, PROJECT_ID_PLACEHOLDER,
    STATUS_RUNNING,
};
pub use render::{MAX_JOBS_PER_PROJECT, QUOTAS};
pub use server::{
    now_ms, Fault, Options, RecordedRequest, Route, Server, JOB_PATH, LIST_PATH,
    REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE, RESTART_PATH, STOP_PATH, TOKEN_HEADER,
};
pub use site::DEFAULT_CONFIG_JSON;
