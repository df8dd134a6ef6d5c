use super::links::{did_you_mean, edit_distance, percent_decode, resolve_link};
use super::*;
use crate::model::{Heading, Term};

// The tables of what an author is told (diagnostics with their places) are in specs/validation.md, run by
// tests/validation.rs; these tests check what a reader gets from a folder that compiles.
use pretty_assertions::assert_eq;

const SITE: &str = "title = \"Test\"\n\
        base_url = \"https://t.example/\"\n\
        author = \"Ana\"\n\
        \n\
        [[categories]]\n\
        slug = \"networking\"\n\
        name = \"Networking\"\n\
        description = \"Packets.\"\n\
        \n\
        [[categories]]\n\
        slug = \"rust\"\n\
        name = \"Rust Language\"\n";

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn build(
    site: &str,
    files: &[(&str, &str)],
    opts: CompileOptions,
) -> Result<Compiled, Vec<String>> {
    let posts: Vec<SourceFile> = files.iter().map(|(p, t)| file(p, t)).collect();
    compile(&file("content/site.toml", site), &posts, &opts)
        .map_err(|d| d.iter().map(Diagnostic::to_string).collect())
}

fn ok(files: &[(&str, &str)]) -> Compiled {
    build(SITE, files, CompileOptions::default()).unwrap_or_else(|e| panic!("{}", e.join("\n")))
}

const GOOD: &str = "+++\ntitle = \"Good\"\ndate = 2024-01-01\n+++\nSome text.\n";

/// One file per rule, and the exact line an author sees.
#[test]
fn not_utf8_points_at_the_byte() {
    let mut bytes = b"+++\ntitle = \"Caf".to_vec();
    bytes.extend([0xE9, b'"', b'\n']);
    let d = compile(
        &file("content/site.toml", SITE),
        &[SourceFile {
            path: "content/posts/cafe.md".into(),
            bytes,
        }],
        &CompileOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        d[0].to_string(),
        "content/posts/cafe.md:2:13: the file is not UTF-8 text (byte 0xE9 here): save it as UTF-8"
    );
}

#[test]
fn slugs_from_names_and_folders() {
    let c = ok(&[
        ("content/posts/My Post.md", GOOD),
        (
            "content/posts/2024-02-11-dns.md",
            "---\ntitle: DNS\n---\nText\n",
        ),
        ("content/posts/memory-layout/index.md", GOOD),
        (
            "content/posts/x.md",
            "+++\ntitle = \"X\"\ndate = 2024-01-01\nslug = \"chosen\"\n+++\nText\n",
        ),
    ]);
    let slugs: Vec<(&str, &str)> = c
        .index
        .posts
        .iter()
        .map(|p| (p.slug.as_str(), p.date.as_str()))
        .collect();
    assert_eq!(
        slugs,
        [
            ("dns", "2024-02-11"),
            ("chosen", "2024-01-01"),
            ("memory-layout", "2024-01-01"),
            ("my-post", "2024-01-01"),
        ]
    );
}

#[test]
fn order_neighbours_summaries_and_terms() {
    let c = ok(&[
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-03-01T10:00:00+02:00\ndescription = \"From the description.\"\ncategory = \"RUST\"\ntags = [\"Async IO\", \"rust\"]\nseries = \"Queues\"\n+++\nText\n",
            ),
            (
                "content/posts/b.md",
                "---\ntitle: B\ndate: 2024-03-01T08:00:00Z\nsummary: \"  Own summary.  \"\ncategory: Rust Language\ntags: [async-io, Memory]\nseries: queues\nauthors: [Ana, Bo]\nlayout: post\n---\nText\n",
            ),
            ("content/posts/c.md", "+++\ntitle = \"C\"\ndate = 2024-03-01T08:00:00Z\ncategory = \"networking\"\n+++\nText\n"),
            ("content/posts/d.md", "+++\ntitle = \"D\"\ndate = 2023-01-01\n+++\nText\n"),
        ]);
    let order: Vec<&str> = c.index.posts.iter().map(|p| p.slug.as_str()).collect();
    // a is 08:00Z too: ties go by slug.
    assert_eq!(order, ["a", "b", "c", "d"]);
    let neighbours: Vec<(Option<&str>, Option<&str>)> = c
        .posts
        .iter()
        .map(|p| {
            (
                p.prev.as_ref().map(|n| n.slug.as_str()),
                p.next.as_ref().map(|n| n.slug.as_str()),
            )
        })
        .collect();
    assert_eq!(
        neighbours,
        [
            (None, Some("b")),
            (Some("a"), Some("c")),
            (Some("b"), Some("d")),
            (Some("c"), None)
        ]
    );
    let a = &c.index.posts[0];
    let b = &c.index.posts[1];
    assert_eq!(a.summary, "From the description.");
    assert_eq!(b.summary, "Own summary.");
    assert_eq!(a.date, "2024-03-01T10:00:00+02:00");
    let rust = Term {
        slug: "rust".into(),
        name: "Rust Language".into(),
    };
    assert_eq!(
        (a.category.clone(), b.category.clone()),
        (Some(rust.clone()), Some(rust))
    );
    let tag = |slug: &str, name: &str| Term {
        slug: slug.into(),
        name: name.into(),
    };
    assert_eq!(a.tags, [tag("async-io", "Async IO"), tag("rust", "rust")]);
    assert_eq!(
        b.tags,
        [tag("async-io", "Async IO"), tag("memory", "Memory")]
    );
    assert_eq!(b.series, Some(tag("queues", "Queues")));
    let counts: Vec<(&str, usize)> = c
        .index
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.count))
        .collect();
    assert_eq!(counts, [("Async IO", 2), ("Memory", 1), ("rust", 1)]);
    let cats: Vec<(&str, usize)> = c
        .index
        .categories
        .iter()
        .map(|t| (t.slug.as_str(), t.count))
        .collect();
    assert_eq!(cats, [("networking", 1), ("rust", 2)]);
    assert_eq!(c.posts[1].authors, ["Ana", "Bo"]);
    assert_eq!(c.posts[1].extra["layout"], "post");
    assert_eq!(c.index.site.base_url, "https://t.example");
    assert_eq!(c.index.site.language, "en");
    assert_eq!(c.posts[3].meta.reading_minutes, 1);
}

