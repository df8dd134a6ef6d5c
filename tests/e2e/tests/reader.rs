//! What a reader does on a release build served by a plain static server, in headless Chromium.

use quire_e2e::{read_json, site_dir, Browser, Server};
use serde_json::Value;

/// The post the sample site uses to show tables, footnotes and code.
const RICH_POST: &str = "serialization-formats-compared";

fn site() -> (std::path::PathBuf, Server) {
    let dir = site_dir("QUIRE_E2E_SITE");
    let server = Server::start(&dir, "/");
    (dir, server)
}

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn home_shows_the_site_title_and_newest_posts() {
    let (dir, server) = site();
    let index = read_json(&dir, "data/index.json");
    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;

    assert_eq!(
        browser.text(".app .site-title").await,
        str_of(&index["site"]["title"])
    );
    browser.find(".post-card").await;
    let first = browser.text(".post-card__title").await;
    assert_eq!(first, str_of(&index["posts"][0]["title"]));
    let cards = browser
        .eval("return document.querySelectorAll('.post-card').length")
        .await;
    let total = index["posts"].as_array().unwrap().len();
    assert_eq!(
        cards.as_u64().unwrap() as usize,
        total.min(20),
        "one page of posts"
    );
    let title = browser.eval("return document.title").await;
    assert_eq!(str_of(&title), str_of(&index["site"]["title"]));
    browser.close().await;
}

#[tokio::test]
async fn category_then_article_then_back_lands_where_the_reader_was() {
    let (dir, server) = site();
    let index = read_json(&dir, "data/index.json");
    let category = index["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["count"].as_u64().unwrap_or(0) >= 2)
        .expect("a category with two posts")
        .clone();
    let slug = str_of(&category["slug"]);
    let expected: Vec<String> = index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["category"]["slug"] == category["slug"])
        .map(|p| str_of(&p["title"]))
        .collect();

    let browser = Browser::start(true).await;
    browser.set_window(1280, 700).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;

    browser
        .click(&format!(".category-bar a[href$='category/{slug}/']"))
        .await;
    browser
        .wait_for_text(".list-header h1", category["name"].as_str().unwrap())
        .await;
    let titles = browser
        .eval("return [...document.querySelectorAll('.post-card__title')].map(e => e.textContent)")
        .await;
    let titles: Vec<String> = titles.as_array().unwrap().iter().map(str_of).collect();
    assert_eq!(titles, expected, "only the category's posts, newest first");
    let current = browser
        .eval("return document.querySelector('.category-bar a[aria-current=page]').getAttribute('href')")
        .await;
    assert!(str_of(&current).ends_with(&format!("category/{slug}/")));
    assert!(browser.url().await.ends_with(&format!("/category/{slug}/")));
    // The switch loaded that one page of the category's list, and never the whole index.
    let fetched = browser
        .eval("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/data/'))")
        .await;
    assert_eq!(
        fetched,
        serde_json::json!([format!("/data/lists/category/{slug}/1.json")]),
        "one small file for the switch"
    );

    // Scroll down to the last card, open it, then come back.
    let last = expected.last().unwrap().clone();
    browser
        .eval("const c = [...document.querySelectorAll('.post-card')].pop(); c.scrollIntoView(); return true")
        .await;
    let y_before = browser
        .eval("return Math.round(window.scrollY)")
        .await
        .as_f64()
        .unwrap();
    browser
        .eval("[...document.querySelectorAll('.post-card__title a')].pop().click(); return true")
        .await;
    browser.wait_for_text(".post-title", &last).await;
    let y_article = browser
        .eval("return window.scrollY")
        .await
        .as_f64()
        .unwrap();
    assert_eq!(y_article, 0.0, "a new page starts at the top");

    browser.client.back().await.unwrap();
    browser.find(".list-header h1").await;
    browser
        .wait_until(
            "the scroll position to come back",
            &format!("return Math.abs(window.scrollY - {y_before}) < 2"),
        )
        .await;
    assert!(browser.url().await.ends_with(&format!("/category/{slug}/")));
    browser.close().await;
}

