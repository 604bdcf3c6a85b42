//! The job actions' rules: which action is allowed in which status, the requests they
//! send, how an answer reads, and when an accepted action has shown its outcome.
//! Pure, so host tests reach all of it.
//!
//! No API page lists the statuses an action is allowed in (`spec/actions.md`); this
//! table follows the console guide and the refusal samples:
//! - **stop**: a running job, or one on its way to running (initializing, creating its
//!   image, submitting, queuing, scaling, under review). Not while canceling (9).
//! - **restart**: a job in a final status (completed, failed, canceled, …): the guide's
//!   "Run" of a canceled job, and the sample refuses running (8).
//! - **delete**: any status but canceling (9), which the sample refuses.
//!
//! Unknown codes allow nothing but delete. The server stays the judge: a refusal
//! (`ModelArts.0105`) is shown, never hidden.

use crate::{
    api::{
        error::ApiError,
        model::{id_field, Job},
        urlcode::encode_component,
    },
    cat,
    i18n::Msg,
    json::{Object, Value},
    status::{is_documented, status_kind, StatusKind},
    substring,
    text::parse_whole,
};

/// Status of a running job: its TensorBoard answers.
pub const RUNNING: i64 = 8;
/// Status of a job being canceled.
pub const CANCELING: i64 = 9;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verb {
    Stop,
    Restart,
    Delete,
    Create,
}

impl Verb {
    /// The value of `data-pending` and of `data-action`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Stop => "stop",
            Verb::Restart => "restart",
            Verb::Delete => "delete",
            Verb::Create => "create",
        }
    }

    pub fn parse(s: &str) -> Option<Verb> {
        match s {
            "stop" => Some(Verb::Stop),
            "restart" => Some(Verb::Restart),
            "delete" => Some(Verb::Delete),
            "create" => Some(Verb::Create),
            _ => None,
        }
    }

    /// Whether a person confirms it first (it ends billing or loses the job for good).
    pub fn needs_confirmation(self) -> bool {
        matches!(self, Verb::Stop | Verb::Delete)
    }

    pub fn label(self) -> Msg {
        match self {
            Verb::Stop => Msg::ActionStop,
            Verb::Restart => Msg::ActionRestart,
            Verb::Delete => Msg::ActionDelete,
            Verb::Create => Msg::CreateJob,
        }
    }
}

/// Whether ModelArts allows `verb` on a job in `status` (see the module's table).
pub fn allowed(verb: Verb, status: Option<i64>) -> bool {
    let Some(status) = status else {
        return false;
    };
    let documented = is_documented(status);
    match verb {
        Verb::Stop => {
            status == RUNNING
                || (documented && status != CANCELING && status_kind(status) == StatusKind::Pending)
        }
        Verb::Restart => documented && status_kind(status).is_final(),
        Verb::Delete => status != CANCELING,
        Verb::Create => false,
    }
}

/// Whether a job can be acted on at all: it needs an ID to name in the path.
pub fn allowed_for(verb: Verb, job: &Job) -> bool {
    job.job_id.is_some() && allowed(verb, job.status)
}

/// A request that changes something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeRequest {
    pub method: &'static str,
    pub url: String,
    /// JSON, when the call has a body.
    pub body: Option<String>,
}

fn jobs_url(api_base: &str, project_id: &str) -> String {
    cat!(
        api_base.trim_end_matches('/'),
        "/v1/",
        encode_component(project_id),
        "/visualization-jobs"
    )
}

/// `GET …/visualization-jobs/{job_id}`.
pub fn detail_url(api_base: &str, project_id: &str, job_id: &str) -> String {
    cat!(
        jobs_url(api_base, project_id),
        "/",
        encode_component(job_id)
    )
}

