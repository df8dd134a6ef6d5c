//! The whole built site: every post, deep links with and without JavaScript, a sub-path, screenshots.

use quire_e2e::{read_json, site_dir, Browser, Server};
use serde_json::Value;

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// Every post opens in the app and renders without a broken link, image or footnote.
#[tokio::test]
async fn every_post_renders_with_working_links_images_and_footnotes() {
    let dir = site_dir("QUIRE_E2E_SITE");
    let server = Server::start(&dir, "/");
    let index = read_json(&dir, "data/index.json");
    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    for post in index["posts"].as_array().unwrap() {
        let slug = str_of(&post["slug"]);
        // Navigate inside the app, as a reader following links does.
        browser
            .eval(&format!(
                "history.pushState(null, '', '/posts/{slug}/'); dispatchEvent(new PopStateEvent('popstate')); return true"
            ))
            .await;
        // `<Transition>` keeps the previous post on screen while this one loads, so a `.prose` and
        // the new URL prove nothing: wait for this post's own title, which comes with its body.
        browser
            .wait_until(
                &format!("post {slug}"),
                &format!(
                    "return document.querySelector('h1.post-title')?.textContent === {} && \
                     location.pathname === '/posts/{slug}/' && !document.getElementById('prerendered')",
                    post["title"]
                ),
            )
            .await;
        // Images: wait until each has loaded, then check it decoded.
        browser
            .wait_until(
                &format!("images of {slug} to load"),
                "return [...document.querySelectorAll('.prose img')].every(i => { i.loading = 'eager'; return i.complete; })",
            )
            .await;
        let broken_images = browser
            .eval("return [...document.querySelectorAll('.prose img')].filter(i => i.naturalWidth === 0).map(i => i.src)")
            .await;
        assert_eq!(
            broken_images,
            Value::Array(vec![]),
            "broken images in {slug}"
        );
        let broken_footnotes = browser
            .eval(
                "const here = [...document.querySelectorAll('.prose a[href*=\"#\"]')]
                    .map(a => new URL(a.href)).filter(u => u.pathname === location.pathname);
                 if (here.length === 0) return ['no in-page links at all'];
                 return here.map(u => decodeURIComponent(u.hash.slice(1)))
                    .filter(id => !id || !document.getElementById(id))",
            )
            .await;
        assert_eq!(
            broken_footnotes,
            Value::Array(vec![]),
            "in-page links without a target in {slug}"
        );
        // Internal links: each must name a file the static server has.
        let internal = browser
            .eval(
                "return [...document.querySelectorAll('.prose a[href^=\"/\"]')].map(a => a.getAttribute('href').split('#')[0])",
            )
            .await;
        for href in internal.as_array().unwrap().iter().map(str_of) {
            let path = href.trim_start_matches('/');
            let file = if path.is_empty() || path.ends_with('/') {
                dir.join(path).join("index.html")
            } else {
                dir.join(path)
            };
            assert!(
                file.is_file(),
                "{slug} links to {href}, which the site does not have"
            );
        }
    }
    browser.close().await;
}

/// A deep link to an article works on a host with no rewrite rules, even with JavaScript off.
#[tokio::test]
async fn a_deep_link_shows_the_article_without_javascript() {
    let dir = site_dir("QUIRE_E2E_SITE");
    let server = Server::start(&dir, "/");
    let index = read_json(&dir, "data/index.json");
    let post = &index["posts"][2];
    let browser = Browser::start(false).await;
    browser.set_window(1280, 900).await;
    browser
        .goto(&server.url(&format!("posts/{}/", str_of(&post["slug"]))))
        .await;
    assert_eq!(browser.text(".post-title").await, str_of(&post["title"]));
    let text = browser.text(".prose").await;
    assert!(
        text.split_whitespace().count() > 300,
        "the article's text is in the page"
    );
    let title = browser.eval("return document.title").await;
    assert!(str_of(&title).starts_with(&str_of(&post["title"])));
    let top_static = browser
        .eval("return document.querySelector('.post-title').getBoundingClientRect().top")
        .await;
    browser.close().await;

    // With JavaScript the app takes over, and the title stays where it was.
    let browser = Browser::start(true).await;
    browser.set_window(1280, 900).await;
    browser
        .goto(&server.url(&format!("posts/{}/", str_of(&post["slug"]))))
        .await;
    browser.wait_for_app().await;
    browser.find(".app .post-title").await;
    let top_app = browser
        .eval("return document.querySelector('.post-title').getBoundingClientRect().top")
        .await;
    assert_eq!(
        top_static, top_app,
        "the page does not jump when the app starts"
    );
    browser.close().await;
}

/// Built with `--base /blog/` and served under /blog/: routes, links and fetches all stay below it.
#[tokio::test]
async fn the_site_works_under_a_sub_path() {
    let dir = site_dir("QUIRE_E2E_SITE_BLOG");
    let server = Server::start(&dir, "/blog/");
    let index = read_json(&dir, "data/index.json");
    let post = &index["posts"][0];
    let slug = str_of(&post["slug"]);
    let browser = Browser::start(true).await;

    browser.goto(&server.url("")).await;
    browser.wait_for_app().await;
    browser.find(".app .post-card").await;
    let hrefs = browser
        .eval("return [...document.querySelectorAll('.app a[href^=\"/\"]')].map(a => a.getAttribute('href'))")
        .await;
    for href in hrefs.as_array().unwrap().iter().map(str_of) {
        assert!(
            href.starts_with("/blog/"),
            "link {href} leaves the sub-path"
        );
    }
    browser
        .click(&format!(".app a[href='/blog/posts/{slug}/']"))
        .await;
    browser
        .wait_for_text(".post-title", post["title"].as_str().unwrap())
        .await;
    assert!(browser
        .url()
        .await
        .ends_with(&format!("/blog/posts/{slug}/")));
    let fetched = browser
        .eval("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/data/'))")
        .await;
    for path in fetched.as_array().unwrap().iter().map(str_of) {
        assert!(
            path.starts_with("/blog/data/"),
            "fetched {path} outside the sub-path"
        );
    }

    // A deep link straight into the sub-path.
    browser.goto(&server.url(&format!("posts/{slug}/"))).await;
    browser.wait_for_app().await;
    browser.find(".app .prose").await;
    browser.close().await;
}

/// Screenshots of the list and an article, light and dark, phone and desktop, for the README.
#[tokio::test]
async fn screenshots_light_and_dark() {
    let dir = site_dir("QUIRE_E2E_SITE");
    let server = Server::start(&dir, "/");
    let browser = Browser::start(true).await;
    for (width, height) in [(390, 844), (1280, 900)] {
        browser.set_window(width, height).await;
        for theme in ["light", "dark"] {
            for (name, path) in [
                ("list", String::new()),
                (
                    "article",
                    "posts/serialization-formats-compared/".to_string(),
                ),
            ] {
                browser.goto(&server.url(&path)).await;
                browser
                    .eval(&format!(
                        "localStorage.setItem('quire-theme', '{theme}'); return true"
                    ))
                    .await;
                browser.goto(&server.url(&path)).await;
                browser.wait_for_app().await;
                let applied = browser
                    .eval("return document.documentElement.dataset.theme")
                    .await;
                assert_eq!(
                    str_of(&applied),
                    theme,
                    "the remembered theme applies on load"
                );
                let file = browser
                    .screenshot(&format!("{name}-{theme}-{width}.png"))
                    .await;
                assert!(std::fs::metadata(&file).unwrap().len() > 1000);
            }
        }
    }
    browser.close().await;
}
