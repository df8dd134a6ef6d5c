//! The list pages' body: category bar, heading, one page of posts, pager.

use crate::post_meta::PostMeta;
use crate::use_base;
use leptos::prelude::*;
use quire_content::listing::{self, Filter, Page};
use quire_content::{Category, ListPage, PostSummary, SiteData};
use std::sync::Arc;

/// One page of a list: the category bar, the list's heading (for a category or tag), its posts and
/// the pager.
#[component]
pub fn PostList(
    /// The site's categories and post count, for the bar.
    site: Arc<SiteData>,
    /// Which list this is.
    filter: Filter,
    /// The page shown.
    list: Arc<ListPage>,
) -> impl IntoView {
    let heading = (filter != Filter::All).then(|| {
        view! {
            <header class="list-header">
                <h1>{list.name.clone()}</h1>
                {(!list.description.is_empty())
                    .then(|| view! { <p class="list-header__description">{list.description.clone()}</p> })}
                <p class="list-header__count">{listing::count_label(list.count)}</p>
            </header>
        }
    });
    let items = list
        .posts
        .iter()
        .map(|post| view! { <PostCard post=post.clone() /> })
        .collect_view();
    let empty = list
        .posts
        .is_empty()
        .then(|| view! { <p class="empty">"No posts here yet."</p> });
    let pager =
        (list.pages > 1).then(|| view! { <Pager page=list.pager() filter=filter.clone() /> });
    view! {
        <CategoryBar categories=site.categories.clone() total=site.total current=filter />
        {heading}
        <ol class="post-list">{items}</ol>
        {empty}
        {pager}
    }
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
