//! What other generators write into a post body, turned into the Markdown Quire renders: Jekyll's
//! Liquid tags and variables, Hugo's and Zola's shortcodes, and the summary separators (`<!--more-->`).
//!
//! The compiler runs [`convert`] once per post; the body stored in the post's JSON is the converted
//! one, so the reader's app never meets a tag. What a tag means is written as plain Markdown where
//! Markdown can say it (a fenced block for `highlight`, an image for `figure`, a link for `post_url`)
//! and as two link forms the renderer knows otherwise (see [`EMBED_TITLE`] and [`UNSUPPORTED_URL`]):
//! an embed becomes a card linking to the video or post (no third-party script or frame), and a tag
//! Quire cannot run becomes a visible note. Each such note is also a warning for the author.
//!
//! Tags are found everywhere, code included, as the generators find them (that is why they have
//! escapes: `{% raw %}`, `{{</* */>}}`, `{{/* */}}`). A tag Quire does not know is left as written
//! inside code (blocks and spans), without a warning: code shows template syntax of every kind
//! (Go templates, GitHub Actions), and a note cannot stand inside code.

use crate::slug::slugify;

/// The title a link carries to be drawn as an embed card: `[…](https://youtu.be/x "quire-embed youtube")`.
pub const EMBED_TITLE: &str = "quire-embed";

/// The destination of a link that is an "unsupported" note: `[…](quire:unsupported)`.
pub const UNSUPPORTED_URL: &str = "quire:unsupported";

/// What the body needs from the front matter.
#[derive(Clone, Debug, Default)]
pub struct Context<'a> {
    /// `page.title`.
    pub title: &'a str,
    /// `page.date`, as written or normalised.
    pub date: &'a str,
    /// The post's own URL path (`/posts/<slug>/`), for `page.url`.
    pub url: &'a str,
    /// Other `page.*` fields, as text.
    pub fields: Vec<(&'a str, String)>,
    /// Jekyll's `excerpt_separator`, when the front matter sets one.
    pub excerpt_separator: Option<&'a str>,
}

/// Something the author should know about a tag, at a byte offset of the original body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub offset: usize,
    pub message: String,
}

/// A converted body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Converted {
    pub body: String,
    /// Where the summary ends in `body`, when a separator (`<!--more-->`) says so.
    pub summary_end: Option<usize>,
    pub notes: Vec<Note>,
}

/// Converts a post body. Never fails: what cannot be converted becomes a note in the page and in
/// [`Converted::notes`].
pub fn convert(body: &str, ctx: &Context) -> Converted {
    let mut c = Converter {
        src: body,
        ctx,
        out: String::with_capacity(body.len() + 64),
        notes: Vec::new(),
        summary_end: None,
        fence: None,
        highlight: false,
        inline_code: false,
    };
    c.track_fence(0, body.len());
    c.run(0, body.len());
    Converted {
        body: c.out,
        summary_end: c.summary_end,
        notes: c.notes,
    }
}

/// The summary separators Hugo, Zola and Jekyll themes write.
const MORE: [&str; 4] = [
    "<!--more-->",
    "<!-- more -->",
    "<!--More-->",
    "<!-- More -->",
];

struct Converter<'s, 'c> {
    src: &'s str,
    ctx: &'c Context<'c>,
    out: String,
    notes: Vec<Note>,
    summary_end: Option<usize>,
    /// The fence of the Markdown code block being copied, if any (backticks or tildes, and count).
    fence: Option<(char, usize)>,
    /// Inside a `highlight` block this converter opened.
    highlight: bool,
    /// Inside a code span.
    inline_code: bool,
}

/// One tag found in the text: its kind, the text between its delimiters, and where it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Delim {
    /// `{% … %}`: a Liquid tag, or a Zola shortcode with a body.
    Percent,
    /// `{{ … }}`: a Liquid variable or a Zola shortcode.
    Braces,
    /// `{{< … >}}`: a Hugo shortcode.
    Angle,
    /// `{{% … %}}`: a Hugo shortcode whose body is Markdown.
    HugoPercent,
}

impl Delim {
    fn close(self) -> &'static str {
        match self {
            Delim::Percent => "%}",
            Delim::Braces => "}}",
            Delim::Angle => ">}}",
            Delim::HugoPercent => "%}}",
        }
    }
}

/// A tag: where it starts and ends in the source, and its inside, trimmed (`-` whitespace control
/// removed).
#[derive(Clone, Copy, Debug)]
struct Found<'s> {
    start: usize,
    end: usize,
    delim: Delim,
    inner: &'s str,
}

