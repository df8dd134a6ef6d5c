//! Markdown rendering and analysis.
//!
//! One pulldown-cmark parse per call, adapted by filtering its event stream (heading ids and
//! anchors, link and image URLs, footnotes, Mermaid diagrams, the raw HTML policy) and written
//! with `pulldown_cmark::html::push_html`. [`render_html`] and [`outline`] share the parser options
//! and the heading id rule, so the ids a table of contents links to are the ids the page has.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::blocks;
use crate::import;
use crate::model::{Heading, Post};
use crate::sanitize::{escape_attr, escape_href, escape_text, is_dangerous_url, Sanitizer};
use crate::slug::slugify;
use crate::urls;

/// How to render one post.
#[derive(Clone, Debug)]
pub struct RenderOptions<'a> {
    /// The site's base path, normalised (`/` or `/blog/`), see [`crate::urls::normalize_base`].
    pub base: &'a str,
    /// The post's slug: relative image and file URLs resolve to `{base}posts/<slug>/...`.
    pub slug: &'a str,
    /// Keep raw HTML (sanitised) instead of escaping it.
    pub trusted_html: bool,
    /// HTML prepared for the post's code blocks by position (see [`crate::blocks`]), as
    /// `Post::blocks` carries it: entry `i` stands in for the `i`-th block. A block with no entry,
    /// or an empty one, renders from its source.
    pub blocks: &'a [String],
}

/// A link from a post to another post, found by [`outline`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostLink {
    /// The post the link points at.
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
    /// Links to other posts, in document order.
    pub post_links: Vec<PostLink>,
}

/// The pulldown-cmark options every parse of a post uses: tables, GFM footnotes, strikethrough,
/// task lists, smart punctuation and heading attributes (`{#custom-id}`).
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A post's body as the site shows it: under `base`, with the prepared code blocks the post carries,
/// and its raw HTML kept (sanitised) only when the site trusts it. The app, the static pages and the
/// feed all render posts through this.
pub fn render_post(post: &Post, base: &str, trusted_html: bool) -> String {
    render_html(
        &post.body,
        &RenderOptions {
            base,
            slug: &post.meta.slug,
            trusted_html,
            blocks: &post.blocks,
        },
    )
}