/// The request for `verb` on one job (not `Create`: see [`create_request`]).
pub fn action_request(verb: Verb, api_base: &str, project_id: &str, job_id: &str) -> ChangeRequest {
    let job_url = detail_url(api_base, project_id, job_id);
    match verb {
        Verb::Stop => ChangeRequest {
            method: "POST",
            url: cat!(job_url, "/stop"),
            body: None,
        },
        Verb::Restart => ChangeRequest {
            method: "POST",
            url: cat!(job_url, "/restart"),
            body: None,
        },
        Verb::Delete | Verb::Create => ChangeRequest {
            method: "DELETE",
            url: job_url,
            body: None,
        },
    }
}

/// `PUT …/{job_id}` with the new description.
pub fn edit_request(api_base: &str, project_id: &str, job_id: &str, desc: &str) -> ChangeRequest {
    ChangeRequest {
        method: "PUT",
        url: detail_url(api_base, project_id, job_id),
        body: Some({
            let mut body = Object::new();
            body.insert("job_desc", Value::from(desc));
            Value::Object(body).to_json()
        }),
    }
}

/// The create form's values as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreateForm {
    pub name: String,
    pub desc: String,
    pub train_url: String,
    /// `tensorboard` or `mindinsight`.
    pub job_type: String,
    /// Auto-stop after this many hours; empty for none.
    pub hours: String,
}

/// A field of the create form, named by its `data-testid`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Desc,
    TrainUrl,
    Type,
    Hours,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Name,
        Field::Desc,
        Field::TrainUrl,
        Field::Type,
        Field::Hours,
    ];

    pub fn testid(self) -> &'static str {
        match self {
            Field::Name => "create-name",
            Field::Desc => "create-desc",
            Field::TrainUrl => "create-train-url",
            Field::Type => "create-type",
            Field::Hours => "create-hours",
        }
    }
}

pub const MAX_NAME_CHARS: usize = 20;
pub const MAX_DESC_CHARS: usize = 256;
pub const MAX_STOP_HOURS: i64 = 24;

/// Characters as the server counts them (Unicode scalar values, as Java's and Python's
/// services count them for CJK text; emoji count once).
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

pub fn check_name(name: &str) -> Result<(), Msg> {
    if name.is_empty() {
        Err(Msg::FieldNameEmpty)
    } else if char_count(name) > MAX_NAME_CHARS {
        Err(Msg::FieldNameLong)
    } else if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        Err(Msg::FieldNameChars)
    } else {
        Ok(())
    }
}

pub fn check_desc(desc: &str) -> Result<(), Msg> {
    if char_count(desc) > MAX_DESC_CHARS {
        Err(Msg::FieldDescLong)
    } else {
        Ok(())
    }
}

/// An OBS path such as `/bucket/dir/` (or `obs://bucket/dir/`).
pub fn check_train_url(url: &str) -> Result<(), Msg> {
    let url = url.trim();
    let path = url.strip_prefix("obs://").map_or(url, |rest| rest);
    if url.is_empty() {
        Err(Msg::FieldTrainUrlEmpty)
    } else if !(url.starts_with('/') || url.starts_with("obs://"))
        || path.trim_matches('/').is_empty()
        || url.chars().any(char::is_whitespace)
    {
        Err(Msg::FieldTrainUrlShape)
    } else {
        Ok(())
    }
}

pub fn check_type(job_type: &str) -> Result<(), Msg> {
    match job_type {
        "tensorboard" | "mindinsight" => Ok(()),
        _ => Err(Msg::FieldType),
    }
}

/// Hours before the automatic stop: empty for none, else a whole number 1–24.
pub fn check_hours(hours: &str) -> Result<Option<i64>, Msg> {
    let hours = hours.trim();
    if hours.is_empty() {
        return Ok(None);
    }
    match parse_whole(hours) {
        Some(h) if (1..=MAX_STOP_HOURS).contains(&h) => Ok(Some(h)),
        _ => Err(Msg::FieldHours),
    }
}

