//! The console behind a real gateway (issues "Deploy as operators do" and #11): Debian's
//! nginx with its njs module runs `deploy/nginx.conf` and `deploy/vizjobs.js`, with only
//! the OPERATOR lines replaced, in front of `gateway/upstream.py`. That upstream stands
//! where ModelArts would: it re-signs every request it receives with Huawei's reference
//! signer (`huaweicloudsdkcore`, PyPI) and records whether the gateway's Authorization
//! is identical, then answers, or forwards to the stand-in with a token only it knows.
//!
//! A missing nginx, njs or brotli_static module, or a missing signer venv, fails these
//! tests: `cargo xtask test` (or `cargo xtask setup`) installs them.

use std::{
    fs,
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicUsize, Ordering},
        mpsc,
    },
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use fantoccini::Locator;
use serde_json::{json, Value};
use vizjobs_e2e::{config_json, dist_bytes, dist_dir, dist_file, free_port, Options, Page, Server};

const PROJECT: &str = "demo-project";
const LIST: &str = "/v1/demo-project/visualization-jobs";
const DEPLOY_CONFIG: &str = include_str!("../../../deploy/nginx.conf");
const DEPLOY_SCRIPT: &str = include_str!("../../../deploy/vizjobs.js");
const UPSTREAM_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/gateway/upstream.py");
const BROTLI_STATIC: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";
const NJS: &str = "/usr/lib/nginx/modules/ngx_http_js_module.so";
/// Shaped like Huawei's (20 and 40 characters); known to the gateway's credentials file
/// and to the upstream that checks the signatures, and to nothing else.
const AK: &str = "VIZJOBSTESTAKX7Q2M9P";
const SK: &str = "vizjobsTestSkb8Rk2Lq9Zs0Yw5Nt1Hc6Vd3Jf7Ga";
/// The headers the gateway signs, as Huawei's SDK does (Content-Type on every request).
const SIGNED: &str = "content-type;host;x-project-id;x-sdk-date";

/// Where the operator put the console.
#[derive(Clone, Copy)]
enum Shape {
    /// dist/ is the site: the console at `/`.
    Root,
    /// dist/ copied to `<root>/console/`, and the console's `location /` changed to
    /// `location /console/` as the README says.
    SubPath,
}

/// The two forms of the operator's credentials file.
#[derive(Clone)]
enum Credentials {
    AkSk,
    /// `set $vizjobs_token_file "…";` and a file holding this token.
    Token(String),
}

/// A secret no browser could know.
fn secret(label: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("{label}-{}-{nanos}", std::process::id())
}

/// An IAM-token-sized token: 16 KB of base64-ish text, different for each `seed`.
fn big_token(seed: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut token = String::from("MIIZ");
    while token.len() < 16 * 1024 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        token.push(ALPHABET[(state >> 58) as usize] as char);
    }
    token
}

/// A stand-in that wants a fresh token, and an upstream that checks each signature and
/// forwards to it with that token: what a gateway in front of a live console talks to.
async fn forwarded_stand_in() -> (Server, Upstream, String) {
    let token = secret("upstream-token");
    let server = stand_in(&token).await;
    let upstream = Upstream::forwarding(&server, &token);
    (server, upstream, token)
}

