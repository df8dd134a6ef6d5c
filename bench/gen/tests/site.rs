//! A generated site is what the benchmarks need: the same bytes on every run, and a site quire-press
//! compiles without a single problem.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// No variables set: the build takes only what the test passes.
struct NoEnv;

impl quire_press::Env for NoEnv {
    fn var(&self, _: &str) -> Option<String> {
        None
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("gen-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).unwrap();
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

#[test]
fn generated_site_builds_cleanly_and_deterministically() {
    let dir = scratch("site");
    let (a, b) = (dir.join("a"), dir.join("b"));
    quire_gen::write_site(300, &a).unwrap();
    quire_gen::write_site(300, &b).unwrap();
    assert_eq!(tree(&a), tree(&b));
    assert_eq!(tree(&a.join("posts")).len(), 300);

    let args: Vec<OsString> = ["build", "--content"]
        .into_iter()
        .map(OsString::from)
        .chain([a.clone().into_os_string(), "--out".into()])
        .chain([dir.join("out").into_os_string()])
        // Its own cache, not `target/` under this crate's folder (the default, from the working
        // directory), and a cold one: the build is what is under test.
        .chain(["--cache".into(), dir.join("cache").into_os_string()])
        .collect();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = quire_press::run(&args, &NoEnv, &mut stdout, &mut stderr);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("quire-press: 300 posts, 8 categories, 60 tags → "),
        "{stdout}"
    );
}

#[test]
fn rewriting_replaces_its_own_posts_and_refuses_other_files() {
    let dir = scratch("rewrite");
    quire_gen::write_site(30, &dir).unwrap();
    quire_gen::write_site(10, &dir).unwrap();
    assert_eq!(tree(&dir.join("posts")).len(), 10);
    fs::write(dir.join("posts/mine.md"), "keep").unwrap();
    let refused = quire_gen::write_site(10, &dir).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("mine.md, which gen-posts did not write"),
        "{refused}"
    );
    assert_eq!(fs::read(dir.join("posts/mine.md")).unwrap(), b"keep");
}
