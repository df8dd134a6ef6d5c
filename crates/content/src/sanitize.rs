//! A small HTML sanitiser for the raw HTML of trusted authors, built on an allowlist.
//!
//! It is a hand-written tokenizer, not an HTML parser: it reads tags, attributes (`"…"`, `'…'` or bare
//! values), comments and text, and writes back only what it understood, re-serialised. So the output
//! holds no `<` other than the tags it wrote itself, and every attribute value is quoted and escaped:
//! whatever the input, a browser parsing the output sees exactly the elements and attributes that
//! were checked here. What it keeps is listed, not what it removes:
//!
//! - the elements of [`ALLOWED_TAGS`] (ammonia's default set: text-level, sectioning, lists, tables,
//!   `figure`, `details`); any other element loses its tags and keeps its content, except the
//!   raw-text ones (`<script>`, `<style>`, `<textarea>`, …), which go with their content;
//! - the attributes of [`GENERIC_ATTRIBUTES`] on any kept element, and of [`TAG_ATTRIBUTES`] on
//!   theirs; no event handler, `style`, `srcdoc`, `name` or form attribute is on either list;
//! - URLs (`href`, `src`, `cite`) that are relative or use `http`, `https`, `mailto` or `tel`, judged
//!   after entity decoding and the whitespace and control characters a browser ignores;
//! - author-chosen `id`s prefixed with [`ID_PREFIX`], as GitHub does, so an author's element can
//!   never take the page's own ids (`main`, `prerendered`, a heading's anchor) nor shadow a global
//!   through `window.<id>` (DOM clobbering).
//!
//! Comments, doctypes, processing instructions and CDATA are removed.
//!
//! It never panics: every index it slices at is an ASCII byte it found or the end of the input.

use std::borrow::Cow;

/// Elements removed together with everything up to their end tag. Most are raw-text or escapable
/// raw-text elements in a browser: dropping their content means no markup hidden inside them can
/// be read differently here and there.
const DROP_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "iframe",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "textarea",
    "title",
    // Not raw text, but their content is not the page's: a template's is inert until a script
    // clones it, and SVG and MathML switch the parser into foreign content, where `<style>` and
    // friends are read differently (mutation XSS). No author needs them; drawings go in as images.
    "template",
    "svg",
    "math",
];

/// Elements kept (with the attributes below). ammonia's default list, so the two can be compared.
pub const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes kept on every allowed element: ammonia's (`lang`, `title`) and the two an author
/// styles and links with (`class`, and `id`, prefixed).
pub const GENERIC_ATTRIBUTES: &[&str] = &["class", "id", "lang", "title"];

/// Attributes kept on one element: ammonia's defaults, and `open` on `details`.
pub const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("bdo", &["dir"]),
    ("blockquote", &["cite"]),
    ("col", &["align", "char", "charoff", "span"]),
    ("colgroup", &["align", "char", "charoff", "span"]),
    ("del", &["cite", "datetime"]),
    ("details", &["open"]),
    ("hr", &["align", "size", "width"]),
    ("img", &["align", "alt", "height", "src", "width"]),
    ("ins", &["cite", "datetime"]),
    ("ol", &["start"]),
    ("q", &["cite"]),
    ("table", &["align", "char", "charoff", "summary"]),
    ("tbody", &["align", "char", "charoff"]),
    (
        "td",
        &["align", "char", "charoff", "colspan", "headers", "rowspan"],
    ),
    (
        "th",
        &[
            "align", "char", "charoff", "colspan", "headers", "rowspan", "scope",
        ],
    ),
    ("thead", &["align", "char", "charoff"]),
    ("tr", &["align", "char", "charoff"]),
];

/// The prefix of every `id` an author writes in raw HTML (and of the ids `headers` refers to).
pub const ID_PREFIX: &str = "user-content-";

/// Attributes holding a URL, kept only when [`is_allowed_url`].
const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite"];

