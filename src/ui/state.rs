//! The console's shared state: the query (mirrored in the URL), the last good page,
//! the last failure, and whether a request is in flight.

use std::sync::Arc;

use leptos::prelude::*;

use crate::{
    api::{
        error::ApiError,
        model::ListPage,
        query::{ListQuery, QueryDefaults},
    },
    browser::{write_search, HistoryMode},
    config::RuntimeConfig,
};

/// A failed request with what was asked, so the panel can show the query sent.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedRequest {
    pub error: ApiError,
    pub request_url: String,
}

#[derive(Clone, Copy)]
pub struct ConsoleState {
    pub query: RwSignal<ListQuery>,
    pub page: RwSignal<Option<Arc<ListPage>>>,
    pub failure: RwSignal<Option<FailedRequest>>,
    pub loading: RwSignal<bool>,
    /// Bumped by retry, refresh and the auto-refresh timer to fetch the same query again.
    pub reload: RwSignal<u64>,
    pub defaults: StoredValue<QueryDefaults>,
    pub config: StoredValue<RuntimeConfig>,
}

impl ConsoleState {
    pub fn new(query: ListQuery, defaults: QueryDefaults, config: RuntimeConfig) -> Self {
        ConsoleState {
            query: RwSignal::new(query),
            page: RwSignal::new(None),
            failure: RwSignal::new(None),
            loading: RwSignal::new(false),
            reload: RwSignal::new(0),
            defaults: StoredValue::new(defaults),
            config: StoredValue::new(config),
        }
    }

    /// Shows another view: the URL gains a history entry, and the fetch follows the query.
    pub fn navigate(&self, next: ListQuery) {
        if self.query.with_untracked(|q| *q == next) {
            return;
        }
        let search = self.defaults.with_value(|d| next.to_url_search(d));
        write_search(&search, HistoryMode::Push);
        self.query.set(next);
    }

    /// Applies a change to the current query.
    pub fn update(&self, change: impl FnOnce(&ListQuery) -> ListQuery) {
        let next = self.query.with_untracked(change);
        self.navigate(next);
    }

    pub fn refetch(&self) {
        self.reload.update(|n| *n += 1);
    }
}
