//! The `quire-press` binary as authors and trunk run it: real folders in, real files and messages out.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use pretty_assertions::assert_eq;

mod common;
use common::{cache_dir, press, BIN};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("press-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Builds a fixture site into a scratch folder; panics with the diagnostics when it fails.
fn build_fixture(site: &str, scratch_name: &str, extra: &[&str]) -> (PathBuf, String) {
    let out = scratch(scratch_name);
    let out_arg = out.to_string_lossy().into_owned();
    let mut args = vec!["build", "--content", "content", "--out", &out_arg];
    args.extend(extra);
    let result = press(&fixtures().join(site), &args);
    assert!(
        result.status.success(),
        "{site} failed:\n{}",
        text(&result.stderr)
    );
    (out, text(&result.stdout))
}

/// The golden site compiles to the committed files, byte for byte. `UPDATE_GOLDEN=1` rewrites them
/// (do that when the Markdown outline or the model changes on purpose, then review the diff).
#[test]
fn golden_site_matches_expected_files() {
    let (out, stdout) = build_fixture("golden", "golden", &["--now", "2025-01-01T00:00:00Z"]);
    assert!(
        stdout.starts_with("quire-press: 3 posts, 3 categories, 4 tags → "),
        "{stdout}"
    );
    let got = tree(&out);
    let expected_dir = fixtures().join("golden/expected");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = fs::remove_dir_all(&expected_dir);
        for (path, bytes) in &got {
            let target = expected_dir.join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(target, bytes).unwrap();
        }
    }
    let expected = tree(&expected_dir);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &expected {
        assert_eq!(
            text(&got[path]),
            text(bytes),
            "{path} differs (UPDATE_GOLDEN=1 rewrites it)"
        );
    }
}

#[test]
fn golden_site_content_as_a_reader_gets_it() {
    let (out, _) = build_fixture("golden", "golden-read", &["--now", "2025-01-01"]);
    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/index.json")).unwrap()).unwrap();
    let slugs: Vec<&str> = index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    // Newest first; the draft and the post dated after --now are left out.
    assert_eq!(slugs, ["tcp-slow-start", "dns-lookups", "cache-lines"]);
    let categories: Vec<(&str, u64)> = index["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["slug"].as_str().unwrap(), c["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        categories,
        [("performance", 1), ("networking", 2), ("empty", 0)]
    );
    let tcp: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/posts/tcp-slow-start.json")).unwrap())
            .unwrap();
    let body = tcp["body"].as_str().unwrap();
    assert!(
        body.contains("[DNS post](/posts/dns-lookups/#caches)"),
        "{body}"
    );
    assert!(
        !body.contains(".md"),
        "no .md link reaches the browser: {body}"
    );
    assert_eq!(tcp["meta"]["series"]["name"], "Transport basics");
    assert_eq!(tcp["next"]["slug"], "dns-lookups");
    assert_eq!(
        fs::read(out.join("posts/cache-lines/img/lines.svg")).unwrap(),
        fs::read(fixtures().join("golden/content/posts/cache-lines/img/lines.svg")).unwrap()
    );
    assert!(!out.join("data/posts/draft-notes.json").exists());
    assert!(!out.join("data/posts/scheduled.json").exists());
}

#[test]
fn drafts_and_future_posts_on_request() {
    let (out, stdout) = build_fixture("golden", "golden-drafts", &["--drafts"]);
    assert!(stdout.starts_with("quire-press: 5 posts,"), "{stdout}");
    assert!(out.join("data/posts/draft-notes.json").exists());
    assert!(out.join("data/posts/scheduled.json").exists());
}

#[test]
fn builds_are_byte_identical() {
    let (a, _) = build_fixture("golden", "determinism-a", &["--now", "2025-01-01"]);
    let (b, _) = build_fixture("golden", "determinism-b", &["--now", "2025-01-01"]);
    assert_eq!(tree(&a), tree(&b));
    // Building over an existing output replaces it with the same bytes, leaving no staging folder.
    let out_arg = a.to_string_lossy().into_owned();
    let again = press(
        &fixtures().join("golden"),
        &[
            "build",
            "--content",
            "content",
            "--out",
            &out_arg,
            "--now",
            "2025-01-01",
        ],
    );
    assert!(again.status.success());
    assert_eq!(tree(&a), tree(&b));
}

