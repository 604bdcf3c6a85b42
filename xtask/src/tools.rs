//! Installs what a fresh Debian machine with only rustup lacks, from crates.io, npm
//! and apt (never a GitHub download), and skips what is already there.

use std::{
    env,
    ffi::OsString,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use crate::run::{root, run, step, version_of, Result};

pub const TRUNK_VERSION: &str = "0.22.1";
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
pub const NGINX: &str = "/usr/sbin/nginx";
/// Debian's `libnginx-mod-http-brotli-static`, which `deploy/nginx.conf` needs.
pub const NGINX_BROTLI_STATIC: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";
/// Debian's `libnginx-mod-http-js` (njs), which signs the gateway's requests.
pub const NGINX_NJS: &str = "/usr/lib/nginx/modules/ngx_http_js_module.so";
/// Huawei's Python SDK core (PyPI): its signer is the reference the gateway test checks
/// every signature against.
pub const HUAWEICLOUDSDKCORE_VERSION: &str = "3.1.219";
/// The accessibility checker the browser tests inject (npm package `axe-core`).
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// The wasm size profiler `cargo xtask bench` runs (crates.io `twiggy`).
pub const TWIGGY_VERSION: &str = "0.8.0";

/// What the build needs on `PATH`, and which standard library the wasm gets.
pub struct BuildTools {
    pub path: OsString,
    pub std_lib: StdLib,
}

/// The wasm's standard library.
pub enum StdLib {
    /// Rebuilt from Rust's own sources (rustup's `rust-src`) with panics that abort at
    /// once: no panic messages or locations, and none of the formatting code only they
    /// used (13 KiB brotli; README, "Benchmark").
    Lean,
    /// Rust's prebuilt one, because the lean one cannot be had here (the reason).
    Prebuilt(String),
}

/// What Cargo needs for [`StdLib::Lean`]: `-Zbuild-std` and the panic strategy are
/// unstable, so the wasm build (and only it) runs with `RUSTC_BOOTSTRAP`. std's own
/// `optimize_for_size` picks its smaller algorithms (sorting, formatting numbers): 0.22 KiB.
pub const LEAN_STD_ENV: [(&str, &str); 3] = [
    ("RUSTC_BOOTSTRAP", "1"),
    ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
    ("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size"),
];
/// ...and what rustc needs (beside the profile's `panic = "abort"`, which the host
/// builds keep; the later flag wins).
pub const LEAN_STD_FLAGS: &str = "-Zunstable-options -Cpanic=immediate-abort";

pub struct Browser {
    pub chromedriver: PathBuf,
}

pub fn cargo_home() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env::var_os("HOME").unwrap_or_default()).join(".cargo"))
}

fn cargo_bin() -> PathBuf {
    cargo_home().join("bin")
}

/// npm's binaryen lives in the build folder, not system-wide.
fn tools_dir() -> PathBuf {
    root().join("target").join("tools")
}

fn wasm_opt_bin_dir() -> PathBuf {
    tools_dir().join("node_modules").join(".bin")
}

