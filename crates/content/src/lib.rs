//! Quire's content model and the logic shared by the compiler (`quire-press`) and the reader app.
//!
//! Nothing here does I/O or touches the web: the crate builds for native and wasm32 alike, so every
//! rule (slugs, dates, filters, reading time, Markdown output) is tested with plain `cargo test`.

pub mod compile;
pub mod date;
pub mod frontmatter;
pub mod listing;
pub mod markdown;
pub mod model;
pub mod pages;
pub mod sanitize;
pub mod slug;
pub mod spans;
pub mod urls;

pub use model::*;