/// The sample blog: every code block highlighted, diagrams drawn as SVG or shown as source with a
/// warning at their line, the build still succeeding, and the same bytes on a second build.
#[test]
fn sample_blog_blocks_prepared_deterministically() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let build = |name: &str| {
        let out = scratch(name);
        let out_arg = out.to_string_lossy().into_owned();
        let result = press(&content, &["build", "--content", ".", "--out", &out_arg]);
        assert!(result.status.success(), "{}", text(&result.stderr));
        (out, text(&result.stderr))
    };
    let (a, warnings) = build("samples-a");
    let (b, _) = build("samples-b");
    assert_eq!(tree(&a), tree(&b));

    // Three sample diagrams use constructs the renderer draws wrong: their source is shown.
    assert_eq!(
        warnings
            .lines()
            .map(|l| l.split(": warning: ").next().unwrap())
            .collect::<Vec<_>>(),
        [
            "./posts/asyncio-event-loop-internals.md:172",
            "./posts/table-formats-and-metastores.md:32",
            "./posts/tcp-congestion-control.md:44",
            "quire-press: 3 warnings (listed above, each at its path:line)"
        ],
        "{warnings}"
    );
    let post = |slug: &str| -> serde_json::Value {
        serde_json::from_slice(&fs::read(a.join(format!("data/posts/{slug}.json"))).unwrap())
            .unwrap()
    };
    let tls = post("tls-13-handshake");
    let blocks = tls["blocks"].as_array().unwrap();
    let diagram = blocks
        .iter()
        .find_map(|b| b.as_str().filter(|b| b.contains("<svg")))
        .unwrap();
    assert!(
        diagram.contains("aria-label=\"Sequence diagram\""),
        "{diagram}"
    );
    assert!(
        diagram.contains(">ServerHello</tspan>") || diagram.contains(">ServerHello"),
        "{diagram}"
    );
    let queue = post("postgres-job-queue-part-1");
    let blocks = queue["blocks"].as_array().unwrap();
    assert!(!blocks.is_empty());
    assert!(blocks.iter().all(|b| b
        .as_str()
        .is_some_and(|b| b.starts_with("<div class=\"code-block\""))));
    assert!(blocks
        .iter()
        .any(|b| b.as_str().unwrap().contains("<span class=\"hl-kw\">")));
}

#[test]
fn zola_site_compiles_as_written() {
    let (out, stdout) = build_fixture("zola", "zola", &[]);
    assert!(
        stdout.starts_with("quire-press: 2 posts, 1 category, 3 tags"),
        "{stdout}"
    );
    let post: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/posts/hello-zola.json")).unwrap()).unwrap();
    assert_eq!(post["meta"]["category"]["name"], "Systems Notes");
    assert_eq!(post["meta"]["category"]["slug"], "systems-notes");
    assert_eq!(post["extra"]["toc"], true);
    assert_eq!(post["extra"]["template"], "page.html");
    assert_eq!(post["extra"]["aliases"][0], "/old/first/");
    assert_eq!(post["meta"]["updated"], "2023-02-01T08:00:00Z");
    assert!(post["body"]
        .as_str()
        .unwrap()
        .contains("](/posts/rust-layout/)"));
    assert!(out.join("posts/rust-layout/layout.svg").is_file());
}

#[test]
fn jekyll_site_compiles_as_written() {
    let (out, stdout) = build_fixture("jekyll", "jekyll", &[]);
    assert!(
        stdout.starts_with("quire-press: 2 posts, 2 categories, 3 tags"),
        "{stdout}"
    );
    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/index.json")).unwrap()).unwrap();
    let posts: Vec<(&str, &str, &str)> = index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["slug"].as_str().unwrap(),
                p["date"].as_str().unwrap(),
                p["category"]["slug"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        posts,
        [
            ("tls-handshake", "2024-05-02T14:20:00+02:00", "security"),
            ("how-dns-works", "2024-02-11", "networking"),
        ]
    );
    let tls: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/posts/tls-handshake.json")).unwrap())
            .unwrap();
    assert_eq!(tls["extra"]["layout"], "post");
    assert_eq!(tls["authors"][0], "Jo");
    assert!(tls["body"]
        .as_str()
        .unwrap()
        .contains("(/posts/how-dns-works/)"));
}

