//! Previous/next, "page X of Y", and the page size.

use leptos::prelude::*;

use super::{
    choices::keep_select,
    context::{provided, Nav, Prefs},
    dom::keep_property,
    one_type::{attr, listen, live_text, Derived},
};
use crate::{
    api::query::paging,
    cat,
    choice_markup::page_size_options_html,
    i18n::{fill, Msg},
    list_state::ListView,
    text::parse_whole,
};

#[component]
pub fn Pager(view: Derived<ListView>) -> impl IntoView {
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
        let page = cat!(current());
        match state().pages {
            Some(n) => fill(
                lang,
                Msg::PagerPageOf,
                &[("page", &page), ("pages", &cat!(n))],
            ),
            // Still loading the first page: nothing is known yet.
            None if view.with(|v| v.page.is_none()) => {
                fill(lang, Msg::PagerPage, &[("page", &page)])
            }
            None => fill(lang, Msg::PagerPageTotalUnknown, &[("page", &page)]),
        }
    };
    keep_select("per-page", move || {
        let chosen = nav.query.with(|q| q.per_page);
        (page_size_options_html(chosen), cat!(chosen))
    });
    keep_property("prev-page", "disabled", move || (current() <= 1).into());
    keep_property("next-page", "disabled", move || (!state().has_next).into());
    view! {
        <nav class="pager" {..prefs.text_attr("aria-label", Msg::PagerLabel)}>
            <button
                {..attr("type", "button")}
                data-testid="prev-page"
                {..listen("click", move |_| nav.update(|q| q.with_page(q.page.saturating_sub(1))))}
            >
                {prefs.text(Msg::PagerPrev)}
            </button>
            <span data-testid="page-info">{live_text(info)}</span>
            <button
                {..attr("type", "button")}
                data-testid="next-page"
                {..listen("click", move |_| nav.update(|q| q.with_page(q.page.saturating_add(1))))}
            >
                {prefs.text(Msg::PagerNext)}
            </button>
            <label class="page-size">
                {prefs.text(Msg::PagerPerPage)} " "
                <select
                    data-testid="per-page"
                    {..listen("change", move |ev| {
                        if let Some(n) = parse_whole(&event_target_value(&ev)).and_then(|n| u32::try_from(n).ok()) {
                            nav.update(|q| q.with_per_page(n));
                        }
                    })}
                ></select>
            </label>
        </nav>
    }
}