fn path_with_tools() -> OsString {
    let mut dirs = vec![wasm_opt_bin_dir(), cargo_bin()];
    dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(dirs).expect("tool paths hold no separator")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `apt-get install` (through sudo when not root), after one `apt-get update`.
fn apt_install(packages: &[&str]) -> Result<()> {
    let apt = |args: &[&str]| {
        let mut cmd = if is_root() {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update"])?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend_from_slice(packages);
    apt(&args)
}

/// The wasm-bindgen version `Cargo.lock` pins; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock names no wasm-bindgen".into())
}

pub fn ensure_build_tools() -> Result<BuildTools> {
    step("checking build tools");
    if version_of("cc").is_none() {
        apt_install(&["build-essential", "pkg-config"])?;
    }

    ensure_rustup("target", "wasm32-unknown-unknown")?;

    let path = path_with_tools();
    let found = |program: &str| {
        let exe = env::split_paths(&path)
            .map(|d| d.join(program))
            .find(|p| p.is_file())?;
        version_of(exe.to_str()?)
    };

    if !found("trunk").is_some_and(|v| v.contains(TRUNK_VERSION)) {
        // Trunk declares a newer rustc than it needs; it builds and runs on this one.
        run(Command::new("cargo").args([
            "install",
            "--locked",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--ignore-rust-version",
        ]))?;
    }

    let bindgen = locked_wasm_bindgen_version()?;
    if !found("wasm-bindgen").is_some_and(|v| v.ends_with(&bindgen)) {
        // Not --locked: its lock file names a crate version the registry lacks.
        run(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &bindgen,
            "--force",
        ]))?;
    }

    if !found("wasm-opt").is_some_and(|v| v.contains("version 132")) {
        // Debian's binaryen (108) emits a wasm Chromium rejects; npm's 132 is pinned.
        npm_install(&format!("binaryen@{BINARYEN_VERSION}"))?;
    }
    for tool in ["trunk", "wasm-bindgen", "wasm-opt"] {
        println!(
            "  {tool}: {}",
            found(tool).unwrap_or_else(|| "MISSING".into())
        );
    }
    let std_lib = match ensure_lean_std() {
        Ok(()) => StdLib::Lean,
        Err(why) => StdLib::Prebuilt(why),
    };
    match &std_lib {
        StdLib::Lean => println!("  standard library: rebuilt from rust-src, panics abort at once"),
        StdLib::Prebuilt(why) => println!(
            "  NOTE: standard library: Rust's prebuilt one ({why}); the wasm is about \
             13 KiB brotli larger and panics print their message"
        ),
    }
    Ok(BuildTools { path, std_lib })
}

/// rustup's `rust-src` (the channel the wasm target comes from) and the crates the
/// standard library's sources depend on (crates.io), for [`StdLib::Lean`].
fn ensure_lean_std() -> std::result::Result<(), String> {
    ensure_rustup("component", "rust-src").map_err(|e| format!("rust-src: {e}"))?;
    // Trunk's build is offline: fetch what std's sources need first, once.
    let fetch = |offline: bool| {
        let mut cmd = Command::new("cargo");
        cmd.arg("fetch")
            .args(offline.then_some("--offline"))
            .args(["--target", "wasm32-unknown-unknown"])
            .envs(LEAN_STD_ENV)
            .current_dir(root());
        cmd
    };
    let cached = fetch(true)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !cached {
        run(&mut fetch(false)).map_err(|e| format!("the standard library's crates: {e}"))?;
    }
    Ok(())
}

/// A rustup `target` or `component`, added unless `rustup <kind> list --installed`
/// names it already.
fn ensure_rustup(kind: &str, name: &str) -> Result<()> {
    let installed = Command::new("rustup")
        .args([kind, "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed: {e}"))?;
    if !String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|line| line.starts_with(name))
    {
        run(Command::new("rustup").args([kind, "add", name]))?;
    }
    Ok(())
}

