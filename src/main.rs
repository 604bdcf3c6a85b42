//! Mounts the console; everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(vizjobs::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("vizjobs runs in the browser: build it with `trunk build` (see README.md).");
}
