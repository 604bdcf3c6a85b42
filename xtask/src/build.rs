//! The release `dist/` (Trunk, then its loader moved out of line under a strict
//! Content-Security-Policy) and the demo that serves it.

use std::{
    env, fs,
    net::TcpStream,
    path::{Path, PathBuf},
    process::Command,
    thread,
    time::Duration,
};

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use crate::{
    compress, glue, link,
    run::{root, run, step, Result},
    tools::{cargo_home, ensure_build_tools, BuildTools, StdLib, LEAN_STD_ENV, LEAN_STD_FLAGS},
};

/// The page's whole policy: no inline script at all (Trunk's loader becomes a file), so
/// it is the same for every build and a gateway sends it as a header too
/// (`deploy/nginx.conf`; `tests/e2e/tests/gateway.rs` checks the two agree). Everything
/// the page needs is same-origin; `connect-src` also allows an `api_base` on another
/// origin (see README, "Deploying").
const CSP: &str = "script-src 'self' 'wasm-unsafe-eval'; default-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self' http: https:; \
     object-src 'none'; base-uri 'self'; form-action 'none'";

/// The settings `ui.md` documents, shipped so an operator has a file to edit.
const DEFAULT_CONFIG: &str = r#"{
  "api_base": "",
  "project_id": "",
  "workspace_id": "0",
  "refresh_seconds": 30,
  "request_timeout_seconds": 20,
  "language": "auto",
  "read_only": false
}
"#;

/// The demo's settings: a project the stand-in answers for.
const DEMO_CONFIG: &str = r#"{
  "api_base": "",
  "project_id": "demo-project",
  "workspace_id": "0",
  "refresh_seconds": 30,
  "request_timeout_seconds": 20,
  "language": "auto",
  "read_only": false
}
"#;

pub fn release(tools: &BuildTools) -> Result<()> {
    step("building the release dist/ with trunk");
    // Added to `.cargo/config.toml`'s flags for the target (Cargo joins the two).
    let flags_var = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";
    let mut flags = vec![
        env::var(flags_var).unwrap_or_default(),
        registry_remaps(&cargo_home()),
    ];
    let mut trunk = Command::new("trunk");
    if let StdLib::Lean = tools.std_lib {
        trunk.envs(LEAN_STD_ENV);
        flags.push(LEAN_STD_FLAGS.to_owned());
    }
    // xtask links the wasm itself: rust-lld without wasm-streams' exports (link.rs).
    let xtask = env::current_exe().map_err(|e| format!("cannot find xtask's own path: {e}"))?;
    run(trunk
        .args(["build", "--release"])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", xtask)
        .env(link::AS_LINKER, "1")
        .env("PATH", &tools.path)
        .env(flags_var, flags.join(" ").trim())
        .env_remove("NO_COLOR"))?;
    let dist = root().join("dist");
    glue::trim(&dist)?;
    add_content_security_policy(&dist)?;
    fs::write(dist.join("config.json"), DEFAULT_CONFIG).map_err(|e| e.to_string())?;
    // Static hosts (nginx gzip_static/brotli_static) serve these without compressing per request.
    compress::precompress_dir(&dist)?;
    for entry in fs::read_dir(&dist).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        println!(
            "  dist/{:<40} {size:>9} bytes",
            entry.file_name().to_string_lossy()
        );
    }
    Ok(())
}

/// Panic messages name their source file, and for a dependency that is its whole path
/// in this machine's Cargo registry (42 of them in the wasm: 0.3 KB brotli). Each
/// registry folder is cut off, leaving `crate-version/src/…`: a smaller wasm, and the
/// same one whoever builds it.
fn registry_remaps(cargo_home: &Path) -> String {
    let Ok(entries) = fs::read_dir(cargo_home.join("registry").join("src")) else {
        return String::new();
    };
    remap_flags(entries.filter_map(|e| Some(e.ok()?.path())))
}

