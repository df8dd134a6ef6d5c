//! The HTML prepared for a post's code blocks at build time: highlighted code and drawn diagrams,
//! by block position, for `Post::blocks` (see `quire_content::blocks`).

use quire_content::blocks::code_blocks;

use crate::diagram::{self, DiagramError};
use crate::highlight;

/// A block that could not be prepared as the author meant, at its line in the Markdown body.
#[derive(Debug, PartialEq, Eq)]
pub struct BlockWarning {
    /// 1-based line of the block's opening fence in the body.
    pub line: usize,
    pub error: DiagramError,
}

/// The prepared HTML of every block of `body`, in document order, and what went wrong on the way.
/// A diagram that cannot be drawn gets its source and a note instead, and a warning.
pub fn prepare(body: &str) -> (Vec<String>, Vec<BlockWarning>) {
    let mut warnings = Vec::new();
    let blocks = code_blocks(body)
        .into_iter()
        .enumerate()
        .map(|(n, block)| {
            if block.is_mermaid() {
                diagram::diagram(&block.source, n).unwrap_or_else(|error| {
                    warnings.push(BlockWarning {
                        line: block.line,
                        error,
                    });
                    diagram::fallback(&block.source)
                })
            } else {
                highlight::code_block(block.lang.as_deref(), &block.source)
            }
        })
        .collect();
    (blocks, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_content::markdown::{render_html, RenderOptions};

    fn render(body: &str, blocks: &[String]) -> String {
        render_html(
            body,
            &RenderOptions {
                base: "/",
                slug: "p",
                trusted_html: false,
                blocks,
            },
        )
    }

    #[test]
    fn every_block_gets_its_html_and_the_page_shows_it() {
        let body = "Intro.\n\n```rust\nlet x = 1;\n```\n\n    plain\n\n```mermaid\nflowchart LR\n  A --> B\n```\n";
        let (blocks, warnings) = prepare(body);
        assert_eq!(warnings, []);
        assert_eq!(blocks.len(), 3);
        let html = render(body, &blocks);
        assert_eq!(
            html.matches("<button type=\"button\" class=\"code-copy\" hidden>Copy</button>")
                .count(),
            2,
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-kw\">let"), "{html}");
        assert!(html.contains("<pre><code>plain\n</code></pre>"), "{html}");
        assert!(
            html.contains("<svg class=\"diagram\" role=\"img\" aria-label=\"Flowchart\""),
            "{html}"
        );
    }

    #[test]
    fn a_diagram_that_cannot_be_drawn_shows_its_source_and_warns_at_its_line() {
        let body = "Text.\n\n```mermaid\nnotADiagram x\n```\n";
        let (blocks, warnings) = prepare(body);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 3);
        let html = render(body, &blocks);
        assert!(html.contains("<figure class=\"mermaid-diagram diagram-fallback\"><pre class=\"mermaid\">notADiagram x\n</pre><figcaption class=\"diagram-note\">"), "{html}");
    }
}
