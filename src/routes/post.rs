//! `/posts/<slug>`: one article, rendered from Markdown in the browser.

use crate::api::{self, ApiError};
use crate::app::use_index;
use crate::components::error_view::ErrorView;
use crate::components::post_meta::PostMeta;
use crate::components::skeleton::ArticleSkeleton;
use crate::routes::{not_found::NotFound, use_slug};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use quire_content::markdown::{render_html, RenderOptions};
use quire_content::pages::page_title;
use quire_content::{urls, Neighbour, Post};
use std::sync::Arc;

/// The article view: fetches the post (once per visit) and renders it.
#[component]
pub fn PostPage() -> impl IntoView {
    let slug = use_slug();
    let index_resource = use_index();
    // The slug is read inside the fetcher, so /posts/a → /posts/b fetches b.
    let post = LocalResource::new(move || api::fetch_post(slug.get(), api::abort_on_cleanup()));
    view! {
        <Transition fallback=ArticleSkeleton>
            {move || Suspend::new(async move {
                let result = post.await;
                let index = index_resource.await;
                let trusted_html = index.as_ref().is_ok_and(|i| i.site.trusted_html);
                let site_title = index.as_ref().map(|i| i.site.title.clone()).unwrap_or_default();
                // A dev server answers unknown files with the app's HTML, not 404: ask the index too.
                let known = index.as_ref().map(|i| i.posts.iter().any(|p| p.slug == slug.get_untracked()));
                match (result, known) {
                    (Err(ApiError::NotFound), _) | (Err(ApiError::Malformed(_)), Ok(false)) => {
                        EitherOf3::A(view! { <NotFound /> })
                    }
                    (Ok(post), _) => EitherOf3::B(view! { <Article post trusted_html site_title /> }),
                    (Err(error), _) => {
                        let retry = Callback::new(move |_| {
                            post.refetch();
                            if index.is_err() {
                                index_resource.refetch();
                            }
                        });
                        EitherOf3::C(view! { <ErrorView error on_retry=retry /> })
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Article(post: Arc<Post>, trusted_html: bool, site_title: String) -> impl IntoView {
    let base = api::base();
    let html = render_html(
        &post.body,
        &RenderOptions {
            base,
            slug: &post.meta.slug,
            trusted_html,
            blocks: &post.blocks,
        },
    );
    let meta = post.meta.clone();
    let title = page_title(&site_title, Some(&meta.title));
    let series = meta.series.clone().map(
        |s| view! { <p class="post-series">"Part of the series "<strong>{s.name}</strong></p> },
    );
    Effect::new(|_| crate::page::page_ready());
    view! {
        <Title text=title />
        <Meta name="description" content=meta.summary.clone() />
        <article class="post">
            <header class="post-header">
                <p class="post-back"><a href=urls::home(base)>"← All articles"</a></p>
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
fn PostNav(prev: Option<Neighbour>, next: Option<Neighbour>) -> impl IntoView {
    let base = api::base();
    let link = move |n: Neighbour, rel: &'static str, label: &'static str| {
        view! {
            <a class=format!("post-nav__{rel}") rel=rel href=urls::post(base, &n.slug)>
                <span class="post-nav__label">{label}</span>
                <span class="post-nav__title">{n.title}</span>
            </a>
        }
    };
    view! {
        <nav class="post-nav" aria-label="More articles">
            {prev.map(|n| link(n, "prev", "Newer"))}
            {next.map(|n| link(n, "next", "Older"))}
        </nav>
    }
}
