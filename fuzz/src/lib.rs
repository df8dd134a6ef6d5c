//! What each fuzz target does with one input, shared by the libFuzzer targets (`fuzz_targets/`) and by
//! the stable smoke run over the committed corpus (`crates/content/tests/fuzz_corpus.rs`), so both
//! drive exactly the same code. Every function must return without panicking, whatever the input;
//! the few properties checked here are ones a reader or an author would notice if they broke.

use quire_content::compile::{self, CompileOptions, SourceFile};
use quire_content::markdown::{self, RenderOptions};
use quire_content::model::{Index, Post, PostPage, PostSummary, SiteMeta, Tag, Term};
use quire_content::{date, frontmatter, pages, slug, urls};

/// Base paths a site is served under: the root, a sub-path, and one that needs escaping.
pub const BASES: [&str; 3] = ["/", "/blog/", "/a b/\u{e9}&\"/"];

/// A page template shaped like trunk's output: a title, an empty description, an inline script in
/// the head and the module loader in the body.
pub const TEMPLATE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<title>Quire</title>\n<meta name=\"description\" content=\"\">\n\
<script>document.documentElement.dataset.theme = localStorage.theme || 'light';</script>\n\
</head>\n<body>\n<script type=\"module\">import init from '/quire-0123abcd.js'; init('/quire-0123abcd_bg.wasm');</script>\n\
</body>\n</html>\n";

/// Markdown rendering in every mode: raw HTML escaped and sanitised, under every base path, plus the
/// outline the compiler takes from the same text.
pub fn render(text: &str) {
    for trusted_html in [false, true] {
        for base in BASES {
            let html = markdown::render_html(
                text,
                &RenderOptions {
                    base,
                    slug: "fuzz-post",
                    trusted_html,
                    blocks: &[],
                },
            );
            if !trusted_html {
                // With raw HTML escaped, no tag an author typed reaches the page.
                assert!(
                    !html.to_ascii_lowercase().contains("<script"),
                    "a <script> in escaped mode: {html}"
                );
            }
        }
    }
    let outline = markdown::outline(text);
    for link in &outline.post_links {
        assert!(
            text.get(link.range.clone()).is_some(),
            "a link range that is not a slice of the post: {:?}",
            link.range
        );
    }
    let _ = markdown::summarize(&outline.first_paragraph, 200);
    let _ = markdown::summarize(text, 17);
}

