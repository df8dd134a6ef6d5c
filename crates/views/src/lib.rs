//! The markup of every page, written once. The reader app renders these components in the browser;
//! quire-press renders the same components to static HTML, so a page the server sends and the app's
//! view of it cannot drift apart.
//!
//! Components take plain props and make no browser calls. The one thing they read from context is
//! the site's base path ([`SiteBase`]), which the app takes from `<base href>` and quire-press from its
//! `--base` argument.

pub mod article;
pub mod layout;
pub mod list;
pub mod not_found;
pub mod post_meta;
pub mod search;

use leptos::prelude::*;
use std::sync::Arc;

/// The path the site is served under (`/` or `/blog/`), provided once at the root of a render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteBase(pub Arc<str>);

impl SiteBase {
    pub fn new(base: &str) -> Self {
        SiteBase(Arc::from(quire_content::urls::normalize_base(base)))
    }
}

/// The base path from context; `/` when none was provided (a component mounted alone in a test).
pub fn use_base() -> Arc<str> {
    use_context::<SiteBase>()
        .map(|b| b.0)
        .unwrap_or_else(|| Arc::from("/"))
}
