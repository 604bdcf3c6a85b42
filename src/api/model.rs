//! The list response, read leniently from whatever JSON the API (or a gateway) sent.
//! Every job field is optional and may arrive as a number or a string; IDs keep the
//! exact digits sent (`json::Number`), never passing through `f64`.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use super::error::ApiError;
use crate::{
    cat,
    i18n::Msg,
    json::{self, Object, Streamed, Value},
    row_keys::{clear_slots, probe, EMPTY},
    text::parse_whole,
};

/// One visualization job as far as the response described it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Job {
    /// Exactly the ID the API sent (digits of a number, or the string).
    pub job_id: Option<String>,
    /// Unique within a page, for keyed rendering (the ID, or a stand-in when absent/repeated).
    pub row_key: String,
    pub job_name: Option<String>,
    pub status: Option<i64>,
    pub create_time_ms: Option<i64>,
    pub duration_ms: Option<i64>,
    pub job_desc: Option<String>,
    pub service_url: Option<String>,
    pub train_url: Option<String>,
    pub resource_id: Option<String>,
    pub schedule: Vec<Schedule>,
    pub remaining_duration: Option<i64>,
    /// `tensorboard` or `mindinsight`; only some answers carry it.
    pub job_type: Option<String>,
}

impl Job {
    /// Whether `other` says the same of the job as this, apart from the two figures
    /// that move while it runs (its duration and the time left): the page's clock
    /// moves those on between answers, so they alone need no rebuilt view.
    pub fn same_but_live_figures(&self, other: &Job) -> bool {
        // Field by field (no clone): a field added to `Job` must be added here too,
        // which the destructuring enforces.
        let Job {
            job_id,
            row_key,
            job_name,
            status,
            create_time_ms,
            duration_ms: _,
            job_desc,
            service_url,
            train_url,
            resource_id,
            schedule,
            remaining_duration: _,
            job_type,
        } = self;
        *job_id == other.job_id
            && *row_key == other.row_key
            && *job_name == other.job_name
            && *status == other.status
            && *create_time_ms == other.create_time_ms
            && *job_desc == other.job_desc
            && *service_url == other.service_url
            && *train_url == other.train_url
            && *resource_id == other.resource_id
            && *schedule == other.schedule
            && *job_type == other.job_type
    }
}

/// An automatic action, e.g. stop after 1 HOURS.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Schedule {
    pub kind: Option<String>,
    pub time_unit: Option<String>,
    pub duration: Option<i64>,
}

/// One page of the list, with the figures around it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListPage {
    pub jobs: Vec<Job>,
    pub job_total_count: Option<u64>,
    pub job_count_limit: Option<i64>,
    pub quotas: Option<i64>,
    /// Entries of `jobs` that were not objects at all (reported, never silently lost).
    pub skipped_entries: usize,
}

thread_local! {
    /// The job list of the last page dropped, emptied, for the next answer to fill. With
    /// 1,000 jobs it is a 176 KB block; a new one for each refresh was often found only
    /// by growing the wasm memory, once small blocks had settled in the old one's place.
    static SPARE_JOBS: std::cell::Cell<Vec<Job>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Drop for ListPage {
    fn drop(&mut self) {
        let mut jobs = std::mem::take(&mut self.jobs);
        jobs.clear();
        SPARE_JOBS.with(|spare| {
            let kept = spare.take();
            spare.set(if jobs.capacity() >= kept.capacity() {
                jobs
            } else {
                kept
            });
        });
    }
}

/// How much of an unexpected body an error keeps for its details.
pub const EXCERPT_CHARS: usize = 300;

pub fn excerpt(body: &str) -> String {
    let trimmed = body.trim();
    match trimmed.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => cat!(&trimmed[..cut], "…"),
        None => trimmed.to_string(),
    }
}

/// Reads the ModelArts envelope of any answer: the top-level object of a success, or a
/// typed error for a refusal (`is_success: false`, an error status) or a body that is
/// not a JSON object. `empty_ok`: an empty 2xx body counts as an empty success (the
/// change endpoints document no body for some answers).
pub fn parse_envelope(
    http_status: u16,
    body: &str,
    empty_ok: bool,
) -> Result<Object<'_>, ApiError> {
    read_envelope(http_status, body, empty_ok, None)
}

