//! Pieces only the app shows (the static pages never load data, so they never fail or wait).

pub mod error_view;
pub mod post_list;
pub mod skeleton;
