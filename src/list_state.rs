//! What the job list shows, derived from the latest answer and the query on screen.
//! Pure: the page's one fetch feeds it, and host tests reach every rule.

use std::sync::Arc;

use crate::{
    api::{error::ApiError, model::ListPage, query::ListQuery},
    i18n::Msg,
    status::status_kind,
};

/// One request: the query, and how often the same query was asked again (refresh,
/// retry, auto-refresh). Two requests with the same key ask the same thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestKey {
    pub query: ListQuery,
    pub round: i64,
}

/// A failed request with what was asked, so the panel can show the query sent.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedRequest {
    pub error: ApiError,
    pub request_url: String,
}

/// One finished request.
#[derive(Clone, Debug)]
pub struct Answer {
    pub key: RequestKey,
    pub request_url: String,
    /// When it arrived (epoch ms), for "last updated" and live durations.
    pub received_at: i64,
    pub result: Result<Arc<ListPage>, ApiError>,
}

/// Everything the list's components read.
#[derive(Clone, Debug, Default)]
pub struct ListView {
    /// A request for the query on screen is out.
    pub loading: bool,
    /// The last page that arrived whole; kept while a newer request loads or fails.
    pub page: Option<Arc<ListPage>>,
    pub loaded_at: Option<i64>,
    /// The latest request failed; cleared by the next success.
    pub failure: Option<FailedRequest>,
}

impl PartialEq for ListView {
    /// Pages compare by identity: a page is never changed after it arrives.
    fn eq(&self, other: &Self) -> bool {
        self.loading == other.loading
            && self.loaded_at == other.loaded_at
            && self.failure == other.failure
            && match (&self.page, &other.page) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl ListView {
    /// The view after `answer` (the latest one, if any), while `current` is the request
    /// the screen wants; `asking` is false when no request can be made (no project).
    /// An answer to another request never changes what is shown: it is either older
    /// (superseded) or already folded into `prev`.
    pub fn next(
        prev: Option<&ListView>,
        current: &RequestKey,
        answer: Option<&Answer>,
        asking: bool,
    ) -> ListView {
        let mut view = prev.cloned().unwrap_or_default();
        match answer.filter(|a| a.key == *current) {
            Some(answer) => {
                view.loading = false;
                match &answer.result {
                    Ok(page) => {
                        view.page = Some(Arc::clone(page));
                        view.loaded_at = Some(answer.received_at);
                        view.failure = None;
                    }
                    Err(error) => {
                        view.failure = Some(FailedRequest {
                            error: error.clone(),
                            request_url: answer.request_url.clone(),
                        })
                    }
                }
            }
            None => view.loading = asking,
        }
        view
    }

    pub fn has_rows(&self) -> bool {
        self.page.as_ref().is_some_and(|p| !p.jobs.is_empty())
    }
}

/// Whether a listed job can still change by itself (so refreshing is worth it).
pub fn any_job_can_change(page: &ListPage) -> bool {
    page.jobs
        .iter()
        .any(|j| j.status.is_none_or(|s| !status_kind(s).is_final()))
}

/// What the auto-refresh is doing, in words for the toolbar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoRefresh {
    /// `refresh_seconds` is 0.
    Off,
    Paused,
    /// No answer yet: nothing is known about the jobs.
    Waiting,
    /// The list is empty: nothing to watch.
    NothingListed,
    /// Every listed job is in a final status.
    Idle,
    On,
}

impl AutoRefresh {
    pub fn of(enabled: bool, paused: bool, page: Option<&ListPage>) -> AutoRefresh {
        match page {
            _ if !enabled => AutoRefresh::Off,
            _ if paused => AutoRefresh::Paused,
            None => AutoRefresh::Waiting,
            Some(p) if p.jobs.is_empty() => AutoRefresh::NothingListed,
            Some(p) if !any_job_can_change(p) => AutoRefresh::Idle,
            Some(_) => AutoRefresh::On,
        }
    }

