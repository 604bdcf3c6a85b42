//! `config.json`: runtime settings an operator edits in a deployed `dist/`.
//! Each key falls back to its default on its own, and every fallback is reported.

use crate::{
    format::format_seconds,
    i18n::{fill, t, Lang, Msg},
    json::{self, Object, Value},
    substring,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LanguageChoice {
    #[default]
    Auto,
    English,
    SimplifiedChinese,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RuntimeConfig {
    pub api_base: String,
    pub project_id: String,
    pub workspace_id: String,
    pub refresh_seconds: f64,
    pub request_timeout_seconds: f64,
    pub language: LanguageChoice,
    /// No control that changes anything (`"read_only": true`).
    pub read_only: bool,
}

/// `refresh_seconds` other than 0 (off) is kept in this range: faster would hammer the
/// API, slower than a day is off in all but name, and browser timers overflow past
/// 2^31−1 ms (about 24.8 days).
pub const REFRESH_SECONDS: (f64, f64) = (5.0, 86_400.0);
/// `request_timeout_seconds` is kept in this range.
pub const TIMEOUT_SECONDS: (f64, f64) = (1.0, 600.0);

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            api_base: String::new(),
            project_id: String::new(),
            workspace_id: "0".to_string(),
            refresh_seconds: 30.0,
            request_timeout_seconds: 20.0,
            language: LanguageChoice::Auto,
            read_only: false,
        }
    }
}

/// A key that could not be used, and why; shown in the notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    pub key: String,
    pub expected: Msg,
    /// Set when a usable but out-of-range value was brought into range.
    pub used: Option<String>,
}

impl ConfigProblem {
    pub fn message(&self, lang: Lang) -> String {
        if self.key.is_empty() {
            t(lang, Msg::ConfigUnreadable).to_string()
        } else if let Some(used) = &self.used {
            fill(
                lang,
                Msg::ConfigClamped,
                &[
                    ("key", &self.key),
                    ("expected", t(lang, self.expected)),
                    ("used", used),
                ],
            )
        } else {
            fill(
                lang,
                Msg::ConfigBadKey,
                &[("key", &self.key), ("expected", t(lang, self.expected))],
            )
        }
    }
}

/// Reads the answer to `config.json`'s request. A missing file (any error status) or
/// a gateway's HTML page in its place (an SPA fallback) means all defaults, quietly:
/// the file is optional.
pub fn read_config_answer(
    http_ok: bool,
    content_type: Option<&str>,
    body: &str,
) -> (RuntimeConfig, Vec<ConfigProblem>) {
    let html = content_type
        .is_some_and(|c| substring::contains(&c.to_ascii_lowercase(), "text/html"))
        || body.trim_start().starts_with('<');
    if !http_ok || html {
        return (RuntimeConfig::default(), Vec::new());
    }
    parse_config(body)
}

/// Reads `config.json`'s text. Unknown keys are ignored.
pub fn parse_config(text: &str) -> (RuntimeConfig, Vec<ConfigProblem>) {
    let mut config = RuntimeConfig::default();
    let mut problems = Vec::new();
    let fields = match json::parse(text) {
        Ok(Value::Object(fields)) => fields,
        _ => {
            problems.push(ConfigProblem {
                key: String::new(),
                expected: Msg::ConfigUnreadable,
                used: None,
            });
            return (config, problems);
        }
    };
    let mut report_used = |key: &str, expected, used: Option<String>| {
        problems.push(ConfigProblem {
            key: key.to_string(),
            expected,
            used,
        })
    };

    if let Some(v) = present(&fields, "api_base") {
        match v.as_str().map(str::trim) {
            Some(base) if is_usable_api_base(base) => config.api_base = base.to_string(),
            _ => report_used("api_base", Msg::ExpectApiBase, None),
        }
    }
    if let Some(v) = present(&fields, "project_id") {
        match v.as_str() {
            Some(p) => config.project_id = p.trim().to_string(),
            None => report_used("project_id", Msg::ExpectString, None),
        }
    }
    if let Some(v) = present(&fields, "workspace_id") {
        match v.as_str().map(str::trim) {
            Some(w) if !w.is_empty() => config.workspace_id = w.to_string(),
            _ => report_used("workspace_id", Msg::ExpectNonEmpty, None),
        }
    }
    if let Some(v) = present(&fields, "refresh_seconds") {
        match v.as_f64() {
            Some(0.0) => config.refresh_seconds = 0.0,
            Some(s) if s > 0.0 => {
                let (kept, clamped) = clamp(s, REFRESH_SECONDS);
                config.refresh_seconds = kept;
                if clamped {
                    report_used(
                        "refresh_seconds",
                        Msg::ExpectRefresh,
                        Some(format_seconds(kept)),
                    );
                }
            }
            _ => report_used("refresh_seconds", Msg::ExpectRefresh, None),
        }
    }
    if let Some(v) = present(&fields, "request_timeout_seconds") {
        match v.as_f64() {
            Some(s) if s > 0.0 => {
                let (kept, clamped) = clamp(s, TIMEOUT_SECONDS);
                config.request_timeout_seconds = kept;
                if clamped {
                    report_used(
                        "request_timeout_seconds",
                        Msg::ExpectTimeout,
                        Some(format_seconds(kept)),
                    );
                }
            }
            _ => report_used("request_timeout_seconds", Msg::ExpectTimeout, None),
        }
    }
    if let Some(v) = present(&fields, "read_only") {
        match v.as_bool() {
            Some(b) => config.read_only = b,
            None => report_used("read_only", Msg::ExpectBool, None),
        }
    }
    if let Some(v) = present(&fields, "language") {
        match v.as_str() {
            Some("auto") => config.language = LanguageChoice::Auto,
            Some("en") => config.language = LanguageChoice::English,
            Some("zh-CN") => config.language = LanguageChoice::SimplifiedChinese,
            _ => report_used("language", Msg::ExpectLanguage, None),
        }
    }
    (config, problems)
}

