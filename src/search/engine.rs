//! The search engine in the reader's browser: Pagefind's script, loaded from `{base}pagefind/` the
//! first time the reader focuses the search field (never before, so an article's first view carries
//! none of it), asked for results, and every failure turned into a [`SearchError`] with a sentence.

use crate::api::base;
use js_sys::{Array, Function, Object, Promise, Reflect};
use quire_content::search::{excerpt_parts, ExcerptPart, SearchQuery};
use quire_content::urls;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::time::Duration;
use thiserror::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen]
extern "C" {
    /// `import(url)`: the browser's module loader, so Pagefind's script (an ES module) arrives only
    /// when it is asked for. wasm-bindgen writes the call into the glue as `import(…)`.
    #[wasm_bindgen(js_name = import)]
    fn import_module(url: &str) -> Promise;
}

/// How long loading the index or answering a query may take before the reader is told.
const PATIENCE: Duration = Duration::from_secs(12);

/// Why search cannot answer, in a sentence a reader understands.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SearchError {
    #[error("The search index could not be loaded. Check your connection and try again.")]
    Unavailable,
    #[error("The search index is damaged, so search cannot run until the site is rebuilt.")]
    Damaged,
    #[error("Search is taking too long to answer. Try again in a moment.")]
    TimedOut,
}

impl SearchError {
    /// The error a number stands for, as [`engine`] passes it through a JavaScript promise
    /// (`error as u32` there); anything else is damage.
    fn from_code(code: Option<f64>) -> Self {
        match code {
            Some(c) if c == SearchError::Unavailable as u32 as f64 => SearchError::Unavailable,
            Some(c) if c == SearchError::TimedOut as u32 as f64 => SearchError::TimedOut,
            _ => SearchError::Damaged,
        }
    }
}

/// One result: where it leads and what to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub url: String,
    pub title: String,
    /// As the post gives it (`YYYY-MM-DD` or RFC 3339).
    pub date: String,
    pub category: String,
    pub excerpt: Vec<ExcerptPart>,
}

/// The first results of a query, and how many there are in all.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// The values of the site's filters with their post counts: `category` and `tag`, by name.
pub type Filters = BTreeMap<String, BTreeMap<String, usize>>;

thread_local! {
    /// The engine's load, as the promise it is: any number of callers can await one promise, so the
    /// script loads once however many queries wait for it.
    static ENGINE: RefCell<Option<Promise>> = const { RefCell::new(None) };
    /// Loads tried so far: a retry asks for the script under a new URL, since the browser remembers
    /// a failed module import for the rest of the visit.
    static ATTEMPTS: Cell<u32> = const { Cell::new(0) };
}

/// Starts loading the engine if it is not loading yet. Called when the field gets the focus.
pub fn warm_up() {
    leptos::task::spawn_local(async {
        let _ = engine().await;
    });
}

/// The engine, loaded once for the visit; after a failure the next call tries again.
async fn engine() -> Result<JsValue, SearchError> {
    let loading = ENGINE.with_borrow_mut(|engine| {
        engine
            .get_or_insert_with(|| {
                let attempt = ATTEMPTS.replace(ATTEMPTS.get() + 1);
                future_to_promise(async move {
                    within(load(attempt))
                        .await
                        .map_err(|e| JsValue::from(e as u32))
                })
            })
            .clone()
    });
    let result = JsFuture::from(loading)
        .await
        .map_err(|code| SearchError::from_code(code.as_f64()));
    if result.is_err() {
        ENGINE.with_borrow_mut(|engine| *engine = None);
    }
    result
}

async fn load(attempt: u32) -> Result<JsValue, SearchError> {
    let bundle = urls::search_bundle(base());
    let origin = window().location().origin().unwrap_or_default();
    let mut url = format!("{origin}{bundle}pagefind.js");
    if attempt > 0 {
        url.push_str(&format!("?retry={attempt}"));
    }
    let module = JsFuture::from(import_module(&url))
        .await
        .map_err(|_| SearchError::Unavailable)?;
    let options = Object::new();
    set(&options, "basePath", &bundle.into());
    // Result URLs are stored from the site's root; Pagefind puts this in front of them.
    set(&options, "baseUrl", &base().into());
    set(&options, "excerptLength", &24.into());
    call(&module, "options", &[options.into()])
        .await
        .map_err(|_| SearchError::Damaged)?;
    call(&module, "init", &[])
        .await
        .map_err(|_| SearchError::Damaged)?;
    Ok(module)
}

