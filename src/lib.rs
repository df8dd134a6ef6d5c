//! Quire's reader app: a Leptos client-side app that reads the JSON quire-press writes. The markup
//! of its pages lives in `quire-views`, shared with the static pages; this crate loads data, routes
//! and wires the browser.

pub mod api;
mod app;
pub mod components;
mod enhance;
pub mod page;
mod render;
mod routes;
mod search;
pub mod state;
pub mod theme;

pub use app::App;
