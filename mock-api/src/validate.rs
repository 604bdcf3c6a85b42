//! Request bodies of create and edit: parsing the JSON and checking each field against
//! the rules of `spec/actions.md`. Any bad value is a `ModelArts.0104` whose message names
//! the field, so a client's mistake is easy to find.

use serde_json::{Map, Value};

use crate::data::JobType;
use crate::query::ParamError;

/// Longest `job_name`, in characters.
pub const MAX_NAME_CHARS: usize = 20;
/// Longest `job_desc`, in characters (Unicode scalar values).
pub const MAX_DESC_CHARS: usize = 256;
/// Longest automatic stop, in hours.
pub const MAX_SCHEDULE_HOURS: i64 = 24;

/// A valid create request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewJob {
    pub job_name: String,
    pub job_desc: String,
    pub train_url: String,
    pub job_type: JobType,
    /// The automatic stop, in hours; `None` for a job that runs until stopped.
    pub schedule_hours: Option<i64>,
}

/// 1–20 characters, each one of `A-Z a-z 0-9 _ -`.
pub fn valid_job_name(name: &str) -> bool {
    (1..=MAX_NAME_CHARS).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// 0–256 characters of anything. Counted as Unicode scalar values, not bytes, so a
/// Chinese description gets the same room as an English one.
pub fn valid_job_desc(desc: &str) -> bool {
    desc.chars().count() <= MAX_DESC_CHARS
}

/// Parses and checks a create body. Unknown fields (e.g. `flavor`) are ignored; an
/// optional field that is `null` counts as absent.
pub fn parse_create(body: &[u8]) -> Result<NewJob, ParamError> {
    let fields = json_object(body)?;

    let job_name = match fields.get("job_name") {
        Some(Value::String(name)) if valid_job_name(name) => name.clone(),
        _ => {
            return Err(invalid(
                "job_name must be 1-20 characters of A-Z a-z 0-9 _ -",
            ))
        }
    };
    let job_desc = match fields.get("job_desc") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(desc)) if valid_job_desc(desc) => desc.clone(),
        _ => return Err(invalid("job_desc must be a string of 0-256 characters")),
    };
    let train_url = match fields.get("train_url") {
        Some(Value::String(url)) if !url.is_empty() => url.clone(),
        _ => {
            return Err(invalid(
                "train_url is required and must be a non-empty string",
            ))
        }
    };
    let job_type = match fields.get("job_type") {
        None | Some(Value::Null) => JobType::TensorBoard,
        Some(Value::String(kind)) if kind == "tensorboard" => JobType::TensorBoard,
        Some(Value::String(kind)) if kind == "mindinsight" => JobType::MindInsight,
        _ => return Err(invalid("job_type must be tensorboard or mindinsight")),
    };
    let schedule_hours = parse_schedule(fields.get("schedule"))?;

    Ok(NewJob {
        job_name,
        job_desc,
        train_url,
        job_type,
        schedule_hours,
    })
}

/// Parses and checks an edit body: `job_desc` is required (the current docs; older ones
/// said optional, but an edit without it changes nothing).
pub fn parse_edit(body: &[u8]) -> Result<String, ParamError> {
    match json_object(body)?.get("job_desc") {
        Some(Value::String(desc)) if valid_job_desc(desc) => Ok(desc.clone()),
        _ => Err(invalid(
            "job_desc is required and must be a string of 0-256 characters",
        )),
    }
}

/// The docs' sample sends an array of schedule objects, their table says one object:
/// both are taken. Several entries mean several stop times, so the earliest wins.
fn parse_schedule(value: Option<&Value>) -> Result<Option<i64>, ParamError> {
    let entries: Vec<&Value> = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(entries)) => entries.iter().collect(),
        Some(entry @ Value::Object(_)) => vec![entry],
        Some(_) => return Err(invalid("schedule must be an object or an array of objects")),
    };
    let mut shortest: Option<i64> = None;
    for entry in entries {
        let hours = schedule_entry(entry)?;
        shortest = Some(shortest.map_or(hours, |h| h.min(hours)));
    }
    Ok(shortest)
}

