//! Measures what each brotli quality and gzip level costs and saves on a built site, by kind of file:
//! `cargo run -p quire-press --profile tool --example compress_levels -- DIR [QUALITIES]`.
//! Prints one line per setting: total bytes in and out and CPU seconds (summed over threads).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// User and system time of this process so far, from /proc (Linux): unlike the wall clock, it does
/// not grow when other processes share the cores.
fn process_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name; in clock
    // ticks, 100 a second on Linux.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(&args[0]);
    let settings: Vec<String> = args
        .get(1)
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_else(|| {
            [
                "br5", "br6", "br7", "br8", "br9", "br10", "br11", "gz6", "gz9",
            ]
            .map(str::to_string)
            .to_vec()
        });
    let mut files = Vec::new();
    collect(&dir, &mut files);
    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter_map(|f| {
            let ext = f.extension()?.to_str()?.to_string();
            quire_press::compress::is_text(&f).then(|| (ext, std::fs::read(&f).expect("read")))
        })
        .collect();
    println!("setting\tkind\tfiles\tbytes\tcompressed\tcpu_s");
    for setting in &settings {
        let wall = Instant::now();
        let cpu = process_cpu_seconds();
        let results: Vec<(String, usize, usize, f64)> = files
            .par_iter()
            .map(|(ext, bytes)| {
                let t = Instant::now();
                let out = if let Some(q) = setting.strip_prefix("br") {
                    quire_press::compress::brotli(bytes, q.parse().expect("quality"))
                } else {
                    let level = setting
                        .strip_prefix("gz")
                        .expect("br or gz")
                        .parse()
                        .expect("level");
                    quire_press::compress::gzip(bytes, level)
                };
                (
                    ext.clone(),
                    bytes.len(),
                    out.len(),
                    t.elapsed().as_secs_f64(),
                )
            })
            .collect();
        let mut by_kind: BTreeMap<String, (usize, usize, usize, f64)> = BTreeMap::new();
        for (ext, raw, out, secs) in results {
            let kind = if raw > 10_000_000 {
                format!("{ext} (>10 MB)")
            } else {
                ext
            };
            for key in [kind, "all".to_string()] {
                let e = by_kind.entry(key).or_default();
                e.0 += 1;
                e.1 += raw;
                e.2 += out;
                e.3 += secs;
            }
        }
        for (kind, (n, raw, out, secs)) in by_kind {
            println!("{setting}\t{kind}\t{n}\t{raw}\t{out}\t{secs:.2}");
        }
        eprintln!(
            "{setting}: {:.1} s wall, {:.1} s CPU",
            wall.elapsed().as_secs_f64(),
            process_cpu_seconds() - cpu
        );
    }
}
