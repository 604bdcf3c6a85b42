//! The create endpoint over real HTTP: the answer, the new job's life, and every refusal.

mod common;

use common::{change, get, job, job_path, listed, server_with_step, watch, LIST};
use mock_api::{Options, Server, MAX_JOBS_PER_PROJECT};
use serde_json::{json, Value};

async fn create(server: &Server, body: &Value) -> common::Reply {
    change(server, "POST", LIST, Some(&body.to_string())).await
}

fn with(field: &str, value: Value) -> Value {
    let mut body = json!({"job_name": "tb-new", "train_url": "/bucket/logs/"});
    body[field] = value;
    body
}

#[tokio::test]
async fn create_answers_with_the_new_job_and_lists_it_at_once() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    let before = mock_api::now_ms();
    let reply = create(
        &server,
        &json!({
            "job_name": "tb-resnet50", "job_desc": "loss curves, run 3",
            "train_url": "/my-bucket/resnet/output/", "job_type": "tensorboard",
            "schedule": [{"type": "stop", "time_unit": "HOURS", "duration": 4}],
        }),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let body = reply.json();
    assert_eq!(body["is_success"], true);
    assert_eq!(body["job_id"], 151);
    assert_eq!(body["job_name"], "tb-resnet50");
    assert_eq!(body["status"], 1);
    let create_time = body["create_time"].as_i64().unwrap();
    assert!(create_time >= before && create_time <= mock_api::now_ms());
    assert_eq!(
        body["service_url"],
        "https://console.example.com/modelarts/tensorboard/demo-project/151/"
    );

    let row = listed(&server, 151).await.expect("listed at once");
    assert_eq!(row["status"], 1);
    assert_eq!(row["job_desc"], "loss curves, run 3");
    assert_eq!(row["train_url"], "/my-bucket/resnet/output/");
    assert_eq!(row["create_time"], create_time);
    assert_eq!(row["duration"], 0);
    assert_eq!(
        row["schedule"],
        json!([{"type": "stop", "timeUnit": "HOURS", "duration": 4}])
    );
    let list = get(&server, LIST).await.json();
    assert_eq!(list["job_total_count"], 151);
    assert_eq!(list["job_count_limit"], 49);

    let detail = get(&server, &job_path(151)).await.json();
    assert_eq!(detail["job_type"], "tensorboard");
    assert_eq!(
        detail["schedule"],
        json!([{"type": "stop", "time_unit": "HOURS", "duration": 4}])
    );
}

#[tokio::test]
async fn defaults_single_schedule_object_and_unknown_fields() {
    let server = server_with_step(vec![job(1, "old", 10)], 1000).await;
    let reply = create(
        &server,
        &json!({
            "job_name": "Mi_2", "train_url": "/b/", "job_type": "mindinsight",
            "flavor": {"code": "modelarts.vm.cpu.2u"}, "extra": [1, 2],
            "schedule": {"type": "stop", "time_unit": "HOURS", "duration": 24},
        }),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["job_id"], 2);
    let detail = get(&server, &job_path(2)).await.json();
    assert_eq!(detail["job_desc"], "");
    assert_eq!(detail["job_type"], "mindinsight");
    assert_eq!(detail["schedule"][0]["duration"], 24);
    assert_eq!(
        detail["service_url"],
        "https://console.example.com/modelarts/mindinsight/demo-project/2/"
    );

    // No job_type, no schedule: a TensorBoard that runs until stopped.
    let reply = create(&server, &json!({"job_name": "plain", "train_url": "/b/"})).await;
    assert_eq!(reply.json()["job_id"], 3);
    let detail = get(&server, &job_path(3)).await.json();
    assert_eq!(detail["job_type"], "tensorboard");
    assert!(detail.get("schedule").is_none());
}

#[tokio::test]
async fn a_new_job_starts_up_then_runs_with_its_schedule() {
    let server = server_with_step(vec![], 600).await;
    let reply = create(
        &server,
        &with(
            "schedule",
            json!([{"type": "stop", "time_unit": "HOURS", "duration": 2}]),
        ),
    )
    .await;
    assert_eq!(reply.json()["job_id"], 1);
    assert_eq!(
        watch(&server, 1, Some(8)).await,
        [Some(1), Some(7), Some(8)]
    );
    let detail = get(&server, &job_path(1)).await.json();
    let duration = detail["duration"].as_i64().unwrap();
    assert!((0..5000).contains(&duration), "{duration}");
    assert_eq!(detail["remaining_duration"], 2 * 3600 - duration / 1000);
}

