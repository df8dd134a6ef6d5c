//! Mounts the app; everything else lives in the library so browser tests can reach it.

fn main() {
    console_error_panic_hook::set_once();
    // Built in a task of its own, not the one that instantiated the wasm: two shorter tasks leave the
    // page answering input where one long one would not.
    leptos::prelude::set_timeout(
        || leptos::mount::mount_to_body(quire::App),
        std::time::Duration::ZERO,
    );
}