/// Renders a post body to HTML.
///
/// Headings get unique ids and an anchor link, links and images are resolved against the site's
/// base path and the post's folder, `javascript:`-like URLs are neutralised, footnotes are
/// collected at the end, tables are wrapped to scroll, and ```` ```mermaid ```` blocks become
/// diagram containers. Code blocks with prepared HTML in `opts.blocks` get it as it is. Raw HTML is
/// escaped unless `opts.trusted_html`, then sanitised.
pub fn render_html(markdown: &str, opts: &RenderOptions) -> String {
    let (mut events, _) = parse(markdown);
    // Before footnotes are moved to the end, while blocks are still in document order.
    blocks::substitute(&mut events, opts.blocks);
    let (body, definitions) = split_footnotes(events.into_iter().map(|(event, _)| event));
    let mut renderer = Renderer {
        opts,
        page: urls::post(opts.base, opts.slug),
        sanitizer: Sanitizer::new(),
        heading: None,
        notes: Notes::new(definitions),
        in_note: false,
    };

    let mut events = Vec::with_capacity(body.len());
    renderer.filter(body, &mut events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());

    // A note can reference a note not referenced yet: `order` grows while this runs.
    let mut rendered = Vec::new();
    let mut next = 0;
    while let Some(key) = renderer.notes.order.get(next).cloned() {
        let definition = renderer.notes.definitions.remove(&key).unwrap_or_default();
        let mut events = Vec::with_capacity(definition.len() + 1);
        renderer.filter(definition, &mut events);
        rendered.push((key, events));
        next += 1;
    }
    if !rendered.is_empty() {
        html.push_str("<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n");
        for (key, mut events) in rendered {
            // `order` only holds keys `reference` numbered: the note is there.
            let Some(note) = renderer.notes.numbered.get(&key) else {
                continue;
            };
            let backrefs = Event::Html(note.backrefs(&renderer.page).into());
            // The links back go at the end of the note's last paragraph, not on a line of their own.
            match events.last() {
                Some(Event::End(TagEnd::Paragraph)) => events.insert(events.len() - 1, backrefs),
                _ => events.push(backrefs),
            }
            html.push_str("<li id=\"fn-");
            escape_attr(&mut html, &note.id);
            html.push_str("\">");
            let mut body = String::new();
            pulldown_cmark::html::push_html(&mut body, events.into_iter());
            html.push_str(body.trim_end_matches('\n'));
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
    }
    html
}

/// Analyses a post body.
pub fn outline(markdown: &str) -> Outline {
    let (events, headings) = parse(markdown);
    let mut words = WordCounter::default();
    let mut first_paragraph = None;
    let mut paragraph: Option<String> = None;
    let mut post_links = Vec::new();
    // Open blocks that hold a top-level paragraph's siblings rather than being one (lists, quotes…).
    let mut containers = 0u32;
    // Open elements whose text is not prose: code blocks, raw HTML, images, autolinks.
    let mut excluded = 0u32;
    let mut links_excluded = Vec::new();

    for (event, range) in events {
        match event {
            Event::Start(tag) => {
                words.boundary_unless_inline(&tag);
                match tag {
                    Tag::Paragraph if containers == 0 && first_paragraph.is_none() => {
                        paragraph = Some(String::new());
                    }
                    Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::Image { .. }
                    | Tag::MetadataBlock(_) => {
                        excluded += 1;
                    }
                    Tag::Link {
                        link_type,
                        dest_url,
                        ..
                    } => {
                        let url_as_text = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        links_excluded.push(url_as_text);
                        if url_as_text {
                            excluded += 1;
                        } else if let Some(target) = post_link_target(&dest_url) {
                            post_links.push(PostLink {
                                target,
                                written: dest_url.to_string(),
                                range,
                            });
                        }
                    }
                    Tag::Heading { .. } => {}
                    Tag::BlockQuote(_)
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::FootnoteDefinition(_)
                    | Tag::Table(_)
                    | Tag::DefinitionList => containers += 1,
                    _ => {}
                }
            }
            Event::End(end) => {
                if !is_inline(end) {
                    words.boundary();
                }
                match end {
                    TagEnd::Paragraph => {
                        if let Some(text) = paragraph.take() {
                            let text = collapse_whitespace(&text);
                            if !text.is_empty() {
                                first_paragraph = Some(text);
                            }
                        }
                    }
                    TagEnd::CodeBlock
                    | TagEnd::HtmlBlock
                    | TagEnd::Image
                    | TagEnd::MetadataBlock(_) => excluded = excluded.saturating_sub(1),
                    TagEnd::Link => {
                        let url_as_text = links_excluded.pop() == Some(true);
                        excluded = excluded.saturating_sub(u32::from(url_as_text));
                    }
                    TagEnd::BlockQuote(_)
                    | TagEnd::List(_)
                    | TagEnd::Item
                    | TagEnd::FootnoteDefinition
                    | TagEnd::Table
                    | TagEnd::DefinitionList => containers = containers.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Text(text) | Event::Code(text) if excluded == 0 => {
                words.push(&text);
                if let Some(paragraph) = &mut paragraph {
                    paragraph.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                words.boundary();
                if let Some(paragraph) = &mut paragraph {
                    paragraph.push(' ');
                }
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::Rule => words.boundary(),
            _ => {}
        }
    }
    words.boundary();

    Outline {
        headings,
        word_count: words.count,
        first_paragraph: first_paragraph.unwrap_or_default(),
        post_links,
    }
}

/// The prose of some Markdown as plain text, whitespace collapsed: code blocks, raw HTML and
/// images left out. For summaries the author marks with `<!--more-->`.
pub fn plain_text(markdown: &str) -> String {
    let (events, _) = parse(markdown);
    let mut text = String::new();
    let mut excluded = 0u32;
    for (event, _) in events {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. }) => excluded += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Image) => {
                excluded = excluded.saturating_sub(1);
            }
            Event::End(end) if !is_inline(end) => text.push(' '),
            Event::Text(t) | Event::Code(t) if excluded == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

/// Reading time in whole minutes for `word_count` words of prose, at least 1.
pub fn reading_minutes(word_count: u32) -> u32 {
    word_count.div_ceil(230).max(1)
}

/// Cuts plain text at a word boundary near `max` characters, adding `…` when cut.
///
/// Text of at most `max` characters comes back as it is. Otherwise it is cut at the last
/// whitespace before `max` characters, or at `max` itself when that whitespace would lose more
/// than 40% of the text; trailing spaces and punctuation go, and `…` follows.
pub fn summarize(text: &str, max: usize) -> String {
    let Some((limit, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    // `limit` and `cut` come from `char_indices`: both are char boundaries.
    let (head, _) = text.split_at(limit);
    let last_space = head
        .char_indices()
        .enumerate()
        .filter(|(_, (_, c))| c.is_whitespace())
        .last();
    let cut = match last_space {
        Some((chars_before, (byte, _))) if chars_before * 10 >= max * 6 => byte,
        _ => limit,
    };
    let mut out = head
        .split_at(cut)
        .0
        .trim_end_matches(|c: char| c.is_whitespace() || is_trailing_punctuation(c))
        .to_string();
    out.push('…');
    out
}

/// Punctuation that reads badly before an ellipsis.
fn is_trailing_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '-'
            | '–'
            | '—'
            | '…'
            | '('
            | '['
            | '{'
            | '/'
            | '\\'
            | '&'
            | '\''
            | '"'
            | '“'
            | '‘'
            | '«'
    )
}

/// Parses `markdown` once, with ids written into every heading's start event.
pub(crate) fn parse(markdown: &str) -> (Vec<(Event<'_>, Range<usize>)>, Vec<Heading>) {
    let mut events: Vec<_> = Parser::new_ext(markdown, parser_options())
        .into_offset_iter()
        .collect();
    let headings = assign_heading_ids(&mut events);
    (events, headings)
}

/// Gives every heading its id, in document order: the author's `{#id}` as given, otherwise the slug
/// of its text (`section` when that is empty) made unique with `-1`, `-2`… Ids authors chose are
/// reserved first, so a generated id never takes one of them.
fn assign_heading_ids(events: &mut [(Event<'_>, Range<usize>)]) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (index, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { .. }) => open = Some((index, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, text)) = open.take() {
                    found.push((start, collapse_whitespace(&text)));
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading_text)) = &mut open {
                    heading_text.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, heading_text)) = &mut open {
                    heading_text.push(' ');
                }
            }
            _ => {}
        }
    }

    let reserved: HashSet<String> = found
        .iter()
        .filter_map(|(index, _)| match events.get(*index).map(|e| &e.0) {
            Some(Event::Start(Tag::Heading { id: Some(id), .. })) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut used = HashSet::new();
    let mut headings = Vec::with_capacity(found.len());
    for (index, text) in found {
        let Some((Event::Start(Tag::Heading { level, id, .. }), _)) = events.get_mut(index) else {
            continue;
        };
        let chosen = match id {
            Some(id) => id.to_string(),
            None => {
                let mut base = slugify(&text);
                if base.is_empty() {
                    base = "section".to_string();
                }
                let mut candidate = base.clone();
                let mut n = 1;
                while reserved.contains(&candidate) || used.contains(&candidate) {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                candidate
            }
        };
        *id = Some(CowStr::from(chosen.clone()));
        used.insert(chosen.clone());
        headings.push(Heading {
            level: *level as u8,
            text,
            id: chosen,
        });
    }
    headings
}

/// Takes footnote definitions out of the event stream, keyed by their normalised label (the first
/// definition of a label wins, as in GFM).
#[allow(clippy::type_complexity)]
fn split_footnotes<'a>(
    events: impl Iterator<Item = Event<'a>>,
) -> (Vec<Event<'a>>, HashMap<String, Vec<Event<'a>>>) {
    let mut body = Vec::new();
    let mut definitions = HashMap::new();
    let mut current: Option<(String, Vec<Event<'a>>, usize)> = None;
    for event in events {
        if let Some((_, inner, depth)) = &mut current {
            match &event {
                Event::Start(_) => *depth += 1,
                Event::End(_) if *depth == 0 => {
                    if let Some((key, inner, _)) = current.take() {
                        definitions.entry(key).or_insert(inner);
                    }
                    continue;
                }
                Event::End(_) => *depth -= 1,
                _ => {}
            }
            inner.push(event);
        } else if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
            current = Some((note_key(label), Vec::new(), 0));
        } else {
            body.push(event);
        }
    }
    (body, definitions)
}

/// Footnote labels match regardless of case and runs of whitespace.
fn note_key(label: &str) -> String {
    collapse_whitespace(&label.to_lowercase())
}

/// Footnotes: definitions waiting to be rendered, and the notes referenced so far.
struct Notes<'a> {
    definitions: HashMap<String, Vec<Event<'a>>>,
    /// Keys in order of first reference: the notes' numbers are their positions here, plus one.
    order: Vec<String>,
    numbered: HashMap<String, Note>,
    ids: HashSet<String>,
}

struct Note {
    /// Safe for an id: `fn-<id>`, `fnref-<id>`.
    id: String,
    /// Its position in order of first reference, from 1.
    number: usize,
    references: usize,
}

impl Note {
    /// The links from a note back to each place it is referenced, on the post's page `page`.
    fn backrefs(&self, page: &str) -> String {
        let mut out = String::new();
        for n in 1..=self.references {
            out.push_str(" <a href=\"");
            out.push_str(page);
            out.push('#');
            out.push_str(&reference_id(&self.id, n));
            out.push_str("\" class=\"footnote-backref\" aria-label=\"Back to reference");
            if n == 1 {
                out.push_str("\">↩</a>");
            } else {
                out.push_str(&format!(" {n}\">↩<sup>{n}</sup></a>"));
            }
        }
        out
    }
}

/// `fnref-<id>` for a note's first reference, `fnref-<id>-<n>` for the n-th.
fn reference_id(id: &str, n: usize) -> String {
    if n == 1 {
        format!("fnref-{id}")
    } else {
        format!("fnref-{id}-{n}")
    }
}

impl<'a> Notes<'a> {
    fn new(definitions: HashMap<String, Vec<Event<'a>>>) -> Self {
        Self {
            definitions,
            order: Vec::new(),
            numbered: HashMap::new(),
            ids: HashSet::new(),
        }
    }

    /// Records a reference to the note `label`: its number, id and which reference this is, or
    /// `None` when no note has that label.
    fn reference(&mut self, label: &str) -> Option<(usize, String, usize)> {
        let key = note_key(label);
        if !self.numbered.contains_key(&key) {
            if !self.definitions.contains_key(&key) {
                return None;
            }
            let mut base = slugify(label);
            if base.is_empty() {
                base = "note".to_string();
            }
            let mut id = base.clone();
            let mut n = 2;
            while self.ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            self.ids.insert(id.clone());
            self.order.push(key.clone());
            let number = self.order.len();
            self.numbered.insert(
                key.clone(),
                Note {
                    id,
                    number,
                    references: 0,
                },
            );
        }
        let note = self.numbered.get_mut(&key)?;
        note.references += 1;
        Some((note.number, note.id.clone(), note.references))
    }
}

/// The event filter behind [`render_html`].
struct Renderer<'o, 'a> {
    opts: &'o RenderOptions<'o>,
    /// The post's own URL. In-page links (`#section`) are written as `<page>#section`: pages carry
    /// `<base href>` for the sub-path, against which a bare `#section` would mean the home page.
    page: String,
    sanitizer: Sanitizer,
    /// The id of the heading being written, for its anchor.
    heading: Option<String>,
    notes: Notes<'a>,
    /// Inside an "unsupported" note, which ends where its link would.
    in_note: bool,
}

impl<'a> Renderer<'_, 'a> {
    fn filter(&mut self, events: Vec<Event<'a>>, out: &mut Vec<Event<'a>>) {
        let mut events = events.into_iter().peekable();
        while let Some(event) = events.next() {
            match event {
                Event::Start(Tag::Heading {
                    level, id, classes, ..
                }) => {
                    let id = id.map(|id| id.to_string()).unwrap_or_default();
                    let mut html = format!("<{level} id=\"");
                    escape_attr(&mut html, &id);
                    html.push('"');
                    // Other `{key=value}` attributes are left out: they could carry event handlers.
                    if !classes.is_empty() {
                        html.push_str(" class=\"");
                        escape_attr(&mut html, &classes.join(" "));
                        html.push('"');
                    }
                    html.push('>');
                    out.push(Event::Html(html.into()));
                    self.heading = Some(id);
                }
                Event::End(TagEnd::Heading(level)) => {
                    let id = self.heading.take().unwrap_or_default();
                    let mut html = format!(" <a class=\"anchor\" href=\"{}#", self.page);
                    escape_href(&mut html, &id);
                    html.push_str(&format!(
                        "\" aria-label=\"Link to this section\">#</a></{level}>\n"
                    ));
                    out.push(Event::Html(html.into()));
                    self.sanitizer.reset();
                }
                // A block prepared ahead of time (see `blocks::prepared_event`): trusted, as it is.
                Event::DisplayMath(html) => {
                    out.push(Event::Html(html));
                    self.sanitizer.reset();
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if blocks::language(&info) == Some(blocks::MERMAID) =>
                {
                    let mut html =
                        String::from("<figure class=\"mermaid-diagram\"><pre class=\"mermaid\">");
                    for event in events.by_ref() {
                        match event {
                            Event::Text(text) => escape_text(&mut html, &text),
                            Event::End(_) => break,
                            _ => {}
                        }
                    }
                    html.push_str("</pre></figure>\n");
                    out.push(Event::Html(html.into()));
                }
                Event::Start(Tag::Table(alignments)) => {
                    out.push(Event::Html("<div class=\"table-wrap\">".into()));
                    out.push(Event::Start(Tag::Table(alignments)));
                }
                Event::End(TagEnd::Table) => {
                    out.push(Event::End(TagEnd::Table));
                    out.push(Event::Html("</div>\n".into()));
                    self.sanitizer.reset();
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if link_type == LinkType::Email {
                        // Written as `mailto:` + the address by pulldown-cmark; nothing to resolve.
                        out.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }));
                        continue;
                    }
                    if &*dest_url == import::UNSUPPORTED_URL {
                        // A tag from another generator Quire cannot run (see `import`): a note.
                        out.push(Event::Html(
                            "<span class=\"unsupported-note\" role=\"note\">".into(),
                        ));
                        self.in_note = true;
                        continue;
                    }
                    let href = self.link_href(&dest_url);
                    let embed = title
                        .strip_prefix(import::EMBED_TITLE)
                        .and_then(|kind| kind.strip_prefix(' '))
                        .filter(|kind| kind.bytes().all(|b| b.is_ascii_alphanumeric()));
                    if let Some(kind) = embed {
                        // An embed from another generator (see `import`): a card linking out, no
                        // third-party script or frame.
                        let mut html = format!("<a class=\"embed-card embed-{kind}\" href=\"");
                        escape_href(&mut html, &href);
                        html.push_str("\" rel=\"noopener\">");
                        out.push(Event::Html(html.into()));
                        continue;
                    }
                    let mut html = String::from("<a href=\"");
                    escape_href(&mut html, &href);
                    html.push('"');
                    if !title.is_empty() {
                        html.push_str(" title=\"");
                        escape_attr(&mut html, &title);
                        html.push('"');
                    }
                    if is_external(&href) {
                        html.push_str(" rel=\"noopener\"");
                    }
                    html.push('>');
                    out.push(Event::Html(html.into()));
                }
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let alt = collapse_whitespace(&plain_text_until_end(&mut events));
                    match self.image_src(&dest_url) {
                        Some(src) => {
                            let mut html = String::from("<img src=\"");
                            escape_href(&mut html, &src);
                            html.push_str("\" alt=\"");
                            escape_attr(&mut html, &alt);
                            html.push('"');
                            if !title.is_empty() {
                                html.push_str(" title=\"");
                                escape_attr(&mut html, &title);
                                html.push('"');
                            }
                            html.push_str(" loading=\"lazy\" decoding=\"async\">");
                            out.push(Event::Html(html.into()));
                        }
                        None => out.push(Event::Text(alt.into())),
                    }
                }
                Event::FootnoteReference(label) => match self.notes.reference(&label) {
                    Some((number, id, nth)) => {
                        let mut html =
                            format!("<sup class=\"footnote-ref\"><a href=\"{}#fn-", self.page);
                        html.push_str(&id);
                        html.push_str("\" id=\"");
                        html.push_str(&reference_id(&id, nth));
                        html.push_str(&format!("\">{number}</a></sup>"));
                        out.push(Event::Html(html.into()));
                    }
                    None => out.push(Event::Text(format!("[^{label}]").into())),
                },
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    // Definitions were taken out before filtering; one nested in another is dropped.
                    let _ = plain_text_until_end(&mut events);
                }
                Event::Start(Tag::HtmlBlock) => {
                    let mut raw = String::new();
                    for event in events.by_ref() {
                        match event {
                            Event::Html(html) | Event::InlineHtml(html) | Event::Text(html) => {
                                raw.push_str(&html);
                            }
                            Event::End(_) => break,
                            _ => {}
                        }
                    }
                    self.raw_html(&raw, out);
                    self.sanitizer.reset();
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    // A tag can span several events; sanitise them as one string.
                    let mut raw = html.into_string();
                    while let Some(Event::Html(more) | Event::InlineHtml(more)) = events.peek() {
                        raw.push_str(more);
                        events.next();
                    }
                    self.raw_html(&raw, out);
                }
                Event::Text(_)
                | Event::Code(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::TaskListMarker(_)
                    if self.sanitizer.is_skipping() => {}
                Event::End(TagEnd::Link) if self.in_note => {
                    self.in_note = false;
                    out.push(Event::Html("</span>".into()));
                }
                Event::End(end) => {
                    if !is_inline(end) {
                        // An unclosed `<script>` in one paragraph does not swallow the rest of the post.
                        self.sanitizer.reset();
                    }
                    out.push(Event::End(end));
                }
                event => out.push(event),
            }
        }
    }

    /// Raw HTML as the options allow: escaped, or sanitised.
    fn raw_html(&mut self, raw: &str, out: &mut Vec<Event<'a>>) {
        if self.opts.trusted_html {
            let mut html = String::with_capacity(raw.len());
            self.sanitizer.push(raw, &mut html);
            out.push(Event::Html(html.into()));
        } else {
            let trimmed = raw.trim();
            // A comment is a note to the author, not text: left out, as the sanitiser does.
            if !(trimmed.starts_with("<!--") && trimmed.ends_with("-->") && trimmed.len() >= 7) {
                out.push(Event::Text(raw.to_string().into()));
            }
        }
    }

    /// Where a link goes on the site.
    fn link_href(&self, dest: &str) -> String {
        let base = self.opts.base;
        if is_dangerous_url(dest) {
            return "#".to_string();
        }
        if dest.starts_with('#') {
            return format!("{}{dest}", self.page);
        }
        if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
            return dest.to_string();
        }
        if let Some(root_relative) = dest.strip_prefix('/') {
            return match post_slug(dest) {
                Some((slug, fragment)) => urls::post(base, slug) + fragment,
                None => format!("{base}{root_relative}"),
            };
        }
        // The compiler rewrites `.md` links to posts; one left here points at no post, so it stays
        // as written rather than pretend to be a file beside the post.
        if is_markdown_path(dest) {
            return dest.to_string();
        }
        urls::post_asset(base, self.opts.slug, dest)
    }

    /// Where an image is loaded from, or `None` when it must not be.
    fn image_src(&self, src: &str) -> Option<String> {
        if is_dangerous_url(src) {
            return None;
        }
        if src.is_empty() || src.starts_with('#') || src.starts_with("//") || has_scheme(src) {
            return Some(src.to_string());
        }
        Some(match src.strip_prefix('/') {
            Some(root_relative) => format!("{}{root_relative}", self.opts.base),
            None => urls::post_asset(self.opts.base, self.opts.slug, src),
        })
    }
}