fn schedule_entry(entry: &Value) -> Result<i64, ParamError> {
    let Value::Object(fields) = entry else {
        return Err(invalid("schedule must be an object or an array of objects"));
    };
    if fields.get("type").and_then(Value::as_str) != Some("stop") {
        return Err(invalid("schedule.type must be stop"));
    }
    if fields.get("time_unit").and_then(Value::as_str) != Some("HOURS") {
        return Err(invalid("schedule.time_unit must be HOURS"));
    }
    fields
        .get("duration")
        .and_then(Value::as_i64)
        .filter(|hours| (0..=MAX_SCHEDULE_HOURS).contains(hours))
        .ok_or_else(|| invalid("schedule.duration must be an integer from 0 to 24"))
}

fn json_object(body: &[u8]) -> Result<Map<String, Value>, ParamError> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        _ => Err(invalid("the request body must be a JSON object")),
    }
}

fn invalid(what: &str) -> ParamError {
    ParamError(format!("invalid parameter: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn create(body: Value) -> Result<NewJob, String> {
        parse_create(body.to_string().as_bytes()).map_err(|e| e.0)
    }

    fn minimal() -> Value {
        json!({"job_name": "tb-1", "train_url": "/bucket/logs/"})
    }

    fn with(field: &str, value: Value) -> Value {
        let mut body = minimal();
        body[field] = value;
        body
    }

    #[test]
    fn minimal_body_gets_the_defaults() {
        assert_eq!(
            create(minimal()).unwrap(),
            NewJob {
                job_name: "tb-1".into(),
                job_desc: String::new(),
                train_url: "/bucket/logs/".into(),
                job_type: JobType::TensorBoard,
                schedule_hours: None,
            }
        );
    }

    #[test]
    fn full_body_and_unknown_fields() {
        let job = create(json!({
            "job_name": "A_z-09", "job_desc": "中".repeat(256), "train_url": "/b/",
            "job_type": "mindinsight", "flavor": {"code": "x"}, "workspace_id": "0",
            "schedule": [{"type": "stop", "time_unit": "HOURS", "duration": 4}],
        }))
        .unwrap();
        assert_eq!(job.job_type, JobType::MindInsight);
        assert_eq!(job.schedule_hours, Some(4));
        assert_eq!(job.job_desc.chars().count(), 256);
    }

    #[test]
    fn schedule_forms() {
        let stop = |hours: Value| json!({"type": "stop", "time_unit": "HOURS", "duration": hours});
        let hours = |schedule: Value| create(with("schedule", schedule)).map(|j| j.schedule_hours);
        assert_eq!(hours(stop(json!(24))), Ok(Some(24)));
        assert_eq!(hours(stop(json!(0))), Ok(Some(0)));
        assert_eq!(hours(json!([])), Ok(None));
        assert_eq!(hours(Value::Null), Ok(None));
        assert_eq!(hours(json!([stop(json!(5)), stop(json!(2))])), Ok(Some(2)));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(Value, &str)> = vec![
            (json!({"train_url": "/b/"}), "job_name"),
            (with("job_name", json!("")), "job_name"),
            (with("job_name", json!("a".repeat(21))), "job_name"),
            (with("job_name", json!("has space")), "job_name"),
            (with("job_name", json!("dot.name")), "job_name"),
            (with("job_name", json!("名字")), "job_name"),
            (with("job_name", json!(12)), "job_name"),
            (with("job_desc", json!("x".repeat(257))), "job_desc"),
            (with("job_desc", json!(5)), "job_desc"),
            (json!({"job_name": "a"}), "train_url"),
            (with("train_url", json!("")), "train_url"),
            (with("train_url", Value::Null), "train_url"),
            (with("job_type", json!("TensorBoard")), "job_type"),
            (with("job_type", json!("jupyter")), "job_type"),
            (with("schedule", json!("4h")), "schedule"),
            (with("schedule", json!([4])), "schedule"),
            (
                with(
                    "schedule",
                    json!({"type": "start", "time_unit": "HOURS", "duration": 1}),
                ),
                "schedule.type",
            ),
            (
                with(
                    "schedule",
                    json!({"type": "stop", "time_unit": "MINUTES", "duration": 1}),
                ),
                "schedule.time_unit",
            ),
            (
                with(
                    "schedule",
                    json!({"type": "stop", "timeUnit": "HOURS", "duration": 1}),
                ),
                "schedule.time_unit",
            ),
            (
                with(
                    "schedule",
                    json!({"type": "stop", "time_unit": "HOURS", "duration": 25}),
                ),
                "schedule.duration",
            ),
            (
                with(
                    "schedule",
                    json!({"type": "stop", "time_unit": "HOURS", "duration": -1}),
                ),
                "schedule.duration",
            ),
            (
                with(
                    "schedule",
                    json!({"type": "stop", "time_unit": "HOURS", "duration": 1.5}),
                ),
                "schedule.duration",
            ),
            (
                with(
                    "schedule",
                    json!({"type": "stop", "time_unit": "HOURS", "duration": "2"}),
                ),
                "schedule.duration",
            ),
        ];
        for (body, field) in cases {
            let message = create(body.clone()).expect_err(&body.to_string());
            assert!(
                message.starts_with(&format!("invalid parameter: {field} ")),
                "{body}: {message}"
            );
        }
    }

    #[test]
    fn body_must_be_a_json_object() {
        for body in ["", "[]", "null", "\"tb\"", "{\"job_name\":", "\u{feff}{}"] {
            assert_eq!(
                parse_create(body.as_bytes()).unwrap_err().0,
                "invalid parameter: the request body must be a JSON object"
            );
        }
        assert!(parse_edit(b"[\"x\"]").is_err());
        assert!(parse_create(&[0xff, 0xfe]).is_err());
    }

    #[test]
    fn edit_needs_a_short_enough_description() {
        assert_eq!(parse_edit(br#"{"job_desc": ""}"#), Ok(String::new()));
        assert_eq!(
            parse_edit(br#"{"job_desc": "run 3", "x": 1}"#),
            Ok("run 3".into())
        );
        for body in [
            "{}".to_owned(),
            r#"{"job_desc": null}"#.to_owned(),
            r#"{"job_desc": 3}"#.to_owned(),
            json!({"job_desc": "é".repeat(257)}).to_string(),
        ] {
            let message = parse_edit(body.as_bytes()).unwrap_err().0;
            assert!(
                message.starts_with("invalid parameter: job_desc "),
                "{message}"
            );
        }
    }

    proptest! {
        #[test]
        fn names_of_the_allowed_alphabet_and_length_pass(name in "[A-Za-z0-9_-]{1,20}") {
            prop_assert!(valid_job_name(&name));
        }

        #[test]
        fn any_other_character_fails_the_name(
            head in "[A-Za-z0-9_-]{0,9}",
            bad in "[^A-Za-z0-9_-]",
            tail in "[A-Za-z0-9_-]{0,9}",
        ) {
            let name = format!("{head}{bad}{tail}");
            prop_assert!(!valid_job_name(&name), "{:?}", name);
        }

        #[test]
        fn name_length_bound_is_exact(name in "[a-z]{21,40}") {
            prop_assert!(!valid_job_name(&name));
        }

        #[test]
        fn description_bound_counts_characters(desc in "\\PC{0,300}") {
            prop_assert_eq!(valid_job_desc(&desc), desc.chars().count() <= 256);
            let edited = parse_edit(json!({"job_desc": desc}).to_string().as_bytes());
            prop_assert_eq!(edited.is_ok(), desc.chars().count() <= 256);
        }

        #[test]
        fn schedule_hours_in_range_pass_and_others_fail(hours in -100i64..100) {
            let body = with(
                "schedule",
                json!([{"type": "stop", "time_unit": "HOURS", "duration": hours}]),
            );
            let parsed = create(body).map(|job| job.schedule_hours);
            if (0..=24).contains(&hours) {
                prop_assert_eq!(parsed, Ok(Some(hours)));
            } else {
                prop_assert!(parsed.is_err());
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = parse_create(&body);
            let _ = parse_edit(&body);
        }
    }
}
