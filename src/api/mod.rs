//! Everything about the list endpoint: the query, the response, the errors, the fetch.

pub mod body;
pub mod error;
pub mod model;
pub mod query;
pub mod urlcode;

#[cfg(target_arch = "wasm32")]
pub mod client;
