//! Loads `config.json`, then shows the console. A missing or broken file means defaults.

use gloo_net::http::Request;
use leptos::prelude::*;

use super::console::Console;
use crate::{
    browser::browser_language,
    config::{parse_config, ConfigProblem, RuntimeConfig},
    i18n::{t, Lang},
};

/// `config.json` beside `index.html`; resolved against the page so a sub-path works.
const CONFIG_URL: &str = "config.json";

async fn load_config() -> (RuntimeConfig, Vec<ConfigProblem>) {
    let response = match Request::get(CONFIG_URL)
        .header("Cache-Control", "no-cache")
        .send()
        .await
    {
        Ok(r) => r,
        // Unreachable: the page still works with defaults.
        Err(_) => return (RuntimeConfig::default(), Vec::new()),
    };
    if !response.ok() {
        return (RuntimeConfig::default(), Vec::new());
    }
    match response.text().await {
        Ok(text) => parse_config(&text),
        Err(_) => (RuntimeConfig::default(), Vec::new()),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    let booting = t(Lang::from_browser(&browser_language()), "app.loading");
    view! {
        <Transition fallback=move || view! { <p class="boot" data-testid="loading">{booting}</p> }>
            {move || Suspend::new(async move {
                let (config, problems) = config.await;
                view! { <Console config problems /> }
            })}
        </Transition>
    }
}