impl<'s> Converter<'s, '_> {
    fn note(&mut self, offset: usize, message: String) {
        self.notes.push(Note { offset, message });
    }

    fn in_code(&self) -> bool {
        self.fence.is_some() || self.highlight || self.inline_code
    }

    /// True when the text written so far ends inside a link destination: `[text](dest` or a
    /// reference definition `[label]: dest`.
    fn in_link_destination(&self) -> bool {
        let line = self.out.rsplit('\n').next().unwrap_or("");
        if let Some(i) = line.rfind("](") {
            let dest = line.get(i + 2..).unwrap_or("");
            return !dest.contains([')', ' ']);
        }
        let trimmed = line.trim_start();
        trimmed.starts_with('[')
            && trimmed
                .find("]:")
                .and_then(|i| trimmed.get(i + 2..))
                .is_some_and(|dest| !dest.trim_start().contains(' '))
    }

    /// Copies `src[from..to]`, converting what it finds.
    fn run(&mut self, from: usize, to: usize) {
        let mut pos = from;
        while pos < to {
            let Some(rest) = self.src.get(pos..to) else {
                break;
            };
            // Next interesting place: a tag opener, an HTML comment, or a line start (for fences).
            let next = rest
                .char_indices()
                .find(|&(i, ch)| {
                    (ch == '{' && matches!(rest.get(i + 1..i + 2), Some("{" | "%")))
                        || (ch == '<' && rest.get(i..i + 4) == Some("<!--"))
                        || ch == '\n'
                        || (ch == '`' && self.fence.is_none() && !self.inline_code)
                })
                .map(|(i, _)| pos + i);
            let Some(at) = next else {
                self.out.push_str(rest);
                break;
            };
            self.out.push_str(self.src.get(pos..at).unwrap_or(""));
            if self.src.get(at..at + 1) == Some("\n") {
                self.out.push('\n');
                pos = at + 1;
                if !self.inline_code {
                    self.track_fence(pos, to);
                }
                continue;
            }
            if self.src.get(at..at + 1) == Some("`") {
                pos = self.code_span(at, to);
                continue;
            }
            if self.src.get(at..at + 4) == Some("<!--") {
                pos = self.comment(at, to);
                continue;
            }
            pos = self.tag(at, to);
        }
    }

    /// A code span (`` `…` ``): tags inside are converted, an unknown one is left as written.
    fn code_span(&mut self, at: usize, to: usize) -> usize {
        let rest = self.src.get(at..to).unwrap_or("");
        let n = rest.bytes().take_while(|&b| b == b'`').count();
        let ticks = rest.get(..n).unwrap_or("");
        self.out.push_str(ticks);
        // A fence at a line start is a code block, tracked by line; here only spans, which end in
        // their paragraph.
        let after = rest.get(n..).unwrap_or("");
        let after = after
            .get(..after.find("\n\n").unwrap_or(after.len()))
            .unwrap_or("");
        let mut search = 0;
        let close = loop {
            let Some(i) = after.get(search..).and_then(|a| a.find(ticks)) else {
                break None;
            };
            let start = search + i;
            let run = after
                .get(start..)
                .unwrap_or("")
                .bytes()
                .take_while(|&b| b == b'`')
                .count();
            if run == n {
                break Some(start);
            }
            search = start + run;
        };
        let Some(close) = close else {
            return at + n;
        };
        let inner_start = at + n;
        self.inline_code = true;
        self.run(inner_start, inner_start + close);
        self.inline_code = false;
        self.out.push_str(ticks);
        inner_start + close + n
    }

    /// At a line start: notes whether a Markdown code fence opens or closes here.
    fn track_fence(&mut self, at: usize, to: usize) {
        let line = self
            .src
            .get(at..to)
            .unwrap_or("")
            .split('\n')
            .next()
            .unwrap_or("");
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            return;
        }
        let Some(ch) = trimmed.chars().next().filter(|c| *c == '`' || *c == '~') else {
            return;
        };
        let count = trimmed.chars().take_while(|c| *c == ch).count();
        if count < 3 {
            return;
        }
        match self.fence {
            None => self.fence = Some((ch, count)),
            Some((open, n)) if open == ch && count >= n && trimmed.trim_end().len() == count => {
                self.fence = None;
            }
            Some(_) => {}
        }
    }

    /// An HTML comment: a summary separator is taken out (and remembered); others are kept.
    fn comment(&mut self, at: usize, to: usize) -> usize {
        let rest = self.src.get(at..to).unwrap_or("");
        if !self.in_code() {
            if let Some(sep) = MORE.iter().find(|m| rest.starts_with(**m)) {
                if self.summary_end.is_none() {
                    self.summary_end = Some(self.out.len());
                }
                return at + sep.len();
            }
            if let Some(sep) = self.ctx.excerpt_separator.filter(|s| !s.trim().is_empty()) {
                if rest.starts_with(sep) {
                    if self.summary_end.is_none() {
                        self.summary_end = Some(self.out.len());
                    }
                    return at + sep.len();
                }
            }
        }
        self.out.push_str("<!--");
        at + 4
    }

    /// Finds the tag opening at `at`, or None when it is not one (a lone `{{` in prose).
    fn find(&self, at: usize, to: usize) -> Option<Found<'s>> {
        let rest = self.src.get(at..to)?;
        let (delim, open) = if rest.starts_with("{{<") {
            (Delim::Angle, 3)
        } else if rest.starts_with("{{%") {
            (Delim::HugoPercent, 3)
        } else if rest.starts_with("{{") {
            (Delim::Braces, 2)
        } else {
            (Delim::Percent, 2)
        };
        let body = rest.get(open..)?;
        // A tag does not span a blank line: a `{{` without its `}}` in the paragraph is text. Looking
        // no further also keeps a long post of lone braces linear.
        let body = body.get(..body.find("\n\n").unwrap_or(body.len()))?;
        // Escapes: `{{</* x */>}}`, `{{%/* x */%}}`, `{{/* x */}}`, `{%/* x */%}`.
        let close_at = if body.trim_start().starts_with("/*") {
            let star = body.find("*/")?;
            let after = body.get(star + 2..)?;
            let close = after.trim_start();
            if !close.starts_with(delim.close()) {
                return None;
            }
            star + 2 + (after.len() - close.len())
        } else {
            body.find(delim.close())?
        };
        let inner = body.get(..close_at)?;
        Some(Found {
            start: at,
            end: at + open + close_at + delim.close().len(),
            delim,
            inner,
        })
    }

    /// Converts the tag at `at`; returns where to go on.
    fn tag(&mut self, at: usize, to: usize) -> usize {
        let Some(tag) = self.find(at, to) else {
            // Not a tag: copy the brace and go on.
            self.out.push('{');
            return at + 1;
        };
        let inner = tag.inner.trim();
        if let Some(escaped) = inner.strip_prefix("/*").and_then(|s| s.strip_suffix("*/")) {
            // The escape shows the tag itself, as the generator does.
            let (open, close) = match tag.delim {
                Delim::Angle => ("{{<", ">}}"),
                Delim::HugoPercent => ("{{%", "%}}"),
                Delim::Braces => ("{{", "}}"),
                Delim::Percent => ("{%", "%}"),
            };
            self.out.push_str(open);
            self.out.push_str(escaped);
            self.out.push_str(close);
            return tag.end;
        }
        let inner = inner.strip_prefix('-').unwrap_or(inner);
        let inner = inner.strip_suffix('-').unwrap_or(inner).trim();
        match tag.delim {
            Delim::Angle | Delim::HugoPercent => self.hugo(tag, inner, to),
            Delim::Percent if is_call(inner) || inner == "end" => self.zola_block(tag, inner, to),
            Delim::Percent => self.liquid_tag(tag, inner, to),
            Delim::Braces if is_call(inner) => self.zola_inline(tag, inner),
            Delim::Braces => self.liquid_var(tag, inner),
        }
    }

    /// Writes an "unsupported" note for a tag (or leaves it as written inside code), and warns.
    fn unsupported(&mut self, tag: Found<'s>, what: &str, shown: &str) {
        let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        if self.in_code() {
            // Code shows template syntax of every kind (Go templates, GitHub Actions): as written.
            self.out
                .push_str(self.src.get(tag.start..tag.end).unwrap_or(""));
            return;
        }
        self.out.push_str("[Not shown: ");
        self.out.push_str(what);
        self.out.push(' ');
        push_code_span(&mut self.out, &shown);
        self.out.push_str("](");
        self.out.push_str(UNSUPPORTED_URL);
        self.out.push(')');
        self.note(
            tag.start,
            format!(
                "{what} `{shown}` is not supported by Quire; the page shows a note in its place"
            ),
        );
    }

    // --- Jekyll ---

    fn liquid_tag(&mut self, tag: Found<'s>, inner: &str, to: usize) -> usize {
        let (name, args) = split_name(inner);
        match name {
            "highlight" => {
                let lang = args.split_whitespace().next().unwrap_or("");
                self.open_fence(lang);
                self.highlight = true;
                skip_newline(self.src, tag.end)
            }
            "endhighlight" => {
                self.close_fence();
                self.highlight = false;
                tag.end
            }
            "raw" => {
                let (content_end, after) =
                    find_end_tag(self.src, tag.end, to, "endraw").unwrap_or((to, to));
                self.out
                    .push_str(self.src.get(tag.end..content_end).unwrap_or(""));
                after
            }
            "endraw" => tag.end,
            "comment" => find_end_tag(self.src, tag.end, to, "endcomment").map_or(to, |(_, a)| a),
            "post_url" => {
                self.out.push_str(&post_url(args));
                tag.end
            }
            "link" => {
                self.out.push_str(&liquid_link(args));
                tag.end
            }
            "for" | "if" | "unless" | "case" | "capture" | "tablerow" => {
                let end_name = format!("end{name}");
                let after =
                    find_end_tag(self.src, tag.end, to, &end_name).map_or(tag.end, |(_, a)| a);
                self.unsupported(tag, "Liquid tag", &format!("{name} {args}"));
                if self.in_code() {
                    return tag.end;
                }
                after
            }
            _ => {
                self.unsupported(tag, "Liquid tag", inner);
                tag.end
            }
        }
    }

    fn liquid_var(&mut self, tag: Found<'s>, inner: &str) -> usize {
        if is_go_template(inner) {
            // Hugo runs no templates in content: `{{ .Version }}` is text there, as written.
            self.out
                .push_str(self.src.get(tag.start..tag.end).unwrap_or(""));
            return tag.end;
        }
        if let Some(value) = self.liquid_value(inner) {
            self.out.push_str(&value);
        } else if !self.in_code() && self.in_link_destination() {
            // A note inside `](…)` would break the link: the value is left out, and said so.
            let shown = inner.split_whitespace().collect::<Vec<_>>().join(" ");
            self.note(
                tag.start,
                format!("Liquid variable `{shown}` is not supported by Quire; it is left out of the link it is in"),
            );
        } else {
            self.unsupported(tag, "Liquid variable", inner);
        }
        tag.end
    }

    /// The value of a Liquid expression Quire knows, as text.
    fn liquid_value(&self, inner: &str) -> Option<String> {
        let mut parts = inner.split('|').map(str::trim);
        let head = parts.next()?;
        let filters: Vec<&str> = parts.collect();
        let value = match head {
            // Links are written root-relative; the renderer puts the site's base path in front.
            "site.baseurl" | "site.url" | "site.base_url" => String::new(),
            "page.title" => self.ctx.title.to_string(),
            "page.date" => self.ctx.date.to_string(),
            "page.url" => self.ctx.url.to_string(),
            quoted if is_quoted(quoted) => unquote(quoted).to_string(),
            other => {
                let field = other.strip_prefix("page.")?;
                self.ctx
                    .fields
                    .iter()
                    .find(|(k, _)| *k == field)
                    .map(|(_, v)| v.clone())?
            }
        };
        for filter in filters {
            let name = filter.split(':').next().unwrap_or("").trim();
            match name {
                "relative_url" | "absolute_url" | "escape" | "xml_escape" | "strip" => {}
                "prepend" | "append" => {
                    // Only a quoted argument is known; `site.*` variables prepend nothing.
                    let arg = filter.split_once(':').map_or("", |(_, a)| a.trim());
                    if !(is_quoted(arg) || arg.starts_with("site.")) {
                        return None;
                    }
                    let arg = if is_quoted(arg) { unquote(arg) } else { "" };
                    return Some(if name == "prepend" {
                        format!("{arg}{value}")
                    } else {
                        format!("{value}{arg}")
                    });
                }
                _ => return None,
            }
        }
        Some(value)
    }

    // --- Hugo ---

    fn hugo(&mut self, tag: Found<'s>, inner: &str, to: usize) -> usize {
        let (name, args) = split_name(inner);
        if let Some(closing) = name.strip_prefix('/') {
            if self.highlight && (matches!(closing, "highlight" | "mermaid") || closing.is_empty())
            {
                self.close_fence();
                self.highlight = false;
            } else if self.in_code() {
                // Code showing a shortcode's closing tag shows it as written.
                self.out
                    .push_str(self.src.get(tag.start..tag.end).unwrap_or(""));
            }
            return tag.end;
        }
        let args = parse_args(args);
        match name {
            "mermaid" if !self.in_code() => {
                // Themes' diagram shortcode: a Mermaid block, which Quire draws itself.
                self.open_fence("mermaid");
                self.highlight = true;
                skip_newline(self.src, tag.end)
            }
            "highlight" => {
                let lang = args.positional(0).unwrap_or("");
                self.open_fence(lang);
                self.highlight = true;
                skip_newline(self.src, tag.end)
            }
            "ref" | "relref" => {
                let target = args
                    .positional(0)
                    .or_else(|| args.named("path"))
                    .unwrap_or("");
                self.out.push_str(&ref_url(target));
                tag.end
            }
            "figure" => {
                self.figure(&args);
                tag.end
            }
            "youtube" => self.embed_or_note(
                tag,
                inner,
                args.named("id").or(args.positional(0)).map(|id| {
                    (
                        "youtube",
                        "YouTube video",
                        format!("https://www.youtube.com/watch?v={id}"),
                    )
                }),
            ),
            "vimeo" => self.embed_or_note(
                tag,
                inner,
                args.named("id")
                    .or(args.positional(0))
                    .map(|id| ("vimeo", "Vimeo video", format!("https://vimeo.com/{id}"))),
            ),
            "gist" => {
                let user = args.named("user").or(args.positional(0));
                let id = args.named("id").or(args.positional(1));
                let link = user.zip(id).map(|(u, i)| {
                    (
                        "gist",
                        "GitHub gist",
                        format!("https://gist.github.com/{u}/{i}"),
                    )
                });
                self.embed_or_note(tag, inner, link)
            }
            "x" | "tweet" | "twitter" => {
                let user = args.named("user");
                let id = args.named("id").or(args.positional(0));
                let link = id.map(|i| match user {
                    Some(u) => ("x", "Post on X", format!("https://x.com/{u}/status/{i}")),
                    None => ("x", "Post on X", format!("https://x.com/i/status/{i}")),
                });
                self.embed_or_note(tag, inner, link)
            }
            "instagram" => self.embed_or_note(
                tag,
                inner,
                args.named("id").or(args.positional(0)).map(|id| {
                    (
                        "instagram",
                        "Instagram post",
                        format!("https://www.instagram.com/p/{id}/"),
                    )
                }),
            ),
            _ => {
                // The body of a paired shortcode stays: it is the author's text.
                let _ = to;
                self.unsupported(tag, "Hugo shortcode", inner);
                tag.end
            }
        }
    }

    fn figure(&mut self, args: &Args) {
        let src = args.named("src").unwrap_or("");
        let alt = args
            .named("alt")
            .or(args.named("caption"))
            .or(args.named("title"))
            .unwrap_or("")
            .replace("\\\"", "\"");
        let mut image = format!("![{}]({}", escape_md(&alt), link_dest(src));
        if let Some(title) = args.named("title") {
            image.push_str(&format!(" \"{}\"", title.replace('"', "\\\"")));
        }
        image.push(')');
        if let Some(link) = args.named("link") {
            image = format!("[{image}]({})", link_dest(link));
        }
        self.out.push_str(&image);
        let caption = args.named("caption").or(args.named("title"));
        if let Some(caption) = caption.filter(|c| !c.is_empty()) {
            // The caption is Markdown in Hugo; a line of its own under the image.
            self.out.push_str("\\\n*");
            self.out.push_str(&caption.trim().replace("\\\"", "\""));
            self.out.push('*');
        }
    }

    fn embed_or_note(
        &mut self,
        tag: Found<'s>,
        inner: &str,
        link: Option<(&str, &str, String)>,
    ) -> usize {
        match link {
            Some((kind, label, url)) if !self.in_code() => {
                self.out.push_str(&embed_card(kind, label, &url));
            }
            _ => self.unsupported(tag, "shortcode", inner),
        }
        tag.end
    }

    fn open_fence(&mut self, lang: &str) {
        if !(self.out.is_empty() || self.out.ends_with('\n')) {
            self.out.push('\n');
        }
        self.out.push_str("```");
        self.out.push_str(lang);
        self.out.push('\n');
    }

    fn close_fence(&mut self) {
        if !self.highlight {
            return;
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str("```");
    }

    // --- Zola ---

    fn zola_inline(&mut self, tag: Found<'s>, inner: &str) -> usize {
        let (name, args) = split_call(inner);
        let args = parse_args(args);
        let link = match name {
            "youtube" => args.named("id").map(|id| {
                (
                    "youtube",
                    "YouTube video",
                    format!("https://www.youtube.com/watch?v={id}"),
                )
            }),
            "vimeo" => args
                .named("id")
                .map(|id| ("vimeo", "Vimeo video", format!("https://vimeo.com/{id}"))),
            "streamable" => args.named("id").map(|id| {
                (
                    "streamable",
                    "Streamable video",
                    format!("https://streamable.com/{id}"),
                )
            }),
            "gist" => args
                .named("url")
                .map(|url| ("gist", "GitHub gist", url.to_string())),
            _ => None,
        };
        if link.is_none() {
            self.unsupported(tag, "Zola shortcode", inner);
            return tag.end;
        }
        self.embed_or_note(tag, inner, link)
    }

    fn zola_block(&mut self, tag: Found<'s>, inner: &str, _to: usize) -> usize {
        if inner == "end" {
            if self.highlight {
                self.close_fence();
                self.highlight = false;
            } else if self.in_code() {
                self.out
                    .push_str(self.src.get(tag.start..tag.end).unwrap_or(""));
            }
            return tag.end;
        }
        if split_call(inner).0 == "mermaid" && !self.in_code() {
            // Themes' diagram shortcode: a Mermaid block, which Quire draws itself.
            self.open_fence("mermaid");
            self.highlight = true;
            return skip_newline(self.src, tag.end);
        }
        // A body shortcode (admonitions and the like): a note, then the body as the author wrote it.
        self.unsupported(tag, "Zola shortcode", inner);
        tag.end
    }
}

