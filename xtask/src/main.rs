//! `cargo xtask <command>`: the project's own commands, with no dependencies beyond std so they
//! build in seconds on a fresh machine.

mod bench;
mod fuzz;
mod setup;
mod sh;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup              install what is missing: wasm32 target, trunk, wasm-bindgen-cli, wasm-opt, Chromium
  serve              setup, then `trunk serve` on the sample content (http://127.0.0.1:8080/)
  test               setup, then fmt, clippy (native and wasm32), unit, browser and end-to-end tests
  dist [--base P]    release build into dist/ (P: the sub-path the site is served under, e.g. /blog/)
  gen-posts N DIR    write a synthetic site of N posts into DIR (for benchmarks)
  bench [--runs N]   measure sizes, cold loads, Markdown speed, scale and build times into bench/report.md
  fuzz [SECONDS]     run every fuzz target under libFuzzer for SECONDS each (default 60; needs nightly and cargo-fuzz)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run().map(|_| ()),
        Some("serve") => serve(),
        Some("test") => test::run(),
        Some("dist") => dist(&args[1..]),
        Some("gen-posts") => gen_posts(&args[1..]),
        Some("bench") => bench::run(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve() -> Result<(), String> {
    let tools = setup::run()?;
    println!("xtask: serving the sample site at http://127.0.0.1:8080/ (Ctrl-C stops; edits to src/, style/ and content/ reload)");
    sh::run(tools.trunk(&["serve"]))
}

fn dist(args: &[String]) -> Result<(), String> {
    let base = match args {
        [] => None,
        [flag, base] if flag == "--base" => Some(base.as_str()),
        _ => return Err("usage: cargo xtask dist [--base /sub/path/]".into()),
    };
    let tools = setup::run()?;
    build_dist(&tools, base, &sh::root().join("dist"))
}

/// The release build: `trunk build --release`, under `base` when given, into `out`.
pub fn build_dist(
    tools: &setup::Tools,
    base: Option<&str>,
    out: &std::path::Path,
) -> Result<(), String> {
    // Trunk empties the old output before it moves the new one in, on one thread: at 10,000 posts
    // that is 90,000 files and took longer than building them. Moved aside (a rename), the old
    // output is deleted while trunk builds, and a build whose output folder is missing starts
    // clean. Compressed files and code blocks are cached under target/, not here.
    let aside = out.with_file_name(format!(
        ".{}.old-{}",
        out.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let cleaner = std::fs::rename(out, &aside)
        .ok()
        .map(|()| std::thread::spawn(move || std::fs::remove_dir_all(aside)));
    let result = trunk_build(tools, base, out);
    if let Some(cleaner) = cleaner {
        let _ = cleaner.join();
    }
    result
}

fn trunk_build(
    tools: &setup::Tools,
    base: Option<&str>,
    out: &std::path::Path,
) -> Result<(), String> {
    let out = out.to_string_lossy().into_owned();
    let mut args = vec!["build", "--release", "--dist", &out];
    let public_url;
    if let Some(base) = base {
        public_url = format!("/{}/", base.trim_matches('/'));
        args.extend(["--public-url", &public_url]);
    }
    sh::run(tools.trunk(&args))
}

fn gen_posts(args: &[String]) -> Result<(), String> {
    let [n, dir] = args else {
        return Err("usage: cargo xtask gen-posts N DIR".into());
    };
    sh::run(sh::cargo(&[
        "run",
        "--quiet",
        "--profile",
        "tool",
        "--package",
        "quire-gen",
        "--",
        n,
        dir,
    ]))
}
