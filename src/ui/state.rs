//! The console's shared state: the query (mirrored in the URL), the last good page,
//! the last failure, whether a request is in flight, and the person's preferences.

use std::sync::Arc;

use leptos::prelude::*;

use crate::{
    api::{
        error::ApiError,
        model::ListPage,
        query::{ListQuery, QueryDefaults},
    },
    browser::{now_ms, store, write_search, HistoryMode},
    columns::{serialize_hidden, Column},
    config::RuntimeConfig,
    i18n::{t, Lang},
};

pub const LANGUAGE_KEY: &str = "vizjobs.language";
pub const HIDDEN_COLUMNS_KEY: &str = "vizjobs.hidden-columns";

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
    /// When the shown page arrived (epoch ms), for "last updated" and live durations.
    pub loaded_at: RwSignal<Option<i64>>,
    /// The clock, ticking once a second.
    pub now: RwSignal<i64>,
    pub auto_paused: RwSignal<bool>,
    pub lang: RwSignal<Lang>,
    pub hidden_columns: RwSignal<Vec<Column>>,
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
            loaded_at: RwSignal::new(None),
            now: RwSignal::new(now_ms()),
            auto_paused: RwSignal::new(false),
            lang: RwSignal::new(Lang::En),
            hidden_columns: RwSignal::new(Vec::new()),
            defaults: StoredValue::new(defaults),
            config: StoredValue::new(config),
        }
    }

    /// A message in the current language (reactive when read inside a view).
    pub fn t(&self, key: &'static str) -> &'static str {
        t(self.lang.get(), key)
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

    /// The person's choice of language, remembered for next time.
    pub fn choose_language(&self, lang: Lang) {
        store(LANGUAGE_KEY, lang.tag());
        self.lang.set(lang);
    }

    pub fn toggle_column(&self, column: Column) {
        self.hidden_columns.update(|hidden| {
            if let Some(i) = hidden.iter().position(|c| *c == column) {
                hidden.remove(i);
            } else {
                hidden.push(column);
            }
            store(HIDDEN_COLUMNS_KEY, &serialize_hidden(hidden));
        });
    }
}