/// Go template syntax (`.Field`, `$var`, `if …`, `end`), which no Liquid variable starts with.
fn is_go_template(inner: &str) -> bool {
    let first = inner.split_whitespace().next().unwrap_or("");
    first.starts_with('.')
        || first.starts_with('$')
        || matches!(
            first,
            "if" | "else" | "end" | "range" | "with" | "define" | "template" | "block" | "partial"
        )
}

/// `name(…)`: a Zola shortcode call.
fn is_call(inner: &str) -> bool {
    let name_end = inner
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    name_end > 0
        && inner
            .get(name_end..)
            .is_some_and(|r| r.trim_start().starts_with('('))
        && inner.ends_with(')')
}

fn split_call(inner: &str) -> (&str, &str) {
    let open = inner.find('(').unwrap_or(inner.len());
    let name = inner.get(..open).unwrap_or("").trim();
    let args = inner
        .get(open + 1..)
        .and_then(|a| a.strip_suffix(')'))
        .unwrap_or("");
    (name, args)
}

fn split_name(inner: &str) -> (&str, &str) {
    match inner.split_once(char::is_whitespace) {
        Some((name, args)) => (name, args.trim()),
        None => (inner, ""),
    }
}

/// After a block opener, the newline that ends its line belongs to it.
fn skip_newline(src: &str, at: usize) -> usize {
    match src.get(at..) {
        Some(rest) if rest.starts_with("\r\n") => at + 2,
        Some(rest) if rest.starts_with('\n') => at + 1,
        _ => at,
    }
}

