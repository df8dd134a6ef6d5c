//! Compiling a content folder: `site.toml` and the post files in, the [`Index`] and [`Post`]s out, or every
//! problem of every file at once, each with its place in the file and what to do about it.
//!
//! Reading files is the caller's job (`quire-press`). Work is split in two so the caller can spread
//! the per-file part over threads: [`ParsedPost::parse`] reads one file on its own (front matter,
//! Markdown outline), then [`assemble`] checks what spans files (slugs, categories, links) and builds
//! the output. [`compile`] does both in one call.
//!
//! One module per job: [`config`] reads `site.toml`, [`parse`] one post file, `links` resolves links
//! between posts, `taxonomy` matches and counts categories and tags, `order` sorts and links neighbours,
//! [`diagnostic`] is what an author is told.

pub mod config;
pub mod diagnostic;
mod links;
mod order;
pub mod parse;
pub mod related;
pub mod series;
mod taxonomy;
#[cfg(test)]
mod tests;

pub use config::{CategoryConfig, SiteConfig};
pub use diagnostic::{decode, Diagnostic, NotUtf8};
pub use parse::ParsedPost;

use crate::model::{Index, Post};
use links::PostIndex;
use taxonomy::Taxonomies;

/// Length of a summary cut from the first paragraph, in characters.
pub const SUMMARY_CHARS: usize = 200;

/// A file handed to the compiler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as shown to the author, with `/` separators: `content/posts/tcp.md`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What to leave out of a build.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompileOptions {
    /// Include posts marked `draft = true`.
    pub drafts: bool,
    /// When set, leave out posts dated after this Unix time (a release build hides scheduled posts).
    pub now_unix: Option<i64>,
}

/// The compiled site: what `data/index.json` and `data/posts/<slug>.json` hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    pub index: Index,
    /// Published posts in index order (newest first).
    pub posts: Vec<Post>,
}

/// Checks what spans files (duplicate slugs, categories, links between posts), and builds the index and
/// posts. `posts` may come in any order; they are processed in path order.
// `i` and `j` are positions in `posts` (and `summaries`), and `left_out` and `category_of` have one
// entry per post.
#[allow(clippy::indexing_slicing)]
pub fn assemble(
    site_toml: &SourceFile,
    mut posts: Vec<ParsedPost>,
    opts: &CompileOptions,
) -> Result<Compiled, Vec<Diagnostic>> {
    // Path order makes "the first file keeps the slug" and "names as first written" reproducible.
    posts.sort_by(|a, b| a.path.cmp(&b.path));
    let mut problems: Vec<Diagnostic> = posts.iter().flat_map(|p| p.problems.clone()).collect();

    let config = SiteConfig::parse(site_toml)
        .map_err(|mut d| problems.append(&mut d))
        .ok();
    let listed = config.as_ref().map_or(&[][..], |c| &c.categories[..]);
    let content_dir = site_toml
        .path
        .rfind('/')
        .map_or("", |i| site_toml.path.split_at(i).0);

    let post_index = PostIndex::new(&posts, &mut problems);
    let category_of = taxonomy::resolve_categories(&posts, listed, &mut problems);
    let left_out: Vec<_> = posts.iter().map(|p| p.left_out(opts)).collect();
    let rewrites = links::check_links(&posts, &post_index, content_dir, &left_out, &mut problems);
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(problems);
    }
    drop(post_index);
    let config = config.unwrap_or_default();

    let mut taxonomies = Taxonomies::new(&config.categories);
    let built = posts
        .into_iter()
        .zip(rewrites)
        .enumerate()
        .filter(|(i, _)| left_out[*i].is_none())
        .map(|(i, (post, rewrites))| {
            let terms = taxonomies.add(&post.front_matter, category_of[i]);
            post.into_post(terms, rewrites)
        })
        .collect();
    let mut posts = order::newest_first(built);
    order::link_neighbours(&mut posts);
    link_series_and_related(&mut posts);
    let (categories, tags) = taxonomies.into_lists();

    Ok(Compiled {
        index: Index {
            site: config.meta(),
            categories,
            tags,
            posts: posts.iter().map(|p| p.meta.clone()).collect(),
        },
        posts,
    })
}

/// Fills each post's series navigation and related posts, which depend on every other published post.
// `j` comes from `related`, which returns positions in the `summaries` it was given.
#[allow(clippy::indexing_slicing)]
fn link_series_and_related(posts: &mut [Post]) {
    let navs = series::series_navs(posts);
    let summaries: Vec<_> = posts.iter().map(|p| p.meta.clone()).collect();
    let related = related::related(&summaries, related::RELATED_COUNT);
    for ((post, nav), related) in posts.iter_mut().zip(navs).zip(related) {
        post.series_nav = nav;
        post.related = related
            .into_iter()
            .map(|j| related::related_post(&summaries[j]))
            .collect();
    }
}

/// Compiles a site: `site.toml` and every post file, in one call. Returns every problem of every file,
/// sorted by path and place, or the compiled site.
pub fn compile(
    site_toml: &SourceFile,
    posts: &[SourceFile],
    opts: &CompileOptions,
) -> Result<Compiled, Vec<Diagnostic>> {
    assemble(
        site_toml,
        posts.iter().map(ParsedPost::parse).collect(),
        opts,
    )
}