/// Schemes a kept URL may have; a URL without a scheme (relative) is kept too.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Sanitises one string of raw HTML; see the [module documentation](self) for what is removed.
pub fn sanitize_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    Sanitizer::new().push(input, &mut out);
    out
}

/// A sanitiser that can be fed raw HTML in pieces.
///
/// The Markdown renderer meets inline HTML as separate events with Markdown text between them
/// (`a <script>x</script> b`): this remembers that it is inside an element whose content is being
/// dropped, so the caller can drop the text in between as well (see [`Sanitizer::is_skipping`]).
/// Each piece must hold whole tags; a tag cut off at the end of a piece is written as text.
#[derive(Clone, Debug, Default)]
pub struct Sanitizer {
    skipping: Option<&'static str>,
}

impl Sanitizer {
    /// A sanitiser outside any element.
    pub fn new() -> Self {
        Self::default()
    }

    /// True while inside an element that is removed with its content (`<script>` before its
    /// `</script>`).
    pub fn is_skipping(&self) -> bool {
        self.skipping.is_some()
    }

    /// Forgets an unclosed removed element, so its content stops being dropped.
    pub fn reset(&mut self) {
        self.skipping = None;
    }

    /// Sanitises `input`, appending the result to `out`.
    // Indices here are the input's end or positions of ASCII bytes this scanner found (`<`, `>`, `&`,
    // quotes, spaces, `/`, `=`, alphanumerics), reached through `i < len` checks: char boundaries, in bounds.
    #[allow(clippy::indexing_slicing, clippy::string_slice)]
    pub fn push(&mut self, input: &str, out: &mut String) {
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if let Some(tag) = self.skipping {
                match find_end_tag(bytes, i, tag) {
                    Some(at) => {
                        self.skipping = None;
                        i = at;
                    }
                    None => return,
                }
            }
            let Some(lt) = find_byte(bytes, i, b'<') else {
                out.push_str(&input[i..]);
                return;
            };
            out.push_str(&input[i..lt]);
            i = self.markup(input, lt, out);
        }
    }

    /// Handles the markup starting with the `<` at `lt`, returning where to continue.
    // Indices here are the input's end or positions of ASCII bytes this scanner found (`<`, `>`, `&`,
    // quotes, spaces, `/`, `=`, alphanumerics), reached through `i < len` checks: char boundaries, in bounds.
    #[allow(clippy::indexing_slicing, clippy::string_slice)]
    fn markup(&mut self, input: &str, lt: usize, out: &mut String) -> usize {
        let bytes = input.as_bytes();
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            return comment_end(bytes, lt);
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            return find_byte(bytes, lt + 2, b'>').map_or(bytes.len(), |gt| gt + 1);
        }
        let (closing, name_start) = if rest.starts_with(b"</") {
            (true, lt + 2)
        } else {
            (false, lt + 1)
        };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            out.push_str("&lt;");
            return lt + 1;
        }
        let Some(tag) = parse_tag(input, name_start) else {
            // Cut off before its `>`: show it as text rather than guess.
            out.push_str("&lt;");
            return lt + 1;
        };
        let name = tag.name.to_ascii_lowercase();
        let valid_name = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'));
        if let Some(dropped) = DROP_WITH_CONTENT.iter().find(|d| **d == name) {
            if !closing {
                self.skipping = Some(dropped);
            }
            return tag.end;
        }
        if !valid_name || !ALLOWED_TAGS.contains(&name.as_str()) {
            return tag.end;
        }
        if closing {
            out.push_str("</");
            out.push_str(&name);
            out.push('>');
            return tag.end;
        }
        out.push('<');
        out.push_str(&name);
        for (attr_name, value) in &tag.attrs {
            write_attribute(&name, attr_name, *value, out);
        }
        if tag.self_closing {
            out.push_str(" /");
        }
        out.push('>');
        tag.end
    }
}