/// Finds `{% end_name %}` after `from`: (where it starts, where it ends).
fn find_end_tag(src: &str, from: usize, to: usize, end_name: &str) -> Option<(usize, usize)> {
    let rest = src.get(from..to)?;
    let mut search = 0;
    while let Some(i) = rest.get(search..)?.find("{%") {
        let start = search + i;
        let after = rest.get(start + 2..)?;
        let close = after.find("%}")?;
        let inner = after.get(..close)?.trim().trim_matches('-').trim();
        if inner == end_name {
            return Some((from + start, from + start + 2 + close + 2));
        }
        search = start + 2;
    }
    None
}

fn is_quoted(s: &str) -> bool {
    s.len() >= 2
        && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')))
}

fn unquote(s: &str) -> &str {
    s.get(1..s.len().saturating_sub(1)).unwrap_or("")
}

/// Arguments of a Hugo or Zola shortcode: positional and `name=value`.
#[derive(Default)]
struct Args<'s> {
    positional: Vec<&'s str>,
    named: Vec<(&'s str, &'s str)>,
}

impl<'s> Args<'s> {
    fn positional(&self, i: usize) -> Option<&'s str> {
        self.positional.get(i).copied()
    }
    fn named(&self, name: &str) -> Option<&'s str> {
        self.named.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
}