#[test]
fn categories_from_posts_when_site_lists_none() {
    let site = "title = \"T\"\n";
    let c = build(
        site,
        &[
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\ncategory = \"Zebra Talk\"\n+++\nText\n",
            ),
            (
                "content/posts/b.md",
                "+++\ntitle = \"B\"\ndate = 2024-01-02\ncategory = \"apples\"\n+++\nText\n",
            ),
            (
                "content/posts/c.md",
                "+++\ntitle = \"C\"\ndate = 2024-01-03\ncategory = \"zebra talk\"\n+++\nText\n",
            ),
        ],
        CompileOptions::default(),
    )
    .unwrap();
    let cats: Vec<(&str, &str, usize)> = c
        .index
        .categories
        .iter()
        .map(|c| (c.slug.as_str(), c.name.as_str(), c.count))
        .collect();
    assert_eq!(
        cats,
        [("apples", "apples", 1), ("zebra-talk", "Zebra Talk", 2)]
    );
    assert_eq!(
        c.posts[0].meta.category.as_ref().unwrap().name,
        "Zebra Talk"
    );
}

#[test]
fn category_order_field() {
    let site = "title = \"T\"\n[[categories]]\nslug = \"b\"\nname = \"B\"\n[[categories]]\nslug = \"a\"\nname = \"A\"\norder = 1\n[[categories]]\nname = \"C c\"\n";
    let c = build(
        site,
        &[("content/posts/p.md", GOOD)],
        CompileOptions::default(),
    )
    .unwrap();
    let cats: Vec<(&str, usize)> = c
        .index
        .categories
        .iter()
        .map(|c| (c.slug.as_str(), c.count))
        .collect();
    assert_eq!(cats, [("a", 0), ("b", 0), ("c-c", 0)]);
}

#[test]
fn drafts_and_future_posts() {
    let files = [
        ("content/posts/now.md", GOOD),
        (
            "content/posts/draft.md",
            "+++\ntitle = \"D\"\ndate = 2024-01-02\ndraft = true\n+++\nText\n",
        ),
        (
            "content/posts/later.md",
            "---\ntitle: L\ndate: 2027-03-01\n---\nText\n",
        ),
    ];
    let slugs = |opts: CompileOptions| -> Vec<String> {
        build(SITE, &files, opts)
            .unwrap()
            .index
            .posts
            .iter()
            .map(|p| p.slug.clone())
            .collect()
    };
    assert_eq!(slugs(CompileOptions::default()), ["later", "now"]);
    assert_eq!(
        slugs(CompileOptions {
            drafts: true,
            now_unix: None
        }),
        ["later", "draft", "now"]
    );
    let now = crate::date::parse_date("2026-01-01").unwrap().unix;
    assert_eq!(
        slugs(CompileOptions {
            drafts: true,
            now_unix: Some(now)
        }),
        ["draft", "now"]
    );
}

#[test]
fn markdown_file_links_are_rewritten() {
    let c = ok(&[
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n\
                 [one](b.md), [two](./deep/index.md#setup \"t\"), [three](/posts/b.md), [four][ref], [<5>](<My%20Post.md>)\n\n\
                 [ref]: ../posts/b.md#end\n",
            ),
            ("content/posts/b.md", GOOD),
            ("content/posts/deep/index.md", GOOD),
            ("content/posts/My Post.md", GOOD),
        ]);
    let a = c.posts.iter().find(|p| p.meta.slug == "a").unwrap();
    assert_eq!(
            a.body,
            "[one](/posts/b/), [two](/posts/deep/#setup \"t\"), [three](/posts/b/), [four][ref], [<5>](</posts/my-post/>)\n\n\
             [ref]: /posts/b/#end\n"
        );
}

