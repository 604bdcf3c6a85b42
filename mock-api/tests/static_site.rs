//! Serving the built console: files, SPA fallback, MIME types and config.json precedence.

mod common;

use common::{get, temp_dir, LIST};
use mock_api::{Options, Server, DEFAULT_CONFIG_JSON};

const INDEX: &str = "<!doctype html><title>console</title>";

fn site(name: &str, with_config: bool) -> std::path::PathBuf {
    let dir = temp_dir(name);
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("app.js"), "console.log('hi');").unwrap();
    std::fs::write(dir.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    if with_config {
        std::fs::write(dir.join("config.json"), r#"{"project_id":"from-file"}"#).unwrap();
    }
    dir
}

async fn serve(static_dir: Option<std::path::PathBuf>, config_json: Option<&str>) -> Server {
    let options = Options {
        static_dir,
        config_json: config_json.map(str::to_owned),
        ..Options::default()
    };
    Server::start(options, 0).await.unwrap()
}

#[tokio::test]
async fn serves_files_with_spa_fallback() {
    let dir = site("files", false);
    let server = serve(Some(dir.clone()), None).await;

    let reply = get(&server, "/").await;
    assert_eq!((reply.status, reply.body.as_str()), (200, INDEX));
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));

    let reply = get(&server, "/app.js").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, "console.log('hi');");
    assert!(reply.header("content-type").unwrap().contains("javascript"));

    let reply = get(&server, "/app_bg.wasm").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/wasm"));

    // Client-side routes and missing files get the console itself.
    for path in ["/jobs", "/jobs/123?tab=logs", "/missing.js"] {
        let reply = get(&server, path).await;
        assert_eq!((reply.status, reply.body.as_str()), (200, INDEX), "{path}");
    }

    // ... but never API paths, and the API still answers.
    let reply = get(&server, "/v1/demo-project/nope").await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["error_code"], "APIG.0101");
    assert_eq!(get(&server, LIST).await.status, 200);

    std::fs::remove_dir_all(dir).unwrap();
}

async fn assert_config(server: &Server, expected_body: &str) {
    let reply = get(server, "/config.json").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, expected_body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn config_json_prefers_options_then_file_then_default() {
    let explicit = r#"{"api_base":"http://elsewhere","project_id":"p"}"#;
    let with_file = site("config-file", true);
    let without_file = site("config-none", false);

    assert_config(
        &serve(Some(with_file.clone()), Some(explicit)).await,
        explicit,
    )
    .await;
    assert_config(
        &serve(Some(with_file.clone()), None).await,
        r#"{"project_id":"from-file"}"#,
    )
    .await;
    assert_config(
        &serve(Some(without_file.clone()), None).await,
        DEFAULT_CONFIG_JSON,
    )
    .await;
    assert_config(&serve(None, None).await, DEFAULT_CONFIG_JSON).await;
    assert_config(&serve(None, Some(explicit)).await, explicit).await;

    std::fs::remove_dir_all(with_file).unwrap();
    std::fs::remove_dir_all(without_file).unwrap();
}

#[tokio::test]
async fn default_config_is_the_documented_json() {
    let config: serde_json::Value = serde_json::from_str(DEFAULT_CONFIG_JSON).unwrap();
    assert_eq!(
        config,
        serde_json::json!({
            "api_base": "",
            "project_id": "demo-project",
            "workspace_id": "0",
            "refresh_seconds": 30,
            "request_timeout_seconds": 20,
            "language": "auto"
        })
    );
}

#[tokio::test]
async fn without_static_dir_unknown_paths_are_404() {
    let server = serve(None, None).await;
    assert_eq!(get(&server, "/").await.status, 404);
    assert_eq!(get(&server, "/index.html").await.status, 404);
}

/// As deploy/nginx.conf: Trunk's hashed files are kept a year, everything else is
/// revalidated, and a missing hashed file (answered with index.html) is never kept.
#[tokio::test]
async fn hashed_files_are_kept_and_the_rest_revalidated() {
    let dir = site("cache", false);
    std::fs::write(dir.join("app-0f3a9c.js"), "console.log('hashed');").unwrap();
    std::fs::write(dir.join("app-0f3a9c_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let server = serve(Some(dir.clone()), None).await;

    for path in ["/app-0f3a9c.js", "/app-0f3a9c_bg.wasm"] {
        let reply = get(&server, path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(
            reply.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
    }
    for path in ["/", "/index.html", "/app.js", "/app-0f3a9d.js", "/jobs/1"] {
        let reply = get(&server, path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("cache-control"), Some("no-cache"), "{path}");
    }
    // The API's answers keep their own headers.
    assert_eq!(get(&server, LIST).await.header("cache-control"), None);

    std::fs::remove_dir_all(dir).unwrap();
}
