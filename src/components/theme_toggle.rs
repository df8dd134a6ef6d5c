//! The light/dark switch.

use crate::theme::{self, Theme};
use leptos::prelude::*;

/// A button that switches between light and dark themes and remembers the choice.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let (current, set_current) = signal(theme::current());
    let toggle = move |_| {
        let next = current.get_untracked().other();
        theme::choose(next);
        set_current.set(next);
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || (current.get() == Theme::Dark).to_string()
            aria-label=move || format!("Switch to {} theme", current.get().other().name())
            title=move || format!("Switch to {} theme", current.get().other().name())
            on:click=toggle
        >
            <span aria-hidden="true">{move || if current.get() == Theme::Dark { "☀" } else { "☾" }}</span>
        </button>
    }
}
