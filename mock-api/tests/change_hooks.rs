//! What every change request goes through (X-Requested-With, token, latency) and the test
//! hooks of the new routes: per-route faults, the change log, the store snapshot.

mod common;

use std::time::{Duration, Instant};

use common::{
    change, get, get_with, job, job_path, listed, send, server_with_step, CHANGE_HEADERS, LIST,
};
use mock_api::{Fault, Options, RecordedRequest, Route, Server};
use serde_json::json;

/// Every change route with a request that would succeed on job 1 (status 8) of
/// [`store`], and what it would have changed.
fn changes() -> Vec<(Route, &'static str, String, Option<&'static str>)> {
    vec![
        (
            Route::Create,
            "POST",
            LIST.to_owned(),
            Some(r#"{"job_name": "new", "train_url": "/b/"}"#),
        ),
        (
            Route::Edit,
            "PUT",
            job_path(1),
            Some(r#"{"job_desc": "changed"}"#),
        ),
        (Route::Stop, "POST", format!("{}/stop", job_path(1)), None),
        (
            Route::Restart,
            "POST",
            format!("{}/restart", job_path(2)),
            None,
        ),
        (Route::Delete, "DELETE", job_path(1), None),
    ]
}

fn store() -> Vec<mock_api::DemoJob> {
    vec![job(1, "running", 8), job(2, "done", 10)]
}

/// Status and description of jobs 1 and 2 and the number of jobs: what a change changes.
async fn state(server: &Server) -> (usize, Vec<(i64, String)>) {
    let jobs = server.jobs();
    let summary = jobs
        .iter()
        .map(|j| (j.status, j.job_desc.clone()))
        .collect();
    (jobs.len(), summary)
}

#[tokio::test]
async fn a_change_without_x_requested_with_is_refused_and_changes_nothing() {
    let server = server_with_step(store(), 100).await;
    let before = state(&server).await;
    let forbidden = json!({
        "is_success": false,
        "error_code": "APIG.0308",
        "error_message": "cross-site change refused: X-Requested-With: vizjobs is missing",
    });
    for (route, method, path, body) in changes() {
        for headers in [
            vec![("Content-Type", "application/json")],
            vec![("X-Requested-With", "XMLHttpRequest")],
            vec![("X-Requested-With", "VIZJOBS")],
            vec![("X-Requested-With", "")],
        ] {
            let reply = send(&server, method, &path, &headers, body).await;
            assert_eq!(reply.status, 403, "{route:?} {headers:?}");
            assert_eq!(reply.header("content-type"), Some("application/json"));
            assert_eq!(reply.json(), forbidden);
        }
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(state(&server).await, before);
    // Reads never need it.
    assert_eq!(get(&server, LIST).await.status, 200);
    assert_eq!(get(&server, &job_path(1)).await.status, 200);
}

#[tokio::test]
async fn with_the_header_each_change_goes_through() {
    for (route, method, path, body) in changes() {
        let server = server_with_step(store(), 60_000).await;
        let before = state(&server).await;
        let reply = change(&server, method, &path, body).await;
        assert_eq!(reply.status, 200, "{route:?}: {}", reply.body);
        // Delete keeps the job for a step, so it alone shows no change yet.
        if route != Route::Delete {
            assert_ne!(state(&server).await, before, "{route:?}");
        }
    }
}

#[tokio::test]
async fn changes_need_the_token_when_one_is_set() {
    let options = Options {
        jobs: Some(store()),
        required_token: Some("tok".into()),
        ..Options::default()
    };
    let server = Server::start(options, 0).await.unwrap();
    let before = state(&server).await;
    for (route, method, path, body) in changes() {
        let reply = change(&server, method, &path, body).await;
        assert_eq!(reply.status, 401, "{route:?}");
        assert_eq!(reply.json()["error_code"], "APIG.0301");
        // The cross-site check comes first, as the gateway makes it before anything else.
        let reply = send(&server, method, &path, &[("X-Auth-Token", "tok")], body).await;
        assert_eq!(reply.status, 403, "{route:?}");
    }
    assert_eq!(state(&server).await, before);

    let mut headers = CHANGE_HEADERS.to_vec();
    headers.push(("X-Auth-Token", "tok"));
    let reply = send(
        &server,
        "PUT",
        &job_path(1),
        &headers,
        Some(r#"{"job_desc":"ok"}"#),
    )
    .await;
    assert_eq!(reply.status, 200);
    let reply = get_with(&server, &job_path(1), &[("X-Auth-Token", "tok")]).await;
    assert_eq!(reply.json()["job_desc"], "ok");
}

#[tokio::test]
async fn a_raw_fault_on_a_change_answers_for_it_and_changes_nothing() {
    let server = server_with_step(store(), 100).await;
    let before = state(&server).await;
    for (route, method, path, body) in changes() {
        server.push_fault_for(
            route,
            Fault::Raw {
                status: 502,
                content_type: "text/html".into(),
                body: format!("<h1>502 {route:?}</h1>"),
            },
        );
        let reply = change(&server, method, &path, body).await;
        assert_eq!(reply.status, 502);
        assert_eq!(reply.header("content-type"), Some("text/html"));
        assert_eq!(reply.body, format!("<h1>502 {route:?}</h1>"));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(state(&server).await, before);
}

#[tokio::test]
async fn faults_wait_for_a_request_of_their_own_route() {
    let server = server_with_step(store(), 60_000).await;
    let teapot = |body: &str| Fault::Raw {
        status: 418,
        content_type: "text/plain".into(),
        body: body.into(),
    };
    server.push_fault_for(Route::Detail, teapot("detail"));
    server.push_fault_for(Route::Stop, teapot("stop"));
    server.push_fault(teapot("list"));

    // Other routes pass untouched, the list's fault is the old push_fault's.
    let reply = change(&server, "POST", &format!("{}/restart", job_path(2)), None).await;
    assert_eq!(reply.status, 200);
    assert_eq!(get(&server, LIST).await.body, "list");
    assert_eq!(get(&server, LIST).await.status, 200);
    assert_eq!(get(&server, &job_path(1)).await.body, "detail");
    assert_eq!(get(&server, &job_path(1)).await.status, 200);
    let stop = format!("{}/stop", job_path(1));
    assert_eq!(change(&server, "POST", &stop, None).await.body, "stop");
    assert_eq!(listed(&server, 1).await.unwrap()["status"], 8);
    assert_eq!(change(&server, "POST", &stop, None).await.status, 200);
    assert_eq!(listed(&server, 1).await.unwrap()["status"], 9);

    server.push_fault_for(Route::Edit, teapot("edit"));
    server.push_fault_for(Route::Create, teapot("create"));
    server.clear_faults();
    let reply = change(&server, "PUT", &job_path(2), Some(r#"{"job_desc":""}"#)).await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn a_delay_fault_on_a_change_delays_it_then_carries_it_out() {
    let server = server_with_step(store(), 60_000).await;
    server.push_fault_for(Route::Edit, Fault::Delay(Duration::from_millis(500)));
    let started = Instant::now();
    let reply = change(&server, "PUT", &job_path(1), Some(r#"{"job_desc":"late"}"#)).await;
    assert!(started.elapsed() >= Duration::from_millis(500));
    assert_eq!(reply.status, 200);
    assert_eq!(listed(&server, 1).await.unwrap()["job_desc"], "late");
}

#[tokio::test]
async fn latency_applies_to_every_api_endpoint() {
    let options = Options {
        jobs: Some(store()),
        latency: Duration::from_millis(300),
        ..Options::default()
    };
    let server = Server::start(options, 0).await.unwrap();
    let timed = |elapsed: Duration| assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    let started = Instant::now();
    get(&server, &job_path(1)).await;
    timed(started.elapsed());
    for (route, method, path, body) in changes() {
        let started = Instant::now();
        let reply = change(&server, method, &path, body).await;
        assert!(reply.status < 500, "{route:?}");
        timed(started.elapsed());
    }
}

#[tokio::test]
async fn every_change_request_is_recorded_as_sent() {
    let server = server_with_step(store(), 60_000).await;
    let create_body = r#"{"job_name": "new", "train_url": "/b/"}"#;
    change(&server, "POST", LIST, Some(create_body)).await; // accepted
    change(&server, "POST", LIST, Some(create_body)).await; // 0103
    send(&server, "DELETE", &job_path(1), &[], None).await; // 403
    change(
        &server,
        "POST",
        "/v1/p%20x/visualization-jobs/2/restart?a=b",
        None,
    )
    .await;
    change(&server, "PATCH", &job_path(2), Some("{}")).await; // not an endpoint
    change(&server, "POST", "/v1/demo-project/other", Some("x")).await; // not an endpoint
    get(&server, LIST).await; // not a change

    let recorded = |method: &str, path: &str, body: &str, with: bool| RecordedRequest {
        method: method.into(),
        path: path.into(),
        body: body.into(),
        requested_with: with.then(|| "vizjobs".to_owned()),
        content_type: with.then(|| "application/json".to_owned()),
    };
    assert_eq!(
        server.change_requests(),
        vec![
            recorded("POST", LIST, create_body, true),
            recorded("POST", LIST, create_body, true),
            recorded("DELETE", &job_path(1), "", false),
            recorded(
                "POST",
                "/v1/p%20x/visualization-jobs/2/restart?a=b",
                "",
                true
            ),
            recorded("PATCH", &job_path(2), "{}", true),
            recorded("POST", "/v1/demo-project/other", "x", true),
        ]
    );
    assert_eq!(server.list_requests(), vec![LIST.to_owned()]);
    server.clear_requests(); // the list log only
    assert_eq!(server.change_requests().len(), 6);
    server.clear_change_requests();
    assert!(server.change_requests().is_empty());
}

#[tokio::test]
async fn wrong_methods_on_api_paths_are_gateway_404s() {
    let server = server_with_step(store(), 60_000).await;
    let before = state(&server).await;
    for (method, path) in [
        ("PUT", LIST.to_owned()),
        ("DELETE", LIST.to_owned()),
        ("POST", job_path(1)),
        ("PUT", format!("{}/stop", job_path(1))),
        ("DELETE", format!("{}/restart", job_path(1))),
    ] {
        let reply = change(&server, method, &path, Some("{}")).await;
        assert_eq!(reply.status, 404, "{method} {path}");
        assert_eq!(reply.json()["error_code"], "APIG.0101");
    }
    assert_eq!(state(&server).await, before);
}

#[tokio::test]
async fn jobs_snapshot_shows_current_statuses_and_running_durations() {
    let mut running = job(1, "running", 8);
    running.create_time = mock_api::now_ms() - 10_000;
    let server = server_with_step(vec![running, job(2, "done", 10)], 60_000).await;
    let jobs = server.jobs();
    assert_eq!(jobs.len(), 2);
    assert!((10_000..20_000).contains(&jobs[0].duration));
    assert_eq!((jobs[1].status, jobs[1].duration), (10, 1000));
    change(&server, "POST", &format!("{}/restart", job_path(2)), None).await;
    assert_eq!(server.jobs()[1].status, 1);
}
