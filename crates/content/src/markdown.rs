//! Markdown rendering and analysis (API outline; the implementation replaces these bodies).

use crate::model::Heading;

/// How to render one post.
#[derive(Clone, Debug)]
pub struct RenderOptions<'a> {
    /// The site's base path, normalised (`/` or `/blog/`), see [`crate::urls::normalize_base`].
    pub base: &'a str,
    /// The post's slug: relative image and file URLs resolve to `{base}posts/<slug>/...`.
    pub slug: &'a str,
    /// Keep raw HTML (sanitised) instead of escaping it.
    pub trusted_html: bool,
}

/// A link from a post to another post, found by [`outline`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostLink {
    pub target: LinkTarget,
    /// The destination exactly as written in the Markdown (`../tcp.md#x`, `/posts/tcp/`).
    pub written: String,
    /// Byte range of the whole link (`[text](dest)`) in the Markdown source.
    pub range: std::ops::Range<usize>,
}

/// Where an internal link points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// `/posts/<slug>` or `/posts/<slug>/`, with or without `#fragment`.
    Slug(String),
    /// A relative or root-relative path to a Markdown file (`other.md`, `../x/index.md`), fragment removed.
    File(String),
}

/// What `quire-press` needs to know about a post body, from one parse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings with the same ids [`render_html`] gives them.
    pub headings: Vec<Heading>,
    /// Words of prose, code blocks left out.
    pub word_count: u32,
    /// The first paragraph as plain text, whitespace collapsed.
    pub first_paragraph: String,
    pub post_links: Vec<PostLink>,
}

/// Renders a post body to HTML.
pub fn render_html(markdown: &str, _opts: &RenderOptions) -> String {
    markdown.to_string()
}

/// Analyses a post body.
pub fn outline(_markdown: &str) -> Outline {
    Outline::default()
}

/// Reading time in whole minutes for `word_count` words of prose, at least 1.
pub fn reading_minutes(word_count: u32) -> u32 {
    word_count.div_ceil(230).max(1)
}

/// Cuts plain text at a word boundary near `max` characters, adding `…` when cut.
pub fn summarize(text: &str, _max: usize) -> String {
    text.to_string()
}