/// [`parse_envelope`], with the top-level member `stream.0` streamed to `stream.1` when
/// it is an array ([`json::parse_streaming`]).
fn read_envelope<'a>(
    http_status: u16,
    body: &'a str,
    empty_ok: bool,
    stream: Option<(&str, &mut dyn FnMut(Streamed<'a>))>,
) -> Result<Object<'a>, ApiError> {
    let ok_status = (200..300).contains(&http_status);
    if ok_status && empty_ok && body.trim().is_empty() {
        return Ok(Object::new());
    }
    let parsed = match stream {
        Some((key, each)) => json::parse_streaming(body, key, each),
        None => json::parse(body),
    };
    let value = match parsed {
        Ok(v) => v,
        Err(_) => {
            return Err(if ok_status {
                ApiError::NotJobList {
                    http_status,
                    what: if body.trim().is_empty() {
                        Msg::BodyEmpty
                    } else if looks_like_html(body) {
                        Msg::BodyHtml
                    } else {
                        Msg::BodyNotJson
                    },
                    excerpt: excerpt(body),
                }
            } else {
                ApiError::Http {
                    http_status,
                    code: None,
                    message: None,
                    html: looks_like_html(body),
                    json: false,
                    excerpt: excerpt(body),
                }
            })
        }
    };
    let Value::Object(top) = value else {
        return Err(if ok_status {
            ApiError::NotJobList {
                http_status,
                what: describe_json_kind(&value),
                excerpt: excerpt(body),
            }
        } else {
            ApiError::Http {
                http_status,
                code: None,
                message: None,
                html: false,
                json: true,
                excerpt: excerpt(body),
            }
        });
    };

    let code = text_field(&top, "error_code");
    let message = text_field(&top, "error_message").or_else(|| text_field(&top, "error_msg"));
    let refused = matches!(top.get("is_success"), Some(Value::Bool(false)))
        || matches!(top.get("is_success"), Some(Value::String(s)) if s.eq_ignore_ascii_case("false"));
    if !ok_status || refused {
        return Err(ApiError::Http {
            http_status,
            code,
            message,
            html: false,
            json: true,
            excerpt: excerpt(body),
        });
    }
    Ok(top)
}

/// One job's details: a flat object, the job's fields beside the envelope.
pub fn parse_detail_response(http_status: u16, body: &str) -> Result<Job, ApiError> {
    let top = parse_envelope(http_status, body, false)?;
    let mut job = job_from_fields(&top);
    job.row_key = job.job_id.clone().unwrap_or_default();
    Ok(job)
}

/// Turns an HTTP answer into a page of jobs or a typed error.
pub fn parse_list_response(http_status: u16, body: &str) -> Result<ListPage, ApiError> {
    // Each job is read into a `Job` as soon as its JSON is parsed, so the answer's jobs
    // are never all held as JSON values at once.
    let mut jobs = SPARE_JOBS.with(std::cell::Cell::take);
    let mut skipped_entries = 0;
    let mut each = |streamed: Streamed| match streamed {
        Streamed::Start => {
            jobs.clear();
            skipped_entries = 0;
        }
        Streamed::Item(Value::Object(fields)) => jobs.push(job_from_fields(&fields)),
        Streamed::Item(_) => skipped_entries += 1,
    };
    let top = read_envelope(http_status, body, false, Some(("jobs", &mut each)))?;

    match top.get("jobs") {
        // Streamed above (the last `jobs` wins, and `Start` dropped earlier ones).
        Some(Value::Array(_)) => {}
        // A successful answer without a list (absent or null) is an empty list:
        // ModelArts leaves `jobs` out when nothing matches.
        None | Some(Value::Null) => {
            jobs.clear();
            skipped_entries = 0;
        }
        Some(_) => {
            return Err(ApiError::NotJobList {
                http_status,
                what: Msg::BodyJobsNotArray,
                excerpt: excerpt(body),
            })
        }
    }

    let mut page = ListPage {
        job_total_count: integer_field(&top, "job_total_count").and_then(|n| u64::try_from(n).ok()),
        job_count_limit: integer_field(&top, "job_count_limit"),
        quotas: integer_field(&top, "quotas"),
        jobs,
        skipped_entries,
    };
    assign_row_keys(&mut page.jobs);
    Ok(page)
}

