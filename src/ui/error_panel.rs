//! The last failure: what happened, the server's code and words, what to do, retry.

use leptos::prelude::*;

use super::state::{ConsoleState, FailedRequest};
use crate::api::error::FailureKind;

#[component]
pub fn ErrorPanel() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    move || {
        let FailedRequest { error, request_url } = state.failure.get()?;
        let has_rows = state
            .page
            .with_untracked(|p| p.as_ref().is_some_and(|p| !p.jobs.is_empty()));
        let code = error.code().map(str::to_string);
        let code_attr = code.clone();
        let kind = error.kind();
        let status_line = error.http_status().map(|s| format!("HTTP status: {s}"));
        let sent = (kind == FailureKind::BadParameter).then(|| {
            view! { <p class="sent">"Query sent: " <code>{request_url.clone()}</code></p> }
        });
        Some(view! {
            <div
                class="error-panel"
                role="alert"
                data-testid="error-panel"
                data-error-code=code_attr
                data-failure=kind.as_str()
            >
                <p class="title"><strong>{error.title()}</strong></p>
                {code.map(|c| view! { <p class="code">"Error code: " <code>{c}</code></p> })}
                {error.server_message().map(|m| view! { <p class="server-message">{m.to_string()}</p> })}
                <p class="advice">{error.advice()}</p>
                {sent}
                {has_rows.then(|| view! {
                    <p class="stale-note">"The jobs below are from the last successful load and may be out of date."</p>
                })}
                <details>
                    <summary>"Details"</summary>
                    {status_line.map(|s| view! { <p>{s}</p> })}
                    <p>"Request: " <code>{request_url}</code></p>
                    {error.excerpt().map(|e| view! { <pre class="excerpt">{e.to_string()}</pre> })}
                </details>
                <button type="button" data-testid="retry" on:click=move |_| state.refetch()>
                    "Retry"
                </button>
            </div>
        })
    }
}