#[tokio::test]
async fn an_article_renders_its_table_footnotes_and_code() {
    let (_, server) = site();
    let browser = Browser::start(true).await;
    browser
        .goto(&server.url(&format!("posts/{RICH_POST}/")))
        .await;
    browser.find(".prose").await;
    browser.find(".prose .table-wrap table th").await;
    browser.find(".prose pre code[class^='language-']").await;
    // Every footnote reference leads to a note, and every note leads back.
    let footnotes = browser
        .eval(
            "const refs = [...document.querySelectorAll('.prose sup.footnote-ref a')];
             return refs.length > 0 && refs.every(a => new URL(a.href).pathname === location.pathname &&
                 document.getElementById(new URL(a.href).hash.slice(1)) &&
                 document.querySelector(`.footnotes a[href$='#${a.id}']`))",
        )
        .await;
    assert_eq!(footnotes, Value::Bool(true), "footnotes link both ways");
    // Following a footnote stays on the article and brings the note into view (scrolled to the very
    // top, subpixel layout may leave it a fraction of a pixel above it).
    browser
        .eval("document.querySelector('.prose sup.footnote-ref a').click(); return true")
        .await;
    browser
        .wait_until(
            "the footnote in view",
            "const id = location.hash.slice(1); const note = id && document.getElementById(id);
             return !!note && note.getBoundingClientRect().top > -1 &&
                 note.getBoundingClientRect().top < innerHeight && !!document.querySelector('.post-title')",
        )
        .await;
    assert!(
        browser
            .url()
            .await
            .contains(&format!("/posts/{RICH_POST}/#fn-")),
        "still on the article: {}",
        browser.url().await
    );
    let back = browser.text(".post-back a").await;
    assert!(back.contains("All articles"));
    browser.close().await;
}

#[tokio::test]
async fn an_unknown_slug_and_an_unknown_path_show_not_found() {
    let (_, server) = site();
    let browser = Browser::start(true).await;
    for path in ["posts/no-such-post/", "nowhere/at/all"] {
        // The static server has no fallback: load the app from the root, then navigate inside it.
        browser.goto(&server.url("")).await;
        browser.wait_for_app().await;
        browser
            .eval(&format!(
                "history.pushState(null, '', '/{path}'); dispatchEvent(new PopStateEvent('popstate')); return true"
            ))
            .await;
        assert_eq!(
            browser.text(".not-found h1").await,
            "Page not found",
            "{path}"
        );
        let home = browser
            .find(".not-found a")
            .await
            .attr("href")
            .await
            .unwrap();
        assert_eq!(home.as_deref(), Some("/"));
    }
    // Opened directly, the host answers with 404.html; the app starts there and agrees.
    browser.goto(&server.url("posts/no-such-post/")).await;
    browser.record_errors().await;
    browser.wait_for_app().await;
    assert_eq!(browser.text(".app .not-found h1").await, "Page not found");
    assert_eq!(browser.errors().await, Vec::<String>::new());
    browser.close().await;
}

#[tokio::test]
async fn a_failing_post_shows_the_error_and_retry_recovers() {
    let (dir, server) = site();
    let index = read_json(&dir, "data/index.json");
    let slug = str_of(&index["posts"][1]["slug"]);
    let title = str_of(&index["posts"][1]["title"]);
    server.fail(&format!("data/posts/{slug}.json"), 500);

    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    browser.record_errors().await;
    browser
        .click(&format!(".post-card__title a[href$='posts/{slug}/']"))
        .await;
    let message = browser.text(".error-view__message").await;
    assert!(
        message.contains("500"),
        "the error says what happened: {message}"
    );
    let home = browser
        .find(".error-view a")
        .await
        .attr("href")
        .await
        .unwrap();
    assert_eq!(home.as_deref(), Some("/"), "a way home");

    server.heal();
    browser.click(".error-view button").await;
    browser.wait_for_text(".post-title", &title).await;
    // The failure was shown to the reader; nothing panicked or threw behind it.
    assert_eq!(browser.errors().await, Vec::<String>::new());
    browser.close().await;
}

#[tokio::test]
async fn a_failing_list_page_shows_the_error_and_retry_recovers() {
    let (dir, server) = site();
    let index = read_json(&dir, "data/index.json");
    let category = &index["categories"][0];
    let slug = str_of(&category["slug"]);
    server.fail(&format!("data/lists/category/{slug}/1.json"), 503);

    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    browser
        .click(&format!(".category-bar a[href$='category/{slug}/']"))
        .await;
    let message = browser.text(".app .error-view__message").await;
    assert!(
        message.contains("503"),
        "the error says what happened: {message}"
    );

    server.heal();
    browser.click(".error-view button").await;
    browser
        .wait_for_text(".app .list-header h1", &str_of(&category["name"]))
        .await;
    browser.close().await;
}

