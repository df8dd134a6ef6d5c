//! `/category/<slug>/` and its `page/<n>/`: one category's posts.

use crate::components::post_list::ListRoute;
use crate::routes::{use_page, use_slug};
use leptos::prelude::*;
use quire_content::listing::Filter;

/// The posts of one category.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let slug = use_slug();
    view! { <ListRoute filter=Signal::derive(move || Filter::Category(slug.get())) page=use_page() /> }
}
