//! One article: header, the rendered Markdown, links to the neighbouring posts.

use crate::post_meta::PostMeta;
use crate::use_base;
use leptos::prelude::*;
use quire_content::markdown::{render_html, RenderOptions};
use quire_content::{urls, Neighbour, Post};
use std::sync::Arc;

/// A post, rendered from its Markdown by quire-content's one renderer.
#[component]
pub fn Article(
    /// The post.
    post: Arc<Post>,
    /// Keep the post's raw HTML (sanitised) instead of escaping it, as the site config says.
    trusted_html: bool,
) -> impl IntoView {
    let base = use_base();
    let html = render_html(
        &post.body,
        &RenderOptions {
            base: &base,
            slug: &post.meta.slug,
            trusted_html,
            blocks: &post.blocks,
        },
    );
    let meta = post.meta.clone();
    let series = meta.series.clone().map(
        |s| view! { <p class="post-series">"Part of the series "<strong>{s.name}</strong></p> },
    );
    view! {
        <article class="post">
            <header class="post-header">
                <p class="post-back"><a href=urls::home(&base)>"← All articles"</a></p>
                <h1 class="post-title">{meta.title.clone()}</h1>
                <PostMeta post=meta />
                {series}
            </header>
            <div class="prose" inner_html=html></div>
            <PostNav prev=post.prev.clone() next=post.next.clone() />
        </article>
    }
}

/// Previous (newer) and next (older) article links.
#[component]
pub fn PostNav(
    /// The newer post, if any.
    prev: Option<Neighbour>,
    /// The older post, if any.
    next: Option<Neighbour>,
) -> impl IntoView {
    let base = use_base();
    let link = move |n: Neighbour, rel: &'static str, label: &'static str| {
        view! {
            <a class=format!("post-nav__{rel}") rel=rel href=urls::post(&base, &n.slug)>
                <span class="post-nav__label">{label}</span>
                <span class="post-nav__title">{n.title}</span>
            </a>
        }
    };
    view! {
        <nav class="post-nav" aria-label="More articles">
            {prev.map(|n| link(n.clone(), "prev", "Newer"))}
            {next.map(|n| link(n, "next", "Older"))}
        </nav>
    }
}
