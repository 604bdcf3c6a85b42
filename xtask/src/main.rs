//! `cargo xtask <command>`: the project's commands, each installing what it lacks.

mod bench;
mod build;
mod compress;
mod glue;
mod link;
mod run;
mod tests;
mod tools;
mod wasm;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

  demo    build the release console and serve it with the local ModelArts stand-in
  test    run every check: fmt, clippy (host + wasm32), host tests, browser
          component tests, end-to-end tests in headless Chromium
  build   build the release dist/ (with its Content-Security-Policy)
  bench   build the release, then report its shipped bytes (with twiggy's top
          entries) and its render times in headless Chromium next to a plain-JS
          page, against issue #9's targets (target/bench/bench.json);
          --runs N (default 11, at least 5), --no-build
  setup   install the missing tools (wasm target, trunk, wasm-bindgen-cli,
          wasm-opt, Chromium, chromedriver, nginx)";

fn main() -> ExitCode {
    // The release build runs this program as its wasm linker too (see `link.rs`).
    if std::env::var_os(link::AS_LINKER).is_some() {
        return link::link(std::env::args_os().skip(1));
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => build::demo(&args[1..]),
        Some("test") => tests::run_all(),
        Some("bench") => bench::run_bench(&args[1..]),
        Some("build") => tools::ensure_build_tools().and_then(|t| build::release(&t)),
        Some("setup") => tools::ensure_build_tools()
            .and_then(|_| tools::ensure_browser())
            .and_then(|_| tools::ensure_nginx())
            .map(|_| ()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}
