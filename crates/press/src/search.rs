//! The search index: every published post's title, headings, prose and code, indexed with Pagefind
//! at build time into `<out>/pagefind/`. The reader's browser downloads Pagefind's script, its small
//! wasm and only the index chunks and excerpts a query needs, and only once the reader starts a search.
//!
//! Each post goes to Pagefind as a small HTML document made here (title as `<h1>`, the body as the site
//! renders it, with code blocks as plain text), so Pagefind weighs titles and headings above prose and
//! knows the category and tags as filters and the title, date and category as metadata.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use pulldown_cmark_escape::escape_html;
use quire_content::markdown::{render_html, RenderOptions};
use quire_content::{urls, Index, Post};
use std::path::{Path, PathBuf};

/// The folder under the site's root that holds the index and Pagefind's browser files.
pub const BUNDLE_DIR: &str = "pagefind";

/// Why the index could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot start the search indexer: {0}")]
    Runtime(std::io::Error),
    #[error("the search index could not be built: {0}")]
    Index(String),
}

/// One file of the index, relative to [`BUNDLE_DIR`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The document Pagefind indexes for one post, under `base`.
///
/// Only the `<h1>`, the body and the marked elements count: the filter and metadata elements carry
/// their values in attributes and have no text, so they add no words.
pub fn document(post: &Post, base: &str, language: &str, trusted_html: bool) -> String {
    let meta = &post.meta;
    let mut html = String::with_capacity(post.body.len() * 2 + 512);
    html.push_str("<!doctype html><html lang=\"");
    let _ = escape_html(&mut html, language);
    html.push_str("\"><head><title>");
    let _ = escape_html(&mut html, &meta.title);
    html.push_str("</title></head><body>");
    let attribute = |html: &mut String, name: &str, value: &str| {
        html.push_str(" data-pagefind-");
        html.push_str(name);
        html.push_str("=\"");
        let _ = escape_html(&mut *html, value);
        html.push('"');
    };
    html.push_str("<h1");
    attribute(&mut html, "meta", "title");
    html.push('>');
    let _ = escape_html(&mut html, &meta.title);
    html.push_str("</h1><span");
    attribute(&mut html, "meta", &format!("date:{}", meta.date));
    html.push_str("></span>");
    if let Some(category) = &meta.category {
        html.push_str("<span");
        attribute(&mut html, "meta", &format!("category:{}", category.name));
        html.push_str("></span><span");
        attribute(&mut html, "filter", &format!("category:{}", category.name));
        html.push_str("></span>");
    }
    for tag in &meta.tags {
        html.push_str("<span");
        attribute(&mut html, "filter", &format!("tag:{}", tag.name));
        html.push_str("></span>");
    }
    html.push_str("<p>");
    let _ = escape_html(&mut html, &meta.summary);
    html.push_str("</p>");
    // Code blocks as plain text (no prepared highlighting): the words are the same, the document
    // a third of the size.
    html.push_str(&render_html(
        &post.body,
        &RenderOptions {
            base,
            slug: &meta.slug,
            trusted_html,
            blocks: &[],
        },
    ));
    html.push_str("</body></html>");
    html
}

/// Builds the index of `posts` as the site under `base` links them, in memory.
pub fn build_index(
    index: &Index,
    posts: &[Post],
    base: &str,
) -> Result<Vec<IndexFile>, SearchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(SearchError::Runtime)?;
    let language = primary_language(&index.site.language);
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.clone())
            .build();
        let mut pagefind = PagefindIndex::new(Some(config)).map_err(fail)?;
        for post in posts {
            // Root-relative without the base path: the reader's Pagefind puts its `baseUrl` (the site's
            // base path) in front, so the index is the same under any base.
            let url = urls::post("/", &post.meta.slug);
            let html = document(post, base, &language, index.site.trusted_html);
            pagefind
                .add_html_file(None, Some(url), html)
                .await
                .map_err(fail)?;
        }
        let mut files: Vec<IndexFile> = pagefind
            .get_files()
            .await
            .map_err(fail)?
            .into_iter()
            .filter(|f| !is_widget(&f.filename))
            .map(|f| IndexFile {
                path: f.filename,
                bytes: f.contents,
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    })
}

/// The language Pagefind stems words for: the primary subtag of the site's language (`en` of `en-GB`).
fn primary_language(language: &str) -> String {
    let primary = language.split(['-', '_']).next().unwrap_or("").trim();
    if primary.is_empty() {
        "en".to_string()
    } else {
        primary.to_ascii_lowercase()
    }
}

/// Pagefind's own ready-made search widgets and its result highlighter: the site has its own search
/// in the app, so these are never loaded, and are left out of the site.
fn is_widget(path: &Path) -> bool {
    let name = path.to_string_lossy();
    [
        "pagefind-ui",
        "pagefind-component-ui",
        "pagefind-modular-ui",
        "pagefind-highlight",
    ]
    .iter()
    .any(|widget| name.starts_with(widget))
}

/// Where an index file goes in the built site.
pub fn target(out: &Path, file: &IndexFile) -> PathBuf {
    out.join(BUNDLE_DIR).join(&file.path)
}

/// pagefind's errors (`anyhow`) keep only their text, so this crate needs no `anyhow`.
fn fail(e: impl std::fmt::Display) -> SearchError {
    SearchError::Index(e.to_string())
}
