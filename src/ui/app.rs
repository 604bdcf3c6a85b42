//! Loads `config.json`, then mounts the console. A missing or broken file means defaults.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCache, RequestInit, Response};

use super::console::Console;
use crate::{
    api::client::{read_body, response_bytes},
    browser::browser_language,
    config::{read_config_answer, ConfigProblem, RuntimeConfig},
    i18n::{t, Lang, Msg},
};

/// `config.json` beside `index.html`; resolved against the page so a sub-path works.
const CONFIG_URL: &str = "config.json";
/// Where `src/prefetch-config.js` leaves its request for `config.json`.
const PREFETCHED: &str = "vizjobsConfig";

/// The answer to `config.json`: the one `prefetch-config.js` asked for while the wasm
/// loaded, else a request of its own (`trunk serve`, or the script did not run).
async fn config_response() -> Option<Response> {
    let early = js_sys::Reflect::get(&window(), &JsValue::from_str(PREFETCHED))
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Promise>().ok());
    if let Some(promise) = early {
        // Taken once: nothing later reads a stale answer.
        let _ = js_sys::Reflect::delete_property(&window(), &JsValue::from_str(PREFETCHED));
        // The script turns a failed request into null: no config, so the defaults.
        let answer = JsFuture::from(promise).await.ok()?;
        return answer.dyn_into::<Response>().ok();
    }
    let init = RequestInit::new();
    init.set_cache(RequestCache::NoCache);
    let answer = JsFuture::from(window().fetch_with_str_and_init(CONFIG_URL, &init))
        .await
        .ok()?;
    answer.dyn_into::<Response>().ok()
}

async fn load_config() -> (RuntimeConfig, Vec<ConfigProblem>) {
    // Unreachable: the page still works with defaults.
    let Some(response) = config_response().await else {
        return (RuntimeConfig::default(), Vec::new());
    };
    let ok = response.ok();
    let content_type = response.headers().get("content-type").ok().flatten();
    match response_bytes(&response).await {
        Ok(bytes) => read_body(&bytes, |text| {
            read_config_answer(ok, content_type.as_deref(), text)
        }),
        Err(_) => (RuntimeConfig::default(), Vec::new()),
    }
}

/// Shows a loading line, reads `config.json` once, then mounts the console in the
/// line's place. The line is one plain element and the console is mounted from the
/// task: no signal or view around a value read once (each is its own copy of Leptos's
/// code in the wasm).
pub fn start() {
    let booting = t(Lang::from_browser(&browser_language()), Msg::AppLoading);
    let boot = show_boot_line(booting);
    wasm_bindgen_futures::spawn_local(async move {
        let (config, problems) = load_config().await;
        if let Some(boot) = boot {
            boot.remove();
        }
        leptos::mount::mount_to_body(move || view! { <Console config problems /> });
    });
}

/// `<p class="boot" data-testid="loading">`, the first thing in the body.
fn show_boot_line(text: &str) -> Option<web_sys::Element> {
    let line = document().create_element("p").ok()?;
    line.set_class_name("boot");
    line.set_attribute("data-testid", "loading").ok()?;
    line.set_text_content(Some(text));
    document().body()?.append_child(&line).ok()?;
    Some(line)
}
