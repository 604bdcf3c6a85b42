//! The handles components share, each with one job: the URL state ([`Nav`]), the
//! person's preferences ([`Prefs`]) and the clock ([`Clock`]). A component asks for the
//! ones it reads, nothing more.

use std::sync::{Arc, Mutex};

use leptos::{prelude::*, reactive::computed::ArcMemo};

use crate::{
    api::query::{ListQuery, QueryDefaults, UrlState},
    browser::{now_ms, store, write_search, HistoryMode},
    columns::{serialize_hidden, Column},
    i18n::{t, Lang, Msg},
};

/// A context the console provides, as `expect_context` gives it, but without the
/// type's name in the wasm: its panic message prints that with `Debug`, which linked
/// std's string escaping. The panic still says where.
#[track_caller]
pub fn provided<T: Clone + 'static>() -> T {
    match use_context::<T>() {
        Some(value) => value,
        None => panic!("a context the console provides is missing here"),
    }
}

pub const LANGUAGE_KEY: &str = "vizjobs.language";
pub const HIDDEN_COLUMNS_KEY: &str = "vizjobs.hidden-columns";

/// The URL's state: the list's query and the open job. The one writer of `history`.
#[derive(Clone, Copy)]
pub struct Nav {
    pub query: RwSignal<ListQuery>,
    pub job: RwSignal<Option<String>>,
    /// Fixed for the page's life: a leaked copy shared by reference, not a
    /// `StoredValue` (each value type is a copy of the arena's code in the wasm).
    defaults: &'static QueryDefaults,
}

impl Nav {
    pub fn new(state: UrlState, defaults: QueryDefaults) -> Self {
        Nav {
            query: RwSignal::new(state.query),
            job: RwSignal::new(state.job),
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
    /// right after it (`pushState` takes milliseconds the request need not wait for).
    pub fn navigate(&self, next: ListQuery) {
        if self.query.with_untracked(|q| *q == next) {
            return;
        }
        self.query.set(next);
        let nav = *self;
        // A task after the effects this change wakes (the list's request among them).
        // It writes the state of that moment: anything written in between (a job
        // opened) is already there, and an unchanged URL is not written again.
        set_timeout(
            move || {
                let state = UrlState {
                    query: nav.query.get_untracked(),
                    job: nav.job.get_untracked(),
                };
                nav.write(&state, HistoryMode::Push);
            },
            std::time::Duration::ZERO,
        );
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

/// A reactive part of a view as one erased closure type per output type. Leptos
/// compiles its rendering code once per closure type placed in a view (~0.6 KB of
/// wasm each); every part made through it with the same output shares one copy
/// (for `String`, the one the attributes already use).
pub type Live<T> = Arc<Mutex<dyn FnMut() -> T + Send>>;

pub fn live_view<T: 'static>(part: impl FnMut() -> T + Send + 'static) -> Live<T> {
    Arc::new(Mutex::new(part))
}

/// `children` while `when` holds, else nothing: what `<Show>` does (a memo of `when`,
/// the children built when it turns true), with its rendering code shared by every
/// use instead of compiled for each (~0.7 KB of wasm per `<Show>`).
pub fn shown_when(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: impl Fn() -> AnyView + Send + 'static,
) -> Live<Option<AnyView>> {
    shown_when_boxed(Box::new(when), Box::new(children))
}

/// Boxed, so the memo and the view around them are one copy for every use.
#[inline(never)]
fn shown_when_boxed(
    when: Box<dyn Fn() -> bool + Send + Sync>,
    children: Box<dyn Fn() -> AnyView + Send>,
) -> Live<Option<AnyView>> {
    let when = ArcMemo::new(move |_| when());
    live_view(move || when.get().then(&children))
}

/// An effect (`Effect::new`) running `run`, boxed first: Leptos's effect (its task
/// and scheduling) is generic over the closure, so each effect was a copy of that
/// code; through here they share one.
pub fn effect(run: impl FnMut() + 'static) {
    effect_boxed(Box::new(run));
}

#[inline(never)]
fn effect_boxed(mut run: Box<dyn FnMut()>) {
    Effect::new(move |_| run());
}

/// A memo of an optional number, given its previous value; boxed, as [`effect`] is,
/// so the page's memos of this type share one copy of Leptos's memo code.
pub fn number_memo(
    compute: impl Fn(Option<&Option<i64>>) -> Option<i64> + Send + Sync + 'static,
) -> Memo<Option<i64>> {
    number_memo_boxed(Box::new(compute))
}

type NumberMemoFn = dyn Fn(Option<&Option<i64>>) -> Option<i64> + Send + Sync;

#[inline(never)]
fn number_memo_boxed(compute: Box<NumberMemoFn>) -> Memo<Option<i64>> {
    Memo::new(move |previous: Option<&Option<i64>>| compute(previous))
}

/// Reactive text: see [`live_view`].
pub type LiveText = Live<String>;

pub fn live_text(text: impl Fn() -> String + Send + 'static) -> LiveText {
    live_view(text)
}

/// The person's language and hidden columns, remembered across visits.
#[derive(Clone, Copy)]
pub struct Prefs {
    pub lang: RwSignal<Lang>,
    pub hidden_columns: RwSignal<Vec<Column>>,
}

impl Prefs {
    pub fn new(lang: Lang, hidden_columns: Vec<Column>) -> Self {
        Prefs {
            lang: RwSignal::new(lang),
            hidden_columns: RwSignal::new(hidden_columns),
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

/// The page's clock, ticking once a second (live durations, "last updated").
#[derive(Clone, Copy)]
pub struct Clock(pub RwSignal<i64>);

impl Clock {
    pub fn new() -> Self {
        Clock(RwSignal::new(now_ms()))
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
