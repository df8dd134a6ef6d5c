//! State shared by every view: the site index, fetched once when the app starts.

use crate::api::ApiError;
use leptos::prelude::*;
use quire_content::Index;
use std::sync::Arc;

/// The site index resource, provided at the root of the app.
pub type IndexResource = LocalResource<Result<Arc<Index>, ApiError>>;

/// Starts loading the index and provides it to every view below.
pub fn provide_index() -> IndexResource {
    let index: IndexResource =
        LocalResource::new(|| crate::api::fetch_index(crate::api::abort_on_cleanup()));
    provide_context(index);
    index
}

/// The shared index resource; views call this instead of fetching.
pub fn use_index() -> IndexResource {
    expect_context::<IndexResource>()
}
