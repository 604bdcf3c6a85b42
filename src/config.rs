//! `config.json`: runtime settings an operator edits in a deployed `dist/`.
//! Each key falls back to its default on its own, and every fallback is reported.

use serde_json::{Map, Value};

use crate::i18n::{fill, t, Lang};

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
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            api_base: String::new(),
            project_id: String::new(),
            workspace_id: "0".to_string(),
            refresh_seconds: 30.0,
            request_timeout_seconds: 20.0,
            language: LanguageChoice::Auto,
        }
    }
}

/// A key that could not be used, and why; shown in the notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    pub key: String,
    pub expected: &'static str,
}

impl ConfigProblem {
    pub fn message(&self, lang: Lang) -> String {
        if self.key.is_empty() {
            t(lang, "config.unreadable").to_string()
        } else {
            fill(
                lang,
                "config.bad_key",
                &[("key", &self.key), ("expected", t(lang, self.expected))],
            )
        }
    }
}

/// Reads `config.json`'s text. Unknown keys are ignored.
pub fn parse_config(text: &str) -> (RuntimeConfig, Vec<ConfigProblem>) {
    let mut config = RuntimeConfig::default();
    let mut problems = Vec::new();
    let fields = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(fields)) => fields,
        _ => {
            problems.push(ConfigProblem {
                key: String::new(),
                expected: "config.unreadable",
            });
            return (config, problems);
        }
    };
    let mut report = |key: &str, expected| {
        problems.push(ConfigProblem {
            key: key.to_string(),
            expected,
        })
    };

    if let Some(v) = present(&fields, "api_base") {
        match v.as_str().map(str::trim) {
            Some(base) if is_usable_api_base(base) => config.api_base = base.to_string(),
            _ => report("api_base", "expect.api_base"),
        }
    }
    if let Some(v) = present(&fields, "project_id") {
        match v.as_str() {
            Some(p) => config.project_id = p.trim().to_string(),
            None => report("project_id", "expect.string"),
        }
    }
    if let Some(v) = present(&fields, "workspace_id") {
        match v.as_str().map(str::trim) {
            Some(w) if !w.is_empty() => config.workspace_id = w.to_string(),
            _ => report("workspace_id", "expect.non_empty"),
        }
    }
    if let Some(v) = present(&fields, "refresh_seconds") {
        match v.as_f64() {
            Some(s) if s.is_finite() && s >= 0.0 => config.refresh_seconds = s,
            _ => report("refresh_seconds", "expect.refresh"),
        }
    }
    if let Some(v) = present(&fields, "request_timeout_seconds") {
        match v.as_f64() {
            Some(s) if s.is_finite() && s > 0.0 => config.request_timeout_seconds = s,
            _ => report("request_timeout_seconds", "expect.timeout"),
        }
    }
    if let Some(v) = present(&fields, "language") {
        match v.as_str() {
            Some("auto") => config.language = LanguageChoice::Auto,
            Some("en") => config.language = LanguageChoice::English,
            Some("zh-CN") => config.language = LanguageChoice::SimplifiedChinese,
            _ => report("language", "expect.language"),
        }
    }
    (config, problems)
}

/// A key set to `null` counts as absent.
fn present<'a>(fields: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
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
}
