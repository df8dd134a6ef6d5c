//! The code blocks of a post, and the HTML prepared for them ahead of time.
//!
//! `quire-press` highlights code and draws Mermaid diagrams when it compiles the site, and stores the
//! HTML of each in the post's JSON (`Post::blocks`), by the block's position in the document:
//! entry `i` belongs to the `i`-th block [`code_blocks`] lists. The renderer puts that HTML where the
//! block stands ([`crate::markdown::render_html`] with `RenderOptions::blocks`), so the browser carries
//! no highlighter or diagram engine and still renders the Markdown itself.
//!
//! Both sides find the blocks with one pair of predicates over the same parse (the renderer's), so
//! the numbering cannot differ between the compiler and the renderer.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use crate::markdown;

/// One code block of a post: fenced (```` ``` ````, `~~~`) or indented, Mermaid diagrams included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeBlock {
    /// The first word of a fenced block's info string (`rust` for ```` ```rust ignore ````); `None`
    /// for an indented block or a fence without one.
    pub lang: Option<String>,
    /// The code as the reader sees it: fence and container indentation removed, ending in a newline
    /// for fenced blocks as pulldown-cmark gives it.
    pub source: String,
    /// The 1-based line of the Markdown body where the block starts (its opening fence).
    pub line: usize,
}

impl CodeBlock {
    /// True for a ```` ```mermaid ```` block, which is a diagram, not code.
    pub fn is_mermaid(&self) -> bool {
        self.lang.as_deref() == Some(MERMAID)
    }
}

/// The info string word that makes a fenced block a Mermaid diagram.
pub const MERMAID: &str = "mermaid";

/// The language of a fenced block: the first word of its info string, if any.
pub fn language(info: &str) -> Option<&str> {
    info.split_whitespace().next()
}

/// Lists the code blocks of a post body in document order, footnotes included where they are
/// written.
pub fn code_blocks(markdown: &str) -> Vec<CodeBlock> {
    let (events, _) = markdown::parse(markdown);
    let mut lines = LineCounter::new(markdown);
    spans(&events)
        .filter_map(|span| {
            let block = events.get(span.clone())?;
            let (start, range) = block.first()?;
            let lang = match start {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    language(info).map(str::to_string)
                }
                _ => None,
            };
            let mut source = String::new();
            for (event, _) in block {
                if let Event::Text(text) = event {
                    source.push_str(text);
                }
            }
            Some(CodeBlock {
                lang,
                source,
                line: lines.line_of(range.start),
            })
        })
        .collect()
}

/// These two decide what counts as a block, for the lister and the renderer alike. Code blocks do
/// not nest: an end closes the block last opened.
fn starts_block(event: &Event) -> bool {
    matches!(event, Event::Start(Tag::CodeBlock(_)))
}

fn ends_block(event: &Event) -> bool {
    matches!(event, Event::End(TagEnd::CodeBlock))
}

