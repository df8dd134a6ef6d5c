//! `/category/<slug>`: one category's posts.

use crate::components::post_list::PostList;
use crate::routes::use_slug;
use leptos::prelude::*;
use quire_content::listing::Filter;

/// The posts of one category.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let slug = use_slug();
    view! { <PostList filter=Signal::derive(move || Filter::Category(slug.get())) /> }
}
