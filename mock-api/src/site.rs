//! The static side of the server: the built console (with SPA fallback) and its
//! runtime `config.json`.

use std::path::Path;

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::StatusCode;
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

/// What `deploy/nginx.conf` sends for a hashed asset: Trunk's file names carry their
/// content's hash, so the file at that address never changes.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` for a static answer, the gateway's rule: a hashed asset that exists
/// is kept for a year; anything else (index.html, a fallback, an error) is revalidated on
/// every load. Without it a warm visit would ask again for every file, which no deployed
/// console does, and the benchmark's warm loads would measure that.
pub fn cache_control(path: &str, status: StatusCode, is_file: bool) -> &'static str {
    let kept = matches!(status.as_u16(), 200 | 206 | 304);
    if kept && is_file && is_hashed_asset(path) {
        CACHE_IMMUTABLE
    } else {
        "no-cache"
    }
}

/// `…-<1 to 16 hex digits>[_bg].(js|wasm|css)`, as the gateway's pattern (Trunk does not
/// zero-pad its hashes).
fn is_hashed_asset(path: &str) -> bool {
    let Some((stem, extension)) = path.rsplit_once('.') else {
        return false;
    };
    if !matches!(extension, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (1..=16).contains(&hash.len())
            && hash
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_that_exist_are_kept_for_a_year() {
        for path in [
            "/vizjobs-40674f2f4b399dd2_bg.wasm",
            "/vizjobs-ed4bedbc161402d9.js",
            "/console/main-cd1befae794ef89a.css",
            "/loader-7.js",
        ] {
            assert_eq!(
                cache_control(path, StatusCode::OK, true),
                CACHE_IMMUTABLE,
                "{path}"
            );
            assert_eq!(
                cache_control(path, StatusCode::NOT_MODIFIED, true),
                CACHE_IMMUTABLE
            );
        }
    }

    #[test]
    fn everything_else_is_revalidated() {
        let no_cache = |path, status, is_file| cache_control(path, status, is_file) == "no-cache";
        // Not hashed, or not a script, wasm or stylesheet.
        for path in [
            "/",
            "/index.html",
            "/plain.js",
            "/main.css",
            "/x-0123456789abcdef0.js",
            "/x-ABCDEF.js",
            "/x-.js",
            "/x-12ab.json",
            "/x-12ab.js.map",
        ] {
            assert!(no_cache(path, StatusCode::OK, true), "{path}");
        }
        // A missing hashed file gets the index page (the SPA fallback): never kept.
        assert!(no_cache("/vizjobs-40674f2f.js", StatusCode::OK, false));
        assert!(no_cache(
            "/vizjobs-40674f2f.js",
            StatusCode::NOT_FOUND,
            true
        ));
    }
}