impl CreateForm {
    /// Every field's problem, in form order (empty when the form can be sent).
    pub fn problems(&self) -> Vec<(Field, Msg)> {
        let results = [
            (Field::Name, check_name(&self.name)),
            (Field::Desc, check_desc(&self.desc)),
            (Field::TrainUrl, check_train_url(&self.train_url)),
            (Field::Type, check_type(&self.job_type)),
            (Field::Hours, check_hours(&self.hours).map(|_| ())),
        ];
        results
            .into_iter()
            .filter_map(|(field, r)| r.err().map(|m| (field, m)))
            .collect()
    }
}

/// The create request, or the form's problems.
pub fn create_request(
    api_base: &str,
    project_id: &str,
    form: &CreateForm,
) -> Result<ChangeRequest, Vec<(Field, Msg)>> {
    let problems = form.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut body = Object::new();
    body.insert("job_name", Value::from(form.name.as_str()));
    body.insert("job_desc", Value::from(form.desc.as_str()));
    body.insert("train_url", Value::from(form.train_url.trim()));
    body.insert("job_type", Value::from(form.job_type.as_str()));
    if let Ok(Some(hours)) = check_hours(&form.hours) {
        // The docs' sample sends an array of schedules; the table calls it an object.
        let mut stop = Object::new();
        stop.insert("type", Value::from("stop"));
        stop.insert("time_unit", Value::from("HOURS"));
        stop.insert("duration", Value::from(hours));
        body.insert("schedule", Value::Array(vec![Value::Object(stop)]));
    }
    Ok(ChangeRequest {
        method: "POST",
        url: jobs_url(api_base, project_id),
        body: Some(Value::Object(body).to_json()),
    })
}

/// Where a server refusal of a create belongs: a field, or the whole form.
pub fn refusal_field(error: &ApiError) -> Option<Field> {
    let code = error.code()?;
    if code == "ModelArts.0103" {
        return Some(Field::Name);
    }
    if code != "ModelArts.0104" {
        return None;
    }
    // A bad parameter names its field in the message, when it does.
    let message = error.server_message()?.to_ascii_lowercase();
    [
        ("job_name", Field::Name),
        ("job_desc", Field::Desc),
        ("train_url", Field::TrainUrl),
        ("job_type", Field::Type),
        ("schedule", Field::Hours),
        ("duration", Field::Hours),
    ]
    .into_iter()
    .find(|(name, _)| substring::contains(&message, name))
    .map(|(_, field)| field)
}

/// What a change's answer said: accepted (with the new job's ID for a create), or why not.
pub fn parse_change_response(http_status: u16, body: &str) -> Result<Option<String>, ApiError> {
    let top = crate::api::model::parse_envelope(http_status, body, true)?;
    Ok(id_field(&top, "job_id"))
}

/// A refusal because the gateway passes no changes: a 403, 404 or 405 on a change
/// that is not ModelArts' own answer (no ModelArts error code).
pub fn is_gateway_read_only(error: &ApiError) -> bool {
    matches!(error, ApiError::Http { http_status: 403..=405, code, .. }
        if !code.as_deref().is_some_and(|c| c.starts_with("ModelArts.")))
}

/// The status a `ModelArts.0105` refusal names ("… job status: 10"), if it does.
pub fn refused_in_status(error: &ApiError) -> Option<i64> {
    if error.code() != Some("ModelArts.0105") {
        return None;
    }
    let message = error.server_message()?;
    let tail = &message[substring::rfind(message, "status:")? + "status:".len()..];
    parse_whole(tail.trim().trim_end_matches('.'))
}

/// An accepted action not yet shown in the job's status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub job_id: String,
    pub job_name: String,
    pub verb: Verb,
    /// When it was accepted (epoch ms).
    pub since: i64,
    /// The job has been seen in a status other than the one it had when asked
    /// (so a final status now is the outcome, not the old state).
    pub moved: bool,
    pub status_then: Option<i64>,
}

/// How an accepted action ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    Done,
    /// The job ended in a failed status instead.
    Failed(i64),
    /// Gave up watching: the status did not show the outcome in time.
    TimedOut,
}

