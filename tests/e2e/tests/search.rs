//! Search on a release build: the header's field with results as the reader types, the keyboard, the
//! search page's address and filters, the sub-path, and what happens when the index is missing.

use fantoccini::key::Key;
use quire_e2e::{read_json, site_dir, Browser, Server};
use serde_json::Value;

/// A word that occurs only inside a code block (a Python function name) of one sample post.
const CODE_WORD: &str = "hash_password";
const CODE_POST: &str = "password-hashing-in-2025";

fn site() -> (std::path::PathBuf, Server) {
    let dir = site_dir("QUIRE_E2E_SITE");
    let server = Server::start(&dir, "/");
    (dir, server)
}

/// Requests for anything of search so far: Pagefind's script, wasm and index files.
const SEARCH_REQUESTS: &str = "return performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/pagefind/')).length";

async fn type_in_field(browser: &Browser, text: &str) {
    let field = browser.find("#site-search").await;
    field.click().await.expect("focus the field");
    field.send_keys(text).await.expect("type");
}

/// The hrefs of the header's results, in order, once they are there.
async fn header_results(browser: &Browser) -> Vec<String> {
    browser
        .wait_until(
            "results under the field",
            "return document.querySelectorAll('#site-search-results .search-hit').length > 0",
        )
        .await;
    let hrefs = browser
        .eval("return [...document.querySelectorAll('#site-search-results .search-hit a')].map(a => a.getAttribute('href'))")
        .await;
    hrefs
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn a_word_only_in_code_finds_its_post_first_and_nothing_loads_before_focus() {
    let (_dir, server) = site();
    let browser = Browser::start(true).await;
    browser
        .goto(&server.url(&format!("posts/{CODE_POST}/")))
        .await;
    browser.wait_for_app().await;
    assert_eq!(
        browser.eval(SEARCH_REQUESTS).await,
        Value::from(0),
        "nothing of search is downloaded before the field has the focus"
    );
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    browser.record_errors().await;
    // Pagefind's script, worker and wasm run under the site's policy.
    browser
        .eval("window.__violations = []; addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); return true")
        .await;
    type_in_field(&browser, CODE_WORD).await;
    let results = header_results(&browser).await;
    assert_eq!(results[0], format!("/posts/{CODE_POST}/"), "{results:?}");
    assert_eq!(
        browser.eval("return window.__violations").await,
        serde_json::json!([]),
        "search breaks the site's policy"
    );
    // The matched word is marked, as text: the excerpt never becomes other markup.
    let marked = browser
        .eval("return [...document.querySelectorAll('#site-search-results .search-hit:first-child mark')].map(m => m.textContent)")
        .await;
    assert!(
        marked.as_array().unwrap().iter().any(|m| m
            .as_str()
            .unwrap_or_default()
            .to_lowercase()
            .contains("hash")),
        "{marked}"
    );
    let meta = browser
        .text("#site-search-results .search-hit:first-child .search-hit__meta")
        .await;
    assert!(meta.contains("20"), "the date shows: {meta}");
    assert!(
        browser.errors().await.is_empty(),
        "{:?}",
        browser.errors().await
    );
    browser.close().await;
}

#[tokio::test]
async fn a_word_from_a_title_finds_that_post() {
    let (dir, server) = site();
    let index = read_json(&dir, "data/index.json");
    let post = &index["posts"][3];
    let title = post["title"].as_str().unwrap();
    // The title's longest word: rare enough to find the post first.
    let word = title
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.len())
        .unwrap();
    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    type_in_field(&browser, word).await;
    let results = header_results(&browser).await;
    let slug = post["slug"].as_str().unwrap();
    assert!(
        results
            .iter()
            .take(3)
            .any(|r| r == &format!("/posts/{slug}/")),
        "{word:?} from {title:?} finds it near the top: {results:?}"
    );
    browser.close().await;
}

#[tokio::test]
async fn keyboard_only_slash_arrows_enter_and_escape() {
    let (_dir, server) = site();
    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    // `/` from the page focuses the field.
    browser.find("body").await.send_keys("/").await.unwrap();
    browser
        .wait_until(
            "the field to have the focus",
            "return document.activeElement?.id === 'site-search'",
        )
        .await;
    let field = browser.find("#site-search").await;
    field.send_keys("tcp").await.unwrap();
    let results = header_results(&browser).await;
    // Escape closes the panel, ArrowDown opens it again with the first result chosen.
    field.send_keys(&Key::Escape.to_string()).await.unwrap();
    browser
        .wait_until(
            "the panel to close",
            "return !document.getElementById('site-search-results')",
        )
        .await;
    field.send_keys(&Key::Down.to_string()).await.unwrap();
    field.send_keys(&Key::Down.to_string()).await.unwrap();
    browser
        .wait_until(
            "the second result chosen",
            "return document.getElementById('site-search').getAttribute('aria-activedescendant') === 'site-search-option-1'",
        )
        .await;
    field.send_keys(&Key::Up.to_string()).await.unwrap();
    field.send_keys(&Key::Enter.to_string()).await.unwrap();
    let expected = results[0].clone();
    browser
        .wait_until(
            "the first result's page",
            &format!(
                "return location.pathname === {}",
                Value::from(expected.clone())
            ),
        )
        .await;
    browser.wait_for_app().await;
    assert!(browser.find(".post-title").await.text().await.is_ok());
    // Enter with no result chosen goes to the search page.
    let field = browser.find("#site-search").await;
    field.click().await.unwrap();
    field.send_keys("latency").await.unwrap();
    field.send_keys(&Key::Enter.to_string()).await.unwrap();
    browser
        .wait_until(
            "the search page",
            "return location.pathname === '/search/' && location.search === '?q=latency'",
        )
        .await;
    browser.find(".search-page .search-hit").await;
    browser.close().await;
}

