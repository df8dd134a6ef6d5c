//! What the integration tests share: the `quire-press` binary, run as authors and trunk run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_quire-press");

/// The cache every test's builds share, as the builds of one machine do (and not `target/` under
/// the fixtures, where the default would put it).
pub fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("press-cache")
}

/// Runs `quire-press` in `cwd` with the environment trunk could set cleared.
pub fn press(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("QUIRE_CACHE_DIR", cache_dir())
        .env_remove("TRUNK_STAGING_DIR")
        .env_remove("TRUNK_PROFILE")
        .env_remove("QUIRE_DRAFTS")
        .output()
        .expect("quire-press runs")
}
