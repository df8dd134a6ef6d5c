//! A sample of the public XSS vectors (`crates/content/tests/xss/`), rendered as a trusted author's
//! post and loaded in headless Chromium with `alert`, `confirm`, `prompt` and `print` trapped. The
//! native test reads every vector with an HTML parser; this one lets a real browser run the page,
//! with the events a reader's pointer and keyboard would fire, and asserts the trap never fired.

use quire_content::markdown::{render_html, RenderOptions};
use quire_e2e::{out_dir, Browser, Server};

const SAMPLE: usize = 200;

/// Installed before anything of the post: every way a payload proves it ran goes through here.
const TRAP: &str = "<script>window.__fired = [];\
for (const name of ['alert', 'confirm', 'prompt', 'print']) {\
  window[name] = (...args) => { window.__fired.push(name + '(' + args.map(String).join(',') + ')'); };\
}</script>";

/// Fires what a reader's pointer and keyboard would on every element, and plays media, so handlers
/// that wait for interaction get their chance.
const PROVOKE: &str = "for (const el of document.querySelectorAll('body *')) {\
  for (const type of ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'focus', 'focusin', 'blur', 'keydown', 'input', 'change', 'toggle', 'animationstart', 'transitionend', 'scroll', 'wheel', 'pointerover', 'pointerdown']) {\
    el.dispatchEvent(new Event(type, { bubbles: true }));\
  }\
  if (typeof el.focus === 'function') el.focus();\
}\
return true";

fn sample() -> Vec<String> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates/content/tests/xss");
    let mut all = Vec::new();
    for file in ["dompurify.json", "h5sc.json", "owasp.json"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let list: Vec<String> = serde_json::from_str(&text).unwrap();
        all.extend(list);
    }
    // Evenly spread over the three lists: the same sample every run.
    let step = (all.len() / SAMPLE).max(1);
    all.into_iter().step_by(step).take(SAMPLE).collect()
}

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>post</title>{TRAP}</head>\
         <body><main><div class=\"prose\">{body}</div></main></body></html>"
    )
}

fn rendered(payload: &str) -> String {
    let opts = RenderOptions {
        base: "/",
        slug: "post",
        trusted_html: true,
        blocks: &[],
    };
    let one_line = payload.replace(['\n', '\r'], " ");
    [
        payload.to_string(),
        format!("[link](<{one_line}>)"),
        format!("![image](<{one_line}>)"),
    ]
    .iter()
    .map(|markdown| render_html(markdown, &opts))
    .collect()
}

async fn fired(browser: &Browser, server: &Server, file: &str) -> Vec<String> {
    browser.goto(&server.url(file)).await;
    browser
        .wait_until(
            &format!("{file} to load"),
            "return document.readyState === 'complete'",
        )
        .await;
    browser.eval(PROVOKE).await;
    // Handlers run from timers and media errors a little after load.
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let fired = browser
        .eval("return window.__fired || ['the page was replaced']")
        .await;
    let mut found: Vec<String> = fired
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default();
    let url = browser.url().await;
    if !url.ends_with(file) {
        found.push(format!("navigated to {url}"));
    }
    found
}

#[tokio::test]
async fn sampled_xss_vectors_never_run_in_chromium() {
    let dir = out_dir().join("xss-pages");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The control: the same page shape with a vector left as it is. It must trip the trap, or the
    // test proves nothing.
    std::fs::write(
        dir.join("control.html"),
        page("<img src=x onerror=alert(1)><input autofocus onfocus=confirm(2)>"),
    )
    .unwrap();
    let payloads = sample();
    assert_eq!(payloads.len(), SAMPLE);
    for (i, payload) in payloads.iter().enumerate() {
        std::fs::write(dir.join(format!("p{i}.html")), page(&rendered(payload))).unwrap();
    }
    let server = Server::start(&dir, "/");
    let browser = Browser::start(true).await;

    let control = fired(&browser, &server, "control.html").await;
    assert!(
        control.iter().any(|f| f.starts_with("alert")),
        "the trap did not see an unsanitised vector: {control:?}"
    );

    let mut ran = Vec::new();
    for (i, payload) in payloads.iter().enumerate() {
        let found = fired(&browser, &server, &format!("p{i}.html")).await;
        if !found.is_empty() {
            ran.push(format!("p{i}.html {payload:?}: {found:?}"));
        }
    }
    browser.close().await;
    assert!(
        ran.is_empty(),
        "{} vectors ran after rendering:\n{}",
        ran.len(),
        ran.join("\n")
    );
}