/// A tag as read from the input: its name, attributes (raw, undecoded) and where it ends.
struct RawTag<'a> {
    name: &'a str,
    attrs: Vec<(&'a str, Option<&'a str>)>,
    self_closing: bool,
    /// The index just after the closing `>`.
    end: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn find_byte(bytes: &[u8], from: usize, needle: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| p + from)
}

/// Where the comment starting at `lt` (`<!--`) ends, as a browser ends it.
// Indices here are the input's end or positions of ASCII bytes this scanner found (`<`, `>`, `&`,
// quotes, spaces, `/`, `=`, alphanumerics), reached through `i < len` checks: char boundaries, in bounds.
#[allow(clippy::indexing_slicing, clippy::string_slice)]
fn comment_end(bytes: &[u8], lt: usize) -> usize {
    let body = lt + 4;
    let rest = &bytes[body..];
    if rest.starts_with(b">") {
        return body + 1;
    }
    if rest.starts_with(b"->") {
        return body + 2;
    }
    let mut j = body;
    while j < bytes.len() {
        if bytes[j..].starts_with(b"-->") {
            return j + 3;
        }
        if bytes[j..].starts_with(b"--!>") {
            return j + 4;
        }
        j += 1;
    }
    bytes.len()
}

/// The index of the `<` of the first `</tag` (any case, followed by a space, `/` or `>`) from `from`.
fn find_end_tag(bytes: &[u8], from: usize, tag: &str) -> Option<usize> {
    let tag = tag.as_bytes();
    let mut j = from;
    while let Some(lt) = find_byte(bytes, j, b'<') {
        let name_start = lt + 2;
        let name_end = name_start + tag.len();
        if bytes.get(lt + 1) == Some(&b'/')
            && bytes
                .get(name_start..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(tag))
            && bytes
                .get(name_end)
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            return Some(lt);
        }
        j = lt + 1;
    }
    None
}

/// Reads a tag whose name starts at `start`, up to and including its `>`, the way a browser's
/// tokenizer does (a `>` inside a quoted value does not end the tag). `None` when the input ends
/// first.
// Indices here are the input's end or positions of ASCII bytes this scanner found (`<`, `>`, `&`,
// quotes, spaces, `/`, `=`, alphanumerics), reached through `i < len` checks: char boundaries, in bounds.
#[allow(clippy::indexing_slicing, clippy::string_slice)]
fn parse_tag(input: &str, start: usize) -> Option<RawTag<'_>> {
    let bytes = input.as_bytes();
    let mut i = start;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = &input[start..i];
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            self_closing = bytes[i] == b'/';
            i += 1;
        }
        match bytes.get(i) {
            None => return None,
            Some(b'>') => {
                return Some(RawTag {
                    name,
                    attrs,
                    self_closing,
                    end: i + 1,
                });
            }
            Some(_) => self_closing = false,
        }
        let name_start = i;
        // A leading `=` belongs to the name, as in a browser.
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr_name = &input[name_start..i];
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            attrs.push((attr_name, None));
            continue;
        }
        j += 1;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let value = match bytes.get(j) {
            None => return None,
            Some(&q @ (b'"' | b'\'')) => {
                let close = find_byte(bytes, j + 1, q)?;
                i = close + 1;
                &input[j + 1..close]
            }
            Some(_) => {
                let mut k = j;
                while k < bytes.len() && !is_space(bytes[k]) && bytes[k] != b'>' {
                    k += 1;
                }
                i = k;
                &input[j..k]
            }
        };
        attrs.push((attr_name, Some(value)));
    }
}

