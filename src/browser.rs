//! The few browser facilities the page uses: its URL and history, the clock and time
//! zone, `localStorage`, the clipboard, and User Timing marks. Nothing else in the
//! crate touches `history`.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::{
    cat,
    format::{date_time_text, utc_parts},
    i18n::Lang,
    list_replay::{remember, RECENT_LISTS_KEY},
};

fn window() -> web_sys::Window {
    web_sys::window().expect("vizjobs runs in a window")
}

/// The page's query string, `?…` or empty.
pub fn current_search() -> String {
    window().location().search().unwrap_or_default()
}

/// The path without query, so a rewritten URL keeps a sub-path deployment.
fn current_path() -> String {
    window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".into())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// A new view the back button returns from.
    Push,
    /// The same view, written in its normal form.
    Replace,
}

/// Writes the query string into the address bar without reloading.
pub fn write_search(search: &str, mode: HistoryMode) {
    if search == current_search() {
        return;
    }
    let url = cat!(current_path(), search);
    if let Ok(history) = window().history() {
        let _ = match mode {
            HistoryMode::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
            HistoryMode::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
        };
    }
}

/// Local date and time of epoch milliseconds, in the browser's zone and `lang`'s style
/// (as `Intl` writes it; see [`date_time_text`]). Only the zone's offset at that instant
/// comes from the browser: the first `Intl` formatter would cost ~8 ms on the way to
/// the first rows.
pub fn local_date_time(ms: i64, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    // Minutes behind UTC at that instant (daylight saving included); NaN when the
    // instant is outside what a `Date` can hold.
    let offset = date.get_timezone_offset();
    if offset.is_nan() {
        return String::new();
    }
    let local = ms - (offset as i64) * 60_000;
    date_time_text(utc_parts(local), lang)
}

/// The browser's preferred language (`navigator.language`).
pub fn browser_language() -> String {
    window().navigator().language().unwrap_or_default()
}

/// Marks the document's language, for screen readers and fonts.
pub fn set_document_language(lang: Lang) {
    if let Some(root) = window().document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Remembers that this address (as loaded) led to the list request `url`, for
/// `src/prefetch-config.js` to send again on its next load (`crate::list_replay`).
pub fn remember_list_request(url: &str) {
    let stored_lists = stored(RECENT_LISTS_KEY);
    if let Some(next) = remember(stored_lists.as_deref(), &current_search(), url) {
        store(RECENT_LISTS_KEY, &next);
    }
}

/// A remembered setting; `None` where storage is blocked or empty.
pub fn stored(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

pub fn store(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// What a copy did.
pub enum CopyResult {
    /// The clipboard took the text; the promise settles with the outcome.
    Pending(js_sys::Promise),
    /// No clipboard here: the value's text is selected for the person to copy.
    Selected,
}

/// Puts text on the clipboard where the page may (secure contexts only: a gateway on
/// plain `http://` has no `navigator.clipboard`), else selects `fallback`'s text so
/// Ctrl+C copies it. Never throws.
pub fn copy_or_select(text: &str, fallback: Option<&web_sys::Element>) -> CopyResult {
    let navigator = window().navigator();
    let has_clipboard = Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if has_clipboard {
        return CopyResult::Pending(navigator.clipboard().write_text(text));
    }
    if let Some(element) = fallback {
        select_text_of(element);
    }
    CopyResult::Selected
}

/// Selects an element's text, as a person would with the mouse.
pub fn select_text_of(element: &web_sys::Element) {
    if let Ok(Some(selection)) = window().get_selection() {
        let _ = selection.select_all_children(element);
    }
}

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

pub fn page_is_hidden() -> bool {
    window().document().is_some_and(|d| d.hidden())
}

/// A User Timing mark, read by the benchmark (`performance.getEntriesByName`).
pub fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}
