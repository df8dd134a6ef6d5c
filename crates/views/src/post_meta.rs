//! The line under a title: date, category, tags, reading time.

use crate::use_base;
use leptos::prelude::*;
use quire_content::date::display_date;
use quire_content::{urls, PostSummary};

/// Dates, category and tags of a post, as links, and its reading time.
#[component]
pub fn PostMeta(
    /// The post described.
    post: PostSummary,
) -> impl IntoView {
    let base = use_base();
    let updated = post.updated.clone().filter(|u| *u != post.date).map(|u| {
        view! {
            " · updated "
            <time datetime=u.clone()>{display_date(&u)}</time>
        }
    });
    let category = post.category.clone().map(|c| {
        view! {
            " · "
            <a class="post-meta__category" href=urls::category(&base, &c.slug)>{c.name}</a>
        }
    });
    let tags = (!post.tags.is_empty()).then(|| {
        view! {
            <ul class="tag-list" aria-label="Tags">
                {post
                    .tags
                    .iter()
                    .map(|t| view! { <li><a href=urls::tag(&base, &t.slug)>"#"{t.name.clone()}</a></li> })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <div class="post-meta">
            <p class="post-meta__line">
                {if post.date.is_empty() {
                    // An imported post with no date at all.
                    view! { <span class="post-meta__undated">"Undated"</span> }.into_any()
                } else {
                    view! { <time datetime=post.date.clone()>{display_date(&post.date)}</time> }.into_any()
                }}
                {updated}
                {category}
                " · "
                {format!("{} min read", post.reading_minutes)}
            </p>
            {tags}
        </div>
    }
}
