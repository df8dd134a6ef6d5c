//! The list pages' body: category bar, heading, one page of posts, pager.

use crate::not_found::NotFound;
use crate::post_meta::PostMeta;
use crate::use_base;
use leptos::either::Either;
use leptos::prelude::*;
use quire_content::listing::{self, Filter, Page, PER_PAGE};
use quire_content::{Category, Index, PostSummary};
use std::sync::Arc;

/// Page `page` of the posts `filter` keeps; the not-found page when the filter or the page does not
/// exist (the static host has no file there either).
#[component]
pub fn PostList(
    /// The site index.
    index: Arc<Index>,
    /// Which posts to list.
    filter: Filter,
    /// 1-based page number.
    page: usize,
) -> impl IntoView {
    let Some(info) = listing::filter_info(&index, &filter) else {
        return Either::Left(view! { <NotFound /> });
    };
    let posts = listing::filter_posts(&index.posts, &filter);
    let shown = Page::of(posts.len(), page, PER_PAGE);
    if shown.number != page {
        return Either::Left(view! { <NotFound /> });
    }
    let heading = (filter != Filter::All).then(|| {
        view! {
            <header class="list-header">
                <h1>{info.name}</h1>
                {(!info.description.is_empty())
                    .then(|| view! { <p class="list-header__description">{info.description}</p> })}
                <p class="list-header__count">{listing::count_label(posts.len())}</p>
            </header>
        }
    });
    let items = posts[shown.start..shown.end]
        .iter()
        .map(|post| view! { <PostCard post=(*post).clone() /> })
        .collect_view();
    let empty = posts
        .is_empty()
        .then(|| view! { <p class="empty">"No posts here yet."</p> });
    let pager = (shown.count > 1).then(|| view! { <Pager page=shown filter=filter.clone() /> });
    Either::Right(view! {
        <CategoryBar categories=index.categories.clone() total=index.posts.len() current=filter />
        {heading}
        <ol class="post-list">{items}</ol>
        {empty}
        {pager}
    })
}

/// One post in a list: title, summary, meta line.
#[component]
pub fn PostCard(
    /// The post shown.
    post: PostSummary,
) -> impl IntoView {
    let href = quire_content::urls::post(&use_base(), &post.slug);
    view! {
        <li class="post-card">
            <h2 class="post-card__title">
                <a href=href>{post.title.clone()}</a>
            </h2>
            <p class="post-card__summary">{post.summary.clone()}</p>
            <PostMeta post />
        </li>
    }
}

/// Every category with its post count, plus "All"; the one being shown carries `aria-current="page"`.
#[component]
pub fn CategoryBar(
    /// The site's categories, in display order.
    categories: Vec<Category>,
    /// Number of posts on the site, shown beside "All".
    total: usize,
    /// The list being shown.
    #[prop(into)]
    current: Signal<Filter>,
) -> impl IntoView {
    let base = use_base();
    let is_current = move |f: Filter| move || (current.get() == f).then_some("page");
    view! {
        <nav class="category-bar" aria-label="Categories">
            <ul>
                <li>
                    <a href=quire_content::urls::home(&base) aria-current=is_current(Filter::All)>
                        "All " <span class="count">{total}</span>
                    </a>
                </li>
                {categories
                    .into_iter()
                    .map(|c| {
                        let current = is_current(Filter::Category(c.slug.clone()));
                        view! {
                            <li>
                                <a href=quire_content::urls::category(&base, &c.slug) aria-current=current>
                                    {c.name} " " <span class="count">{c.count}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Links to the newer and older pages of a list.
#[component]
pub fn Pager(
    /// The page shown.
    page: Page,
    /// The list paged through.
    filter: Filter,
) -> impl IntoView {
    let base = use_base();
    let link = move |n: usize| listing::list_url(&base, &filter, n);
    view! {
        <nav class="pager" aria-label="Pages">
            {page.previous().map(|n| view! { <a rel="prev" href=link(n)>"← Newer"</a> })}
            <span class="pager__position">{format!("Page {} of {}", page.number, page.count)}</span>
            {page.next().map(|n| view! { <a rel="next" href=link(n)>"Older →"</a> })}
        </nav>
    }
}