/// `value` brought into `[lo, hi]`, and whether it had to be. `json::Number::as_f64`
/// reads numbers beyond f64 (`1e400`) as infinity, which lands on `hi` too.
fn clamp(value: f64, (lo, hi): (f64, f64)) -> (f64, bool) {
    let kept = value.clamp(lo, hi);
    (kept, kept != value)
}

/// A key set to `null` counts as absent.
fn present<'a, 'j>(fields: &'a Object<'j>, key: &str) -> Option<&'a Value<'j>> {
    fields.get(key).filter(|v| !v.is_null())
}

fn is_usable_api_base(base: &str) -> bool {
    let lower = base.to_ascii_lowercase();
    base.is_empty()
        || (base.starts_with('/') && !base.starts_with("//"))
        || lower.starts_with("https://")
        || lower.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_file_reads_cleanly() {
        let (c, p) = parse_config(
            r#"{"api_base":"","project_id":"","workspace_id":"0","refresh_seconds":30,
                "request_timeout_seconds":20,"language":"auto"}"#,
        );
        assert!(p.is_empty());
        assert_eq!(c, RuntimeConfig::default());
    }

    #[test]
    fn each_key_is_read() {
        let (c, p) = parse_config(
            r#"{"api_base":"https://api.example.com","project_id":" p9 ","workspace_id":"ws",
                "refresh_seconds":0,"request_timeout_seconds":2.5,"language":"zh-CN","extra":1}"#,
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c.api_base, "https://api.example.com");
        assert_eq!(c.project_id, "p9");
        assert_eq!(c.workspace_id, "ws");
        assert_eq!(c.refresh_seconds, 0.0);
        assert_eq!(c.request_timeout_seconds, 2.5);
        assert_eq!(c.language, LanguageChoice::SimplifiedChinese);
    }

    #[test]
    fn wrong_types_fall_back_per_key_and_are_reported() {
        let (c, p) = parse_config(
            r#"{"api_base":"javascript:alert(1)","project_id":5,"refresh_seconds":"often",
                "request_timeout_seconds":0,"language":"fr","workspace_id":"x"}"#,
        );
        let keys: Vec<_> = p.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "api_base",
                "project_id",
                "refresh_seconds",
                "request_timeout_seconds",
                "language"
            ]
        );
        assert_eq!(c.workspace_id, "x");
        assert_eq!(c.api_base, "");
        assert_eq!(c.request_timeout_seconds, 20.0);
        assert!(p[0].message(Lang::En).contains("api_base"));
        assert_eq!(
            p[1].message(Lang::En),
            "config.json: \"project_id\" should be a string; using the default."
        );
    }

    #[test]
    fn unreadable_files_mean_all_defaults_with_a_note() {
        for text in ["", "nope", "[]", "null"] {
            let (c, p) = parse_config(text);
            assert_eq!(c, RuntimeConfig::default());
            assert_eq!(p.len(), 1);
            assert!(p[0].message(Lang::En).starts_with("config.json is"));
        }
    }

    #[test]
    fn absurd_numbers_are_brought_into_range_and_reported() {
        let (c, p) = parse_config(r#"{"refresh_seconds":1e20,"request_timeout_seconds":1e20}"#);
        assert_eq!(c.refresh_seconds, 86_400.0);
        assert_eq!(c.request_timeout_seconds, 600.0);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].used.as_deref(), Some("86400"));
        assert!(
            p[0].message(Lang::En).contains("using 86400"),
            "{}",
            p[0].message(Lang::En)
        );
        let (c, p) = parse_config(r#"{"refresh_seconds":0.01,"request_timeout_seconds":0.001}"#);
        assert_eq!(c.refresh_seconds, 5.0);
        assert_eq!(c.request_timeout_seconds, 1.0);
        assert_eq!(p.len(), 2);
        // 0 still turns the auto-refresh off, silently
        let (c, p) = parse_config(r#"{"refresh_seconds":0}"#);
        assert_eq!((c.refresh_seconds, p.len()), (0.0, 0));
        // every kept value fits a browser timer
        for text in [
            r#"{"refresh_seconds":1e308}"#,
            r#"{"request_timeout_seconds":1e308}"#,
        ] {
            let (c, _) = parse_config(text);
            assert!(c.refresh_seconds * 1000.0 <= f64::from(i32::MAX));
            assert!(c.request_timeout_seconds * 1000.0 <= f64::from(i32::MAX));
        }
    }

    #[test]
    fn read_only_is_read() {
        assert!(parse_config(r#"{"read_only":true}"#).0.read_only);
        let (c, p) = parse_config(r#"{"read_only":"yes"}"#);
        assert!(!c.read_only);
        assert_eq!(p[0].key, "read_only");
    }

    #[test]
    fn a_missing_file_or_an_html_page_means_defaults_quietly() {
        let page = "<!DOCTYPE html><html><body>console</body></html>";
        assert_eq!(
            read_config_answer(true, Some("text/html; charset=utf-8"), page),
            (RuntimeConfig::default(), vec![])
        );
        assert_eq!(
            read_config_answer(true, None, page),
            (RuntimeConfig::default(), vec![])
        );
        assert_eq!(
            read_config_answer(false, Some("application/json"), "{}"),
            (RuntimeConfig::default(), vec![])
        );
        // a real file with a mistake still says so
        assert_eq!(
            read_config_answer(true, Some("application/json"), "{nope")
                .1
                .len(),
            1
        );
    }
}
