//! The page: components that read signals and call the pure modules.

mod actions;
mod app;
mod bulk;
mod choices;
mod confirm;
mod console;
mod context;
mod create;
mod detail;
mod dom;
mod error_panel;
mod grid;
mod html_row;
mod html_slot;
mod job_list;
mod kept;
mod modal;
mod notice;
mod one_type;
mod pager;
mod request;
mod summary;
mod table_rows;
mod toolbar;

pub use actions::Outcome;
pub use app::start;
pub use bulk::show_outcomes;
pub use context::{provide, Nav, Prefs};
pub use error_panel::ErrorPanel;
pub use html_row::HtmlElementText;
pub use one_type::Derived;
pub use pager::Pager;
pub use table_rows::TableRows;
