//! The API's handlers: list, detail and the five changes, each after the gate every API
//! request passes first ([`admit`]), plus the fallback for everything else.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;

use crate::list::select;
use crate::query::{parse_list_query, ParamError};
use crate::render::{created_body, detail_body, error_body, list_body, SUCCESS_BODY};
use crate::server::{
    lock, now_ms, AppState, Fault, RecordedRequest, Route, REQUESTED_WITH_HEADER,
    REQUESTED_WITH_VALUE, TOKEN_HEADER,
};
use crate::site;
use crate::store::{Refusal, Store};
use crate::validate::{parse_create, parse_edit};
use crate::MAX_JOBS_PER_PROJECT;

/// `{project_id}` and `{job_id}` of a job's path, as decoded by axum.
type JobPath = Result<Path<(String, String)>, PathRejection>;

/// What every API request passes before its own work, in the order of the real chain:
/// the scripted fault (standing for anything on the way), the latency, then the
/// gateway's cross-site check on changes, then the token. `Err` is the answer to send.
async fn admit(state: &AppState, route: Route, headers: &HeaderMap) -> Result<(), Response> {
    let fault = lock(&state.shared).take_fault(route);
    if !state.settings.latency.is_zero() {
        tokio::time::sleep(state.settings.latency).await;
    }
    match fault {
        Some(Fault::Raw {
            status,
            content_type,
            body,
        }) => return Err(raw_response(status, &content_type, body)),
        Some(Fault::Delay(delay)) => tokio::time::sleep(delay).await,
        None => {}
    }

    if route.changes() && header_text(headers, REQUESTED_WITH_HEADER) != Some(REQUESTED_WITH_VALUE)
    {
        return Err(error_response(
            StatusCode::FORBIDDEN,
            "APIG.0308",
            "cross-site change refused: X-Requested-With: vizjobs is missing",
        ));
    }

    if let Some(token) = &state.settings.required_token {
        if header_text(headers, TOKEN_HEADER) != Some(token.as_str()) {
            return Err(error_response(
                StatusCode::UNAUTHORIZED,
                "APIG.0301",
                "Incorrect IAM authentication information: token missing or invalid",
            ));
        }
    }
    Ok(())
}

pub async fn list(
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    lock(&state.shared).list_requests.push(raw_path(&uri));
    if let Err(answer) = admit(&state, Route::List, &headers).await {
        return answer;
    }

    let query = match parse_list_query(uri.query()) {
        Ok(query) => query,
        Err(error) => return invalid_parameter(error),
    };

    let now = now_ms();
    let body = {
        let mut shared = lock(&state.shared);
        shared.store.advance(now);
        let views = shared.store.views(now);
        let page = select(&views, &query);
        list_body(&page, shared.store.len(), &project_id)
    };
    json_response(StatusCode::OK, body)
}

pub async fn detail(
    State(state): State<AppState>,
    params: JobPath,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    lock(&state.shared).detail_requests.push(raw_path(&uri));
    if let Err(answer) = admit(&state, Route::Detail, &headers).await {
        return answer;
    }
    let (project_id, job_id) = match job_params(params) {
        Ok(params) => params,
        Err(error) => return invalid_parameter(error),
    };

    let now = now_ms();
    let view = {
        let mut shared = lock(&state.shared);
        shared.store.advance(now);
        shared.store.view(job_id, now)
    };
    match view {
        Some(view) => json_response(StatusCode::OK, detail_body(&view, &project_id)),
        None => refusal_response(Refusal::NotFound, job_id),
    }
}

