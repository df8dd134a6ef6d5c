//! The static side of the site, made from the same model the app reads: one real HTML file per route
//! (so deep links work on a host with no rewrite rules, and crawlers, link previews and readers without
//! JavaScript see the page), the Atom feed, the sitemap and robots.txt.
//!
//! Each page is trunk's `index.html` with the page's head tags and its content as static HTML. This
//! module decides which pages exist and what their heads say; the body of each is the app's own
//! components rendered to a string (quire-views, by quire-press), so when the app takes over it
//! shows the same markup and nothing moves.

use crate::listing::{self, Filter};
use crate::markdown;
use crate::model::{Index, ListPage, Post};
use crate::sanitize::escape_attr;
use crate::urls;
use thiserror::Error;

/// One file to write, relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// Why the template cannot take a page.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PagesError {
    #[error("the HTML template has no {0}: is it the index.html that trunk built?")]
    Template(&'static str),
}

/// The `<title>` of a page: the page's own name, then the site's.
pub fn page_title(site_title: &str, page: Option<&str>) -> String {
    match page {
        Some(page) if !site_title.is_empty() => format!("{page} · {site_title}"),
        Some(page) => page.to_string(),
        None => site_title.to_string(),
    }
}

/// The site's origin from `base_url` (`https://host[:port]`), where root-relative paths are joined.
fn origin(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map(|i| i + 3).unwrap_or(0);
    // `after_scheme` ends an ASCII `://` (or is 0), and `slash` is an ASCII `/`: char boundaries.
    let (_, rest) = base_url.split_at(after_scheme);
    match rest.find('/') {
        Some(slash) => base_url.split_at(after_scheme + slash).0,
        None => base_url.trim_end_matches('/'),
    }
}

/// An absolute URL for a root-relative path (one that already carries the base path).
pub fn absolute(index: &Index, path: &str) -> String {
    format!("{}{path}", origin(&index.site.base_url))
}

/// RFC 3339 for a normalised post date (a date alone is midnight UTC). An undated post (empty date)
/// gets the Unix epoch, where feeds and JSON-LD need a date: it sorts last, as in the lists.
fn rfc3339(date: &str) -> String {
    if date.is_empty() {
        "1970-01-01T00:00:00Z".to_string()
    } else if date.len() == 10 {
        format!("{date}T00:00:00Z")
    } else {
        date.to_string()
    }
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_attr(&mut out, text);
    out
}

/// Makes root-relative `href` and `src` attributes absolute, for HTML read away from the site (feeds).
fn absolutize(html: &str, origin: &str) -> String {
    html.replace("href=\"/", &format!("href=\"{origin}/"))
        .replace("src=\"/", &format!("src=\"{origin}/"))
}

/// What goes in a page's head besides the stylesheet and scripts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// Root-relative URL of the page (with the base path).
    pub path: String,
    /// OpenGraph type: `website` or `article`.
    pub kind: &'static str,
    pub json_ld: Option<String>,
    pub indexable: bool,
    /// Other language versions of the page, as (language, root-relative URL), this page's own
    /// first: `<link rel="alternate" hreflang>`.
    pub alternates: Vec<(String, String)>,
}

/// What a static page shows in its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageBody<'a> {
    /// One page of a list.
    List {
        filter: Filter,
        list: ListPage,
    },
    Post(&'a Post),
    /// `search/`: the page a search field leads to. Its results come from the app, so the static
    /// page shows the form and where else to look.
    Search,
    NotFound,
}

/// The title of the search page.
pub const SEARCH_TITLE: &str = "Search";

