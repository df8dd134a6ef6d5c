//! Search: the field in the header and the frame of the search page. Both work without the app: the
//! field is a plain GET form to the search page. The app passes handlers and a results panel, and
//! fills the page with results.

use crate::use_base;
use leptos::prelude::*;
use quire_content::urls;

pub use quire_content::pages::SEARCH_TITLE;

/// The id of the header's search input: the app focuses it on `/`, labels and tests find it.
pub const FIELD_ID: &str = "site-search";
/// The id of the results panel under the field (present only while it shows).
pub const PANEL_ID: &str = "site-search-results";

/// What the app does with the field; absent on the static page, where the form just submits.
#[derive(Clone, Copy)]
pub struct SearchHandlers {
    /// The field got the focus: the moment to load the index, not before.
    pub focus: Callback<()>,
    /// The text changed.
    pub input: Callback<String>,
    /// A key went down in the field (arrows, Enter, Escape).
    pub key: Callback<leptos::ev::KeyboardEvent>,
    /// The form is submitted (Enter with no result chosen): the app routes instead of reloading.
    pub submit: Callback<leptos::ev::SubmitEvent>,
    /// The focus moved from something in the form (to close the results when it left the form).
    pub leave: Callback<leptos::ev::FocusEvent>,
}

/// The search field: a GET form to `{base}search/`, so it works before and without the app.
#[component]
pub fn SearchForm(
    /// The text in the field.
    #[prop(optional, into)]
    value: Signal<String>,
    /// Whether the results panel is open (a combobox's `aria-expanded`).
    #[prop(optional, into)]
    open: Signal<bool>,
    /// The id of the highlighted result (`aria-activedescendant`), if any.
    #[prop(optional, into)]
    active: Signal<Option<String>>,
    /// The app's handlers; `None` on the static page.
    #[prop(optional)]
    handlers: Option<SearchHandlers>,
    /// The results panel, shown under the field.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let action = urls::search(&use_base());
    view! {
        <form class="site-search" role="search" action=action method="get"
            on:submit=move |ev| {
                if let Some(h) = handlers {
                    h.submit.run(ev);
                }
            }
            on:focusout=move |ev| {
                if let Some(h) = handlers {
                    h.leave.run(ev);
                }
            }
        >
            <label class="visually-hidden" for=FIELD_ID>"Search articles"</label>
            <input
                id=FIELD_ID
                class="site-search__input"
                // A text field, not `type="search"`: HTML allows the combobox role (a field with a list
                // of results under it) only on text fields.
                type="text"
                name="q"
                enterkeyhint="search"
                placeholder="Search  /"
                autocomplete="off"
                spellcheck="false"
                role="combobox"
                aria-autocomplete="list"
                aria-keyshortcuts="/"
                aria-expanded=move || open.get().to_string()
                aria-controls=move || open.get().then_some(PANEL_ID)
                aria-activedescendant=move || active.get()
                prop:value=move || value.get()
                on:focus=move |_| {
                    if let Some(h) = handlers {
                        h.focus.run(());
                    }
                }
                on:input=move |ev| {
                    if let Some(h) = handlers {
                        h.input.run(event_target_value(&ev));
                    }
                }
                on:keydown=move |ev| {
                    if let Some(h) = handlers {
                        h.key.run(ev);
                    }
                }
            />
            {children.map(|c| c())}
        </form>
    }
}

/// The search page's frame: its heading, then what the app shows (results, filters), or on the
/// static page a way to look without a search.
#[component]
pub fn SearchPage(
    /// The results; `None` on the static page.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let home = urls::home(&use_base());
    view! {
        <section class="search-page">
            <h1>{SEARCH_TITLE}</h1>
            {match children {
                Some(c) => c().into_any(),
                None => view! {
                    <p class="search-page__note">
                        "Searching runs in the browser and needs JavaScript. Every article is also listed, newest first, on "
                        <a href=home>"the home page"</a>
                        "."
                    </p>
                }.into_any(),
            }}
        </section>
    }
}
