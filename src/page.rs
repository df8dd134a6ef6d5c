//! What happens when a view's content is in the DOM: the static page the server sent (`#prerendered`,
//! written by quire-press) gives way to the app, and the scroll position is set. A new page starts at
//! the top (the router does that); going back or forward lands where the reader was, which the browser
//! cannot do by itself because the content arrives after the history change. A position is saved when
//! the reader leaves a page (a click, or back/forward) rather than on every scroll: while the next view
//! loads, the old URL can briefly show a shorter page, and a scroll saved then would be clamped.

use leptos::prelude::*;
use leptos::text_prop::TextProp;
use leptos_meta::{Meta, Title};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::JsCast;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// A back or forward navigation waits for its view to restore the position.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// The URL whose view is on screen (on popstate, `location` already names the next one).
    static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
}

fn save(key: String) {
    let y = window().scroll_y().unwrap_or(0.0);
    POSITIONS.with(|p| p.borrow_mut().insert(key, y));
}

fn key() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Starts saving positions and watching for back and forward navigation. Call once, at start.
pub fn install() {
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    SHOWN.set(key());
    // On the document, so it runs before the router's click handler on the window changes the URL.
    let on_click = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| save(key()));
    let _ = document().add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    // Both handlers live as long as the page, like the app.
    on_click.forget();
    window_event_listener(leptos::ev::popstate, |_| {
        save(SHOWN.with_borrow(String::clone));
        PENDING.set(true);
    });
}

/// Every page the app shows goes through this wrapper: it sets the document's title and description,
/// and once the page is in the DOM it takes over from the static page and sets the scroll position.
#[component]
pub fn Page(
    /// The document title.
    #[prop(into)]
    title: TextProp,
    /// The meta description; none for pages that are not content (errors).
    #[prop(optional, into)]
    description: Option<TextProp>,
    /// The page.
    children: Children,
) -> impl IntoView {
    Effect::new(|_| page_ready());
    view! {
        <Title text=title />
        {description.map(|content| view! { <Meta name="description" content /> })}
        {children()}
    }
}

/// Runs once the page's content is in the DOM: replaces the static page, if still shown; after a
/// back or forward navigation, scrolls to where the reader was on this URL; after a link to
/// `#heading`, scrolls to the heading.
fn page_ready() {
    request_animation_frame(|| {
        // The app renders the same markup, so the swap does not move anything.
        if let Some(prerendered) = document().get_element_by_id("prerendered") {
            prerendered.remove();
        }
        SHOWN.set(key());
        if PENDING.replace(false) {
            if let Some(y) = POSITIONS.with(|p| p.borrow().get(&key()).copied()) {
                window().scroll_to_with_x_and_y(0.0, y);
                return;
            }
        }
        let hash = window().location().hash().unwrap_or_default();
        if let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) {
            // Non-ASCII heading ids arrive percent-encoded in the URL.
            let id = js_sys::decode_uri_component(id)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| id.to_string());
            if let Some(el) = document().get_element_by_id(&id) {
                el.scroll_into_view();
            }
        }
    });
}
