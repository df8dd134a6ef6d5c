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
pub mod permalink;
pub mod related;
pub mod series;
mod taxonomy;
#[cfg(test)]
mod tests;
mod translations;

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
    /// Published posts in index order (newest first), then the translated versions.
    pub posts: Vec<Post>,
    /// What the build worked around, for the author (each [`Diagnostic::is_warning`]), sorted.
    pub warnings: Vec<Diagnostic>,
    /// The file each slug comes from (slugs are final here: a clash may have renamed one).
    pub sources: std::collections::BTreeMap<String, String>,
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
    let content_dir = site_toml
        .path
        .rfind('/')
        .map_or("", |i| site_toml.path.split_at(i).0);
    // Section pages (`_index.md`) describe lists; they are not posts.
    let (sections, mut posts): (Vec<ParsedPost>, Vec<ParsedPost>) =
        posts.into_iter().partition(|p| p.section || p.skipped);
    let mut problems: Vec<Diagnostic> = posts
        .iter()
        .chain(&sections)
        .flat_map(|p| p.problems.iter().chain(&p.warnings).cloned())
        .collect();

    let config = SiteConfig::parse(site_toml)
        .map_err(|mut d| problems.append(&mut d))
        .ok();
    let listed = config.as_ref().map_or(&[][..], |c| &c.categories[..]);

    disambiguate_slugs(&mut posts, content_dir, &mut problems);
    if let Some(pattern) = config.as_ref().and_then(|c| c.old_permalink.as_deref()) {
        old_addresses(&mut posts, pattern);
    }
    let post_index = PostIndex::new(&posts, &mut problems);
    let category_of = taxonomy::resolve_categories(&posts, listed, &mut problems);
    let left_out: Vec<_> = posts.iter().map(|p| p.left_out(opts)).collect();
    let rewrites = links::check_links(&posts, &post_index, content_dir, &left_out, &mut problems);
    if problems.iter().any(|p| !p.is_warning()) {
        problems.sort();
        problems.dedup();
        return Err(problems);
    }
    drop(post_index);
    let mut warnings = problems;
    warnings.sort();
    warnings.dedup();
    let config = config.unwrap_or_default();
    let translation_groups = translations::groups(&posts, &left_out);
    let sources = posts
        .iter()
        .filter_map(|p| Some((p.slug.clone()?, p.path.clone())))
        .collect();

    let mut taxonomies = Taxonomies::new(&config.categories);
    let built: Vec<(i64, Post)> = posts
        .into_iter()
        .zip(rewrites)
        .enumerate()
        .filter(|(i, _)| left_out[*i].is_none())
        .map(|(i, (post, rewrites))| {
            // A translation is reached from its original, not from the lists: it counts in none.
            let terms = if post.lang.is_some() {
                taxonomy::PostTerms::default()
            } else {
                taxonomies.add(&post.front_matter, category_of[i])
            };
            post.into_post(terms, rewrites)
        })
        .collect();
    let (translated, originals): (Vec<_>, Vec<_>) =
        built.into_iter().partition(|(_, p)| p.meta.lang.is_some());
    let mut posts = order::newest_first(originals);
    order::link_neighbours(&mut posts);
    link_series_and_related(&mut posts);
    posts.extend(order::newest_first(translated));
    translations::link(&mut posts, &translation_groups, &config.language);
    let (mut categories, tags) = taxonomies.into_lists();
    let mut site = config.meta();
    describe_sections(&sections, content_dir, &mut categories, &mut site);

    Ok(Compiled {
        index: Index {
            site,
            categories,
            tags,
            posts: posts.iter().map(|p| p.meta.clone()).collect(),
        },
        posts,
        warnings,
        sources,
    })
}

