//! The test hooks and options: token, latency, scripted faults, request log, store swap.

mod common;

use std::time::{Duration, Instant};

use common::{get, get_with, job, LIST};
use mock_api::{Fault, Options, Server};

#[tokio::test]
async fn token_is_required_when_configured() {
    let options = Options {
        required_token: Some("secret-token".into()),
        ..Options::default()
    };
    let server = Server::start(options, 0).await.unwrap();

    for headers in [vec![], vec![("X-Auth-Token", "wrong")]] {
        let reply = get_with(&server, LIST, &headers).await;
        assert_eq!(reply.status, 401);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let body = reply.json();
        assert_eq!(body["is_success"], false);
        assert_eq!(body["error_code"], "APIG.0301");
        assert_eq!(
            body["error_message"],
            "Incorrect IAM authentication information: token missing or invalid"
        );
    }

    let reply = get_with(&server, LIST, &[("x-auth-token", "secret-token")]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["job_total_count"], 150);

    // The token guards the API only, not the console's files.
    assert_eq!(get(&server, "/config.json").await.status, 200);
}

#[tokio::test]
async fn no_token_needed_by_default() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    assert_eq!(get(&server, LIST).await.status, 200);
}

#[tokio::test]
async fn latency_delays_list_answers() {
    let options = Options {
        latency: Duration::from_millis(500),
        ..Options::default()
    };
    let server = Server::start(options, 0).await.unwrap();
    let started = Instant::now();
    let reply = get(&server, LIST).await;
    assert_eq!(reply.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(500));

    // Other paths are not slowed down.
    let started = Instant::now();
    get(&server, "/config.json").await;
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn raw_fault_answers_once_then_normal_service_resumes() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    server.push_fault(Fault::Raw {
        status: 502,
        content_type: "text/html".into(),
        body: "<html><body>502 Bad Gateway</body></html>".into(),
    });

    let reply = get(&server, LIST).await;
    assert_eq!(reply.status, 502);
    assert_eq!(reply.header("content-type"), Some("text/html"));
    assert_eq!(reply.body, "<html><body>502 Bad Gateway</body></html>");

    let reply = get(&server, LIST).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["is_success"], true);
}

#[tokio::test]
async fn raw_fault_can_send_anything() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    server.push_fault(Fault::Raw {
        status: 200,
        content_type: "application/json".into(),
        body: "{\"is_success\": tru".into(),
    });
    server.push_fault(Fault::Raw {
        status: 500,
        content_type: String::new(),
        body: String::new(),
    });
    server.push_fault(Fault::Raw {
        status: 400,
        content_type: "application/json".into(),
        body: r#"{"is_success":false,"error_code":"ModelArts.0104","error_msg":"bad"}"#.into(),
    });

    let reply = get(&server, LIST).await;
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (200, "{\"is_success\": tru")
    );
    let reply = get(&server, LIST).await;
    assert_eq!((reply.status, reply.body.as_str()), (500, ""));
    assert_eq!(reply.header("content-type"), None);
    let reply = get(&server, LIST).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error_msg"], "bad");
    assert_eq!(get(&server, LIST).await.status, 200);
}

#[tokio::test]
async fn delay_fault_slows_one_answer() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    server.push_fault(Fault::Delay(Duration::from_millis(600)));

    let started = Instant::now();
    let reply = get(&server, LIST).await;
    assert_eq!(reply.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(600));

    let started = Instant::now();
    get(&server, LIST).await;
    assert!(started.elapsed() < Duration::from_millis(600));
}

#[tokio::test]
async fn faults_are_fifo_list_only_and_clearable() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    for status in [503, 504] {
        server.push_fault(Fault::Raw {
            status,
            content_type: "text/plain".into(),
            body: format!("{status}"),
        });
    }
    // Non-list requests leave the queue alone.
    assert_eq!(get(&server, "/config.json").await.status, 200);
    assert_eq!(get(&server, LIST).await.status, 503);
    assert_eq!(get(&server, LIST).await.status, 504);
    assert_eq!(get(&server, LIST).await.status, 200);

    server.push_fault(Fault::Raw {
        status: 500,
        content_type: "text/plain".into(),
        body: "boom".into(),
    });
    server.clear_faults();
    assert_eq!(get(&server, LIST).await.status, 200);
}

#[tokio::test]
async fn request_log_records_every_list_request_in_order() {
    let options = Options {
        required_token: Some("t".into()),
        ..Options::default()
    };
    let server = Server::start(options, 0).await.unwrap();
    let token = [("X-Auth-Token", "t")];

    get_with(&server, LIST, &token).await;
    get_with(&server, &format!("{LIST}?per_page=0"), &token).await; // 400
    get(&server, &format!("{LIST}?page=2")).await; // 401
    get(&server, "/config.json").await; // not a list request
    get(&server, "/v1/demo-project/other").await; // not a list request
    get_with(
        &server,
        "/v1/p%20x/visualization-jobs?search_content=a%20b+c&sortBy=status",
        &token,
    )
    .await;

    assert_eq!(
        server.list_requests(),
        vec![
            LIST.to_owned(),
            format!("{LIST}?per_page=0"),
            format!("{LIST}?page=2"),
            "/v1/p%20x/visualization-jobs?search_content=a%20b+c&sortBy=status".to_owned(),
        ]
    );
    server.clear_requests();
    assert!(server.list_requests().is_empty());
    get_with(&server, LIST, &token).await;
    assert_eq!(server.list_requests(), vec![LIST.to_owned()]);
}

#[tokio::test]
async fn set_jobs_replaces_the_store() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    assert_eq!(get(&server, LIST).await.json()["job_total_count"], 150);
    server.set_jobs(vec![job(42, "only-one", 11)]);
    let reply = get(&server, LIST).await;
    assert_eq!(reply.job_ids(), vec![42]);
    assert_eq!(
        reply.json()["jobs"][0]["service_url"],
        "https://console.example.com/42/"
    );
    server.set_jobs(Vec::new());
    assert_eq!(get(&server, LIST).await.json()["job_total_count"], 0);
}

#[tokio::test]
async fn url_and_addr_agree_and_shutdown_stops_serving() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    let addr = server.addr();
    assert!(addr.ip().is_loopback());
    assert_ne!(addr.port(), 0);
    assert_eq!(server.url(), format!("http://127.0.0.1:{}", addr.port()));
    server.shutdown().await.unwrap();
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn unknown_api_paths_get_a_gateway_404() {
    let server = Server::start(Options::default(), 0).await.unwrap();
    for path in [
        "/v1/demo-project/other",
        "/v1/demo-project/visualization-jobs/123/logs",
        "/v1/demo-project/visualization-jobs/123/stop", // stop is POST only
    ] {
        let reply = get(&server, path).await;
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.json()["error_code"], "APIG.0101");
    }
    assert_eq!(get(&server, "/anything").await.status, 404);
}
