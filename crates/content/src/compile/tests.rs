use super::links::{did_you_mean, edit_distance, percent_decode, resolve_link};
use super::*;
use crate::model::{Heading, Term};
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

fn errors(files: &[(&str, &str)]) -> Vec<String> {
    match build(SITE, files, CompileOptions::default()) {
        Ok(c) => panic!("expected errors, compiled {} posts", c.posts.len()),
        Err(e) => e,
    }
}

fn ok(files: &[(&str, &str)]) -> Compiled {
    build(SITE, files, CompileOptions::default()).unwrap_or_else(|e| panic!("{}", e.join("\n")))
}

const GOOD: &str = "+++\ntitle = \"Good\"\ndate = 2024-01-01\n+++\nSome text.\n";

/// One file per rule, and the exact line an author sees.
#[test]
fn each_rule_has_its_message() {
    let cases: &[(&str, &str, &str)] = &[
            (
                "content/posts/a.md",
                "# Title\n\nText\n",
                "content/posts/a.md:1:1: the file has no front matter: begin it with a +++ line (TOML) or a --- line (YAML), then the title and date, then the same line again",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\n\nText\n",
                "content/posts/a.md:1:1: the front matter opened here is never closed: add a --- line after its last field",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\ntags = [\"a\",\n+++\nText\n",
                "content/posts/a.md:4:13: the front matter is not valid TOML: unclosed array, expected `]`",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\ntags: a: b\n---\nText\n",
                "content/posts/a.md:4:8: the front matter is not valid YAML: mapping values are not allowed in this context",
            ),
            (
                "content/posts/a.md",
                "+++\ndate = 2024-01-01\n+++\nText\n",
                "content/posts/a.md:1:1: missing title: add title = \"…\" to the front matter",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: \"  \"\ndate: 2024-01-01\n---\nText\n",
                "content/posts/a.md:2:8: the title is empty: write title: \"…\"",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\n---\nText\n",
                "content/posts/a.md:1:1: missing date: add date: 2024-03-05 to the front matter, or name the file YYYY-MM-DD-a.md",
            ),
            (
                "content/posts/tcp.md",
                "+++\ntitle = \"TCP\"\ndate = 2024-13-01\n+++\nText\n",
                "content/posts/tcp.md:3:8: date \"2024-13-01\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-02-30 10:00\n---\nText\n",
                "content/posts/a.md:3:7: date \"2024-02-30 10:00\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\nupdated = \"soon\"\n+++\nText\n",
                "content/posts/a.md:4:11: updated \"soon\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\nslug = \"My Post!\"\n+++\nText\n",
                "content/posts/a.md:4:8: slug \"My Post!\" cannot be used in a URL: write slug = \"my-post\"",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\nslug: \"???\"\n---\nText\n",
                "content/posts/a.md:4:7: slug \"???\" has no letters or digits: write slug: \"my-post\"",
            ),
            (
                "content/posts/+++.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nText\n",
                "content/posts/+++.md:1:1: the file name gives no slug (it has no letters or digits): rename the file or add slug = \"my-post\"",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\ncategory = \"netwroking\"\n+++\nText\n",
                "content/posts/a.md:4:12: unknown category \"netwroking\" (did you mean \"networking\"?): use one of networking, rust, or add it to site.toml",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n[taxonomies]\ncategories = [\"Rust Languag\"]\n+++\nText\n",
                "content/posts/a.md:5:14: unknown category \"Rust Languag\" (did you mean \"rust\"?): use one of networking, rust, or add it to site.toml",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\ncategories: cooking\n---\nText\n",
                "content/posts/a.md:4:13: unknown category \"cooking\": use one of networking, rust, or add it to site.toml",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n \n\t\n",
                "content/posts/a.md:5:1: the post has no text: write it below the closing +++ line",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\ntags = [\"ok\", \"+++\"]\n+++\nText\n",
                "content/posts/a.md:4:8: tag \"+++\" has no letters or digits: reword it or remove it",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nIntro.\n\nSee [the other post](/posts/nope/) too.\n",
                "content/posts/a.md:7:5: link to \"/posts/nope/\" matches no post: check the slug, or remove the link",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nSee [good](/posts/god#x).\n",
                "content/posts/a.md:5:5: link to \"/posts/god#x\" matches no post (did you mean \"/posts/good/\"?): check the slug, or remove the link",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n- one\n- see [it](../posts/missing.md#part)\n",
                "content/posts/a.md:6:7: link to \"../posts/missing.md#part\" matches no post (there is no content/posts/missing.md): check the path, or remove the link",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nRead [this](/posts/draft/).\n",
                "content/posts/a.md:5:6: links to a draft, \"/posts/draft/\" (content/posts/draft.md): publish it or remove the link",
            ),
        ];
    let draft = "+++\ntitle = \"D\"\ndate = 2024-01-01\ndraft = true\n+++\nDraft.\n";
    let mut failures = Vec::new();
    for (path, text, expected) in cases {
        let files = [
            (*path, *text),
            ("content/posts/good.md", GOOD),
            ("content/posts/draft.md", draft),
        ];
        let expected = vec![expected.to_string()];
        let got = match build(SITE, &files, CompileOptions::default()) {
            Ok(_) => vec!["(compiled)".to_string()],
            Err(e) => e,
        };
        if got != expected {
            failures.push(format!(
                "{text:?}\n  got:      {got:?}\n  expected: {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

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
fn every_problem_of_every_file_at_once_sorted() {
    let got = errors(&[
        (
            "content/posts/b.md",
            "+++\ndate = 2024-01-01\ncategory = \"x\"\n+++\n",
        ),
        (
            "content/posts/a.md",
            "+++\ntitle = \"A\"\ndate = \"x\"\n+++\nText\n",
        ),
        ("content/posts/c.md", "no front matter"),
        ("content/posts/d.md", GOOD),
    ]);
    assert_eq!(
            got,
            [
                "content/posts/a.md:3:8: date \"x\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
                "content/posts/b.md:1:1: missing title: add title = \"…\" to the front matter",
                "content/posts/b.md:3:12: unknown category \"x\": use one of networking, rust, or add it to site.toml",
                "content/posts/b.md:5:1: the post has no text: write it below the closing +++ line",
                "content/posts/c.md:1:1: the file has no front matter: begin it with a +++ line (TOML) or a --- line (YAML), then the title and date, then the same line again",
            ]
        );
}

#[test]
fn duplicate_slugs_name_the_first_file() {
    let got = errors(&[
        (
            "content/posts/b.md",
            "+++\ntitle = \"B\"\ndate = 2024-01-01\n+++\nText\n",
        ),
        (
            "content/posts/a.md",
            "+++\ntitle = \"A\"\ndate = 2024-01-01\nslug = \"b\"\n+++\nText\n",
        ),
        (
            "content/posts/2023-05-01-c.md",
            "---\ntitle: C\n---\nText\n",
        ),
        (
            "content/posts/d.md",
            "---\ntitle: D\ndate: 2024-01-01\nslug: c\n---\nText\n",
        ),
    ]);
    assert_eq!(
            got,
            [
                "content/posts/b.md:1:1: slug \"b\" is already used by content/posts/a.md: rename this file or give it another slug = \"…\"",
                "content/posts/d.md:4:7: slug \"c\" is already used by content/posts/2023-05-01-c.md: rename this file or give it another slug: \"…\"",
            ]
        );
}

#[test]
fn site_toml_problems() {
    let post = [("content/posts/a.md", GOOD)];
    let cases: &[(&str, &str)] = &[
            ("description = \"x\"\n", "content/site.toml:1:1: site.toml has no title: add title = \"My blog\""),
            ("title = \"\"\n", "content/site.toml:1:9: the site title is empty: write title = \"My blog\""),
            ("title = \"T\"\ntrusted_html = \"yes\"\n", "content/site.toml:2:16: site.toml is not valid: invalid type: string \"yes\", expected a boolean"),
            (
                "title = \"T\"\n[[categories]]\nslug = \"Back End\"\nname = \"Back end\"\n",
                "content/site.toml:3:8: category slug \"Back End\" cannot be used in a URL: write slug = \"back-end\"",
            ),
            (
                "title = \"T\"\n[[categories]]\nslug = \"a\"\nname = \"A\"\n[[categories]]\nslug = \"a\"\nname = \"A again\"\n",
                "content/site.toml:6:8: category \"a\" is listed twice (categories 1 and 2): remove one",
            ),
        ];
    for (site, expected) in cases {
        assert_eq!(
            build(site, &post, CompileOptions::default()).map(|_| ()),
            Err(vec![expected.to_string()]),
            "{site:?}"
        );
    }
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
fn links_to_left_out_posts() {
    let files = [
            ("content/posts/a.md", "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nSee [later](later.md) and [d](/posts/d).\n"),
            ("content/posts/d.md", "+++\ntitle = \"D\"\ndate = 2024-01-02\ndraft = true\n+++\nSee [a](/posts/a/) and [later](/posts/later/).\n"),
            ("content/posts/later.md", "---\ntitle: L\ndate: 2027-03-01\n---\nText\n"),
        ];
    let now = crate::date::parse_date("2026-01-01").unwrap().unix;
    assert_eq!(
            build(SITE, &files, CompileOptions { drafts: false, now_unix: Some(now) }).map(|_| ()),
            Err(vec![
                "content/posts/a.md:5:5: links to a post dated in the future (2027-03-01), \"later.md\" (content/posts/later.md): publish it or remove the link".to_string(),
                "content/posts/a.md:5:27: links to a draft, \"/posts/d\" (content/posts/d.md): publish it or remove the link".to_string(),
            ])
        );
    assert!(build(
        SITE,
        &files,
        CompileOptions {
            drafts: true,
            now_unix: None
        }
    )
    .is_ok());
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
    let old = r#"{"slug":"a","title":"A","summary":"","date":"2024-01-01","reading_minutes":1,"word_count":1,"body":"x","headings":[]}"#;
    let post: Post = serde_json::from_str(old).unwrap();
    assert_eq!((&post.series_nav, post.related.len()), (&None, 0));
    let written = serde_json::to_string(&post).unwrap();
    assert!(
        !written.contains("series_nav") && !written.contains("related"),
        "{written}"
    );
}