/// Inline elements: their ends do not end a block.
fn is_inline(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Consumes events up to the end of the element just started, returning its plain text.
fn plain_text_until_end<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    for event in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// `http:`, `https:` or protocol-relative: a link off the site.
fn is_external(href: &str) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || href.starts_with("//")
}

/// True when `url` starts with a URL scheme (`mailto:`, `https:`), so it is not a path.
fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let (scheme, _) = url.split_at(colon);
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The path of a URL, without its query and fragment.
fn url_path(url: &str) -> &str {
    url.find(['#', '?']).map_or(url, |end| url.split_at(end).0)
}

/// A relative or root-relative path to a Markdown file.
fn is_markdown_path(url: &str) -> bool {
    if url.starts_with("//") || url.starts_with('#') || has_scheme(url) {
        return false;
    }
    // Compared as bytes: the last three bytes of a path can fall inside a multi-byte character
    // (`/x🦀y`), where slicing the `str` would panic.
    let path = url_path(url).as_bytes();
    path.len() > 3
        && path
            .get(path.len() - 3..)
            .is_some_and(|end| end.eq_ignore_ascii_case(b".md"))
}

/// `/posts/<slug>`, `/posts/<slug>/`, either with a `#fragment`: the slug and the fragment
/// (with its `#`, or empty).
fn post_slug(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("/posts/")?;
    let (path, fragment) = rest.find('#').map_or((rest, ""), |f| rest.split_at(f));
    let slug = path.strip_suffix('/').unwrap_or(path);
    if slug.is_empty() || slug.contains(['/', '?']) {
        return None;
    }
    Some((slug, fragment))
}

