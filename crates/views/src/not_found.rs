//! Any path the site does not have, and unknown slugs.

use crate::use_base;
use leptos::prelude::*;
use quire_content::urls;

pub use quire_content::pages::NOT_FOUND_TITLE;

/// A real not-found page with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>{NOT_FOUND_TITLE}</h1>
            <p>"There is nothing at this address. The post may have moved, or the link may be mistyped."</p>
            <p>
                <a class="button" href=urls::home(&use_base())>"Browse all articles"</a>
            </p>
        </section>
    }
}
