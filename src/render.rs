//! The client of the render worker (`crates/render`, loaded by `public/render-worker.js`): the main
//! thread hands it a post's JSON and gets the body's HTML back. The worker starts with the first
//! article the reader opens in the app; a reader who only reads the page they landed on never
//! downloads it.

use crate::api::{base, ApiError};
use futures::channel::oneshot;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

type Reply = oneshot::Sender<Result<String, ApiError>>;

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    /// Requests sent and not yet answered, by id.
    static PENDING: RefCell<HashMap<u32, Reply>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// The post's body as HTML, rendered in the worker. `post_json` is `data/posts/<slug>.json`.
pub async fn render(post_json: String, trusted_html: bool) -> Result<String, ApiError> {
    let worker = worker()?;
    let id = NEXT_ID.get();
    NEXT_ID.set(id.wrapping_add(1));
    let (reply, answer) = oneshot::channel();
    PENDING.with_borrow_mut(|p| p.insert(id, reply));
    let request = js_sys::Array::of4(
        &id.into(),
        &base().into(),
        &trusted_html.into(),
        &post_json.into(),
    );
    if let Err(e) = worker.post_message(&request) {
        PENDING.with_borrow_mut(|p| p.remove(&id));
        return Err(ApiError::Render(format!("{e:?}")));
    }
    // The sender is dropped only when the worker fails, and then it has sent the failure first.
    answer
        .await
        .unwrap_or_else(|_| Err(ApiError::Render("the renderer stopped".into())))
}

/// The running worker, started on first use. One that failed to load is dropped by its error
/// handler, so the next article tries again.
fn worker() -> Result<Worker, ApiError> {
    if let Some(worker) = WORKER.with_borrow(Clone::clone) {
        return Ok(worker);
    }
    let worker = Worker::new(&format!("{}render-worker.js", base()))
        .map_err(|e| ApiError::Render(format!("{e:?}")))?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        let data = js_sys::Array::from(&event.data());
        let id = data.get(0).as_f64().unwrap_or(-1.0) as u32;
        let text = data.get(2).as_string().unwrap_or_default();
        let result = if data.get(1).is_truthy() {
            Ok(text)
        } else {
            Err(ApiError::Render(text))
        };
        if let Some(reply) = PENDING.with_borrow_mut(|p| p.remove(&id)) {
            let _ = reply.send(result);
        }
    });
    // The script itself did not load (offline, or missing from the deployment): every request
    // waiting fails with a sentence, and the next one starts a new worker.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        WORKER.with_borrow_mut(|w| w.take().map(|w| w.terminate()));
        let waiting: Vec<Reply> = PENDING.with_borrow_mut(|p| p.drain().map(|(_, r)| r).collect());
        for reply in waiting {
            let _ = reply.send(Err(ApiError::Render(
                "the renderer could not be loaded".into(),
            )));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The handlers live as long as the worker, which lives as long as the page.
    on_message.forget();
    on_error.forget();
    WORKER.with_borrow_mut(|w| *w = Some(worker.clone()));
    Ok(worker)
}
