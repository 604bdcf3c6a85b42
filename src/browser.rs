//! The few browser facilities the page uses: its URL and history, the local clock,
//! and User Timing marks. Nothing else in the crate touches `history`.

use wasm_bindgen::JsValue;

use crate::format::{format_date_time, DateTimeParts};

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
    let url = format!("{}{}", current_path(), search);
    if url == format!("{}{}", current_path(), current_search()) {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = match mode {
            HistoryMode::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
            HistoryMode::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
        };
    }
}

/// Local date and time of epoch milliseconds, in the browser's time zone.
pub fn local_date_time(ms: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    if date.get_time().is_nan() {
        return String::new();
    }
    format_date_time(DateTimeParts {
        year: i64::from(date.get_full_year()),
        month: date.get_month() + 1,
        day: date.get_date(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
        second: date.get_seconds(),
    })
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