/// The first `limit` results of `query`, best first.
pub async fn search(query: &SearchQuery, limit: usize) -> Result<Results, SearchError> {
    within(async {
        let engine = engine().await?;
        let filters = Object::new();
        if let Some(category) = &query.category {
            set(&filters, "category", &category.into());
        }
        if let Some(tag) = &query.tag {
            set(&filters, "tag", &tag.into());
        }
        let options = Object::new();
        set(&options, "filters", &filters.into());
        let words = query.q.trim();
        // No words with a filter lists every post it keeps.
        let term = if words.is_empty() {
            JsValue::NULL
        } else {
            words.into()
        };
        let response = call(&engine, "search", &[term, options.into()])
            .await
            .map_err(|_| SearchError::Damaged)?;
        let results: Array = Reflect::get(&response, &"results".into())
            .ok()
            .and_then(|r| r.dyn_into().ok())
            .ok_or(SearchError::Damaged)?;
        let total = results.length() as usize;
        // Each result's data is one more small file; all of them are asked for at once.
        let loads = results
            .iter()
            .take(limit)
            .map(|result| call_sync(&result, "data"))
            .collect::<Result<Array, _>>()
            .map_err(|_| SearchError::Damaged)?;
        let data: Array = JsFuture::from(Promise::all(&loads))
            .await
            .map_err(|_| SearchError::Damaged)?
            .unchecked_into();
        let hits = data.iter().map(|d| hit(&d)).collect::<Result<_, _>>()?;
        Ok(Results { hits, total })
    })
    .await
}

/// Every category and tag with its number of posts, for the search page's filters.
pub async fn filters() -> Result<Filters, SearchError> {
    within(async {
        let engine = engine().await?;
        let value = call(&engine, "filters", &[])
            .await
            .map_err(|_| SearchError::Damaged)?;
        // `{ category: { name: count, … }, tag: { … } }`
        let filters = entries(&value)
            .map(|(key, values)| {
                let counts = entries(&values)
                    .map(|(name, count)| (name, count.as_f64().unwrap_or(0.0) as usize))
                    .collect();
                (key, counts)
            })
            .collect();
        Ok(filters)
    })
    .await
}

/// A result as Pagefind's `result.data()` gives it: `{ url, excerpt, meta: { title, date, category } }`.
fn hit(data: &JsValue) -> Result<Hit, SearchError> {
    let meta = get(data, "meta");
    let text = |object: &JsValue, key: &str| get(object, key).as_string().unwrap_or_default();
    Ok(Hit {
        url: get(data, "url").as_string().ok_or(SearchError::Damaged)?,
        title: text(&meta, "title"),
        date: text(&meta, "date"),
        category: text(&meta, "category"),
        excerpt: excerpt_parts(&text(data, "excerpt")),
    })
}

/// `object[key]`, or `undefined` when `object` is not an object.
fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// An object's own properties, as names and values; none when `value` is not an object.
fn entries(value: &JsValue) -> impl Iterator<Item = (String, JsValue)> {
    let object = value.dyn_ref::<Object>().cloned().unwrap_or_default();
    Object::entries(&object).into_iter().filter_map(|entry| {
        let pair: Array = entry.dyn_into().ok()?;
        Some((pair.get(0).as_string()?, pair.get(1)))
    })
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &key.into(), value);
}

/// Calls `object.name()` and returns what it returns.
fn call_sync(object: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    let function: Function = Reflect::get(object, &name.into())?.dyn_into()?;
    function.call0(object)
}

/// Calls `object.name(...args)` and waits for its promise, if it returns one.
async fn call(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = Reflect::get(object, &name.into())?.dyn_into()?;
    let value = function.apply(object, &args.iter().collect::<Array>())?;
    match value.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(value) => Ok(value),
    }
}

/// `work`, or [`SearchError::TimedOut`] when it takes longer than [`PATIENCE`]: the reader never
/// waits on a spinner that cannot end.
async fn within<T>(
    work: impl std::future::Future<Output = Result<T, SearchError>>,
) -> Result<T, SearchError> {
    let timer = JsFuture::from(Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            PATIENCE.as_millis() as i32,
        );
    }));
    futures::pin_mut!(work);
    match futures::future::select(work, timer).await {
        futures::future::Either::Left((result, _)) => result,
        futures::future::Either::Right(_) => Err(SearchError::TimedOut),
    }
}

fn window() -> web_sys::Window {
    leptos::prelude::window()
}
