//! The last failure: what happened, the server's code and words, what to do, retry.

use leptos::prelude::*;

use super::{
    context::{provided, Prefs},
    html_slot::html_slot,
    one_type::Derived,
};
use crate::{
    error_markup::error_panel_html,
    list_state::{FailedRequest, ListView},
};

/// HTML text ([`crate::error_markup`]) in a slot ([`html_slot`]), empty while nothing
/// failed. The slot sets it again only when its text changes: a refresh that fails the
/// same way leaves the panel, its open details and the focus on Retry alone, and the
/// alert is not announced again. As views it cost ~0.5 KiB of wasm more.
#[component]
pub fn ErrorPanel(view: Derived<ListView>, on_retry: impl Fn() + 'static) -> impl IntoView {
    let prefs = provided::<Prefs>();
    let html = move || {
        let lang = prefs.lang.get();
        view.with(|v| {
            v.failure
                .as_ref()
                .map(|FailedRequest { error, request_url }| {
                    error_panel_html(error, request_url, v.has_rows(), lang)
                })
                .unwrap_or_default()
        })
    };
    html_slot(html, "button[data-testid='retry']", move |_| on_retry())
}
