//! What the reader's search does with what Pagefind returns, as plain functions: the excerpt split
//! into text and marked words (never HTML), the search page's URL for a query and its filters, and
//! the moves of the keyboard through the results.

/// A run of an excerpt's text: `marked` when it is a word the query matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExcerptPart {
    pub text: String,
    pub marked: bool,
}

/// Pagefind's excerpt (escaped text with `<mark>` around matched words) as runs of plain text.
///
/// Only `<mark>` and `</mark>` count as markup; anything else that looks like a tag stays text, and
/// the entities Pagefind writes are decoded. The parts are shown as text nodes, so nothing in an
/// excerpt can become an element or run.
pub fn excerpt_parts(excerpt: &str) -> Vec<ExcerptPart> {
    let mut parts: Vec<ExcerptPart> = Vec::new();
    let mut marked = false;
    let mut rest = excerpt;
    loop {
        let (tag, at) = if marked {
            ("</mark>", rest.find("</mark>"))
        } else {
            ("<mark>", rest.find("<mark>"))
        };
        let (text, next) = match at {
            Some(at) => (rest.get(..at).unwrap_or(""), rest.get(at + tag.len()..)),
            None => (rest, None),
        };
        let text = decode_entities(text);
        if !text.is_empty() {
            match parts.last_mut() {
                Some(last) if last.marked == marked => last.text.push_str(&text),
                _ => parts.push(ExcerptPart { text, marked }),
            }
        }
        match next {
            Some(next) => {
                rest = next;
                marked = !marked;
            }
            None => break,
        }
    }
    parts
}

/// Decodes the entities an HTML escaper writes (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`,
/// `&#x27;`, and numeric ones); anything else is left as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let decoded = tail.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = tail.get(1..end)?;
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let value = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(value)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a search asks for: the words, and at most one category and one tag (by name).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub q: String,
    pub category: Option<String>,
    pub tag: Option<String>,
}

impl SearchQuery {
    /// Nothing to search for: no words and no filter.
    pub fn is_empty(&self) -> bool {
        self.q.trim().is_empty() && self.category.is_none() && self.tag.is_none()
    }

    /// The search page's address for this query: `{base}search/?q=…&category=…&tag=…`.
    pub fn url(&self, base: &str) -> String {
        let mut url = crate::urls::search(base);
        let mut sep = '?';
        let pairs = [
            ("q", Some(self.q.trim())),
            ("category", self.category.as_deref()),
            ("tag", self.tag.as_deref()),
        ];
        for (name, value) in pairs {
            let Some(value) = value.filter(|v| !v.is_empty()) else {
                continue;
            };
            url.push(sep);
            url.push_str(name);
            url.push('=');
            url.push_str(&encode_component(value));
            sep = '&';
        }
        url
    }
}

/// Percent-encodes a query value: everything but unreserved characters (RFC 3986) is escaped.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Where the highlight goes on ArrowDown (`down`) or ArrowUp among `count` results, from
/// `current` (none chosen yet): it wraps around, and there is none to choose when there are none.
pub fn step(current: Option<usize>, count: usize, down: bool) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let last = count - 1;
    Some(match (current, down) {
        (None, true) => 0,
        (None, false) => last,
        (Some(i), true) if i >= last => 0,
        (Some(i), true) => i + 1,
        (Some(0), false) => last,
        (Some(i), false) => (i - 1).min(last),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(excerpt: &str) -> Vec<(bool, &'static str)> {
        excerpt_parts(excerpt)
            .into_iter()
            .map(|p| (p.marked, &*Box::leak(p.text.into_boxed_str())))
            .collect()
    }

    #[test]
    fn excerpts_are_text_with_marked_words() {
        for (excerpt, expected) in [
            ("plain text", vec![(false, "plain text")]),
            (
                "use <mark>SKIP</mark> <mark>LOCKED</mark> here",
                vec![
                    (false, "use "),
                    (true, "SKIP"),
                    (false, " "),
                    (true, "LOCKED"),
                    (false, " here"),
                ],
            ),
            ("<mark>tcp</mark>", vec![(true, "tcp")]),
            // Other tags are text, decoded entities too: shown as text, never parsed.
            (
                "a <script>alert(1)</script> &lt;img onerror=x&gt; &amp;amp;",
                vec![(false, "a <script>alert(1)</script> <img onerror=x> &amp;")],
            ),
            ("<mark>open", vec![(true, "open")]),
            ("x</mark>y", vec![(false, "x</mark>y")]),
            ("<mark><b>x</b></mark>", vec![(true, "<b>x</b>")]),
            ("", vec![]),
        ] {
            assert_eq!(parts(excerpt), expected, "{excerpt}");
        }
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &#39;b&#x27; &quot;c&quot; &unknown; & x"),
            "a 'b' \"c\" &unknown; & x"
        );
        assert_eq!(
            decode_entities("&#xFFFFFFFF; &#1114112;"),
            "&#xFFFFFFFF; &#1114112;"
        );
        assert_eq!(decode_entities("é &eacute"), "é &eacute");
    }

    #[test]
    fn search_urls() {
        let query = SearchQuery {
            q: " SKIP LOCKED ".into(),
            category: Some("Data & storage".into()),
            tag: None,
        };
        assert_eq!(
            query.url("/blog/"),
            "/blog/search/?q=SKIP%20LOCKED&category=Data%20%26%20storage"
        );
        assert_eq!(SearchQuery::default().url("/"), "/search/");
        let tag_only = SearchQuery {
            tag: Some("tcp".into()),
            ..Default::default()
        };
        assert_eq!(tag_only.url("/"), "/search/?tag=tcp");
        assert_eq!(encode_component("é/?#"), "%C3%A9%2F%3F%23");
    }

    #[test]
    fn a_query_of_blanks_and_no_filter_searches_nothing() {
        let words = |q: &str| SearchQuery {
            q: q.into(),
            ..Default::default()
        };
        assert!(SearchQuery::default().is_empty());
        assert!(words("  \t").is_empty());
        assert!(!words("tcp").is_empty());
        // A filter alone lists every post it keeps.
        let category = SearchQuery {
            category: Some("Networking".into()),
            ..words(" ")
        };
        assert!(!category.is_empty());
    }

    #[test]
    fn keyboard_steps_wrap() {
        assert_eq!(step(None, 0, true), None);
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), Some(2));
        assert_eq!(step(Some(2), 3, true), Some(0));
        assert_eq!(step(Some(0), 3, false), Some(2));
        assert_eq!(step(Some(1), 3, false), Some(0));
        assert_eq!(
            step(Some(7), 3, false),
            Some(2),
            "a stale position after fewer results"
        );
    }
}
