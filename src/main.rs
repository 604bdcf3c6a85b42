//! Mounts the console; everything else lives in the library.

// No `fn main` in the browser: wasm-bindgen's start function mounts the console,
// without std's runtime set-up and exit around it (0.25 KiB).
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
mod console {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console)]
        pub fn error(message: &str);
    }
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    // A panic says what and where in the browser's console (the e2e tests fail on it).
    // The release build's standard library aborts at once instead (a bare `unreachable`
    // error, which the tests catch too); this speaks in `trunk serve`'s builds.
    std::panic::set_hook(Box::new(|info| console::error(&info.to_string())));
    vizjobs::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("vizjobs runs in the browser: build it with `trunk build` (see README.md).");
}