/// Writes ` name="value"` when the allowlists keep the attribute on `tag` and its value is safe.
fn write_attribute(tag: &str, raw_name: &str, raw_value: Option<&str>, out: &mut String) {
    let name = raw_name.to_ascii_lowercase();
    let allowed = GENERIC_ATTRIBUTES.contains(&name.as_str())
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&name.as_str()));
    if !allowed {
        return;
    }
    let Some(raw_value) = raw_value else {
        out.push(' ');
        out.push_str(&name);
        return;
    };
    let (decoded, escaped) = decode_attribute(raw_value);
    if URL_ATTRIBUTES.contains(&name.as_str()) && !is_allowed_url(&decoded) {
        return;
    }
    out.push(' ');
    out.push_str(&name);
    out.push_str("=\"");
    match name.as_str() {
        // `headers` lists ids of cells: they carry the prefix too.
        "id" | "headers" => {
            let ids: Vec<String> = decoded
                .split_ascii_whitespace()
                .map(|id| format!("{ID_PREFIX}{id}"))
                .collect();
            escape_attr(out, &ids.join(" "));
        }
        _ => out.push_str(&escaped),
    }
    out.push('"');
}

/// True for a relative URL, or one whose scheme is in [`URL_SCHEMES`], as a browser reads it
/// (leading whitespace and controls, and tabs and line breaks anywhere, ignored).
fn is_allowed_url(url: &str) -> bool {
    match url_scheme(url) {
        Some(scheme) => URL_SCHEMES.contains(&scheme.as_str()),
        None => true,
    }
}

/// The scheme of `url` in lower case, or `None` for a relative URL.
fn url_scheme(url: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in url.chars() {
        if matches!(c, '\t' | '\n' | '\r') || (scheme.is_empty() && (c <= ' ' || c.is_control())) {
            continue;
        }
        if c == ':' {
            return (!scheme.is_empty()).then_some(scheme);
        }
        let first = scheme.is_empty();
        if !(c.is_ascii_alphabetic()
            || (!first && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))))
        {
            return None;
        }
        scheme.push(c.to_ascii_lowercase());
    }
    None
}

/// True for a URL a browser would run or turn into a document of the author's choosing:
/// `javascript:`, `vbscript:` and `data:`, in any case, with the whitespace and control characters
/// a browser ignores (leading ones, and tabs and line breaks anywhere) left out.
pub fn is_dangerous_url(url: &str) -> bool {
    let mut scheme = String::new();
    for c in url.chars() {
        if matches!(c, '\t' | '\n' | '\r') || (scheme.is_empty() && (c <= ' ' || c.is_control())) {
            continue;
        }
        if c == ':' {
            return matches!(scheme.as_str(), "javascript" | "vbscript" | "data");
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) || scheme.len() > 16 {
            return false;
        }
        scheme.push(c.to_ascii_lowercase());
    }
    false
}

/// Named character references decoded in attribute values: those that spell ASCII characters a
/// URL scheme check depends on, and the common ones. Others are left for the browser (none of
/// them decodes to an ASCII letter, `:` or whitespace).
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("colon", ':'),
    ("Tab", '\t'),
    ("NewLine", '\n'),
    ("sol", '/'),
    ("bsol", '\\'),
    ("lpar", '('),
    ("rpar", ')'),
    ("period", '.'),
    ("comma", ','),
    ("excl", '!'),
    ("num", '#'),
    ("percnt", '%'),
    ("semi", ';'),
    ("equals", '='),
    ("quest", '?'),
    ("commat", '@'),
    ("plus", '+'),
    ("lowbar", '_'),
    ("ast", '*'),
    ("dollar", '$'),
    ("grave", '`'),
    ("lsqb", '['),
    ("rsqb", ']'),
    ("lcub", '{'),
    ("rcub", '}'),
    ("verbar", '|'),
    ("Hat", '^'),
];

