//! `cargo xtask fuzz [SECONDS]`: every cargo-fuzz target in `fuzz/` under libFuzzer for SECONDS each.
//!
//! libFuzzer needs a nightly toolchain and `cargo fuzz`; setup does not install them, since only this
//! command needs them. Each target starts from the committed corpus (`fuzz/corpus/`, read only) and
//! keeps what it finds in `target/fuzz/corpus/<target>/`; a crash leaves its input in
//! `fuzz/artifacts/<target>/` and fails the command.

use crate::sh;

/// The targets, as `fuzz/Cargo.toml` names them.
const TARGETS: [&str; 4] = ["render", "front_matter", "compile", "pages"];

pub fn run(args: &[String]) -> Result<(), String> {
    let seconds: u32 = match args {
        [] => 60,
        [s] => s.parse().map_err(|_| {
            format!("`{s}` is not a number of seconds\nusage: cargo xtask fuzz [SECONDS]")
        })?,
        _ => return Err("usage: cargo xtask fuzz [SECONDS]".into()),
    };
    if sh::output_of("cargo", &["+nightly", "--version"]).is_none() {
        return Err("fuzzing needs a nightly toolchain: `rustup toolchain install nightly`".into());
    }
    if sh::output_of("cargo", &["fuzz", "--version"]).is_none() {
        return Err("fuzzing needs cargo-fuzz: `cargo install cargo-fuzz`".into());
    }
    let root = sh::root();
    let seeds = root.join("fuzz/corpus");
    let mut failed = Vec::new();
    for target in TARGETS {
        let work = root.join("target/fuzz/corpus").join(target);
        std::fs::create_dir_all(&work)
            .map_err(|e| format!("cannot create {}: {e}", work.display()))?;
        let max_time = format!("-max_total_time={seconds}");
        let mut cmd = std::process::Command::new("cargo");
        cmd.current_dir(root.join("fuzz"))
            .args(["+nightly", "fuzz", "run", target]);
        // The first folder receives new inputs; the committed seeds are only read.
        cmd.arg(&work).arg(&seeds);
        cmd.args([
            "--",
            &max_time,
            "-max_len=262144",
            "-timeout=10",
            "-rss_limit_mb=4096",
        ]);
        if let Err(e) = sh::run(cmd) {
            failed.push(format!("{target}: {e}"));
        }
    }
    if failed.is_empty() {
        println!(
            "xtask: fuzz: {} targets ran {seconds} s each without a crash",
            TARGETS.len()
        );
        Ok(())
    } else {
        Err(format!(
            "fuzz found crashes (inputs in fuzz/artifacts/):\n{}",
            failed.join("\n")
        ))
    }
}