    pub fn message(self) -> Msg {
        match self {
            AutoRefresh::Off => Msg::AutoOff,
            AutoRefresh::Paused => Msg::AutoPaused,
            AutoRefresh::Waiting => Msg::AutoWaiting,
            AutoRefresh::NothingListed => Msg::AutoNothingListed,
            AutoRefresh::Idle => Msg::AutoIdle,
            AutoRefresh::On => Msg::AutoOn,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{model::Job, query::QueryDefaults};

    fn key(page: u32, round: i64) -> RequestKey {
        RequestKey {
            query: ListQuery::new(&QueryDefaults::default()).with_page(page),
            round,
        }
    }

    fn page_of(statuses: &[Option<i64>]) -> Arc<ListPage> {
        Arc::new(ListPage {
            jobs: statuses
                .iter()
                .map(|&status| Job {
                    status,
                    ..Job::default()
                })
                .collect(),
            ..ListPage::default()
        })
    }

    fn ok(key: RequestKey, at: i64, page: &Arc<ListPage>) -> Answer {
        Answer {
            key,
            request_url: "/v1/p/visualization-jobs".into(),
            received_at: at,
            result: Ok(Arc::clone(page)),
        }
    }

    fn failed(key: RequestKey) -> Answer {
        Answer {
            key,
            request_url: "/v1/p/visualization-jobs?page=2".into(),
            received_at: 9,
            result: Err(ApiError::Timeout { seconds: 1.0 }),
        }
    }

    #[test]
    fn loading_until_the_answer_to_this_request_arrives() {
        let first = ListView::next(None, &key(1, 0), None, true);
        assert!(first.loading && first.page.is_none());
        let page = page_of(&[Some(8)]);
        let shown = ListView::next(
            Some(&first),
            &key(1, 0),
            Some(&ok(key(1, 0), 5, &page)),
            true,
        );
        assert!(!shown.loading);
        assert!(Arc::ptr_eq(shown.page.as_ref().unwrap(), &page));
        assert_eq!(shown.loaded_at, Some(5));
    }

    #[test]
    fn an_answer_to_another_request_never_replaces_the_page() {
        let old = page_of(&[Some(10)]);
        let shown = ListView::next(None, &key(1, 0), Some(&ok(key(1, 0), 5, &old)), true);
        // The person moved to page 2; page 1's answer (even arriving again) changes nothing.
        let next = ListView::next(
            Some(&shown),
            &key(2, 0),
            Some(&ok(key(1, 0), 7, &page_of(&[]))),
            true,
        );
        assert!(next.loading);
        assert!(Arc::ptr_eq(next.page.as_ref().unwrap(), &old));
        assert_eq!(next.loaded_at, Some(5));
    }

    #[test]
    fn a_failure_keeps_the_last_good_page_and_a_success_clears_it() {
        let good = page_of(&[Some(8)]);
        let shown = ListView::next(None, &key(1, 0), Some(&ok(key(1, 0), 5, &good)), true);
        let broken = ListView::next(Some(&shown), &key(1, 1), Some(&failed(key(1, 1))), true);
        assert!(!broken.loading);
        assert!(broken.failure.is_some());
        assert!(Arc::ptr_eq(broken.page.as_ref().unwrap(), &good));
        assert!(broken.has_rows());
        let healed = ListView::next(
            Some(&broken),
            &key(1, 2),
            Some(&ok(key(1, 2), 8, &good)),
            true,
        );
        assert!(healed.failure.is_none());
    }

    #[test]
    fn nothing_loads_without_a_project() {
        assert!(!ListView::next(None, &key(1, 0), None, false).loading);
    }

    #[test]
    fn auto_refresh_says_what_it_waits_for() {
        use AutoRefresh::*;
        let running = page_of(&[Some(10), Some(8)]);
        let finished = page_of(&[Some(10), Some(12)]);
        let unknown_status = page_of(&[None]);
        let empty = page_of(&[]);
        assert_eq!(AutoRefresh::of(false, false, Some(&running)), Off);
        assert_eq!(AutoRefresh::of(true, true, Some(&running)), Paused);
        assert_eq!(AutoRefresh::of(true, false, None), Waiting);
        assert_eq!(AutoRefresh::of(true, false, Some(&empty)), NothingListed);
        assert_eq!(AutoRefresh::of(true, false, Some(&finished)), Idle);
        assert_eq!(AutoRefresh::of(true, false, Some(&running)), On);
        assert_eq!(AutoRefresh::of(true, false, Some(&unknown_status)), On);
    }
}
