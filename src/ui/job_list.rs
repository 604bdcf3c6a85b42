//! `use_job_list`: the list's one fetch. It owns the abort, the superseded-answer
//! check and the timeout, and returns one derived [`ListView`], like Leptos's own
//! `fetch` and `hackernews` examples.

use std::sync::Arc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use web_sys::AbortController;

use crate::{
    api::{client::fetch_list, model::ListPage, query::ListQuery},
    browser::{mark, now_ms},
    list_state::{Answer, ListView, RequestKey},
};

/// The list as the page shows it, and the way to ask for it again.
#[derive(Clone, Copy)]
pub struct JobList {
    pub view: Memo<ListView>,
    /// The page alone, compared by identity: rows depend on this, so a request going
    /// out (`loading`) or failing re-renders no row.
    pub page: Memo<Option<Arc<ListPage>>>,
    round: RwSignal<u64>,
}

impl JobList {
    /// Fetches the same query again (refresh, retry, auto-refresh, after an action).
    pub fn refetch(&self) {
        self.round.update(|n| *n += 1);
    }
}

pub fn use_job_list(query: Signal<ListQuery>, api_base: String, timeout_seconds: f64) -> JobList {
    let round = RwSignal::new(0_u64);
    let current = Memo::new(move |_| RequestKey {
        query: query.get(),
        round: round.get(),
    });
    let answer = LocalResource::new(move || {
        let key = current.get();
        let api_base = api_base.clone();
        // A newer request (or leaving the page) aborts this one; the resource also
        // drops a superseded answer, and `ListView::next` ignores any for another key.
        let controller = AbortController::new().ok().map(SendWrapper::new);
        if let Some(controller) = controller.clone() {
            on_cleanup(move || controller.abort());
        }
        async move {
            if key.query.project_id.is_empty() {
                return None;
            }
            let controller = controller?;
            let request_url = key.query.to_request_url(&api_base);
            let result = fetch_list(&request_url, timeout_seconds, &controller)
                .await
                .map(Arc::new);
            Some(Answer {
                key,
                request_url,
                received_at: now_ms(),
                result,
            })
        }
    });
    let view = Memo::new(move |prev: Option<&ListView>| {
        let key = current.get();
        let asking = !key.query.project_id.is_empty();
        let answer = answer.get().flatten();
        ListView::next(prev, &key, answer.as_ref(), asking)
    });
    let page = Memo::new_with_compare(
        move |_| view.with(|v| v.page.clone()),
        |old, new| match (old.and_then(Option::as_ref), new.and_then(Option::as_ref)) {
            (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
            (a, b) => a.is_some() != b.is_some(),
        },
    );
    // The benchmark's "rows on screen" moment: the frame after a new page is shown.
    Effect::new(move |_| {
        if view.with(|v| v.page.is_some() && !v.loading) {
            request_animation_frame(|| mark("vizjobs:rows-rendered"));
        }
    });
    JobList { view, page, round }
}
