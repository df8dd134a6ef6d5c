//! The list views' body: heading, category bar, one page of posts, pager.

use crate::api;
use crate::app::use_index;
use crate::components::category_bar::CategoryBar;
use crate::components::error_view::ErrorView;
use crate::components::post_meta::PostMeta;
use crate::components::skeleton::ListSkeleton;
use crate::routes::not_found::NotFound;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use quire_content::listing::{self, Filter, Page, PER_PAGE};
use quire_content::pages::page_title;
use quire_content::{urls, Index};
use std::sync::Arc;

/// A list of posts: all of them, or one category's, or one tag's, a page at a time.
/// Filtering uses the index already loaded: switching filters never fetches.
#[component]
pub fn PostList(
    /// Which posts to list.
    #[prop(into)]
    filter: Signal<Filter>,
) -> impl IntoView {
    let index = use_index();
    view! {
        <Transition fallback=ListSkeleton>
            {move || Suspend::new(async move {
                match index.await {
                    Ok(index) => Either::Left(view! { <ListBody index filter /> }),
                    Err(error) => {
                        let retry = Callback::new(move |_| index.refetch());
                        Either::Right(view! { <ErrorView error on_retry=retry /> })
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn ListBody(index: Arc<Index>, filter: Signal<Filter>) -> impl IntoView {
    let query = use_query_map();
    let page_number = move || listing::parse_page(query.read().get("page").as_deref());
    let base = api::base();
    let bar_index = index.clone();
    let body = move || {
        let filter = filter.get();
        let Some(info) = listing::filter_info(&index, &filter) else {
            return Either::Left(view! { <NotFound /> });
        };
        let posts = listing::filter_posts(&index.posts, &filter);
        let page = Page::of(posts.len(), page_number(), PER_PAGE);
        let heading = match filter {
            Filter::All => None,
            _ => Some(view! {
                <header class="list-header">
                    <h1>{info.name.clone()}</h1>
                    {(!info.description.is_empty()).then(|| view! { <p class="list-header__description">{info.description.clone()}</p> })}
                    <p class="list-header__count">{listing::count_label(posts.len())}</p>
                </header>
            }),
        };
        let title = match filter {
            Filter::All => page_title(&index.site.title, None),
            _ => page_title(&index.site.title, Some(&info.name)),
        };
        let items = posts[page.start..page.end]
            .iter()
            .map(|post| {
                let post = (*post).clone();
                view! {
                    <li class="post-card">
                        <h2 class="post-card__title">
                            <a href=urls::post(base, &post.slug)>{post.title.clone()}</a>
                        </h2>
                        <p class="post-card__summary">{post.summary.clone()}</p>
                        <PostMeta post />
                    </li>
                }
            })
            .collect_view();
        let path = match &filter {
            Filter::All => urls::home(base),
            Filter::Category(slug) => urls::category(base, slug),
            Filter::Tag(slug) => urls::tag(base, slug),
        };
        let pager = (page.count > 1).then(|| view! { <Pager page path /> });
        let empty = posts
            .is_empty()
            .then(|| view! { <p class="empty">"No posts here yet."</p> });
        crate::page::page_ready();
        Either::Right(view! {
            <Title text=title />
            <Meta name="description" content=info.description.clone() />
            {heading}
            <ol class="post-list">{items}</ol>
            {empty}
            {pager}
        })
    };
    view! {
        <CategoryBar
            categories=bar_index.categories.clone()
            total=bar_index.posts.len()
            current=filter
        />
        {body}
    }
}

/// Links to the previous and next pages of a list.
#[component]
fn Pager(page: Page, path: String) -> impl IntoView {
    let link = move |n: usize| {
        if n == 1 {
            path.clone()
        } else {
            format!("{path}?page={n}")
        }
    };
    view! {
        <nav class="pager" aria-label="Pages">
            {page.previous().map(|n| view! { <a rel="prev" href=link(n)>"← Newer"</a> })}
            <span class="pager__position">{format!("Page {} of {}", page.number, page.count)}</span>
            {page.next().map(|n| view! { <a rel="next" href=link(n)>"Older →"</a> })}
        </nav>
    }
}
