//! Quire's reader app: a Leptos client-side app that reads the JSON quire-press writes.

pub mod api;
mod app;
pub mod components;
pub mod page;
mod routes;
pub mod theme;

pub use app::App;