fn looks_like_html(body: &str) -> bool {
    let start = body.trim_start();
    start.starts_with('<')
}

fn describe_json_kind(value: &Value) -> Msg {
    match value {
        Value::Null => Msg::BodyNull,
        Value::Bool(_) => Msg::BodyBool,
        Value::Number(_) => Msg::BodyNumber,
        Value::String(s) if s.is_empty() => Msg::BodyEmptyString,
        Value::String(_) => Msg::BodyString,
        Value::Array(_) => Msg::BodyArray,
        Value::Object(_) => Msg::BodyNoJobs,
    }
}

fn job_from_fields(fields: &Object) -> Job {
    Job {
        job_id: id_field(fields, "job_id"),
        row_key: String::new(),
        job_name: text_field(fields, "job_name"),
        status: integer_field(fields, "status"),
        create_time_ms: integer_field(fields, "create_time"),
        duration_ms: integer_field(fields, "duration"),
        job_desc: text_field(fields, "job_desc"),
        service_url: text_field(fields, "service_url"),
        train_url: text_field(fields, "train_url"),
        resource_id: text_field(fields, "resource_id"),
        schedule: match fields.get("schedule") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_object)
                .map(schedule_from_fields)
                .collect(),
            // The create call's table calls it an object: read a lone one too.
            Some(Value::Object(s)) => vec![schedule_from_fields(s)],
            _ => Vec::new(),
        },
        remaining_duration: integer_field(fields, "remaining_duration"),
        job_type: text_field(fields, "job_type"),
    }
}

fn schedule_from_fields(s: &Object) -> Schedule {
    Schedule {
        kind: text_field(s, "type"),
        time_unit: text_field(s, "timeUnit").or_else(|| text_field(s, "time_unit")),
        duration: integer_field(s, "duration"),
    }
}

/// Row keys must be unique for keyed rendering: a missing ID gets a stand-in, and a key
/// already given gets the entry's index as a suffix (then a count, should a sent ID
/// already look like that).
///
/// The keys given so far are found through an index table of the jobs by the key's
/// hash (`row_keys::probe`).
fn assign_row_keys(jobs: &mut [Job]) {
    let mut given = Vec::new();
    let mask = clear_slots(&mut given, jobs.len());
    for index in 0..jobs.len() {
        let base = jobs[index]
            .job_id
            .clone()
            .unwrap_or_else(|| cat!("(no id)#", index));
        let mut key = base.clone();
        let mut attempt = 0;
        loop {
            let mut hasher = FxHasher::default();
            key.hash(&mut hasher);
            let at = probe(&given, mask, hasher.finish(), |other| {
                jobs[other as usize].row_key == key
            });
            if given[at] == EMPTY {
                given[at] = index as u32;
                break;
            }
            attempt += 1;
            key = match attempt {
                1 => cat!(base, '#', index),
                n => cat!(base, '#', index, '#', n),
            };
        }
        jobs[index].row_key = key;
    }
}

