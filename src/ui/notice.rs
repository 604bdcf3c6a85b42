//! What the page corrected in its URL or in `config.json`, until dismissed.

use leptos::prelude::*;

use super::context::{provided, Prefs};
use crate::{api::query::Correction, config::ConfigProblem, i18n::Msg};

#[component]
pub fn Notice(corrections: Vec<Correction>, problems: Vec<ConfigProblem>) -> impl IntoView {
    let prefs = provided::<Prefs>();
    let visible = RwSignal::new(!corrections.is_empty() || !problems.is_empty());
    let items = move || {
        let lang = prefs.lang.get();
        problems
            .iter()
            .map(|p| p.message(lang))
            .chain(corrections.iter().map(|c| c.message(lang)))
            .map(|m| view! { <li>{m}</li> })
            .collect_view()
    };
    view! {
        <Show when=move || visible.get()>
            <div class="notice" data-testid="notice" role="status">
                <p>{prefs.text(Msg::NoticeIntro)}</p>
                <ul>{items.clone()}</ul>
                <button type="button" class="link" on:click=move |_| visible.set(false)>
                    {prefs.text(Msg::NoticeDismiss)}
                </button>
            </div>
        </Show>
    }
}