/// Splits `a "b c" key="v" k2=v2, k3='x'` into arguments (commas separate Zola's).
fn parse_args(text: &str) -> Args<'_> {
    let mut args = Args::default();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (word, after) = take_value(rest);
        let after = after.trim_start();
        if let Some(value_text) = after.strip_prefix('=').filter(|_| !is_quoted_start(word)) {
            let (value, after) = take_value(value_text.trim_start());
            args.named.push((word, value));
            rest = after.trim_start().trim_start_matches(',').trim_start();
        } else if let Some((key, value)) = word.split_once('=').filter(|_| !is_quoted_start(word)) {
            args.named.push((key, value));
            rest = after.trim_start_matches(',').trim_start();
        } else {
            args.positional.push(word);
            rest = after.trim_start_matches(',').trim_start();
        }
    }
    args
}

fn is_quoted_start(s: &str) -> bool {
    s.starts_with('"') || s.starts_with('\'')
}

/// One value: a quoted string (quotes removed) or a bare word up to whitespace, `=` or `,`.
fn take_value(text: &str) -> (&str, &str) {
    if let Some(q) = text
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))
    {
        let inner = text.get(1..).unwrap_or("");
        // A quote after a backslash is part of the value.
        let mut escaped = false;
        let close = inner.char_indices().find_map(|(i, c)| {
            let found = c == q && !escaped;
            escaped = c == '\\' && !escaped;
            found.then_some(i)
        });
        return match close {
            Some(end) => (
                inner.get(..end).unwrap_or(""),
                inner.get(end + 1..).unwrap_or(""),
            ),
            None => (inner, ""),
        };
    }
    let end = text
        .find(|c: char| c.is_whitespace() || c == '=' || c == ',')
        .unwrap_or(text.len());
    let end = if end == 0 { text.len().min(1) } else { end };
    (text.get(..end).unwrap_or(""), text.get(end..).unwrap_or(""))
}

