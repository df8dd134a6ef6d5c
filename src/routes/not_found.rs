//! Any path the site does not have, and unknown slugs.

use crate::api;
use leptos::prelude::*;
use leptos_meta::Title;
use quire_content::urls;

/// A real not-found page with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(|_| crate::page::page_ready());
    view! {
        <Title text="Page not found" />
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. The post may have moved, or the link may be mistyped."</p>
            <p>
                <a class="button" href=urls::home(api::base())>"Browse all articles"</a>
            </p>
        </section>
    }
}
