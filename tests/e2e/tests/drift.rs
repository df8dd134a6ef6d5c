//! The static page and the app's view of it are one markup: for every kind of route, the DOM the
//! server sends inside `#prerendered` equals the DOM the app builds when it takes over, and nothing on
//! screen moves at the swap.

use quire_e2e::{read_json, site_dir, Browser, Server};
use serde_json::Value;

/// A canonical form of a subtree, one node a line: elements with their attributes sorted, text with
/// whitespace collapsed and adjacent pieces joined; comments (Leptos's markers) left out.
const CANON: &str = "
function canon(root) {
  const out = [];
  let text = '';
  const flush = () => { const t = text.replace(/\\s+/g, ' ').trim(); if (t) out.push('text ' + t); text = ''; };
  (function walk(node) {
    for (const n of node.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) { text += n.textContent; continue; }
      if (n.nodeType !== Node.ELEMENT_NODE) continue;
      flush();
      const attrs = [...n.attributes].map(a => a.name + '=' + JSON.stringify(a.value)).sort().join(' ');
      out.push('<' + n.localName + (attrs ? ' ' + attrs : '') + '>');
      walk(n);
      flush();
      out.push('</' + n.localName + '>');
    }
  })(root);
  flush();
  return out;
}";

/// The page as the server sent it (fetched again: the live one has already been replaced).
const STATIC_DOM: &str = "
const request = new XMLHttpRequest();
request.open('GET', location.href, false);
request.send();
const page = new DOMParser().parseFromString(request.responseText, 'text/html');
const prerendered = page.getElementById('prerendered');
return prerendered ? canon(prerendered) : ['no #prerendered in the page'];";

const APP_DOM: &str = "return canon(document.querySelector('.app'));";

/// Where the blocks of a page sit, relative to `<main>` (the noscript note above it does not count).
const LAYOUT: &str = "
const main = document.querySelector('main').getBoundingClientRect();
return [...document.querySelectorAll('main h1, main .post-card, main .prose > *, main .post-nav, main .category-bar, main .pager, .site-header, .site-footer')]
  .slice(0, 40)
  .map(e => { const r = e.getBoundingClientRect(); return [e.className || e.localName, Math.round(r.top - main.top), Math.round(r.height)]; });";

fn lines(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|l| l.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_kind_of_route_renders_the_same_markup_statically_and_in_the_app() {
    let dir = site_dir("QUIRE_E2E_SITE");
    let server = Server::start(&dir, "/");
    let index = read_json(&dir, "data/index.json");
    let first = |list: &str| index[list][0]["slug"].as_str().unwrap().to_string();
    assert!(
        index["posts"].as_array().unwrap().len() > 20,
        "the sample site has a second page"
    );
    let routes = [
        ("home", String::new()),
        ("category", format!("category/{}/", first("categories"))),
        ("tag", format!("tag/{}/", first("tags"))),
        ("post", format!("posts/{}/", first("posts"))),
        ("page 2", "page/2/".to_string()),
        ("not found", "no/such/page/".to_string()),
    ];

    let app = Browser::start(true).await;
    let still = Browser::start(false).await;
    app.record_errors().await;
    for (kind, path) in &routes {
        let url = server.url(path);
        app.goto(&url).await;
        app.wait_for_app().await;
        let served = lines(&app.eval(&format!("{CANON}\n{STATIC_DOM}")).await);
        let built = lines(&app.eval(&format!("{CANON}\n{APP_DOM}")).await);
        assert!(
            served.len() > 20,
            "{kind}: the static page has content: {served:?}"
        );
        if served != built {
            let at = served
                .iter()
                .zip(&built)
                .position(|(a, b)| a != b)
                .unwrap_or(served.len().min(built.len()));
            panic!(
                "{kind} ({path}): the app's DOM differs from the static page at node {at}:\n  static: {:?}\n  app:    {:?}",
                served.get(at.saturating_sub(2)..(at + 3).min(served.len())),
                built.get(at.saturating_sub(2)..(at + 3).min(built.len())),
            );
        }

        // Nothing moves: the blocks sit where the static page (no script at all) put them.
        still.goto(&url).await;
        still.find("main").await;
        let before = still.eval(LAYOUT).await;
        let after = app.eval(LAYOUT).await;
        assert_eq!(
            before, after,
            "{kind} ({path}): blocks moved when the app took over"
        );
    }
    assert_eq!(app.errors().await, Vec::<String>::new());
    app.close().await;
    still.close().await;
}