/// An ID as the exact digits (number) or the trimmed string; other shapes are absent.
pub(crate) fn id_field(fields: &Object, key: &str) -> Option<String> {
    match fields.get(key)? {
        Value::Number(n) => Some(n.as_str().to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// Text, also when sent as a number or boolean; null and containers are absent.
fn text_field(fields: &Object, key: &str) -> Option<String> {
    match fields.get(key)? {
        Value::String(s) => Some(s.to_string()),
        Value::Number(n) => Some(n.as_str().to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A whole number from an integer, a float (truncated) or a numeric string.
fn integer_field(fields: &Object, key: &str) -> Option<i64> {
    match fields.get(key)? {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64)),
        Value::String(s) => {
            let s = s.trim();
            // Other numbers in JSON's grammar ("1.5e12"), read as the reader reads them.
            parse_whole(s).or_else(|| {
                json::parse(s)
                    .ok()?
                    .as_f64()
                    .filter(|f| f.is_finite())
                    .map(|f| f as i64)
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_duration_and_the_time_left_may_move_between_equal_answers() {
        let before = Job {
            job_id: Some("1".into()),
            status: Some(8),
            duration_ms: Some(60_000),
            remaining_duration: Some(600),
            ..Job::default()
        };
        let later = Job {
            duration_ms: Some(90_000),
            remaining_duration: Some(570),
            ..before.clone()
        };
        assert!(before.same_but_live_figures(&later));
        let stopped = Job {
            status: Some(10),
            ..later.clone()
        };
        assert!(!before.same_but_live_figures(&stopped));
        let renamed = Job {
            job_desc: Some("new".into()),
            ..later
        };
        assert!(!before.same_but_live_figures(&renamed));
    }

    const DOC_EXAMPLE: &str = r#"{
      "quotas": 100, "is_success": true, "job_total_count": 1, "job_count_limit": 999,
      "jobs": [{
          "job_id": 1, "job_name": "visualization-job", "status": 1,
          "create_time": 15099239923, "resource_id": "4787c885-e18d-4ef1-aa12-c4ed0c364b27",
          "duration": 1502323, "job_desc": "This is a visualization job",
          "service_url": "https://console.huaweicloud.com/modelarts/tensoarbod/xxxx/111",
          "train_url": "/obs/name/",
          "schedule": [ { "type": "stop", "timeUnit": "HOURS", "duration": 1 } ],
          "remaining_duration": null
      }]
    }"#;

    #[test]
    fn reads_the_documents_own_example() {
        let page = parse_list_response(200, DOC_EXAMPLE).unwrap();
        assert_eq!(page.quotas, Some(100));
        assert_eq!(page.job_total_count, Some(1));
        assert_eq!(page.job_count_limit, Some(999));
        let job = &page.jobs[0];
        assert_eq!(job.job_id.as_deref(), Some("1"));
        assert_eq!(job.row_key, "1");
        assert_eq!(job.job_name.as_deref(), Some("visualization-job"));
        assert_eq!(job.status, Some(1));
        assert_eq!(job.create_time_ms, Some(15099239923));
        assert_eq!(job.duration_ms, Some(1502323));
        assert_eq!(job.train_url.as_deref(), Some("/obs/name/"));
        assert_eq!(
            job.schedule,
            [Schedule {
                kind: Some("stop".into()),
                time_unit: Some("HOURS".into()),
                duration: Some(1)
            }]
        );
        assert_eq!(job.remaining_duration, None);
    }

    #[test]
    fn ids_beyond_two_to_the_53_keep_their_exact_digits() {
        let body = r#"{"is_success":true,"jobs":[{"job_id":9007199254740993},{"job_id":"9007199254740995"},{"job_id":123456789012345678901234567890}]}"#;
        let page = parse_list_response(200, body).unwrap();
        let ids: Vec<_> = page
            .jobs
            .iter()
            .map(|j| j.job_id.clone().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "9007199254740993",
                "9007199254740995",
                "123456789012345678901234567890"
            ]
        );
    }

    #[test]
    fn drifting_field_types_are_read() {
        let body = r#"{"is_success":true,"job_total_count":"42","jobs":[{
            "job_id":"7","status":"8","create_time":1.7e12,"duration":"1500.9",
            "remaining_duration":30.5,"schedule":[{"type":"stop","time_unit":"MINUTES","duration":"5"}],
            "job_name":12,"unknown_field":{"deep":[1,2]}
        }]}"#;
        let page = parse_list_response(200, body).unwrap();
        assert_eq!(page.job_total_count, Some(42));
        let job = &page.jobs[0];
        assert_eq!(job.status, Some(8));
        assert_eq!(job.create_time_ms, Some(1_700_000_000_000));
        assert_eq!(job.duration_ms, Some(1500));
        assert_eq!(job.remaining_duration, Some(30));
        assert_eq!(job.schedule[0].time_unit.as_deref(), Some("MINUTES"));
        assert_eq!(job.schedule[0].duration, Some(5));
        assert_eq!(job.job_name.as_deref(), Some("12"));
    }

    #[test]
    fn numeric_strings_are_read_in_json_number_grammar() {
        let field = |text: &str| {
            let body = format!(r#"{{"jobs":[{{"duration":"{text}"}}]}}"#);
            parse_list_response(200, &body).unwrap().jobs[0].duration_ms
        };
        assert_eq!(field(" 1.5e3 "), Some(1500));
        assert_eq!(field("+7"), Some(7), "as an integer");
        assert_eq!(field("-2.9"), Some(-2));
        for unread in ["abc", "1e400", "5.", ".5", "0x10", "NaN", ""] {
            assert_eq!(field(unread), None, "{unread:?}");
        }
    }

    #[test]
    fn missing_and_null_fields_keep_the_row() {
        let body = r#"{"jobs":[{},{"job_id":null,"job_name":null,"status":null},{"job_id":5}]}"#;
        let page = parse_list_response(200, body).unwrap();
        assert_eq!(page.jobs.len(), 3);
        assert_eq!(
            page.jobs[0],
            Job {
                row_key: "(no id)#0".into(),
                ..Job::default()
            }
        );
        assert_eq!(page.jobs[1].row_key, "(no id)#1");
        assert_eq!(page.job_total_count, None);
    }

    #[test]
    fn the_last_jobs_member_wins_as_for_any_repeated_key() {
        let ids = |body: &str| -> Vec<String> {
            let page = parse_list_response(200, body).unwrap();
            page.jobs
                .iter()
                .map(|j| j.job_id.clone().unwrap_or_default())
                .collect()
        };
        assert_eq!(
            ids(r#"{"jobs":[{"job_id":1}],"jobs":[{"job_id":2},{"job_id":3}]}"#),
            ["2", "3"]
        );
        assert!(ids(r#"{"jobs":[{"job_id":1}],"jobs":null}"#).is_empty());
        assert_eq!(ids(r#"{"jobs":null,"jobs":[{"job_id":4}]}"#), ["4"]);
        let page = parse_list_response(200, r#"{"jobs":[1,2],"jobs":[{"job_id":5},"x"]}"#);
        assert_eq!(page.unwrap().skipped_entries, 1);
        assert!(matches!(
            parse_list_response(200, r#"{"jobs":[{"job_id":1}],"jobs":"x"}"#),
            Err(ApiError::NotJobList { .. })
        ));
        // Jobs read before a refusal in the same answer are dropped with it.
        assert!(matches!(
            parse_list_response(200, r#"{"jobs":[{"job_id":1}],"is_success":false}"#),
            Err(ApiError::Http { .. })
        ));
    }

    #[test]
    fn a_dropped_page_lends_its_job_list_to_the_next_answer_and_nothing_else() {
        let body = |ids: &[u32]| {
            let jobs: Vec<String> = ids.iter().map(|i| format!(r#"{{"job_id":{i}}}"#)).collect();
            format!(r#"{{"jobs":[{}]}}"#, jobs.join(","))
        };
        let first = parse_list_response(200, &body(&[1, 2, 3, 4, 5])).unwrap();
        let capacity = first.jobs.capacity();
        drop(first);
        let second = parse_list_response(200, &body(&[6])).unwrap();
        assert_eq!(second.jobs.len(), 1);
        assert_eq!(second.jobs[0].job_id.as_deref(), Some("6"));
        assert!(second.jobs.capacity() >= capacity);
        // The list in use is nobody else's: the next answer gets a list of its own.
        let third = parse_list_response(200, &body(&[7, 8])).unwrap();
        assert_eq!(second.jobs[0].job_id.as_deref(), Some("6"));
        assert_eq!(third.jobs.len(), 2);
    }

    #[test]
    fn repeated_ids_get_unique_row_keys() {
        let body = r#"{"jobs":[{"job_id":5},{"job_id":"5"},{"job_id":5}]}"#;
        let page = parse_list_response(200, body).unwrap();
        let keys: Vec<_> = page.jobs.iter().map(|j| j.row_key.as_str()).collect();
        assert_eq!(keys, ["5", "5#1", "5#2"]);
    }

    #[test]
    fn a_sent_id_that_looks_like_a_suffixed_key_stays_unique() {
        let body =
            r#"{"jobs":[{"job_id":"5"},{"job_id":"5"},{"job_id":"5#1"},{"job_id":"5#1"},{}]}"#;
        let page = parse_list_response(200, body).unwrap();
        let keys: Vec<_> = page.jobs.iter().map(|j| j.row_key.as_str()).collect();
        assert_eq!(keys, ["5", "5#1", "5#1#2", "5#1#3", "(no id)#4"]);
        // The next answer starts afresh.
        let page =
            parse_list_response(200, r#"{"jobs":[{"job_id":"5#1"},{"job_id":"5"}]}"#).unwrap();
        let keys: Vec<_> = page.jobs.iter().map(|j| j.row_key.as_str()).collect();
        assert_eq!(keys, ["5#1", "5"]);
    }

    #[test]
    fn non_object_entries_are_counted_not_hidden() {
        let page = parse_list_response(200, r#"{"jobs":[1,"x",null,{"job_id":2}]}"#).unwrap();
        assert_eq!(page.jobs.len(), 1);
        assert_eq!(page.skipped_entries, 3);
    }

    #[test]
    fn a_success_without_a_list_is_an_empty_list() {
        for body in [
            r#"{"is_success": true, "job_total_count": 0}"#,
            r#"{"is_success": true, "job_total_count": 0, "jobs": null}"#,
            r#"{}"#,
        ] {
            let page = parse_list_response(200, body).unwrap();
            assert!(page.jobs.is_empty(), "{body}");
            assert_eq!(page.skipped_entries, 0);
        }
    }

    #[test]
    fn malformed_top_levels_are_not_a_job_list() {
        for (body, what) in [
            (r#""""#, Msg::BodyEmptyString),
            ("null", Msg::BodyNull),
            ("[]", Msg::BodyArray),
            (r#"{"jobs":"x"}"#, Msg::BodyJobsNotArray),
            ("not json", Msg::BodyNotJson),
            ("", Msg::BodyEmpty),
            ("<html>oops</html>", Msg::BodyHtml),
        ] {
            match parse_list_response(200, body) {
                Err(ApiError::NotJobList {
                    what: w,
                    http_status,
                    ..
                }) => {
                    assert_eq!((w, http_status), (what, 200), "{body}")
                }
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn refusals_carry_code_and_message_in_either_spelling() {
        let err = parse_list_response(
            200,
            r#"{"is_success":false,"error_code":"ModelArts.0103","error_msg":"dup"}"#,
        )
        .unwrap_err();
        assert_eq!(
            err,
            ApiError::Http {
                http_status: 200,
                code: Some("ModelArts.0103".into()),
                message: Some("dup".into()),
                html: false,
                json: true,
                excerpt: r#"{"is_success":false,"error_code":"ModelArts.0103","error_msg":"dup"}"#
                    .into(),
            }
        );
        let err = parse_list_response(
            400,
            r#"{"is_success":false,"error_code":"ModelArts.0104","error_message":"bad per_page"}"#,
        )
        .unwrap_err();
        assert_eq!(err.code(), Some("ModelArts.0104"));
    }

    #[test]
    fn an_html_502_is_a_gateway_error() {
        let err = parse_list_response(502, "<html><body>Bad Gateway</body></html>").unwrap_err();
        assert!(matches!(
            err,
            ApiError::Http {
                http_status: 502,
                html: true,
                code: None,
                ..
            }
        ));
    }

    #[test]
    fn excerpts_are_bounded() {
        let long = "x".repeat(1000);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
    }

    #[test]
    fn details_are_a_flat_object() {
        let body = r#"{"job_id": 4213, "job_name": "tb-resnet50", "job_desc": "loss curves, run 3", "status": 8,
          "create_time": 1700000000000, "duration": 5400000, "train_url": "/my-bucket/resnet/output/",
          "service_url": "https://console.example.com/tb/4213/", "resource_id": "3f2c",
          "remaining_duration": null, "is_success": true, "job_type": "mindinsight",
          "schedule": {"type": "stop", "time_unit": "HOURS", "duration": 4}}"#;
        let job = parse_detail_response(200, body).unwrap();
        assert_eq!(job.job_id.as_deref(), Some("4213"));
        assert_eq!(job.row_key, "4213");
        assert_eq!(job.status, Some(8));
        assert_eq!(job.job_type.as_deref(), Some("mindinsight"));
        assert_eq!(job.schedule[0].duration, Some(4));
        let missing = parse_detail_response(
            404,
            r#"{"is_success":false,"error_code":"ModelArts.0102","error_message":"no such job"}"#,
        )
        .unwrap_err();
        assert_eq!(missing.code(), Some("ModelArts.0102"));
    }
}
