//! The app shell and the one route table.

use crate::routes::{
    category::CategoryPage, home::HomePage, not_found::NotFoundPage, post::PostPage,
    search::SearchPage, tag::TagPage,
};
use crate::search::field::SearchBox;
use crate::{api, state};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use quire_views::layout::Layout;
use quire_views::SiteBase;

/// The whole app: meta context, the site resource, the frame, the router and its routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(SiteBase::new(api::base()));
    let site = state::provide_site();
    crate::page::install();
    crate::enhance::install();

    let site = Signal::derive(move || site.get().and_then(Result::ok).map(|s| s.site.clone()));
    let (dark, toggle_theme) = crate::theme::theme_switch();

    // The router matches paths below the base the site is served under (`/blog` for `/blog/`).
    let router_base = api::base().trim_end_matches('/').to_string();
    // The page is built a task after its frame: one task building both keeps a phone from answering
    // input for longer (the static page is on screen meanwhile).
    let framed = RwSignal::new(false);
    set_timeout(move || framed.set(true), std::time::Duration::ZERO);
    view! {
        <Router base=router_base>
            <div class="app">
                <Layout site dark on_toggle_theme=toggle_theme search=|| view! { <SearchBox /> }>
                    <Show when=move || framed.get()>
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("/") view=HomePage />
                            <Route path=path!("/page/:page") view=HomePage />
                            <Route path=path!("/category/:slug") view=CategoryPage />
                            <Route path=path!("/category/:slug/page/:page") view=CategoryPage />
                            <Route path=path!("/tag/:slug") view=TagPage />
                            <Route path=path!("/tag/:slug/page/:page") view=TagPage />
                            <Route path=path!("/posts/:slug") view=PostPage />
                            <Route path=path!("/search") view=SearchPage />
                        </Routes>
                    </Show>
                </Layout>
            </div>
        </Router>
    }
}