fn head_tags(index: &Index, base: &str, head: &Head) -> String {
    let url = absolute(index, &head.path);
    let feed = absolute(index, &format!("{base}feed.xml"));
    let mut tags = format!(
        "<meta name=\"description\" content=\"{d}\">\n\
         <link rel=\"canonical\" href=\"{u}\">\n\
         <link rel=\"alternate\" type=\"application/atom+xml\" title=\"{s}\" href=\"{feed}\">\n\
         <meta property=\"og:type\" content=\"{k}\">\n\
         <meta property=\"og:site_name\" content=\"{s}\">\n\
         <meta property=\"og:title\" content=\"{t}\">\n\
         <meta property=\"og:description\" content=\"{d}\">\n\
         <meta property=\"og:url\" content=\"{u}\">\n\
         <meta name=\"twitter:card\" content=\"summary\">\n\
         <meta name=\"twitter:title\" content=\"{t}\">\n\
         <meta name=\"twitter:description\" content=\"{d}\">",
        d = esc(&head.description),
        u = esc(&url),
        s = esc(&index.site.title),
        t = esc(&head.title),
        k = head.kind,
    );
    if !head.indexable {
        tags.push_str("\n<meta name=\"robots\" content=\"noindex\">");
    }
    for (lang, path) in &head.alternates {
        tags.push_str(&format!(
            "\n<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
            esc(lang),
            esc(&absolute(index, path))
        ));
    }
    if let Some(json) = &head.json_ld {
        // `</` would end the script element early.
        tags.push_str(&format!(
            "\n<script type=\"application/ld+json\">{}</script>",
            json.replace("</", "<\\/")
        ));
    }
    tags
}

// What `fill` adds is marked, so a filled page gives back its template (see `template_of`).
const HEAD_START: &str = "<!-- quire:head -->";
const HEAD_END: &str = "<!-- /quire:head -->";
const PAGE_START: &str = "<!-- quire:page -->";
const PAGE_END: &str = "<!-- /quire:page -->";

/// The template a page was made from: a page these functions filled, less what they added (its title
/// text stays, and is replaced on the next fill). A template that was never filled comes back as it is,
/// so writing the pages twice over the same output gives the same files.
pub fn template_of(page: &str) -> String {
    let mut out = page.to_string();
    for (start, end) in [(HEAD_START, HEAD_END), (PAGE_START, PAGE_END)] {
        if let (Some(from), Some(to)) = (out.find(start), out.find(end)) {
            if from < to {
                out.replace_range(from..to + end.len(), "");
            }
        }
    }
    out
}

/// The data a page shows, as a `<script type="application/json">` the app reads instead of fetching
/// `url`: the page takes over with what it carries. `<` is written `\u003c` (it only occurs inside
/// JSON strings), so nothing in the data can end the script element.
fn data_script(url: &str, json: &str) -> String {
    format!(
        "<script type=\"application/json\" data-src=\"{}\">{}</script>",
        esc(url),
        json.replace('<', "\\u003c")
    )
}

/// Fills the template with one page: its title, head tags, static content (`body_html`, the app's
/// own components rendered by quire-press) and the data the app needs to take over (`data`).
// Every slice ends at an ASCII marker `find` returned, with `title_start <= title_end <= body`.
#[allow(clippy::string_slice)]
fn fill(
    template: &str,
    index: &Index,
    base: &str,
    head: &Head,
    body_html: &str,
    data: &str,
) -> Result<String, PagesError> {
    let title_start = template
        .find("<title>")
        .ok_or(PagesError::Template("<title>"))?;
    let title_end = template[title_start..]
        .find("</title>")
        .map(|i| title_start + i + "</title>".len())
        .ok_or(PagesError::Template("</title>"))?;
    let body = template
        .find("<body>")
        .ok_or(PagesError::Template("<body>"))?
        + "<body>".len();
    if body < title_end {
        return Err(PagesError::Template("<title> inside <head>"));
    }
    // The template's own description (empty) is replaced by the page's.
    let head_rest =
        template[title_end..body].replacen("<meta name=\"description\" content=\"\">", "", 1);
    Ok(format!(
        "{}<title>{}</title>{HEAD_START}\n{}\n{HEAD_END}{}{PAGE_START}<div id=\"prerendered\">{}</div>{}{PAGE_END}{}",
        &template[..title_start],
        esc(&head.title),
        head_tags(index, base, head),
        head_rest,
        body_html,
        data,
        &template[body..]
    ))
}