/// Posts in sub-folders that take a slug another post has (`inside-rust/x.md` beside `x.md`) are
/// served under their folder's name joined to it (`inside-rust-x`), so each keeps one URL segment.
/// The post nearest the top of `posts/` keeps the plain slug; a slug written in the front matter
/// is never changed (two of those are reported as a clash).
fn disambiguate_slugs(posts: &mut [ParsedPost], content_dir: &str, problems: &mut Vec<Diagnostic>) {
    let posts_dir = format!("{content_dir}/posts/");
    let folder_of = |p: &ParsedPost| -> String {
        let relative = p.path.strip_prefix(&posts_dir).unwrap_or(&p.path);
        let mut parts: Vec<&str> = relative.split('/').collect();
        parts.pop();
        // A folder post's own folder is its name, not where it lives.
        let file = relative.rsplit('/').next().unwrap_or("");
        if file.starts_with("index.") {
            parts.pop();
        }
        parts.join("/")
    };
    let mut by_slug: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for (i, p) in posts.iter().enumerate() {
        if let Some(slug) = &p.slug {
            by_slug.entry(slug.clone()).or_default().push(i);
        }
    }
    let taken: std::collections::HashSet<String> = by_slug.keys().cloned().collect();
    for (slug, group) in by_slug {
        if group.len() < 2 {
            continue;
        }
        let Some(keeper) = group
            .iter()
            .copied()
            .filter_map(|i| Some((posts.get(i)?, i)))
            .min_by_key(|(p, _)| {
                (
                    !p.slug_written,
                    folder_of(p).matches('/').count() + usize::from(!folder_of(p).is_empty()),
                    p.path.clone(),
                )
            })
            .map(|(_, i)| i)
        else {
            continue;
        };
        let keeper_folder = posts.get(keeper).map(folder_of).unwrap_or_default();
        for i in group {
            let Some(post) = posts.get_mut(i) else {
                continue;
            };
            let folder = folder_of(post);
            if i == keeper || post.slug_written || folder == keeper_folder || folder.is_empty() {
                continue;
            }
            let new = format!("{}-{slug}", crate::slug::slugify(&folder));
            if taken.contains(&new) {
                continue;
            }
            problems.push(Diagnostic::warning(
                &post.path,
                post.slug_at,
                format!("slug \"{slug}\" is taken by a post higher up; this one is served as /posts/{new}/"),
            ));
            post.aliases.push(format!("/posts/{folder}/{slug}/"));
            post.slug = Some(new);
        }
    }
}

/// Adds the address each dated post had under the old generator's permalink pattern to its aliases.
fn old_addresses(posts: &mut [ParsedPost], pattern: &str) {
    for post in posts.iter_mut() {
        let (Some(date), Some(slug)) = (&post.date, &post.slug) else {
            continue;
        };
        let file = post.path.rsplit('/').next().unwrap_or("");
        let stem = file
            .strip_suffix(".md")
            .or_else(|| file.strip_suffix(".markdown"))
            .unwrap_or(file);
        let stem = match &post.lang {
            Some(lang) => stem
                .strip_suffix(lang.as_str())
                .and_then(|s| s.strip_suffix('.'))
                .unwrap_or(stem),
            None => stem,
        };
        let stem = if stem == "index" {
            post.path.rsplit('/').nth(1).unwrap_or(stem)
        } else {
            stem
        };
        let title = crate::date::date_from_file_name(stem).map_or(stem, |(_, rest)| rest);
        let category = post
            .front_matter
            .category
            .as_deref()
            .map(crate::slug::slugify);
        let parts = permalink::Parts {
            date,
            title,
            slug,
            category: category.as_deref(),
        };
        if let Some(old) = permalink::expand(pattern, &parts).and_then(|p| parse::site_path(&p)) {
            post.aliases.push(old);
        }
    }
}

/// Section pages (`_index.md`) describe lists: the one at the top of `posts/` the site, when
/// `site.toml` has no description; one in a folder the category of that name.
fn describe_sections(
    sections: &[ParsedPost],
    content_dir: &str,
    categories: &mut [crate::model::Category],
    site: &mut crate::model::SiteMeta,
) {
    let posts_dir = format!("{content_dir}/posts/");
    for section in sections.iter().filter(|s| s.section && s.lang.is_none()) {
        let written = section.front_matter.summary.clone();
        let text = written.unwrap_or_else(|| crate::markdown::plain_text(&section.body));
        if text.is_empty() {
            continue;
        }
        let relative = section
            .path
            .strip_prefix(&posts_dir)
            .unwrap_or(&section.path);
        match relative.rsplit_once('/') {
            None if site.description.is_empty() => site.description = text,
            None => {}
            Some((folder, _)) => {
                let slug = crate::slug::slugify(folder.rsplit('/').next().unwrap_or(folder));
                let title = section
                    .front_matter
                    .title
                    .as_deref()
                    .map(crate::slug::slugify);
                for c in categories.iter_mut().filter(|c| c.description.is_empty()) {
                    if c.slug == slug || title.as_deref() == Some(c.slug.as_str()) {
                        c.description = text.clone();
                    }
                }
            }
        }
    }
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
