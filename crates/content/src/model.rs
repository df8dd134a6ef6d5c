//! The data `quire-press` writes and the reader app reads: `data/site.json` is a [`SiteData`],
//! `data/lists/…/<n>.json` a [`ListPage`], `data/posts/<slug>.json` a [`Post`] (the app reads its
//! [`PostPage`]), and `data/index.json`, the whole [`Index`], is what the build's later steps read.
//! Both sides use these types, so the format cannot drift.

use serde::{Deserialize, Serialize};

/// The site as `content/site.toml` describes it, less the category list (which becomes [`Category`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteMeta {
    pub title: String,
    pub description: String,
    /// Absolute URL of the deployed site, without a trailing slash: `https://blog.example.com`.
    pub base_url: String,
    pub author: String,
    /// BCP 47 language tag, `en` by default.
    pub language: String,
    /// When true, raw HTML in posts is kept (still stripped of scripts, handlers and unsafe URLs).
    #[serde(default)]
    pub trusted_html: bool,
}

/// A name with its URL slug: a tag, a category reference, a series.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Term {
    pub slug: String,
    pub name: String,
}

/// A category with its description and the number of published posts in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub count: usize,
}

/// A tag with the number of published posts carrying it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub slug: String,
    pub name: String,
    pub count: usize,
}

/// What the list views show of a post.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostSummary {
    pub slug: String,
    pub title: String,
    /// Plain text, no Markdown.
    pub summary: String,
    /// `YYYY-MM-DD` when the author gave a date, else RFC 3339 (`YYYY-MM-DDTHH:MM:SS+HH:MM` or `Z`).
    /// Empty for an undated post (an imported one with no date anywhere): such posts come after
    /// every dated one in the index.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Term>,
    #[serde(default)]
    pub tags: Vec<Term>,
    pub reading_minutes: u32,
    pub word_count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Term>,
    /// The language of a translated version (`post.fr.md`); lists leave these out, the original
    /// links to them. None for the site's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// `data/index.json`: every published post's summary with the site, its categories and tags. The build's
/// later steps (static pages, feed, sitemap) read it; the app does not (it reads pages and lists).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub site: SiteMeta,
    /// In site.toml order, or by name when the categories come from the posts.
    pub categories: Vec<Category>,
    /// By name.
    pub tags: Vec<Tag>,
    /// Published posts, newest first (ties broken by slug).
    pub posts: Vec<PostSummary>,
}

/// A heading of a post, for its table of contents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The `id` the rendered heading carries, unique within the post.
    pub id: String,
}

/// The post before or after this one in the list order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbour {
    pub slug: String,
    pub title: String,
}

/// What an article page shows of a post: everything but its source. The app reads this from
/// `data/posts/<slug>.json` (skipping the source fields) and never holds a post's Markdown; a static
/// article page carries it, serialised, so the app takes over without fetching.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostPage {
    /// What a list shows of the post. Nested, not flattened into the page: serde decodes a
    /// flattened struct through a buffer of every field, code the reader's wasm would carry.
    pub meta: PostSummary,
    /// Names of the authors; empty means the site's author.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Cover image URL as the author wrote it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
    pub headings: Vec<Heading>,
    /// Newer post (the one above this in the list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<Neighbour>,
    /// Older post (the one below this in the list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Neighbour>,

    // Computed across posts at build time (see `compile::series` and `compile::related`); absent in
    // JSON written before they existed, hence the defaults.
    /// Every published part of this post's series, in reading order; None when the post is in no series
    /// or is its only published part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series_nav: Option<SeriesNav>,
    /// Up to three other posts to read next, best match first (see `compile::related` for the rule).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedPost>,
    /// The other language versions of this post, the site's own language included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Translation>,
}

/// Another language version of a post.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// BCP 47 tag: `fr`, `pt-br`.
    pub lang: String,
    pub slug: String,
    pub title: String,
}

