//! The frame around every page: skip link, header, main, footer.

use crate::api;
use crate::app::use_index;
use crate::components::theme_toggle::ThemeToggle;
use leptos::prelude::*;
use quire_content::urls;

/// Header with the site title and theme toggle, the page in `<main>`, and a footer.
#[component]
pub fn Layout(
    /// The routed page.
    children: Children,
) -> impl IntoView {
    let index = use_index();
    let site = move || index.get().and_then(|r| r.ok()).map(|i| i.site.clone());
    let title = move || site().map(|s| s.title).unwrap_or_default();
    let base = api::base();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-title" href=urls::home(base)>{title}</a>
                <nav class="site-nav" aria-label="Site">
                    <a href=urls::home(base)>"Articles"</a>
                    <a href=format!("{base}feed.xml") rel="alternate" type="application/atom+xml">"Feed"</a>
                    <ThemeToggle />
                </nav>
            </div>
        </header>
        <main id="main" class="site-main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>
                {move || site().map(|s| s.description)}
            </p>
            <p>
                {move || site().map(|s| format!("© {}", s.author))}
                " · "
                <a href=format!("{base}feed.xml")>"Atom feed"</a>
            </p>
        </footer>
    }
}
