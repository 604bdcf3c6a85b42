//! Loads `config.json`, then shows the console. A missing or broken file means defaults.

use gloo_net::http::Request;
use leptos::prelude::*;

use super::console::Console;
use crate::{
    browser::browser_language,
    config::{read_config_answer, ConfigProblem, RuntimeConfig},
    i18n::{t, Lang, Msg},
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
    let ok = response.ok();
    let content_type = response.headers().get("content-type");
    match response.text().await {
        Ok(text) => read_config_answer(ok, content_type.as_deref(), &text),
        Err(_) => (RuntimeConfig::default(), Vec::new()),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    let booting = t(Lang::from_browser(&browser_language()), Msg::AppLoading);
    view! {
        <Transition fallback=move || view! { <p class="boot" data-testid="loading">{booting}</p> }>
            {move || Suspend::new(async move {
                let (config, problems) = config.await;
                view! { <Console config problems /> }
            })}
        </Transition>
    }
}
