//! Renders every fuzz corpus input under 100 KB in every mode and prints the slowest, to catch input
//! shapes that make rendering superlinear (the fuzzers look for panics, not for slowness).
//!
//! `cargo run -p quire-content --profile tool --example render_corpus [DIR...]`; without folders it
//! reads the committed corpus (`fuzz/corpus/`), what `cargo xtask fuzz` found (`target/fuzz/corpus/`)
//! and the sample posts.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quire_content::markdown::{render_html, RenderOptions};

const MAX_BYTES: u64 = 100 * 1024;
const SHOWN: usize = 10;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if entry.metadata().is_ok_and(|m| m.len() <= MAX_BYTES) {
            out.push(path);
        }
    }
}

/// The fastest of a few runs of every mode: the least disturbed by other work on the machine.
fn time_render(text: &str) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        for trusted_html in [false, true] {
            for base in ["/", "/blog/"] {
                let html = render_html(
                    text,
                    &RenderOptions {
                        base,
                        slug: "post",
                        trusted_html,
                        blocks: &[],
                    },
                );
                std::hint::black_box(html);
            }
        }
        best = best.min(started.elapsed());
    }
    best
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dirs: Vec<PathBuf> = match std::env::args()
        .skip(1)
        .map(PathBuf::from)
        .collect::<Vec<_>>()
    {
        dirs if !dirs.is_empty() => dirs,
        _ => ["fuzz/corpus", "target/fuzz/corpus", "content/posts"]
            .iter()
            .map(|d| root.join(d))
            .collect(),
    };
    let mut files = Vec::new();
    for dir in &dirs {
        files_under(dir, &mut files);
    }
    let mut timings: Vec<(Duration, usize, PathBuf)> = files
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            Some((time_render(&text), bytes.len(), path))
        })
        .collect();
    timings.sort_by_key(|t| std::cmp::Reverse(t.0));
    let total: Duration = timings.iter().map(|t| t.0).sum();
    let bytes: usize = timings.iter().map(|t| t.1).sum();
    println!(
        "{} inputs, {:.1} MB, rendered in 4 modes in {:.1} ms (fastest of 3 runs each)",
        timings.len(),
        bytes as f64 / 1e6,
        total.as_secs_f64() * 1e3
    );
    println!("slowest:");
    for (time, size, path) in timings.iter().take(SHOWN) {
        let per_kb = time.as_secs_f64() * 1e6 / (*size as f64 / 1024.0).max(0.001);
        println!(
            "{:>10.3} ms {:>9} B {:>9.1} µs/KB  {}",
            time.as_secs_f64() * 1e3,
            size,
            per_kb,
            path.strip_prefix(&root).unwrap_or(path).display()
        );
    }
}