pub async fn create(
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record_change(&state, Method::POST, &uri, &headers, &body);
    if let Err(answer) = admit(&state, Route::Create, &headers).await {
        return answer;
    }
    let new_job = match parse_create(&body) {
        Ok(new_job) => new_job,
        Err(error) => return invalid_parameter(error),
    };

    let now = now_ms();
    let created = {
        let mut shared = lock(&state.shared);
        shared.store.advance(now);
        shared.store.create(new_job, MAX_JOBS_PER_PROJECT, now)
    };
    match created {
        Ok(view) => json_response(StatusCode::OK, created_body(&view, &project_id)),
        Err(refusal) => refusal_response(refusal, 0),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    params: JobPath,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record_change(&state, Method::PUT, &uri, &headers, &body);
    if let Err(answer) = admit(&state, Route::Edit, &headers).await {
        return answer;
    }
    let (_, job_id) = match job_params(params) {
        Ok(params) => params,
        Err(error) => return invalid_parameter(error),
    };

    let now = now_ms();
    let mut shared = lock(&state.shared);
    shared.store.advance(now);
    // An unknown job first: the description is irrelevant then.
    if shared.store.view(job_id, now).is_none() {
        return refusal_response(Refusal::NotFound, job_id);
    }
    let job_desc = match parse_edit(&body) {
        Ok(job_desc) => job_desc,
        Err(error) => return invalid_parameter(error),
    };
    match shared.store.edit(job_id, job_desc) {
        Ok(()) => json_response(StatusCode::OK, SUCCESS_BODY.to_owned()),
        Err(refusal) => refusal_response(refusal, job_id),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    params: JobPath,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record_change(&state, Method::DELETE, &uri, &headers, &body);
    act(&state, Route::Delete, params, &headers, Store::delete).await
}

pub async fn stop(
    State(state): State<AppState>,
    params: JobPath,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record_change(&state, Method::POST, &uri, &headers, &body);
    act(&state, Route::Stop, params, &headers, Store::stop).await
}

pub async fn restart(
    State(state): State<AppState>,
    params: JobPath,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record_change(&state, Method::POST, &uri, &headers, &body);
    act(&state, Route::Restart, params, &headers, Store::restart).await
}

/// Delete, stop and restart: no body to read, only the job's status to check.
async fn act(
    state: &AppState,
    route: Route,
    params: JobPath,
    headers: &HeaderMap,
    action: fn(&mut Store, u64, i64) -> Result<(), Refusal>,
) -> Response {
    if let Err(answer) = admit(state, route, headers).await {
        return answer;
    }
    let (_, job_id) = match job_params(params) {
        Ok(params) => params,
        Err(error) => return invalid_parameter(error),
    };
    let now = now_ms();
    let done = {
        let mut shared = lock(&state.shared);
        shared.store.advance(now);
        action(&mut shared.store, job_id, now)
    };
    match done {
        Ok(()) => json_response(StatusCode::OK, SUCCESS_BODY.to_owned()),
        Err(refusal) => refusal_response(refusal, job_id),
    }
}

/// Everything but the API endpoints and config.json: other `/v1/` paths (and other
/// methods on the API's paths) answer like the API gateway does for an unpublished API,
/// never with the console's index.html; the rest goes to the static files, if any.
pub async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    if request.uri().path().starts_with("/v1/") {
        let method = request.method().clone();
        if matches!(
            method,
            Method::POST | Method::PUT | Method::DELETE | Method::PATCH
        ) {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, 1 << 20)
                .await
                .unwrap_or_default();
            record_change(&state, method, &parts.uri, &parts.headers, &body);
        }
        return error_response(
            StatusCode::NOT_FOUND,
            "APIG.0101",
            "The API does not exist or has not been published",
        );
    }
    let Some(files) = state.static_files else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let path = request.uri().path().to_owned();
    // Only for the header: ServeDir itself refuses `..`, and so does this check.
    let is_file = !path.split('/').any(|segment| segment == "..")
        && state
            .settings
            .static_dir
            .as_deref()
            .is_some_and(|dir| dir.join(path.trim_start_matches('/')).is_file());
    let mut response = match files.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    let cache_control = site::cache_control(&path, response.status(), is_file);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(cache_control));
    response
}

/// The project ID and the job ID as a number; anything but decimal digits (in range) is
/// a `ModelArts.0104`.
fn job_params(params: JobPath) -> Result<(String, u64), ParamError> {
    let invalid = |what: String| ParamError(format!("invalid parameter: {what}"));
    let Path((project_id, job_id)) =
        params.map_err(|_| invalid("the path is not valid UTF-8".to_owned()))?;
    let number = Some(&job_id)
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|id| id.parse::<u64>().ok());
    match number {
        Some(number) => Ok((project_id, number)),
        None => Err(invalid(format!("job_id must be a number, got {job_id:?}"))),
    }
}

/// `ModelArts.0104`, the docs' "invalid parameter" (HTTP 400).
fn invalid_parameter(error: ParamError) -> Response {
    error_response(StatusCode::BAD_REQUEST, "ModelArts.0104", &error.0)
}

fn refusal_response(refusal: Refusal, job_id: u64) -> Response {
    let bad = StatusCode::BAD_REQUEST;
    match refusal {
        Refusal::NotFound => error_response(
            StatusCode::NOT_FOUND,
            "ModelArts.0102",
            &format!("The visualization job does not exist. job id: {job_id}"),
        ),
        Refusal::Status { action, status } => {
            error_response(bad, "ModelArts.0105", &action.refusal_message(status))
        }
        Refusal::DuplicateName => error_response(bad, "ModelArts.0103", "duplicate job name"),
        Refusal::Full => error_response(bad, "ModelArts.0106", "resource count limit exceeded"),
    }
}

fn record_change(state: &AppState, method: Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) {
    let request = RecordedRequest {
        method: method.to_string(),
        path: raw_path(uri),
        body: String::from_utf8_lossy(body).into_owned(),
        requested_with: header_text(headers, REQUESTED_WITH_HEADER).map(str::to_owned),
        content_type: header_text(headers, CONTENT_TYPE.as_str()).map(str::to_owned),
    };
    lock(&state.shared).change_requests.push(request);
}

/// Path and query exactly as sent (still percent-encoded).
fn raw_path(uri: &Uri) -> String {
    uri.path_and_query()
        .map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned())
}

/// A header's value, if present and visible ASCII.
fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

fn error_response(status: StatusCode, error_code: &str, error_message: &str) -> Response {
    json_response(status, error_body(error_code, error_message))
}

fn json_response(status: StatusCode, body: String) -> Response {
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}

fn raw_response(status: u16, content_type: &str, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body).into_response();
    // `String` bodies default to text/plain; the fault decides instead.
    response.headers_mut().remove(CONTENT_TYPE);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        if !content_type.is_empty() {
            response.headers_mut().insert(CONTENT_TYPE, value);
        }
    }
    response
}
