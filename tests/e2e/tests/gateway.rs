//! The console behind a real gateway (issue "Deploy as operators do"): Debian's nginx
//! runs `deploy/nginx.conf`, with only the operator's values replaced (listen address,
//! root, ModelArts endpoint, token file), in front of the stand-in, which answers only
//! requests carrying a token that nothing but the gateway's configuration holds.
//!
//! A missing nginx or brotli_static module fails these tests: `cargo xtask test` (or
//! `cargo xtask setup`) installs both from apt.

use std::{
    fs,
    io::{Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::atomic::{AtomicUsize, Ordering},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use serde_json::Value;
use vizjobs_e2e::{config_json, dist_dir, free_port, Options, Page, Server};

const LIST: &str = "/v1/demo-project/visualization-jobs";
const DEPLOY_CONFIG: &str = include_str!("../../../deploy/nginx.conf");
const BROTLI_STATIC: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Where the operator put the console.
#[derive(Clone, Copy)]
enum Shape {
    /// dist/ is the site: the console at `/`.
    Root,
    /// dist/ copied to `<root>/console/`, and the console's `location /` changed to
    /// `location /console/` as the README says.
    SubPath,
}

/// A token no browser could know: only the gateway's token file holds it.
fn gateway_token() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("gw-only-{}-{nanos}", std::process::id())
}

async fn stand_in(token: &str) -> Server {
    let options = Options {
        required_token: Some(token.to_string()),
        ..Options::default()
    };
    Server::start(options, 0).await.expect("stand-in starts")
}

fn nginx_path() -> PathBuf {
    let path = std::env::var_os("NGINX")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/sbin/nginx"));
    assert!(
        path.is_file(),
        "nginx not found at {}: `cargo xtask setup` installs it (apt: nginx \
         libnginx-mod-http-brotli-static)",
        path.display()
    );
    assert!(
        Path::new(BROTLI_STATIC).is_file(),
        "nginx's brotli_static module is missing ({BROTLI_STATIC}): `cargo xtask setup` \
         installs it (apt: libnginx-mod-http-brotli-static)"
    );
    path
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Replaces `from` (which must occur exactly once, so the deploy file cannot drift away
/// from what this test substitutes) with `to`.
fn substitute(config: &str, from: &str, to: &str) -> String {
    assert_eq!(
        config.matches(from).count(),
        1,
        "deploy/nginx.conf should contain `{from}` exactly once"
    );
    config.replacen(from, to, 1)
}

/// A copy of `dist/` as an operator makes it (symlinks here), with the test's
/// `config.json` (the demo project, no auto-refresh) in place of the shipped one.
fn copy_dist(to: &Path) {
    fs::create_dir_all(to).expect("site folder");
    for entry in fs::read_dir(dist_dir()).expect("dist/ lists") {
        let entry = entry.expect("dist/ entry");
        if entry.file_name() == "config.json" {
            continue;
        }
        std::os::unix::fs::symlink(entry.path(), to.join(entry.file_name()))
            .expect("symlink into the site folder");
    }
    fs::write(to.join("config.json"), config_json(&[])).expect("config.json");
}

/// A folder removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Debian's nginx in the foreground, stopped (and its folder removed) when dropped.
struct Gateway {
    child: Child,
    port: u16,
    dir: TempDir,
}

impl Gateway {
    fn start(shape: Shape, upstream: &str, token: &str) -> Gateway {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let nginx = nginx_path();
        let dir = std::env::temp_dir().join(format!(
            "vizjobs-gateway-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&dir);
        let dir = TempDir(dir);
        let site = dir.0.join("site");
        copy_dist(&match shape {
            Shape::Root => site.clone(),
            Shape::SubPath => site.join("console"),
        });
        let token_file = dir.0.join("vizjobs-token.conf");
        fs::write(&token_file, format!("set $vizjobs_token \"{token}\";\n")).expect("token file");
        let port = free_port();

        let mut server = DEPLOY_CONFIG.to_string();
        server = substitute(&server, "listen 80;", &format!("listen 127.0.0.1:{port};"));
        server = substitute(
            &server,
            "root /srv/vizjobs;",
            &format!("root {};", site.display()),
        );
        server = substitute(
            &server,
            "https://modelarts.cn-north-4.myhuaweicloud.com",
            upstream,
        );
        server = substitute(
            &server,
            "include /etc/nginx/vizjobs-token.conf;",
            &format!("include {};", token_file.display()),
        );
        if let Shape::SubPath = shape {
            server = substitute(&server, "    location / {", "    location /console/ {");
        }
        fs::write(dir.0.join("vizjobs.conf"), server).expect("server config");

        // What Debian's /etc/nginx/nginx.conf provides around a conf.d file, with every
        // path inside the test's folder. As root, workers would otherwise run as
        // `nobody`, who need not be able to read the checkout's dist/.
        let d = dir.0.display();
        let main = format!(
            "load_module {BROTLI_STATIC};\n\
             {user}\
             worker_processes 1;\n\
             daemon off;\n\
             pid {d}/nginx.pid;\n\
             error_log {d}/error.log;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n\
                 include /etc/nginx/mime.types;\n\
                 default_type application/octet-stream;\n\
                 access_log {d}/access.log;\n\
                 client_body_temp_path {d}/body;\n\
                 proxy_temp_path {d}/proxy;\n\
                 fastcgi_temp_path {d}/fastcgi;\n\
                 uwsgi_temp_path {d}/uwsgi;\n\
                 scgi_temp_path {d}/scgi;\n\
                 include {d}/vizjobs.conf;\n\
             }}\n",
            user = if is_root() { "user root;\n" } else { "" },
        );
        fs::write(dir.0.join("nginx.conf"), main).expect("main config");

        let child = Command::new(&nginx)
            .arg("-p")
            .arg(&dir.0)
            .arg("-e")
            .arg(dir.0.join("error.log"))
            .arg("-c")
            .arg(dir.0.join("nginx.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", nginx.display()));
        let mut gateway = Gateway { child, port, dir };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            let exited = gateway.child.try_wait().expect("nginx status");
            if exited.is_some() || started.elapsed() > Duration::from_secs(10) {
                panic!(
                    "nginx did not start ({exited:?}) with deploy/nginx.conf:\n{}",
                    fs::read_to_string(gateway.dir.0.join("error.log")).unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        gateway
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        http(self.port, "GET", path, headers)
    }
}

impl Drop for Gateway {
    /// SIGTERM, so that the master stops its workers before it exits (a SIGKILL would
    /// leave them running); SIGKILL only if it has not gone after a few seconds.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange, as raw as the browser sees it.
struct Response {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    /// Everything the client received, for "the token is not in it".
    fn everything(&self) -> String {
        format!("{}\n{}", self.head, String::from_utf8_lossy(&self.body))
    }
}

fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("receive");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete HTTP head");
    let head = String::from_utf8_lossy(&raw[..split]).replace("\r\n", "\n");
    let mut response = Response {
        status: head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status code"),
        head,
        body: raw[split + 4..].to_vec(),
    };
    if response
        .header("Transfer-Encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        response.body = dechunk(&response.body);
    }
    response
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size");
        let size_text = String::from_utf8_lossy(&data[..line_end]).to_string();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .expect("hex chunk size");
        if size == 0 {
            return out;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}

/// The one file in `dist/` whose name starts and ends so.
fn dist_file(prefix: &str, suffix: &str) -> String {
    let names: Vec<String> = fs::read_dir(dist_dir())
        .expect("dist/ lists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .collect();
    assert_eq!(names.len(), 1, "dist/{prefix}*{suffix}: {names:?}");
    names[0].clone()
}

fn dist_bytes(name: &str) -> Vec<u8> {
    fs::read(dist_dir().join(name)).unwrap_or_else(|e| panic!("dist/{name}: {e}"))
}

/// The policy of the `<meta>` the build writes into index.html.
fn meta_policy() -> String {
    let html = String::from_utf8(dist_bytes("index.html")).expect("UTF-8 index.html");
    let marker = "http-equiv=\"Content-Security-Policy\" content=\"";
    let start = html.find(marker).expect("index.html has a CSP meta tag") + marker.len();
    let end = start + html[start..].find('"').expect("end of the policy");
    html[start..end].to_string()
}

fn assert_immutable(response: &Response, what: &str) {
    let cache = response.header("Cache-Control").unwrap_or_default();
    assert!(
        cache.contains("immutable") && cache.contains("max-age=31536000"),
        "{what}: Cache-Control {cache:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_serves_dist_as_promised_and_keeps_the_token_to_itself() {
    let token = gateway_token();
    let server = stand_in(&token).await;
    let port = server.addr().port();
    assert_eq!(
        http(port, "GET", LIST, &[]).status,
        401,
        "the stand-in refuses a request without the gateway's token"
    );
    server.clear_requests();
    let gateway = Gateway::start(Shape::Root, &server.url(), &token);
    let mut answers = Vec::new();

    // index.html: relative asset addresses, revalidated on every load, precompressed,
    // and the page's own policy as a header (plus what only a header can say).
    let index_text = String::from_utf8(dist_bytes("index.html")).expect("UTF-8");
    let policy = meta_policy();
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    for (encoding, suffix) in [("br", ".br"), ("gzip", ".gz")] {
        let index = gateway.get("/", &[("Accept-Encoding", encoding)]);
        assert_eq!(index.status, 200, "{}", index.head);
        assert_eq!(index.header("Content-Type"), Some("text/html"));
        assert_eq!(index.header("Content-Encoding"), Some(encoding));
        assert_eq!(index.header("Cache-Control"), Some("no-cache"));
        assert_eq!(index.body, dist_bytes(&format!("index.html{suffix}")));
        assert_eq!(
            index.header("Content-Security-Policy"),
            Some(format!("{policy}; frame-ancestors 'none'").as_str()),
            "the header repeats the build's <meta> policy"
        );
        assert_eq!(index.header("X-Content-Type-Options"), Some("nosniff"));
        answers.push(index);
    }
    let plain = gateway.get("/index.html", &[]);
    assert_eq!(plain.header("Content-Encoding"), None);
    assert_eq!(plain.body, index_text.as_bytes());

    // Trunk's hashed files: the right types, a year immutable, each encoding served from
    // its precompressed file and nothing compressed on the fly.
    for (name, content_type) in [
        (dist_file("vizjobs-", "_bg.wasm"), "application/wasm"),
        (dist_file("vizjobs-", ".js"), "application/javascript"),
        (dist_file("loader-", ".js"), "application/javascript"),
        (dist_file("main-", ".css"), "text/css"),
    ] {
        assert!(
            index_text.contains(&format!("\"./{name}\"")),
            "index.html loads {name} by a relative address"
        );
        let path = format!("/{name}");
        let identity = gateway.get(&path, &[]);
        assert_eq!(identity.status, 200, "{name}: {}", identity.head);
        assert_eq!(
            identity.header("Content-Type"),
            Some(content_type),
            "{name}"
        );
        assert_eq!(identity.header("Content-Encoding"), None, "{name}");
        assert_eq!(identity.body, dist_bytes(&name), "{name}");
        assert_immutable(&identity, &name);
        for (accept, encoding, suffix) in
            [("gzip, deflate, br", "br", ".br"), ("gzip", "gzip", ".gz")]
        {
            let encoded = gateway.get(&path, &[("Accept-Encoding", accept)]);
            assert_eq!(encoded.status, 200, "{name}");
            assert_eq!(
                encoded.header("Content-Encoding"),
                Some(encoding),
                "{name} for Accept-Encoding: {accept}"
            );
            assert_eq!(encoded.header("Content-Type"), Some(content_type), "{name}");
            assert_eq!(encoded.header("Vary"), Some("Accept-Encoding"), "{name}");
            assert_eq!(
                encoded.body,
                dist_bytes(&format!("{name}{suffix}")),
                "{name}{suffix}"
            );
            assert_immutable(&encoded, &name);
        }
        answers.push(identity);
    }

    // config.json: the operator's edits show at once.
    let config = gateway.get("/config.json", &[]);
    assert_eq!(config.status, 200);
    assert_eq!(config.header("Content-Type"), Some("application/json"));
    assert_eq!(config.header("Cache-Control"), Some("no-cache"));
    assert_eq!(config.body, config_json(&[]).as_bytes());
    answers.push(config);

    // Never the page where a file is expected, and nothing a 404 could be cached for.
    let gone = gateway.get("/vizjobs-0123456789abcdef_bg.wasm", &[]);
    assert_eq!(gone.status, 404, "a missing hashed file");
    assert_eq!(gone.header("Cache-Control"), Some("no-cache"));
    assert_eq!(gateway.get("/.trunk-lock", &[]).status, 404, "dot files");
    assert_eq!(
        gateway.get("/some/deeper/folder", &[]).status,
        404,
        "relative asset addresses would break there"
    );
    let fallback = gateway.get("/jobs?page=2", &[]);
    assert_eq!(fallback.status, 200, "single-page fallback");
    assert_eq!(fallback.body, index_text.as_bytes());

    // The API: the gateway's token replaces whatever the request brings.
    let forged = gateway.get(
        &format!("{LIST}?per_page=1"),
        &[("X-Auth-Token", "forged-by-the-browser")],
    );
    assert_eq!(forged.status, 200, "{}", forged.everything());
    let body: Value = serde_json::from_slice(&forged.body).expect("a JSON job list");
    assert_eq!(body["job_total_count"], 150);
    answers.push(forged);
    assert_eq!(
        server.list_requests(),
        [format!("{LIST}?per_page=1")],
        "the stand-in saw the request once, as sent"
    );
    // Only the job list, only read.
    for method in ["POST", "PUT", "DELETE"] {
        let refused = http(gateway.port, method, LIST, &[]);
        assert_eq!(refused.status, 403, "{method}");
        answers.push(refused);
    }
    for path in [
        "/v1/demo-project/visualization-jobs/1",
        "/v1/demo-project/training-jobs",
    ] {
        let refused = gateway.get(path, &[]);
        assert_eq!(refused.status, 404, "{path}");
        answers.push(refused);
    }

    for answer in &answers {
        assert!(
            !answer.everything().contains(&token),
            "the token reached a client:\n{}",
            answer.everything()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_gateway_the_page_loads_and_lists_jobs() {
    let token = gateway_token();
    let server = stand_in(&token).await;
    let gateway = Gateway::start(Shape::Root, &server.url(), &token);
    let page = Page::open_at(server, &gateway.url(), "/").await;
    page.wait_rows(10).await;
    assert_eq!(page.text("page-info").await, "Page 1 of 15");
    assert_eq!(
        page.take_requests(),
        [LIST],
        "the gateway's token reached the stand-in"
    );

    // The browser got the wasm compressed (Chromium asks for gzip over plain HTTP).
    let sizes = page
        .js(
            "const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('_bg.wasm')); \
             return e ? [e.encodedBodySize, e.decodedBodySize] : null;",
        )
        .await;
    let size = |i: usize| {
        sizes[i]
            .as_u64()
            .unwrap_or_else(|| panic!("wasm timing: {sizes}"))
    };
    let (encoded, decoded) = (size(0), size(1));
    assert!(
        encoded > 0 && encoded < decoded,
        "the wasm came compressed: {encoded} of {decoded} bytes"
    );

    // What the page itself can see of the gateway: the policy header, and the API's
    // answer and headers, none of it holding the token.
    let seen = page
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const show = async (url) => {
                 const r = await fetch(url, { headers: { Accept: 'application/json' } });
                 return { status: r.status, headers: [...r.headers].map(h => h.join(': ')).join('\\n'), body: await r.text() };
             };
             Promise.all([show(location.href), show('/v1/demo-project/visualization-jobs')])
                 .then(done, e => done(String(e)));",
            vec![],
        )
        .await
        .expect("fetches from the page");
    let (document, api) = (&seen[0], &seen[1]);
    assert_eq!(document["status"], 200, "{seen}");
    assert!(
        document["headers"]
            .as_str()
            .unwrap()
            .contains("content-security-policy: script-src 'self' 'wasm-unsafe-eval';"),
        "{document}"
    );
    assert_eq!(api["status"], 200, "{api}");
    assert!(!seen.to_string().contains(&token), "the page saw the token");
    let html = page.js("return document.documentElement.outerHTML").await;
    assert!(!html.to_string().contains(&token));
    page.close().await;
    drop(gateway);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_a_sub_path_a_deep_link_and_a_reload_keep_the_view() {
    let token = gateway_token();
    let server = stand_in(&token).await;
    let gateway = Gateway::start(Shape::SubPath, &server.url(), &token);
    let page = Page::open_at(server, &gateway.url(), "/console/?page=2").await;
    page.wait_rows(10).await;
    let page_two: Vec<String> = (11..=20).map(|i| i.to_string()).collect();
    assert_eq!(page.attrs("job-row", "data-job-id").await, page_two);
    assert_eq!(page.text("page-info").await, "Page 2 of 15");
    assert_eq!(page.take_requests(), [format!("{LIST}?page=2")]);

    page.client.refresh().await.expect("reload");
    page.wait_rows(10).await;
    assert_eq!(
        page.url().await,
        format!("{}/console/?page=2", gateway.url())
    );
    assert_eq!(page.attrs("job-row", "data-job-id").await, page_two);
    assert_eq!(page.text("page-info").await, "Page 2 of 15");
    assert_eq!(page.take_requests(), [format!("{LIST}?page=2")]);

    // The page changes only the query, so the sub-path stays.
    page.click("next-page").await;
    page.wait_request("page 3", |r| r.ends_with("?page=3"))
        .await;
    assert_eq!(
        page.url().await,
        format!("{}/console/?page=3", gateway.url())
    );
    assert_eq!(page.text("page-info").await, "Page 3 of 15");

    // The folder without its slash, and an unknown address inside it, show the console.
    page.goto("/console").await;
    page.wait_rows(10).await;
    assert_eq!(page.url().await, format!("{}/console/", gateway.url()));
    page.goto("/console/jobs?page=2").await;
    page.wait_rows(10).await;
    assert_eq!(page.attrs("job-row", "data-job-id").await, page_two);

    page.close().await;
    drop(gateway);
}
