//! `cargo xtask test`: every check, in order of cost; the first failure stops the run.

use std::process::Command;

use crate::{
    build,
    run::{root, run, run_tests, step, Result, TestTally},
    tools::{ensure_axe_core, ensure_browser, ensure_build_tools, ensure_nginx},
};

pub fn run_all() -> Result<()> {
    let tools = ensure_build_tools()?;
    let browser = ensure_browser()?;
    let axe_core = ensure_axe_core()?;
    let mut tally = TestTally::default();

    step("formatting (cargo fmt --check)");
    run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;

    step("lints, host (clippy -D warnings)");
    run(Command::new("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;

    step("lints, wasm32 (clippy -D warnings)");
    run(Command::new("cargo").args([
        "clippy",
        "--package",
        "vizjobs",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;

    step("host tests (pure logic, the stand-in, xtask)");
    tally.add(run_tests(Command::new("cargo").args([
        "test",
        "--workspace",
        "--exclude",
        "vizjobs-e2e",
    ]))?);

    step("browser component tests (wasm-bindgen-test in headless Chromium)");
    tally.add(run_tests(
        Command::new("cargo")
            .args([
                "test",
                "--package",
                "vizjobs",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("PATH", &tools.path)
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            // A half-hour zone with daylight saving, for the date test.
            .env("TZ", "America/St_Johns"),
    )?);

    build::release(&tools)?;
    let gateway = ensure_nginx()?;

    step("end-to-end tests (release dist/ + stand-in or nginx + chromedriver)");
    tally.add(run_tests(
        Command::new("cargo")
            .args([
                "test",
                "--package",
                "vizjobs-e2e",
                "--",
                "--test-threads",
                "2",
            ])
            .env("VIZJOBS_DIST", root().join("dist"))
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("NGINX", &gateway.nginx)
            .env("VIZJOBS_SIGNER_PYTHON", &gateway.signer_python)
            .env("AXE_CORE", &axe_core)
            .env("SCREENSHOTS", root().join("target").join("screenshots")),
    )?);

    println!("\nAll checks passed.");
    println!("xtask: {} passed, {} failed", tally.passed, tally.failed);
    Ok(())
}
