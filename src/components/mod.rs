//! Pieces shared by the pages. Each takes plain props, so browser tests can mount it alone.

pub mod category_bar;
pub mod error_view;
pub mod layout;
pub mod post_list;
pub mod post_meta;
pub mod skeleton;
pub mod theme_toggle;
