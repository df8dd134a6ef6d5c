//! What a technical article carries besides its text: highlighted code with copy buttons, diagrams
//! drawn at build time, a table of contents that follows the reader, the series and related posts.

use quire_e2e::{read_json, site_dir, Browser, Server};
use serde_json::Value;

fn titles(list: &Value) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|p| p["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The last part of a series with a table of contents: every feature shows on one page.
fn showcase(dir: &std::path::Path) -> Value {
    let index = read_json(dir, "data/index.json");
    index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            read_json(
                dir,
                &format!("data/posts/{}.json", p["slug"].as_str().unwrap()),
            )
        })
        .find(|post| {
            let nav = &post["series_nav"];
            nav.is_object()
                && nav["current"].as_u64().map(|c| c as usize + 1)
                    == nav["parts"].as_array().map(Vec::len)
                && post["headings"].as_array().is_some_and(|h| h.len() >= 3)
                && !titles(&post["related"]).is_empty()
        })
        .expect("a sample post that ends a series, has sections and related posts")
}

#[tokio::test]
async fn an_article_has_contents_series_related_posts_and_copyable_highlighted_code() {
    let dir = site_dir("QUIRE_E2E_SITE");
    let server = Server::start(&dir, "/");
    let post = showcase(&dir);
    let slug = post["meta"]["slug"].as_str().unwrap();
    let browser = Browser::start(true).await;
    browser.record_errors().await;
    browser.goto(&server.url(&format!("posts/{slug}/"))).await;
    browser.wait_for_app().await;

    // Code is highlighted at build time, by class.
    let keywords = browser
        .eval("return document.querySelectorAll('.prose .code-block .hl-kw').length")
        .await;
    assert!(
        keywords.as_u64().unwrap_or(0) > 0,
        "no highlighted keyword in {slug}"
    );

    // The copy button shows once the app runs, and copies.
    let shown = browser
        .eval("const b = document.querySelector('.code-copy'); return !!b && b.getBoundingClientRect().width > 0")
        .await;
    assert_eq!(shown, Value::Bool(true), "the copy button shows in the app");
    browser.click(".code-copy").await;
    browser.wait_for_text(".code-copy", "Copied").await;
    let copied = browser
        .eval("return navigator.clipboard.readText().catch(e => 'unreadable: ' + e)")
        .await;
    let first_code = browser
        .eval("return document.querySelector('.code-block pre').textContent")
        .await;
    if let Some(text) = copied.as_str().filter(|t| !t.starts_with("unreadable")) {
        assert_eq!(
            Value::from(text),
            first_code,
            "the clipboard holds the block's code"
        );
    }

    // Contents: the sections, and the one being read is marked as the reader scrolls.
    let contents = browser
        .eval("return [...document.querySelectorAll('.toc a')].map(a => a.textContent)")
        .await;
    let sections: Vec<Value> = post["headings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| matches!(h["level"].as_u64(), Some(2 | 3)))
        .map(|h| h["text"].clone())
        .collect();
    assert_eq!(contents, Value::Array(sections.clone()));
    let visible = browser
        .eval("return document.querySelector('.toc__list').getBoundingClientRect().height > 0")
        .await;
    assert_eq!(
        visible,
        Value::Bool(true),
        "beside the text on a wide screen, the list is open"
    );
    let second = post["headings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| matches!(h["level"].as_u64(), Some(2 | 3)))
        .nth(1)
        .unwrap();
    browser
        .eval(&format!(
            "document.getElementById({}).scrollIntoView(); return true",
            second["id"]
        ))
        .await;
    browser
        .wait_for_text(".toc a[aria-current]", second["text"].as_str().unwrap())
        .await;

    // The series: every part in order, this one marked, and back to the first after the last.
    let nav = &post["series_nav"];
    let parts = browser
        .eval(
            "return [...document.querySelectorAll('.series__parts li')].map(li => li.textContent)",
        )
        .await;
    assert_eq!(
        parts,
        Value::Array(titles(&nav["parts"]).into_iter().map(Value::from).collect())
    );
    assert_eq!(
        browser.text(".series__parts [aria-current=page]").await,
        post["meta"]["title"].as_str().unwrap()
    );
    let first = nav["parts"][0]["slug"].as_str().unwrap();
    let again = browser
        .eval("return new URL(document.querySelector('.series__next a').href).pathname")
        .await;
    assert_eq!(again, Value::from(format!("/posts/{first}/")));

    // Related posts, as chosen at build time.
    let related = browser
        .eval("return [...document.querySelectorAll('.related a')].map(a => a.textContent)")
        .await;
    assert_eq!(
        related,
        Value::Array(
            titles(&post["related"])
                .into_iter()
                .map(Value::from)
                .collect()
        )
    );

    assert_eq!(browser.errors().await, Vec::<String>::new());
    browser.close().await;
}

#[tokio::test]
async fn diagrams_are_drawn_with_their_source_as_a_text_alternative() {
    let dir = site_dir("QUIRE_E2E_SITE");
    let server = Server::start(&dir, "/");
    let browser = Browser::start(true).await;
    browser.goto(&server.url("posts/tls-13-handshake/")).await;
    browser.wait_for_app().await;
    let diagram = browser
        .eval(
            "const svg = document.querySelector('.mermaid-diagram svg[role=img]');
             const source = svg && document.getElementById(svg.getAttribute('aria-describedby'));
             return svg ? [svg.getBoundingClientRect().width > 100, !!source && source.textContent.includes('sequenceDiagram')] : null",
        )
        .await;
    assert_eq!(diagram, serde_json::json!([true, true]));
    browser.set_window(390, 800).await;
    let fits = browser
        .eval("const f = document.querySelector('.mermaid-diagram'); return f.getBoundingClientRect().right <= document.documentElement.clientWidth")
        .await;
    assert_eq!(fits, Value::Bool(true), "the diagram fits a phone's width");
    browser.close().await;
}
