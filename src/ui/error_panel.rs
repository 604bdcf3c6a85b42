//! The last failure: what happened, the server's code and words, what to do, retry.

use leptos::prelude::*;

use super::context::{provided, Prefs};
use crate::{
    api::error::{ApiError, FailureKind},
    i18n::{fill, t, Lang, Msg},
    list_state::{FailedRequest, ListView},
};

#[component]
pub fn ErrorPanel(view: Memo<ListView>, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let prefs = provided::<Prefs>();
    move || {
        let FailedRequest { error, request_url } = view.with(|v| v.failure.clone())?;
        let lang = prefs.lang.get();
        let has_rows = view.with_untracked(ListView::has_rows);
        let code_attr = error.code().map(str::to_string);
        let kind = error.kind();
        let status_line = error
            .http_status()
            .map(|s| fill(lang, Msg::ErrorHttpStatus, &[("status", &s.to_string())]));
        let sent = (kind == FailureKind::BadParameter).then(|| {
            view! { <p class="sent">{prefs.t(Msg::ErrorQuerySent)} " " <code>{request_url.clone()}</code></p> }
        });
        Some(view! {
            // role=alert: announced at once by screen readers.
            <div
                class="error-panel"
                role="alert"
                data-testid="error-panel"
                data-error-code=code_attr
                data-failure=kind.as_str()
            >
                <p class="title"><strong>{error.title(lang)}</strong></p>
                {failure_details(&error, lang)}
                {sent}
                {has_rows.then(|| view! { <p class="stale-note">{prefs.t(Msg::ErrorStale)}</p> })}
                <details>
                    <summary>{prefs.t(Msg::ErrorDetails)}</summary>
                    {status_line.map(|s| view! { <p>{s}</p> })}
                    <p>{prefs.t(Msg::ErrorRequest)} " " <code>{request_url}</code></p>
                    {error.excerpt().map(|e| view! { <pre class="excerpt">{e.to_string()}</pre> })}
                </details>
                <button type="button" data-testid="retry" on:click=move |_| on_retry.run(())>
                    {prefs.t(Msg::ErrorRetry)}
                </button>
            </div>
        })
    }
}

/// A failure's code, the server's own words and the advice, under its title: for the
/// list's panel and the detail panel alike.
pub fn failure_details(error: &ApiError, lang: Lang) -> impl IntoView {
    let code = error.code().map(str::to_string);
    view! {
        {code.map(|c| view! { <p class="code">{t(lang, Msg::ErrorCode)} " " <code>{c}</code></p> })}
        {error.server_message().map(|m| view! { <p class="server-message">{m.to_string()}</p> })}
        <p class="advice">{error.advice(lang)}</p>
    }
}
