//! `/posts/<slug>/`: one article, rendered from Markdown in the browser.

use crate::api::{self, ApiError};
use crate::components::error_view::ErrorView;
use crate::components::skeleton::ArticleSkeleton;
use crate::page::Page;
use crate::routes::use_slug;
use crate::state::use_index;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use quire_content::pages::page_title;
use quire_views::article::Article;
use quire_views::not_found::{NotFound, NOT_FOUND_TITLE};

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
                        EitherOf3::A(view! {
                            <Page title=page_title(&site_title, Some(NOT_FOUND_TITLE))>
                                <NotFound />
                            </Page>
                        })
                    }
                    (Ok(post), _) => {
                        let title = page_title(&site_title, Some(&post.meta.title));
                        let description = post.meta.summary.clone();
                        EitherOf3::B(view! {
                            <Page title description>
                                <Article post trusted_html />
                            </Page>
                        })
                    }
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
