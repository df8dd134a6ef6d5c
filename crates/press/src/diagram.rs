//! Mermaid diagrams drawn at build time into inline SVG, with mermaid-rs-renderer.
//!
//! The SVG keeps the renderer's light colours as attributes, so a feed reader without the site's
//! stylesheet still shows a readable diagram; on the site, `style/code.css` recolours those exact
//! values for both themes. Text is measured with the renderer's fixed per-character widths, not the
//! fonts of the machine that builds, so every machine writes the same bytes for ASCII labels.

use std::panic::{self, AssertUnwindSafe};

use pulldown_cmark_escape::escape_html_body_text;

/// Why a diagram could not be drawn; the author sees it as a warning with the block's line.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DiagramError {
    #[error("the Mermaid diagram cannot be drawn: {0}")]
    Syntax(String),
    #[error("the Mermaid renderer failed on this diagram")]
    Crashed,
    #[error("the Mermaid renderer drew this diagram with invalid coordinates")]
    Invalid,
    /// A construct the renderer is known to draw wrong (seen on the sample posts).
    #[error("the Mermaid renderer would draw this diagram wrong: {0}")]
    DrawnWrong(&'static str),
}

/// The HTML for a Mermaid block: the diagram as SVG with its source in a `<details>` as the text
/// alternative. `n` is the block's position in the post; it keeps ids unique when a post has
/// several diagrams.
pub fn diagram(source: &str, n: usize) -> Result<String, DiagramError> {
    let svg = draw(source)?;
    let prefix = format!("d{n}-");
    let svg = prefix_ids(&svg, &prefix);
    let (svg, font) = hoist_font(&svg);
    let label = kind(source);
    let svg = svg.replacen(
        "<svg ",
        &format!(
            "<svg class=\"diagram\" role=\"img\" aria-label=\"{label}\" aria-describedby=\"{prefix}source\"{font} "
        ),
        1,
    );
    let mut html = String::with_capacity(svg.len() + source.len() + 200);
    html.push_str("<figure class=\"mermaid-diagram\"><div class=\"diagram-scroll\">");
    html.push_str(&svg);
    html.push_str(
        "</div><details class=\"diagram-source\"><summary>Diagram source</summary><pre id=\"",
    );
    html.push_str(&prefix);
    html.push_str("source\"><code class=\"language-mermaid\">");
    escape(&mut html, source);
    html.push_str("</code></pre></details></figure>\n");
    Ok(html)
}

/// What a reader is shown for a diagram that cannot be drawn: its source and a one-line note.
pub fn fallback(source: &str) -> String {
    let mut html = String::with_capacity(source.len() + 200);
    html.push_str("<figure class=\"mermaid-diagram diagram-fallback\"><pre class=\"mermaid\">");
    escape(&mut html, source);
    html.push_str(
        "</pre><figcaption class=\"diagram-note\">This diagram could not be drawn; its Mermaid source is shown instead.</figcaption></figure>\n",
    );
    html
}

/// Runs the renderer. It is a young layout engine fed author input: a panic in it becomes an
/// error for this one block, not the end of the build.
fn draw(source: &str) -> Result<String, DiagramError> {
    if let Some(why) = known_wrong(source) {
        return Err(DiagramError::DrawnWrong(why));
    }
    let mut options = mermaid_rs_renderer::RenderOptions::modern();
    // Fixed character widths instead of the system's fonts: the same layout on every machine.
    options.layout.fast_text_metrics = true;
    // The panic message still reaches stderr: the hook is process-wide and diagrams are drawn on
    // several threads at once, so it is not swapped out here.
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        mermaid_rs_renderer::render_strict(source, options)
    }));
    let svg = match result {
        Ok(Ok(svg)) => svg,
        Ok(Err(e)) => return Err(DiagramError::Syntax(first_line(&e.to_string()))),
        Err(_) => return Err(DiagramError::Crashed),
    };
    // Coordinates the layout could not compute come out as NaN or inf: the drawing would be
    // wrong or empty, and the source says more.
    if has_non_finite_number(&svg) {
        return Err(DiagramError::Invalid);
    }
    if kind(source) == "Sequence diagram" && !all_messages_drawn(source, &svg) {
        return Err(DiagramError::DrawnWrong(
            "a message is missing from the drawing (lost messages, `-x`, are left out)",
        ));
    }
    Ok(svg)
}

