//! What happens when a view's content is in the DOM: the static page the server sent (`#prerendered`,
//! written by quire-press) gives way to the app, and the scroll position is set. A new page starts at
//! the top (the router does that); going back or forward lands where the reader was, which the browser
//! cannot do by itself because the content arrives after the history change, so positions are saved
//! per URL and restored here.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    static PENDING: Cell<bool> = const { Cell::new(false) };
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
    let on_scroll = window_event_listener(leptos::ev::scroll, |_| {
        if !PENDING.get() {
            let y = window().scroll_y().unwrap_or(0.0);
            POSITIONS.with(|p| p.borrow_mut().insert(key(), y));
        }
    });
    let on_popstate = window_event_listener(leptos::ev::popstate, |_| PENDING.set(true));
    on_cleanup(move || {
        on_scroll.remove();
        on_popstate.remove();
    });
}

/// Called by a view once its content is in the DOM: replaces the static page, if still shown; after a
/// back or forward navigation, scrolls to where the reader was on this URL; after a link to
/// `#heading`, scrolls to the heading.
pub fn page_ready() {
    request_animation_frame(|| {
        // The app renders the same markup, so the swap does not move anything.
        if let Some(prerendered) = document().get_element_by_id("prerendered") {
            prerendered.remove();
        }
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
