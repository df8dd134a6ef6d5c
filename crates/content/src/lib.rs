//! Quire's content model and the logic shared by the compiler (`quire-press`) and the reader app.
//!
//! Nothing here does I/O or touches the web: the crate builds for native and wasm32 alike, so every
//! rule (slugs, dates, filters, reading time, Markdown output) is tested with plain `cargo test`.

// A post is untrusted text: slicing a `str` at a byte that is not a char boundary, or indexing
// past an end, panics the compiler or the reader's page. Every slice and index either goes
// through `get` or says why it is in bounds.
#![warn(clippy::string_slice, clippy::indexing_slicing)]
#![cfg_attr(test, allow(clippy::string_slice, clippy::indexing_slicing))]

pub mod blocks;
pub mod compile;
pub mod date;
pub mod frontmatter;
pub mod import;
pub mod listing;
pub mod markdown;
pub mod model;
pub mod pages;
pub mod sanitize;
pub mod search;
pub mod slug;
pub mod spans;
pub mod urls;

pub use model::*;