/// Constructs mermaid-rs-renderer 0.3 draws wrong, found by looking at the sample diagrams: the
/// reader is better served by the source than by a misleading picture.
fn known_wrong(source: &str) -> Option<&'static str> {
    match kind(source) {
        "Class diagram" => Some(
            "class relations are drawn with their arrowheads and multiplicities off their lines",
        ),
        "Sequence diagram" if source.lines().any(is_long_self_message) => {
            Some("a self-message whose label wraps has its label drawn beside the next message")
        }
        _ => None,
    }
}

/// `A->>A: a label long enough to wrap` in a sequence diagram.
fn is_long_self_message(line: &str) -> bool {
    let Some((arrow, label)) = line.split_once(':') else {
        return false;
    };
    const ARROWS: [&str; 8] = ["-->>", "->>", "--x", "-x", "--)", "-)", "-->", "->"];
    let Some((from, to)) = ARROWS.iter().find_map(|a| arrow.split_once(a)) else {
        return false;
    };
    let to = to.trim().trim_start_matches(['+', '-']).trim();
    // The renderer wraps labels near 22 characters.
    from.trim() == to && !to.is_empty() && label.trim().contains(' ') && label.trim().len() > 22
}

/// True when every word of every message label of a sequence diagram is in the SVG's text. The
/// renderer leaves some messages out without an error; a drawing without them says something else.
fn all_messages_drawn(source: &str, svg: &str) -> bool {
    let mut text = String::with_capacity(svg.len() / 4);
    let mut in_tag = false;
    for c in svg.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let drawn: std::collections::HashSet<&str> = text.split_whitespace().collect();
    source
        .lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(arrow, _)| arrow.contains("->") || arrow.contains("-x") || arrow.contains("-)"))
        .flat_map(|(_, label)| label.split_whitespace())
        .all(|word| drawn.contains(word))
}

/// True when the markup of the SVG (its tags, not its text) holds `NaN` or `inf` as a number.
fn has_non_finite_number(svg: &str) -> bool {
    let mut in_tag = false;
    let mut tags = String::with_capacity(svg.len());
    for c in svg.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if in_tag => tags.push(c),
            _ => {}
        }
    }
    let separator =
        |c: Option<char>| c.is_none_or(|c| matches!(c, '"' | ' ' | ',' | '(' | ')' | '-'));
    ["NaN", "inf"].iter().any(|word| {
        tags.match_indices(word).any(|(at, _)| {
            separator(tags[..at].chars().next_back())
                && separator(tags[at + word.len()..].chars().next())
        })
    })
}