async fn stand_in(token: &str) -> Server {
    let options = Options {
        required_token: Some(token.to_string()),
        ..Options::default()
    };
    Server::start(options, 0).await.expect("stand-in starts")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn nginx_path() -> PathBuf {
    let path = std::env::var_os("NGINX")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/sbin/nginx"));
    assert!(
        path.is_file(),
        "nginx not found at {}: `cargo xtask setup` installs it (apt: nginx \
         libnginx-mod-http-brotli-static libnginx-mod-http-js)",
        path.display()
    );
    for (module, package) in [
        (BROTLI_STATIC, "libnginx-mod-http-brotli-static"),
        (NJS, "libnginx-mod-http-js"),
    ] {
        assert!(
            Path::new(module).is_file(),
            "nginx module {module} is missing: `cargo xtask setup` installs it (apt: {package})"
        );
    }
    path
}

/// The venv `cargo xtask` makes with Huawei's SDK core (the reference signer).
fn signer_python() -> PathBuf {
    let path = std::env::var_os("VIZJOBS_SIGNER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/tools/signer-venv/bin/python"));
    assert!(
        path.is_file(),
        "no Python with huaweicloudsdkcore at {}: `cargo xtask setup` makes that venv \
         (or set VIZJOBS_SIGNER_PYTHON)",
        path.display()
    );
    let import = Command::new(&path)
        .args(["-c", "import huaweicloudsdkcore.signer.signer"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", path.display()));
    assert!(
        import.status.success(),
        "{} cannot import huaweicloudsdkcore: `cargo xtask setup` installs it\n{}",
        path.display(),
        String::from_utf8_lossy(&import.stderr)
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

/// A folder removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "vizjobs-{label}-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temporary folder");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Sends SIGTERM, then SIGKILL if the process has not gone after a few seconds.
fn stop(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// `gateway/upstream.py`: where ModelArts would be. It checks every signature with
/// Huawei's signer and records each request it receives.
struct Upstream {
    child: Child,
    port: u16,
    dir: TempDir,
}

impl Upstream {
    /// Answers `{"is_success": true}` itself.
    fn start() -> Upstream {
        Upstream::launch(None)
    }

    /// Forwards to the stand-in, adding `token` when the signature matched (and passing
    /// an X-Auth-Token on as it came, for token mode).
    fn forwarding(stand_in: &Server, token: &str) -> Upstream {
        Upstream::launch(Some((stand_in.url(), token.to_string())))
    }

    fn launch(forward: Option<(String, String)>) -> Upstream {
        let python = signer_python();
        let dir = TempDir::new("upstream");
        let records = dir.0.join("records.jsonl");
        fs::write(&records, "").expect("records file");
        let mut command = Command::new(python);
        command
            .arg(UPSTREAM_SCRIPT)
            .arg("--records")
            .arg(&records)
            .args(["--ak", AK, "--sk", SK]);
        if let Some((url, token)) = forward {
            command
                .args(["--forward", &url])
                .args(["--forward-token", &token]);
        }
        let stderr = fs::File::create(dir.0.join("stderr.log")).expect("stderr file");
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("the upstream starts");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_default();
        let Ok(port) = line.trim().parse() else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "gateway/upstream.py did not start:\n{}",
                fs::read_to_string(dir.0.join("stderr.log")).unwrap_or_default()
            );
        };
        Upstream { child, port, dir }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Every request received since the last `clear`, oldest first.
    fn records(&self) -> Vec<Value> {
        fs::read_to_string(self.dir.0.join("records.jsonl"))
            .expect("records")
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON record"))
            .collect()
    }

    fn clear(&self) {
        fs::write(self.dir.0.join("records.jsonl"), "").expect("records file");
    }

    /// The records, cleared; each must carry a signature Huawei's signer agrees with.
    fn take_signed(&self) -> Vec<Value> {
        let records = self.records();
        self.clear();
        for record in &records {
            assert_eq!(
                record["signature_matches"], true,
                "the gateway's signature differs from huaweicloudsdkcore's: {record:#}"
            );
        }
        records
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// How one test sets the gateway up: the defaults are the README's default shape.
struct Setup {
    shape: Shape,
    credentials: Credentials,
    read_only: bool,
    listed_origin: Option<String>,
    config_json: Option<String>,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            shape: Shape::Root,
            credentials: Credentials::AkSk,
            read_only: false,
            listed_origin: None,
            config_json: Some(config_json(&[])),
        }
    }
}

/// Debian's nginx in the foreground, stopped (and its folder removed) when dropped.
struct Gateway {
    child: Child,
    port: u16,
    dir: TempDir,
}

impl Gateway {
    fn start(setup: Setup, upstream: &str) -> Gateway {
        let nginx = nginx_path();
        let dir = TempDir::new("gateway");
        let site = dir.0.join("site");
        copy_dist(
            &match setup.shape {
                Shape::Root => site.clone(),
                Shape::SubPath => site.join("console"),
            },
            setup.config_json.as_deref(),
        );
        let credentials = dir.0.join("vizjobs-credentials.conf");
        let credentials_text = match &setup.credentials {
            Credentials::AkSk => format!("set $vizjobs_ak \"{AK}\";\nset $vizjobs_sk \"{SK}\";\n"),
            Credentials::Token(token) => {
                let file = dir.0.join("vizjobs-token");
                fs::write(&file, format!("{token}\n")).expect("token file");
                format!("set $vizjobs_token_file \"{}\";\n", file.display())
            }
        };
        fs::write(&credentials, credentials_text).expect("credentials file");
        let script = dir.0.join("vizjobs.js");
        fs::write(&script, DEPLOY_SCRIPT).expect("njs script");
        let port = free_port();
        let upstream_host = upstream.trim_start_matches("http://");

        let mut server = DEPLOY_CONFIG.to_string();
        for (from, to) in [
            ("listen 80;", format!("listen 127.0.0.1:{port};")),
            ("root /srv/vizjobs;", format!("root {};", site.display())),
            (
                "js_import vizjobs from /etc/nginx/vizjobs.js;",
                format!("js_import vizjobs from {};", script.display()),
            ),
            (
                "include /etc/nginx/vizjobs-credentials.conf;",
                format!("include {};", credentials.display()),
            ),
            (
                "set $vizjobs_endpoint \"modelarts.cn-north-4.myhuaweicloud.com\";",
                format!("set $vizjobs_endpoint \"{upstream_host}\";"),
            ),
            (
                "proxy_pass https://modelarts.cn-north-4.myhuaweicloud.com;",
                format!("proxy_pass {upstream};"),
            ),
        ] {
            server = substitute(&server, from, &to);
        }
        if setup.read_only {
            server = substitute(
                &server,
                "set $vizjobs_changes on;",
                "set $vizjobs_changes off;",
            );
        }
        if let Some(origin) = &setup.listed_origin {
            server = substitute(
                &server,
                "# \"https://console.example.com\"     1;",
                &format!("\"{origin}\"     1;"),
            );
        }
        if let Shape::SubPath = setup.shape {
            server = substitute(&server, "    location / {", "    location /console/ {");
        }
        fs::write(dir.0.join("vizjobs.conf"), server).expect("server config");

        // What Debian's /etc/nginx/nginx.conf and modules-enabled provide around a conf.d
        // file, with every path inside the test's folder. As root, workers would
        // otherwise run as `nobody`, who need not be able to read the checkout's dist/.
        let d = dir.0.display();
        let main = format!(
            "load_module {BROTLI_STATIC};\n\
             load_module {NJS};\n\
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

    fn origin_host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn site(&self) -> PathBuf {
        self.dir.0.join("site")
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        http(self.port, "GET", path, headers, None)
    }

    fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Response {
        http(self.port, method, path, headers, body)
    }

    /// Replaces the token file, as a renewal job does (write, then rename over it).
    fn renew_token(&self, token: &str) {
        let next = self.dir.0.join("vizjobs-token.next");
        fs::write(&next, format!("{token}\n")).expect("new token");
        fs::rename(&next, self.dir.0.join("vizjobs-token")).expect("token renewed");
    }

    /// Everything nginx logged: the access log and the error log.
    fn logs(&self) -> String {
        ["access.log", "error.log"]
            .iter()
            .map(|f| fs::read_to_string(self.dir.0.join(f)).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Drop for Gateway {
    /// SIGTERM, so that the master stops its workers before it exits.
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// A copy of `dist/` as an operator makes it (symlinks here), with the given
/// `config.json` (or none) in place of the shipped one.
fn copy_dist(to: &Path, config: Option<&str>) {
    fs::create_dir_all(to).expect("site folder");
    for entry in fs::read_dir(dist_dir()).expect("dist/ lists") {
        let entry = entry.expect("dist/ entry");
        if entry.file_name() == "config.json" {
            continue;
        }
        std::os::unix::fs::symlink(entry.path(), to.join(entry.file_name()))
            .expect("symlink into the site folder");
    }
    if let Some(config) = config {
        fs::write(to.join("config.json"), config).expect("config.json");
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

    /// Everything the client received, for "no credential is in it".
    fn everything(&self) -> String {
        format!("{}\n{}", self.head, String::from_utf8_lossy(&self.body))
    }
}

/// Sends `method target` with these headers (and a Content-Length when there is a body,
/// even an empty one, as browsers do for a POST).
fn http(
    port: u16,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Response {
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(body) = body {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body.unwrap_or_default());
    exchange(port, &bytes)
}

fn exchange(port: u16, request: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream.write_all(request).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("receive");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| {
            panic!(
                "no complete HTTP head in answer to {:?}: {:?}",
                String::from_utf8_lossy(request),
                String::from_utf8_lossy(&raw)
            )
        });
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

/// No credential in anything a client received or nginx logged.
fn assert_no_credentials(answers: &[Response], gateway: &Gateway, secrets: &[&str]) {
    let logs = gateway.logs();
    for secret in secrets {
        for answer in answers {
            assert!(
                !answer.everything().contains(secret),
                "a credential reached a client:\n{}",
                answer.everything()
            );
        }
        assert!(
            !logs.contains(secret),
            "a credential reached a log:\n{logs}"
        );
    }
}

/// The X-Sdk-Date of a record: `YYYYMMDDTHHMMSSZ`, and now (within a few minutes).
fn assert_fresh_sdk_date(record: &Value) {
    let date = record["headers"]["x-sdk-date"].as_str().unwrap_or_default();
    let bytes = date.as_bytes();
    assert!(
        bytes.len() == 16
            && bytes[8] == b'T'
            && bytes[15] == b'Z'
            && bytes[..8].iter().all(u8::is_ascii_digit)
            && bytes[9..15].iter().all(u8::is_ascii_digit),
        "X-Sdk-Date {date:?}"
    );
    // Days since the epoch by the civil calendar, to compare with the clock.
    let num = |r: std::ops::Range<usize>| date[r].parse::<i64>().unwrap();
    let (y, m, d) = (num(0..4), num(4..6), num(6..8));
    let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
    let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 719469;
    let seconds = days * 86400 + num(9..11) * 3600 + num(11..13) * 60 + num(13..15);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        (now - seconds).abs() < 300,
        "X-Sdk-Date {date} is not now ({now})"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_serves_dist_as_promised_and_keeps_the_credentials_to_itself() {
    let (server, upstream, token) = forwarded_stand_in().await;
    let gateway = Gateway::start(Setup::default(), &upstream.url());
    let mut answers = Vec::new();

    // index.html: relative asset addresses, revalidated on every load, precompressed,
    // and the page's own policy as a header, but with connections to 'self' only (plus
    // what only a header can say).
    let index_text = String::from_utf8(dist_bytes("index.html")).expect("UTF-8");
    let policy = meta_policy();
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let header_policy: Vec<String> = policy
        .split("; ")
        .map(|d| {
            if d.starts_with("connect-src ") {
                "connect-src 'self'".to_string()
            } else {
                d.to_string()
            }
        })
        .chain(["frame-ancestors 'none'".to_string()])
        .collect();
    assert!(header_policy.contains(&"connect-src 'self'".to_string()));
    for (encoding, suffix) in [("br", ".br"), ("gzip", ".gz")] {
        let index = gateway.get("/", &[("Accept-Encoding", encoding)]);
        assert_eq!(index.status, 200, "{}", index.head);
        assert_eq!(index.header("Content-Type"), Some("text/html"));
        assert_eq!(index.header("Content-Encoding"), Some(encoding));
        assert_eq!(index.header("Cache-Control"), Some("no-cache"));
        assert_eq!(index.body, dist_bytes(&format!("index.html{suffix}")));
        assert_eq!(
            index.header("Content-Security-Policy"),
            Some(header_policy.join("; ").as_str()),
            "the header repeats the build's <meta> policy, connecting to 'self' only"
        );
        assert_eq!(index.header("X-Content-Type-Options"), Some("nosniff"));
        assert_eq!(index.header("Access-Control-Allow-Origin"), None);
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
            index_text.contains(&format!("=./{name}"))
                || index_text.contains(&format!("=\"./{name}\"")),
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

    // Trunk writes the hash with {:x}, so it can be shorter than 16 digits.
    for name in [
        "vizjobs-0123456789abcde.js",
        "vizjobs-a_bg.wasm",
        "main-9f.css",
    ] {
        fs::write(gateway.site().join(name), "/* a short hash */").expect("short-hash file");
        let short = gateway.get(&format!("/{name}"), &[]);
        assert_eq!(short.status, 200, "{name}");
        assert_immutable(&short, name);
    }

    // config.json: the operator's edits show at once.
    let config = gateway.get("/config.json", &[]);
    assert_eq!(config.status, 200);
    assert_eq!(config.header("Content-Type"), Some("application/json"));
    assert_eq!(config.header("Cache-Control"), Some("no-cache"));
    assert_eq!(config.body, config_json(&[]).as_bytes());
    answers.push(config);

    // Never the page where a file is expected, and nothing a 404 could be cached for.
    for gone in [
        "/vizjobs-0123456789abcdef_bg.wasm",
        "/vizjobs-0123456789abcde.wasm",
        "/main-1.css",
    ] {
        let answer = gateway.get(gone, &[]);
        assert_eq!(answer.status, 404, "a missing hashed file: {gone}");
        assert_eq!(answer.header("Cache-Control"), Some("no-cache"), "{gone}");
    }
    fs::remove_file(gateway.site().join("config.json")).expect("config.json removed");
    let no_config = gateway.get("/config.json", &[]);
    assert_eq!(
        no_config.status, 404,
        "a missing config.json is not the page"
    );
    assert_eq!(no_config.header("Cache-Control"), Some("no-cache"));
    assert_eq!(gateway.get("/.trunk-lock", &[]).status, 404, "dot files");
    assert_eq!(
        gateway.get("/some/deeper/folder", &[]).status,
        404,
        "relative asset addresses would break there"
    );
    let fallback = gateway.get("/jobs?page=2", &[]);
    assert_eq!(fallback.status, 200, "single-page fallback");
    assert_eq!(fallback.body, index_text.as_bytes());

    // The API: the gateway signs, whatever credentials the request brings.
    let forged = gateway.get(
        &format!("{LIST}?per_page=1"),
        &[
            ("X-Auth-Token", "forged-by-the-browser"),
            ("Authorization", "SDK-HMAC-SHA256 Access=forged"),
            ("Cookie", "session=browser"),
        ],
    );
    assert_eq!(forged.status, 200, "{}", forged.everything());
    let body: Value = serde_json::from_slice(&forged.body).expect("a JSON job list");
    assert_eq!(body["job_total_count"], 150);
    assert_eq!(forged.header("Vary"), Some("Origin"));
    assert_eq!(forged.header("Access-Control-Allow-Origin"), None);
    answers.push(forged);
    assert_eq!(
        server.list_requests(),
        [format!("{LIST}?per_page=1")],
        "the stand-in saw the request once, as sent"
    );
    let records = upstream.take_signed();
    assert_eq!(records.len(), 1, "{records:#?}");
    assert!(records[0]["token"].is_null(), "no token in AK/SK mode");
    assert!(records[0]["headers"]["cookie"].is_null());

    // Other endpoints and methods never reach upstream.
    for (method, path, status) in [
        ("PATCH", LIST, 405),
        ("DELETE", LIST, 405),
        ("GET", "/v1/demo-project/training-jobs", 404),
        ("GET", "/v1/demo-project/visualization-jobs/1/stop", 405),
    ] {
        let refused = gateway.send(method, path, &[], None);
        assert_eq!(refused.status, status, "{method} {path}");
        answers.push(refused);
    }
    assert_eq!(upstream.records(), Vec::<Value>::new());
    assert_no_credentials(&answers, &gateway, &[AK, SK, &token]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_is_signed_exactly_as_huaweis_sdk_signs_it() {
    let upstream = Upstream::start();
    let gateway = Gateway::start(Setup::default(), &upstream.url());
    let job = "/v1/demo-project/visualization-jobs/9223372036854775807";
    // The console's own encoding (RFC 3986 unreserved characters stay, everything else
    // is %XX): spaces, Chinese, and every reserved character in search_content;
    // parameters out of order, a repeated one, an empty one, lower-case escapes and an
    // escaped unreserved character, which the signer decodes and encodes again.
    let search =
        "a%20b%20%E7%95%8C%E9%9D%A2%20%21%23%24%26%27%28%29%2A%2B%2C%2F%3A%3B%3D%3F%40%5B%5D%25~";
    let create = r#"{"job_name":"tb-resnet50","job_desc":"损失曲线 run 3 & \"quotes\"","train_url":"/my-bucket/resnet/output/","job_type":"tensorboard","schedule":[{"type":"stop","time_unit":"HOURS","duration":4}]}"#;
    let stop = format!("{job}/stop");
    let restart = format!("{job}/restart");
    // (method, target, body): a non-empty body is JSON.
    let requests: [(&str, String, Option<&str>); 11] = [
        ("GET", LIST.to_string(), None),
        (
            "GET",
            format!("{LIST}?per_page=1000&page=2&sortBy=job_name&order=desc"),
            None,
        ),
        (
            "GET",
            format!("{LIST}?workspace_id=0&search_content={search}&status=8&status=10"),
            None,
        ),
        (
            "GET",
            format!("{LIST}?search_content=%e7%95%8c%7e-._&search_content=&page=1"),
            None,
        ),
        ("GET", job.to_string(), None),
        ("POST", LIST.to_string(), Some(create)),
        (
            "PUT",
            job.to_string(),
            Some(r#"{"job_desc":"run 3, lr=0.01 学习率"}"#),
        ),
        ("PUT", job.to_string(), Some(r#"{"job_desc":""}"#)),
        ("DELETE", job.to_string(), None),
        ("POST", stop, Some("")),
        ("POST", restart, Some("")),
    ];
    let origin = format!("http://{}", gateway.origin_host());
    let mut answers = Vec::new();
    for (method, target, sent) in &requests {
        let json_body = sent.is_some_and(|b| !b.is_empty());
        let mut headers = vec![
            ("Accept", "application/json"),
            ("Sec-Fetch-Site", "same-origin"),
            ("Origin", origin.as_str()),
            ("User-Agent", "Mozilla/5.0 (test)"),
            // None of these may reach upstream or change what is signed.
            ("X-Auth-Token", "forged"),
            ("Authorization", "SDK-HMAC-SHA256 Access=forged"),
            ("X-Sdk-Date", "20000101T000000Z"),
            ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
            ("X-Project-Id", "another-project"),
            ("X-Security-Token", "forged"),
            ("Cookie", "session=browser"),
        ];
        if *method != "GET" {
            headers.push(("X-Requested-With", "vizjobs"));
        }
        if json_body {
            headers.push(("Content-Type", "application/json"));
        }
        let answer = gateway.send(method, target, &headers, sent.map(str::as_bytes));
        assert_eq!(
            answer.status,
            200,
            "{method} {target}: {}",
            answer.everything()
        );
        answers.push(answer);
        let records = upstream.take_signed();
        assert_eq!(records.len(), 1, "{records:#?}");
        let record = &records[0];
        let what = format!("{method} {target}");
        assert_eq!(record["method"], *method, "{what}");
        assert_eq!(
            record["target"],
            target.as_str(),
            "forwarded as sent: {what}"
        );
        assert_eq!(record["body"], sent.unwrap_or(""), "{what}");
        assert_eq!(
            record["signed_headers"],
            json!(SIGNED.split(';').collect::<Vec<_>>()),
            "{what}"
        );
        let authorization = record["headers"]["authorization"].as_str().unwrap();
        assert!(
            authorization.starts_with(&format!(
                "SDK-HMAC-SHA256 Access={AK}, SignedHeaders={SIGNED}, Signature="
            )),
            "{what}: {authorization}"
        );
        assert_fresh_sdk_date(record);
        assert_eq!(record["headers"]["x-project-id"], PROJECT, "{what}");
        assert_eq!(
            record["headers"]["host"],
            upstream.url().trim_start_matches("http://"),
            "{what}"
        );
        // Only what the gateway sends; nothing of the browser's.
        let mut expected = vec![
            "accept",
            "authorization",
            "connection",
            "content-type",
            "host",
            "x-project-id",
            "x-sdk-date",
        ];
        if sent.is_some() {
            expected.push("content-length");
        }
        if *method != "GET" {
            expected.push("x-requested-with");
        }
        expected.sort_unstable();
        assert_eq!(record["header_names"], json!(expected), "{what}");
    }

    // The comparison is not vacuous: the same signed PUT sent again passes, and with a
    // signature one digit off, another body or an added query, Huawei's signer disagrees.
    let path = "/v1/demo-project/visualization-jobs/7";
    let body = r#"{"job_desc":"original"}"#;
    let answer = gateway.send(
        "PUT",
        path,
        &[
            ("X-Requested-With", "vizjobs"),
            ("Content-Type", "application/json"),
        ],
        Some(body.as_bytes()),
    );
    assert_eq!(answer.status, 200, "{}", answer.everything());
    let record = upstream.take_signed().pop().expect("the PUT arrived");
    let header = |name: &str| record["headers"][name].as_str().unwrap().to_string();
    let authorization = header("authorization");
    let last = authorization.chars().last().unwrap();
    let off_by_one = format!(
        "{}{}",
        &authorization[..authorization.len() - 1],
        if last == '0' { '1' } else { '0' }
    );
    for (label, target, authorization, body, status) in [
        (
            "nothing",
            path.to_string(),
            authorization.as_str(),
            body,
            200,
        ),
        (
            "the signature",
            path.to_string(),
            off_by_one.as_str(),
            body,
            401,
        ),
        (
            "the body",
            path.to_string(),
            authorization.as_str(),
            r#"{"job_desc":"changed"}"#,
            401,
        ),
        (
            "the query",
            format!("{path}?page=2"),
            authorization.as_str(),
            body,
            401,
        ),
    ] {
        // `http` sends the Host the gateway signed: the upstream's own address.
        let answer = http(
            upstream.port,
            "PUT",
            &target,
            &[
                ("Authorization", authorization),
                ("X-Sdk-Date", &header("x-sdk-date")),
                ("X-Project-Id", PROJECT),
                ("Content-Type", "application/json"),
            ],
            Some(body.as_bytes()),
        );
        assert_eq!(answer.status, status, "replayed, changing {label}");
        let records = upstream.records();
        upstream.clear();
        assert_eq!(records.len(), 1);
        assert_eq!(
            records[0]["signature_matches"],
            status == 200,
            "changing {label}: {:#}",
            records[0]
        );
    }
    assert_no_credentials(&answers, &gateway, &[AK, SK]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_16_kb_token_reaches_upstream_intact_and_a_renewed_one_is_used_without_a_reload() {
    let first = big_token(1);
    let renewed = big_token(2);
    assert_eq!(first.len(), 16 * 1024);
    assert_ne!(first, renewed);
    // The stand-in takes only the first token; the upstream passes X-Auth-Token on.
    let server = stand_in(&first).await;
    let upstream = Upstream::forwarding(&server, "unused-in-token-mode");
    let setup = Setup {
        credentials: Credentials::Token(first.clone()),
        ..Setup::default()
    };
    let gateway = Gateway::start(setup, &upstream.url());
    let mut answers = Vec::new();

    let list = gateway.get(&format!("{LIST}?per_page=2"), &[("X-Auth-Token", "forged")]);
    assert_eq!(list.status, 200, "{}", list.everything());
    let jobs: Value = serde_json::from_slice(&list.body).expect("a JSON job list");
    assert_eq!(jobs["jobs"].as_array().map(Vec::len), Some(2));
    answers.push(list);
    let records = upstream.records();
    upstream.clear();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["token_length"], 16 * 1024);
    assert_eq!(
        records[0]["token"],
        first.as_str(),
        "the token arrived intact"
    );
    assert!(records[0]["headers"]["authorization"].is_null());
    assert!(records[0]["headers"]["x-sdk-date"].is_null());

    // A change carries the token too.
    let stop = gateway.send(
        "POST",
        "/v1/demo-project/visualization-jobs/3/stop",
        &[("X-Requested-With", "vizjobs")],
        body(b""),
    );
    answers.push(stop);
    let records = upstream.records();
    upstream.clear();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["token"], first.as_str());

    // Renewal: the file is replaced; the next request carries the new token, with no
    // reload (the stand-in, which knows only the first, now refuses).
    gateway.renew_token(&renewed);
    let after = gateway.get(LIST, &[]);
    assert_eq!(after.status, 401, "{}", after.everything());
    answers.push(after);
    let records = upstream.records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["token"], renewed.as_str(), "the renewed token");

    assert_no_credentials(&answers, &gateway, &[&first, &renewed, &first[..64]]);
}

/// A request body (`Some(b"")` is an empty one, sent with `Content-Length: 0`).
fn body(bytes: &[u8]) -> Option<&[u8]> {
    Some(bytes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_changes_are_refused_and_never_reach_upstream() {
    let upstream = Upstream::start();
    let gateway = Gateway::start(Setup::default(), &upstream.url());
    let own = format!("http://{}", gateway.origin_host());
    let other_port = format!("http://127.0.0.1:{}", gateway.port.wrapping_add(1));
    let stop = "/v1/demo-project/visualization-jobs/5/stop";
    let job = "/v1/demo-project/visualization-jobs/5";
    let xrw = ("X-Requested-With", "vizjobs");
    let json_type = ("Content-Type", "application/json");
    let desc = br#"{"job_desc":"x"}"#;
    let evil = ("Origin", "https://evil.example");
    // Each attempt as a change of every kind: a stop, a delete, a description edit.
    let attempts: [(&str, &[(&str, &str)]); 9] = [
        ("no X-Requested-With", &[("Sec-Fetch-Site", "same-origin")]),
        (
            "another X-Requested-With",
            &[("X-Requested-With", "XMLHttpRequest")],
        ),
        ("cross-site", &[xrw, ("Sec-Fetch-Site", "cross-site")]),
        ("same-site", &[xrw, ("Sec-Fetch-Site", "same-site")]),
        (
            "typed in the address bar",
            &[xrw, ("Sec-Fetch-Site", "none")],
        ),
        ("a foreign Origin", &[xrw, evil]),
        (
            "same-origin claimed, foreign Origin",
            &[xrw, ("Sec-Fetch-Site", "same-origin"), evil],
        ),
        ("another port", &[xrw, ("Origin", other_port.as_str())]),
        ("Origin null", &[xrw, ("Origin", "null")]),
    ];
    let mut answers = Vec::new();
    let mut refused = |what: &str, answer: Response, status: u16| {
        assert_eq!(answer.status, status, "{what}: {}", answer.everything());
        assert_eq!(answer.header("Access-Control-Allow-Origin"), None, "{what}");
        assert!(upstream.records().is_empty(), "{what} reached upstream");
        answers.push(answer);
    };
    for (what, headers) in attempts {
        let with_type: Vec<(&str, &str)> = headers.iter().copied().chain([json_type]).collect();
        refused(what, gateway.send("POST", stop, headers, body(b"")), 403);
        refused(what, gateway.send("DELETE", job, headers, None), 403);
        refused(what, gateway.send("PUT", job, &with_type, body(desc)), 403);
    }
    let form = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        evil,
        ("Sec-Fetch-Site", "cross-site"),
    ];
    let form_body = body(b"job_name=x&train_url=%2Fb%2F");
    refused(
        "a plain form POST",
        gateway.send("POST", LIST, &form, form_body),
        403,
    );
    let text = [
        xrw,
        ("Content-Type", "text/plain"),
        ("Sec-Fetch-Site", "same-origin"),
    ];
    let text_body = body(br#"{"job_name":"x"}"#);
    refused(
        "a body not typed JSON",
        gateway.send("POST", LIST, &text, text_body),
        415,
    );
    let preflight = [evil, ("Access-Control-Request-Method", "POST")];
    refused(
        "a preflight, no origin listed",
        gateway.send("OPTIONS", stop, &preflight, None),
        403,
    );

    // The console itself, and a non-browser client that says who it is, may change.
    for headers in [
        vec![
            xrw,
            ("Sec-Fetch-Site", "same-origin"),
            ("Origin", own.as_str()),
        ],
        vec![xrw],
    ] {
        let answer = gateway.send("POST", stop, &headers, body(b""));
        assert_eq!(answer.status, 200, "{headers:?}: {}", answer.everything());
    }
    assert_eq!(upstream.take_signed().len(), 2);
    // Reads need nothing.
    let read = gateway.get(LIST, &[("Sec-Fetch-Site", "cross-site")]);
    assert_eq!(read.status, 200);
    assert_eq!(upstream.take_signed().len(), 1);

    // The read-only switch: only the two GET routes pass, whoever asks.
    let read_only = Gateway::start(
        Setup {
            read_only: true,
            ..Setup::default()
        },
        &upstream.url(),
    );
    let own = format!("http://{}", read_only.origin_host());
    let console = [
        xrw,
        ("Sec-Fetch-Site", "same-origin"),
        ("Origin", own.as_str()),
    ];
    let with_type = [
        xrw,
        json_type,
        ("Sec-Fetch-Site", "same-origin"),
        ("Origin", own.as_str()),
    ];
    for (method, target, headers, sent) in [
        ("POST", stop, &console[..], body(b"")),
        (
            "POST",
            "/v1/demo-project/visualization-jobs/5/restart",
            &console[..],
            body(b""),
        ),
        ("DELETE", job, &console[..], None),
        ("PUT", job, &with_type[..], body(desc)),
        ("POST", LIST, &with_type[..], body(br#"{"job_name":"x"}"#)),
    ] {
        let answer = read_only.send(method, target, headers, sent);
        assert_eq!(answer.status, 403, "read-only: {method} {target}");
        answers.push(answer);
    }
    assert!(
        upstream.records().is_empty(),
        "read-only changes reached upstream"
    );
    assert_eq!(read_only.get(LIST, &[]).status, 200);
    assert_eq!(read_only.get(job, &[]).status, 200);
    assert_eq!(upstream.take_signed().len(), 2);
    assert_no_credentials(&answers, &gateway, &[AK, SK]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smuggling_attempts_never_reach_upstream() {
    let upstream = Upstream::start();
    let gateway = Gateway::start(Setup::default(), &upstream.url());
    let xrw = [("X-Requested-With", "vizjobs")];
    // `~` stands for the list's path, /v1/demo-project/visualization-jobs.
    let attempts: &[(&str, &str)] = &[
        // Encoded slashes, dot-segments, empty segments, parameters, double encoding.
        ("GET", "/v1/demo-project%2Fvisualization-jobs"),
        ("GET", "~%2F1"),
        ("POST", "~/1%2Fstop"),
        ("POST", "~/1%2fstop"),
        ("GET", "~/1/../../../other-service"),
        ("GET", "~/..%2F..%2Fother"),
        ("DELETE", "~/1/.."),
        ("GET", "/v1/./demo-project/visualization-jobs"),
        ("GET", "~/%2e%2e/x"),
        ("GET", "/x/../v1/demo-project/visualization-jobs"),
        ("GET", "/v1/x/../demo-project/visualization-jobs"),
        ("GET", "//v1/demo-project/visualization-jobs"),
        ("GET", "/v1//demo-project/visualization-jobs"),
        ("GET", "/v1/demo-project//visualization-jobs"),
        ("POST", "~/1//stop"),
        ("GET", "~;jsessionid=1"),
        ("POST", "~/1;/stop"),
        ("POST", "~/1/stop;x"),
        ("GET", "~/%2531"),
        ("GET", "/v1/demo-project%252Fx/visualization-jobs"),
        ("GET", "/v1/demo-project/visualization%2Djobs"),
        ("GET", "~/%31"),
        ("GET", "~\\1"),
        // Not an ID, not a route, not this path.
        ("GET", "~/abc"),
        ("GET", "~/-1"),
        ("GET", "~/12345678901234567890"),
        ("POST", "~/1/start"),
        ("GET", "~/"),
        ("GET", "/v1/demo-project/training-jobs"),
        ("GET", "/V1/demo-project/visualization-jobs"),
        ("GET", "~/1?x=1"),
        ("POST", "~?x=1"),
        ("PUT", "~/1?x=1"),
        ("GET", "/v2/demo-project/visualization-jobs"),
        ("GET", "/v1/"),
        // Queries that would read differently on either side, or not decode.
        ("GET", "~?search_content=a+b"),
        ("GET", "~?search_content=a b"),
        ("GET", "~?search_content=%zz"),
        ("GET", "~?search_content=%E7"),
        ("GET", "~?search_content=%C0%AF"),
        ("GET", "~?a=<script>"),
        ("GET", "~?a=1;b=2"),
        // Wrong methods on real routes.
        ("PATCH", "~/1"),
        ("HEAD", "~"),
        ("TRACE", "~"),
        ("PUT", "~"),
        ("DELETE", "~"),
        ("GET", "~/1/restart"),
        ("POST", "~/1"),
        ("PUT", "~/1/stop"),
        ("DELETE", "~/1/stop"),
        ("OPTIONS", "~"),
        ("CONNECT", "~"),
        // Absolute-form targets name another host; the route is still checked.
        ("GET", "http://evil.example/v1/demo-project/training-jobs"),
        ("GET", "http://evil.example/v1/demo-project%2Ftraining-jobs"),
    ];
    let mut answers = Vec::new();
    for (method, target) in attempts {
        let target = &target.replacen('~', LIST, 1);
        let answer = gateway.send(method, target, &xrw, None);
        assert!(
            matches!(answer.status, 400 | 403 | 404 | 405),
            "{method} {target}: {}",
            answer.everything()
        );
        assert!(
            upstream.records().is_empty(),
            "{method} {target} reached upstream: {:#?}",
            upstream.records()
        );
        answers.push(answer);
    }
    // A request nginx cannot frame is not passed on either.
    let framed = exchange(
        gateway.port,
        b"POST /v1/demo-project/visualization-jobs/1/stop HTTP/1.1\r\nHost: x\r\n\
          Connection: close\r\nX-Requested-With: vizjobs\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n\
          0\r\n\r\nGET /v1/demo-project/training-jobs HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert!(
        framed.status == 400 || framed.status == 200,
        "{}",
        framed.head
    );
    for record in upstream.records() {
        assert_eq!(
            record["target"],
            "/v1/demo-project/visualization-jobs/1/stop"
        );
        assert_eq!(record["signature_matches"], true);
    }
    assert_no_credentials(&answers, &gateway, &[AK, SK]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_separate_console_origin_gets_cors_when_listed_and_nothing_otherwise() {
    let (server, upstream, _) = forwarded_stand_in().await;
    // The listed console is a page on the upstream's own address: another origin.
    let listed = upstream.url();
    let gateway = Gateway::start(
        Setup {
            listed_origin: Some(listed.clone()),
            ..Setup::default()
        },
        &upstream.url(),
    );
    let stop = "/v1/demo-project/visualization-jobs/1/stop";

    // Preflights: answered by nginx, never upstream.
    let preflight = gateway.send(
        "OPTIONS",
        stop,
        &[
            ("Origin", &listed),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "x-requested-with"),
            ("Sec-Fetch-Site", "cross-site"),
        ],
        None,
    );
    assert_eq!(preflight.status, 204, "{}", preflight.everything());
    assert_eq!(
        preflight.header("Access-Control-Allow-Origin"),
        Some(listed.as_str())
    );
    assert_eq!(
        preflight.header("Access-Control-Allow-Methods"),
        Some("GET, POST, PUT, DELETE")
    );
    assert_eq!(
        preflight.header("Access-Control-Allow-Headers"),
        Some("Accept, Content-Type, X-Requested-With")
    );
    assert_eq!(preflight.header("Access-Control-Max-Age"), Some("600"));
    assert_eq!(preflight.header("Vary"), Some("Origin"));
    assert_eq!(preflight.header("Access-Control-Allow-Credentials"), None);
    let unlisted = gateway.send(
        "OPTIONS",
        stop,
        &[
            ("Origin", "https://evil.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        None,
    );
    assert_eq!(unlisted.status, 403);
    assert_eq!(unlisted.header("Access-Control-Allow-Origin"), None);
    assert_eq!(
        gateway
            .send(
                "OPTIONS",
                "/v1/demo-project/training-jobs",
                &[("Origin", &listed)],
                None
            )
            .status,
        404,
        "no preflight for what is not a route"
    );
    assert!(upstream.records().is_empty());

    // Reads: everyone may send, only the listed origin may read.
    let read = gateway.get(
        LIST,
        &[("Origin", &listed), ("Sec-Fetch-Site", "cross-site")],
    );
    assert_eq!(read.status, 200);
    assert_eq!(
        read.header("Access-Control-Allow-Origin"),
        Some(listed.as_str())
    );
    let foreign_read = gateway.get(LIST, &[("Origin", "https://evil.example")]);
    assert_eq!(foreign_read.status, 200);
    assert_eq!(foreign_read.header("Access-Control-Allow-Origin"), None);
    assert_eq!(upstream.take_signed().len(), 2);

    // In a real browser: from the listed origin, the console's calls work; from any
    // other (localhost is another origin than 127.0.0.1), the browser blocks them.
    let page = Page::open_at(server, &upstream.url(), "/__page").await;
    let script = format!(
        "const done = arguments[arguments.length - 1];
         const call = (method, path, body) => fetch('{gw}' + path, {{
             method, body,
             headers: Object.assign({{ Accept: 'application/json', 'X-Requested-With': 'vizjobs' }},
                                    body ? {{ 'Content-Type': 'application/json' }} : {{}}),
         }}).then(async r => r.status + ' ' + (await r.text()).slice(0, 40), e => 'blocked: ' + e);
         Promise.all([
             call('GET', '{LIST}?per_page=1'),
             call('POST', '/v1/demo-project/visualization-jobs/1/stop'),
             call('PUT', '/v1/demo-project/visualization-jobs/1', JSON.stringify({{ job_desc: 'cors' }})),
         ]).then(done);",
        gw = gateway.url()
    );
    let outcomes = page
        .client
        .execute_async(&script, vec![])
        .await
        .expect("fetches from the listed origin");
    let outcomes: Vec<String> = serde_json::from_value(outcomes).unwrap();
    assert!(outcomes[0].starts_with("200 "), "{outcomes:?}");
    // The changes arrived, signed (the stand-in's answer to them is its own business).
    assert!(!outcomes[1].starts_with("blocked"), "{outcomes:?}");
    assert!(!outcomes[2].starts_with("blocked"), "{outcomes:?}");
    let records = upstream.take_signed();
    // The three calls run at once, so they arrive in any order.
    let mut seen: Vec<String> = records
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap(),
                r["target"].as_str().unwrap()
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            format!("GET {LIST}?per_page=1"),
            "POST /v1/demo-project/visualization-jobs/1/stop".to_string(),
            "PUT /v1/demo-project/visualization-jobs/1".to_string(),
        ]
    );

    let foreign_page = format!("http://localhost:{}/__page", upstream.port);
    page.client.goto(&foreign_page).await.expect("navigation");
    let outcomes = page
        .client
        .execute_async(&script, vec![])
        .await
        .expect("fetches from an unlisted origin");
    let outcomes: Vec<String> = serde_json::from_value(outcomes).unwrap();
    for outcome in &outcomes {
        assert!(outcome.starts_with("blocked"), "{outcomes:?}");
    }
    // Each call carries X-Requested-With, so each needs a preflight, which fails: none
    // of them went out.
    assert_eq!(upstream.records(), Vec::<Value>::new());
    let _ = page.close_returning_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_gateway_the_page_loads_and_lists_jobs() {
    let (server, upstream, token) = forwarded_stand_in().await;
    let gateway = Gateway::start(Setup::default(), &upstream.url());
    let page = Page::open_at(server, &gateway.url(), "/").await;
    page.wait_rows(10).await;
    assert_eq!(page.text("page-info").await, "Page 1 of 15");
    assert_eq!(
        page.take_requests(),
        [LIST],
        "the signed request reached the stand-in"
    );
    let records = upstream.take_signed();
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0]["header_names"],
        json!([
            "accept",
            "authorization",
            "connection",
            "content-type",
            "host",
            "x-project-id",
            "x-sdk-date"
        ]),
        "nothing of the browser's went upstream"
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
    // answer and headers, none of it holding a credential.
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
    let html = page.js("return document.documentElement.outerHTML").await;
    for secret in [AK, SK, token.as_str()] {
        assert!(
            !seen.to_string().contains(secret),
            "the page saw a credential"
        );
        assert!(!html.to_string().contains(secret));
    }
    upstream.take_signed();
    page.close().await;
    assert_no_credentials(&[], &gateway, &[AK, SK, &token]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_a_sub_path_a_deep_link_and_a_reload_keep_the_view() {
    let (server, upstream, _) = forwarded_stand_in().await;
    let gateway = Gateway::start(
        Setup {
            shape: Shape::SubPath,
            ..Setup::default()
        },
        &upstream.url(),
    );
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

    // No config.json under the sub-path is a 404, and the console still starts.
    fs::remove_file(gateway.site().join("console/config.json")).expect("config.json removed");
    assert_eq!(gateway.get("/console/config.json", &[]).status, 404);

    // Every request the page made was signed as Huawei's SDK signs it.
    assert!(upstream.take_signed().len() >= 5);
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_deployment_passes_reads_only_even_from_the_page() {
    let (server, upstream, _) = forwarded_stand_in().await;
    let gateway = Gateway::start(
        Setup {
            read_only: true,
            config_json: Some(config_json(&[("read_only", json!(true))])),
            ..Setup::default()
        },
        &upstream.url(),
    );
    let page = Page::open_at(server, &gateway.url(), "/").await;
    page.wait_rows(10).await;
    for control in ["row-actions", "row-select", "select-all", "create-job"] {
        assert!(
            !page.exists(control).await,
            "read-only page shows {control}"
        );
    }
    // Even a script on the page itself, with the console's header, changes nothing.
    let status = page
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch('/v1/demo-project/visualization-jobs/1/stop', {
                 method: 'POST', headers: { 'X-Requested-With': 'vizjobs' },
             }).then(r => done(r.status), e => done(String(e)));",
            vec![],
        )
        .await
        .expect("fetch from the page");
    assert_eq!(status, 403);
    let records = upstream.take_signed();
    assert!(records.iter().all(|r| r["method"] == "GET"), "{records:#?}");
    let _ = page.close_returning_errors().await;
}

/// The console's actions (ui.md section 4) through the gateway, signed, to the stand-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_stops_a_job_and_edits_a_description_through_the_gateway() {
    let (server, upstream, token) = forwarded_stand_in().await;
    let gateway = Gateway::start(Setup::default(), &upstream.url());
    let page = Page::open_at(server, &gateway.url(), "/?per_page=50").await;
    page.wait_rows(50).await;

    // The first row whose stop button is enabled (a running job).
    let job_id = page
        .js(
            "const row = [...document.querySelectorAll('[data-testid=job-row]')].find(r => {
                 const b = r.querySelector('[data-testid=action-stop]');
                 return b && !b.disabled;
             });
             return row ? row.getAttribute('data-job-id') : null;",
        )
        .await;
    let job_id = job_id
        .as_str()
        .expect("a running job with an enabled stop button")
        .to_string();
    upstream.take_signed();
    page.client
        .find(Locator::Css(&format!(
            "[data-testid=job-row][data-job-id='{job_id}'] [data-testid=action-stop]"
        )))
        .await
        .expect("the stop button")
        .click()
        .await
        .expect("click stop");
    page.wait_until(
        "the confirmation",
        "document.querySelector('[data-testid=confirm-dialog]')",
    )
    .await;
    page.click("confirm").await;
    page.wait_until(
        "the stop's outcome",
        &format!(
            "document.querySelector(\"[data-testid=action-status] [data-outcome=ok][data-job-id='{job_id}']\")"
        ),
    )
    .await;
    let stop_target = format!("{LIST}/{job_id}/stop");
    let records = upstream.take_signed();
    let stop: Vec<&Value> = records
        .iter()
        .filter(|r| r["method"] == "POST" && r["target"] == stop_target.as_str())
        .collect();
    assert_eq!(stop.len(), 1, "one signed stop: {records:#?}");
    assert_eq!(stop[0]["headers"]["x-requested-with"], "vizjobs");

    // A description edit: a signed JSON body.
    page.goto(&format!("/?job={job_id}")).await;
    page.wait_until(
        "the detail panel",
        &format!("document.querySelector(\"[data-testid=job-detail][data-job-id='{job_id}']\")"),
    )
    .await;
    page.wait_until(
        "the panel's body",
        "document.querySelector(\"[data-testid=job-detail] [data-testid=edit-desc]\")",
    )
    .await;
    page.wait_detail_settled().await;
    page.click("edit-desc").await;
    let input = page.find("desc-input").await;
    input.clear().await.expect("clear the description");
    input
        .send_keys("signed by the gateway 网关")
        .await
        .expect("type a description");
    page.click("desc-save").await;
    let put_target = format!("{LIST}/{job_id}");
    let started = Instant::now();
    let put = loop {
        let found = upstream
            .records()
            .into_iter()
            .find(|r| r["method"] == "PUT" && r["target"] == put_target.as_str());
        if let Some(found) = found {
            break found;
        }
        assert!(
            started.elapsed() < vizjobs_e2e::WAIT,
            "no PUT {put_target} reached upstream: {:#?}",
            upstream.records()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(put["signature_matches"], true, "{put:#}");
    assert_eq!(
        put["signed_headers"],
        json!(SIGNED.split(';').collect::<Vec<_>>())
    );
    let body: Value = serde_json::from_str(put["body"].as_str().unwrap()).expect("a JSON body");
    assert_eq!(body["job_desc"], "signed by the gateway 网关");
    upstream.take_signed();
    page.close().await;
    assert_no_credentials(&[], &gateway, &[AK, SK, &token]);
}
