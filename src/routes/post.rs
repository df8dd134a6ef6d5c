//! `/posts/<slug>/`: one article.

use crate::api::{self, ApiError};
use crate::components::error_view::ErrorView;
use crate::components::skeleton::ArticleSkeleton;
use crate::page::Page;
use crate::routes::use_slug;
use crate::state::use_site;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use quire_content::pages::page_title;
use quire_views::article::Article;
use quire_views::not_found::{NotFound, NOT_FOUND_TITLE};
use std::sync::Arc;

/// The article view: loads the post (once per visit) and shows it.
#[component]
pub fn PostPage() -> impl IntoView {
    let slug = use_slug();
    let site = use_site();
    // The slug is read inside the fetcher, so /posts/a → /posts/b loads b.
    let article =
        LocalResource::new(move || api::fetch_article(slug.get(), api::abort_on_cleanup()));
    view! {
        <Transition fallback=ArticleSkeleton>
            {move || Suspend::new(async move {
                let site_title = site.await.map(|s| s.site.title.clone()).unwrap_or_default();
                match article.await {
                    Err(ApiError::NotFound) => EitherOf3::A(view! {
                        <Page title=page_title(&site_title, Some(NOT_FOUND_TITLE))>
                            <NotFound />
                        </Page>
                    }),
                    Ok(article) => {
                        let title = page_title(&site_title, Some(&article.page.meta.title));
                        let description = article.page.meta.summary.clone();
                        let post = Arc::new(article.page.clone());
                        let html = article.html.clone();
                        EitherOf3::B(view! {
                            <Page title description>
                                <Article post html />
                            </Page>
                        })
                    }
                    Err(error) => {
                        let retry = Callback::new(move |_| article.refetch());
                        EitherOf3::C(view! { <ErrorView error on_retry=retry /> })
                    }
                }
            })}
        </Transition>
    }
}
