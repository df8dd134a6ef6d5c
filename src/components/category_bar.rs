//! The category bar at the top of every list page.

use crate::api;
use leptos::prelude::*;
use quire_content::listing::Filter;
use quire_content::{urls, Category};

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
    let base = api::base();
    let is_current = move |f: Filter| move || (current.get() == f).then_some("page");
    view! {
        <nav class="category-bar" aria-label="Categories">
            <ul>
                <li>
                    <a href=urls::home(base) aria-current=is_current(Filter::All)>
                        "All " <span class="count">{total}</span>
                    </a>
                </li>
                {categories
                    .into_iter()
                    .map(|c| {
                        let current = is_current(Filter::Category(c.slug.clone()));
                        view! {
                            <li>
                                <a href=urls::category(base, &c.slug) aria-current=current>
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