/// The slug a Jekyll post name gives: `2010-07-21-name` → `name`.
fn jekyll_slug(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".markdown"))
        .or_else(|| file.strip_suffix(".html"))
        .unwrap_or(file);
    let rest = match crate::date::date_from_file_name(stem) {
        Some((_, rest)) => rest,
        None => stem,
    };
    slugify(rest)
}

/// `{% post_url 2010-07-21-name %}` → `/posts/name/`.
fn post_url(args: &str) -> String {
    let name = args.split_whitespace().next().unwrap_or("");
    format!("/posts/{}/", jekyll_slug(name))
}

/// `{% link _posts/2016-07-26-name.md %}` → `/posts/name/`; another file → its path on the site.
fn liquid_link(args: &str) -> String {
    let path = args.trim().trim_matches(|c| c == '"' || c == '\'');
    if path.contains("_posts/") {
        return post_url(path);
    }
    let path = path.trim_start_matches('/');
    let page = path
        .strip_suffix(".md")
        .or_else(|| path.strip_suffix(".markdown"))
        .or_else(|| path.strip_suffix(".html"));
    match page {
        Some(stem) => format!("/{}/", stem.trim_end_matches("/index")),
        None => format!("/{path}"),
    }
}

/// `{{< ref "posts/name.md#part" >}}` → `/posts/name/#part`.
fn ref_url(target: &str) -> String {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, format!("#{f}")),
        None => (target, String::new()),
    };
    if path.is_empty() {
        return fragment;
    }
    let trimmed = path.trim_end_matches('/');
    let trimmed = trimmed
        .strip_suffix("/index.md")
        .or_else(|| trimmed.strip_suffix("/_index.md"))
        .unwrap_or(trimmed);
    format!("/posts/{}/{fragment}", jekyll_slug(trimmed))
}

