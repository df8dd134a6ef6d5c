//! Search in the app: the engine (Pagefind, loaded on the field's first focus), the header's field
//! with its results as the reader types, and the results list both it and the search page show.

pub mod engine;
pub mod field;

use engine::{Hit, Results, SearchError};
use leptos::prelude::*;
use quire_content::date::display_date;
use quire_content::search::SearchQuery;
use quire_content::urls;
use quire_views::use_base;

/// Where a search stands, for the header's panel and the search page alike.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Nothing asked yet.
    Idle,
    /// Asked, no answer yet (and no earlier answer to keep showing).
    Searching,
    Found(Results),
    Failed(SearchError),
}

/// Runs searches into one [`Status`]: the newest query wins (an answer to an older one is dropped),
/// and results on screen stay while the next ones load, so typing never flashes "Searching…".
#[derive(Clone, Copy)]
pub struct Searcher {
    pub status: RwSignal<Status>,
    /// The number of the newest query.
    latest: StoredValue<u64>,
}

impl Searcher {
    pub fn new() -> Self {
        Self {
            status: RwSignal::new(Status::Idle),
            latest: StoredValue::new(0),
        }
    }

    /// Searches for `query`'s first `limit` results; an empty query goes back to [`Status::Idle`].
    pub fn run(self, query: SearchQuery, limit: usize) {
        let number = self.latest.get_value() + 1;
        self.latest.set_value(number);
        if query.is_empty() {
            self.status.set(Status::Idle);
            return;
        }
        if !matches!(self.status.get_untracked(), Status::Found(_)) {
            self.status.set(Status::Searching);
        }
        leptos::task::spawn_local(async move {
            let answer = engine::search(&query, limit).await;
            if self.latest.get_value() == number {
                self.status.set(match answer {
                    Ok(results) => Status::Found(results),
                    Err(error) => Status::Failed(error),
                });
            }
        });
    }
}

/// Results as a list of links: title, date and category, the excerpt with matched words marked.
/// With `option_ids`, each item is an option of the header's listbox, `active` the highlighted one.
#[component]
pub fn HitList(
    /// The results, best first.
    hits: Vec<Hit>,
    /// The highlighted result (keyboard).
    #[prop(optional, into)]
    active: Signal<Option<usize>>,
    /// Whether the list is the header's listbox (options with ids) rather than the page's list.
    #[prop(optional)]
    listbox: bool,
) -> impl IntoView {
    let items = hits
        .into_iter()
        .enumerate()
        .map(|(i, hit)| {
            let meta = match (hit.date.is_empty(), hit.category.is_empty()) {
                (false, false) => format!("{} · {}", display_date(&hit.date), hit.category),
                (false, true) => display_date(&hit.date),
                (true, _) => hit.category.clone(),
            };
            let excerpt = hit
                .excerpt
                .into_iter()
                .map(|part| {
                    // Text nodes only: an excerpt never becomes markup.
                    if part.marked {
                        view! { <mark>{part.text}</mark> }.into_any()
                    } else {
                        part.text.into_any()
                    }
                })
                .collect_view();
            view! {
                <li
                    class="search-hit"
                    class:search-hit--active=move || active.get() == Some(i)
                    id=listbox.then(|| option_id(i))
                    role=listbox.then_some("option")
                    aria-selected=move || listbox.then(|| (active.get() == Some(i)).to_string())
                >
                    <a class="search-hit__link" href=hit.url tabindex=listbox.then_some("-1")>
                        <span class="search-hit__title">{hit.title}</span>
                        <span class="search-hit__meta">{meta}</span>
                        <span class="search-hit__excerpt">{excerpt}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol
            class="search-hits"
            role=listbox.then_some("listbox")
            aria-label=listbox.then_some("Search results")
        >
            {items}
        </ol>
    }
}

/// The id of the header's `i`-th result, for `aria-activedescendant`.
pub fn option_id(i: usize) -> String {
    format!("site-search-option-{i}")
}

/// Search cannot answer: the sentence, a retry, and the way to every article without search.
#[component]
pub fn SearchFailure(
    /// What went wrong.
    error: SearchError,
    /// Called when the reader presses Try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="search-failure" role="alert">
            <p>{error.to_string()}</p>
            <p>
                <button type="button" class="button" on:click=move |_| on_retry.run(())>"Try again"</button>
                " "
                <a class="button button--quiet" href=urls::home(&use_base())>"Browse all articles"</a>
            </p>
        </div>
    }
}
