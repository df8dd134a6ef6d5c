//! `/`: every post, newest first.

use crate::components::post_list::PostList;
use leptos::prelude::*;
use quire_content::listing::Filter;

/// The article list.
#[component]
pub fn HomePage() -> impl IntoView {
    view! { <PostList filter=Filter::All /> }
}
