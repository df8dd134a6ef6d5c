//! Blogs written for Jekyll, Hugo and Zola, copied into `content/posts/` as they are: one fixture
//! folder per kind of thing they write (`tests/fixtures/import/<name>/`), compiled and written to
//! pages as authors run `quire-press`, checked for what readers and authors see.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use quire_content::markdown::render_post;
use quire_content::model::{Index, Post};

mod common;
use common::press;

/// The smallest page template `quire-press pages` fills (trunk writes the real one).
const TEMPLATE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>x</title>\n<meta name=\"description\" content=\"\">\n</head>\n<body>\n</body>\n</html>\n";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A built site: where it is, and what `build` printed on stderr.
struct Site {
    out: PathBuf,
    stderr: String,
    index: Index,
}

impl Site {
    fn post(&self, slug: &str) -> Post {
        let path = self.out.join(format!("data/posts/{slug}.json"));
        serde_json::from_slice(&fs::read(&path).unwrap_or_else(|_| panic!("{slug} is built")))
            .unwrap()
    }

    /// The post's body as the reader's page shows it.
    fn html(&self, slug: &str) -> String {
        render_post(&self.post(slug), "/", self.index.site.trusted_html)
    }

    fn page(&self, path: &str) -> String {
        fs::read_to_string(self.out.join(path)).unwrap_or_else(|_| panic!("{path} is written"))
    }

    fn slugs(&self) -> Vec<&str> {
        self.index.posts.iter().map(|p| p.slug.as_str()).collect()
    }

    /// The warnings, as `path:line: message` with the fixture folder left out of the path.
    fn warnings(&self) -> Vec<String> {
        self.stderr
            .lines()
            .filter(|l| l.contains(": warning: "))
            .map(|l| l.replace("content/posts/", ""))
            .collect()
    }
}

/// Builds (with `--release` and a fixed now, so publishing dates count) and writes the pages.
fn build(name: &str, base: &str) -> Site {
    // A folder of its own per build: tests run in parallel and some build the same fixture.
    static BUILDS: AtomicUsize = AtomicUsize::new(0);
    let n = BUILDS.fetch_add(1, Ordering::Relaxed);
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("import-{name}-{n}"));
    let _ = fs::remove_dir_all(&out);
    let out_arg = out.to_string_lossy().into_owned();
    let result = press(
        &fixture(name),
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
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    assert!(result.status.success(), "{name} failed:\n{stderr}");
    fs::write(out.join("index.html"), TEMPLATE).unwrap();
    let pages = press(
        &fixture(name),
        &["pages", "--out", &out_arg, "--base", base],
    );
    assert!(
        pages.status.success(),
        "{}",
        String::from_utf8_lossy(&pages.stderr)
    );
    let index = serde_json::from_slice(&fs::read(out.join("data/index.json")).unwrap()).unwrap();
    Site { out, stderr, index }
}

#[test]
fn dates_from_front_matter_names_and_paths_or_none() {
    let site = build("dates", "/");
    // Newest first; the undated post last.
    assert_eq!(
        site.slugs(),
        ["lenient", "from-folder", "short-month", "traits", "undated"]
    );
    let dates: Vec<&str> = site.index.posts.iter().map(|p| p.date.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2023-01-29T18:30:22-08:00",
            "2020-02-02",
            "2016-01-05",
            "2015-05-11",
            ""
        ]
    );
    assert_eq!(
        site.warnings(),
        [
            "2016-1-5-lenient.markdown:3: warning: date \"2023-01-29 18:30:22 2023 -0800\" is not in a standard form; read as 2023-01-29T18:30:22-08:00: write date: 2023-01-29T18:30:22-08:00",
            "short-month.md:3: warning: date \"2016-1-5\" is not in a standard form; read as 2016-01-05: write date: 2016-01-05",
            "undated.md:1: warning: no date: the post is published undated, after the dated ones; add date = 2024-03-05 to the front matter, or name the file YYYY-MM-DD-undated.md",
        ]
    );
    let page = site.page("posts/undated/index.html");
    assert!(page.contains("Undated"), "{page}");
    assert!(!page.contains("datetime=\"\""), "{page}");
}