/// `data/posts/<slug>.json`: one post, its page and its Markdown source. The source is rendered in
/// the browser by [`crate::markdown`] (in the app's render worker) and at build time for the static
/// pages and the feed.
///
/// A post *is* its page plus its source, so it dereferences to its [`PostPage`]:
/// `post.meta.slug` reads as it did before the page was split out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    #[serde(flatten)]
    pub page: PostPage,
    /// Front matter fields Quire does not know, kept as the author wrote them (themes may use them).
    /// Not read in the browser: the reader's wasm would carry a JSON value decoder for nothing.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
    /// The Markdown body, front matter removed.
    pub body: String,
    /// HTML prepared at build time for the body's code blocks (highlighted code, drawn diagrams), by
    /// position: entry `i` stands in for the `i`-th block [`crate::blocks::code_blocks`] lists.
    /// An empty entry, or none, leaves a block to render from its source. Empty in older JSON.
    /// Strings rather than options: the worker already decodes lists of strings, and a new decoder
    /// would be code every reader downloads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<String>,
    /// Where the post was served before it came to Quire (`aliases`, `redirect_from`, an old
    /// `permalink`, `path` or `url`), as site paths under the base: `/2015/05/11/traits/`,
    /// `/old/page.html`. `quire-press pages` writes a redirect page at each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl std::ops::Deref for Post {
    type Target = PostPage;
    fn deref(&self) -> &PostPage {
        &self.page
    }
}

impl std::ops::DerefMut for Post {
    fn deref_mut(&mut self) -> &mut PostPage {
        &mut self.page
    }
}

/// `data/site.json`: what every page shows besides its own content. Small whatever the number of
/// posts (no post list), and carried by every static page, so the app starts without a request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteData {
    pub site: SiteMeta,
    /// As in [`Index::categories`].
    pub categories: Vec<Category>,
    /// Number of published posts.
    pub total: usize,
}

/// `data/lists/…/<n>.json`: one page of one list (every post, a category's, a tag's), all its view
/// needs. Lists load page by page, so what a reader downloads does not grow with the site.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPage {
    /// The list's heading: the site title, the category's name, `#tag`.
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Posts in the whole list, on every page.
    pub count: usize,
    /// 1-based number of this page.
    pub page: usize,
    /// Number of pages of the list, at least 1.
    pub pages: usize,
    /// This page's posts, newest first.
    pub posts: Vec<PostSummary>,
}

/// The parts of a series, for a post's "part 2 of 4" navigation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesNav {
    /// The series as first written (`Queues`).
    pub name: String,
    pub slug: String,
    /// The published parts in reading order: by `series_part` where the front matter gives one, else by
    /// date, oldest first.
    pub parts: Vec<Neighbour>,
    /// Index in `parts` of the post carrying this navigation.
    pub current: usize,
}

/// A post suggested at the end of another: what a short card shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedPost {
    pub slug: String,
    pub title: String,
    /// As in [`PostSummary::date`].
    pub date: String,
    /// Plain text.
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Term>,
}

/// A table of contents is worth its space from this many sections on.
pub const CONTENTS_MIN_HEADINGS: usize = 3;

impl PostPage {
    /// The post's table of contents: its `##` and `###` headings, or none when it has fewer than
    /// [`CONTENTS_MIN_HEADINGS`] of them (a short post reads faster without one).
    pub fn contents(&self) -> Vec<&Heading> {
        let entries: Vec<&Heading> = self
            .headings
            .iter()
            .filter(|h| (2..=3).contains(&h.level))
            .collect();
        if entries.len() < CONTENTS_MIN_HEADINGS {
            Vec::new()
        } else {
            entries
        }
    }
}

impl SeriesNav {
    /// The part to read after this one: the next, or the first again after the last.
    pub fn after_current(&self) -> Option<&Neighbour> {
        if self.parts.len() < 2 {
            return None;
        }
        self.parts.get((self.current + 1) % self.parts.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, id: &str) -> Heading {
        Heading {
            level,
            text: id.to_uppercase(),
            id: id.into(),
        }
    }

    #[test]
    fn contents_list_h2_and_h3_from_three_on() {
        let mut post = PostPage {
            headings: vec![heading(2, "a"), heading(4, "deep"), heading(3, "b")],
            ..Default::default()
        };
        assert!(post.contents().is_empty(), "two sections need no contents");
        post.headings.push(heading(2, "c"));
        let ids: Vec<&str> = post.contents().iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        post.headings = vec![
            heading(1, "t"),
            heading(4, "x"),
            heading(5, "y"),
            heading(6, "z"),
        ];
        assert!(post.contents().is_empty(), "only h2 and h3 count");
    }

    #[test]
    fn a_series_leads_on_and_the_last_part_back_to_the_first() {
        let part = |s: &str| Neighbour {
            slug: s.into(),
            title: s.into(),
        };
        let mut nav = SeriesNav {
            parts: vec![part("one"), part("two"), part("three")],
            ..Default::default()
        };
        assert_eq!(nav.after_current().map(|n| n.slug.as_str()), Some("two"));
        nav.current = 2;
        assert_eq!(nav.after_current().map(|n| n.slug.as_str()), Some("one"));
        nav.parts.truncate(1);
        nav.current = 0;
        assert_eq!(nav.after_current(), None);
    }
}