fn remap_flags(dirs: impl Iterator<Item = PathBuf>) -> String {
    dirs.filter_map(|dir| dir.to_str().map(str::to_owned))
        // Cargo splits the variable at whitespace: such a folder stays as it is.
        .filter(|dir| !dir.contains(char::is_whitespace))
        .map(|dir| format!("--remap-path-prefix={dir}/="))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Moves each inline script (Trunk's loader) into `loader-<hash>.js` beside
/// `index.html`, loaded with `src` and `integrity`, and adds the [`CSP`] meta tag. The
/// loader's relative imports resolve against its own URL, which is the page's folder.
fn add_content_security_policy(dist: &Path) -> Result<()> {
    let index = dist.join("index.html");
    let mut html = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    if html.contains("http-equiv=\"Content-Security-Policy\"") {
        return Ok(());
    }
    let scripts: Vec<(String, String)> = inline_scripts(&html)
        .map(|(tag, body)| (tag.to_string(), body.to_string()))
        .collect();
    for (tag, body) in scripts {
        let digest = Sha256::digest(body.as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let name = format!("loader-{hex}.js");
        fs::write(dist.join(&name), &body).map_err(|e| e.to_string())?;
        let external = format!(
            "{} src=\"./{name}\" integrity=\"{}\"></script>",
            tag.trim_end_matches('>'),
            sri(body.as_bytes())
        );
        html = html.replacen(&format!("{tag}{body}</script>"), &external, 1);
        println!("  Trunk's loader moved to dist/{name}");
    }
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    let head = head_start(&html).ok_or("dist/index.html has no <head> nor <meta charset>")?;
    let out = format!("{}{meta}{}", &html[..head], &html[head..]);
    fs::write(&index, out).map_err(|e| e.to_string())?;
    println!("  Content-Security-Policy: {CSP}");
    Ok(())
}

/// A subresource-integrity value (`sha384-…`) for `bytes`.
pub fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Where the head's content starts, for a tag that must come before any script: after
/// `<head>`, or, in the minified page (which leaves out the optional `<head>` tag), after
/// the `<meta charset>` that opens it.
fn head_start(html: &str) -> Option<usize> {
    if let Some(at) = html.find("<head>") {
        return Some(at + "<head>".len());
    }
    let charset = html.find("<meta charset")?;
    Some(charset + html[charset..].find('>')? + 1)
}

/// Opening tag and body of each `<script>` element without `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = (&str, &str)> {
    html.match_indices("<script").filter_map(move |(start, _)| {
        let open_end = start + html[start..].find('>')?;
        let tag = &html[start..=open_end];
        if tag.contains(" src=") {
            return None;
        }
        let body_start = open_end + 1;
        let body_end = body_start + html[body_start..].find("</script>")?;
        Some((tag, &html[body_start..body_end]))
    })
}

pub fn demo(args: &[String]) -> Result<()> {
    let port = match args {
        [] => "8080".to_string(),
        [flag, port] if flag == "--port" => port.clone(),
        _ => return Err("usage: cargo xtask demo [--port N]".into()),
    };
    let tools = ensure_build_tools()?;
    release(&tools)?;
    let config = root().join("target").join("demo-config.json");
    fs::write(&config, DEMO_CONFIG).map_err(|e| e.to_string())?;
    step("starting the local ModelArts stand-in with demo data");
    let mut stand_in = Command::new("cargo")
        .args([
            "run",
            "--quiet",
            "--package",
            "mock-api",
            "--",
            "--port",
            &port,
            "--static-dir",
            root().join("dist").to_str().ok_or("non-UTF-8 path")?,
            "--config-json",
            config.to_str().ok_or("non-UTF-8 path")?,
        ])
        .current_dir(root())
        .spawn()
        .map_err(|e| format!("could not start the stand-in: {e}"))?;
    // Said once the page answers, not before: on a fresh clone cargo first compiles the
    // stand-in, and the address would refuse connections meanwhile.
    let address = format!("127.0.0.1:{port}");
    loop {
        if let Some(status) = stand_in.try_wait().map_err(|e| e.to_string())? {
            return Err(format!(
                "the stand-in stopped before it answered ({status})"
            ));
        }
        if TcpStream::connect(&address).is_ok() {
            break;
        }
        thread::sleep(Duration::from_millis(100));
    }
    println!("\n    Open http://{address}/ in a browser (Ctrl-C stops the demo).\n");
    let status = stand_in.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the stand-in stopped ({status})"))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{head_start, inline_scripts, remap_flags};

    #[test]
    fn each_registry_folder_is_cut_from_source_paths() {
        let dirs = [
            "/home/a/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f",
            "/x y/src/z",
        ];
        assert_eq!(
            remap_flags(dirs.into_iter().map(PathBuf::from)),
            "--remap-path-prefix=/home/a/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/="
        );
        assert_eq!(remap_flags(std::iter::empty()), "");
    }

    #[test]
    fn the_policy_goes_first_in_the_head_written_or_implied() {
        let written = "<html><head><meta charset=\"utf-8\" />";
        assert_eq!(&written[..head_start(written).unwrap()], "<html><head>");
        let minified = "<!doctype html><html lang=en><meta charset=utf-8><title>";
        assert_eq!(
            &minified[..head_start(minified).unwrap()],
            "<!doctype html><html lang=en><meta charset=utf-8>"
        );
        assert_eq!(head_start("<html><title>x</title>"), None);
    }

    #[test]
    fn finds_only_inline_script_bodies() {
        let html =
            r#"<head><script src="/a.js"></script><script type="module">import x;</script></head>"#;
        assert_eq!(
            inline_scripts(html).collect::<Vec<_>>(),
            [(r#"<script type="module">"#, "import x;")]
        );
        let minified = "<script defer src=./a.js></script><script type=module>import x;</script>";
        assert_eq!(
            inline_scripts(minified).collect::<Vec<_>>(),
            [("<script type=module>", "import x;")]
        );
    }
}
