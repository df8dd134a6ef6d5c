//! A check by hand on real blogs kept out of the project: every content folder under
//! `QUIRE_IMPORT_DIR` (each `<name>/content/` with `site.toml` and `posts/`) is compiled, every
//! published post rendered as readers get it, and the numbers printed: files, warnings, errors,
//! and any page text that still shows a tag (`{%`, `{{<`) or a summary separator (`<!--more-->`).
//!
//! `QUIRE_IMPORT_DIR=/tmp/real cargo test -p quire-press --test real_blogs -- --ignored --nocapture`

use std::fs;
use std::path::Path;

use quire_content::markdown::render_post;
use quire_content::model::{Index, Post};

const BIN: &str = env!("CARGO_BIN_EXE_quire-press");

#[test]
#[ignore = "needs QUIRE_IMPORT_DIR with real blogs"]
fn real_blogs_compile_with_no_tag_left() {
    let Ok(root) = std::env::var("QUIRE_IMPORT_DIR") else {
        eprintln!("QUIRE_IMPORT_DIR is not set");
        return;
    };
    let mut names: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("content/site.toml").is_file())
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut failed = false;
    for blog in names {
        let content = blog.join("content");
        let out = blog.join("check-out");
        let _ = fs::remove_dir_all(&out);
        let run = std::process::Command::new(BIN)
            .args(["build", "--content"])
            .arg(&content)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        let warnings = stderr.lines().filter(|l| l.contains(": warning: ")).count();
        let errors = stderr
            .lines()
            .filter(|l| !l.contains(": warning: ") && l.contains(".md:"))
            .count();
        let files = count_md(&content.join("posts"));
        let mut literal = Vec::new();
        let mut posts = 0;
        if run.status.success() {
            let index: Index =
                serde_json::from_slice(&fs::read(out.join("data/index.json")).unwrap()).unwrap();
            for summary in &index.posts {
                posts += 1;
                let post: Post = serde_json::from_slice(
                    &fs::read(out.join(format!("data/posts/{}.json", summary.slug))).unwrap(),
                )
                .unwrap();
                let html = render_post(&post, "/", index.site.trusted_html);
                // Code shows tags on purpose (`{% raw %}`, `{{</* */>}}` escapes): not counted.
                let shown = format!(
                    "{} {} {}",
                    post.meta.title,
                    post.meta.summary,
                    without_code(&html)
                );
                for needle in ["{%", "{{<", "{{%", "<!--more-->", "<!-- more -->"] {
                    let n = shown.matches(needle).count();
                    if n > 0 {
                        literal.push(format!("{} {needle:?}×{n}", summary.slug));
                    }
                }
            }
        }
        println!(
            "{}: {files} files, {posts} published, {warnings} warnings, {errors} errors, exit {}",
            blog.file_name().unwrap().to_string_lossy(),
            run.status.code().unwrap_or(-1)
        );
        for l in &literal {
            println!("    literal: {l}");
        }
        if !run.status.success() {
            for line in stderr
                .lines()
                .filter(|l| !l.contains(": warning: "))
                .take(20)
            {
                println!("    {line}");
            }
            failed = true;
        }
    }
    assert!(!failed, "a blog did not compile");
}

fn count_md(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                count_md(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "md" || x == "markdown"))
            }
        })
        .sum()
}

/// The HTML with the insides of `<pre>` and `<code>` elements taken out.
fn without_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let next = ["<pre", "<code"]
            .iter()
            .filter_map(|t| rest.find(t).map(|i| (i, *t)))
            .min();
        let Some((i, tag)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i]);
        let close = if tag == "<pre" { "</pre>" } else { "</code>" };
        match rest[i..].find(close) {
            Some(j) => rest = &rest[i + j + close.len()..],
            None => return out,
        }
    }
}