#[tokio::test]
async fn every_invalid_field_is_a_0104_that_names_it() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    let stop = |hours: Value| json!({"type": "stop", "time_unit": "HOURS", "duration": hours});
    let cases: Vec<(Value, &str)> = vec![
        (json!({"train_url": "/b/"}), "job_name"),
        (with("job_name", json!("")), "job_name"),
        (with("job_name", json!("a23456789012345678901")), "job_name"),
        (with("job_name", json!("bad name")), "job_name"),
        (with("job_name", json!("bad/name")), "job_name"),
        (with("job_name", json!("名称")), "job_name"),
        (with("job_name", json!(7)), "job_name"),
        (with("job_desc", json!("d".repeat(257))), "job_desc"),
        (with("job_desc", json!("中".repeat(257))), "job_desc"),
        (with("job_desc", json!(["x"])), "job_desc"),
        (json!({"job_name": "x"}), "train_url"),
        (with("train_url", json!("")), "train_url"),
        (with("train_url", json!(5)), "train_url"),
        (with("job_type", json!("pytorch")), "job_type"),
        (with("job_type", json!("")), "job_type"),
        (with("schedule", json!(4)), "schedule"),
        (with("schedule", json!(["stop"])), "schedule"),
        (
            with(
                "schedule",
                json!({"type": "run", "time_unit": "HOURS", "duration": 1}),
            ),
            "schedule.type",
        ),
        (
            with(
                "schedule",
                json!({"type": "stop", "time_unit": "DAYS", "duration": 1}),
            ),
            "schedule.time_unit",
        ),
        (
            with("schedule", json!([stop(json!(25))])),
            "schedule.duration",
        ),
        (
            with("schedule", json!([stop(json!(-1))])),
            "schedule.duration",
        ),
        (
            with("schedule", json!([stop(json!(2.5))])),
            "schedule.duration",
        ),
        (
            with("schedule", json!([stop(json!(1)), stop(json!(99))])),
            "schedule.duration",
        ),
    ];
    for (body, field) in cases {
        let reply = create(&server, &body).await;
        assert_eq!(reply.status, 400, "{body}");
        let answer = reply.json();
        assert_eq!(answer["is_success"], false);
        assert_eq!(answer["error_code"], "ModelArts.0104", "{body}");
        let message = answer["error_message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("invalid parameter: {field} ")),
            "{body}: {message}"
        );
    }
    assert_eq!(server.jobs().len(), 150, "a refused create stores nothing");
}

#[tokio::test]
async fn the_boundaries_pass() {
    let server = server_with_step(vec![], 1000).await;
    let bodies = [
        json!({"job_name": "a", "train_url": "/b/"}),
        json!({"job_name": "A-_09zZ-_09zZ-_09zZ1", "train_url": "x", "job_desc": "中".repeat(256)}),
        with(
            "schedule",
            json!([{"type": "stop", "time_unit": "HOURS", "duration": 0}]),
        ),
    ];
    for (i, body) in bodies.iter().enumerate() {
        let mut body = body.clone();
        if i == 2 {
            body["job_name"] = json!("zero-hours");
        }
        let reply = create(&server, &body).await;
        assert_eq!(reply.status, 200, "{body}: {}", reply.body);
    }
    assert_eq!(server.jobs().len(), 3);
}

#[tokio::test]
async fn a_body_that_is_not_a_json_object_is_a_0104() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    for body in [
        None,
        Some(""),
        Some("[]"),
        Some("null"),
        Some("job_name=x"),
        Some("{"),
    ] {
        let reply = change(&server, "POST", LIST, body).await;
        assert_eq!(reply.status, 400, "{body:?}");
        assert_eq!(reply.json()["error_code"], "ModelArts.0104");
        assert_eq!(
            reply.json()["error_message"],
            "invalid parameter: the request body must be a JSON object"
        );
    }
    assert_eq!(server.jobs().len(), 150);
}

#[tokio::test]
async fn a_taken_name_is_a_0103() {
    let server = server_with_step(vec![job(1, "taken", 12)], 1000).await;
    let reply = create(&server, &json!({"job_name": "taken", "train_url": "/b/"})).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        json!({"is_success": false, "error_code": "ModelArts.0103", "error_message": "duplicate job name"})
    );
    // Names are case-sensitive, and the first create takes its name.
    assert_eq!(
        create(&server, &json!({"job_name": "Taken", "train_url": "/b/"}))
            .await
            .status,
        200
    );
    assert_eq!(
        create(&server, &json!({"job_name": "Taken", "train_url": "/c/"}))
            .await
            .json()["error_code"],
        "ModelArts.0103"
    );
    assert_eq!(server.jobs().len(), 2);
}

#[tokio::test]
async fn a_full_project_is_a_0106_until_a_job_is_deleted() {
    let jobs = (1..=MAX_JOBS_PER_PROJECT as u64)
        .map(|id| job(id, &format!("j{id}"), 10))
        .collect();
    let server = server_with_step(jobs, 300).await;
    assert_eq!(get(&server, LIST).await.json()["job_count_limit"], 0);

    let reply = create(
        &server,
        &json!({"job_name": "one-more", "train_url": "/b/"}),
    )
    .await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        json!({"is_success": false, "error_code": "ModelArts.0106", "error_message": "resource count limit exceeded"})
    );
    assert_eq!(server.jobs().len(), MAX_JOBS_PER_PROJECT);

    assert_eq!(
        change(&server, "DELETE", &job_path(5), None).await.status,
        200
    );
    watch(&server, 5, None).await;
    let reply = create(
        &server,
        &json!({"job_name": "one-more", "train_url": "/b/"}),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    // A fresh ID, above every ID the project has had.
    assert_eq!(reply.json()["job_id"], MAX_JOBS_PER_PROJECT as u64 + 1);
}
