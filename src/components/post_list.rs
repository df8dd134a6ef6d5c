//! A list route's body once the index is in: the page wrapper around quire-views' `PostList`, with a
//! skeleton while the index loads and the error when it cannot.

use crate::components::error_view::ErrorView;
use crate::components::skeleton::ListSkeleton;
use crate::page::Page;
use crate::state::use_index;
use leptos::either::Either;
use leptos::prelude::*;
use quire_content::listing::{self, Filter};
use quire_content::pages::page_title;
use quire_views::list::PostList;
use quire_views::not_found::NOT_FOUND_TITLE;

/// One page of a list of posts: all of them, or one category's, or one tag's. Filtering uses the index
/// already loaded: switching filters or pages never fetches.
#[component]
pub fn ListRoute(
    /// Which posts to list.
    #[prop(into)]
    filter: Signal<Filter>,
    /// 1-based page number (0 for an address that names no page).
    #[prop(into)]
    page: Signal<usize>,
) -> impl IntoView {
    let index = use_index();
    view! {
        <Transition fallback=ListSkeleton>
            {move || Suspend::new(async move {
                match index.await {
                    Ok(index) => Either::Left(move || {
                        let (filter, page) = (filter.get(), page.get());
                        let (title, description) = match listing::list_head(&index, &filter, page) {
                            Some(head) => (head.title, head.description),
                            None => (page_title(&index.site.title, Some(NOT_FOUND_TITLE)), String::new()),
                        };
                        // The page's children own their copy: this closure runs again on every switch.
                        let index = index.clone();
                        view! {
                            <Page title description>
                                <PostList index filter page />
                            </Page>
                        }
                    }),
                    Err(error) => {
                        let retry = Callback::new(move |_| index.refetch());
                        Either::Right(view! { <ErrorView error on_retry=retry /> })
                    }
                }
            })}
        </Transition>
    }
}
