//! Any path the site does not have.

use crate::page::Page;
use crate::state::use_site;
use leptos::prelude::*;
use quire_content::pages::page_title;
use quire_views::not_found::{NotFound, NOT_FOUND_TITLE};

/// The not-found page, titled like the static `404.html`.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let site = use_site();
    let title = move || {
        let site = site
            .get()
            .and_then(Result::ok)
            .map(|s| s.site.title.clone());
        page_title(&site.unwrap_or_default(), Some(NOT_FOUND_TITLE))
    };
    view! {
        <Page title=title>
            <NotFound />
        </Page>
    }
}
