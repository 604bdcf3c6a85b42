//! Edit, delete, stop and restart over real HTTP: the answers, the asynchronous status
//! changes as list and detail show them, and the refusals.

mod common;

use common::{
    change, get, job, job_path, listed, one_job_per_status, server_with_step, watch, LIST,
};
use mock_api::{delete_allowed, restart_allowed, stop_allowed, stop_schedule_hours};
use serde_json::json;

const OK: &str = r#"{"is_success":true}"#;

fn stop_path(job_id: u64) -> String {
    format!("{}/stop", job_path(job_id))
}

fn restart_path(job_id: u64) -> String {
    format!("{}/restart", job_path(job_id))
}

#[tokio::test]
async fn edit_changes_the_description_at_once() {
    let server = server_with_step(vec![job(1, "a", 8), job(2, "b", 10)], 60_000).await;
    let reply = change(
        &server,
        "PUT",
        &job_path(2),
        Some(r#"{"job_desc": "run 3, lr=0.01"}"#),
    )
    .await;
    assert_eq!((reply.status, reply.body.as_str()), (200, OK));
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(
        listed(&server, 2).await.unwrap()["job_desc"],
        "run 3, lr=0.01"
    );
    assert_eq!(
        get(&server, &job_path(2)).await.json()["job_desc"],
        "run 3, lr=0.01"
    );

    // Empty is allowed, and so are 256 characters of any script.
    let long = "描".repeat(256);
    for desc in ["", long.as_str()] {
        let body = json!({ "job_desc": desc }).to_string();
        assert_eq!(
            change(&server, "PUT", &job_path(1), Some(&body))
                .await
                .status,
            200
        );
        assert_eq!(listed(&server, 1).await.unwrap()["job_desc"], desc);
    }
    // Only the description changes.
    assert_eq!(listed(&server, 1).await.unwrap()["status"], 8);
}

#[tokio::test]
async fn edit_refusals() {
    let server = server_with_step(vec![job(1, "a", 10)], 60_000).await;
    let too_long = json!({"job_desc": "x".repeat(257)}).to_string();
    for body in [
        Some(too_long.as_str()),
        Some(r#"{"job_desc": 5}"#),
        Some(r#"{"desc": "x"}"#),
        Some("{}"),
        Some(r#""x""#),
        None,
    ] {
        let reply = change(&server, "PUT", &job_path(1), body).await;
        assert_eq!(reply.status, 400, "{body:?}");
        let answer = reply.json();
        assert_eq!(answer["error_code"], "ModelArts.0104");
        let message = answer["error_message"].as_str().unwrap();
        assert!(message.starts_with("invalid parameter: "), "{message}");
    }
    let reply = change(&server, "PUT", &job_path(1), Some(&too_long)).await;
    assert!(reply.json()["error_message"]
        .as_str()
        .unwrap()
        .contains("job_desc"));
    assert_eq!(listed(&server, 1).await.unwrap()["job_desc"], "");

    let reply = change(&server, "PUT", &job_path(9), Some(r#"{"job_desc": "x"}"#)).await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["error_code"], "ModelArts.0102");
    let reply = change(
        &server,
        "PUT",
        &format!("{LIST}/x1"),
        Some(r#"{"job_desc": "x"}"#),
    )
    .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error_code"], "ModelArts.0104");
}

#[tokio::test]
async fn stop_passes_through_canceling_to_canceled_with_the_duration_frozen() {
    let mut running = job(1, "running", 8);
    running.create_time = mock_api::now_ms() - 90_000;
    let server = server_with_step(vec![running], 700).await;

    let reply = change(&server, "POST", &stop_path(1), None).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, OK));
    let row = listed(&server, 1).await.unwrap();
    assert_eq!(row["status"], 9);
    let frozen = row["duration"].as_i64().unwrap();
    assert!((90_000..100_000).contains(&frozen), "{frozen}");
    assert_eq!(row["remaining_duration"], serde_json::Value::Null);

    assert_eq!(watch(&server, 1, Some(12)).await, [Some(9), Some(12)]);
    let detail = get(&server, &job_path(1)).await.json();
    assert_eq!(detail["duration"], frozen);
    assert_eq!(listed(&server, 1).await.unwrap()["duration"], frozen);
    assert_eq!(server.jobs()[0].status, 12);
}

#[tokio::test]
async fn restart_passes_through_initializing_and_queuing_to_running() {
    let id = (1..).find(|&id| stop_schedule_hours(id).is_some()).unwrap();
    let hours = stop_schedule_hours(id).unwrap();
    let server = server_with_step(vec![job(id, "done", 10)], 700).await;

    let reply = change(&server, "POST", &restart_path(id), None).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, OK));
    let row = listed(&server, id).await.unwrap();
    assert_eq!(
        (row["status"].as_i64(), row["duration"].as_i64()),
        (Some(1), Some(0))
    );

    assert_eq!(
        watch(&server, id, Some(8)).await,
        [Some(1), Some(7), Some(8)]
    );
    // A fresh duration from when it started running, and its schedule counts from there.
    let detail = get(&server, &job_path(id)).await.json();
    let duration = detail["duration"].as_i64().unwrap();
    assert!((0..5000).contains(&duration), "{duration}");
    assert_eq!(detail["remaining_duration"], hours * 3600 - duration / 1000);
    assert_eq!(detail["create_time"], job(id, "done", 10).create_time);
}

#[tokio::test]
async fn delete_is_accepted_and_the_job_goes_after_a_moment() {
    let server = server_with_step(vec![job(1, "a", 10), job(2, "b", 8)], 500).await;
    let reply = change(&server, "DELETE", &job_path(1), None).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, OK));
    assert!(listed(&server, 1).await.is_some(), "still there at first");

    assert_eq!(watch(&server, 1, None).await, [Some(10), None]);
    assert!(listed(&server, 1).await.is_none());
    assert_eq!(get(&server, LIST).await.json()["job_total_count"], 1);
    assert_eq!(
        server.jobs().iter().map(|j| j.job_id).collect::<Vec<_>>(),
        [2]
    );

    let reply = change(&server, "DELETE", &job_path(1), None).await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["error_code"], "ModelArts.0102");
}

