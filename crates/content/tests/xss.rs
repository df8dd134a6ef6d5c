//! Public XSS vector lists (DOMPurify's fixtures, html5sec.org, OWASP's filter evasion cheat sheet; see
//! `xss/README.md`) through everything an author's text reaches: the Markdown renderer in every mode
//! (as the body, as a link and as an image destination), and titles, descriptions, tags and names
//! into the static pages' head tags and JSON-LD. The output is read by a real HTML5 parser (the one
//! Servo uses), so the test sees the elements and attributes a browser would build, and asserts that
//! none of them can run script.

// Only the site builder is used here; the fuzz targets run in `fuzz_corpus.rs`.
#[allow(dead_code)]
#[path = "../../../fuzz/src/lib.rs"]
mod harness;

use quire_content::markdown::{render_html, RenderOptions};
use quire_content::model::SiteMeta;
use quire_content::pages;
use scraper::{Html, Node};

/// Every payload of the three lists.
fn payloads() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xss");
    let mut all = Vec::new();
    for (file, at_least) in [
        ("dompurify.json", 200),
        ("h5sc.json", 140),
        ("owasp.json", 300),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let list: Vec<String> = serde_json::from_str(&text).unwrap();
        assert!(
            list.len() >= at_least,
            "{file} holds {} payloads",
            list.len()
        );
        all.extend(list);
    }
    all
}

/// Elements that run script, load a document or plugin, or change how the page resolves URLs.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "style",
    "portal",
    "animate",
    "animatemotion",
    "animatetransform",
    "set",
    "handler",
    "listener",
];

/// Attributes a browser navigates to or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "codebase",
    "dynsrc",
    "lowsrc",
];

/// A URL that runs script or makes a document of the attacker's choosing, as a browser reads it:
/// leading spaces and controls skipped, tabs and line breaks anywhere ignored, any case.
fn is_script_url(value: &str) -> bool {
    let url: String = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "vbscript:", "data:", "livescript:", "mocha:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

/// What in `html` (parsed as a browser parses it) could run script; empty when nothing can.
/// `allowed_scripts` are the page's own `<script>` elements, by their exact text; `document` says
/// `html` is a whole page rather than a fragment of a post.
fn executing_constructs(html: &Html, document: bool, allowed_scripts: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for node in html.tree.nodes() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        let name = element.name().to_ascii_lowercase();
        if name == "script" {
            let text: String = node
                .children()
                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                .collect();
            match element.attr("type") {
                // Data blocks do not run; a payload that broke out of one would leave text that
                // is not JSON (and its own element, found on its own).
                Some("application/ld+json") | Some("application/json") => {
                    if serde_json::from_str::<serde_json::Value>(&text).is_err() {
                        found.push(format!("a data block that is not JSON: {text}"));
                    }
                }
                _ if allowed_scripts.contains(&text.as_str()) => {}
                _ => found.push(format!("<script>{text}</script>")),
            }
            continue;
        }
        // A page's head keeps its description, OpenGraph and canonical tags: there only
        // `<meta http-equiv>` acts, and `<link>` is checked as a URL below.
        let head_tag = document && matches!(name.as_str(), "meta" | "link");
        if FORBIDDEN_ELEMENTS.contains(&name.as_str()) && !head_tag {
            found.push(format!("<{name}>"));
        }
        for (attr, value) in element.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") || attr == "srcdoc" {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) && is_script_url(value) {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
            if attr == "style" {
                let css = value.to_ascii_lowercase();
                if css.contains("javascript:") || css.contains("expression(") {
                    found.push(format!("<{name} style={value:?}>"));
                }
            }
            if name == "meta" && attr == "http-equiv" {
                found.push(format!("<meta http-equiv={value:?}>"));
            }
        }
    }
    found
}

#[test]
fn the_checker_sees_what_runs() {
    for html in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\" JaVa&#x09;script:alert(1)\">x</a>",
        "<form><button formaction=javascript:alert(1)>x</button></form>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD4=\"></object>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<div style=\"width: expression(alert(1))\">x</div>",
    ] {
        assert!(
            !executing_constructs(&Html::parse_fragment(html), false, &[]).is_empty(),
            "{html} passes the check"
        );
    }
    let page = "<!DOCTYPE html><html><head><title>t</title>\
        <script type=\"application/ld+json\">{\"a\": \"</script><script>alert(1)//\"}</script>\
        </head><body></body></html>";
    let found = executing_constructs(&Html::parse_document(page), true, &[]);
    assert_eq!(
        found.len(),
        2,
        "a JSON-LD broken open and the script after it: {found:?}"
    );
}

#[test]
fn no_payload_survives_the_renderer() {
    let mut failures = Vec::new();
    for payload in payloads() {
        // One line, so a URL payload stays a URL; `<>` keeps spaces inside a destination.
        let one_line = payload.replace(['\n', '\r'], " ");
        let inputs = [
            payload.clone(),
            format!("[link](<{one_line}>)"),
            format!("![image](<{one_line}>)"),
        ];
        for markdown in &inputs {
            for trusted_html in [false, true] {
                for base in ["/", "/blog/"] {
                    let html = render_html(
                        markdown,
                        &RenderOptions {
                            base,
                            slug: "post",
                            trusted_html,
                            blocks: &[],
                        },
                    );
                    let found = executing_constructs(&Html::parse_fragment(&html), false, &[]);
                    if !found.is_empty() {
                        failures.push(format!(
                            "trusted_html={trusted_html} {markdown:?}\n  -> {html:?}\n  kept {found:?}"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} renderings keep something that runs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_payload_survives_the_page_head() {
    // The template's own scripts: the theme script and trunk's loader.
    let own_scripts: Vec<String> = {
        let template = Html::parse_document(harness::TEMPLATE);
        template
            .tree
            .nodes()
            .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "script"))
            .map(|n| {
                n.children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect()
            })
            .collect()
    };
    let own: Vec<&str> = own_scripts.iter().map(String::as_str).collect();
    assert_eq!(own.len(), 2, "the template has its two scripts");
    let mut failures = Vec::new();
    for (n, payload) in payloads().into_iter().enumerate() {
        let site = SiteMeta {
            title: payload.clone(),
            description: payload.clone(),
            base_url: "https://example.com".to_string(),
            author: payload.clone(),
            language: "en".to_string(),
            trusted_html: n % 2 == 0,
        };
        let tags = [payload.clone(), format!("t {payload}")];
        let (index, posts) = harness::site_with(
            site,
            &payload,
            &payload,
            &tags,
            &payload,
            &payload,
            &payload,
            payload.clone(),
        );
        let body = harness::plain_body(&index, "/");
        let files = pages::html_pages(harness::TEMPLATE, &index, &posts, "/", &body).unwrap();
        for file in files {
            let found = executing_constructs(&Html::parse_document(&file.contents), true, &own);
            if !found.is_empty() {
                failures.push(format!("{} for {payload:?}: {found:?}", file.path));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} pages keep something that runs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
