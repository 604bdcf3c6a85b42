//! The page: components that read signals and call the pure modules.

mod app;
mod badge;
mod console;
mod error_panel;
mod grid;
mod notice;
mod pager;
mod state;
mod summary;
mod toolbar;

pub use app::App;
pub use badge::StatusBadge;
pub use error_panel::ErrorPanel;
pub use grid::job_cells;
pub use pager::Pager;
pub use state::{ConsoleState, FailedRequest};