/// A card for an embed: a plain link the renderer draws as a card (see [`EMBED_TITLE`]).
fn embed_card(kind: &str, label: &str, url: &str) -> String {
    format!(
        "[{label}: {}]({} \"{EMBED_TITLE} {kind}\")",
        escape_md(url),
        link_dest(url)
    )
}

/// A link destination in angle brackets when it holds spaces or parentheses.
fn link_dest(url: &str) -> String {
    if url.contains(|c: char| c.is_whitespace() || c == '(' || c == ')') {
        format!("<{}>", url.replace(['<', '>'], ""))
    } else {
        url.to_string()
    }
}

/// Markdown's punctuation escaped, so text comes out as written.
fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii_punctuation() && !matches!(ch, ':' | '/' | '.' | ',' | '?' | '=' | '-') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// An inline code span holding `text`, with a fence longer than any backtick run in it.
fn push_code_span(out: &mut String, text: &str) {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    out.push_str(&fence);
    out.push(' ');
    out.push_str(text);
    out.push(' ');
    out.push_str(&fence);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(body: &str) -> Converted {
        convert(
            body,
            &Context {
                title: "The title",
                date: "2016-01-05",
                url: "/posts/p/",
                fields: vec![("author", "Ana".to_string())],
                excerpt_separator: None,
            },
        )
    }

    #[test]
    fn jekyll_highlight_becomes_a_fenced_block() {
        let c = conv(
            "Text:\n\n{% highlight ruby linenos %}\ndef x = \"a\"\n{% endhighlight %}\n\nAfter.",
        );
        assert_eq!(c.body, "Text:\n\n```ruby\ndef x = \"a\"\n```\n\nAfter.");
        assert!(c.notes.is_empty());
    }

    #[test]
    fn raw_keeps_its_content_and_links_resolve() {
        let c = conv("{% raw %}{{ x }}{% endraw %} [a]({% post_url 2010-07-21-name %}) [b]({% link _posts/2016-07-26-other.md %}) {{ site.baseurl }}/img.png {{ page.title }} by {{ page.author }}");
        assert_eq!(
            c.body,
            "{{ x }} [a](/posts/name/) [b](/posts/other/) /img.png The title by Ana"
        );
        assert!(c.notes.is_empty(), "{:?}", c.notes);
    }

    #[test]
    fn unknown_liquid_becomes_a_note_and_a_warning() {
        let c = conv("Hi {% include note.html %}.\n\n{% for x in site.posts %}\n{{ x.title }}\n{% endfor %}\nEnd {{ site.repository }}");
        assert_eq!(c.notes.len(), 3, "{:?}", c.notes);
        assert!(!c.body.contains("{%"), "{}", c.body);
        assert!(!c.body.contains("{{"), "{}", c.body);
        assert!(
            c.body
                .contains("[Not shown: Liquid tag ` include note.html `](quire:unsupported)"),
            "{}",
            c.body
        );
        assert_eq!(c.notes[0].offset, 3);
    }

    #[test]
    fn hugo_shortcodes() {
        let c = conv("{{< highlight go \"linenos=table\" >}}\nfmt.Println(1)\n{{< /highlight >}}\n\n{{< youtube w7Ft2ymGmfc >}}\n\n[r]({{< ref \"posts/other.md#x\" >}}) {{</* gist a b */>}}\n\n{{< figure src=\"/a.png\" caption=\"A \\\"cap\\\"\" >}}\n\n{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}");
        assert!(
            c.body.starts_with("```go\nfmt.Println(1)\n```\n"),
            "{}",
            c.body
        );
        assert!(c.body.contains("[YouTube video: https://www.youtube.com/watch?v=w7Ft2ymGmfc](https://www.youtube.com/watch?v=w7Ft2ymGmfc \"quire-embed youtube\")"), "{}", c.body);
        assert!(
            c.body.contains("[r](/posts/other/#x) {{< gist a b >}}"),
            "{}",
            c.body
        );
        assert!(
            c.body
                .contains("https://x.com/SanDiegoZoo/status/1453110110599868418"),
            "{}",
            c.body
        );
        assert!(c.body.contains("![A \\\"cap\\\"](/a.png)"), "{}", c.body);
        assert!(c.notes.is_empty(), "{:?}", c.notes);
    }

    #[test]
    fn zola_shortcodes_and_escapes() {
        let c = conv("{{ youtube(id=\"dQw4w9WgXcQ\") }}\n\n{% admonition(type=\"note\") %}\nBody *text*.\n{% end %}\n\n`{{/* image(src=\"x\") */}}`");
        assert!(
            c.body
                .contains("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            "{}",
            c.body
        );
        assert!(c.body.contains("Body *text*."), "{}", c.body);
        assert!(!c.body.contains("{% end"), "{}", c.body);
        assert!(c.body.contains("`{{ image(src=\"x\") }}`"), "{}", c.body);
        assert_eq!(c.notes.len(), 1);
    }

    #[test]
    fn more_separators_cut_and_vanish() {
        for sep in ["<!--more-->", "<!-- more -->"] {
            let c = conv(&format!("Intro.\n\n{sep}\n\nRest."));
            assert_eq!(c.body, "Intro.\n\n\n\nRest.");
            assert_eq!(c.summary_end, Some(8));
        }
        let c = conv("```html\n<!--more-->\n```\n");
        assert_eq!(c.summary_end, None);
        assert!(c.body.contains("<!--more-->"));
        let c = convert(
            "One.\n<!--cut-->\nTwo.",
            &Context {
                excerpt_separator: Some("<!--cut-->"),
                ..Default::default()
            },
        );
        assert_eq!((c.body.as_str(), c.summary_end), ("One.\n\nTwo.", Some(5)));
    }

    #[test]
    fn unknown_tags_inside_code_are_left_as_written() {
        let c = conv("```\n{% note() %}\nx\n{% end %}\n{{< n >}}y{{< /n >}}\n```\n");
        assert_eq!(
            c.body,
            "```\n{% note() %}\nx\n{% end %}\n{{< n >}}y{{< /n >}}\n```\n"
        );
        let body = "```\n{{< unknown >}} {{ .Values.x }}\n```\n\nRun `${{ secrets.TOKEN }}` and `{% raw %}{{ y }}{% endraw %}`.";
        let c = conv(body);
        assert_eq!(c.body, "```\n{{< unknown >}} {{ .Values.x }}\n```\n\nRun `${{ secrets.TOKEN }}` and `{{ y }}`.");
        assert!(c.notes.is_empty(), "{:?}", c.notes);
    }

    #[test]
    fn go_templates_are_text_as_in_hugo() {
        let c = conv("Run with {{ .Version }} and {{ if .Site }}x{{ end }}.");
        assert_eq!(
            c.body,
            "Run with {{ .Version }} and {{ if .Site }}x{{ end }}."
        );
        assert!(c.notes.is_empty());
    }

    #[test]
    fn unknown_variables_in_links_are_left_out_not_noted() {
        let c = conv("[#1]({{ site.repo }}/issues/1) and\n\n[#2]: {{ site.repo }}/issues/2\n");
        assert_eq!(c.body, "[#1](/issues/1) and\n\n[#2]: /issues/2\n");
        assert_eq!(c.notes.len(), 2);
    }

    #[test]
    fn diagram_shortcodes_become_mermaid_blocks() {
        let c = conv("{% mermaid() %}\ngraph LR\n  A --> B\n{% end %}\n\n{{< mermaid >}}\ngraph TD\n  C --> D\n{{< /mermaid >}}\n");
        assert_eq!(
            c.body,
            "```mermaid\ngraph LR\n  A --> B\n```\n\n```mermaid\ngraph TD\n  C --> D\n```\n"
        );
        assert!(c.notes.is_empty());
    }

    #[test]
    fn lone_braces_are_text() {
        let c = conv("A set {1, 2} and {{ unclosed\n\nparagraph}} and `{%`.");
        assert_eq!(
            c.body,
            "A set {1, 2} and {{ unclosed\n\nparagraph}} and `{%`."
        );
    }
}