/// How long the page watches for an outcome before it says it stopped watching.
pub const WATCH_MS: i64 = 15 * 60 * 1000;

impl Pending {
    /// What this job's entry in a fresh list says about the action (`None`: not yet).
    /// `job` is `None` when the job is not in the list.
    pub fn resolve(&mut self, job: Option<&Job>, now: i64) -> Option<Resolution> {
        let status = job.and_then(|j| j.status);
        if job.is_some() && status != self.status_then {
            self.moved = true;
        }
        let resolution = match (self.verb, job) {
            (Verb::Delete, None) => Some(Resolution::Done),
            (Verb::Delete, Some(_)) => None,
            (_, None) => None,
            (Verb::Stop, Some(_)) => status
                .filter(|&s| status_kind(s).is_final() && (self.moved || s != RUNNING))
                .map(|_| Resolution::Done),
            (Verb::Restart | Verb::Create, Some(_)) => match status {
                Some(RUNNING) => Some(Resolution::Done),
                Some(s) if self.moved && status_kind(s) == StatusKind::Failed => {
                    Some(Resolution::Failed(s))
                }
                _ => None,
            },
        };
        resolution.or_else(|| (now - self.since > WATCH_MS).then_some(Resolution::TimedOut))
    }
}

/// The wait before the next follow-up fetch, `elapsed_ms` after the action was accepted:
/// soon at first, then less often.
pub fn follow_up_delay_ms(elapsed_ms: i64) -> u32 {
    match elapsed_ms {
        ..=5_000 => 1_000,
        5_001..=20_000 => 2_000,
        20_001..=60_000 => 5_000,
        _ => 10_000,
    }
}

