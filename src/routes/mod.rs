//! One file per page. Each is a thin view over quire-content's logic, the shared index and the
//! components of quire-views.

pub mod category;
pub mod home;
pub mod not_found;
pub mod post;
pub mod search;
pub mod tag;

use leptos::prelude::*;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use quire_content::listing;

/// `:slug` and `:page` in a route.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
pub struct RouteParams {
    pub slug: Option<String>,
    pub page: Option<String>,
}

/// The `:slug` of the current route, reactive: the page updates when only the slug changes.
pub fn use_slug() -> Memo<String> {
    let params = use_params::<RouteParams>();
    Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.slug.clone())
            .unwrap_or_default()
    })
}

/// The page number of a list route: 1 without a `page/<n>/` segment, 0 (a page no list has) when the
/// segment is not a page number the site writes.
pub fn use_page() -> Memo<usize> {
    let params = use_params::<RouteParams>();
    Memo::new(
        move |_| match params.read().as_ref().ok().and_then(|p| p.page.clone()) {
            None => 1,
            Some(segment) => listing::parse_page_segment(&segment).unwrap_or(0),
        },
    )
}
