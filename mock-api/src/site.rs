//! The static side of the server: the built console (with SPA fallback) and its
//! runtime `config.json`.

use std::path::Path;

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use tower_http::services::{ServeDir, ServeFile};

/// What `/config.json` says when neither the options nor the static dir provide one:
/// same-origin API, the demo project.
pub const DEFAULT_CONFIG_JSON: &str = r#"{"api_base":"","project_id":"demo-project","workspace_id":"0","refresh_seconds":30,"request_timeout_seconds":20,"language":"auto"}"#;

/// Serves `dir`, answering unknown paths with its `index.html` (status 200) so client-side
/// routes survive a reload. `.wasm` gets `application/wasm` from ServeDir's MIME guess.
pub fn static_files(dir: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))
}

/// `/config.json`: the explicit body if given, else the static dir's file, else the
/// default. Never cached, so a changed deployment config is picked up on reload.
pub async fn config_json(explicit: Option<&str>, static_dir: Option<&Path>) -> Response {
    let body = match explicit {
        Some(body) => body.to_owned(),
        None => match static_dir {
            // Read per request so the file can be edited while the server runs.
            Some(dir) => tokio::fs::read_to_string(dir.join("config.json"))
                .await
                .unwrap_or_else(|_| DEFAULT_CONFIG_JSON.to_owned()),
            None => DEFAULT_CONFIG_JSON.to_owned(),
        },
    };
    (
        [
            (CONTENT_TYPE, "application/json"),
            (CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}