/// The language versions of a post for `hreflang` links: this one first, then the others.
fn alternates(index: &Index, post: &Post, base: &str) -> Vec<(String, String)> {
    if post.translations.is_empty() {
        return Vec::new();
    }
    let own = post
        .meta
        .lang
        .clone()
        .unwrap_or_else(|| index.site.language.clone());
    std::iter::once((own, urls::post(base, &post.meta.slug)))
        .chain(
            post.translations
                .iter()
                .map(|t| (t.lang.clone(), urls::post(base, &t.slug))),
        )
        .collect()
}

fn blog_posting(index: &Index, post: &Post, base: &str) -> String {
    let url = absolute(index, &urls::post(base, &post.meta.slug));
    let authors: Vec<serde_json::Value> = if post.authors.is_empty() {
        vec![serde_json::json!({ "@type": "Person", "name": index.site.author })]
    } else {
        post.authors
            .iter()
            .map(|a| serde_json::json!({ "@type": "Person", "name": a }))
            .collect()
    };
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.meta.title,
        "description": post.meta.summary,
        "datePublished": rfc3339(&post.meta.date),
        "dateModified": rfc3339(post.meta.updated.as_deref().unwrap_or(&post.meta.date)),
        "author": authors,
        "url": url,
        "mainEntityOfPage": url,
        "wordCount": post.meta.word_count,
        "inLanguage": index.site.language,
    })
    .to_string()
}

/// Every route's HTML file, from trunk's `index.html` (`template`), in a fixed order: each list and
/// each of its pages, every post, the not-found page. `body` renders what a page shows. Each page also
/// carries its data (`data/site.json`, and its list page or post without the Markdown), so the app
/// takes over without a request.
pub fn html_pages(
    template: &str,
    index: &Index,
    posts: &[Post],
    base: &str,
    body: &dyn Fn(&PageBody) -> String,
) -> Result<Vec<OutputFile>, PagesError> {
    let site = &index.site;
    let site_data = data_script(&urls::site_json(base), &to_json(&listing::site_data(index)));
    let mut files = Vec::new();
    let mut push = |path: String, head: Head, page: PageBody, data: String| {
        let data = format!("{site_data}{data}");
        let contents = fill(template, index, base, &head, &body(&page), &data)?;
        files.push(OutputFile { path, contents });
        Ok::<(), PagesError>(())
    };
    for filter in listing::lists(index) {
        for list in listing::list_pages(index, &filter) {
            let path = listing::list_url(base, &filter, list.page);
            let file = format!("{}index.html", path.strip_prefix(base).unwrap_or(&path));
            let list_head = listing::list_head(site, &filter, &list);
            let head = Head {
                title: list_head.title,
                description: list_head.description,
                path,
                kind: "website",
                json_ld: None,
                indexable: true,
                alternates: Vec::new(),
            };
            let data = data_script(&urls::list_json(base, &filter, list.page), &to_json(&list));
            push(
                file,
                head,
                PageBody::List {
                    filter: filter.clone(),
                    list,
                },
                data,
            )?;
        }
    }
    for post in posts {
        let data = data_script(
            &urls::post_json(base, &post.meta.slug),
            &to_json(&post.page),
        );
        push(
            format!("posts/{}/index.html", post.meta.slug),
            Head {
                title: page_title(&site.title, Some(&post.meta.title)),
                description: post.meta.summary.clone(),
                path: urls::post(base, &post.meta.slug),
                kind: "article",
                json_ld: Some(blog_posting(index, post, base)),
                indexable: true,
                alternates: alternates(index, post, base),
            },
            PageBody::Post(post),
            data,
        )?;
    }
    push(
        "search/index.html".into(),
        Head {
            title: page_title(&site.title, Some(SEARCH_TITLE)),
            description: site.description.clone(),
            path: urls::search(base),
            kind: "website",
            json_ld: None,
            // A page of results for whatever query is in its URL: nothing for a search engine.
            indexable: false,
            alternates: Vec::new(),
        },
        PageBody::Search,
        String::new(),
    )?;
    push(
        "404.html".into(),
        Head {
            title: page_title(&site.title, Some(NOT_FOUND_TITLE)),
            description: site.description.clone(),
            path: format!("{base}404.html"),
            kind: "website",
            json_ld: None,
            indexable: false,
            alternates: Vec::new(),
        },
        PageBody::NotFound,
        String::new(),
    )?;
    Ok(files)
}