/// Installs an npm package (`name@version`) into the build's tools folder.
fn npm_install(package: &str) -> Result<()> {
    if version_of("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    let dir = tools_dir();
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    run(Command::new("npm").args([
        "install",
        "--no-audit",
        "--no-fund",
        "--prefix",
        dir.to_str().ok_or("non-UTF-8 path")?,
        package,
    ]))
}

/// axe-core's browser bundle, for the accessibility test; returns its path.
pub fn ensure_axe_core() -> Result<PathBuf> {
    let package = tools_dir().join("node_modules").join("axe-core");
    let installed = std::fs::read_to_string(package.join("package.json"))
        .is_ok_and(|p| p.contains(&format!("\"version\": \"{AXE_CORE_VERSION}\"")));
    if !installed {
        npm_install(&format!("axe-core@{AXE_CORE_VERSION}"))?;
    }
    Ok(package.join("axe.min.js"))
}

/// `twiggy` from crates.io, for the benchmark's "where the bytes go"; returns its path.
pub fn ensure_twiggy() -> Result<PathBuf> {
    let twiggy = cargo_bin().join("twiggy");
    // It names itself `twiggy-opt 0.8.0`.
    let installed = || {
        twiggy
            .to_str()
            .and_then(version_of)
            .is_some_and(|v| v.ends_with(&format!(" {TWIGGY_VERSION}")))
    };
    if !installed() {
        run(Command::new("cargo").args([
            "install",
            "--locked",
            "twiggy",
            "--version",
            TWIGGY_VERSION,
        ]))?;
    }
    if !installed() {
        return Err(format!("{} does not run", twiggy.display()));
    }
    Ok(twiggy)
}

pub fn ensure_browser() -> Result<Browser> {
    step("checking Chromium and chromedriver");
    if !Path::new(CHROMIUM).is_file() || !Path::new(CHROMEDRIVER).is_file() {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    // A CJK font, so the Chinese screenshots show characters rather than boxes.
    if !Path::new(CJK_FONT).is_file() {
        apt_install(&["fonts-wqy-zenhei"])?;
    }
    let driver = version_of(CHROMEDRIVER).ok_or("chromedriver does not run")?;
    println!("  {driver}");
    Ok(Browser {
        chromedriver: PathBuf::from(CHROMEDRIVER),
    })
}

/// What the gateway test runs: nginx, and the Python that holds Huawei's signer.
pub struct GatewayTools {
    pub nginx: PathBuf,
    pub signer_python: PathBuf,
}

/// Debian's nginx with its brotli_static and njs modules, which `deploy/nginx.conf`
/// needs, and a venv with Huawei's reference signer, which the gateway test checks the
/// signatures against.
pub fn ensure_nginx() -> Result<GatewayTools> {
    step("checking nginx and Huawei's signer (for the gateway test)");
    if [NGINX, NGINX_BROTLI_STATIC, NGINX_NJS]
        .iter()
        .any(|f| !Path::new(f).is_file())
    {
        apt_install(&[
            "nginx",
            "libnginx-mod-http-brotli-static",
            "libnginx-mod-http-js",
        ])?;
    }
    let version = Command::new(NGINX)
        .arg("-v")
        .output()
        .map_err(|e| format!("nginx does not run: {e}"))?;
    println!("  {}", String::from_utf8_lossy(&version.stderr).trim());
    let signer_python = ensure_signer()?;
    Ok(GatewayTools {
        nginx: PathBuf::from(NGINX),
        signer_python,
    })
}

/// `target/tools/signer-venv` with `huaweicloudsdkcore` at the pinned version, from
/// PyPI; returns its Python.
fn ensure_signer() -> Result<PathBuf> {
    let venv = tools_dir().join("signer-venv");
    let python = venv.join("bin").join("python");
    let installed = || {
        Command::new(&python)
            .args([
                "-c",
                "import huaweicloudsdkcore.signer.signer, importlib.metadata as m; \
                 print(m.version('huaweicloudsdkcore'))",
            ])
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == HUAWEICLOUDSDKCORE_VERSION)
    };
    if !installed() {
        if version_of("python3").is_none() {
            apt_install(&["python3", "python3-venv"])?;
        }
        let make_venv = || {
            run(Command::new("python3")
                .args(["-m", "venv", "--clear"])
                .arg(&venv))
        };
        // Debian's python3 makes no venv without python3-venv.
        if make_venv().is_err() {
            apt_install(&["python3-venv"])?;
            make_venv()?;
        }
        run(Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            &format!("huaweicloudsdkcore=={HUAWEICLOUDSDKCORE_VERSION}"),
        ]))?;
    }
    if !installed() {
        return Err(format!(
            "{} cannot import huaweicloudsdkcore",
            python.display()
        ));
    }
    println!(
        "  huaweicloudsdkcore {HUAWEICLOUDSDKCORE_VERSION} ({})",
        python.display()
    );
    Ok(python)
}
