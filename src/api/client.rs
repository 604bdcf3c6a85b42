//! The one network call: GET the list, abortable, with a timeout. Its answer goes
//! through the pure parser, so everything here is about transport.

use std::{cell::Cell, rc::Rc, time::Duration};

use gloo_net::http::Request;
use leptos::prelude::set_timeout_with_handle;
use web_sys::AbortController;

use super::{
    error::ApiError,
    model::{parse_list_response, ListPage},
};

/// Fetches one page. `abort` lets the caller cancel a superseded request; the timeout
/// aborts through the same controller and is reported as a timeout.
pub async fn fetch_list(
    url: &str,
    timeout_seconds: f64,
    abort: &AbortController,
) -> Result<ListPage, ApiError> {
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (timed_out, abort) = (timed_out.clone(), abort.clone());
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                abort.abort();
            },
            Duration::from_secs_f64(timeout_seconds),
        )
        .ok()
    };

    let signal = abort.signal();
    let answer = async {
        let response = Request::get(url)
            .header("Accept", "application/json")
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(|e| transport_error(e.to_string()))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| transport_error(e.to_string()))?;
        parse_list_response(status, &body)
    }
    .await;

    if let Some(timer) = timer {
        timer.clear();
    }
    match answer {
        Err(ApiError::Network { .. }) if timed_out.get() => Err(ApiError::Timeout {
            seconds: timeout_seconds,
        }),
        other => other,
    }
}

fn transport_error(detail: String) -> ApiError {
    ApiError::Network { detail }
}
