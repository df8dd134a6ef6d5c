//! `/search/?q=…&category=…&tag=…`: every result of a query, narrowed by category or tag. The address
//! says it all, so a search can be shared, reloaded and opened from the static page's form.
//!
//! The page runs its searches like the header's field (a [`Searcher`]) rather than as resources under a
//! `<Transition>`: the same behaviour (earlier results stay while more load) for less of the code every
//! reader downloads (4.8 kB brotli).

use crate::api::base;
use crate::page::Page;
use crate::search::engine::{self, Filters};
use crate::search::{HitList, SearchFailure, Searcher, Status};
use crate::state::titled;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use quire_content::search::SearchQuery;
use quire_views::search::{SearchPage as SearchFrame, SEARCH_TITLE};

/// How many more results each press of "More results" shows.
const STEP: usize = 20;

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        let value = |name: &str| params.get(name).filter(|v| !v.trim().is_empty());
        SearchQuery {
            q: value("q").unwrap_or_default(),
            category: value("category"),
            tag: value("tag"),
        }
    });
    let limit = RwSignal::new(STEP);
    let searcher = Searcher::new();
    let results = searcher.status;
    let filters = RwSignal::new(Filters::default());

    let load_filters = move || {
        leptos::task::spawn_local(async move {
            // Without filters the results still show: the bar is only left out.
            if let Ok(found) = engine::filters().await {
                filters.set(found);
            }
        })
    };
    // A new query starts again from the first results.
    Effect::new(move |previous: Option<SearchQuery>| {
        let query = query.get();
        if previous.is_some_and(|p| p != query) {
            limit.set(STEP);
        }
        query
    });
    Effect::new(move |_| searcher.run(query.get(), limit.get()));
    load_filters();

    let retry = Callback::new(move |()| {
        load_filters();
        searcher.run(query.get_untracked(), limit.get_untracked());
    });
    let shown = move || {
        match results.get() {
        Status::Idle => view! {
            <p class="search-page__note">"Type in the search field above: titles, text and code are all searched."</p>
        }
        .into_any(),
        Status::Searching => view! {
            <p class="search-panel__status" role="status">"Searching…"</p>
        }
        .into_any(),
        Status::Failed(error) => view! { <SearchFailure error on_retry=retry /> }.into_any(),
        Status::Found(found) => {
            let q = query.get_untracked().q;
            let count = match found.total {
                0 if q.is_empty() => "No article has this filter.".to_string(),
                0 => format!("No article matches “{q}”."),
                1 => "1 result".to_string(),
                n => format!("{n} results"),
            };
            let more = (found.total > found.hits.len()).then(|| {
                view! {
                    <button type="button" class="button" on:click=move |_| limit.update(|l| *l += STEP)>
                        "More results"
                    </button>
                }
            });
            view! {
                <p class="search-page__count" role="status">{count}</p>
                <HitList hits=found.hits />
                {more}
            }
            .into_any()
        }
    }
    };
    let title = titled(SEARCH_TITLE);

    view! {
        <Page title>
            <SearchFrame>
                {move || view! { <FilterBar filters=filters.get() query=query.get() /> }}
                {shown}
            </SearchFrame>
        </Page>
    }
}

/// Links that narrow the results to one category or one tag, or widen them again; the one in
/// force is marked. Links rather than a form: each is a shareable address.
#[component]
fn FilterBar(
    /// Every filter value with its post count.
    filters: Filters,
    /// The query in force.
    query: SearchQuery,
) -> impl IntoView {
    let group = |label: &'static str, key: &'static str| {
        let values = filters.get(key).cloned().unwrap_or_default();
        if values.is_empty() {
            return None;
        }
        let current = if key == "category" {
            query.category.clone()
        } else {
            query.tag.clone()
        };
        let with = |value: Option<String>| {
            let mut q = query.clone();
            if key == "category" {
                q.category = value;
            } else {
                q.tag = value;
            }
            q.url(base())
        };
        let all = with(None);
        let links = values
            .into_iter()
            .map(|(name, count)| {
                let here = current.as_deref() == Some(name.as_str());
                let href = with(Some(name.clone()));
                view! {
                    <li>
                        <a href=href aria-current=here.then_some("true")>
                            {name} " " <span class="search-filter__count">{count}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <nav class="search-filter" aria-label=label>
                <ul>
                    <li><a href=all aria-current=current.is_none().then_some("true")>{format!("Any {}", key)}</a></li>
                    {links}
                </ul>
            </nav>
        })
    };
    view! {
        {group("Filter by category", "category")}
        {group("Filter by tag", "tag")}
    }
}