/// The code blocks of a parsed body, in document order: for each, the indices of its start and end
/// events (end included).
fn spans<'e>(events: &'e [(Event<'_>, Range<usize>)]) -> impl Iterator<Item = Range<usize>> + 'e {
    let mut open = None;
    events
        .iter()
        .enumerate()
        .filter_map(move |(i, (event, _))| {
            if starts_block(event) {
                open = Some(i);
                None
            } else if ends_block(event) {
                open.take().map(|start| start..i + 1)
            } else {
                None
            }
        })
}

/// Replaces each block that has prepared HTML with one [`prepared_event`] carrying that HTML;
/// blocks without any (no entry, or an empty one) are left to render from their source.
///
/// One pass in place: this runs in the reader's browser, where every byte of code is downloaded.
pub(crate) fn substitute(events: &mut Vec<(Event<'_>, Range<usize>)>, prepared: &[String]) {
    if prepared.is_empty() {
        return;
    }
    let mut n = 0;
    let mut replacing = false;
    events.retain_mut(|(event, _)| {
        if replacing {
            replacing = !ends_block(event);
            return false;
        }
        if starts_block(event) {
            if let Some(html) = prepared.get(n).filter(|html| !html.is_empty()) {
                *event = prepared_event(html.clone());
                replacing = true;
            }
            n += 1;
        }
        true
    });
}

/// The event that stands for a prepared block between [`substitute`] and the renderer.
///
/// Display math is used because the parser never produces it: `parser_options` leaves math off
/// (a test holds it to that), so only [`substitute`] can put one in the stream. This keeps the
/// block's place through the footnote reordering the renderer does, with no side table.
pub(crate) fn prepared_event<'a>(html: String) -> Event<'a> {
    Event::DisplayMath(CowStr::from(html))
}

/// Byte offsets to 1-based line numbers, for offsets asked in increasing order.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, offset: usize) -> usize {
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let end = offset.min(self.text.len());
        self.line += self
            .text
            .as_bytes()
            .get(self.offset..end)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = end;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;
    use pulldown_cmark::Options;

    fn block(lang: Option<&str>, source: &str, line: usize) -> CodeBlock {
        CodeBlock {
            lang: lang.map(str::to_string),
            source: source.to_string(),
            line,
        }
    }

    #[test]
    fn lists_blocks_in_document_order() {
        let cases: &[(&str, &str, Vec<CodeBlock>)] = &[
            ("no code", "Just `inline` code.\n", vec![]),
            (
                "fenced with a language and more words",
                "Text\n\n```rust ignore\nfn main() {}\n```\n",
                vec![block(Some("rust"), "fn main() {}\n", 3)],
            ),
            (
                "tilde fence without a language, then an indented block",
                "~~~\nplain\n~~~\n\npara\n\n    indented\n    two\n",
                vec![block(None, "plain\n", 1), block(None, "indented\ntwo\n", 7)],
            ),
            (
                "a diagram counts as a block",
                "```mermaid\ngraph TD\n```\n```sql\nSELECT 1;\n```\n",
                vec![
                    block(Some("mermaid"), "graph TD\n", 1),
                    block(Some("sql"), "SELECT 1;\n", 4),
                ],
            ),
            (
                "inside a list and a quote, indentation removed",
                "- item\n\n  ```go\n  x := 1\n  ```\n\n> ```\n> quoted\n> ```\n",
                vec![block(Some("go"), "x := 1\n", 3), block(None, "quoted\n", 7)],
            ),
            (
                "a footnote's block is listed where it is written",
                "A[^n].\n\n[^n]: Note:\n\n    ```c\n    int x;\n    ```\n\n```py\nlast\n```\n",
                vec![
                    block(Some("c"), "int x;\n", 5),
                    block(Some("py"), "last\n", 9),
                ],
            ),
            (
                "unclosed fence runs to the end",
                "```bash\necho hi\n",
                vec![block(Some("bash"), "echo hi\n", 1)],
            ),
        ];
        for (name, markdown, expected) in cases {
            assert_eq!(&code_blocks(markdown), expected, "case {name:?}");
        }
    }

    fn render(markdown: &str, prepared: &[Option<&str>]) -> String {
        let prepared: Vec<String> = prepared
            .iter()
            .map(|p| p.unwrap_or_default().to_string())
            .collect();
        markdown::render_html(
            markdown,
            &markdown::RenderOptions {
                base: "/",
                slug: "p",
                trusted_html: false,
                blocks: &prepared,
            },
        )
    }

    #[test]
    fn prepared_html_stands_in_for_its_block() {
        // (name, Markdown, prepared HTML by block, the HTML a reader gets)
        let cases: &[(&str, &str, &[Option<&str>], &str)] = &[
            (
                "nothing prepared: as before",
                "```rust\nlet x = 1 < 2;\n```\n",
                &[],
                "<pre><code class=\"language-rust\">let x = 1 &lt; 2;\n</code></pre>\n",
            ),
            (
                "the fragment replaces the whole block, fence and all",
                "Intro.\n\n```rust\nlet x = 1;\n```\n\nAfter.\n",
                &[Some("<div class=\"code-block\">HL</div>\n")],
                "<p>Intro.</p>\n<div class=\"code-block\">HL</div>\n<p>After.</p>\n",
            ),
            (
                "by position: the second block only, the first renders from source",
                "```\na\n```\n\n    b\n",
                &[None, Some("<B>")],
                "<pre><code>a\n</code></pre>\n<B>",
            ),
            (
                "a diagram takes its fragment; without one it stays a container",
                "```mermaid\ngraph TD\n```\n```mermaid\ngraph LR\n```\n",
                &[Some("<svg/>")],
                "<svg/><figure class=\"mermaid-diagram\"><pre class=\"mermaid\">graph LR\n</pre></figure>\n",
            ),
            (
                "entries past the last block are ignored",
                "```\nx\n```\n",
                &[None, Some("<unused>")],
                "<pre><code>x\n</code></pre>\n",
            ),
            (
                "a block in a footnote keeps its document position though notes move to the end",
                "A[^n].\n\n[^n]: See:\n\n    ```c\n    int x;\n    ```\n\n```py\nlast\n```\n",
                &[Some("<NOTE-C>"), Some("<BODY-PY>")],
                concat!(
                    "<p>A<sup class=\"footnote-ref\"><a href=\"/posts/p/#fn-n\" id=\"fnref-n\">1</a></sup>.</p>\n",
                    "<BODY-PY><section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n",
                    "<li id=\"fn-n\"><p>See:</p>\n<NOTE-C> <a href=\"/posts/p/#fnref-n\" class=\"footnote-backref\" aria-label=\"Back to reference\">↩</a></li>\n",
                    "</ol>\n</section>\n",
                ),
            ),
            (
                "math syntax in the source is still plain text",
                "$$x$$\n",
                &[Some("<never>")],
                "<p>$$x$$</p>\n",
            ),
        ];
        for (name, markdown, prepared, html) in cases {
            assert_eq!(render(markdown, prepared), *html, "case {name:?}");
        }
    }

    #[test]
    fn the_lister_and_the_renderer_count_the_same_blocks() {
        let markdown = "# T\n\n```rust\na\n```\n\n- x\n\n      indented in a list\n\n> ~~~mermaid\n> graph TD\n> ~~~\n\n<pre>raw html is not a block</pre>\n\n`inline`\n";
        let listed = code_blocks(markdown);
        assert_eq!(listed.len(), 3);
        let prepared: Vec<String> = (0..listed.len()).map(|i| format!("[block {i}]")).collect();
        let all: Vec<Option<&str>> = prepared.iter().map(|p| Some(p.as_str())).collect();
        let html = render(markdown, &all);
        for p in &prepared {
            assert_eq!(html.matches(p.as_str()).count(), 1, "{p} in {html}");
        }
        assert!(!html.contains("<pre><code"), "{html}");
        assert!(!html.contains("mermaid-diagram"), "{html}");
    }

    #[test]
    fn mermaid_is_a_diagram() {
        let blocks = code_blocks("```mermaid title\ngraph TD\n```\n```mermaidx\n```\n");
        let kinds: Vec<bool> = blocks.iter().map(CodeBlock::is_mermaid).collect();
        assert_eq!(kinds, [true, false]);
    }

    #[test]
    fn the_placeholder_event_never_comes_from_the_parser() {
        assert!(!markdown::parser_options().contains(Options::ENABLE_MATH));
        let (events, _) = markdown::parse("$$x$$ and $y$\n\n$$\nz\n$$\n");
        assert!(!events
            .iter()
            .any(|(e, _)| matches!(e, Event::DisplayMath(_) | Event::InlineMath(_))));
    }
}
