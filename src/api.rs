//! The network edge: reads the site, list pages and articles from what the page carries or else
//! from `data/`, keeps them for the visit, and turns every failure into an [`ApiError`] a reader
//! can be shown.

use gloo_net::http::Request;
use leptos::prelude::document;
use quire_content::listing::Filter;
use quire_content::{urls, ListPage, PostPage, SiteData};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use std::thread::LocalKey;
use thiserror::Error;
use wasm_bindgen::JsCast;

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
    #[error("This article could not be prepared for reading ({0}). Trying again may help.")]
    Render(String),
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

/// The data a static page carries for `url` (see `quire_content::pages::html_pages`): the same JSON
/// the server has at that address, so the app takes over without asking for it again.
///
/// While the static page is still shown (the app's first view), it is handed over in a task of its
/// own: the app's start and the build of that view would otherwise run as one long task, and a phone
/// would not answer the reader until both were done. Later views load without the extra hop.
async fn carried(url: &str) -> Option<String> {
    if document().get_element_by_id("prerendered").is_some() {
        next_task().await;
    }
    let scripts = document()
        .query_selector_all("script[type=\"application/json\"][data-src]")
        .ok()?;
    (0..scripts.length())
        .filter_map(|i| scripts.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|s| s.get_attribute("data-src").as_deref() == Some(url))
        .and_then(|s| s.text_content())
}

/// Resolves in a later task of the browser's event loop, after whatever input or rendering is waiting.
async fn next_task() {
    let later = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled =
            web_sys::window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
        // Where no timer can be set, carrying on at once beats never.
        if !scheduled {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(later).await;
}

/// The text at `url`, from the network.
async fn fetch_text(url: &str, abort: Option<web_sys::AbortSignal>) -> Result<String, ApiError> {
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
    // A development server answers a file it does not have with the app's page, not 404.
    if response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.starts_with("text/html"))
    {
        return Err(ApiError::NotFound);
    }
    response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Malformed(e.to_string()))
}

type Cache<T> = RefCell<HashMap<String, Arc<T>>>;

// What the app has loaded this visit, by URL: going back to a list or an article never fetches.
thread_local! {
    static SITE: Cache<SiteData> = RefCell::new(HashMap::new());
    static LISTS: Cache<ListPage> = RefCell::new(HashMap::new());
    static ARTICLES: Cache<Article> = RefCell::new(HashMap::new());
}

/// The value for `url`: kept from earlier, else carried by the page, else fetched; parsed and kept.
async fn load<T: DeserializeOwned>(
    cache: &'static LocalKey<Cache<T>>,
    url: String,
    abort: Option<web_sys::AbortSignal>,
) -> Result<Arc<T>, ApiError> {
    if let Some(hit) = cache.with_borrow(|c| c.get(&url).cloned()) {
        return Ok(hit);
    }
    let text = match carried(&url).await {
        Some(text) => text,
        None => fetch_text(&url, abort).await?,
    };
    let value = Arc::new(parse::<T>(&text)?);
    cache.with_borrow_mut(|c| c.insert(url, value.clone()));
    Ok(value)
}

/// The site, its categories and post count (`data/site.json`).
pub async fn fetch_site(abort: Option<web_sys::AbortSignal>) -> Result<Arc<SiteData>, ApiError> {
    load(&SITE, urls::site_json(base()), abort).await
}

/// One page of a list (`data/lists/…/<n>.json`); page 0 is a page no list has.
pub async fn fetch_list(
    filter: Filter,
    page: usize,
    abort: Option<web_sys::AbortSignal>,
) -> Result<(Filter, Arc<ListPage>), ApiError> {
    if page == 0 {
        return Err(ApiError::NotFound);
    }
    let list = load(&LISTS, urls::list_json(base(), &filter, page), abort).await?;
    Ok((filter, list))
}

/// An article as the view shows it: the post less its Markdown, and its body as HTML.
#[derive(Debug, PartialEq, Eq)]
pub struct Article {
    pub page: PostPage,
    pub html: String,
}

/// One article. On the page the reader opened, both halves are already there: the post's data in the
/// page and its body in the static HTML, which the same renderer wrote. Any other article is fetched
/// and its Markdown rendered by the render worker.
pub async fn fetch_article(
    slug: String,
    abort: Option<web_sys::AbortSignal>,
) -> Result<Arc<Article>, ApiError> {
    if let Some(hit) = ARTICLES.with_borrow(|c| c.get(&slug).cloned()) {
        return Ok(hit);
    }
    let url = urls::post_json(base(), &slug);
    let article = match (carried(&url).await, prerendered_body()) {
        (Some(text), Some(html)) => Article {
            page: parse(&text)?,
            html,
        },
        _ => {
            let text = fetch_text(&url, abort).await?;
            let page = parse(&text)?;
            let site = fetch_site(None).await?;
            let html = crate::render::render(text, site.site.trusted_html).await?;
            Article { page, html }
        }
    };
    let article = Arc::new(article);
    ARTICLES.with_borrow_mut(|c| c.insert(slug, article.clone()));
    Ok(article)
}

/// The article body of the static page, while it is still shown (before the app's first view
/// replaces it).
fn prerendered_body() -> Option<String> {
    document()
        .query_selector("#prerendered .prose")
        .ok()
        .flatten()
        .map(|prose| prose.inner_html())
}
