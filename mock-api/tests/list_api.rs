//! The list endpoint over real HTTP: response shape, validation, filtering, sorting,
//! paging and the counts.

mod common;

use std::cmp::Ordering;
use std::time::Duration;

use common::{get, job, LIST};
use mock_api::{Options, Server};
use serde_json::Value;

async fn demo_server() -> Server {
    Server::start(Options::default(), 0).await.expect("start")
}

async fn server_with(jobs: Vec<mock_api::DemoJob>) -> Server {
    let options = Options {
        jobs: Some(jobs),
        ..Options::default()
    };
    Server::start(options, 0).await.expect("start")
}

/// All 150 demo jobs in one page, as JSON objects.
async fn all_jobs(server: &Server, extra_query: &str) -> Vec<Value> {
    let reply = get(server, &format!("{LIST}?per_page=1000&{extra_query}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["jobs"].as_array().unwrap().clone()
}

#[tokio::test]
async fn default_page_has_the_documented_shape() {
    let server = demo_server().await;
    let reply = get(&server, LIST).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));

    let body = reply.json();
    assert_eq!(body["is_success"], true);
    assert_eq!(body["job_total_count"], 150);
    assert_eq!(body["job_count_limit"], 50);
    assert_eq!(body["quotas"], 10);
    assert!(body.get("error_code").is_none());
    assert_eq!(reply.job_ids(), (1..=10).collect::<Vec<u64>>());

    for job in body["jobs"].as_array().unwrap() {
        assert!(job["job_id"].is_u64());
        assert!(job["job_name"].is_string());
        assert!(job["status"].is_i64());
        assert!(job["create_time"].is_i64());
        assert!(job["duration"].is_i64());
        assert!(job["job_desc"].is_string());
        assert!(job["train_url"].as_str().unwrap().starts_with("/obs/"));
        assert!(job["resource_id"].is_string());
        assert!(job["schedule"].is_array());
        assert!(job.get("remaining_duration").is_some());
        let id = &job["job_id"];
        assert_eq!(
            job["service_url"],
            format!("https://console.example.com/modelarts/tensorboard/demo-project/{id}/")
        );
    }
}

#[tokio::test]
async fn service_url_carries_the_requested_project_id() {
    let server = demo_server().await;
    let reply = get(&server, "/v1/0a1b2c3d/visualization-jobs?per_page=1").await;
    let url = reply.json()["jobs"][0]["service_url"].clone();
    assert_eq!(
        url,
        "https://console.example.com/modelarts/tensorboard/0a1b2c3d/1/"
    );
}

#[tokio::test]
async fn demo_data_covers_every_status_code() {
    let server = demo_server().await;
    let jobs = all_jobs(&server, "").await;
    assert_eq!(jobs.len(), 150);
    for code in 0..=22 {
        assert!(
            jobs.iter().any(|job| job["status"] == code),
            "no job with status {code}"
        );
    }
    // Schedules on some jobs, none on others.
    assert!(jobs
        .iter()
        .any(|job| job["schedule"] == serde_json::json!([])));
    assert!(jobs.iter().any(|job| job["schedule"]
        == serde_json::json!([{"type": "stop", "timeUnit": "HOURS", "duration": 1}])));
}