/// An action as the sweep sees it: its verb in refusals, its method, the statuses where
/// it is allowed, and its path.
type ActionCase = (
    &'static str,
    &'static str,
    &'static [i64],
    fn(u64) -> String,
);

const STOP_STATUSES: &[i64] = &[1, 2, 4, 7, 8, 15, 18, 19];
const RESTART_STATUSES: &[i64] = &[3, 5, 6, 10, 11, 12, 13, 14, 16, 17, 20, 21, 22];
const DELETE_STATUSES: &[i64] = &[
    0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
];

#[tokio::test]
async fn every_action_is_refused_with_a_0105_outside_its_statuses() {
    // Long steps: no accepted action may finish during the sweep.
    let server = server_with_step(one_job_per_status(), 600_000).await;
    let actions: [ActionCase; 3] = [
        ("stop", "POST", STOP_STATUSES, stop_path),
        ("resubmit", "POST", RESTART_STATUSES, restart_path),
        ("delete", "DELETE", DELETE_STATUSES, job_path),
    ];
    for (verb, method, allowed, path) in actions {
        server.set_jobs(one_job_per_status());
        for status in 0..=22i64 {
            let reply = change(&server, method, &path(100 + status as u64), None).await;
            if allowed.contains(&status) {
                assert_eq!(
                    (reply.status, reply.body.as_str()),
                    (200, OK),
                    "{verb} {status}"
                );
            } else {
                assert_eq!(reply.status, 400, "{verb} {status}");
                assert_eq!(
                    reply.json(),
                    json!({
                        "is_success": false,
                        "error_code": "ModelArts.0105",
                        "error_message": format!("This job can't be {verb}. job status: {status}"),
                    })
                );
                assert_eq!(
                    listed(&server, 100 + status as u64).await.unwrap()["status"],
                    status
                );
            }
        }
    }
}

#[test]
fn the_exported_rules_are_the_same_table() {
    let allowed = |rule: fn(i64) -> bool| (0..=22).filter(|&s| rule(s)).collect::<Vec<_>>();
    assert_eq!(allowed(stop_allowed), STOP_STATUSES);
    assert_eq!(allowed(restart_allowed), RESTART_STATUSES);
    assert_eq!(allowed(delete_allowed), DELETE_STATUSES);
}

#[tokio::test]
async fn an_accepted_action_changes_what_is_allowed_next() {
    let server = server_with_step(vec![job(1, "a", 8)], 600_000).await;
    assert_eq!(
        change(&server, "POST", &stop_path(1), None).await.status,
        200
    );
    // Now canceling (9): no second stop, no restart, no delete.
    for (method, path, verb) in [
        ("POST", stop_path(1), "stop"),
        ("POST", restart_path(1), "resubmit"),
        ("DELETE", job_path(1), "delete"),
    ] {
        let reply = change(&server, method, &path, None).await;
        assert_eq!(reply.status, 400);
        assert_eq!(
            reply.json()["error_message"],
            format!("This job can't be {verb}. job status: 9")
        );
    }
}

#[tokio::test]
async fn unknown_and_malformed_job_ids() {
    let server = server_with_step(vec![job(1, "a", 8)], 1000).await;
    for (method, path) in [
        ("POST", stop_path(2)),
        ("POST", restart_path(2)),
        ("DELETE", job_path(2)),
    ] {
        let reply = change(&server, method, &path, None).await;
        assert_eq!(reply.status, 404, "{method} {path}");
        assert_eq!(reply.json()["error_code"], "ModelArts.0102");
    }
    for (method, path) in [
        ("POST", format!("{LIST}/one/stop")),
        ("POST", format!("{LIST}/-1/restart")),
        ("DELETE", format!("{LIST}/1.0")),
    ] {
        let reply = change(&server, method, &path, None).await;
        assert_eq!(reply.status, 400, "{method} {path}");
        assert_eq!(reply.json()["error_code"], "ModelArts.0104");
    }
    assert_eq!(listed(&server, 1).await.unwrap()["status"], 8);
}
