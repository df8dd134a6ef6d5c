//! The header's search field as the app runs it: results as the reader types, the keyboard (`/` to
//! focus, arrows and Enter to open a result, Escape to close), and Enter on no result to the search
//! page. Nothing of the index loads before the field has the focus.

use super::engine;
use super::{option_id, HitList, SearchFailure, Searcher, Status};
use crate::api::base;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use quire_content::search::{self, SearchQuery};
use quire_content::urls;
use quire_views::search::{SearchForm, SearchHandlers, FIELD_ID, PANEL_ID};
use wasm_bindgen::JsCast;

/// How many results the header shows; the search page shows more.
const SHOWN: usize = 8;

/// The search field in the header, with its results panel.
#[component]
pub fn SearchBox() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let searcher = Searcher::new();
    let status = searcher.status;
    let active = RwSignal::new(None::<usize>);
    let navigate = use_navigate();
    let location = use_location();

    // On the search page the field shows the page's query.
    Effect::new(move |_| {
        // The field shows the search page's query there, and starts empty on every other page.
        let q = if location.pathname.get() == urls::search(base()) {
            location.query.read().get("q").unwrap_or_default()
        } else {
            String::new()
        };
        query.set(q);
        open.set(false);
        active.set(None);
    });

    let run = move |text: String| {
        searcher.run(
            SearchQuery {
                q: text,
                ..Default::default()
            },
            SHOWN,
        )
    };
    // New results: the highlighted one was a place in the old list.
    Effect::new(move |_| {
        status.track();
        active.set(None);
    });

    let input = Callback::new(move |text: String| {
        // A choice made among the previous results does not carry over to the next ones.
        active.set(None);
        query.set(text.clone());
        open.set(!text.trim().is_empty());
        run(text);
    });
    let focus = Callback::new(move |()| {
        engine::warm_up();
        if !query.get_untracked().trim().is_empty() {
            open.set(true);
        }
    });
    let count = move || match status.get() {
        Status::Found(results) => results.hits.len(),
        _ => 0,
    };
    let key = {
        Callback::new(
            move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                "ArrowDown" | "ArrowUp" => {
                    ev.prevent_default();
                    if !open.get_untracked() && !query.get_untracked().trim().is_empty() {
                        open.set(true);
                    }
                    active.set(search::step(
                        active.get_untracked(),
                        count(),
                        ev.key() == "ArrowDown",
                    ));
                }
                "Enter" => {
                    if let (true, Some(i), Status::Found(results)) = (
                        open.get_untracked(),
                        active.get_untracked(),
                        status.get_untracked(),
                    ) {
                        if results.hits.get(i).is_some() {
                            ev.prevent_default();
                            // The result's own link, clicked: the router takes it like a reader's click.
                            if let Some(link) = document()
                                .query_selector(&format!("#{} a", option_id(i)))
                                .ok()
                                .flatten()
                                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                link.click();
                            }
                        }
                    }
                }
                "Escape" if open.get_untracked() => {
                    ev.prevent_default();
                    open.set(false);
                    active.set(None);
                }
                _ => {}
            },
        )
    };
    let submit = Callback::new(move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        open.set(false);
        let query = SearchQuery {
            q: query.get_untracked(),
            ..Default::default()
        };
        navigate(&query.url(base()), Default::default());
    });
    let leave = Callback::new(move |ev: leptos::ev::FocusEvent| {
        let stays = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(document().get_element_by_id(PANEL_ID))
            .is_some_and(|(to, panel)| panel.contains(Some(&to)));
        let to_field = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.id() == FIELD_ID);
        if !stays && !to_field {
            open.set(false);
        }
    });
    let handlers = SearchHandlers {
        focus,
        input,
        key,
        submit,
        leave,
    };
    let retry = Callback::new(move |()| {
        // The button goes away with the failure: give the focus back to the field first, so the
        // panel stays open for the results.
        if let Some(field) = document()
            .get_element_by_id(FIELD_ID)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = field.focus();
        }
        open.set(true);
        run(query.get_untracked());
    });
    install_slash_shortcut();
    let all_results = move || {
        SearchQuery {
            q: query.get(),
            ..Default::default()
        }
        .url(base())
    };

    view! {
            <SearchForm
                value=query
                open
                active=Signal::derive(move || active.get().map(option_id))
                handlers
            >
                <Show when=move || open.get()>
                    <div id=PANEL_ID class="search-panel">
                        {move || match status.get() {
                            Status::Idle => ().into_any(),
                            Status::Searching => view! {
                                <p class="search-panel__status" role="status">"Searching…"</p>
                            }.into_any(),
                            Status::Failed(error) => view! {
                                <SearchFailure error on_retry=retry />
                            }.into_any(),
                            Status::Found(results) if results.hits.is_empty() => view! {
                                <p class="search-panel__status" role="status">
                                    "No article matches “" {query.get_untracked()} "”."
                                </p>
                            }.into_any(),
                            Status::Found(results) => view! {
                                <HitList hits=results.hits active listbox=true />
                                <a class="search-panel__all" href=all_results>
                                    {format!("All {} results", results.total)}
                                </a>
                            }.into_any(),
                        }}
                    </div>
                </Show>
            </SearchForm>
    }
}

/// `/` anywhere outside a text field focuses the search field, as on most documentation sites.
fn install_slash_shortcut() {
    window_event_listener(leptos::ev::keydown, |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.has_attribute("contenteditable")
            });
        if typing {
            return;
        }
        if let Some(field) = document()
            .get_element_by_id(FIELD_ID)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            ev.prevent_default();
            let _ = field.focus();
        }
    });
}
