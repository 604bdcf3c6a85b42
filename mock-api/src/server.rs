//! The in-process server handle used by the binary and the tests: options, test hooks
//! (faults, request logs, the store) and the routes.

use std::collections::{HashMap, VecDeque};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::services::{ServeDir, ServeFile};

use crate::data::{demo_jobs, DemoJob};
use crate::endpoints;
use crate::site;
use crate::store::Store;

/// Path of the list (GET) and create (POST) endpoint (axum 0.8 syntax).
pub const LIST_PATH: &str = "/v1/{project_id}/visualization-jobs";
/// Path of one job: detail (GET), description edit (PUT), delete (DELETE).
pub const JOB_PATH: &str = "/v1/{project_id}/visualization-jobs/{job_id}";
/// Stop (POST).
pub const STOP_PATH: &str = "/v1/{project_id}/visualization-jobs/{job_id}/stop";
/// Restart (POST).
pub const RESTART_PATH: &str = "/v1/{project_id}/visualization-jobs/{job_id}/restart";
/// Header carrying the IAM token.
pub const TOKEN_HEADER: &str = "X-Auth-Token";
/// Header every change request must carry, with the value [`REQUESTED_WITH_VALUE`].
pub const REQUESTED_WITH_HEADER: &str = "X-Requested-With";
pub const REQUESTED_WITH_VALUE: &str = "vizjobs";

/// How the server behaves; `Options::default()` is the plain demo.
#[derive(Clone, Debug)]
pub struct Options {
    /// Number of generated demo jobs (ignored when `jobs` is set).
    pub job_count: usize,
    /// Added before answering every API request (list, detail and the five changes).
    pub latency: Duration,
    /// When set, every API request needs this exact `X-Auth-Token`.
    pub required_token: Option<String>,
    /// Built console to serve at `/`, with SPA fallback to its `index.html`.
    pub static_dir: Option<PathBuf>,
    /// Body of `/config.json`, overriding the static dir's file and the default.
    pub config_json: Option<String>,
    /// Used instead of the generated demo data.
    pub jobs: Option<Vec<DemoJob>>,
    /// Length of each phase of an accepted asynchronous action: stop is canceling (9) for
    /// one step, then canceled (12); restart and create are initializing (1) for one step,
    /// queuing (7) for another, then running (8); delete takes the job away after one step.
    pub action_step: Duration,
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
            // Long enough for a person to see each phase in the demo.
            action_step: Duration::from_secs(3),
        }
    }
}

/// A scripted misbehaviour for the next request of one route.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Answer with exactly this status, content type and body (an empty `content_type`
    /// sends no Content-Type header). A change request answered this way changes nothing.
    Raw {
        status: u16,
        content_type: String,
        body: String,
    },
    /// Wait this long before answering normally (to provoke client timeouts). A change
    /// request is carried out after the wait.
    Delay(Duration),
}

/// The API endpoints, each with its own fault queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// `GET …/visualization-jobs`
    List,
    /// `GET …/visualization-jobs/{job_id}`
    Detail,
    /// `POST …/visualization-jobs`
    Create,
    /// `PUT …/visualization-jobs/{job_id}`
    Edit,
    /// `DELETE …/visualization-jobs/{job_id}`
    Delete,
    /// `POST …/visualization-jobs/{job_id}/stop`
    Stop,
    /// `POST …/visualization-jobs/{job_id}/restart`
    Restart,
}

impl Route {
    /// Whether requests of this route change something (and so need `X-Requested-With`).
    pub fn changes(self) -> bool {
        !matches!(self, Route::List | Route::Detail)
    }
}

/// A POST, PUT or DELETE as the server received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    /// Path and query as sent, still percent-encoded.
    pub path: String,
    /// The body, as text (invalid UTF-8 replaced).
    pub body: String,
    /// Value of `X-Requested-With`, if sent.
    pub requested_with: Option<String>,
    /// Value of `Content-Type`, if sent.
    pub content_type: Option<String>,
}

/// What changes at run time; shared between the handle and the handlers.
pub(crate) struct Shared {
    pub store: Store,
    faults: HashMap<Route, VecDeque<Fault>>,
    pub list_requests: Vec<String>,
    pub detail_requests: Vec<String>,
    pub change_requests: Vec<RecordedRequest>,
}

