//! Search in the app: the engine (Pagefind, loaded on the field's first focus), the header's field
//! with its results as the reader types, and the results list both it and the search page show.

pub mod engine;
pub mod field;

use engine::{Hit, SearchError};
use leptos::prelude::*;
use quire_content::date::display_date;
use quire_content::urls;
use quire_views::use_base;

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
