//! The search index: every published post's title, headings, prose and code, indexed with Pagefind
//! at build time into `<out>/pagefind/`. The reader's browser downloads Pagefind's script, its small
//! wasm and only the index chunks and excerpts a query needs, and only once the reader starts a search.
//!
//! Each post goes to Pagefind as a small HTML document made here (title as `<h1>`, the body as the site
//! renders it, with code blocks as plain text), so Pagefind weighs titles and headings above prose and
//! knows the category and tags as filters and the title, date and category as metadata.

use crate::cache::{Cache, Key};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use pulldown_cmark_escape::escape_html;
use quire_content::markdown::{render_html, RenderOptions};
use quire_content::{urls, Index, Post};
use rayon::prelude::*;
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

/// Builds the index of `posts` as the site under `base` links them, in memory; with a `cache`, takes
/// it from there when the last build indexed the very same documents.
///
/// Pagefind indexes one document at a time and compresses its files on one thread (35 s at 10,000
/// posts), so a rebuild that changes no post should not pay for it again. The cache keeps one index
/// per site (base path and language), overwritten by the next build that changes a post, rather than
/// one per edit: an index is megabytes, and every save in `trunk serve` is a build.
pub fn build_index(
    index: &Index,
    posts: &[Post],
    base: &str,
    cache: Option<&Cache>,
) -> Result<Built, SearchError> {
    let language = primary_language(&index.site.language);
    let documents: Vec<(String, String)> = posts
        .par_iter()
        .map(|post| {
            // Root-relative without the base path: the reader's Pagefind puts its `baseUrl` (the
            // site's base path) in front, so the index is the same under any base.
            let url = urls::post("/", &post.meta.slug);
            (
                url,
                document(post, base, &language, index.site.trusted_html),
            )
        })
        .collect();
    let Some(cache) = cache else {
        return Ok(Built {
            files: index_documents(&language, documents)?,
            cached: false,
        });
    };
    let slot = cache.key(&[b"slot", base.as_bytes(), language.as_bytes()]);
    let mut parts: Vec<&[u8]> = vec![language.as_bytes()];
    for (url, html) in &documents {
        parts.push(url.as_bytes());
        parts.push(html.as_bytes());
    }
    let content = cache.key(&parts);
    if let Some(files) = cache.get(&slot).and_then(|entry| decode(&entry, &content)) {
        return Ok(Built {
            files,
            cached: true,
        });
    }
    let files = index_documents(&language, documents)?;
    cache.put(&slot, &encode(&content, &files));
    Ok(Built {
        files,
        cached: false,
    })
}

/// An index's files, and whether they came from the cache.
#[derive(Debug)]
pub struct Built {
    pub files: Vec<IndexFile>,
    pub cached: bool,
}

/// The cache of indexes under `root`, for this build of quire-press (its Pagefind's output format is
/// part of the program); `None` when the program cannot be read to tell its version.
pub fn cache(root: &Path) -> Option<Cache> {
    crate::cache::program_digest().map(|version| Cache::new(root, "search", &version))
}

/// Pagefind's index of `documents` (URL, HTML), sorted by path.
fn index_documents(
    language: &str,
    documents: Vec<(String, String)>,
) -> Result<Vec<IndexFile>, SearchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(SearchError::Runtime)?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build();
        let mut pagefind = PagefindIndex::new(Some(config)).map_err(fail)?;
        for (url, html) in documents {
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

/// A cache entry: the key of the documents indexed, then each file as its path's and its bytes'
/// lengths (u64, little-endian) and themselves.
fn encode(content: &Key, files: &[IndexFile]) -> Vec<u8> {
    let size: usize = files
        .iter()
        .map(|f| 16 + f.path.as_os_str().len() + f.bytes.len())
        .sum();
    let mut entry = Vec::with_capacity(32 + size);
    entry.extend_from_slice(content.as_bytes());
    for file in files {
        let path = file.path.to_string_lossy();
        for part in [path.as_bytes(), &file.bytes] {
            entry.extend_from_slice(&(part.len() as u64).to_le_bytes());
            entry.extend_from_slice(part);
        }
    }
    entry
}

/// The files of a cache entry made from the documents `content` names; `None` for other documents
/// or an entry that does not parse.
fn decode(entry: &[u8], content: &Key) -> Option<Vec<IndexFile>> {
    let mut rest = entry.strip_prefix(content.as_bytes().as_slice())?;
    let mut take = || -> Option<&[u8]> {
        let (len, after) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let (part, after) = (after.get(..len)?, &after[len..]);
        rest = after;
        Some(part)
    };
    let mut files = Vec::new();
    while let Some(path) = take() {
        let bytes = take()?;
        files.push(IndexFile {
            path: PathBuf::from(std::str::from_utf8(path).ok()?),
            bytes: bytes.to_vec(),
        });
    }
    Some(files)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::tests::temp_dir;
    use quire_content::model::{PostPage, PostSummary};

    fn post(slug: &str, body: &str) -> Post {
        Post {
            page: PostPage {
                meta: PostSummary {
                    slug: slug.into(),
                    title: format!("About {slug}"),
                    date: "2024-03-05".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
            body: body.into(),
            ..Default::default()
        }
    }

    fn paths(files: &[IndexFile]) -> Vec<&Path> {
        files.iter().map(|f| f.path.as_path()).collect()
    }

    #[test]
    fn an_unchanged_site_takes_its_index_from_the_cache_and_a_changed_post_rebuilds_it() {
        let index = Index::default();
        let cache = Cache::new(&temp_dir("search-index"), "search", b"test");
        let mut posts = vec![
            post("tcp", "Congestion windows and `SKIP LOCKED`."),
            post("dns", "Resolvers."),
        ];
        let fresh = build_index(&index, &posts, "/", Some(&cache)).unwrap();
        assert!(!fresh.cached);
        assert!(paths(&fresh.files).contains(&Path::new("pagefind.js")));

        let again = build_index(&index, &posts, "/", Some(&cache)).unwrap();
        assert!(again.cached);
        assert_eq!(again.files, fresh.files, "the same bytes as a fresh build");

        posts[1].body = "Resolvers and caches.".into();
        let changed = build_index(&index, &posts, "/", Some(&cache)).unwrap();
        assert!(!changed.cached, "one post changed: a new index");
        let uncached = build_index(&index, &posts, "/", None).unwrap();
        assert_eq!(changed.files, uncached.files);
        assert_ne!(changed.files, fresh.files);
        // Another base path is another site: it does not take this one's index.
        assert!(
            !build_index(&index, &posts, "/blog/", Some(&cache))
                .unwrap()
                .cached
        );
    }

    #[test]
    fn an_entry_is_read_back_only_for_its_own_documents_and_only_whole() {
        let files = vec![
            IndexFile {
                path: "pagefind.js".into(),
                bytes: b"export{}".to_vec(),
            },
            IndexFile {
                path: "fragment/en_1.pf_fragment".into(),
                bytes: vec![0, 1, 2],
            },
        ];
        let content = Key::of(&[b"documents"]);
        let entry = encode(&content, &files);
        assert_eq!(decode(&entry, &content), Some(files));
        assert_eq!(decode(&entry, &Key::of(&[b"other documents"])), None);
        assert_eq!(decode(&entry[..entry.len() - 1], &content), None);
    }
}
