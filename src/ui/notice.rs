//! What the page corrected in its URL or in `config.json`, until dismissed.

use leptos::prelude::*;

use super::{
    context::{provided, Prefs},
    grid::target_matching,
    one_type::effect,
};
use crate::{
    api::query::Correction,
    config::ConfigProblem,
    i18n::{t, Msg},
    notice_markup::notice_html,
};

/// An empty wrapper while nothing is to be said (its children's margins collapse
/// through it, so the page looks as without it). Its content is HTML text, set by one
/// effect: as views, the notice cost ~0.8 KiB of wasm more for a few lines of text.
#[component]
pub fn Notice(corrections: Vec<Correction>, problems: Vec<ConfigProblem>) -> impl IntoView {
    let prefs = provided::<Prefs>();
    let visible = RwSignal::new(!corrections.is_empty() || !problems.is_empty());
    let wrapper = NodeRef::<leptos::html::Div>::new();
    effect(move || {
        let Some(wrapper) = wrapper.get() else {
            return;
        };
        let html = if visible.get() {
            let lang = prefs.lang.get();
            let messages: Vec<String> = problems
                .iter()
                .map(|p| p.message(lang))
                .chain(corrections.iter().map(|c| c.message(lang)))
                .collect();
            notice_html(
                t(lang, Msg::NoticeIntro),
                &messages,
                t(lang, Msg::NoticeDismiss),
            )
        } else {
            String::new()
        };
        wrapper.set_inner_html(&html);
    });
    view! {
        <div
            node_ref=wrapper
            on:click=move |ev| {
                if target_matching(&ev, "button[data-act='dismiss']").is_some() {
                    visible.set(false);
                }
            }
        ></div>
    }
}
