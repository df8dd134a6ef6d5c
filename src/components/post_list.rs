//! A list route's body: the page wrapper around quire-views' `PostList`, with a skeleton while the
//! page of the list loads and the error when it cannot.

use crate::api::{self, ApiError};
use crate::components::error_view::ErrorView;
use crate::components::skeleton::ListSkeleton;
use crate::page::Page;
use crate::state::use_site;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use quire_content::listing::{self, Filter};
use quire_content::pages::page_title;
use quire_views::list::PostList;
use quire_views::not_found::{NotFound, NOT_FOUND_TITLE};

/// One page of a list of posts: all of them, or one category's, or one tag's. Each page of each
/// list is a small file of its own (`data/lists/…`), loaded once per visit; the page the reader
/// landed on carries its own.
#[component]
pub fn ListRoute(
    /// Which posts to list.
    #[prop(into)]
    filter: Signal<Filter>,
    /// 1-based page number (0 for an address that names no page).
    #[prop(into)]
    page: Signal<usize>,
) -> impl IntoView {
    let site = use_site();
    let list = LocalResource::new(move || {
        api::fetch_list(filter.get(), page.get(), api::abort_on_cleanup())
    });
    view! {
        <Transition fallback=ListSkeleton>
            {move || Suspend::new(async move {
                match (site.await, list.await) {
                    (Ok(site), Ok((filter, list))) => {
                        let head = listing::list_head(&site.site, &filter, &list);
                        EitherOf3::A(view! {
                            <Page title=head.title description=head.description>
                                <PostList site filter list />
                            </Page>
                        })
                    }
                    (site, Err(ApiError::NotFound)) => {
                        let title = site.map(|s| s.site.title.clone()).unwrap_or_default();
                        EitherOf3::B(view! {
                            <Page title=page_title(&title, Some(NOT_FOUND_TITLE))>
                                <NotFound />
                            </Page>
                        })
                    }
                    (Err(error), _) | (_, Err(error)) => {
                        let retry = Callback::new(move |_| {
                            site.refetch();
                            list.refetch();
                        });
                        EitherOf3::C(view! { <ErrorView error on_retry=retry /> })
                    }
                }
            })}
        </Transition>
    }
}