#[tokio::test]
async fn every_bad_parameter_is_a_modelarts_0104() {
    let server = demo_server().await;
    let long_ascii = "a".repeat(65);
    let long_cjk = "%E4%B8%AD".repeat(65);
    let cases = [
        ("per_page=0", "per_page"),
        ("per_page=1001", "per_page"),
        ("per_page=-1", "per_page"),
        ("per_page=ten", "per_page"),
        ("per_page=1.5", "per_page"),
        ("per_page=", "per_page"),
        ("page=0", "page"),
        ("page=-2", "page"),
        ("page=first", "page"),
        ("page=", "page"),
        ("sortBy=name", "sortBy"),
        ("sortBy=JOB_ID", "sortBy"),
        ("sortBy=", "sortBy"),
        ("order=ASC", "order"),
        ("order=up", "order"),
        ("order=", "order"),
        (&format!("search_content={long_ascii}"), "search_content"),
        (&format!("search_content={long_cjk}"), "search_content"),
        ("status=running", "status"),
        ("status=8.0", "status"),
    ];
    for (query, parameter) in cases {
        let reply = get(&server, &format!("{LIST}?{query}")).await;
        assert_eq!(reply.status, 400, "{query}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let body = reply.json();
        assert_eq!(body["is_success"], false, "{query}");
        assert_eq!(body["error_code"], "ModelArts.0104", "{query}");
        let message = body["error_message"].as_str().unwrap();
        assert!(message.contains(parameter), "{query}: {message}");
    }
}

#[tokio::test]
async fn boundary_values_are_accepted() {
    let server = demo_server().await;
    let max_cjk = "%E4%B8%AD".repeat(64);
    for query in [
        "per_page=1",
        "per_page=1000",
        "page=99999999999",
        "status=",
        "status=-5",
        "search_content=",
        &format!("search_content={max_cjk}"),
        &format!("search_content={}", "x".repeat(64)),
        "workspace_id=ws-42",
        "sortBy=create_time&order=desc",
        "unknown_parameter=whatever",
    ] {
        let reply = get(&server, &format!("{LIST}?{query}")).await;
        assert_eq!(reply.status, 200, "{query}: {}", reply.body);
    }
    // workspace_id does not filter.
    let reply = get(&server, &format!("{LIST}?workspace_id=other")).await;
    assert_eq!(reply.json()["job_total_count"], 150);
    // An empty status means all statuses.
    let reply = get(&server, &format!("{LIST}?status=")).await;
    assert_eq!(reply.json()["job_total_count"], 150);
}

#[tokio::test]
async fn status_filter_keeps_only_that_status() {
    let server = demo_server().await;
    let everything = all_jobs(&server, "").await;
    for code in [8, 10, 3, 22] {
        let expected = everything
            .iter()
            .filter(|job| job["status"] == code)
            .count();
        let reply = get(&server, &format!("{LIST}?status={code}&per_page=1000")).await;
        let body = reply.json();
        assert_eq!(body["job_total_count"], expected, "status {code}");
        let jobs = body["jobs"].as_array().unwrap();
        assert_eq!(jobs.len(), expected);
        assert!(jobs.iter().all(|job| job["status"] == code));
    }
    let reply = get(&server, &format!("{LIST}?status=99")).await;
    assert_eq!(reply.json()["job_total_count"], 0);
    assert_eq!(reply.job_ids(), Vec::<u64>::new());
}

#[tokio::test]
async fn search_is_a_case_insensitive_name_substring() {
    let server = server_with(vec![
        job(1, "TB-ResNet50-imagenet-01", 8),
        job(2, "tb-resnet50-coco-2", 10),
        job(3, "mindinsight-bert-squad-3", 8),
        job(4, "tb resnet spaced", 8),
    ])
    .await;
    let reply = get(&server, &format!("{LIST}?search_content=rEsNeT50")).await;
    assert_eq!(reply.json()["job_total_count"], 2);
    assert_eq!(reply.job_ids(), vec![1, 2]);

    // `+` and `%20` are spaces.
    let reply = get(&server, &format!("{LIST}?search_content=TB+RESNET")).await;
    assert_eq!(reply.job_ids(), vec![4]);
    let reply = get(&server, &format!("{LIST}?search_content=tb%20resnet")).await;
    assert_eq!(reply.job_ids(), vec![4]);

    // Combined with the status filter; only names are searched.
    let reply = get(&server, &format!("{LIST}?search_content=resnet&status=8")).await;
    assert_eq!(reply.job_ids(), vec![1, 4]);
    let reply = get(&server, &format!("{LIST}?search_content=obs")).await;
    assert_eq!(reply.job_ids(), Vec::<u64>::new());
}

#[tokio::test]
async fn search_in_demo_data_matches_names_only() {
    let server = demo_server().await;
    let everything = all_jobs(&server, "").await;
    let expected: Vec<u64> = everything
        .iter()
        .filter(|job| job["job_name"].as_str().unwrap().contains("resnet"))
        .map(|job| job["job_id"].as_u64().unwrap())
        .collect();
    assert!(!expected.is_empty());
    let reply = get(
        &server,
        &format!("{LIST}?search_content=RESNET&per_page=1000"),
    )
    .await;
    assert_eq!(reply.job_ids(), expected);
}

fn compare_json(key: &str, a: &Value, b: &Value) -> Ordering {
    match key {
        "job_name" | "job_desc" => a[key].as_str().unwrap().cmp(b[key].as_str().unwrap()),
        _ => a[key].as_i64().unwrap().cmp(&b[key].as_i64().unwrap()),
    }
}

#[tokio::test]
async fn sorts_by_every_key_in_both_orders_with_ties_by_job_id() {
    let server = demo_server().await;
    for key in ["job_id", "job_name", "job_desc", "create_time", "status"] {
        for order in ["asc", "desc"] {
            let jobs = all_jobs(&server, &format!("sortBy={key}&order={order}")).await;
            assert_eq!(jobs.len(), 150);
            for pair in jobs.windows(2) {
                let by_key = compare_json(key, &pair[0], &pair[1]);
                let directed = if order == "desc" {
                    by_key.reverse()
                } else {
                    by_key
                };
                match directed {
                    Ordering::Less => {}
                    Ordering::Equal => assert!(
                        pair[0]["job_id"].as_u64() < pair[1]["job_id"].as_u64(),
                        "{key} {order}: tie not by ascending job_id"
                    ),
                    Ordering::Greater => panic!("{key} {order}: out of order"),
                }
            }
        }
    }
}

#[tokio::test]
async fn ties_break_by_ascending_job_id_for_every_key() {
    // Every job equal on every key but job_id, listed out of order.
    let jobs: Vec<mock_api::DemoJob> = [5, 2, 9, 1]
        .into_iter()
        .map(|id| mock_api::DemoJob {
            create_time: 1_700_000_000_000,
            ..job(id, "same-name", 10)
        })
        .collect();
    let server = server_with(jobs).await;
    for key in ["job_name", "job_desc", "create_time", "status"] {
        for order in ["asc", "desc"] {
            let reply = get(&server, &format!("{LIST}?sortBy={key}&order={order}")).await;
            assert_eq!(reply.job_ids(), vec![1, 2, 5, 9], "{key} {order}");
        }
    }
    let reply = get(&server, &format!("{LIST}?sortBy=job_id&order=desc")).await;
    assert_eq!(reply.job_ids(), vec![9, 5, 2, 1]);
}

#[tokio::test]
async fn pages_split_the_sorted_list() {
    let server = demo_server().await;
    let full: Vec<u64> = all_jobs(&server, "sortBy=job_name&order=desc")
        .await
        .iter()
        .map(|job| job["job_id"].as_u64().unwrap())
        .collect();

    let mut pieced = Vec::new();
    for (page, expected_len) in [(1, 40), (2, 40), (3, 40), (4, 30), (5, 0), (100, 0)] {
        let reply = get(
            &server,
            &format!("{LIST}?sortBy=job_name&order=desc&per_page=40&page={page}"),
        )
        .await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.json()["job_total_count"], 150, "page {page}");
        let ids = reply.job_ids();
        assert_eq!(ids.len(), expected_len, "page {page}");
        pieced.extend(ids);
    }
    assert_eq!(pieced, full);

    let reply = get(&server, &format!("{LIST}?page=2")).await;
    assert_eq!(reply.job_ids(), (11..=20).collect::<Vec<u64>>());
}