/// The JSON quire-press writes for the app, compact. Serialising these plain structs cannot fail.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A page at each old address of a post (its `aliases`) that sends readers and crawlers on to the
/// post: a canonical link and an immediate refresh, plain HTML that any static host serves. An old
/// address that is one of the site's own pages (`taken`, paths relative to the output folder) is
/// left alone, and so is one already claimed by an earlier post.
pub fn redirect_pages(
    index: &Index,
    posts: &[Post],
    base: &str,
    taken: &std::collections::HashSet<String>,
) -> Vec<OutputFile> {
    // Compared without case: on a case-insensitive disk `posts/MyPost/` is `posts/mypost/`, and a
    // redirect written there would replace the post it points to.
    let mut seen: std::collections::HashSet<String> =
        taken.iter().map(|p| p.to_lowercase()).collect();
    let mut files = Vec::new();
    for post in posts {
        let target = urls::post(base, &post.meta.slug);
        for alias in &post.aliases {
            let relative = alias.trim_start_matches('/');
            let path = if relative.ends_with('/') || relative.is_empty() {
                format!("{relative}index.html")
            } else {
                relative.to_string()
            };
            if relative.is_empty() || !seen.insert(path.to_lowercase()) {
                continue;
            }
            files.push(OutputFile {
                path,
                contents: redirect_html(index, &target, &post.meta.title),
            });
        }
    }
    files
}

/// A page that moved: `target` is the new address under the base path.
pub fn redirect_html(index: &Index, target: &str, title: &str) -> String {
    let absolute = absolute(index, target);
    let mut html = String::from("<!DOCTYPE html>\n<html lang=\"");
    escape_attr(&mut html, &index.site.language);
    html.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    crate::sanitize::escape_text(&mut html, title);
    html.push_str("</title>\n<link rel=\"canonical\" href=\"");
    escape_attr(&mut html, &absolute);
    html.push_str("\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url=");
    escape_attr(&mut html, target);
    html.push_str("\">\n</head>\n<body>\n<p>This page has moved to <a href=\"");
    escape_attr(&mut html, target);
    html.push_str("\">");
    crate::sanitize::escape_text(&mut html, title);
    html.push_str("</a>.</p>\n</body>\n</html>\n");
    html
}

/// The title of the page for an address the site does not have.
pub const NOT_FOUND_TITLE: &str = "Page not found";

