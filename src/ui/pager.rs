//! Previous/next, "page X of Y", and the page size.

use leptos::prelude::*;

use super::state::ConsoleState;
use crate::{
    api::query::{page_count, PAGE_SIZES},
    i18n::fill,
};

#[component]
pub fn Pager() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let current = move || state.query.with(|q| q.page);
    // Unknown until a page with a total arrives; the next button then stays off.
    let pages = move || {
        let per_page = state.query.with(|q| q.per_page);
        state
            .page
            .with(|p| p.as_ref().and_then(|p| p.job_total_count))
            .map(|total| page_count(total, per_page))
    };
    let info = move || {
        let lang = state.lang.get();
        let page = current().to_string();
        match pages() {
            Some(n) => fill(
                lang,
                "pager.page_of",
                &[("page", &page), ("pages", &n.to_string())],
            ),
            None => fill(lang, "pager.page", &[("page", &page)]),
        }
    };
    let at_last = move || pages().is_none_or(|n| u64::from(current()) >= n);
    let sizes = move || {
        let chosen = state.query.with(|q| q.per_page);
        let mut sizes = PAGE_SIZES.to_vec();
        if !sizes.contains(&chosen) {
            sizes.push(chosen); // a valid size from a link stays selectable
            sizes.sort_unstable();
        }
        sizes
            .into_iter()
            .map(|n| {
                view! { <option value=n.to_string() prop:selected=move || state.query.with(|q| q.per_page == n)>{n}</option> }
            })
            .collect_view()
    };
    view! {
        <nav class="pager" aria-label=move || state.t("pager.label")>
            <button
                type="button"
                data-testid="prev-page"
                disabled=move || current() <= 1
                on:click=move |_| state.update(|q| q.with_page(q.page.saturating_sub(1)))
            >
                {move || state.t("pager.prev")}
            </button>
            <span data-testid="page-info">{info}</span>
            <button
                type="button"
                data-testid="next-page"
                disabled=at_last
                on:click=move |_| state.update(|q| q.with_page(q.page.saturating_add(1)))
            >
                {move || state.t("pager.next")}
            </button>
            <label class="page-size">
                {move || state.t("pager.per_page")} " "
                <select
                    data-testid="per-page"
                    on:change:target=move |ev| {
                        if let Ok(n) = ev.target().value().parse::<u32>() {
                            state.update(|q| q.with_per_page(n));
                        }
                    }
                >
                    {sizes}
                </select>
            </label>
        </nav>
    }
}
