//! The HTML prepared for a post's code blocks at build time: highlighted code and drawn diagrams,
//! by block position, for `Post::blocks` (see `quire_content::blocks`).

use quire_content::blocks::code_blocks;

use crate::cache::Cache;
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
///
/// Highlighting is most of a build's time, and a block's HTML depends only on its language, its
/// source and (for a diagram, whose ids are numbered) its position, so with a `cache` a block seen
/// before, in this build or an earlier one, is not prepared again. Diagrams that fail are not
/// cached: their warning has to be printed on every build.
pub fn prepare(body: &str, cache: Option<&Cache>) -> (Vec<String>, Vec<BlockWarning>) {
    let mut warnings = Vec::new();
    let blocks = code_blocks(body)
        .into_iter()
        .enumerate()
        .map(|(n, block)| {
            let lang = block.lang.as_deref();
            let position = if block.is_mermaid() { n as u64 } else { 0 };
            let key = cache.map(|c| {
                c.key(&[
                    if block.is_mermaid() {
                        b"mermaid"
                    } else {
                        b"code"
                    },
                    lang.unwrap_or("").as_bytes(),
                    // `None` and `Some("")` are different blocks.
                    &[u8::from(lang.is_some())],
                    &position.to_le_bytes(),
                    block.source.as_bytes(),
                ])
            });
            let found = cache
                .zip(key.as_ref())
                .and_then(|(c, key)| c.get(key))
                .and_then(|bytes| String::from_utf8(bytes).ok());
            if let Some(html) = found {
                return html;
            }
            let html = if block.is_mermaid() {
                diagram::diagram(&block.source, n).map_err(|error| {
                    warnings.push(BlockWarning {
                        line: block.line,
                        error,
                    });
                    diagram::fallback(&block.source)
                })
            } else {
                Ok(highlight::code_block(lang, &block.source))
            };
            match html {
                Ok(html) => {
                    if let Some((c, key)) = cache.zip(key.as_ref()) {
                        c.put(key, html.as_bytes());
                    }
                    html
                }
                Err(fallback) => fallback,
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
        let (blocks, warnings) = prepare(body, None);
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
        let (blocks, warnings) = prepare(body, None);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 3);
        let html = render(body, &blocks);
        assert!(html.contains("<figure class=\"mermaid-diagram diagram-fallback\"><pre class=\"mermaid\">notADiagram x\n</pre><figcaption class=\"diagram-note\">"), "{html}");
    }

    #[test]
    fn cached_blocks_are_the_same_html_and_failures_still_warn() {
        let root = crate::cache::tests::temp_dir("blocks");
        let cache = Cache::new(&root, "blocks", b"test");
        let body = "```rust\nlet x = 1;\n```\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n```mermaid\nnotADiagram x\n```\n\n```rust\nlet x = 1;\n```\n";
        let fresh = prepare(body, None);
        let cold = prepare(body, Some(&cache));
        // The repeated rust block is found: it was stored a moment before. The broken diagram is
        // never stored.
        assert_eq!((cache.counts.hits(), cache.counts.misses()), (1, 3));
        let warm = prepare(body, Some(&cache));
        assert_eq!((cache.counts.hits(), cache.counts.misses()), (1 + 3, 3 + 1));
        assert_eq!(fresh, cold);
        assert_eq!(fresh, warm, "same HTML and the same warning from the cache");
        assert_eq!(warm.1.len(), 1);

        // A diagram's ids depend on its position: the same source elsewhere is another entry.
        let moved = "Text.\n\n```text\nx\n```\n\n```mermaid\nflowchart LR\n  A --> B\n```\n";
        assert_eq!(prepare(moved, Some(&cache)), prepare(moved, None));
        let (blocks, _) = prepare(moved, Some(&cache));
        assert!(
            blocks[1].contains("aria-describedby=\"d1-source\""),
            "{}",
            blocks[1]
        );

        // A damaged entry is computed again, and the build's output does not change.
        for shard in std::fs::read_dir(root.join("blocks")).unwrap() {
            for entry in std::fs::read_dir(shard.unwrap().path()).unwrap() {
                std::fs::write(entry.unwrap().path(), b"QPCACHE1 damaged").unwrap();
            }
        }
        assert_eq!(prepare(body, Some(&cache)), fresh);
        assert_eq!(prepare(body, Some(&cache)), fresh);
        let _ = std::fs::remove_dir_all(root);
    }
}
