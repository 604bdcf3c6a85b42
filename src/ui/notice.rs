//! What the page corrected in its URL or in `config.json`, until dismissed.

use leptos::prelude::*;

use super::{
    context::{provided, Prefs},
    html_slot::html_slot,
    one_type::Held,
};
use crate::{
    api::query::Correction,
    config::ConfigProblem,
    i18n::{t, Msg},
    notice_markup::notice_html,
};

/// HTML text in a slot ([`html_slot`]): as views, the notice cost ~0.8 KiB of wasm
/// more for a few lines of text.
#[component]
pub fn Notice(corrections: Vec<Correction>, problems: Vec<ConfigProblem>) -> impl IntoView {
    let prefs = provided::<Prefs>();
    let visible = Held::new(!corrections.is_empty() || !problems.is_empty());
    let html = move || {
        if !visible.get() {
            return String::new();
        }
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
    };
    html_slot(html, "button[data-act='dismiss']", move |_| {
        visible.set(false)
    })
}
