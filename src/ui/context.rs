//! The handles components share, each with one job: the URL state ([`Nav`]), the
//! person's preferences ([`Prefs`]) and the clock ([`Clock`]). A component asks for the
//! ones it reads, nothing more.

use std::{any::Any, sync::Arc};

use leptos::{attr::custom::CustomAttr, prelude::*};

use super::{
    kept::{kept_attr, Kept},
    one_type::{live_text, Held, LiveText},
};
use crate::{
    api::query::{ListQuery, QueryDefaults, UrlState},
    browser::{now_ms, store, write_search, HistoryMode},
    columns::{serialize_hidden, Column},
    i18n::{t, Lang, Msg},
};

/// The page's shared handles, all in one Leptos context: a chain of them, the nearest
/// provided first, found by their type. Leptos compiles its context code once per type
/// it provides or looks up (~0.55 KB of wasm each); through this one type the page's
/// eight share one copy, and what stays generic is a type check and a copy.
#[derive(Clone)]
struct Provided(Arc<Link>);

struct Link {
    handle: Box<dyn Any + Send + Sync>,
    up: Option<Provided>,
}

/// Makes `value` available to this component and those it builds, ahead of any handle
/// of its type from further up (as `provide_context`).
pub fn provide<T: Send + Sync + 'static>(value: T) {
    provide_handle(Box::new(value));
}

#[inline(never)]
fn provide_handle(handle: Box<dyn Any + Send + Sync>) {
    let up = use_context::<Provided>();
    provide_context(Provided(Arc::new(Link { handle, up })));
}

/// A handle [`provide`]d further up, as `expect_context` gives it, but without the
/// type's name in the wasm: its panic message prints that with `Debug`, which linked
/// std's string escaping. The panic still says where.
#[track_caller]
pub fn provided<T: Clone + 'static>() -> T {
    let mut found = None;
    find_handle(&mut |handle| {
        found = handle.downcast_ref::<T>().cloned();
        found.is_some()
    });
    match found {
        Some(value) => value,
        None => panic!("a context the console provides is missing here"),
    }
}

/// Walks the chain from the nearest handle until `is_it` says it found its own.
#[inline(never)]
fn find_handle(is_it: &mut dyn FnMut(&dyn Any) -> bool) {
    let mut link = use_context::<Provided>();
    while let Some(Provided(here)) = link {
        if is_it(&*here.handle) {
            return;
        }
        link = here.up.clone();
    }
}

pub const LANGUAGE_KEY: &str = "vizjobs.language";
pub const HIDDEN_COLUMNS_KEY: &str = "vizjobs.hidden-columns";

/// The URL's state: the list's query and the open job. The one writer of `history`.
#[derive(Clone, Copy)]
pub struct Nav {
    pub query: Held<ListQuery>,
    pub job: Held<Option<String>>,
    /// A new view's history entry is still to be written ([`Nav::write_due`]).
    pub entry_due: Held<bool>,
    /// Fixed for the page's life: a leaked copy shared by reference, not a
    /// `StoredValue` (each value type is a copy of the arena's code in the wasm).
    defaults: &'static QueryDefaults,
}

impl Nav {
    pub fn new(state: UrlState, defaults: QueryDefaults) -> Self {
        Nav {
            query: Held::new(state.query),
            job: Held::new(state.job),
            entry_due: Held::new(false),
            defaults: Box::leak(Box::new(defaults)),
        }
    }

    pub fn defaults(&self) -> QueryDefaults {
        self.defaults.clone()
    }

    fn write(&self, state: &UrlState, mode: HistoryMode) {
        let search = state.to_url_search(self.defaults);
        write_search(&search, mode);
    }

    /// Shows another list view: the fetch starts, and the URL gains a history entry
    /// once the answer is on screen ([`Nav::write_due`]). A `pushState` while the
    /// answer was coming in held up its rows: ~20 ms of a 1,000-row sort.
    pub fn navigate(&self, next: ListQuery) {
        if self.query.with_untracked(|q| *q == next) {
            return;
        }
        self.query.set(next);
        self.entry_due.set(true);
    }

