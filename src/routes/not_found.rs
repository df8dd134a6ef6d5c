//! Any path the site does not have.

use crate::page::Page;
use crate::state::use_index;
use leptos::prelude::*;
use quire_content::pages::page_title;
use quire_views::not_found::{NotFound, NOT_FOUND_TITLE};

/// The not-found page, titled like the static `404.html`.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let index = use_index();
    let title = move || {
        let site = index
            .get()
            .and_then(Result::ok)
            .map(|i| i.site.title.clone());
        page_title(&site.unwrap_or_default(), Some(NOT_FOUND_TITLE))
    };
    view! {
        <Page title=title>
            <NotFound />
        </Page>
    }
}