/// The jobs on `page` that the list shows for `query` — used to pick the jobs a bulk
/// action applies to: only the selected ones that allow it.
pub fn applicable<'a>(verb: Verb, jobs: impl IntoIterator<Item = &'a Job>) -> Vec<&'a Job> {
    jobs.into_iter().filter(|j| allowed_for(verb, j)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(id: &str, status: Option<i64>) -> Job {
        Job {
            job_id: Some(id.into()),
            row_key: id.into(),
            status,
            ..Job::default()
        }
    }

    #[test]
    fn the_table_of_allowed_actions() {
        for code in 0..=22 {
            let stop = [1, 2, 4, 7, 8, 15, 18, 19].contains(&code);
            let restart = [3, 5, 6, 10, 11, 12, 13, 14, 16, 17, 20, 21, 22].contains(&code);
            assert_eq!(allowed(Verb::Stop, Some(code)), stop, "stop {code}");
            assert_eq!(
                allowed(Verb::Restart, Some(code)),
                restart,
                "restart {code}"
            );
            assert_eq!(
                allowed(Verb::Delete, Some(code)),
                code != 9,
                "delete {code}"
            );
        }
        for verb in [Verb::Stop, Verb::Restart] {
            assert!(!allowed(verb, Some(99)));
            assert!(!allowed(verb, None));
        }
        assert!(allowed(Verb::Delete, Some(99)));
        assert!(!allowed_for(Verb::Delete, &Job::default()));
    }

    #[test]
    fn requests_name_the_job_in_the_path() {
        let stop = action_request(Verb::Stop, "/api/", "p 1", "9007199254740993");
        assert_eq!(stop.method, "POST");
        assert_eq!(
            stop.url,
            "/api/v1/p%201/visualization-jobs/9007199254740993/stop"
        );
        assert_eq!(
            action_request(Verb::Restart, "", "p", "7").url,
            "/v1/p/visualization-jobs/7/restart"
        );
        let delete = action_request(Verb::Delete, "", "p", "7");
        assert_eq!(
            (delete.method, delete.url.as_str()),
            ("DELETE", "/v1/p/visualization-jobs/7")
        );
        let edit = edit_request("", "p", "7", "say \"hi\"");
        assert_eq!(edit.method, "PUT");
        assert_eq!(edit.body.as_deref(), Some(r#"{"job_desc":"say \"hi\""}"#));
        assert_eq!(detail_url("", "p", "a/b"), "/v1/p/visualization-jobs/a%2Fb");
    }

    fn form() -> CreateForm {
        CreateForm {
            name: "tb-resnet50".into(),
            desc: "loss curves".into(),
            train_url: "/my-bucket/resnet/output/".into(),
            job_type: "tensorboard".into(),
            hours: "4".into(),
        }
    }

    #[test]
    fn a_valid_form_makes_the_documented_body() {
        let request = create_request("", "p", &form()).unwrap();
        assert_eq!(
            (request.method, request.url.as_str()),
            ("POST", "/v1/p/visualization-jobs")
        );
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"job_name": "tb-resnet50", "job_desc": "loss curves",
                   "train_url": "/my-bucket/resnet/output/", "job_type": "tensorboard",
                   "schedule": [{"type": "stop", "time_unit": "HOURS", "duration": 4}]})
        );
        let no_stop = CreateForm {
            hours: String::new(),
            ..form()
        };
        let body: serde_json::Value = serde_json::from_str(
            create_request("", "p", &no_stop)
                .unwrap()
                .body
                .as_deref()
                .unwrap(),
        )
        .unwrap();
        assert!(body.get("schedule").is_none());
    }

    #[test]
    fn each_field_says_what_is_wrong() {
        let bad = CreateForm {
            name: "has space".into(),
            desc: "字".repeat(257),
            train_url: "bucket/dir".into(),
            job_type: "jupyter".into(),
            hours: "25".into(),
        };
        assert_eq!(
            bad.problems(),
            [
                (Field::Name, Msg::FieldNameChars),
                (Field::Desc, Msg::FieldDescLong),
                (Field::TrainUrl, Msg::FieldTrainUrlShape),
                (Field::Type, Msg::FieldType),
                (Field::Hours, Msg::FieldHours),
            ]
        );
        assert_eq!(check_name(""), Err(Msg::FieldNameEmpty));
        assert_eq!(check_name(&"a".repeat(21)), Err(Msg::FieldNameLong));
        assert_eq!(check_name(&"a".repeat(20)), Ok(()));
        assert_eq!(check_desc(&"字".repeat(256)), Ok(()));
        assert_eq!(check_train_url(""), Err(Msg::FieldTrainUrlEmpty));
        assert_eq!(check_train_url("/"), Err(Msg::FieldTrainUrlShape));
        assert_eq!(check_train_url("obs://bucket/logs/"), Ok(()));
        assert_eq!(check_hours(""), Ok(None));
        assert_eq!(check_hours("24"), Ok(Some(24)));
        assert_eq!(check_hours("0"), Err(Msg::FieldHours));
        assert_eq!(check_hours("1.5"), Err(Msg::FieldHours));
    }

    fn refusal(code: &str, message: &str) -> ApiError {
        ApiError::Http {
            http_status: 400,
            code: Some(code.into()),
            message: Some(message.into()),
            html: false,
            json: true,
            excerpt: String::new(),
        }
    }

    #[test]
    fn server_refusals_find_their_field() {
        assert_eq!(
            refusal_field(&refusal("ModelArts.0103", "duplicate job name")),
            Some(Field::Name)
        );
        assert_eq!(
            refusal_field(&refusal(
                "ModelArts.0104",
                "invalid parameter: train_url is empty"
            )),
            Some(Field::TrainUrl)
        );
        assert_eq!(
            refusal_field(&refusal("ModelArts.0104", "invalid parameter")),
            None
        );
        assert_eq!(refusal_field(&refusal("ModelArts.0106", "quota")), None);
    }

    #[test]
    fn answers_read_as_accepted_or_refused() {
        assert_eq!(
            parse_change_response(200, r#"{"is_success":true}"#),
            Ok(None)
        );
        assert_eq!(
            parse_change_response(200, r#"{"is_success":true,"job_id":"4213","status":"1"}"#),
            Ok(Some("4213".into()))
        );
        let refused = parse_change_response(
            400,
            r#"{"is_success":false,"error_code":"ModelArts.0105","error_message":"This job can't be stop. job status: 10"}"#,
        )
        .unwrap_err();
        assert_eq!(refused_in_status(&refused), Some(10));
        assert!(!is_gateway_read_only(&refused));
        let gateway = parse_change_response(405, "<html>405 Not Allowed</html>").unwrap_err();
        assert!(is_gateway_read_only(&gateway));
        let forbidden = parse_change_response(403, r#"{"message":"forbidden"}"#).unwrap_err();
        assert!(is_gateway_read_only(&forbidden));
        // an empty 200 is accepted too (the docs give no body for some answers)
        assert!(parse_change_response(200, "").is_ok());
    }

    #[test]
    fn a_stop_is_done_when_the_job_reaches_a_final_status() {
        let mut p = Pending {
            job_id: "1".into(),
            job_name: "a".into(),
            verb: Verb::Stop,
            since: 0,
            moved: false,
            status_then: Some(8),
        };
        assert_eq!(p.resolve(Some(&job("1", Some(8))), 10), None);
        assert_eq!(p.resolve(Some(&job("1", Some(9))), 20), None);
        assert_eq!(
            p.resolve(Some(&job("1", Some(12))), 30),
            Some(Resolution::Done)
        );
        // not on this page: no verdict, until the watch runs out
        assert_eq!(p.resolve(None, 40), None);
        assert_eq!(p.resolve(None, WATCH_MS + 1), Some(Resolution::TimedOut));
    }

    #[test]
    fn a_restart_is_done_when_running_and_failed_when_it_fails_after_moving() {
        let mut p = Pending {
            job_id: "1".into(),
            job_name: "a".into(),
            verb: Verb::Restart,
            since: 0,
            moved: false,
            status_then: Some(11),
        };
        // still the old failed status: the server has not moved yet
        assert_eq!(p.resolve(Some(&job("1", Some(11))), 10), None);
        assert_eq!(p.resolve(Some(&job("1", Some(1))), 20), None);
        assert_eq!(
            p.resolve(Some(&job("1", Some(5))), 30),
            Some(Resolution::Failed(5))
        );
        let mut ok = Pending {
            moved: false,
            ..p.clone()
        };
        assert_eq!(
            ok.resolve(Some(&job("1", Some(8))), 30),
            Some(Resolution::Done)
        );
    }

    #[test]
    fn a_delete_is_done_when_the_job_is_gone() {
        let mut p = Pending {
            job_id: "1".into(),
            job_name: "a".into(),
            verb: Verb::Delete,
            since: 0,
            moved: false,
            status_then: Some(10),
        };
        assert_eq!(p.resolve(Some(&job("1", Some(10))), 10), None);
        assert_eq!(p.resolve(None, 20), Some(Resolution::Done));
    }

    #[test]
    fn follow_ups_start_soon_and_slow_down() {
        let delays: Vec<u32> = [0, 5_000, 6_000, 30_000, 120_000]
            .into_iter()
            .map(follow_up_delay_ms)
            .collect();
        assert_eq!(delays, [1_000, 1_000, 2_000, 5_000, 10_000]);
        assert!(delays.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn bulk_actions_apply_to_the_jobs_that_allow_them() {
        let jobs = [job("1", Some(8)), job("2", Some(10)), job("3", Some(9))];
        let ids = |v: Vec<&Job>| v.iter().map(|j| j.row_key.clone()).collect::<Vec<_>>();
        assert_eq!(ids(applicable(Verb::Stop, &jobs)), ["1"]);
        assert_eq!(ids(applicable(Verb::Delete, &jobs)), ["1", "2"]);
    }
}
