//! The built site under its own Content-Security-Policy (the `<meta http-equiv>` every page carries):
//! the app takes over and renders an article with no violation reported, and a script injected into
//! the page is refused.

use quire_e2e::{read_json, site_dir, Browser, Server};

/// Collects violations from now on, and those reported before this ran (a buffered
/// `ReportingObserver` hands over the reports of the page's load).
const WATCH: &str = "window.__violations = [];\
addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));\
new ReportingObserver(reports => { for (const r of reports) window.__violations.push(r.body.effectiveDirective + ' ' + r.body.blockedURL); },\
  { types: ['csp-violation'], buffered: true }).observe();\
return true";

#[tokio::test]
async fn the_site_runs_under_its_policy() {
    let dir = site_dir("QUIRE_E2E_SITE");
    let server = Server::start(&dir, "/");
    let index = read_json(&dir, "data/index.json");
    let post = &index["posts"][0];
    let slug = post["slug"].as_str().unwrap();
    let title = post["title"].as_str().unwrap();

    let browser = Browser::start(true).await;
    browser.goto(&server.url("")).await;
    let policy = browser
        .eval("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content || ''")
        .await;
    let policy = policy.as_str().unwrap_or_default().to_string();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{policy}"
    );
    let script_src = policy
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap_or_default();
    assert!(!script_src.contains("unsafe-inline"), "{policy}");
    browser.eval(WATCH).await;
    browser.wait_for_app().await;

    // Into an article inside the app: its data fetched, its Markdown rendered.
    browser
        .eval(&format!(
            "history.pushState(null, '', '/posts/{slug}/'); dispatchEvent(new PopStateEvent('popstate')); return true"
        ))
        .await;
    browser.wait_for_text("h1.post-title", title).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let violations = browser.eval("return window.__violations").await;
    assert_eq!(
        violations,
        serde_json::json!([]),
        "the site's own code breaks its policy"
    );

    // The control: a script injected now is refused and reported.
    let ran = browser
        .eval(
            "const s = document.createElement('script'); s.textContent = 'window.__injected = true';\
             document.body.appendChild(s); return window.__injected === true",
        )
        .await;
    assert_eq!(
        ran,
        serde_json::Value::Bool(false),
        "an injected inline script ran"
    );
    browser
        .wait_until(
            "the injected script to be reported",
            "return window.__violations.some(v => v.startsWith('script-src'))",
        )
        .await;
    browser.close().await;
}
