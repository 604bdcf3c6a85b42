//! The network calls: GET the list and a job's details, send a change. Abortable, with
//! a timeout; answers go through the pure parsers, so everything here is transport.

use std::{
    cell::{Cell, RefCell},
    future::Future,
    rc::Rc,
    time::Duration,
};

use js_sys::ArrayBuffer;
use leptos::prelude::{set_timeout_with_handle, window};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, RequestInit};

use super::{
    body::{body_text, refill},
    error::ApiError,
    model::{parse_detail_response, parse_list_response, Job, ListPage},
};
use crate::actions::{parse_change_response, ChangeRequest};

/// The header every change carries, so the gateway can tell the console from another
/// web site using a visitor's browser (`spec/gateway.md`).
pub const REQUESTED_WITH: (&str, &str) = ("X-Requested-With", "vizjobs");

/// Sends the request for one page at once, and returns its answer to await. `abort`
/// lets the caller cancel a superseded request; the timeout aborts through the same
/// controller and is reported as a timeout.
pub fn fetch_list(
    url: &str,
    timeout_seconds: f64,
    abort: &AbortController,
) -> impl Future<Output = Result<ListPage, ApiError>> {
    let sent = match take_replayed_list(url) {
        Some(replayed) => Ok(replayed.adopt(&abort.signal())),
        None => send_now("GET", url, None, &abort.signal()).map(Sent::Fetch),
    };
    let exchange = finish(sent, timeout_seconds, abort);
    async move {
        let (status, body) = exchange.await?;
        read_body(&body, |text| parse_list_response(status, text))
    }
}

/// Sends the request for one job's details at once, and returns its answer to await.
pub fn fetch_detail(
    url: &str,
    timeout_seconds: f64,
    abort: &AbortController,
) -> impl Future<Output = Result<Job, ApiError>> {
    let exchange = exchange("GET", url, None, timeout_seconds, abort);
    async move {
        let (status, body) = exchange.await?;
        read_body(&body, |text| parse_detail_response(status, text))
    }
}

/// A controller to abort a request with; a browser without one gets a network error
/// to show, never an endless wait.
pub fn abort_controller() -> Result<AbortController, ApiError> {
    AbortController::new().map_err(|_| ApiError::Network {
        detail: "AbortController unavailable".into(),
    })
}

/// Sends a change; `Ok` means accepted (with the new job's ID for a create).
pub async fn send_change(
    request: &ChangeRequest,
    timeout_seconds: f64,
) -> Result<Option<String>, ApiError> {
    let abort = abort_controller()?;
    let (status, body) = exchange(
        request.method,
        &request.url,
        request.body.as_deref(),
        timeout_seconds,
        &abort,
    )
    .await?;
    read_body(&body, |text| parse_change_response(status, text))
}

/// One HTTP exchange, started at once: the request leaves before the caller's next
/// step (so the list's first request is out while the page is being built, not
/// after), and the returned future yields the status and body bytes, or a transport
/// failure.
fn exchange(
    method: &str,
    url: &str,
    body: Option<&str>,
    timeout_seconds: f64,
    abort: &AbortController,
) -> impl Future<Output = Result<(u16, ArrayBuffer), ApiError>> {
    let sent = send_now(method, url, body, &abort.signal()).map(Sent::Fetch);
    finish(sent, timeout_seconds, abort)
}

/// A request on its way: the console's own, or the one the prefetch script replayed.
enum Sent {
    Fetch(JsFuture),
    /// Resolves to `{status, bytes}`: the script read the body already.
    Replayed(JsFuture),
}

/// Where `src/prefetch-config.js` leaves the list request it sent again for this
/// address (`crate::list_replay`): `{url, answer, abort}`.
const REPLAYED_LIST: &str = "vizjobsFirstList";

struct Replayed {
    answer: js_sys::Promise,
    abort: js_sys::Function,
}

impl Replayed {
    /// Taken as this request: aborting the console's controller (a timeout, a newer
    /// query) aborts the script's request too.
    fn adopt(self, signal: &AbortSignal) -> Sent {
        let _ = signal.add_event_listener_with_callback("abort", &self.abort);
        Sent::Replayed(JsFuture::from(self.answer))
    }
}

