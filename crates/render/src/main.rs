//! The render worker. The app's main thread shows what the static page already carries and never
//! parses Markdown; when the reader opens another article in the app, this worker turns the post's
//! JSON into its HTML with quire-content's one renderer (`markdown::render_post`, as quire-press
//! does for the static pages), so pulldown-cmark and the sanitiser live in this module only, which
//! the browser loads on the first article opened in the app, not with the page.
//!
//! `render-worker.js` (in `public/`) loads this module, queues requests until it is ready and
//! answers each with `[id, ok, html or error]`.

use quire_content::markdown::render_post;
use quire_content::Post;
use wasm_bindgen::prelude::*;

/// Renders `data/posts/<slug>.json` (its text) as the site shows it under `base`; raw HTML kept
/// (sanitised) when `trusted_html`. A file that is not a post is an error the reader is shown.
#[wasm_bindgen]
pub fn render(base: &str, trusted_html: bool, post_json: &str) -> Result<String, String> {
    let post: Post = serde_json::from_str(post_json).map_err(|e| e.to_string())?;
    Ok(render_post(&post, base, trusted_html))
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_post_file_and_refuses_anything_else() {
        let json = r#"{"meta":{"slug":"a","title":"A","summary":"","date":"2024-01-01",
            "reading_minutes":1,"word_count":2},"headings":[],
            "body":"Hello *there*, [b](/posts/b/).\n\n<b>raw</b>"}"#;
        let html = render("/blog/", false, json).unwrap();
        assert!(html.contains("<em>there</em>"), "{html}");
        assert!(html.contains("href=\"/blog/posts/b/\""), "{html}");
        assert!(
            html.contains("&lt;b&gt;raw"),
            "raw HTML escaped unless trusted: {html}"
        );
        assert!(render("/", true, json).unwrap().contains("<b>raw</b>"));
        assert!(render("/", false, "<!doctype html>").is_err());
    }
}
