//! `use_job_list`: the list's one fetch. It owns the abort, the superseded-answer
//! check and the timeout, and returns one derived [`ListView`].

use std::sync::Arc;

use leptos::{prelude::*, task::spawn_local};

use super::{
    one_type::{effect, Derived, Held},
    request::EffectRequest,
};
use crate::{
    api::{client::fetch_list, model::ListPage, query::ListQuery},
    browser::{mark, now_ms, remember_list_request},
    list_state::{Answer, ListView, RequestKey},
};

/// The list as the page shows it, and the way to ask for it again.
#[derive(Clone, Copy)]
pub struct JobList {
    pub view: Derived<ListView>,
    /// The page alone, compared by identity: rows depend on this, so a request going
    /// out (`loading`) or failing re-renders no row.
    pub page: Derived<Option<Arc<ListPage>>>,
    round: Held<i64>,
}

impl JobList {
    /// Fetches the same query again (refresh, retry, auto-refresh, after an action).
    pub fn refetch(&self) {
        self.round.update(|n| *n += 1);
    }
}

pub fn use_job_list(query: Held<ListQuery>, api_base: String, timeout_seconds: f64) -> JobList {
    let round = Held::new(0_i64);
    // The key of the list to show: a new query, or another round of the same one.
    // (No memo: `Nav` only sets a query that differs.)
    let current = move || RequestKey {
        query: query.get(),
        round: round.get(),
    };
    // The latest answer. A new key aborts the request still out for the old one, and
    // `ListView::next` ignores an answer to any key but the current one.
    let answer = Held::new(None::<Answer>);
    // Only the first run asks for what the address as loaded names; a later one (a
    // project typed in, a sort) runs before the URL is written, so it is not remembered.
    let mut first_run = true;
    // A render effect: its first run is now, so the first request leaves before the
    // page is built (an `Effect` would wait for the next tick, after it).
    let requests = RenderEffect::new(move |_| {
        let from_loaded_address = std::mem::take(&mut first_run);
        let key = current();
        if key.query.project_id.is_empty() {
            return;
        }
        let request_url = key.query.to_request_url(&api_base);
        let request = match EffectRequest::start() {
            Ok(request) => request,
            Err(error) => {
                answer.set(Some(Answer {
                    key,
                    request_url,
                    received_at: now_ms(),
                    result: Err(error),
                }));
                return;
            }
        };
        // An earlier answer to an equal key (the same query asked again before a
        // refresh) is not this request's answer.
        answer.set(None);
        let sent = fetch_list(&request_url, timeout_seconds, request.controller());
        if from_loaded_address {
            remember_list_request(&request_url);
        }
        spawn_local(async move {
            let result = sent.await.map(Arc::new);
            if !request.is_superseded() {
                answer.set(Some(Answer {
                    key,
                    request_url,
                    received_at: now_ms(),
                    result,
                }));
            }
        });
    });
    // A render effect ends when dropped: it lives as long as the list.
    on_cleanup(move || drop(requests));
    let view = Derived::new(move |prev: Option<&ListView>| {
        let key = current();
        let asking = !key.query.project_id.is_empty();
        answer.with(|answer| ListView::next(prev, &key, answer.as_ref(), asking))
    });
    let page = Derived::new_with_compare(
        move |_| view.with(|v| v.page.clone()),
        |old, new| match (old, new) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        },
    );
    // The benchmark's "rows on screen" moment: the frame after a new page is shown.
    effect(move || {
        if view.with(|v| v.page.is_some() && !v.loading) {
            request_animation_frame(|| mark("vizjobs:rows-rendered"));
        }
    });
    JobList { view, page, round }
}
