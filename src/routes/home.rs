//! `/` and `/page/<n>/`: every post, newest first.

use crate::components::post_list::ListRoute;
use crate::routes::use_page;
use leptos::prelude::*;
use quire_content::listing::Filter;

/// The article list.
#[component]
pub fn HomePage() -> impl IntoView {
    view! { <ListRoute filter=Filter::All page=use_page() /> }
}
