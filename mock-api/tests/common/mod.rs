//! A tiny HTTP/1.1 client over a raw TCP stream, so the tests see exactly what goes over
//! the wire (status, headers, body) without pulling in an HTTP client crate.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::time::Duration;

use mock_api::{DemoJob, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const LIST: &str = "/v1/demo-project/visualization-jobs";

/// The path of one job.
pub fn job_path(job_id: u64) -> String {
    format!("{LIST}/{job_id}")
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {:?}", self.body))
    }

    /// The `job_id`s of a list reply's page, in order.
    pub fn job_ids(&self) -> Vec<u64> {
        self.json()["jobs"]
            .as_array()
            .expect("jobs array")
            .iter()
            .map(|job| job["job_id"].as_u64().expect("integer job_id"))
            .collect()
    }
}

pub async fn get(server: &Server, path: &str) -> Reply {
    get_with(server, path, &[]).await
}

pub async fn get_with(server: &Server, path: &str, headers: &[(&str, &str)]) -> Reply {
    send(server, "GET", path, headers, None).await
}

/// The headers the console sends with a change (`X-Requested-With`, and a JSON type when
/// there is a body).
pub const CHANGE_HEADERS: &[(&str, &str)] = &[
    ("X-Requested-With", "vizjobs"),
    ("Content-Type", "application/json"),
];

/// A change request as the console sends it.
pub async fn change(server: &Server, method: &str, path: &str, body: Option<&str>) -> Reply {
    send(server, method, path, CHANGE_HEADERS, body).await
}

/// Any request; a body gets a Content-Length.
pub async fn send(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Reply {
    let mut stream = TcpStream::connect(server.addr()).await.expect("connect");
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    request.push_str(body.unwrap_or(""));
    stream.write_all(request.as_bytes()).await.expect("send");

    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut raw))
        .await
        .expect("reply within 20 s")
        .expect("read");
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body: String::from_utf8(body).expect("UTF-8 body"),
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size");
        let size_text = String::from_utf8_lossy(&data[..line_end]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
            .expect("hex chunk size");
        if size == 0 {
            return out;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}

/// A plain job for hand-made stores.
pub fn job(job_id: u64, job_name: &str, status: i64) -> DemoJob {
    DemoJob {
        job_id,
        job_name: job_name.to_owned(),
        status,
        create_time: 1_700_000_000_000 + job_id as i64,
        duration: 1000,
        job_desc: String::new(),
        service_url: format!("https://console.example.com/{job_id}/"),
        train_url: "/obs/bucket/logs/".to_owned(),
        resource_id: "00000000-0000-4000-8000-000000000000".to_owned(),
    }
}

/// A fresh, empty directory under the system temp dir.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mock-api-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// A server over `jobs` whose asynchronous phases last `step_ms` each.
pub async fn server_with_step(jobs: Vec<DemoJob>, step_ms: u64) -> Server {
    let options = mock_api::Options {
        jobs: Some(jobs),
        action_step: Duration::from_millis(step_ms),
        ..mock_api::Options::default()
    };
    Server::start(options, 0).await.expect("start")
}

/// One job per status code 0..=22, the job ID being the status plus 100.
pub fn one_job_per_status() -> Vec<DemoJob> {
    (0..=22)
        .map(|status| job(100 + status as u64, &format!("job-{status}"), status))
        .collect()
}

/// The job's object in a list of every job (`None` when it is not listed).
pub async fn listed(server: &Server, job_id: u64) -> Option<serde_json::Value> {
    let reply = get(server, &format!("{LIST}?per_page=1000")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["jobs"]
        .as_array()
        .expect("jobs array")
        .iter()
        .find(|job| job["job_id"] == job_id)
        .cloned()
}

/// The job's status from the detail endpoint, `None` once it is gone (404).
pub async fn detail_status(server: &Server, job_id: u64) -> Option<i64> {
    let reply = get(server, &job_path(job_id)).await;
    match reply.status {
        200 => Some(reply.json()["status"].as_i64().expect("integer status")),
        404 => None,
        other => panic!("detail answered {other}: {}", reply.body),
    }
}

/// Polls the detail endpoint until the job reaches `last` (`None`: until it is gone) and
/// returns every status seen, repeats dropped, the first one included.
pub async fn watch(server: &Server, job_id: u64, last: Option<i64>) -> Vec<Option<i64>> {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let mut seen: Vec<Option<i64>> = Vec::new();
    loop {
        let status = detail_status(server, job_id).await;
        if seen.last() != Some(&status) {
            seen.push(status);
        }
        if status == last {
            return seen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "job {job_id} never reached {last:?}; saw {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