impl Shared {
    /// The oldest fault queued for `route`, if any.
    pub fn take_fault(&mut self, route: Route) -> Option<Fault> {
        self.faults.get_mut(&route).and_then(VecDeque::pop_front)
    }
}

/// Fixed at start.
pub(crate) struct Settings {
    pub latency: Duration,
    pub required_token: Option<String>,
    pub static_dir: Option<PathBuf>,
    pub config_json: Option<String>,
}

#[derive(Clone)]
pub(crate) struct AppState {
    pub settings: Arc<Settings>,
    pub shared: Arc<Mutex<Shared>>,
    pub static_files: Option<ServeDir<ServeFile>>,
}

/// Locks the shared state; a panic in another holder leaves the data usable, so poisoning
/// is ignored rather than failing every later request.
pub(crate) fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
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
        let step_ms = i64::try_from(options.action_step.as_millis()).unwrap_or(i64::MAX / 4);
        let shared = Arc::new(Mutex::new(Shared {
            store: Store::new(jobs, step_ms),
            faults: HashMap::new(),
            list_requests: Vec::new(),
            detail_requests: Vec::new(),
            change_requests: Vec::new(),
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
        // No Nagle: hyper writes an answer's head and body apart, and with Nagle on, the
        // body can wait for the browser's delayed ACK (~40 ms on Linux loopback). nginx,
        // the real gateway, sets TCP_NODELAY on keep-alive connections too.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
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

    /// Queues a fault for the list endpoint; each list request takes the oldest one.
    pub fn push_fault(&self, fault: Fault) {
        self.push_fault_for(Route::List, fault);
    }

    /// Queues a fault for one route; each request of that route takes its oldest one.
    pub fn push_fault_for(&self, route: Route, fault: Fault) {
        lock(&self.shared)
            .faults
            .entry(route)
            .or_default()
            .push_back(fault);
    }

    /// Forgets the queued faults of every route.
    pub fn clear_faults(&self) {
        lock(&self.shared).faults.clear();
    }

    /// Raw path and query (as sent, still percent-encoded) of every list request so far,
    /// including rejected ones, oldest first.
    pub fn list_requests(&self) -> Vec<String> {
        lock(&self.shared).list_requests.clone()
    }

    /// Forgets the list requests (only those: the other logs have their own).
    pub fn clear_requests(&self) {
        lock(&self.shared).list_requests.clear();
    }

    /// Raw path and query of every detail request so far, including rejected ones.
    pub fn detail_requests(&self) -> Vec<String> {
        lock(&self.shared).detail_requests.clone()
    }

    pub fn clear_detail_requests(&self) {
        lock(&self.shared).detail_requests.clear();
    }

    /// Every POST, PUT and DELETE under `/v1/` so far (the five change endpoints and any
    /// other path), including refused ones, oldest first.
    pub fn change_requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared).change_requests.clone()
    }

    pub fn clear_change_requests(&self) {
        lock(&self.shared).change_requests.clear();
    }

    /// Replaces the job store (forgetting pending transitions); later requests see the
    /// new jobs.
    pub fn set_jobs(&self, jobs: Vec<DemoJob>) {
        lock(&self.shared).store.replace(jobs);
    }

    /// The store as a request would see it now: current statuses, running durations
    /// worked out, deleted jobs gone.
    pub fn jobs(&self) -> Vec<DemoJob> {
        let now = now_ms();
        let mut shared = lock(&self.shared);
        shared.store.advance(now);
        shared
            .store
            .views(now)
            .into_iter()
            .map(|view| view.job)
            .collect()
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

/// Each endpoint with its own method only; any other method on these paths is answered
/// like an unknown path, as the gateway does.
fn router(state: AppState) -> Router {
    use endpoints::{create, delete, detail, edit, fallback, list, restart, stop};
    Router::new()
        .route(LIST_PATH, get(list).post(create).fallback(fallback))
        .route(
            JOB_PATH,
            get(detail).put(edit).delete(delete).fallback(fallback),
        )
        .route(STOP_PATH, post(stop).fallback(fallback))
        .route(RESTART_PATH, post(restart).fallback(fallback))
        .route("/config.json", get(config_json))
        .fallback(fallback)
        .with_state(state)
}

async fn config_json(State(state): State<AppState>) -> Response {
    let settings = &state.settings;
    site::config_json(
        settings.config_json.as_deref(),
        settings.static_dir.as_deref(),
    )
    .await
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}
