//! The last failure: what happened, the server's code and words, what to do, retry.

use leptos::prelude::*;

use super::{
    context::{provided, Prefs},
    grid::target_matching,
    one_type::effect,
};
use crate::{
    error_markup::error_panel_html,
    list_state::{FailedRequest, ListView},
};

/// An empty wrapper while nothing failed. The panel is HTML text
/// ([`crate::error_markup`]) set by one effect, and set again only when its text
/// changes: a refresh that fails the same way leaves it, its open details and the
/// focus on Retry alone, and the alert is not announced again. As views it cost
/// ~0.5 KiB of wasm more.
#[component]
pub fn ErrorPanel(view: Memo<ListView>, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let prefs = provided::<Prefs>();
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let mut shown = String::new();
    effect(move || {
        let Some(wrapper) = wrapper.get() else {
            return;
        };
        let lang = prefs.lang.get();
        let html = view.with(|v| {
            v.failure
                .as_ref()
                .map(|FailedRequest { error, request_url }| {
                    error_panel_html(error, request_url, v.has_rows(), lang)
                })
                .unwrap_or_default()
        });
        if html != shown {
            wrapper.set_inner_html(&html);
            shown = html;
        }
    });
    view! {
        <div
            node_ref=wrapper
            on:click=move |ev| {
                if target_matching(&ev, "button[data-testid='retry']").is_some() {
                    on_retry.run(());
                }
            }
        ></div>
    }
}
