//! Previous/next, "page X of Y", and the page size.

use leptos::prelude::*;

use super::{
    context::{provided, Nav, Prefs},
    one_type::{live_text, live_view},
};
use crate::{
    api::query::{paging, PAGE_SIZES},
    i18n::{fill, Msg},
    list_state::ListView,
};

#[component]
pub fn Pager(view: Memo<ListView>) -> impl IntoView {
    let nav = provided::<Nav>();
    let prefs = provided::<Prefs>();
    let current = move || nav.query.with(|q| q.page);
    let state = move || {
        let (page, per_page) = nav.query.with(|q| (q.page, q.per_page));
        view.with(|v| {
            let (total, rows) = v
                .page
                .as_ref()
                .map_or((None, 0), |p| (p.job_total_count, p.jobs.len()));
            paging(page, per_page, total, rows)
        })
    };
    let info = move || {
        let lang = prefs.lang.get();
        let page = current().to_string();
        match state().pages {
            Some(n) => fill(
                lang,
                Msg::PagerPageOf,
                &[("page", &page), ("pages", &n.to_string())],
            ),
            // Still loading the first page: nothing is known yet.
            None if view.with(|v| v.page.is_none()) => {
                fill(lang, Msg::PagerPage, &[("page", &page)])
            }
            None => fill(lang, Msg::PagerPageTotalUnknown, &[("page", &page)]),
        }
    };
    let sizes = move || {
        let chosen = nav.query.with(|q| q.per_page);
        let mut sizes = PAGE_SIZES.to_vec();
        if !sizes.contains(&chosen) {
            sizes.push(chosen); // a valid size from a link stays selectable
            sizes.sort_unstable();
        }
        sizes
            .into_iter()
            .map(|n| {
                view! { <option value=n.to_string() prop:selected=move || nav.query.with(|q| q.per_page == n)>{n}</option> }
            })
            .collect_view()
    };
    view! {
        <nav class="pager" aria-label=prefs.text(Msg::PagerLabel)>
            <button
                type="button"
                data-testid="prev-page"
                disabled=move || current() <= 1
                on:click=move |_| nav.update(|q| q.with_page(q.page.saturating_sub(1)))
            >
                {prefs.text(Msg::PagerPrev)}
            </button>
            <span data-testid="page-info">{live_text(info)}</span>
            <button
                type="button"
                data-testid="next-page"
                disabled=move || !state().has_next
                on:click=move |_| nav.update(|q| q.with_page(q.page.saturating_add(1)))
            >
                {prefs.text(Msg::PagerNext)}
            </button>
            <label class="page-size">
                {prefs.text(Msg::PagerPerPage)} " "
                <select
                    data-testid="per-page"
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            nav.update(|q| q.with_per_page(n));
                        }
                    }
                >
                    {live_view(sizes)}
                </select>
            </label>
        </nav>
    }
}
