//! What the page corrected in its URL or in `config.json`, until dismissed.

use leptos::prelude::*;

use super::state::ConsoleState;
use crate::{api::query::Correction, config::ConfigProblem};

#[component]
pub fn Notice(corrections: Vec<Correction>, problems: Vec<ConfigProblem>) -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let visible = RwSignal::new(!corrections.is_empty() || !problems.is_empty());
    let items = move || {
        let lang = state.lang.get();
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
                <p>{move || state.t("notice.intro")}</p>
                <ul>{items.clone()}</ul>
                <button type="button" class="link" on:click=move |_| visible.set(false)>
                    {move || state.t("notice.dismiss")}
                </button>
            </div>
        </Show>
    }
}
