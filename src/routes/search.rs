//! `/search/?q=…&category=…&tag=…`: every result of a query, narrowed by category or tag. The address
//! says it all, so a search can be shared, reloaded and opened from the static page's form.

use crate::api::base;
use crate::page::Page;
use crate::search::engine::{self, Filters};
use crate::search::{HitList, SearchFailure};
use crate::state::titled;
use leptos::either::Either;
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
    // A new query starts again from the first results.
    Effect::new(move |_| {
        query.track();
        limit.set(STEP);
    });
    let results = LocalResource::new(move || {
        let (query, limit) = (query.get(), limit.get());
        async move {
            if query == SearchQuery::default() {
                return Ok(None);
            }
            engine::search(&query, limit).await.map(Some)
        }
    });
    let filters = LocalResource::new(engine::filters);
    let title = titled(SEARCH_TITLE);

    view! {
        <Page title>
            <SearchFrame>
                <Transition fallback=|| view! { <p class="search-panel__status" role="status">"Searching…"</p> }>
                    {move || Suspend::new(async move {
                        let filters = filters.await.unwrap_or_default();
                        view! { <FilterBar filters query=query.get() /> }
                    })}
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(None) => Either::Left(view! {
                                <p class="search-page__note">"Type in the search field above: titles, text and code are all searched."</p>
                            }.into_any()),
                            Ok(Some(found)) => {
                                let q = query.get_untracked().q;
                                let count = match found.total {
                                    0 if q.is_empty() => "No article has this filter.".to_string(),
                                    0 => format!("No article matches “{q}”."),
                                    1 => "1 result".to_string(),
                                    n => format!("{n} results"),
                                };
                                let more = found.total > found.hits.len();
                                Either::Left(view! {
                                    <p class="search-page__count" role="status">{count}</p>
                                    <HitList hits=found.hits />
                                    <Show when=move || more>
                                        <button type="button" class="button" on:click=move |_| limit.update(|l| *l += STEP)>
                                            "More results"
                                        </button>
                                    </Show>
                                }.into_any())
                            }
                            Err(error) => {
                                let retry = Callback::new(move |()| {
                                    filters.refetch();
                                    results.refetch();
                                });
                                Either::Right(view! { <SearchFailure error on_retry=retry /> })
                            }
                        }
                    })}
                </Transition>
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
