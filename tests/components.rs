//! Components that hold state, mounted alone in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use quire::api::ApiError;
use quire::components::error_view::ErrorView;
use quire_content::listing::Filter;
use quire_content::Category;
use quire_views::layout::ThemeToggle;
use quire_views::list::CategoryBar;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the page, and the view mounted into it.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        // Pages set their title through the meta context, as in the app.
        leptos_meta::provide_meta_context();
        view()
    });
    // The test owns the page; the view lives until the page is gone.
    std::mem::forget(handle);
    host
}

/// Lets pending effects and re-renders run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn texts(host: &web_sys::HtmlElement, css: &str) -> Vec<String> {
    let list = host.query_selector_all(css).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.text_content())
        .collect()
}

fn category(slug: &str, name: &str, count: usize) -> Category {
    Category {
        slug: slug.into(),
        name: name.into(),
        description: String::new(),
        count,
    }
}

#[wasm_bindgen_test]
async fn category_bar_marks_the_current_filter() {
    let (current, set_current) = signal(Filter::All);
    let host = mount(move || {
        view! {
            <CategoryBar
                categories=vec![category("rust", "Rust", 3), category("python", "Python", 2)]
                total=5
                current=current
            />
        }
    });
    assert_eq!(texts(&host, "a"), ["All 5", "Rust 3", "Python 2"]);
    assert_eq!(texts(&host, "a[aria-current=page]"), ["All 5"]);

    set_current.set(Filter::Category("python".into()));
    settle().await;
    assert_eq!(texts(&host, "a[aria-current=page]"), ["Python 2"]);
    let href = host
        .query_selector("a[aria-current=page]")
        .unwrap()
        .unwrap()
        .get_attribute("href");
    assert_eq!(href.as_deref(), Some("/category/python/"));

    // On a tag page no category is current.
    set_current.set(Filter::Tag("memory".into()));
    settle().await;
    assert!(texts(&host, "a[aria-current=page]").is_empty());
}

#[wasm_bindgen_test]
async fn theme_toggle_switches_and_remembers() {
    let root = document().document_element().unwrap();
    root.set_attribute("data-theme", "light").unwrap();
    let host = mount(|| {
        let (dark, toggle) = quire::theme::theme_switch();
        view! { <ThemeToggle dark on_toggle=Some(toggle) /> }
    });
    let button: web_sys::HtmlElement = host
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    // A toggle button keeps its name; its pressed state says which theme is on.
    assert_eq!(
        button.get_attribute("aria-label").as_deref(),
        Some("Dark theme")
    );
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );

    button.click();
    settle().await;
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(quire::theme::remembered(), Some(quire::theme::Theme::Dark));
    assert_eq!(
        button.get_attribute("aria-label").as_deref(),
        Some("Dark theme")
    );
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );

    button.click();
    settle().await;
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("light"));
    assert_eq!(quire::theme::remembered(), Some(quire::theme::Theme::Light));
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn error_view_explains_and_retries() {
    let (retries, set_retries) = signal(0);
    let error = ApiError::Status {
        status: 500,
        url: "/data/posts/x.json".into(),
    };
    let host = mount(move || {
        view! { <ErrorView error on_retry=Callback::new(move |_| set_retries.update(|n| *n += 1)) /> }
    });
    let message = texts(&host, ".error-view__message").join("");
    assert!(message.contains("500"), "{message}");
    assert_eq!(host.get_attribute("role"), None);
    assert!(host.query_selector("[role=alert]").unwrap().is_some());
    let home = host.query_selector("a").unwrap().unwrap();
    assert_eq!(home.get_attribute("href").as_deref(), Some("/"));

    let button: web_sys::HtmlElement = host
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Retry"));
    button.click();
    button.click();
    settle().await;
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn error_view_offers_no_retry_when_it_cannot_help() {
    let host =
        mount(|| view! { <ErrorView error=ApiError::NotFound on_retry=Callback::new(|_| {}) /> });
    assert!(host.query_selector("button").unwrap().is_none());
    assert!(host.query_selector("a").unwrap().is_some());
}
