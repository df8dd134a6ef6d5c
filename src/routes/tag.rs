//! `/tag/<slug>/` and its `page/<n>/`: the posts carrying one tag.

use crate::components::post_list::ListRoute;
use crate::routes::{use_page, use_slug};
use leptos::prelude::*;
use quire_content::listing::Filter;

/// The posts with one tag.
#[component]
pub fn TagPage() -> impl IntoView {
    let slug = use_slug();
    view! { <ListRoute filter=Signal::derive(move || Filter::Tag(slug.get())) page=use_page() /> }
}
