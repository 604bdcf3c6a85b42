//! Property tests: whatever the network or the address bar holds, the parsers answer
//! with a value or a typed error, never a panic, and their output is well-formed.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vizjobs::{
    api::{
        model::parse_list_response,
        query::{parse_url_search, QueryDefaults, MAX_PER_PAGE, MAX_SEARCH_CHARS},
    },
    config::{parse_config, REFRESH_SECONDS, TIMEOUT_SECONDS},
    format::safe_http_url,
};

/// The keys `config.json` knows, and one it does not.
fn config_key() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("api_base"),
        Just("project_id"),
        Just("workspace_id"),
        Just("refresh_seconds"),
        Just("request_timeout_seconds"),
        Just("language"),
        Just("read_only"),
        Just("x"),
    ]
}

/// JSON-ish text: real JSON values of every shape, in and around the expected fields.
fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        prop_oneof![
            Just("\"en\""),
            Just("\"zh-CN\""),
            Just("\"auto\""),
            Just("\"/modelarts\""),
            Just("0"),
            Just("0.01"),
            Just("30"),
            Just("1e20")
        ]
        .prop_map(str::to_string),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| format!("{n}{n}")),
        any::<f64>().prop_map(|f| if f.is_finite() {
            f.to_string()
        } else {
            "1e400".into()
        }),
        ".*".prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        let keys = prop_oneof![
            Just("job_id"),
            Just("status"),
            Just("jobs"),
            Just("create_time"),
            Just("is_success"),
            Just("error_code"),
            Just("schedule"),
            Just("job_total_count"),
            Just("remaining_duration"),
            Just("timeUnit"),
            Just("x"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((keys, inner), 0..5).prop_map(|kv| {
                let fields: Vec<String> = kv
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_body_gives_a_page_or_a_typed_error(status in 100u16..600, body in ".*") {
        let _ = parse_list_response(status, &body);
    }

    #[test]
    fn any_json_gives_a_page_or_a_typed_error(status in prop_oneof![Just(200u16), 100u16..600], body in json_value()) {
        if let Ok(page) = parse_list_response(status, &body) {
            let mut keys: Vec<_> = page.jobs.iter().map(|j| j.row_key.clone()).collect();
            keys.sort();
            keys.dedup();
            prop_assert_eq!(keys.len(), page.jobs.len(), "row keys are unique");
        }
    }

    #[test]
    fn any_job_list_keeps_every_object(body in prop::collection::vec(json_value(), 0..8)) {
        let wrapped: Vec<String> = body.iter().map(|v| format!("{{\"job_id\":{v},\"status\":{v}}}")).collect();
        let text = format!("{{\"jobs\":[{}]}}", wrapped.join(","));
        let page = parse_list_response(200, &text).unwrap();
        prop_assert_eq!(page.jobs.len(), body.len());
    }

    #[test]
    fn any_url_normalises_to_a_valid_stable_query(search in ".*", project in "[a-z0-9]{0,8}") {
        let defaults = QueryDefaults { project_id: project, workspace_id: "0".into() };
        let (query, _) = parse_url_search(&search, &defaults);
        prop_assert!(query.page >= 1);
        prop_assert!((1..=MAX_PER_PAGE).contains(&query.per_page));
        prop_assert!(query.search_content.chars().count() <= MAX_SEARCH_CHARS);
        // Written back and read again, a normal URL needs no correction and means the same.
        let normal = query.to_url_search(&defaults);
        let (again, corrections) = parse_url_search(&normal, &defaults);
        prop_assert!(corrections.is_empty(), "{:?}", corrections);
        prop_assert_eq!(again, query);
    }

    #[test]
    fn any_config_text_gives_a_config(text in ".*") {
        let _ = parse_config(&text);
    }

    /// Objects with the real keys and values of every JSON type, so every key's branches
    /// run: whatever they hold, each key is either used, in range, or reported.
    #[test]
    fn any_config_object_gives_a_usable_config(
        fields in prop::collection::vec((config_key(), json_value()), 0..9)
    ) {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        let text = format!("{{{}}}", body.join(","));
        let Ok(serde_json::Value::Object(parsed)) = serde_json::from_str::<serde_json::Value>(&text) else {
            return Ok(()); // a repeated key with a huge number can still be refused by serde
        };
        let (config, problems) = parse_config(&text);
        // the file was an object: no "unreadable" problem
        prop_assert!(problems.iter().all(|p| !p.key.is_empty()));
        prop_assert!(config.refresh_seconds == 0.0
            || (REFRESH_SECONDS.0..=REFRESH_SECONDS.1).contains(&config.refresh_seconds));
        prop_assert!((TIMEOUT_SECONDS.0..=TIMEOUT_SECONDS.1).contains(&config.request_timeout_seconds));
        let reported = |key: &str| problems.iter().any(|p| p.key == key);
        // every present, non-null key whose value differs from what was kept is reported
        for (key, value) in &parsed {
            if value.is_null() || *key == "x" {
                continue;
            }
            let kept_as_given = match key.as_str() {
                "api_base" => value.as_str().map(str::trim) == Some(config.api_base.as_str()),
                "project_id" => value.as_str().map(str::trim) == Some(config.project_id.as_str()),
                "workspace_id" => value.as_str().map(str::trim) == Some(config.workspace_id.as_str()),
                "refresh_seconds" => value.as_f64() == Some(config.refresh_seconds),
                "request_timeout_seconds" => value.as_f64() == Some(config.request_timeout_seconds),
                "read_only" => value.as_bool() == Some(config.read_only),
                "language" => matches!(value.as_str(), Some("auto" | "en" | "zh-CN")),
                _ => true,
            };
            prop_assert!(kept_as_given || reported(key), "{} = {} neither kept nor reported: {:?}", key, value, problems);
        }
    }

    #[test]
    fn links_are_only_ever_http_or_https(url in ".*") {
        if let Some(href) = safe_http_url(&url) {
            let lower = href.to_ascii_lowercase();
            prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"));
            prop_assert!(!href.chars().any(char::is_control));
        }
    }
}
