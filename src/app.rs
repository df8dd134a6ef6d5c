//! The app shell and the one route table.

use crate::api::{self, ApiError};
use crate::components::layout::Layout;
use crate::routes::{
    category::CategoryPage, home::HomePage, not_found::NotFound, post::PostPage, tag::TagPage,
};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use quire_content::Index;
use std::sync::Arc;

/// The site index, fetched once when the app starts and shared by every view.
pub type IndexResource = LocalResource<Result<Arc<Index>, ApiError>>;

/// The shared index resource; views call this instead of fetching.
pub fn use_index() -> IndexResource {
    expect_context::<IndexResource>()
}

/// The whole app: meta context, the index resource, the router and its routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let index: IndexResource = LocalResource::new(|| api::fetch_index(api::abort_on_cleanup()));
    provide_context(index);
    crate::page::install();

    // The router matches paths below the base the site is served under (`/blog` for `/blog/`).
    let router_base = api::base().trim_end_matches('/').to_string();
    view! {
        <Router base=router_base>
            <div class="app">
                <Layout>
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/category/:slug") view=CategoryPage />
                        <Route path=path!("/tag/:slug") view=TagPage />
                        <Route path=path!("/posts/:slug") view=PostPage />
                    </Routes>
                </Layout>
            </div>
        </Router>
    }
}