/// What a link destination points at, when it is another post.
fn post_link_target(dest: &str) -> Option<LinkTarget> {
    if is_markdown_path(dest) {
        return Some(LinkTarget::File(url_path(dest).to_string()));
    }
    post_slug(dest).map(|(slug, _)| LinkTarget::Slug(slug.to_string()))
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts words (whitespace-separated runs with at least one letter or digit) across text that
/// arrives in pieces: `foo**bar**` and smart quotes split a word into several events.
#[derive(Default)]
struct WordCounter {
    count: u32,
    in_word: bool,
    has_alphanumeric: bool,
}

impl WordCounter {
    fn push(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.boundary();
            } else {
                self.in_word = true;
                self.has_alphanumeric |= c.is_alphanumeric();
            }
        }
    }

    fn boundary(&mut self) {
        if self.in_word && self.has_alphanumeric {
            self.count += 1;
        }
        self.in_word = false;
        self.has_alphanumeric = false;
    }

    /// Block starts separate words; inline ones (`**`, links) do not.
    fn boundary_unless_inline(&mut self, tag: &Tag) {
        if !is_inline(tag.to_end()) {
            self.boundary();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    // What a post's Markdown renders to, example by example, is in specs/markdown.md
    // (run by tests/markdown_spec.rs); these tests check what a table of examples cannot.

    fn render(markdown: &str, base: &str, trusted_html: bool) -> String {
        render_html(
            markdown,
            &RenderOptions {
                base,
                slug: "my-post",
                trusted_html,
                blocks: &[],
            },
        )
    }

    /// The heading ids `<hN id="…">` in rendered HTML, in order.
    fn rendered_heading_ids(html: &str) -> Vec<String> {
        let mut ids = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find("<h") {
            rest = &rest[at + 2..];
            let is_heading = rest.starts_with(|c: char| ('1'..='6').contains(&c));
            if let Some(id) = rest.get(1..).and_then(|r| r.strip_prefix(" id=\"")) {
                if is_heading {
                    ids.push(id[..id.find('"').unwrap()].to_string());
                }
            }
        }
        ids
    }

    #[test]
    fn outline_headings_match_rendered_ids() {
        let markdown = "# Title\n\n## Setup\n\nx\n\n## Setup\n\n### Set-up {#mine}\n\n## mine\n\n## \n\n#### `code` & *more*\n";
        let outline = outline(markdown);
        let expected = [
            (1, "Title", "title"),
            (2, "Setup", "setup"),
            (2, "Setup", "setup-1"),
            (3, "Set-up", "mine"),
            (2, "mine", "mine-1"),
            (2, "", "section"),
            (4, "code & more", "code-more"),
        ];
        let got: Vec<(u8, &str, &str)> = outline
            .headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.id.as_str()))
            .collect();
        assert_eq!(got, expected);
        let ids: Vec<String> = outline.headings.iter().map(|h| h.id.clone()).collect();
        assert_eq!(rendered_heading_ids(&render(markdown, "/", false)), ids);
    }

    #[test]
    fn word_count_is_prose_only() {
        let cases = [
            ("One two three.", 3),
            ("One **two**three `four` five", 4),
            ("Don't \"stop\" -- now", 3),
            (
                "Prose.\n\n```rust\nlet not = counted;\n```\n\n    indented code too",
                1,
            ),
            ("A\n\n```mermaid\ngraph TD; A-->B\n```", 1),
            ("<div>\nraw html words\n</div>\n\nText <span>here</span>", 2),
            ("Claim[^note].\n\n[^note]: Two words.", 3),
            (
                "See <https://example.com/a/b> and [the docs](https://docs.rs).",
                4,
            ),
            ("# Heading words\n\n- item one\n- item two", 6),
            ("| a b | c |\n|---|---|\n| d | e |", 5),
            ("![alt text here](a.png) caption", 1),
            ("— … 42 &", 1),
            ("", 0),
        ];
        for (markdown, words) in cases {
            assert_eq!(
                outline(markdown).word_count,
                words,
                "word count of {markdown:?}"
            );
        }
    }

    #[test]
    fn first_paragraph() {
        let cases = [
            (
                "First *para*\nwith `code`  and [a link](/x).\n\nSecond.",
                "First para with code and a link.",
            ),
            (
                "# Title\n\n> quoted\n\n- item\n\n![only an image](a.png)\n\nThen this.",
                "Then this.",
            ),
            (
                "Text<span>html</span> here[^n].\n\n[^n]: Note.",
                "Texthtml here.",
            ),
            ("```\ncode\n```", ""),
        ];
        for (markdown, expected) in cases {
            assert_eq!(
                outline(markdown).first_paragraph,
                expected,
                "first paragraph of {markdown:?}"
            );
        }
    }

    #[test]
    fn post_links_with_ranges() {
        let src = "See [TCP](/posts/tcp) and [the handshake](/posts/tcp/#handshake).\n\n\
                   Also [notes](../notes/udp.md#top), [root](/posts/udp.md), [file](./x.MD?raw) and [ref][r].\n\n\
                   Not [these](https://example.com/posts/tcp) [nor](/about/) [img](a.pdf) ![i](b.md) [q](/posts/a/b).\n\n\
                   [r]: other.md\n";
        let links = outline(src).post_links;
        let got: Vec<(LinkTarget, &str, &str)> = links
            .iter()
            .map(|l| (l.target.clone(), l.written.as_str(), &src[l.range.clone()]))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    LinkTarget::Slug("tcp".into()),
                    "/posts/tcp",
                    "[TCP](/posts/tcp)"
                ),
                (
                    LinkTarget::Slug("tcp".into()),
                    "/posts/tcp/#handshake",
                    "[the handshake](/posts/tcp/#handshake)"
                ),
                (
                    LinkTarget::File("../notes/udp.md".into()),
                    "../notes/udp.md#top",
                    "[notes](../notes/udp.md#top)"
                ),
                (
                    LinkTarget::File("/posts/udp.md".into()),
                    "/posts/udp.md",
                    "[root](/posts/udp.md)"
                ),
                (
                    LinkTarget::File("./x.MD".into()),
                    "./x.MD?raw",
                    "[file](./x.MD?raw)"
                ),
                (LinkTarget::File("other.md".into()), "other.md", "[ref][r]"),
            ]
        );
    }

    #[test]
    fn summaries() {
        let cases = [
            ("Short.", 10, "Short."),
            ("Exactly ten", 11, "Exactly ten"),
            (
                "The quick brown fox jumps over the lazy dog",
                20,
                "The quick brown fox…",
            ),
            ("The quick brown fox, jumps", 21, "The quick brown fox…"),
            (
                "Supercalifragilistic expialidocious",
                30,
                "Supercalifragilistic…",
            ),
            // The last space would lose more than 40%: cut inside the word.
            (
                "Hi Supercalifragilisticexpialidocious",
                20,
                "Hi Supercalifragilis…",
            ),
            ("Ünïcödé wörds ärë fïnë hérë", 16, "Ünïcödé wörds…"),
            ("日本語のテキストはスペースがない", 5, "日本語のテ…"),
            ("Ends with a dash — and more words", 19, "Ends with a dash…"),
            ("anything", 0, "…"),
        ];
        for (text, max, expected) in cases {
            assert_eq!(summarize(text, max), expected, "summarize({text:?}, {max})");
        }
    }

    #[test]
    fn reading_time() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(230), 1);
        assert_eq!(reading_minutes(231), 2);
    }

    #[test]
    fn renders_a_large_post() {
        let mut markdown = String::new();
        let mut sections = 0;
        let mut code_blocks = 0;
        while markdown.len() < 50_000 {
            sections += 1;
            markdown.push_str(&format!("## Section {}\n\n", sections % 7));
            markdown.push_str(
                "Some *prose* with a [link](/posts/other/) and `code`, \"quotes\" -- and a note[^n].\n\n",
            );
            if sections % 3 == 0 {
                code_blocks += 1;
                markdown.push_str("```rust\nfn main() {\n    println!(\"<hi>\");\n}\n```\n\n");
            }
            markdown.push_str("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] one\n- two\n\n");
        }
        markdown.push_str("[^n]: The note.\n");
        assert!(markdown.len() >= 50_000);

        let html = render(&markdown, "/blog/", false);
        let ids = rendered_heading_ids(&html);
        assert_eq!(ids.len(), sections);
        assert_eq!(
            html.matches("<pre><code class=\"language-rust\">").count(),
            code_blocks
        );
        assert_eq!(html.matches("<div class=\"table-wrap\">").count(), sections);
        assert_eq!(html.matches("class=\"footnote-backref\"").count(), sections);
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), sections, "heading ids are unique");
        let outline = outline(&markdown);
        let outline_ids: Vec<String> = outline.headings.into_iter().map(|h| h.id).collect();
        assert_eq!(outline_ids, ids);
        assert_eq!(outline.post_links.len(), sections);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let pieces = [
            "<",
            ">",
            "</",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "<a href=\"",
            "\"",
            "'",
            "&#",
            "&#x",
            "[",
            "](",
            ")",
            "![",
            "[^",
            "]:",
            "#",
            "## ",
            "\n",
            "\n\n",
            "```",
            "~~~mermaid\n",
            "|",
            "-",
            "*",
            "`",
            "é",
            "🦀",
            "\u{0}",
            "\r\n",
            "    ",
            "> ",
            "{#",
            "}",
            "javascript:",
            "data:",
            "/posts/",
        ];
        // A fixed pseudo-random walk over the pieces: the same inputs every run.
        let mut state = 0x2545_f491_u32;
        for _ in 0..400 {
            let mut markdown = String::new();
            for _ in 0..40 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                markdown.push_str(pieces[state as usize % pieces.len()]);
            }
            let _ = render(&markdown, "/blog/", true);
            let _ = render(&markdown, "/", false);
            let outline = outline(&markdown);
            for link in outline.post_links {
                assert!(markdown.get(link.range).is_some());
            }
            let _ = summarize(&markdown, 17);
        }
    }
}
