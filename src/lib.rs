//! vizjobs: a browser console for ModelArts visualization jobs.
//!
//! Pure modules (`api` except `client`, `config`, `detail_markup`, `error_markup`, `format`, `id_set`, `notice_markup`, `row_keys`, `row_markup`, `status`, `substring`, `text`) hold every rule
//! and are tested on the host; `ui` and `browser` only wire them to the DOM.

pub mod actions;
pub mod api;
pub mod choice_markup;
pub mod columns;
pub mod config;
pub mod detail_markup;
pub mod error_markup;
pub mod format;
pub mod grid_markup;
pub mod i18n;
pub mod id_set;
pub mod json;
pub mod list_replay;
pub mod list_state;
pub mod notice_markup;
pub mod row_keys;
pub mod row_markup;
pub mod status;
pub mod substring;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