#[test]
fn outline_feeds_summary_headings_and_counts() {
    let body = "First paragraph of the post,\nwith a line break.\n\n## Why it matters\n\n```rust\nlet code = 1;\n```\n\nMore words here.\n";
    let c = ok(&[(
        "content/posts/a.md",
        &format!("+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n{body}"),
    )]);
    let post = &c.posts[0];
    assert_eq!(
        post.meta.summary,
        "First paragraph of the post, with a line break."
    );
    assert_eq!(post.body, body);
    assert_eq!(
        post.headings,
        [Heading {
            level: 2,
            text: "Why it matters".into(),
            id: "why-it-matters".into()
        }]
    );
    // Code blocks are not prose: 12 words of paragraphs and 3 of the heading.
    assert_eq!(post.meta.word_count, 15);
    assert_eq!(post.meta.reading_minutes, 1);
}

#[test]
fn link_resolution() {
    assert_eq!(
        resolve_link("content/posts/a.md", "content", "b.md"),
        "content/posts/b.md"
    );
    assert_eq!(
        resolve_link("content/posts/x/index.md", "content", "../b.md"),
        "content/posts/b.md"
    );
    assert_eq!(
        resolve_link("content/posts/a.md", "content", "/posts/b.md"),
        "content/posts/b.md"
    );
    assert_eq!(
        resolve_link("content/posts/a.md", "content", "./My%20Post.md"),
        "content/posts/My Post.md"
    );
    assert_eq!(
        resolve_link("../site/posts/a.md", "../site", "b.md"),
        "../site/posts/b.md"
    );
    // Zola writes internal links from the content folder as `@/…`.
    assert_eq!(
        resolve_link("content/posts/x/index.md", "content", "@/posts/b.md"),
        "content/posts/b.md"
    );
    assert_eq!(percent_decode("a%2"), "a%2");
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(
        did_you_mean("pyhton", ["python", "rust"].into_iter()),
        Some("python")
    );
    assert_eq!(did_you_mean("go", ["python", "rust"].into_iter()), None);
}

#[test]
fn series_navigation_and_related_posts_in_the_output() {
    let c = ok(&[
        (
            "content/posts/one.md",
            "+++\ntitle = \"One\"\ndate = 2024-01-01\nseries = \"Queues\"\ntags = [\"io\"]\n+++\nText\n",
        ),
        (
            "content/posts/two.md",
            "---\ntitle: Two\ndate: 2024-01-03\nseries: queues\nseries_part: 2\ntags: [io]\n---\nText\n",
        ),
        (
            "content/posts/intro.md",
            "+++\ntitle = \"Intro\"\ndate = 2024-01-05\nseries = \"Queues\"\nseries_part = 1\n+++\nText\n",
        ),
        (
            "content/posts/other.md",
            "+++\ntitle = \"Other\"\ndate = 2024-01-02\ntags = [\"io\", \"x\"]\ncategory = \"rust\"\n+++\nSummary of other.\n",
        ),
    ]);
    let post = |slug: &str| c.posts.iter().find(|p| p.meta.slug == slug).unwrap();
    let nav = post("two").series_nav.clone().unwrap();
    let parts: Vec<&str> = nav.parts.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(
        (nav.name.as_str(), parts, nav.current),
        ("Queues", vec!["intro", "two", "one"], 1)
    );
    assert_eq!(post("other").series_nav, None);
    // Series siblings are left to the series navigation.
    assert_eq!(post("two").related.len(), 1);
    assert_eq!(
        post("two").related[0],
        crate::model::RelatedPost {
            slug: "other".into(),
            title: "Other".into(),
            date: "2024-01-02".into(),
            summary: "Summary of other.".into(),
            category: Some(Term {
                slug: "rust".into(),
                name: "Rust Language".into()
            }),
        }
    );
    let suggested: Vec<&str> = post("other")
        .related
        .iter()
        .map(|r| r.slug.as_str())
        .collect();
    assert_eq!(suggested, ["two", "one"]);
}

#[test]
fn post_json_without_series_or_related_still_reads() {
    let old = r#"{"meta":{"slug":"a","title":"A","summary":"","date":"2024-01-01","reading_minutes":1,"word_count":1},"body":"x","headings":[]}"#;
    let post: Post = serde_json::from_str(old).unwrap();
    assert_eq!((&post.series_nav, post.related.len()), (&None, 0));
    let written = serde_json::to_string(&post).unwrap();
    assert!(
        !written.contains("series_nav") && !written.contains("related"),
        "{written}"
    );
}
