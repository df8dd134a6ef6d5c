//! State shared by every view: the site (its title, categories and post count), loaded once when
//! the app starts; from the page itself, which carries it.

use crate::api::ApiError;
use leptos::prelude::*;
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