#[test]
fn liquid_tags_and_shortcodes_never_show_as_text() {
    let site = build("tags", "/");
    let liquid = site.html("liquid");
    assert!(
        liquid.contains("<a href=\"/posts/other/\">the other post</a>"),
        "{liquid}"
    );
    assert!(
        liquid.contains("<a href=\"/posts/liquid/\">this one</a>"),
        "{liquid}"
    );
    // Smart punctuation applies to the prose, not to what a tag wrote.
    assert!(
        liquid.contains("/logo.png on , in “Liquid, as Jekyll runs it”"),
        "{liquid}"
    );
    assert!(liquid.contains("<pre><code class=\"language-ruby\"><span class=\"hl-kw\">def </span><span class=\"hl-fn\">greet</span>"), "{liquid}");
    assert!(
        !liquid.contains("highlight") && !liquid.contains("linenos"),
        "{liquid}"
    );
    assert!(liquid.contains("Liquid looks like {{ this }}."), "{liquid}");
    assert!(
        liquid.contains("<span class=\"unsupported-note\" role=\"note\">Not shown: Liquid tag <code>include promo.html</code></span>"),
        "{liquid}"
    );

    let hugo = site.html("hugo");
    assert!(hugo.contains("<code class=\"language-go\">fmt."), "{hugo}");
    assert!(!hugo.contains("linenos"), "{hugo}");
    assert!(
        hugo.contains("<img src=\"/img/cat.jpg\" alt=\"A cat\""),
        "{hugo}"
    );
    assert!(hugo.contains("<em>The “cat” – asleep</em>"), "{hugo}");
    assert!(
        hugo.contains("<a href=\"/posts/other/\">the other</a>"),
        "{hugo}"
    );
    assert!(
        hugo.contains("<a href=\"/posts/other/#top\">again</a>"),
        "{hugo}"
    );
    for card in [
        "<a class=\"embed-card embed-youtube\" href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\" rel=\"noopener\">",
        "<a class=\"embed-card embed-gist\" href=\"https://gist.github.com/spf13/7896402\" rel=\"noopener\">",
        "<a class=\"embed-card embed-x\" href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\" rel=\"noopener\">",
        "<a class=\"embed-card embed-x\" href=\"https://x.com/golang/status/1\" rel=\"noopener\">",
    ] {
        assert!(hugo.contains(card), "{card} in {hugo}");
    }
    assert!(
        !hugo.contains("<script") && !hugo.contains("<iframe"),
        "{hugo}"
    );
    // The escape shows the shortcode itself, as Hugo does.
    assert!(
        hugo.contains("<code>{{&lt; youtube ID &gt;}}</code>"),
        "{hugo}"
    );
    assert!(
        hugo.contains("Not shown: Hugo shortcode <code>notice warning</code>"),
        "{hugo}"
    );
    assert!(hugo.contains("Careful “here”."), "{hugo}");

    let zola = site.html("zola");
    assert!(
        zola.contains("embed-youtube\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""),
        "{zola}"
    );
    assert!(
        zola.contains("<a href=\"/posts/hugo/\">Hugo’s</a>"),
        "{zola}"
    );
    assert!(
        zola.contains("<a href=\"/posts/liquid/#top\">the liquid one</a>"),
        "{zola}"
    );
    assert!(
        zola.contains("<code>{{ youtube(id=\"x\") }}</code>"),
        "{zola}"
    );
    assert!(zola.contains("Body <em>text</em> stays."), "{zola}");
    assert!(!zola.contains("{% end"), "{zola}");

    assert_eq!(
        site.warnings(),
        [
            "2016-07-26-liquid.md:13: warning: Liquid tag `include promo.html` is not supported by Quire; the page shows a note in its place",
            "hugo.md:23: warning: Hugo shortcode `notice warning` is not supported by Quire; the page shows a note in its place",
            "zola/index.md:11: warning: Zola shortcode `admonition(type=\"tip\", title=\"Tip\")` is not supported by Quire; the page shows a note in its place",
        ]
    );
}

#[test]
fn summaries_end_where_the_author_says() {
    let site = build("summaries", "/");
    let summary = |slug: &str| {
        site.index
            .posts
            .iter()
            .find(|p| p.slug == slug)
            .map(|p| p.summary.clone())
            .unwrap()
    };
    assert_eq!(
        summary("more"),
        "First part, in the summary. Second part, still in it."
    );
    assert_eq!(summary("spaced"), "Only this.");
    assert_eq!(summary("separator"), "Before the separator.");
    assert_eq!(summary("excerpt"), "Written by hand.");
    assert_eq!(
        summary("hugo-summary"),
        "Hugo’s own summary.".replace('’', "'")
    );
    for slug in site.slugs() {
        let page = site.page(&format!("posts/{slug}/index.html"));
        assert!(
            !page.contains("more --") && !page.contains("<!--more") && !page.contains("&lt;!--"),
            "{page}"
        );
        assert!(!page.contains("<!--end-->"), "{page}");
    }
    assert!(site.html("more").contains("After the cut."));
    assert!(site.warnings().is_empty(), "{:?}", site.warnings());
}

#[test]
fn section_pages_describe_lists_and_folders_keep_slugs_apart() {
    let site = build("sections", "/");
    assert_eq!(site.slugs(), ["inside-rust-release", "release"]);
    assert_eq!(
        site.index.site.description,
        "Everything we write, newest first."
    );
    let inside = &site.index.categories[0];
    assert_eq!(
        (inside.slug.as_str(), inside.description.as_str()),
        ("inside-rust", "Posts for those who work on Rust itself.")
    );
    assert_eq!(
        site.warnings(),
        ["inside-rust/release.md:1: warning: slug \"release\" is taken by a post higher up; this one is served as /posts/inside-rust-release/"]
    );
    assert!(site
        .page("posts/inside-rust/release/index.html")
        .contains("url=/posts/inside-rust-release/"));
}

#[test]
fn old_addresses_redirect_under_a_sub_path_too() {
    let site = build("urls", "/blog/");
    assert_eq!(site.slugs(), ["my-post", "moved", "traits"]);
    for (old, new) in [
        ("2015/05/11/traits/index.html", "/blog/posts/traits/"),
        ("2015/05/11/traits.html", "/blog/posts/traits/"),
        ("news/moved/index.html", "/blog/posts/moved/"),
        ("old-news/moved.html", "/blog/posts/moved/"),
        ("older/index.html", "/blog/posts/moved/"),
        ("blog/2020/my-post/index.html", "/blog/posts/my-post/"),
        ("p/123/index.html", "/blog/posts/my-post/"),
        ("posts/My.Post/index.html", "/blog/posts/my-post/"),
        // From site.toml's `old_permalink`, Jekyll's default pattern.
        ("2016/01/05/moved.html", "/blog/posts/moved/"),
        ("2020/01/01/hugo-post.html", "/blog/posts/my-post/"),
    ] {
        let page = site.page(old);
        assert!(
            page.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={new}\">"
            )),
            "{old}: {page}"
        );
        assert!(
            page.contains(&format!(
                "<link rel=\"canonical\" href=\"https://imported.example{new}\">"
            )),
            "{old}: {page}"
        );
    }
    assert_eq!(
        site.warnings(),
        ["hugo-post.md:4: warning: slug \"My.Post\" is served as \"my-post\" (lower case, words joined by hyphens), with a redirect from the old address: write slug: \"my-post\" to say so"]
    );
}

