//! One article: header, the rendered Markdown, links to the neighbouring posts.

use crate::post_meta::PostMeta;
use crate::use_base;
use leptos::prelude::*;
use quire_content::date::display_date;
use quire_content::{urls, Heading, Neighbour, PostPage, RelatedPost, SeriesNav, Translation};
use std::sync::Arc;

/// A post: its header, contents, body and the ways on. The body comes rendered (by quire-content's
/// one renderer, `markdown::render_post`): quire-press renders it at build time, the app in its render
/// worker, so this view and the reader's main thread never parse Markdown.
#[component]
pub fn Article(
    /// The post, less its Markdown.
    post: Arc<PostPage>,
    /// The post's body as HTML.
    html: String,
) -> impl IntoView {
    let base = use_base();
    let meta = post.meta.clone();
    let post_url = urls::post(&base, &meta.slug);
    let contents: Vec<Heading> = post.contents().into_iter().cloned().collect();
    let contents =
        (!contents.is_empty()).then(|| view! { <Contents headings=contents post_url /> });
    let series = post
        .series_nav
        .clone()
        .map(|nav| view! { <SeriesParts nav /> });
    let related =
        (!post.related.is_empty()).then(|| view! { <Related posts=post.related.clone() /> });
    let languages = (!post.translations.is_empty())
        .then(|| view! { <Languages translations=post.translations.clone() /> });
    view! {
        <article class="post">
            <header class="post-header">
                <p class="post-back"><a href=urls::home(&base)>"← All articles"</a></p>
                <h1 class="post-title">{meta.title.clone()}</h1>
                <PostMeta post=meta />
                {languages}
            </header>
            {contents}
            <div class="prose" inner_html=html></div>
            {series}
            {related}
            <PostNav prev=post.prev.clone() next=post.next.clone() />
        </article>
    }
}

/// Links to the post's other language versions, each marked with its language.
#[component]
pub fn Languages(
    /// The other versions, by language.
    translations: Vec<Translation>,
) -> impl IntoView {
    let base = use_base();
    view! {
        <nav class="post-languages" aria-label="Other languages">
            "Also in: "
            {translations
                .into_iter()
                .map(|t| {
                    view! {
                        <a href=urls::post(&base, &t.slug) hreflang=t.lang.clone() lang=t.lang.clone() title=t.title>
                            {t.lang.clone()}
                        </a>
                        " "
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The post's sections, linked. A collapsed block above the text on narrow screens; a sticky column
/// beside it on wide ones (the stylesheet decides), where the app marks the section being read.
#[component]
pub fn Contents(
    /// The `##` and `###` headings, in order.
    headings: Vec<Heading>,
    /// The post's URL: in-page links carry it, since pages have a `<base href>`.
    post_url: String,
) -> impl IntoView {
    view! {
        <nav class="toc" aria-label="Contents">
            <details class="toc__box">
                <summary class="toc__title">"Contents"</summary>
                <ol class="toc__list">
                    {headings
                        .into_iter()
                        .map(|h| {
                            view! {
                                <li class=format!("toc__item toc__item--h{}", h.level)>
                                    <a href=format!("{post_url}#{}", h.id) data-section=h.id.clone()>{h.text}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </details>
        </nav>
    }
}

/// Every part of the post's series in reading order, this one marked, and where to go next (back to
/// the first part after the last).
#[component]
pub fn SeriesParts(
    /// The series and where this post stands in it.
    nav: SeriesNav,
) -> impl IntoView {
    let base = use_base();
    let total = nav.parts.len();
    let after = nav.after_current().cloned().map(|n| {
        let label = if nav.current + 1 == total {
            "Start again from part 1: "
        } else {
            "Next part: "
        };
        view! {
            <p class="series__next">
                {label}
                <a href=urls::post(&base, &n.slug)>{n.title}</a>
            </p>
        }
    });
    let parts = nav
        .parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let title = part.title.clone();
            let link = (i != nav.current).then(|| urls::post(&base, &part.slug));
            // The current part is a link to nowhere: an `<a>` without `href`, marked as the page.
            view! {
                <li>
                    <a href=link.clone() aria-current=link.is_none().then_some("page")>{title}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="series" aria-label="Series">
            <h2 class="series__title">
                {format!("Part {} of {} in the series ", nav.current + 1, total)}
                <strong>{nav.name}</strong>
            </h2>
            <ol class="series__parts">{parts}</ol>
            {after}
        </nav>
    }
}

/// Posts on the same subjects, chosen when the site was built.
#[component]
pub fn Related(
    /// Up to three posts.
    posts: Vec<RelatedPost>,
) -> impl IntoView {
    let base = use_base();
    view! {
        <section class="related" aria-label="Related posts">
            <h2 class="related__title">"Related posts"</h2>
            <ul class="related__list">
                {posts
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li class="related__item">
                                <a href=urls::post(&base, &p.slug)>{p.title}</a>
                                {(!p.date.is_empty()).then(|| view! { <time datetime=p.date.clone()>{display_date(&p.date)}</time> })}
                                <p>{p.summary}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
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
