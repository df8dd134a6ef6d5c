//! Runs the examples of `specs/markdown.md`: each example's Markdown is rendered, and the HTML must be
//! exactly the HTML written after its `.` line.

use quire_content::markdown::{render_html, RenderOptions};

const FENCE: &str = "````````````````````````````````";
/// The last line of an example whose HTML ends without a newline.
const NO_FINAL_NEWLINE: &str = "== no final newline";

/// One example: where it starts in the spec, the section it is in, its options, Markdown and HTML.
#[derive(Debug)]
struct Example {
    line: usize,
    section: String,
    base: String,
    trusted_html: bool,
    markdown: String,
    html: String,
}

/// The `example` blocks of a spec, in order.
fn parse_spec(spec: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = spec.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading.to_string();
        }
        let Some(kind) = line.strip_prefix(FENCE).map(str::trim) else {
            continue;
        };
        assert_eq!(kind, "example", "spec line {}: unknown block", n + 1);
        let mut example = Example {
            line: n + 1,
            section: section.clone(),
            base: "/".to_string(),
            trusted_html: false,
            markdown: String::new(),
            html: String::new(),
        };
        let mut markdown: Vec<&str> = Vec::new();
        let mut html: Option<Vec<&str>> = None;
        let mut final_newline = true;
        let mut closed = false;
        for (m, line) in lines.by_ref() {
            if line == FENCE {
                closed = true;
                break;
            }
            assert!(
                final_newline,
                "spec line {}: text after {NO_FINAL_NEWLINE:?}",
                m + 1
            );
            if let Some(options) = line.strip_prefix("== options: ") {
                assert!(
                    markdown.is_empty() && html.is_none(),
                    "spec line {}: options go on the example's first line",
                    m + 1
                );
                parse_options(options, &mut example, m + 1);
            } else if line == NO_FINAL_NEWLINE && html.is_some() {
                final_newline = false;
            } else if line.starts_with("== ") {
                panic!("spec line {}: unknown line {line:?}", m + 1);
            } else if line == "." && html.is_none() {
                html = Some(Vec::new());
            } else if let Some(html) = &mut html {
                html.push(line);
            } else {
                markdown.push(line);
            }
        }
        assert!(closed, "spec line {}: the example is never closed", n + 1);
        let html =
            html.unwrap_or_else(|| panic!("spec line {}: no `.` line before the HTML", n + 1));
        example.markdown = markdown.join("\n").replace('→', "\t");
        example.html = html
            .iter()
            .map(|line| format!("{line}\n"))
            .collect::<String>()
            .replace('→', "\t");
        if !final_newline {
            example.html.pop();
        }
        examples.push(example);
    }
    examples
}

fn parse_options(text: &str, example: &mut Example, line: usize) {
    for option in text.split(',').map(str::trim) {
        match option.split_once(' ') {
            None if option == "trusted" => example.trusted_html = true,
            Some(("base", base)) => example.base = base.to_string(),
            _ => panic!("spec line {line}: unknown option {option:?}"),
        }
    }
}

fn render(example: &Example) -> String {
    render_html(
        &example.markdown,
        &RenderOptions {
            base: &example.base,
            slug: "my-post",
            trusted_html: example.trusted_html,
            blocks: &[],
        },
    )
}

/// Text as the spec writes it, indented: `→` for a tab, and the `== no final newline` line when the
/// text does not end in a newline. So a difference in the last newline shows, and the HTML the
/// renderer wrote can be copied into the spec as it is.
fn as_written(text: &str, html: bool) -> String {
    let text = text.replace('\t', "→");
    let mut lines: Vec<&str> = text.split('\n').collect();
    if html {
        if text.ends_with('\n') {
            lines.pop();
        } else {
            lines.push(NO_FINAL_NEWLINE);
        }
    }
    lines
        .iter()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn markdown_spec() {
    let spec = include_str!("../specs/markdown.md");
    let examples = parse_spec(spec);
    assert!(examples.len() >= 54, "{} examples read", examples.len());
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|example| {
            let got = render(example);
            (got != example.html).then(|| {
                format!(
                    "specs/markdown.md:{} ({}):\n  markdown:\n{}\n  expected:\n{}\n  got:\n{}",
                    example.line,
                    example.section,
                    as_written(&example.markdown, false),
                    as_written(&example.html, true),
                    as_written(&got, true)
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} examples differ:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}

#[test]
fn the_spec_reader_sees_options_markdown_and_html() {
    let spec = format!(
        "text\n## Links\n{FENCE} example\n== options: base /blog/, trusted\n→a\n\n.\n.\n\n<p>\n== no final newline\n{FENCE}\n{FENCE} example\nb\n.\n<p>b</p>\n{FENCE}\n"
    );
    let examples = parse_spec(&spec);
    assert_eq!(examples.len(), 2);
    let e = &examples[0];
    assert_eq!((e.line, e.section.as_str()), (3, "Links"));
    assert_eq!((e.base.as_str(), e.trusted_html), ("/blog/", true));
    assert_eq!(
        (e.markdown.as_str(), e.html.as_str()),
        ("\ta\n", ".\n\n<p>")
    );
    let e = &examples[1];
    assert_eq!((e.line, e.base.as_str(), e.trusted_html), (13, "/", false));
    assert_eq!((e.markdown.as_str(), e.html.as_str()), ("b", "<p>b</p>\n"));
}