#[test]
fn every_problem_at_once_and_nothing_written() {
    let out = scratch("errors");
    fs::create_dir_all(out.join("data")).unwrap();
    fs::write(out.join("data/index.json"), "old").unwrap();
    let before = tree(&out);
    let out_arg = out.to_string_lossy().into_owned();
    let result = press(
        &fixtures().join("errors"),
        &["build", "--content", "content", "--out", &out_arg],
    );
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(text(&result.stdout), "");
    assert_eq!(
        text(&result.stderr),
        "\
content/posts/bad-date.md:3:8: date \"2024-13-01\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z
content/posts/empty.md:5:1: warning: the post has no text and is published empty: write it below the closing --- line
content/posts/latin1.md:2:13: the file is not UTF-8 text (byte 0xE9 here): save it as UTF-8
content/posts/no-title.md:1:1: missing title: add title: \"…\" to the front matter
content/posts/no-title.md:3:11: warning: category \"rsut\" (did you mean \"rust\"?) is not in site.toml; it is listed after networking, rust: add it to site.toml to name and describe it
content/posts/no-title.md:6:10: link to \"/posts/not-there/\" matches no post: check the slug, or remove the link
content/posts/same-slug.md:4:8: slug \"good\" is already used by content/posts/good.md: rename this file or give it another slug = \"…\"
content/posts/unclosed.md:1:1: the front matter opened here is never closed: add a +++ line after its last field
error: 6 problems in 5 files (and 2 warnings above); nothing was written
"
    );
    assert_eq!(tree(&out), before, "the old output is untouched");
}

#[test]
fn missing_content_folder_says_what_to_check() {
    let dir = scratch("missing");
    let result = press(&dir, &["build", "--out", "out"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        text(&result.stderr).starts_with(
            "error: cannot read content/site.toml: No such file or directory (os error 2) \
             (is --content the folder that holds site.toml and posts/?)"
        ),
        "{}",
        text(&result.stderr)
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn unwritable_output_is_an_error() {
    let dir = scratch("unwritable");
    fs::write(dir.join("out"), "a file, not a folder").unwrap();
    let out = dir.join("out").to_string_lossy().into_owned();
    let result = press(
        &fixtures().join("golden"),
        &["build", "--content", "content", "--out", &out],
    );
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    assert!(
        stderr.starts_with(&format!("error: cannot write {out}: "))
            && stderr.ends_with("; nothing was written\n"),
        "{stderr}"
    );
}

#[test]
fn trunk_environment_sets_out_drafts_and_release() {
    let out = scratch("trunk");
    let result = Command::new(BIN)
        .args(["build"])
        .current_dir(fixtures().join("golden"))
        .env("QUIRE_CACHE_DIR", cache_dir())
        .env("TRUNK_STAGING_DIR", &out)
        .env("TRUNK_PROFILE", "release")
        .env("QUIRE_DRAFTS", "1")
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", text(&result.stderr));
    // Drafts are in, the post dated 2030 is out (release builds use the system clock).
    assert!(out.join("data/posts/draft-notes.json").exists());
    assert!(!out.join("data/posts/scheduled.json").exists());
}

#[test]
fn help_and_usage() {
    let dir = scratch("help");
    let help = press(&dir, &["--help"]);
    assert!(help.status.success());
    assert!(text(&help.stdout).contains("Commands:\n  build"));
    let build_help = press(&dir, &["build", "--help"]);
    assert!(text(&build_help.stdout).contains("--content DIR"));
    let bad = press(&dir, &["build", "--bogus"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        text(&bad.stderr),
        "error: unknown option \"--bogus\" for build (see quire-press build --help)\n"
    );
}
