//! What a reader sees when data could not be loaded.

use crate::api::ApiError;
use crate::page::Page;
use leptos::prelude::*;
use quire_content::urls;
use quire_views::use_base;

/// The error in a sentence, a Retry button when retrying can help, and a way home.
#[component]
pub fn ErrorView(
    /// What went wrong.
    error: ApiError,
    /// Called when the reader presses Retry.
    on_retry: Callback<()>,
) -> impl IntoView {
    let retryable = error.is_retryable();
    view! {
        <Page title="This page could not be loaded">
            <section class="error-view" role="alert">
                <h1>"This page could not be loaded"</h1>
                <p class="error-view__message">{error.to_string()}</p>
                <p class="error-view__actions">
                    <Show when=move || retryable>
                        <button type="button" class="button" on:click=move |_| on_retry.run(())>
                            "Retry"
                        </button>
                    </Show>
                    <a class="button button--quiet" href=urls::home(&use_base())>"Go to the article list"</a>
                </p>
            </section>
        </Page>
    }
}