/// Decodes character references in a raw attribute value. Returns the value as a browser reads it
/// (to check) and the same value escaped for a double-quoted attribute (to write). Named
/// references this table does not know stay as they are in both.
// Indices here are the input's end or positions of ASCII bytes this scanner found (`<`, `>`, `&`,
// quotes, spaces, `/`, `=`, alphanumerics), reached through `i < len` checks: char boundaries, in bounds.
#[allow(clippy::indexing_slicing, clippy::string_slice)]
fn decode_attribute(raw: &str) -> (Cow<'_, str>, String) {
    let mut escaped = String::with_capacity(raw.len());
    if !raw.contains('&') {
        escape_attr(&mut escaped, raw);
        return (Cow::Borrowed(raw), escaped);
    }
    let mut decoded = String::with_capacity(raw.len());
    let bytes = raw.as_bytes();
    let mut i = 0;
    while let Some(amp) = find_byte(bytes, i, b'&') {
        escape_attr(&mut escaped, &raw[i..amp]);
        decoded.push_str(&raw[i..amp]);
        let (len, reference) = char_reference(&raw[amp..]);
        match reference {
            Reference::Char(c) => {
                decoded.push(c);
                let mut buf = [0u8; 4];
                escape_attr(&mut escaped, c.encode_utf8(&mut buf));
            }
            Reference::Unknown => {
                decoded.push_str(&raw[amp..amp + len]);
                escaped.push_str(&raw[amp..amp + len]);
            }
            Reference::None => {
                decoded.push('&');
                escaped.push_str("&amp;");
            }
        }
        i = amp + len;
    }
    escape_attr(&mut escaped, &raw[i..]);
    decoded.push_str(&raw[i..]);
    (Cow::Owned(decoded), escaped)
}

enum Reference {
    /// A reference this module decodes.
    Char(char),
    /// `&name;` with a name not in [`ENTITIES`].
    Unknown,
    /// A bare `&`.
    None,
}

