//! `/tag/<slug>`: the posts carrying one tag.

use crate::components::post_list::PostList;
use crate::routes::use_slug;
use leptos::prelude::*;
use quire_content::listing::Filter;

/// The posts with one tag.
#[component]
pub fn TagPage() -> impl IntoView {
    let slug = use_slug();
    view! { <PostList filter=Signal::derive(move || Filter::Tag(slug.get())) /> }
}
