//! Quire's Markdown renderer exported to JS for the in-browser benchmark (bench/md/bench.js), so it can
//! be timed beside markdown-it on the same input. `render` is exactly what the reader app runs on a post
//! body; the other exports split its cost into the string crossings and the work.

use quire_content::markdown::{render_html, RenderOptions};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Renders `markdown` as the app renders a post: base `/`, slug `bench`, untrusted HTML.
#[wasm_bindgen]
pub fn render(markdown: &str) -> String {
    render_html(
        markdown,
        &RenderOptions {
            base: "/",
            slug: "bench",
            trusted_html: false,
            blocks: &[],
        },
    )
}

/// Renders and keeps the HTML in wasm memory (for [`last_html`]), returning only its length: the
/// renderer's time plus the input's crossing, without the output's.
#[wasm_bindgen]
pub fn render_len(markdown: &str) -> usize {
    let html = render(markdown);
    let len = html.len();
    LAST.with(|last| *last.borrow_mut() = html);
    len
}

/// The HTML of the last [`render_len`], copied out to a JS string: the wasm→JS crossing alone.
#[wasm_bindgen]
pub fn last_html() -> String {
    LAST.with(|last| last.borrow().clone())
}

/// Only takes the string in: the JS→wasm crossing alone (UTF-16 to UTF-8 into wasm memory, then freed).
#[wasm_bindgen]
pub fn input_len(markdown: &str) -> usize {
    markdown.len()
}