/// The replayed request when it asked for exactly `url`. Looked at once, by the page's
/// first list request: any other URL leaves it unread (the script catches its failure).
fn take_replayed_list(url: &str) -> Option<Replayed> {
    let window = window();
    let key = JsValue::from_str(REPLAYED_LIST);
    let replayed = js_sys::Reflect::get(&window, &key).ok()?;
    if replayed.is_null() || replayed.is_undefined() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let field = |name: &str| js_sys::Reflect::get(&replayed, &JsValue::from_str(name)).ok();
    if field("url")?.as_string()? != url {
        return None;
    }
    Some(Replayed {
        answer: field("answer")?.dyn_into().ok()?,
        abort: field("abort")?.dyn_into().ok()?,
    })
}

/// Sends nothing itself: waits for `sent`, with the timeout, which aborts through the
/// same controller and is reported as a timeout.
fn finish(
    sent: Result<Sent, ApiError>,
    timeout_seconds: f64,
    abort: &AbortController,
) -> impl Future<Output = Result<(u16, ArrayBuffer), ApiError>> {
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (timed_out, abort) = (timed_out.clone(), abort.clone());
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                abort.abort();
            },
            Duration::from_millis((timeout_seconds * 1000.0) as u64),
        )
        .ok()
    };
    async move {
        let answer = match sent {
            Ok(Sent::Fetch(sent)) => receive(sent).await,
            Ok(Sent::Replayed(sent)) => receive_replayed(sent).await,
            Err(error) => Err(error),
        };
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
}

/// Builds the request and hands it to the browser's `fetch` now (so it leaves before
/// the caller's next step). `method` is GET, POST, PUT or DELETE.
fn send_now(
    method: &str,
    url: &str,
    body: Option<&str>,
    signal: &AbortSignal,
) -> Result<JsFuture, ApiError> {
    let headers = Headers::new().map_err(fetch_error)?;
    let add = |name: &str, value: &str| headers.append(name, value).map_err(fetch_error);
    add("Accept", "application/json")?;
    if method != "GET" {
        add(REQUESTED_WITH.0, REQUESTED_WITH.1)?;
    }
    let init = RequestInit::new();
    init.set_method(method);
    init.set_signal(Some(signal));
    if let Some(body) = body {
        add("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(fetch_error)?;
    Ok(JsFuture::from(window().fetch_with_request(&request)))
}

/// The answer to a request sent by [`send_now`]: its status and whole body.
async fn receive(sent: JsFuture) -> Result<(u16, ArrayBuffer), ApiError> {
    let response = sent.await.map_err(fetch_error)?;
    let response = response.unchecked_into::<web_sys::Response>();
    let bytes = response_bytes(&response).await.map_err(fetch_error)?;
    Ok((response.status(), bytes))
}

/// A response's whole body, as bytes.
pub async fn response_bytes(response: &web_sys::Response) -> Result<ArrayBuffer, JsValue> {
    let bytes = JsFuture::from(response.array_buffer()?).await?;
    Ok(bytes.unchecked_into())
}

/// The replayed request's `{status, bytes}`, or its failure as `fetch`'s own.
async fn receive_replayed(sent: JsFuture) -> Result<(u16, ArrayBuffer), ApiError> {
    let answer = sent.await.map_err(fetch_error)?;
    let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).ok();
    let status = field("status").and_then(|v| v.as_f64());
    let bytes = field("bytes").and_then(|v| v.dyn_into::<ArrayBuffer>().ok());
    match (status, bytes) {
        (Some(status), Some(bytes)) if (100.0..=599.0).contains(&status) => {
            Ok((status as u16, bytes))
        }
        _ => Err(transport_error("no answer from the prefetch script".into())),
    }
}

thread_local! {
    /// One buffer for every answer's bytes, reused: a 1,000-job answer is ~450 KB, and a
    /// new block for each refresh kept raising the allocator's high-water mark.
    static BODY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Runs `read` on the answer's text ([`body_text`]), its bytes copied into [`BODY`].
pub fn read_body<R>(bytes: &ArrayBuffer, read: impl FnOnce(&str) -> R) -> R {
    BODY.with_borrow_mut(|buffer| {
        let array = js_sys::Uint8Array::new(bytes);
        refill(buffer, array.length() as usize);
        array.copy_to(buffer);
        read(&body_text(buffer))
    })
}

/// A failed `fetch` (or a request it would not build) as the browser words it: the
/// error's own text ("TypeError: Failed to fetch").
fn fetch_error(e: JsValue) -> ApiError {
    transport_error(e.dyn_ref::<js_sys::Error>().map_or_else(
        || e.as_string().unwrap_or_default(),
        |e| e.to_string().into(),
    ))
}

fn transport_error(detail: String) -> ApiError {
    ApiError::Network { detail }
}
