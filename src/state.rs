//! State shared by every view: the site (its title, categories and post count), loaded once when
//! the app starts; from the page itself, which carries it.

use crate::api::ApiError;
use leptos::prelude::*;
use quire_content::pages::page_title;
use quire_content::SiteData;
use std::sync::Arc;

/// The site resource, provided at the root of the app.
pub type SiteResource = LocalResource<Result<Arc<SiteData>, ApiError>>;

/// Starts loading the site and provides it to every view below.
pub fn provide_site() -> SiteResource {
    let site: SiteResource =
        LocalResource::new(|| crate::api::fetch_site(crate::api::abort_on_cleanup()));
    provide_context(site);
    site
}

/// The shared site resource; views call this instead of fetching.
pub fn use_site() -> SiteResource {
    expect_context::<SiteResource>()
}

/// The document title of a page the app names itself (not found, search): `name · site title`,
/// complete once the site's data is in.
pub fn titled(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let site = use_site();
    move || {
        let site = site.get().and_then(Result::ok);
        page_title(site.as_ref().map_or("", |s| &s.site.title), Some(name))
    }
}
