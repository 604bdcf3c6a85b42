//! Routes, shared state and the in-process server handle used by the binary and the tests.

use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Path, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::data::{demo_jobs, DemoJob};
use crate::list::select;
use crate::query::parse_list_query;
use crate::render::{error_body, list_body};
use crate::site;

/// Path of the one real endpoint (axum 0.8 syntax).
pub const LIST_PATH: &str = "/v1/{project_id}/visualization-jobs";
/// Header carrying the IAM token.
pub const TOKEN_HEADER: &str = "X-Auth-Token";

/// How the server behaves; `Options::default()` is the plain demo.
#[derive(Clone, Debug)]
pub struct Options {
    /// Number of generated demo jobs (ignored when `jobs` is set).
    pub job_count: usize,
    /// Added before answering every list request.
    pub latency: Duration,
    /// When set, list requests need this exact `X-Auth-Token`.
    pub required_token: Option<String>,
    /// Built console to serve at `/`, with SPA fallback to its `index.html`.
    pub static_dir: Option<PathBuf>,
    /// Body of `/config.json`, overriding the static dir's file and the default.
    pub config_json: Option<String>,
    /// Used instead of the generated demo data.
    pub jobs: Option<Vec<DemoJob>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            job_count: 150,
            latency: Duration::ZERO,
            required_token: None,
            static_dir: None,
            config_json: None,
            jobs: None,
        }
    }
}

/// A scripted misbehaviour for the next list request.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Answer the next list request with exactly this status, content type and body
    /// (an empty `content_type` sends no Content-Type header).
    Raw {
        status: u16,
        content_type: String,
        body: String,
    },
    /// Wait this long before answering normally (to provoke client timeouts).
    Delay(Duration),
}

/// What changes at run time; shared between the handle and the handlers.
#[derive(Default)]
struct Shared {
    jobs: Vec<DemoJob>,
    faults: VecDeque<Fault>,
    requests: Vec<String>,
}

/// Fixed at start.
struct Settings {
    latency: Duration,
    required_token: Option<String>,
    static_dir: Option<PathBuf>,
    config_json: Option<String>,
}

#[derive(Clone)]
struct AppState {
    settings: Arc<Settings>,
    shared: Arc<Mutex<Shared>>,
    static_files: Option<ServeDir<ServeFile>>,
}

/// Locks the shared state; a panic in another holder leaves the data usable, so poisoning
/// is ignored rather than failing every later request.
fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running mock server. Dropping it asks the server to shut down.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Server {
    /// Binds 127.0.0.1:`port` (0 = any free port) and serves in a spawned tokio task.
    pub async fn start(options: Options, port: u16) -> std::io::Result<Server> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;

        let jobs = options
            .jobs
            .unwrap_or_else(|| demo_jobs(options.job_count, now_ms()));
        let shared = Arc::new(Mutex::new(Shared {
            jobs,
            ..Shared::default()
        }));
        let settings = Settings {
            latency: options.latency,
            required_token: options.required_token,
            static_dir: options.static_dir,
            config_json: options.config_json,
        };
        let static_files = settings.static_dir.as_deref().map(site::static_files);
        let app = router(AppState {
            settings: Arc::new(settings),
            shared: Arc::clone(&shared),
            static_files,
        });

        let (shutdown, shutdown_signal) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    // Either a send or the sender's drop means "stop".
                    let _ = shutdown_signal.await;
                })
                .await
        });

        Ok(Server {
            addr,
            shared,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Queues a fault; each list request takes the oldest one, if any.
    pub fn push_fault(&self, fault: Fault) {
        lock(&self.shared).faults.push_back(fault);
    }

    pub fn clear_faults(&self) {
        lock(&self.shared).faults.clear();
    }

    /// Raw path and query (as sent, still percent-encoded) of every list request so far,
    /// including rejected ones, oldest first.
    pub fn list_requests(&self) -> Vec<String> {
        lock(&self.shared).requests.clone()
    }

    pub fn clear_requests(&self) {
        lock(&self.shared).requests.clear();
    }

    /// Replaces the job store; later requests see the new jobs.
    pub fn set_jobs(&self, jobs: Vec<DemoJob>) {
        lock(&self.shared).jobs = jobs;
    }

    /// Stops accepting connections and waits for open ones to finish.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        match self.task.take() {
            Some(task) => task.await.map_err(std::io::Error::other)?,
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

fn router(state: AppState) -> Router {
    Router::new()
        .route(LIST_PATH, get(list_jobs))
        .route("/config.json", get(config_json))
        .fallback(fallback)
        .with_state(state)
}

async fn list_jobs(
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let fault = {
        let mut shared = lock(&state.shared);
        let raw_request = uri
            .path_and_query()
            .map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned());
        shared.requests.push(raw_request);
        shared.faults.pop_front()
    };

    if !state.settings.latency.is_zero() {
        tokio::time::sleep(state.settings.latency).await;
    }
    match fault {
        Some(Fault::Raw {
            status,
            content_type,
            body,
        }) => return raw_response(status, &content_type, body),
        Some(Fault::Delay(delay)) => tokio::time::sleep(delay).await,
        None => {}
    }

    if let Some(token) = &state.settings.required_token {
        let sent = headers.get(TOKEN_HEADER).and_then(|v| v.to_str().ok());
        if sent != Some(token.as_str()) {
            return json_response(
                StatusCode::UNAUTHORIZED,
                error_body(
                    "APIG.0301",
                    "Incorrect IAM authentication information: token missing or invalid",
                ),
            );
        }
    }

    let query = match parse_list_query(uri.query()) {
        Ok(query) => query,
        Err(error) => {
            return json_response(
                StatusCode::BAD_REQUEST,
                error_body("ModelArts.0104", &error.0),
            )
        }
    };

    let body = {
        let shared = lock(&state.shared);
        let page = select(&shared.jobs, &query);
        list_body(&page, shared.jobs.len(), &project_id, now_ms())
    };
    json_response(StatusCode::OK, body)
}

/// Everything but the list endpoint and config.json: other `/v1/` paths answer like the
/// API gateway does for an unpublished API (never with the console's index.html); the
/// rest goes to the static files, if any.
async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    if request.uri().path().starts_with("/v1/") {
        return json_response(
            StatusCode::NOT_FOUND,
            error_body(
                "APIG.0101",
                "The API does not exist or has not been published",
            ),
        );
    }
    match state.static_files {
        Some(files) => match files.oneshot(request).await {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        },
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn config_json(State(state): State<AppState>) -> Response {
    let settings = &state.settings;
    site::config_json(
        settings.config_json.as_deref(),
        settings.static_dir.as_deref(),
    )
    .await
}

fn json_response(status: StatusCode, body: String) -> Response {
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}

fn raw_response(status: u16, content_type: &str, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body).into_response();
    // `String` bodies default to text/plain; the fault decides instead.
    response.headers_mut().remove(CONTENT_TYPE);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        if !content_type.is_empty() {
            response.headers_mut().insert(CONTENT_TYPE, value);
        }
    }
    response
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}
