//! The network calls: GET the list and a job's details, send a change. Abortable, with
//! a timeout; answers go through the pure parsers, so everything here is transport.

use std::{cell::Cell, rc::Rc, time::Duration};

use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::set_timeout_with_handle;
use web_sys::AbortController;

use super::{
    error::ApiError,
    model::{parse_detail_response, parse_list_response, Job, ListPage},
};
use crate::actions::{parse_change_response, ChangeRequest};

/// The header every change carries, so the gateway can tell the console from another
/// web site using a visitor's browser (`spec/gateway.md`).
pub const REQUESTED_WITH: (&str, &str) = ("X-Requested-With", "vizjobs");

/// Fetches one page. `abort` lets the caller cancel a superseded request; the timeout
/// aborts through the same controller and is reported as a timeout.
pub async fn fetch_list(
    url: &str,
    timeout_seconds: f64,
    abort: &AbortController,
) -> Result<ListPage, ApiError> {
    let (status, body) = exchange(Method::GET, url, None, timeout_seconds, abort).await?;
    parse_list_response(status, &body)
}

/// Fetches one job's details.
pub async fn fetch_detail(
    url: &str,
    timeout_seconds: f64,
    abort: &AbortController,
) -> Result<Job, ApiError> {
    let (status, body) = exchange(Method::GET, url, None, timeout_seconds, abort).await?;
    parse_detail_response(status, &body)
}

/// Sends a change; `Ok` means accepted (with the new job's ID for a create).
pub async fn send_change(
    request: &ChangeRequest,
    timeout_seconds: f64,
) -> Result<Option<String>, ApiError> {
    let method = match request.method {
        "POST" => Method::POST,
        "PUT" => Method::PUT,
        _ => Method::DELETE,
    };
    let abort = AbortController::new().map_err(|_| ApiError::Network {
        detail: "AbortController unavailable".into(),
    })?;
    let (status, body) = exchange(
        method,
        &request.url,
        request.body.as_deref(),
        timeout_seconds,
        &abort,
    )
    .await?;
    parse_change_response(status, &body)
}

/// One HTTP exchange: the status and body text, or a transport failure.
async fn exchange(
    method: Method,
    url: &str,
    body: Option<&str>,
    timeout_seconds: f64,
    abort: &AbortController,
) -> Result<(u16, String), ApiError> {
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
    let changes = method != Method::GET;
    let answer = async {
        let mut builder = RequestBuilder::new(url)
            .method(method)
            .header("Accept", "application/json")
            .abort_signal(Some(&signal));
        if changes {
            builder = builder.header(REQUESTED_WITH.0, REQUESTED_WITH.1);
        }
        let request = match body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body.to_string()),
            None => builder.build(),
        }
        .map_err(|e| transport_error(e.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|e| transport_error(e.to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| transport_error(e.to_string()))?;
        Ok((status, text))
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