fn first_line(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// What the diagram is, for screen readers: from its first keyword.
fn kind(source: &str) -> &'static str {
    let first = source
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("%%"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or("");
    match first {
        "flowchart" | "graph" => "Flowchart",
        "sequenceDiagram" => "Sequence diagram",
        "classDiagram" | "classDiagram-v2" => "Class diagram",
        "stateDiagram" | "stateDiagram-v2" => "State diagram",
        "erDiagram" => "Entity relationship diagram",
        "gantt" => "Gantt chart",
        "pie" => "Pie chart",
        "journey" => "User journey",
        "gitGraph" => "Git graph",
        "mindmap" => "Mind map",
        "timeline" => "Timeline",
        _ => "Diagram",
    }
}

/// Takes the renderer's font list off every text element and returns it once, for the root: it is
/// inherited, and repeated it is a third of a diagram's bytes.
fn hoist_font(svg: &str) -> (String, String) {
    let Some(start) = svg.find(" font-family=\"") else {
        return (svg.to_string(), String::new());
    };
    let value_start = start + " font-family=\"".len();
    let Some(len) = svg[value_start..].find('"') else {
        return (svg.to_string(), String::new());
    };
    let attribute = &svg[start..value_start + len + 1];
    (svg.replace(attribute, ""), attribute.to_string())
}

/// Gives every `id` in the SVG the prefix, and every reference to one (`url(#x)`, `href="#x"`),
/// so two diagrams on one page never share an id.
fn prefix_ids(svg: &str, prefix: &str) -> String {
    let mut ids = Vec::new();
    let mut rest = svg;
    while let Some(at) = rest.find(" id=\"") {
        let value = &rest[at + 5..];
        let Some(end) = value.find('"') else { break };
        ids.push(&value[..end]);
        rest = &value[end..];
    }
    let mut out = svg.replace(" id=\"", &format!(" id=\"{prefix}"));
    // Longest first, so `arrow-1` is not rewritten inside `arrow-10`.
    ids.sort_by_key(|id| std::cmp::Reverse(id.len()));
    ids.dedup();
    for id in ids {
        for (from, to) in [
            (format!("url(#{id})"), format!("url(#{prefix}{id})")),
            (format!("href=\"#{id}\""), format!("href=\"#{prefix}{id}\"")),
        ] {
            if out.contains(&from) {
                out = out.replace(&from, &to);
            }
        }
    }
    out
}

fn escape(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape_html_body_text(out, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagram_is_inline_svg_with_its_source_as_text() {
        let html = diagram("flowchart LR\n  A[Start] --> B[End]\n", 2).unwrap();
        assert!(html.starts_with("<figure class=\"mermaid-diagram\"><div class=\"diagram-scroll\"><svg class=\"diagram\" role=\"img\" aria-label=\"Flowchart\" aria-describedby=\"d2-source\" "), "{html}");
        assert!(html.contains("viewBox=\""), "{html}");
        assert!(html.contains(">Start<") && html.contains(">End<"), "{html}");
        assert!(html.ends_with("<details class=\"diagram-source\"><summary>Diagram source</summary><pre id=\"d2-source\"><code class=\"language-mermaid\">flowchart LR\n  A[Start] --&gt; B[End]\n</code></pre></details></figure>\n"), "{html}");
    }

    #[test]
    fn the_font_is_given_once_on_the_root() {
        let html = diagram("flowchart LR\n  A[One] --> B[Two]\n", 0).unwrap();
        assert_eq!(html.matches(" font-family=").count(), 1, "{html}");
        let root = &html[html.find("<svg").unwrap()..];
        let root = &root[..root.find('>').unwrap()];
        assert!(root.contains(" font-family=\"Inter,"), "{root}");
    }

    #[test]
    fn author_text_in_labels_is_escaped() {
        let html = diagram(
            "flowchart LR\n  A[\"<script>alert(1)</script>\"] --> B[\"a & b <img src=x onerror=alert(1)>\"]\n",
            0,
        )
        .unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn ids_are_unique_per_diagram_and_references_follow() {
        let source = "flowchart LR\n  A --> B\n  B --> C\n";
        let html = diagram(source, 7).unwrap();
        let ids: Vec<&str> = html.split(" id=\"").skip(1).collect();
        assert!(!ids.is_empty());
        assert!(ids.iter().all(|id| id.starts_with("d7-")), "{html}");
        assert!(!html.contains("url(#arrow"), "{html}");
        if html.contains("url(#") {
            assert!(html.contains("url(#d7-"), "{html}");
        }
    }

    #[test]
    fn what_cannot_be_drawn_is_an_error_and_falls_back_to_its_source() {
        assert!(matches!(
            diagram("notADiagram\n  x --> y\n", 0),
            Err(DiagramError::Syntax(_))
        ));
        assert_eq!(
            fallback("graph TD\n  A-->B<\n"),
            "<figure class=\"mermaid-diagram diagram-fallback\"><pre class=\"mermaid\">graph TD\n  A--&gt;B&lt;\n</pre><figcaption class=\"diagram-note\">This diagram could not be drawn; its Mermaid source is shown instead.</figcaption></figure>\n"
        );
    }

    #[test]
    fn constructs_drawn_wrong_fall_back() {
        let cases = [
            ("classDiagram\n  A --> B : uses\n", true),
            ("sequenceDiagram\n  L->>L: reader callback sets the Future's result\n", true),
            ("sequenceDiagram\n  L->>L: short_name_only(x)\n  A->>B: a long label between two participants\n", false),
            ("flowchart TD\n  A --> B\n", false),
            ("sequenceDiagram\n  S->>R: sent\n  S-xR: lost on the way\n", true),
            ("sequenceDiagram\n  S->>R: a <b> & \"c\"\n  R-->>S: d\n", false),
        ];
        for (source, wrong) in cases {
            assert_eq!(
                matches!(diagram(source, 0), Err(DiagramError::DrawnWrong(_))),
                wrong,
                "{source}"
            );
        }
    }

    #[test]
    fn non_finite_coordinates_are_caught_but_words_are_not() {
        assert!(has_non_finite_number("<path d=\"M 0,NaN L 1,2\"/>"));
        assert!(has_non_finite_number("<rect width=\"inf\" x=\"-inf\"/>"));
        assert!(!has_non_finite_number(
            "<text data-id=\"info\">NaN inf</text>"
        ));
    }

    #[test]
    fn the_same_source_gives_the_same_bytes() {
        let source =
            "sequenceDiagram\n  participant C as Client\n  C->>S: hello\n  S-->>C: world\n";
        assert_eq!(diagram(source, 1), diagram(source, 1));
    }
}
