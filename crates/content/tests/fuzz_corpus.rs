//! The fuzz targets on stable: every input of the committed corpus (`fuzz/corpus/`) and every sample
//! post through every target, as `cargo fuzz` would run them. A panic is a failure. `cargo xtask fuzz`
//! explores further with libFuzzer on nightly; an input it finds worth keeping goes into the corpus.

#[path = "../../../fuzz/src/lib.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    files_under(&root.join("fuzz/corpus"), &mut files);
    files_under(&root.join("content/posts"), &mut files);
    files.retain(|p| {
        p.extension()
            .is_none_or(|e| e == "md" || e == "txt" || e == "toml")
    });
    files.sort();
    files
}

#[test]
fn every_corpus_input_passes_every_target() {
    let files = corpus();
    assert!(
        files.len() >= 40,
        "the corpus went missing: {} files",
        files.len()
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let run = std::panic::catch_unwind(|| harness::all(&bytes));
        assert!(run.is_ok(), "{} panics a target", path.display());
    }
}
