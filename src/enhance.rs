//! What the app adds to a page's markup once it runs: working copy buttons on code blocks, and the
//! table of contents marking the section being read. Both act on the markup through the document
//! (one listener each, installed at start), so the page's DOM stays the static page's until the
//! reader does something.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long a copy button says what happened before it reads "Copy" again.
const COPIED_FOR: Duration = Duration::from_secs(2);
/// A section counts as being read once its heading is this far from the top of the window, in pixels.
const READING_LINE: f64 = 96.0;

/// Installs the copy and contents listeners. Call once, at start.
pub fn install() {
    window_event_listener(leptos::ev::click, |event| {
        let button = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".code-copy").ok().flatten());
        if let Some(button) = button {
            copy_code(button);
        }
    });
    window_event_listener(leptos::ev::scroll, |_| mark_current_section());
}

/// Copies the code beside `button` and says so on the button; where the clipboard is refused, selects
/// the code so the reader can copy it by hand.
fn copy_code(button: web_sys::Element) {
    let Some(code) = button
        .parent_element()
        .and_then(|block| block.query_selector("pre").ok().flatten())
    else {
        return;
    };
    let text = code.text_content().unwrap_or_default();
    let clipboard = window().navigator().clipboard();
    leptos::task::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
            .await
            .is_ok();
        let label = if copied {
            "Copied"
        } else {
            select_contents(&code);
            "Press Ctrl+C"
        };
        button.set_text_content(Some(label));
        set_timeout(move || button.set_text_content(Some("Copy")), COPIED_FOR);
    });
}

fn select_contents(node: &web_sys::Element) {
    if let (Ok(range), Ok(Some(selection))) = (document().create_range(), window().get_selection())
    {
        if range.select_node_contents(node).is_ok() {
            let _ = selection.remove_all_ranges();
            let _ = selection.add_range(&range);
        }
    }
}

/// Marks the contents link of the last section whose heading has passed the reading line.
pub fn mark_current_section() {
    let Ok(links) = document().query_selector_all(".toc a[data-section]") else {
        return;
    };
    let mut current = None;
    for i in 0..links.length() {
        let Some(link) = links
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let passed = link
            .get_attribute("data-section")
            .and_then(|id| document().get_element_by_id(&id))
            .is_some_and(|heading| heading.get_bounding_client_rect().top() <= READING_LINE);
        if passed {
            current = Some(i);
        }
        let _ = link.remove_attribute("aria-current");
    }
    if let Some(link) = current
        .and_then(|i| links.item(i))
        .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
    {
        let _ = link.set_attribute("aria-current", "location");
    }
}