/// Front matter: splitting, parsing, and every place an error can point at.
pub fn front_matter(text: &str) {
    let _ = frontmatter::split(text);
    match frontmatter::parse(text) {
        Ok(parsed) => {
            assert!(text.get(parsed.body_offset..).is_some());
            for error in parsed.errors {
                let _ = error.to_string();
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
    for offset in [0, text.len() / 3, text.len() / 2, text.len()] {
        let _ = frontmatter::location_of(text, offset);
    }
    let _ = date::parse_date(text.lines().next().unwrap_or(""));
    let _ = date::display_date(text);
    let _ = slug::slugify(text);
    let _ = urls::normalize_base(text.lines().next().unwrap_or(""));
}

/// A whole folder, in memory: the input's parts separated by lines of `%%%` are `site.toml` and the
/// posts (a post's first line may be `path: <name>` to choose its file name). Compiled with and
/// without drafts; a site that compiles is then written out as pages, feed and sitemap.
pub fn compile(bytes: &[u8]) {
    let mut parts = split_parts(bytes);
    let site = SourceFile {
        path: "content/site.toml".to_string(),
        bytes: if parts.is_empty() {
            Vec::new()
        } else {
            parts.remove(0).to_vec()
        },
    };
    let posts: Vec<SourceFile> = parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let (name, body) = match part.strip_prefix(b"path: ") {
                Some(rest) => {
                    let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                    let name = String::from_utf8_lossy(&rest[..end]).into_owned();
                    (name, rest.get(end + 1..).unwrap_or_default())
                }
                None if i % 2 == 0 => (format!("p{i}.md"), *part),
                None => (format!("p{i}/index.md"), *part),
            };
            SourceFile {
                path: format!("content/posts/{name}"),
                bytes: body.to_vec(),
            }
        })
        .collect();
    for opts in [
        CompileOptions::default(),
        CompileOptions {
            drafts: true,
            now_unix: Some(1_700_000_000),
        },
    ] {
        match compile::compile(&site, &posts, &opts) {
            Ok(compiled) => {
                for base in BASES {
                    write_site(&compiled.index, &compiled.posts, base);
                }
            }
            Err(problems) => {
                assert!(!problems.is_empty(), "a failed compile says what is wrong");
                for problem in problems {
                    let _ = problem.to_string();
                }
            }
        }
    }
}

/// The static page writer fed directly: the input's lines become the site's and one post's fields
/// (see [`site_from_fields`]).
pub fn pages(text: &str) {
    let (index, posts) = site_from_fields(text);
    for base in BASES {
        write_site(&index, &posts, base);
    }
    let _ = pages::page_title(text, Some(text));
    let _ = pages::headers_file(text, &[text.to_string()]);
}

/// Every target on one input.
pub fn all(bytes: &[u8]) {
    compile(bytes);
    let text = String::from_utf8_lossy(bytes);
    render(&text);
    front_matter(&text);
    pages(&text);
}

/// A site as the compiler could produce it, with its text fields taken from the lines of `text` in
/// turn: site title, site description, base URL, author, post title, summary, three tags, the
/// category, the series, an author; the rest is the post's body. Slugs are slugified and the date
/// checked, as the compiler does before anything reaches the page writer.
pub fn site_from_fields(text: &str) -> (Index, Vec<Post>) {
    let mut lines = text.split('\n');
    let mut next = || lines.next().unwrap_or("").to_string();
    let site = SiteMeta {
        title: next(),
        description: next(),
        base_url: next(),
        author: next(),
        language: "en".to_string(),
        trusted_html: text.len().is_multiple_of(2),
    };
    let title = next();
    let summary = next();
    let tags: Vec<String> = (0..3).map(|_| next()).collect();
    let category = next();
    let series = next();
    let author = next();
    let body: String = lines.collect::<Vec<_>>().join("\n");
    site_with(
        site, &title, &summary, &tags, &category, &series, &author, body,
    )
}

/// One post on a site, with these texts where an author writes them.
#[allow(clippy::too_many_arguments)]
pub fn site_with(
    site: SiteMeta,
    title: &str,
    summary: &str,
    tags: &[String],
    category: &str,
    series: &str,
    author: &str,
    body: String,
) -> (Index, Vec<Post>) {
    let term = |name: &str| Term {
        slug: or_default(slug::slugify(name), "term"),
        name: name.to_string(),
    };
    let tag_terms: Vec<Term> = tags.iter().map(|t| term(t)).collect();
    let outline = markdown::outline(&body);
    let meta = PostSummary {
        slug: or_default(slug::slugify(title), "post"),
        title: title.to_string(),
        summary: summary.to_string(),
        date: date::parse_date(summary)
            .map(|d| d.normalized)
            .unwrap_or_else(|_| "2024-03-05".to_string()),
        updated: Some("2024-03-06T10:00:00+02:00".to_string()),
        category: Some(term(category)),
        tags: tag_terms.clone(),
        reading_minutes: markdown::reading_minutes(outline.word_count),
        word_count: outline.word_count,
        series: Some(term(series)),
        lang: None,
    };
    let index = Index {
        site,
        categories: vec![quire_content::model::Category {
            slug: term(category).slug,
            name: category.to_string(),
            description: summary.to_string(),
            count: 1,
        }],
        tags: tag_terms
            .iter()
            .map(|t| Tag {
                slug: t.slug.clone(),
                name: t.name.clone(),
                count: 1,
            })
            .collect(),
        posts: vec![meta.clone()],
    };
    let post = Post {
        page: PostPage {
            meta,
            authors: vec![author.to_string()],
            cover: Some(title.to_string()),
            headings: outline.headings,
            prev: None,
            next: None,
            series_nav: None,
            related: Vec::new(),
            translations: Vec::new(),
        },
        extra: Default::default(),
        body,
        blocks: Vec::new(),
        aliases: Vec::new(),
    };
    (index, vec![post])
}

fn or_default(slug: String, default: &str) -> String {
    if slug.is_empty() {
        default.to_string()
    } else {
        slug
    }
}

/// The page bodies handed to the page writer here: a post as the one renderer makes it (which the
/// real body embeds as it is), the other pages by name. The rest of the real body is quire-views'
/// markup, rendered by Leptos, which escapes every text and attribute it is given.
pub fn plain_body<'a>(index: &'a Index, base: &'a str) -> impl Fn(&pages::PageBody) -> String + 'a {
    move |page| match page {
        pages::PageBody::Post(post) => markdown::render_post(post, base, index.site.trusted_html),
        pages::PageBody::List { list, .. } => format!("<p>list page {}</p>", list.page),
        pages::PageBody::Search => "<p>search</p>".to_string(),
        pages::PageBody::NotFound => "<p>not found</p>".to_string(),
    }
}

/// Every file the page writer makes for a site, with the properties a deployer relies on.
fn write_site(index: &Index, posts: &[Post], base: &str) {
    let body = plain_body(index, base);
    let files = pages::html_pages(TEMPLATE, index, posts, base, &body)
        .unwrap_or_else(|error| panic!("the template has a title and a body, yet: {error}"));
    // Writing the pages again over their own output gives the same files (a rebuild into the same
    // folder changes nothing).
    for file in files.iter().take(2) {
        let again = pages::html_pages(
            &pages::template_of(&file.contents),
            index,
            posts,
            base,
            &body,
        )
        .unwrap_or_else(|error| panic!("{} lost its template: {error}", file.path));
        assert!(
            again.contains(file),
            "{} changes when written over itself",
            file.path
        );
    }
    let _ = pages::atom_feed(index, posts, base);
    let _ = pages::sitemap(index, base);
    let _ = pages::robots(index, base);
}

/// The parts of a compile input, split at lines of `%%%`.
fn split_parts(bytes: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(at) = find(bytes.get(i..).unwrap_or_default(), b"\n%%%\n") {
        parts.push(&bytes[start..i + at + 1]);
        start = i + at + 5;
        i = start;
    }
    parts.push(&bytes[start..]);
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
