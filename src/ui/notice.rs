//! What the page corrected in its URL or in `config.json`, until dismissed.

use leptos::prelude::*;

#[component]
pub fn Notice(messages: Vec<String>) -> impl IntoView {
    let visible = RwSignal::new(!messages.is_empty());
    view! {
        <Show when=move || visible.get()>
            <div class="notice" data-testid="notice" role="status">
                <p>"Some settings could not be used as given and were corrected:"</p>
                <ul>
                    {messages.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}
                </ul>
                <button type="button" class="link" on:click=move |_| visible.set(false)>
                    "Dismiss"
                </button>
            </div>
        </Show>
    }
}