    /// Writes the history entry [`Nav::navigate`] left due, with the state of this
    /// moment: views passed through on the way (two quick sorts) get none, a job
    /// opened meanwhile is already there, and an unchanged URL is not written again.
    pub fn write_due(&self) {
        if !self.entry_due.get_untracked() {
            return;
        }
        self.entry_due.set(false);
        let state = UrlState {
            query: self.query.get_untracked(),
            job: self.job.get_untracked(),
        };
        self.write(&state, HistoryMode::Push);
    }

    /// Applies a change to the current query.
    pub fn update(&self, change: impl FnOnce(&ListQuery) -> ListQuery) {
        let next = self.query.with_untracked(change);
        self.navigate(next);
    }

    /// Opens (or, with `None`, closes) a job's details: a history entry, so Back closes it.
    pub fn show_job(&self, job: Option<String>) {
        if self.job.with_untracked(|j| *j == job) {
            return;
        }
        let query = self.query.get_untracked();
        self.write(
            &UrlState {
                query,
                job: job.clone(),
            },
            HistoryMode::Push,
        );
        self.job.set(job);
    }

    /// The state a URL names (back and forward buttons).
    pub fn restore(&self, state: UrlState) {
        // Only what changed: an equal query (Back from a job's details) fetches nothing.
        if self.query.with_untracked(|q| *q != state.query) {
            self.query.set(state.query);
        }
        if self.job.with_untracked(|j| *j != state.job) {
            self.job.set(state.job);
        }
    }

    /// Writes the current state in its normal form, without a history entry.
    pub fn normalise_url(&self) {
        let state = UrlState {
            query: self.query.get_untracked(),
            job: self.job.get_untracked(),
        };
        self.write(&state, HistoryMode::Replace);
    }
}

/// The page's language.
pub type LangSignal = Held<Lang>;

/// The person's language and hidden columns, remembered across visits.
#[derive(Clone, Copy)]
pub struct Prefs {
    pub lang: LangSignal,
    hidden_columns: Held<Vec<Column>>,
}

impl Prefs {
    pub fn new(lang: Lang, hidden_columns: Vec<Column>) -> Self {
        Prefs {
            lang: Held::new(lang),
            hidden_columns: Held::new(hidden_columns),
        }
    }

    /// A message in the current language (reactive when read inside a view).
    pub fn t(&self, key: Msg) -> &'static str {
        t(self.lang.get(), key)
    }

    /// The same message as a view's reactive text. One function, so every message on
    /// the page shares one closure type and one copy of Leptos's text-rendering code
    /// (a `move || prefs.t(…)` per call site is a copy each). A `String`, as all the
    /// page's reactive text and attributes are: each output type is a copy of that code
    /// too (`&str` beside `String` cost ~0.9 KiB).
    pub fn text(self, key: Msg) -> LiveText {
        live_text(move || self.t(key).to_string())
    }

    /// An attribute holding the message in the current language (`kept::kept_attr`).
    pub fn text_attr(self, name: &'static str, key: Msg) -> CustomAttr<&'static str, Kept> {
        kept_attr(name, move || self.t(key).to_string())
    }

    pub fn choose_language(&self, lang: Lang) {
        store(LANGUAGE_KEY, lang.tag());
        self.lang.set(lang);
    }

    /// The hidden columns (reactive when read inside a view or effect).
    pub fn hidden(&self) -> Vec<Column> {
        self.hidden_columns.get()
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

/// The page's clock, ticking once a second (live durations, "last updated").
#[derive(Clone, Copy)]
pub struct Clock(pub Held<i64>);

impl Clock {
    pub fn new() -> Self {
        Clock(Held::new(now_ms()))
    }

    pub fn now(&self) -> i64 {
        self.0.get()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}
