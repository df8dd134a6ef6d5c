//! Light and dark themes: the system's choice until the reader picks one, which is remembered.
//! index.html applies the remembered choice before the first paint, so nothing flashes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// localStorage key, shared with the inline script in index.html.
pub const STORAGE_KEY: &str = "quire-theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn parse(value: &str) -> Option<Theme> {
        match value {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

fn root() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .document_element()?
        .dyn_into()
        .ok()
}

/// The theme in force: the one set on `<html data-theme>`, else the system's preference.
pub fn current() -> Theme {
    if let Some(theme) = root()
        .and_then(|r| r.get_attribute("data-theme"))
        .and_then(|v| Theme::parse(&v))
    {
        return theme;
    }
    let prefers_dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    if prefers_dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Applies `theme` to the page and remembers it for the next visit.
pub fn choose(theme: Theme) {
    if let Some(root) = root() {
        let _ = root.set_attribute("data-theme", theme.name());
    }
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Storage can be full or disabled (private mode): the choice then lasts for this page only.
        let _ = storage.set_item(STORAGE_KEY, theme.name());
    }
}

/// The remembered choice, if any.
pub fn remembered() -> Option<Theme> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()?
        .as_deref()
        .and_then(Theme::parse)
}

/// The state behind the theme switch: whether the dark theme is on, and the action that flips it
/// (applied to the page and remembered).
pub fn theme_switch() -> (Signal<bool>, Callback<()>) {
    let (dark, set_dark) = signal(current() == Theme::Dark);
    let toggle = Callback::new(move |_| {
        let next = if dark.get_untracked() {
            Theme::Light
        } else {
            Theme::Dark
        };
        choose(next);
        set_dark.set(next == Theme::Dark);
    });
    (dark.into(), toggle)
}