#[tokio::test]
async fn counts_follow_the_store_size() {
    let server = server_with((1..=3).map(|id| job(id, "a", 8)).collect()).await;
    let body = get(&server, &format!("{LIST}?status=10")).await.json();
    assert_eq!(body["job_total_count"], 0);
    assert_eq!(body["job_count_limit"], 197);
    assert_eq!(body["quotas"], 10);

    server.set_jobs((1..=250).map(|id| job(id, "a", 8)).collect());
    let body = get(&server, LIST).await.json();
    assert_eq!(body["job_total_count"], 250);
    assert_eq!(body["job_count_limit"], 0);

    let empty = Server::start(
        Options {
            job_count: 0,
            ..Options::default()
        },
        0,
    )
    .await
    .unwrap();
    let body = get(&empty, LIST).await.json();
    assert_eq!(body["job_total_count"], 0);
    assert_eq!(body["job_count_limit"], 200);
    assert_eq!(body["jobs"], serde_json::json!([]));
}

#[tokio::test]
async fn job_ids_beyond_2_pow_53_are_sent_exactly() {
    let big = (1u64 << 53) + 1;
    let server = server_with(vec![job(big, "big", 10), job(u64::MAX, "max", 10)]).await;
    let reply = get(&server, LIST).await;
    assert!(reply.body.contains("\"job_id\":9007199254740993"));
    assert!(reply.body.contains("\"job_id\":18446744073709551615"));
}

#[tokio::test]
async fn running_duration_grows_between_requests() {
    let server = demo_server().await;
    let first = all_jobs(&server, "status=8").await;
    assert!(!first.is_empty());
    tokio::time::sleep(Duration::from_millis(50)).await;
    let second = all_jobs(&server, "status=8").await;
    for (before, after) in first.iter().zip(&second) {
        assert_eq!(before["job_id"], after["job_id"]);
        let grown = after["duration"].as_i64().unwrap() - before["duration"].as_i64().unwrap();
        assert!(grown >= 50, "duration grew by {grown} ms");
    }

    // Running jobs with a stop schedule report the seconds left; others report null.
    let scheduled_running = second
        .iter()
        .find(|job| job["schedule"] != serde_json::json!([]))
        .expect("a running job with a stop schedule");
    let hours = scheduled_running["schedule"][0]["duration"]
        .as_i64()
        .unwrap();
    let ran_s = scheduled_running["duration"].as_i64().unwrap() / 1000;
    let remaining = scheduled_running["remaining_duration"].as_i64().unwrap();
    assert_eq!(remaining, (hours * 3600 - ran_s).max(0));
    assert!(remaining > 0);
    for job in all_jobs(&server, "status=10").await {
        assert!(job["remaining_duration"].is_null());
    }
}

#[tokio::test]
async fn final_and_pending_durations_are_fixed() {
    let server = demo_server().await;
    let first = all_jobs(&server, "").await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    let second = all_jobs(&server, "").await;
    for (before, after) in first.iter().zip(&second) {
        if before["status"] != 8 {
            assert_eq!(before["duration"], after["duration"]);
        }
        if [1, 2, 4, 7].contains(&before["status"].as_i64().unwrap()) {
            assert_eq!(before["duration"], 0);
        }
    }
}