#[tokio::test]
async fn the_search_page_opened_directly_and_filtered_by_category() {
    let (dir, server) = site();
    let browser = Browser::start(true).await;
    browser.goto(&server.url("search/?q=tcp")).await;
    browser.wait_for_app().await;
    browser.find(".search-page .search-hit").await;
    let count = browser.text(".search-page__count").await;
    let all: usize = count.split(' ').next().unwrap().parse().unwrap_or(1);
    assert!(all >= 2, "several posts mention tcp: {count}");
    assert_eq!(
        browser
            .eval("return document.getElementById('site-search').value")
            .await,
        Value::from("tcp"),
        "the field shows the page's query"
    );
    // Narrow to the category of the first result.
    let index = read_json(&dir, "data/index.json");
    let first = browser
        .eval("return document.querySelector('.search-page .search-hit a').getAttribute('href')")
        .await;
    let slug = first
        .as_str()
        .unwrap()
        .trim_start_matches("/posts/")
        .trim_end_matches('/')
        .to_string();
    let post = index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == slug.as_str())
        .unwrap();
    let category = post["category"]["name"].as_str().unwrap().to_string();
    let in_category: Vec<String> = index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["category"]["name"] == category.as_str())
        .map(|p| format!("/posts/{}/", p["slug"].as_str().unwrap()))
        .collect();
    browser
        .click(&format!(
            ".search-filter[aria-label='Filter by category'] a[href*='category={}']",
            quire_content::search::encode_component(&category)
        ))
        .await;
    browser
        .wait_until(
            "the filtered address",
            "return location.search.includes('category=')",
        )
        .await;
    browser
        .wait_until("the filtered results", "return !!document.querySelector('.search-filter a[aria-current][href*=\"category=\"]')")
        .await;
    browser.find(".search-page .search-hit").await;
    let hrefs = browser
        .eval("return [...document.querySelectorAll('.search-page .search-hit a')].map(a => a.getAttribute('href'))")
        .await;
    let hrefs: Vec<String> = hrefs
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect();
    assert!(!hrefs.is_empty());
    assert!(
        hrefs.iter().all(|h| in_category.contains(h)),
        "only {category}: {hrefs:?}"
    );
    // Reloading the address gives the same page.
    let url = browser.url().await;
    browser.goto(&url).await;
    browser.wait_for_app().await;
    browser.find(".search-page .search-hit").await;
    browser.close().await;
}

#[tokio::test]
async fn without_javascript_the_field_is_a_form_to_the_search_page() {
    let (_dir, server) = site();
    let browser = Browser::start(false).await;
    browser.goto(&server.url("")).await;
    let field = browser.find("#site-search").await;
    field.send_keys("tcp").await.unwrap();
    field.send_keys(&Key::Enter.to_string()).await.unwrap();
    browser.find(".search-page h1").await;
    let url = browser.url().await;
    assert!(url.ends_with("/search/?q=tcp"), "{url}");
    assert!(browser
        .text(".search-page__note")
        .await
        .contains("JavaScript"));
    browser.close().await;
}

#[tokio::test]
async fn under_a_sub_path_results_and_the_index_come_from_it() {
    let dir = site_dir("QUIRE_E2E_SITE_BLOG");
    let server = Server::start(&dir, "/blog/");
    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    type_in_field(&browser, CODE_WORD).await;
    let results = header_results(&browser).await;
    assert_eq!(
        results[0],
        format!("/blog/posts/{CODE_POST}/"),
        "{results:?}"
    );
    let outside = browser
        .eval("return performance.getEntriesByType('resource').filter(e => e.name.includes('pagefind') && !e.name.includes('/blog/pagefind/')).map(e => e.name)")
        .await;
    assert_eq!(
        outside,
        serde_json::json!([]),
        "every index file from under /blog/"
    );
    browser.click("#site-search-results .search-hit a").await;
    browser
        .wait_until(
            "the post under /blog/",
            &format!("return location.pathname === '/blog/posts/{CODE_POST}/'"),
        )
        .await;
    browser.wait_for_app().await;
    browser.goto(&server.url("search/?q=tcp")).await;
    browser.wait_for_app().await;
    // The page loads its results once the app runs: wait for them.
    browser.find(".search-page .search-hit").await;
    let first = browser
        .eval("return document.querySelector('.search-page .search-hit a').getAttribute('href')")
        .await;
    assert!(
        first.as_str().unwrap().starts_with("/blog/posts/"),
        "{first}"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_missing_index_gives_a_sentence_and_a_way_out() {
    let (_dir, server) = site();
    server.fail("pagefind/pagefind.js", 404);
    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    type_in_field(&browser, "tcp").await;
    browser.find("#site-search-results .search-failure").await;
    let text = browser.text("#site-search-results .search-failure").await;
    assert!(text.contains("could not be loaded"), "{text}");
    browser
        .find("#site-search-results .search-failure a[href='/']")
        .await;
    // Once the index is back, Try again finds results.
    server.heal();
    browser
        .click("#site-search-results .search-failure button")
        .await;
    header_results(&browser).await;
    browser.close().await;
}