#[test]
fn raw_html_is_escaped_when_the_site_says_so() {
    let site = build("raw-html", "/");
    assert!(!site.index.site.trusted_html);
    let html = site.html("raw");
    assert!(html.contains("&lt;div class=\"note\"&gt;"), "{html}");
    assert!(!html.contains("a note to myself"), "{html}");
    // By default (the other fixtures), raw HTML renders, sanitised.
    let tags = build("summaries", "/");
    assert!(tags.index.site.trusted_html);
}

#[test]
fn translations_link_to_each_other_and_stay_out_of_lists() {
    let site = build("translations", "/");
    assert_eq!(site.slugs(), ["trip", "hello", "trip-es", "hello-fr"]);
    let langs: Vec<Option<&str>> = site.index.posts.iter().map(|p| p.lang.as_deref()).collect();
    assert_eq!(langs, [None, None, Some("es"), Some("fr")]);
    let home = site.page("index.html");
    assert!(
        !home.contains("Bonjour") && !home.contains("El viaje"),
        "{home}"
    );
    let hello = site.page("posts/hello/index.html");
    assert!(hello.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://imported.example/posts/hello/\">"), "{hello}");
    assert!(hello.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://imported.example/posts/hello-fr/\">"), "{hello}");
    assert!(
        hello.contains("hreflang=\"fr\" lang=\"fr\" title=\"Bonjour\">fr</a>"),
        "{hello}"
    );
    let trip_es = site.page("posts/trip-es/index.html");
    assert!(
        trip_es.contains("hreflang=\"en\" lang=\"en\" title=\"The trip\">en</a>"),
        "{trip_es}"
    );
    assert!(site.warnings().is_empty(), "{:?}", site.warnings());
}

#[test]
fn publishing_fields_are_honoured() {
    let site = build("publishing", "/");
    assert_eq!(site.slugs(), ["live"]);
}

#[test]
fn every_warning_and_error_at_once_then_a_count() {
    let dir = fixture("warnings");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-warnings");
    let _ = fs::remove_dir_all(&out);
    let result = press(
        &dir,
        &[
            "build",
            "--content",
            "content",
            "--out",
            &out.to_string_lossy(),
        ],
    );
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "content/posts/a.md:1:1: warning: no date: the post is published undated, after the dated ones; add date: 2024-03-05 to the front matter, or name the file YYYY-MM-DD-a.md",
            "content/posts/a.md:4:1: warning: Liquid tag `include x.html` is not supported by Quire; the page shows a note in its place",
            "content/posts/b.md:1:1: missing title: add title: \"…\" to the front matter",
            "content/posts/c.md:3:8: warning: date \"2016-1-5\" is not in a standard form; read as 2016-01-05: write date = 2016-01-05",
            "content/posts/c.md:5:1: warning: Hugo shortcode `unknown` is not supported by Quire; the page shows a note in its place",
            "error: 1 problem in 1 file (and 4 warnings above); nothing was written",
        ]
    );
    assert!(!out.join("data").exists());

    // Fixed, the build goes through and ends with the count.
    let fixed = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-warnings-fixed");
    let _ = fs::remove_dir_all(&fixed);
    fs::create_dir_all(fixed.join("content/posts")).unwrap();
    for f in ["site.toml", "posts/a.md", "posts/c.md"] {
        fs::copy(dir.join("content").join(f), fixed.join("content").join(f)).unwrap();
    }
    let result = press(&fixed, &["build", "--content", "content", "--out", "out"]);
    assert!(result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(
        stderr.lines().last(),
        Some("quire-press: 4 warnings (listed above, each at its path:line)")
    );
}