/// The app never competes with the page it takes over: its module and wasm are asked for only once
/// the browser has painted the static page.
#[tokio::test]
async fn the_static_page_is_on_screen_before_the_app_is_fetched() {
    let (dir, server) = site();
    let index = read_json(&dir, "data/index.json");
    let landing = str_of(&index["posts"][0]["slug"]);
    let browser = Browser::start(true).await;
    browser
        .goto(&server.url(&format!("posts/{landing}/")))
        .await;
    browser.wait_for_app().await;
    let timing = browser
        .eval(
            "const fcp = performance.getEntriesByName('first-contentful-paint')[0]; \
             const app = performance.getEntriesByType('resource') \
               .map(e => [new URL(e.name).pathname, e.startTime]) \
               .filter(([p]) => /^\\/quire-[0-9a-f]+(_bg\\.wasm|\\.js)$/.test(p)); \
             return { fcp: fcp ? fcp.startTime : null, app };",
        )
        .await;
    let fcp = timing["fcp"]
        .as_f64()
        .expect("the browser reports the page's first contentful paint");
    let app = timing["app"].as_array().unwrap();
    assert_eq!(app.len(), 2, "the app's module and wasm: {timing}");
    for file in app {
        assert!(
            file[1].as_f64().unwrap() >= fcp,
            "{} was requested before the page was painted: {timing}",
            file[0]
        );
    }
}

/// The page the reader lands on carries its data and its rendered article: taking over fetches no
/// JSON and does not load the render worker. The first article opened in the app does.
#[tokio::test]
async fn the_first_view_fetches_nothing_more_and_the_next_article_is_rendered_by_the_worker() {
    let (dir, server) = site();
    let index = read_json(&dir, "data/index.json");
    let landing = str_of(&index["posts"][1]["slug"]);
    let browser = Browser::start(true).await;
    browser.record_errors().await;
    browser
        .goto(&server.url(&format!("posts/{landing}/")))
        .await;
    browser.wait_for_app().await;
    let loaded = "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/data/') || p.includes('render'))";
    assert_eq!(browser.eval(loaded).await, serde_json::json!([]));
    let prose = browser
        .eval("return document.querySelector('.app .prose').innerHTML.length")
        .await;
    assert!(
        prose.as_u64().unwrap() > 1000,
        "the article's body is shown"
    );

    // On to the next article, inside the app: its JSON, then the worker renders it.
    let next = browser
        .find(".post-nav a")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let next_slug = next
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let next_title = index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == next_slug.as_str())
        .map(|p| str_of(&p["title"]))
        .unwrap();
    browser.click(".post-nav a").await;
    // The previous article stays on screen while the next one loads: wait for the next one's title.
    browser
        .wait_until(
            "the next article's body",
            &format!(
                "return document.querySelector('.app .post-title')?.textContent === {} \
                 && !!document.querySelector('.app .prose p')",
                serde_json::to_string(&next_title).unwrap()
            ),
        )
        .await;
    let loaded = browser.eval(loaded).await;
    let loaded: Vec<String> = loaded.as_array().unwrap().iter().map(str_of).collect();
    assert!(
        loaded.contains(&format!("/data/posts/{next_slug}.json")),
        "{loaded:?}"
    );
    assert!(
        loaded.contains(&"/render-worker.js".to_string()),
        "{loaded:?}"
    );
    assert_eq!(browser.errors().await, Vec::<String>::new());
    browser.close().await;
}

#[tokio::test]
async fn a_renderer_that_cannot_load_shows_the_error_and_retry_recovers() {
    let (dir, server) = site();
    let index = read_json(&dir, "data/index.json");
    let title = str_of(&index["posts"][0]["title"]);
    let slug = str_of(&index["posts"][0]["slug"]);
    server.fail("render-worker.js", 404);

    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    browser
        .click(&format!(".post-card__title a[href$='posts/{slug}/']"))
        .await;
    let message = browser.text(".app .error-view__message").await;
    assert!(
        message.contains("could not be prepared"),
        "the error says what happened: {message}"
    );

    server.heal();
    browser.click(".error-view button").await;
    browser.wait_for_text(".app .post-title", &title).await;
    browser.close().await;
}