/// Reads the character reference at the start of `s` (which starts with `&`): its length in bytes
/// and what it is.
// Indices here are the input's end or positions of ASCII bytes this scanner found (`<`, `>`, `&`,
// quotes, spaces, `/`, `=`, alphanumerics), reached through `i < len` checks: char boundaries, in bounds.
#[allow(clippy::indexing_slicing, clippy::string_slice)]
fn char_reference(s: &str) -> (usize, Reference) {
    let bytes = s.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
        let digits_start = if hex { 3 } else { 2 };
        let mut j = digits_start;
        let mut code: u32 = 0;
        while let Some(&b) = bytes.get(j) {
            let digit = if hex {
                (b as char).to_digit(16)
            } else {
                (b as char).to_digit(10)
            };
            let Some(digit) = digit else { break };
            code = code
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(digit);
            j += 1;
        }
        if j == digits_start {
            return (1, Reference::None);
        }
        // Browsers decode numeric references without the `;` too.
        if bytes.get(j) == Some(&b';') {
            j += 1;
        }
        let c = match code {
            0 => '\u{fffd}',
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        return (j, Reference::Char(c));
    }
    let mut j = 1;
    while j < bytes.len() && j <= 32 && bytes[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == 1 || bytes.get(j) != Some(&b';') {
        return (1, Reference::None);
    }
    let name = &s[1..j];
    match ENTITIES.iter().find(|(n, _)| *n == name) {
        Some((_, c)) => (j + 1, Reference::Char(*c)),
        None => (j + 1, Reference::Unknown),
    }
}

// Escaping as pulldown-cmark writes it (its own escaping crate), so hand-made tags and the parser's
// output match byte for byte. Writing to a String cannot fail.

/// Appends `s` escaped for a quoted attribute value.
pub(crate) fn escape_attr(out: &mut String, s: &str) {
    let _ = pulldown_cmark_escape::escape_html(out, s);
}

/// Appends `s` escaped for a text node.
pub(crate) fn escape_text(out: &mut String, s: &str) {
    let _ = pulldown_cmark_escape::escape_html_body_text(out, s);
}

/// Appends a URL for an `href` or `src` attribute: characters outside the URL-safe ASCII set
/// percent-encoded, `&` and `'` as references.
pub(crate) fn escape_href(out: &mut String, url: &str) {
    let _ = pulldown_cmark_escape::escape_href(out, url);
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn sanitises() {
        let cases: &[(&str, &str)] = &[
            // Kept as written (re-serialised).
            ("<p class=note>Hi &amp; bye</p>", r#"<p class="note">Hi &amp; bye</p>"#),
            (
                r#"<a href="https://x.y/?a=1&b=2" title='It "is"'>x</a>"#,
                r#"<a href="https://x.y/?a=1&amp;b=2" title="It &quot;is&quot;">x</a>"#,
            ),
            ("<br/><hr />", "<br /><hr />"),
            ("<IMG SRC=\"a.png\" ALT=x>", r#"<img src="a.png" alt="x">"#),
            (
                "<details open><summary>More</summary>x</details>",
                "<details open><summary>More</summary>x</details>",
            ),
            ("<p title=\"&eacute;t&#233;\">", r#"<p title="&eacute;té">"#),
            ("1 < 2 > 0", "1 &lt; 2 > 0"),
            // Elements removed with their content.
            ("a<script>alert(1)</script>b", "ab"),
            ("a<SCRIPT type=x>alert('</p>')</SCRIPT >b", "ab"),
            ("a<style>body{}</style>b", "ab"),
            ("a<script>never closed", "a"),
            (
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
                "<img src=\"x\">\">",
            ),
            ("<textarea><img src=x onerror=alert(1)></textarea>ok", "ok"),
            // Elements removed, content kept.
            ("<iframe src=\"https://x.y\"></iframe>", ""),
            ("<object data=x.swf><p>fallback</p></object>", "<p>fallback</p>"),
            ("<embed src=x.swf>", ""),
            ("<base href=\"https://evil.example/\">", ""),
            ("<meta http-equiv=refresh content=\"0;url=javascript:x\">", ""),
            (
                "<svg><a><animate attributeName=href values=javascript:alert(1) /><text>t</text></a></svg>",
                "",
            ),
            // Event handlers.
            ("<p onclick=\"go()\">Go</p>", "<p>Go</p>"),
            ("<img src=a.png OnError=alert(1) alt=a>", r#"<img src="a.png" alt="a">"#),
            // An unquoted value runs to the next space: `src=…` is part of the handler here.
            ("<img/onerror=alert(1)/src=a.png>", "<img>"),
            ("<img/src=a.png/onerror=alert(1)>", r#"<img src="a.png/onerror=alert(1)">"#),
            ("<img/src=\"a.png\"/onerror=alert(1)>", r#"<img src="a.png">"#),
            ("<div onmouseover='x' data-on=\"y\">", "<div>"),
            // Dangerous URLs.
            ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"  \tjava\nscript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"&#106&#97vascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"java&Tab;script:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"&#x01;javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=vbscript:msgbox(1)>x</a>", "<a>x</a>"),
            ("<img src=\"data:image/svg+xml;base64,AAAA\">", "<img>"),
            ("<form action=\"javascript:x\"><button formaction=javascript:y>b</button></form>", "b"),
            ("<svg><a xlink:href=\"javascript:x\">t</a></svg>after", "after"),
            ("<math><mtext><table><mglyph><style><img src=x>", ""),
            ("<template><img src=x></template><p>", "<p>"),
            ("<a href=\"ftp://x.y/\">f</a><img src=\"blob:x\">", "<a>f</a><img>"),
            (
                "<a href=\"mailto:a@b.c\">m</a><a href=\"//cdn.example/x\">c</a>",
                r#"<a href="mailto:a@b.c">m</a><a href="//cdn.example/x">c</a>"#,
            ),
            // Only listed elements and attributes stay; others lose their tags, not their text.
            ("<custom-el x=1>text</custom-el>", "text"),
            ("<input autofocus value=x><select><option>o</option></select>", "o"),
            ("<img src=a.png name=x usemap=#m loading=lazy>", r#"<img src="a.png">"#),
            ("<details open class=c><summary>s</summary></details>", r#"<details open class="c"><summary>s</summary></details>"#),
            // Author ids are namespaced: they cannot take the page's ids or shadow globals.
            (
                "<div id=main><p id=\"prerendered\">x</p></div><img id=location>",
                r#"<div id="user-content-main"><p id="user-content-prerendered">x</p></div><img id="user-content-location">"#,
            ),
            (
                "<td headers=\"a b\">x</td><th id=a>",
                r#"<td headers="user-content-a user-content-b">x</td><th id="user-content-a">"#,
            ),
            (
                "<a href=\"/javascript:ok\">x</a><a href=\"./data:x\">y</a>",
                r#"<a href="/javascript:ok">x</a><a href="./data:x">y</a>"#,
            ),
            // Styles: none is kept (they can load resources, and no style needs the author's CSS).
            ("<p style=\"color: red\">x</p>", "<p>x</p>"),
            ("<p style=\"background: URL(x.png)\">x</p>", "<p>x</p>"),
            ("<p style=\"width: expression(alert(1))\">x</p>", "<p>x</p>"),
            ("<p style=\"background: u\\72l(x)\">x</p>", "<p>x</p>"),
            ("<p style=\"background: ur/**/l(x)\">x</p>", "<p>x</p>"),
            // Comments and other declarations.
            ("a<!-- note -->b", "ab"),
            ("a<!-- <script>alert(1)</script> -->b", "ab"),
            ("a<!-->b", "ab"),
            ("a<!--->b", "ab"),
            ("a<!-- x --!>b", "ab"),
            ("a<!-- never closed <img src=x onerror=y>", "a"),
            ("<!DOCTYPE html><?php x ?><![CDATA[y]]>z", "z"),
            // Malformed input never becomes a tag.
            ("<div class=\"unterminated", "&lt;div class=\"unterminated"),
            ("<div\nonclick=\"x\"", "&lt;div\nonclick=\"x\""),
            ("<a href='x>y'>z</a>", r#"<a href="x&gt;y">z</a>"#),
            ("</ <img src=x onerror=y>", "&lt;/ <img src=\"x\">"),
            ("<a\"b onclick=x>t", "t"),
            ("<p =x>", "<p>"),
            ("<", "&lt;"),
            ("</", "&lt;/"),
            ("<a", "&lt;a"),
            ("", ""),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|(input, expected)| {
                let got = sanitize_html(input);
                (got != *expected)
                    .then(|| format!("{input:?}\n  gives    {got:?}\n  expected {expected:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn skipping_spans_pieces() {
        let mut s = Sanitizer::new();
        let mut out = String::new();
        s.push("<script>", &mut out);
        assert!(s.is_skipping());
        s.push("</script>", &mut out);
        assert!(!s.is_skipping());
        s.push("<b>", &mut out);
        assert_eq!(out, "<b>");
    }

    #[test]
    fn dangerous_urls() {
        for url in [
            "javascript:x",
            " JAVASCRIPT:x",
            "\u{1}javascript:x",
            "java\tscript:x",
            "Data:text/html,x",
            "vbscript:x",
        ] {
            assert!(is_dangerous_url(url), "{url:?}");
        }
        for url in [
            "https://x.y",
            "/javascript:x",
            "#javascript:x",
            "mailto:a@b.c",
            "a b:javascript:",
            "",
            "javascript",
        ] {
            assert!(!is_dangerous_url(url), "{url:?}");
        }
    }

    #[test]
    fn never_panics_on_prefixes_of_awkward_input() {
        let input = "<a href=\"&#x6A;é\" title='ü<>' x=y/>ß<!--é--><script>é</script>&#9999999999;<p =\u{2028}>";
        for (i, _) in input.char_indices() {
            let _ = sanitize_html(&input[..i]);
            let _ = sanitize_html(&input[i..]);
        }
    }
}
