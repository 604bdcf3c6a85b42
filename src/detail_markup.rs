//! The detail panel's fixed fields as HTML text, escaped as the table's rows are
//! ([`crate::row_markup`]): the panel turns each field into elements with one call to
//! the browser's parser, and only the fields that move (duration, time left, the
//! description editor) stay views.

use crate::{
    columns::Column,
    format::{iso_utc, safe_http_url},
    i18n::{t, Lang, Msg},
    row_markup::{badge_html, copyable_html, push_attr, push_text, service_link_html},
};

/// `<div class="field"><dt>label</dt><dd>value</dd></div>`, `value` written by `value`.
fn field_html(label: &str, value: impl FnOnce(&mut String)) -> String {
    let mut out = String::from("<div class=\"field\"><dt>");
    push_text(&mut out, label);
    out.push_str("</dt><dd>");
    value(&mut out);
    out.push_str("</dd></div>");
    out
}

/// A field holding text in a `<span data-testid=…>` (empty when the API sent none).
pub fn text_field_html(label: &str, testid: &str, text: Option<&str>) -> String {
    field_html(label, |out| {
        out.push_str("<span");
        push_attr(out, "data-testid", testid);
        out.push('>');
        push_text(out, text.unwrap_or_default());
        out.push_str("</span>");
    })
}

/// The status as the table's badge.
pub fn status_field_html(code: Option<i64>, lang: Lang) -> String {
    field_html(t(lang, Msg::ColStatus), |out| badge_html(out, code, lang))
}

/// "Open TensorBoard" for a running job with a safe `http(s)` address; else empty.
pub fn link_field_html(service_url: Option<&str>, running: bool, lang: Lang) -> String {
    field_html(t(lang, Msg::ColServiceUrl), |out| {
        if let Some(href) = service_url.and_then(safe_http_url).filter(|_| running) {
            service_link_html(out, &href, None, lang);
        }
    })
}

/// The creation time: `created_text` (in the browser's zone and language) in a
/// `<time>` with the UTC instant.
pub fn created_field_html(
    create_time_ms: Option<i64>,
    created_text: Option<&str>,
    lang: Lang,
) -> String {
    field_html(t(lang, Msg::ColCreateTime), |out| {
        out.push_str("<span data-testid=\"create-time\">");
        if let Some(ms) = create_time_ms {
            out.push_str("<time");
            push_attr(out, "datetime", &iso_utc(ms));
            out.push('>');
            push_text(out, created_text.unwrap_or_default());
            out.push_str("</time>");
        }
        out.push_str("</span>");
    })
}

/// An ID or path with the table's copy button.
pub fn copyable_field_html(
    value: Option<&str>,
    testid: &str,
    column: Column,
    lang: Lang,
) -> String {
    let label = t(lang, column.label_key());
    field_html(label, |out| copyable_html(out, value, testid, column, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_missing_text_is_empty() {
        assert_eq!(
            text_field_html("Name", "job-name", Some("<b>&\"x\"")),
            "<div class=\"field\"><dt>Name</dt><dd><span data-testid=\"job-name\">\
             &lt;b&gt;&amp;\"x\"</span></dd></div>"
        );
        assert_eq!(
            text_field_html("Type", "job-type", None),
            "<div class=\"field\"><dt>Type</dt><dd><span data-testid=\"job-type\"></span></dd></div>"
        );
    }

    #[test]
    fn only_a_running_job_with_a_safe_address_gets_a_link() {
        let link = link_field_html(Some("https://tb.example.com/a?b=1&c=2"), true, Lang::En);
        assert!(
            link.contains(
                "<a data-testid=\"service-link\" href=\"https://tb.example.com/a?b=1&amp;c=2\""
            ),
            "{link}"
        );
        assert!(link.contains("rel=\"noopener noreferrer\""));
        for (url, running) in [
            (Some("javascript:alert(1)"), true),
            (Some("https://tb.example.com/"), false),
            (None, true),
        ] {
            assert!(
                !link_field_html(url, running, Lang::En).contains("<a"),
                "{url:?}"
            );
        }
    }

    #[test]
    fn the_creation_time_carries_its_utc_instant() {
        assert_eq!(
            created_field_html(Some(0), Some("1/1/1970, 08:00"), Lang::En),
            "<div class=\"field\"><dt>Created</dt><dd><span data-testid=\"create-time\">\
             <time datetime=\"1970-01-01T00:00:00.000Z\">1/1/1970, 08:00</time></span></dd></div>"
        );
        assert!(created_field_html(None, None, Lang::En)
            .contains("<span data-testid=\"create-time\"></span>"));
    }

    #[test]
    fn status_and_copyable_fields_use_the_table_markup() {
        let mut badge = String::new();
        badge_html(&mut badge, Some(8), Lang::ZhCn);
        assert!(status_field_html(Some(8), Lang::ZhCn).contains(&badge));
        let mut copyable = String::new();
        copyable_html(
            &mut copyable,
            Some("id-1"),
            "job-id",
            Column::JobId,
            Lang::En,
        );
        assert_eq!(
            copyable_field_html(Some("id-1"), "job-id", Column::JobId, Lang::En),
            format!("<div class=\"field\"><dt>Job ID</dt><dd>{copyable}</dd></div>")
        );
    }
}
