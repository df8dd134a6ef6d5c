//! Quiet placeholders shown while data loads: the same boxes the content will fill, so nothing jumps.

use leptos::prelude::*;

/// Placeholder for a list of posts.
#[component]
pub fn ListSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" aria-label="Loading articles">
            <div class="skeleton__line skeleton__line--title"></div>
            {(0..5)
                .map(|_| {
                    view! {
                        <div class="skeleton__card">
                            <div class="skeleton__line skeleton__line--short"></div>
                            <div class="skeleton__line skeleton__line--title"></div>
                            <div class="skeleton__line"></div>
                            <div class="skeleton__line"></div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Placeholder for an article.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton skeleton--article" aria-busy="true" aria-label="Loading article">
            <div class="skeleton__line skeleton__line--short"></div>
            <div class="skeleton__line skeleton__line--headline"></div>
            <div class="skeleton__line skeleton__line--short"></div>
            {(0..8).map(|_| view! { <div class="skeleton__line"></div> }).collect_view()}
        </div>
    }
}
