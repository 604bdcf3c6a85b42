//! The detail endpoint over real HTTP: the flat object, its extras, and its refusals.

mod common;

use common::{get, get_with, job, job_path, listed, server_with_step, LIST};
use mock_api::{stop_schedule_hours, Options, Server};
use serde_json::json;

/// IDs of a job with a stop schedule and of one without, as the data set derives them.
fn scheduled_and_unscheduled_ids() -> (u64, u64) {
    let with = (1..).find(|&id| stop_schedule_hours(id).is_some()).unwrap();
    let without = (1..).find(|&id| stop_schedule_hours(id).is_none()).unwrap();
    (with, without)
}

#[tokio::test]
async fn detail_is_a_flat_object_with_the_jobs_fields() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    let reply = get(&server, "/v1/0a1b2c/visualization-jobs/7").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let body = reply.json();
    assert_eq!(body["is_success"], true);
    assert_eq!(body["job_id"], 7);
    for field in [
        "job_name",
        "job_desc",
        "train_url",
        "resource_id",
        "job_type",
    ] {
        assert!(body[field].is_string(), "{field}: {body}");
    }
    for field in ["status", "create_time", "duration"] {
        assert!(body[field].is_i64(), "{field}: {body}");
    }
    assert!(body.get("remaining_duration").is_some());
    assert!(body.get("jobs").is_none() && body.get("error_code").is_none());
    assert_eq!(
        body["service_url"],
        "https://console.example.com/modelarts/tensorboard/0a1b2c/7/"
    );
}

#[tokio::test]
async fn detail_agrees_with_the_list() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    for job_id in [1, 42, 150] {
        let detail = get(&server, &job_path(job_id)).await.json();
        let row = listed(&server, job_id).await.unwrap();
        for field in [
            "job_id",
            "job_name",
            "job_desc",
            "status",
            "create_time",
            "service_url",
            "train_url",
            "resource_id",
        ] {
            assert_eq!(detail[field], row[field], "job {job_id}, {field}");
        }
        // A running job's duration grows between the two requests; others are equal.
        if detail["status"] != 8 {
            assert_eq!(detail["duration"], row["duration"]);
        }
    }
}

#[tokio::test]
async fn schedule_and_remaining_time_are_extras() {
    let (with, without) = scheduled_and_unscheduled_ids();
    let hours = stop_schedule_hours(with).unwrap();
    let mut running = job(with, "running-sched", 8);
    running.create_time = mock_api::now_ms() - 60_000;
    let mut mindinsight = job(without, "mindinsight-bert", 10);
    mindinsight.create_time = mock_api::now_ms() - 60_000;
    let server = server_with_step(vec![running, mindinsight], 1000).await;

    let body = get(&server, &job_path(with)).await.json();
    assert_eq!(body["job_type"], "tensorboard");
    assert_eq!(
        body["schedule"],
        json!([{"type": "stop", "time_unit": "HOURS", "duration": hours}])
    );
    let remaining = body["remaining_duration"].as_i64().unwrap();
    let expected = hours * 3600 - 60;
    assert!(
        (expected - 5..=expected).contains(&remaining),
        "{remaining}"
    );

    let body = get(&server, &job_path(without)).await.json();
    assert_eq!(body["job_type"], "mindinsight");
    assert!(body.get("schedule").is_none(), "{body}");
    assert_eq!(body["remaining_duration"], serde_json::Value::Null);
}

#[tokio::test]
async fn unknown_job_is_a_0102_not_found() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    for id in ["151", "0", "18446744073709551615"] {
        let reply = get(&server, &format!("{LIST}/{id}")).await;
        assert_eq!(reply.status, 404, "{id}");
        let body = reply.json();
        assert_eq!(body["is_success"], false);
        assert_eq!(body["error_code"], "ModelArts.0102");
        assert!(body["error_message"].as_str().unwrap().contains(id));
    }
}

#[tokio::test]
async fn a_job_id_that_is_not_a_number_is_a_0104() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    for id in [
        "abc",
        "-1",
        "+1",
        "1.5",
        "1e3",
        "%201",
        "18446744073709551616",
        "%E4%B8%AD",
    ] {
        let reply = get(&server, &format!("{LIST}/{id}")).await;
        assert_eq!(reply.status, 400, "{id}");
        let body = reply.json();
        assert_eq!(body["error_code"], "ModelArts.0104", "{id}");
        assert!(body["error_message"]
            .as_str()
            .unwrap()
            .starts_with("invalid parameter: job_id"));
    }
}

#[tokio::test]
async fn detail_requests_are_recorded_and_need_the_token() {
    let options = Options {
        required_token: Some("t".into()),
        ..Options::default()
    };
    let server = Server::start(options, 0).await.unwrap();
    assert_eq!(get(&server, &job_path(3)).await.status, 401);
    let reply = get_with(
        &server,
        &format!("{}?x=%20", job_path(3)),
        &[("X-Auth-Token", "t")],
    )
    .await;
    assert_eq!(reply.status, 200);
    // No X-Requested-With needed: a GET changes nothing.
    assert_eq!(
        server.detail_requests(),
        vec![job_path(3), format!("{}?x=%20", job_path(3))]
    );
    assert!(server.list_requests().is_empty());
    server.clear_detail_requests();
    assert!(server.detail_requests().is_empty());
}
