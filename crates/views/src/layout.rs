//! The frame around every page: skip link, header with the search field and theme switch, main, footer.

use crate::search::SearchForm;
use crate::use_base;
use leptos::prelude::*;
use quire_content::{urls, SiteMeta};

/// Header with the site title, search field and theme switch, the page in `<main>`, and a footer.
#[component]
pub fn Layout(
    /// The site; `None` while the app is still loading it (the frame shows without its texts).
    #[prop(into)]
    site: Signal<Option<SiteMeta>>,
    /// Whether the dark theme is in force.
    #[prop(into)]
    dark: Signal<bool>,
    /// Called when the reader presses the theme switch; absent on the static page until the app runs.
    #[prop(optional)]
    on_toggle_theme: Option<Callback<()>>,
    /// The search field; on the static page a plain form to the search page.
    #[prop(optional, into)]
    search: Option<ViewFn>,
    /// The routed page.
    children: Children,
) -> impl IntoView {
    let base = use_base();
    let home = urls::home(&base);
    let feed = format!("{base}feed.xml");
    let text = move |f: fn(SiteMeta) -> String| move || site.get().map(f).unwrap_or_default();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-title" href=home.clone()>{text(|s| s.title)}</a>
                {match search {
                    Some(field) => field.run(),
                    None => view! { <SearchForm /> }.into_any(),
                }}
                <nav class="site-nav" aria-label="Site">
                    <a href=home>"Articles"</a>
                    <a href=feed.clone() rel="alternate" type="application/atom+xml">"Feed"</a>
                    <ThemeToggle dark on_toggle=on_toggle_theme />
                </nav>
            </div>
        </header>
        <main id="main" class="site-main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{text(|s| s.description)}</p>
            <p>{text(|s| format!("© {}", s.author))} " · " <a href=feed>"Atom feed"</a></p>
        </footer>
    }
}

/// The light/dark switch: a toggle button, pressed when the dark theme is on. Its icon comes from
/// CSS (which reads the theme in force), so the static page shows the right one before the app runs.
#[component]
pub fn ThemeToggle(
    /// Whether the dark theme is in force.
    #[prop(into)]
    dark: Signal<bool>,
    /// Called on press; `None` on the static page, before the app runs.
    on_toggle: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-label="Dark theme"
            title="Dark theme"
            aria-pressed=move || dark.get().to_string()
            on:click=move |_| {
                if let Some(toggle) = on_toggle {
                    toggle.run(());
                }
            }
        >
            <span class="theme-toggle__icon" aria-hidden="true"></span>
        </button>
    }
}
