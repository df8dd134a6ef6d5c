//! The data the reader app fetches, as `quire-press` writes it: `data/index.json` is an [`Index`],
//! `data/posts/<slug>.json` is a [`Post`]. Both sides use these types, so the format cannot drift.

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

/// `data/index.json`: everything the list, category and tag views need, fetched once.
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

/// `data/posts/<slug>.json`: one post, its Markdown source and what is derived from it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    #[serde(flatten)]
    pub meta: PostSummary,
    /// Names of the authors; empty means the site's author.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Front matter fields Quire does not know, kept as the author wrote them (themes may use them).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
    /// Cover image URL as the author wrote it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
    /// The Markdown body, front matter removed. Rendered in the browser by [`crate::markdown`].
    pub body: String,
    /// HTML prepared at build time for the body's code blocks (highlighted code, drawn diagrams), by
    /// position: entry `i` stands in for the `i`-th block [`crate::blocks::code_blocks`] lists.
    /// An empty entry, or none, leaves a block to render from its source. Empty in older JSON.
    /// Strings rather than options: the app already decodes lists of strings, and a new decoder
    /// would be code every reader downloads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<String>,
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
    /// Where the post was served before it came to Quire (`aliases`, `redirect_from`, an old
    /// `permalink`, `path` or `url`), as site paths under the base: `/2015/05/11/traits/`,
    /// `/old/page.html`. `quire-press pages` writes a redirect page at each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
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

impl Post {
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
        let mut post = Post {
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
