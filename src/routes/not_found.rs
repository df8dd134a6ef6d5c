//! Any path the site does not have.

use crate::page::Page;
use crate::state::titled;
use leptos::prelude::*;
use quire_views::not_found::{NotFound, NOT_FOUND_TITLE};

/// The not-found page, titled like the static `404.html`.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Page title=titled(NOT_FOUND_TITLE)>
            <NotFound />
        </Page>
    }
}
