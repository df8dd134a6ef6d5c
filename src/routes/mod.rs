//! One file per page. Each is a thin view over quire-content's logic and the shared index.

pub mod category;
pub mod home;
pub mod not_found;
pub mod post;
pub mod tag;

use leptos::prelude::*;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

/// `:slug` in a route.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
pub struct SlugParams {
    pub slug: Option<String>,
}

/// The `:slug` of the current route, reactive: the page updates when only the slug changes.
pub fn use_slug() -> Memo<String> {
    let params = use_params::<SlugParams>();
    Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.slug.clone())
            .unwrap_or_default()
    })
}
