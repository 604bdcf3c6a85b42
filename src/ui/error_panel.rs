//! The last failure: what happened, the server's code and words, what to do, retry.

use leptos::prelude::*;

use super::state::{ConsoleState, FailedRequest};
use crate::{api::error::FailureKind, i18n::fill};

#[component]
pub fn ErrorPanel() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    move || {
        let FailedRequest { error, request_url } = state.failure.get()?;
        let lang = state.lang.get();
        let has_rows = state
            .page
            .with_untracked(|p| p.as_ref().is_some_and(|p| !p.jobs.is_empty()));
        let code = error.code().map(str::to_string);
        let code_attr = code.clone();
        let kind = error.kind();
        let status_line = error
            .http_status()
            .map(|s| fill(lang, "error.http_status", &[("status", &s.to_string())]));
        let sent = (kind == FailureKind::BadParameter).then(|| {
            view! { <p class="sent">{state.t("error.query_sent")} " " <code>{request_url.clone()}</code></p> }
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
                {code.map(|c| view! { <p class="code">{state.t("error.code")} " " <code>{c}</code></p> })}
                {error.server_message().map(|m| view! { <p class="server-message">{m.to_string()}</p> })}
                <p class="advice">{error.advice(lang)}</p>
                {sent}
                {has_rows.then(|| view! { <p class="stale-note">{state.t("error.stale")}</p> })}
                <details>
                    <summary>{state.t("error.details")}</summary>
                    {status_line.map(|s| view! { <p>{s}</p> })}
                    <p>{state.t("error.request")} " " <code>{request_url}</code></p>
                    {error.excerpt().map(|e| view! { <pre class="excerpt">{e.to_string()}</pre> })}
                </details>
                <button type="button" data-testid="retry" on:click=move |_| state.refetch()>
                    {state.t("error.retry")}
                </button>
            </div>
        })
    }
}
