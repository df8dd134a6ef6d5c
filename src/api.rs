//! The network edge: fetches `data/index.json` and `data/posts/<slug>.json`, caches posts for the
//! visit, and turns every failure into an [`ApiError`] a reader can be shown.

use gloo_net::http::Request;
use quire_content::{urls, Index, Post};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use thiserror::Error;

/// Why data could not be shown. Each says what happened in a sentence a reader understands.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ApiError {
    #[error("The server could not be reached ({0}). Check your connection and try again.")]
    Network(String),
    #[error(
        "The server answered {status} for {url}. It may be a passing fault: try again in a moment."
    )]
    Status { status: u16, url: String },
    #[error("The data for this page is damaged ({0}). Trying again may help; if not, the site needs rebuilding.")]
    Malformed(String),
    #[error("There is no such page here.")]
    NotFound,
}

impl ApiError {
    /// Whether trying again could help.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, ApiError::NotFound)
    }
}

/// The site's base path (`/` or `/blog/`), read once from the `<base href>` trunk writes.
pub fn base() -> &'static str {
    thread_local! {
        static BASE: &'static str = Box::leak(
            urls::normalize_base(&base_from_document()).into_boxed_str()
        );
    }
    BASE.with(|b| *b)
}

fn base_from_document() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_else(|| "/".into())
}

/// An abort signal tied to the current reactive scope: when the scope is cleaned up (the reader
/// navigates away, or the resource refetches), the request it was given is aborted.
/// Call it in the synchronous part of a resource's fetcher, where the resource's owner is current.
pub fn abort_on_cleanup() -> Option<web_sys::AbortSignal> {
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    leptos::prelude::on_cleanup(move || controller.abort());
    Some(signal)
}

async fn get_json<T: DeserializeOwned>(
    url: &str,
    abort: Option<web_sys::AbortSignal>,
) -> Result<T, ApiError> {
    let response = Request::get(url)
        .abort_signal(abort.as_ref())
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    match response.status() {
        200..=299 => {}
        404 => return Err(ApiError::NotFound),
        status => {
            return Err(ApiError::Status {
                status,
                url: url.to_string(),
            })
        }
    }
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| ApiError::Malformed(e.to_string()))
}

/// Fetches the site index. The app calls this once and shares the result.
pub async fn fetch_index(abort: Option<web_sys::AbortSignal>) -> Result<Arc<Index>, ApiError> {
    get_json(&urls::index_json(base()), abort)
        .await
        .map(Arc::new)
}

thread_local! {
    static POSTS: RefCell<HashMap<String, Arc<Post>>> = RefCell::new(HashMap::new());
}

/// Fetches one post, or returns it from this visit's cache.
pub async fn fetch_post(
    slug: String,
    abort: Option<web_sys::AbortSignal>,
) -> Result<Arc<Post>, ApiError> {
    if let Some(post) = POSTS.with(|c| c.borrow().get(&slug).cloned()) {
        return Ok(post);
    }
    let post: Arc<Post> = Arc::new(get_json(&urls::post_json(base(), &slug), abort).await?);
    POSTS.with(|c| c.borrow_mut().insert(slug, post.clone()));
    Ok(post)
}