/// The Atom feed: every post with its full content, absolute URLs throughout.
pub fn atom_feed(index: &Index, posts: &[Post], base: &str) -> String {
    let site = &index.site;
    let home = absolute(index, &urls::home(base));
    let updated = posts
        .iter()
        .map(|p| rfc3339(p.meta.updated.as_deref().unwrap_or(&p.meta.date)))
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <title>{title}</title>\n<subtitle>{subtitle}</subtitle>\n<id>{home}</id>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{feed}\"/>\n\
         <updated>{updated}</updated>\n<author><name>{author}</name></author>\n",
        lang = esc(&site.language),
        title = esc(&site.title),
        subtitle = esc(&site.description),
        home = esc(&home),
        feed = esc(&absolute(index, &format!("{base}feed.xml"))),
        author = esc(&site.author),
    );
    let origin = origin(&site.base_url);
    for post in posts {
        let url = absolute(index, &urls::post(base, &post.meta.slug));
        let content = absolutize(
            &markdown::render_post(post, base, index.site.trusted_html),
            origin,
        );
        xml.push_str(&format!(
            "<entry>\n<title>{title}</title>\n<id>{url}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
             <published>{published}</published>\n<updated>{updated}</updated>\n",
            title = esc(&post.meta.title),
            url = esc(&url),
            published = rfc3339(&post.meta.date),
            updated = rfc3339(post.meta.updated.as_deref().unwrap_or(&post.meta.date)),
        ));
        for author in &post.authors {
            xml.push_str(&format!("<author><name>{}</name></author>\n", esc(author)));
        }
        if let Some(c) = &post.meta.category {
            xml.push_str(&format!(
                "<category term=\"{}\" label=\"{}\"/>\n",
                esc(&c.slug),
                esc(&c.name)
            ));
        }
        xml.push_str(&format!(
            "<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            esc(&post.meta.summary),
            esc(&content)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// sitemap.xml: the home page, every post, category and tag.
pub fn sitemap(index: &Index, base: &str) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: String, lastmod: Option<&str>| {
        xml.push_str(&format!("<url><loc>{}</loc>", esc(&absolute(index, &path))));
        // An undated post has no date to give.
        if let Some(date) = lastmod.filter(|d| !d.is_empty()) {
            xml.push_str(&format!(
                "<lastmod>{}</lastmod>",
                date.get(..10).unwrap_or(date)
            ));
        }
        xml.push_str("</url>\n");
    };
    url(
        urls::home(base),
        index
            .posts
            .first()
            .map(|p| p.updated.as_deref().unwrap_or(&p.date)),
    );
    for post in &index.posts {
        url(
            urls::post(base, &post.slug),
            Some(post.updated.as_deref().unwrap_or(&post.date)),
        );
    }
    for c in &index.categories {
        url(urls::category(base, &c.slug), None);
    }
    for t in &index.tags {
        url(urls::tag(base, &t.slug), None);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// robots.txt: everything may be crawled; here is the sitemap.
pub fn robots(index: &Index, base: &str) -> String {
    format!(
        "User-agent: *\nAllow: {base}\nSitemap: {}\n",
        absolute(index, &format!("{base}sitemap.xml"))
    )
}

/// `_headers` for Netlify and Cloudflare Pages: the hashed assets (`hashed`, paths relative to the
/// site) never change, so they are cached for a year; data revalidates on every visit. HTML is left to
/// the hosts' default, which already revalidates. No catch-all rule: both hosts join the values of
/// every matching rule, and a catch-all would contradict the asset rules.
pub fn headers_file(base: &str, hashed: &[String]) -> String {
    let mut out = format!(
        "# Generated by quire-press: data revalidates, hashed assets are immutable.\n\
         {base}data/*\n  Cache-Control: public, max-age=0, must-revalidate\n\
         {base}pagefind/*\n  Cache-Control: public, max-age=0, must-revalidate\n"
    );
    for asset in hashed {
        out.push_str(&format!(
            "{base}{asset}\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Neighbour, PostPage, PostSummary, SiteMeta, Tag, Term};

    const TEMPLATE: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><base href=\"/blog/\">\
        <title>Backpressure</title>\n<meta name=\"description\" content=\"\">\
        <link rel=\"stylesheet\" href=\"/blog/main-1.css\"></head><body><script type=\"module\">init()</script></body></html>";

    /// Names the body instead of rendering it: the markup is quire-views', tested where it is rendered.
    fn describe(body: &PageBody) -> String {
        match body {
            PageBody::List { filter, list } => {
                format!("<p>list {filter:?} page {}</p>", list.page)
            }
            PageBody::Post(post) => format!("<p>post {}</p>", post.meta.slug),
            PageBody::Search => "<p>search</p>".into(),
            PageBody::NotFound => "<p>not found</p>".into(),
        }
    }

    fn site() -> (Index, Vec<Post>) {
        let summary = PostSummary {
            slug: "tcp".into(),
            title: "TCP & friends".into(),
            summary: "How <TCP> works.".into(),
            date: "2024-03-05".into(),
            updated: Some("2024-04-01T10:00:00+02:00".into()),
            category: Some(Term {
                slug: "networking".into(),
                name: "Networking".into(),
            }),
            tags: vec![Term {
                slug: "latency".into(),
                name: "latency".into(),
            }],
            reading_minutes: 4,
            word_count: 900,
            series: None,
            lang: None,
        };
        let index = Index {
            site: SiteMeta {
                title: "Backpressure".into(),
                description: "Backend notes.".into(),
                base_url: "https://example.com".into(),
                author: "The authors".into(),
                language: "en".into(),
                trusted_html: false,
            },
            categories: vec![Category {
                slug: "networking".into(),
                name: "Networking".into(),
                description: "Packets.".into(),
                count: 1,
            }],
            tags: vec![Tag {
                slug: "latency".into(),
                name: "latency".into(),
                count: 1,
            }],
            posts: vec![summary.clone()],
        };
        let post = Post {
            page: PostPage {
                meta: summary,
                next: Some(Neighbour {
                    slug: "dns".into(),
                    title: "DNS".into(),
                }),
                ..Default::default()
            },
            body: "See [the list](/posts/tcp/) and ![a figure](fig.svg).\n\n</script><b>x</b>"
                .into(),
            ..Default::default()
        };
        (index, vec![post])
    }

    #[test]
    fn a_page_for_every_route() {
        let (index, posts) = site();
        let pages = html_pages(TEMPLATE, &index, &posts, "/blog/", &describe).unwrap();
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "index.html",
                "category/networking/index.html",
                "tag/latency/index.html",
                "posts/tcp/index.html",
                "search/index.html",
                "404.html"
            ]
        );
    }

    #[test]
    fn an_article_page_carries_its_head_and_content() {
        let (index, posts) = site();
        let pages = html_pages(TEMPLATE, &index, &posts, "/blog/", &describe).unwrap();
        let html = &pages[3].contents;
        assert!(
            html.contains("<title>TCP &amp; friends · Backpressure</title>"),
            "{html}"
        );
        assert_eq!(html.matches("<title>").count(), 1);
        assert!(
            !html.contains("content=\"\""),
            "the empty template description is gone"
        );
        assert!(html.contains("<meta name=\"description\" content=\"How &lt;TCP&gt; works.\">"));
        assert!(
            html.contains("<link rel=\"canonical\" href=\"https://example.com/blog/posts/tcp/\">")
        );
        assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
        assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
        assert!(html.contains("href=\"https://example.com/blog/feed.xml\""));
        assert!(html.contains("\"@type\":\"BlogPosting\""));
        assert!(html.contains("\"datePublished\":\"2024-03-05T00:00:00Z\""));
        assert!(html.contains("\"dateModified\":\"2024-04-01T10:00:00+02:00\""));
        assert!(html.contains("<div id=\"prerendered\"><p>post tcp</p></div>"));
        // Raw HTML stays escaped and cannot close the page's scripts.
        assert!(
            !html.contains("</script><b>"),
            "the JSON-LD cannot close its script"
        );
        // The app's scripts and styles are still there, after the static content.
        let content = html.find("id=\"prerendered\"").unwrap();
        assert!(html.find("<script type=\"module\">").unwrap() > content);
        assert!(html.contains("<link rel=\"stylesheet\" href=\"/blog/main-1.css\">"));
    }

    #[test]
    fn every_page_of_every_list_has_a_file() {
        let (mut index, posts) = site();
        index.posts = vec![index.posts[0].clone(); 41];
        for post in index.posts.iter_mut().skip(21) {
            post.category = None;
        }
        for post in index.posts.iter_mut().skip(1) {
            post.tags.clear();
        }
        index.categories[0].count = 21;
        let pages = html_pages(TEMPLATE, &index, &posts, "/blog/", &describe).unwrap();
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "index.html",
                "page/2/index.html",
                "page/3/index.html",
                "category/networking/index.html",
                "category/networking/page/2/index.html",
                "tag/latency/index.html",
                "posts/tcp/index.html",
                "search/index.html",
                "404.html"
            ]
        );
        let page2 = &pages[1].contents;
        assert!(
            page2.contains("<title>Page 2 · Backpressure</title>"),
            "{page2}"
        );
        assert!(
            page2.contains("<link rel=\"canonical\" href=\"https://example.com/blog/page/2/\">")
        );
        assert!(page2.contains("<p>list All page 2</p>"));
        // The page carries the data its view shows, as the app would fetch it.
        let data = |page: &str, url: &str| -> ListPage {
            let start = format!("<script type=\"application/json\" data-src=\"{url}\">");
            let json = page.split(&start).nth(1).unwrap().split("</script>").next();
            serde_json::from_str(json.unwrap()).unwrap()
        };
        let list = data(page2, "/blog/data/lists/all/2.json");
        assert_eq!((list.page, list.pages, list.posts.len()), (2, 3, 20));
        assert!(page2.contains("data-src=\"/blog/data/site.json\""));
        let tag = &pages[5].contents;
        assert!(tag.contains("<meta name=\"description\" content=\"1 post tagged latency.\">"));
        assert!(pages[7]
            .contents
            .contains("<meta name=\"robots\" content=\"noindex\">"));
    }

    #[test]
    fn a_filled_page_gives_back_its_template() {
        let (index, posts) = site();
        let pages = html_pages(TEMPLATE, &index, &posts, "/blog/", &describe).unwrap();
        let home = &pages[0].contents;
        let template = template_of(home);
        assert!(!template.contains("prerendered") && !template.contains("canonical"));
        assert_eq!(
            template_of(TEMPLATE),
            TEMPLATE,
            "an unfilled template is left alone"
        );
        // Filling again from the page gives the same pages, byte for byte.
        assert_eq!(
            html_pages(&template, &index, &posts, "/blog/", &describe).unwrap(),
            pages
        );
    }

    #[test]
    fn a_template_without_a_title_is_an_error() {
        let (index, posts) = site();
        assert_eq!(
            html_pages("<html><body></body></html>", &index, &posts, "/", &describe),
            Err(PagesError::Template("<title>"))
        );
    }

    #[test]
    fn the_feed_has_full_content_and_absolute_urls() {
        let (index, posts) = site();
        let feed = atom_feed(&index, &posts, "/blog/");
        assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
        assert!(feed.contains("<id>https://example.com/blog/posts/tcp/</id>"));
        assert!(feed.contains("<updated>2024-04-01T10:00:00+02:00</updated>"));
        assert!(feed.contains("<published>2024-03-05T00:00:00Z</published>"));
        assert!(feed.contains("href=&quot;https://example.com/blog/posts/tcp/&quot;"));
        assert!(feed.contains("src=&quot;https://example.com/blog/posts/tcp/fig.svg&quot;"));
        assert!(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.com/blog/feed.xml\"/>"));
    }

    #[test]
    fn sitemap_and_robots() {
        let (index, _) = site();
        let sitemap = sitemap(&index, "/");
        assert!(sitemap.contains(
            "<url><loc>https://example.com/posts/tcp/</loc><lastmod>2024-04-01</lastmod></url>"
        ));
        assert!(sitemap.contains("<url><loc>https://example.com/category/networking/</loc></url>"));
        assert!(sitemap.contains("<url><loc>https://example.com/tag/latency/</loc></url>"));
        assert_eq!(
            robots(&index, "/blog/"),
            "User-agent: *\nAllow: /blog/\nSitemap: https://example.com/blog/sitemap.xml\n"
        );
    }

    #[test]
    fn headers_make_hashed_assets_immutable() {
        let headers = headers_file("/blog/", &["quire-1a2b.wasm".to_string()]);
        assert!(
            headers.contains("/blog/data/*\n  Cache-Control: public, max-age=0, must-revalidate\n")
        );
        assert!(headers.contains(
            "/blog/quire-1a2b.wasm\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }

    #[test]
    fn titles_and_origins() {
        assert_eq!(page_title("Site", None), "Site");
        assert_eq!(page_title("Site", Some("Post")), "Post · Site");
        assert_eq!(origin("https://example.com"), "https://example.com");
        assert_eq!(origin("https://example.com/blog/"), "https://example.com");
        assert_eq!(origin("http://localhost:8080"), "http://localhost:8080");
    }
}
