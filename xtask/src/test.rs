//! `cargo xtask test`: everything that must pass, in the order that fails fastest, then one summary line.

use crate::{setup, sh};
use std::time::Instant;

pub fn run() -> Result<(), String> {
    let tools = setup::run()?;
    let root = sh::root();
    let e2e_root = root.join("target/e2e/site");
    let e2e_blog = root.join("target/e2e/site-blog");

    let browser_env = |mut cmd: std::process::Command| {
        cmd.env("PATH", &tools.path)
            .env("CHROMEDRIVER", &tools.chromedriver)
            .env("QUIRE_CHROMIUM", &tools.chromium)
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            );
        cmd
    };

    type Step<'a> = (&'a str, Box<dyn Fn() -> Result<(), String> + 'a>);
    let steps: Vec<Step> = vec![
        (
            "fmt",
            Box::new(|| sh::run(sh::cargo(&["fmt", "--all", "--check"]))),
        ),
        (
            "clippy",
            Box::new(|| {
                sh::run(sh::cargo(&[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]))
            }),
        ),
        (
            "clippy-wasm32",
            Box::new(|| {
                sh::run(sh::cargo(&[
                    "clippy",
                    "--package",
                    "quire",
                    "--package",
                    "quire-content",
                    "--package",
                    "quire-render",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]))
            }),
        ),
        (
            "unit",
            Box::new(|| {
                sh::run(sh::cargo(&[
                    "test",
                    "--no-fail-fast",
                    "--workspace",
                    "--exclude",
                    "quire",
                    "--exclude",
                    "quire-e2e",
                ]))
            }),
        ),
        (
            "browser",
            Box::new(|| {
                sh::run(browser_env(sh::cargo(&[
                    "test",
                    "--package",
                    "quire",
                    "--target",
                    "wasm32-unknown-unknown",
                ])))
            }),
        ),
        (
            "dist",
            Box::new(|| {
                crate::build_dist(&tools, None, &e2e_root)?;
                crate::build_dist(&tools, Some("/blog/"), &e2e_blog)
            }),
        ),
        (
            "budgets",
            Box::new(|| crate::bench::check_budgets(&e2e_root)),
        ),
        (
            "e2e",
            Box::new(|| {
                let mut cmd = browser_env(sh::cargo(&[
                    "test",
                    "--package",
                    "quire-e2e",
                    "--no-fail-fast",
                    "--",
                    "--test-threads=1",
                ]));
                cmd.env("QUIRE_E2E_SITE", &e2e_root)
                    .env("QUIRE_VNU_JAR", &tools.vnu_jar)
                    .env("QUIRE_E2E_SITE_BLOG", &e2e_blog)
                    .env("QUIRE_E2E_OUT", root.join("target/e2e/out"));
                sh::run(cmd)
            }),
        ),
    ];

    let mut passed = Vec::new();
    let mut failed = Vec::new();
    for (name, step) in &steps {
        let started = Instant::now();
        println!("\nxtask: ── {name} ──");
        match step() {
            Ok(()) => {
                println!("xtask: {name} passed in {:.1?}", started.elapsed());
                passed.push(*name);
            }
            Err(e) => {
                eprintln!("xtask: {name} FAILED: {e}");
                failed.push(*name);
            }
        }
    }
    println!(
        "\nxtask test: passed [{}]; failed [{}]",
        passed.join(", "),
        failed.join(", ")
    );
    println!("summary: {} passed, {} failed", passed.len(), failed.len());
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("{} of {} steps failed", failed.len(), steps.len()))
    }
}
