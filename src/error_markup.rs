//! Failure panels as HTML text, escaped as the table's rows are
//! ([`crate::row_markup`]): the list's error panel and the detail panel's failure,
//! each shown with one call to the browser's parser.

use crate::{
    api::error::{ApiError, FailureKind},
    cat,
    i18n::{fill, t, Lang, Msg},
    row_markup::{push_attr, push_element, push_optional_attr, push_text},
};

/// `<p class="…">text</p>`.
fn paragraph(out: &mut String, class: &str, text: &str) {
    push_element(out, "p", "class", class, text);
}

/// `label <code>value</code>` in a paragraph.
fn labelled_code(out: &mut String, class: &str, label: &str, value: &str) {
    out.push_str("<p");
    push_attr(out, "class", class);
    out.push('>');
    push_text(out, label);
    out.push_str(" <code>");
    push_text(out, value);
    out.push_str("</code></p>");
}

/// The opening tag of a failure's panel: `role="alert"`, so it is announced at once.
fn panel_open(out: &mut String, testid: &str, error: &ApiError) {
    out.push_str("<div class=\"error-panel\" role=\"alert\"");
    push_attr(out, "data-testid", testid);
    push_optional_attr(out, "data-error-code", error.code());
}

/// A failure's code, the server's own words and the advice, under its title: for the
/// list's panel and the detail panel alike.
fn failure_details(out: &mut String, error: &ApiError, lang: Lang) {
    if let Some(code) = error.code() {
        labelled_code(out, "code", t(lang, Msg::ErrorCode), code);
    }
    if let Some(message) = error.server_message() {
        paragraph(out, "server-message", message);
    }
    paragraph(out, "advice", error.advice(lang));
}

/// The list's failure: title, details, the query sent (for a refused parameter), a
/// note when older rows stay on screen, the status, request and answer's start under
/// "Details", and Retry (`data-testid="retry"`).
pub fn error_panel_html(error: &ApiError, request_url: &str, has_rows: bool, lang: Lang) -> String {
    let mut out = String::new();
    let kind = error.kind();
    panel_open(&mut out, "error-panel", error);
    push_attr(&mut out, "data-failure", kind.as_str());
    out.push_str("><p class=\"title\"><strong>");
    push_text(&mut out, &error.title(lang));
    out.push_str("</strong></p>");
    failure_details(&mut out, error, lang);
    if kind == FailureKind::BadParameter {
        labelled_code(&mut out, "sent", t(lang, Msg::ErrorQuerySent), request_url);
    }
    if has_rows {
        paragraph(&mut out, "stale-note", t(lang, Msg::ErrorStale));
    }
    out.push_str("<details><summary>");
    push_text(&mut out, t(lang, Msg::ErrorDetails));
    out.push_str("</summary>");
    if let Some(status) = error.http_status() {
        let line = fill(lang, Msg::ErrorHttpStatus, &[("status", &cat!(status))]);
        out.push_str("<p>");
        push_text(&mut out, &line);
        out.push_str("</p>");
    }
    out.push_str("<p>");
    push_text(&mut out, t(lang, Msg::ErrorRequest));
    out.push_str(" <code>");
    push_text(&mut out, request_url);
    out.push_str("</code></p>");
    if let Some(excerpt) = error.excerpt() {
        out.push_str("<pre class=\"excerpt\">");
        push_text(&mut out, excerpt);
        out.push_str("</pre>");
    }
    out.push_str("</details><button type=\"button\" data-testid=\"retry\">");
    push_text(&mut out, t(lang, Msg::ErrorRetry));
    out.push_str("</button></div>");
    out
}

/// The detail panel's failure: what failed, the title and the details.
pub fn detail_error_html(error: &ApiError, lang: Lang) -> String {
    let mut out = String::new();
    panel_open(&mut out, "detail-error", error);
    out.push_str("><p><strong>");
    push_text(&mut out, t(lang, Msg::DetailFailed));
    out.push_str("</strong></p>");
    paragraph(&mut out, "title", &error.title(lang));
    failure_details(&mut out, error, lang);
    out.push_str("</div>");
    out
}

/// A form's message about a field or the whole form: `<p class="field-error">` with its
/// test hook, the field it is about (`data-field`), an ID for the field's
/// `aria-describedby`, and `role="alert"` where nothing else points screen readers
/// to it.
pub struct FieldError<'a> {
    pub testid: &'a str,
    pub field: Option<&'a str>,
    pub id: Option<&'a str>,
    pub alert: bool,
}

impl FieldError<'_> {
    /// Appends the paragraph saying `text`.
    pub fn push_html(&self, out: &mut String, text: &str) {
        out.push_str("<p class=\"field-error\"");
        push_attr(out, "data-testid", self.testid);
        push_optional_attr(out, "data-field", self.field);
        push_optional_attr(out, "id", self.id);
        if self.alert {
            out.push_str(" role=\"alert\"");
        }
        out.push('>');
        push_text(out, text);
        out.push_str("</p>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_error_says_which_field_and_escapes_its_text() {
        let mut out = String::new();
        FieldError {
            testid: "field-error",
            field: Some("create-name"),
            id: Some("create-name-error"),
            alert: false,
        }
        .push_html(&mut out, "Use <20> characters");
        FieldError {
            testid: "form-error",
            field: None,
            id: None,
            alert: true,
        }
        .push_html(&mut out, "Quota");
        assert_eq!(
            out,
            "<p class=\"field-error\" data-testid=\"field-error\" data-field=\"create-name\" \
             id=\"create-name-error\">Use &lt;20&gt; characters</p>\
             <p class=\"field-error\" data-testid=\"form-error\" role=\"alert\">Quota</p>"
        );
    }

    fn refused(html: bool) -> ApiError {
        ApiError::Http {
            http_status: 400,
            code: Some("ModelArts.0003\"><b>".into()),
            message: Some("<script>bad</script> & more".into()),
            html,
            json: !html,
            excerpt: "<html>502</html>".into(),
        }
    }

    #[test]
    fn every_server_string_is_text_and_attributes_stay_closed() {
        let error = refused(false);
        for html in [
            error_panel_html(&error, "/v1/p?x=<y>&z", true, Lang::En),
            detail_error_html(&error, Lang::En),
        ] {
            assert!(!html.contains("<script>"), "{html}");
            assert!(!html.contains("<b>"), "{html}");
            assert!(
                html.contains("&lt;script&gt;bad&lt;/script&gt; &amp; more"),
                "{html}"
            );
            assert!(
                html.contains("data-error-code=\"ModelArts.0003&quot;&gt;&lt;b&gt;\""),
                "{html}"
            );
        }
    }

    #[test]
    fn the_list_panel_has_its_parts_in_order() {
        let error = refused(false);
        let html = error_panel_html(&error, "/v1/p/visualization-jobs?page=0", true, Lang::En);
        let at = |needle: &str| {
            html.find(needle)
                .unwrap_or_else(|| panic!("{needle} missing from {html}"))
        };
        assert!(html
            .starts_with("<div class=\"error-panel\" role=\"alert\" data-testid=\"error-panel\""));
        assert!(html.contains(&format!("data-failure=\"{}\"", error.kind().as_str())));
        let order = [
            at("class=\"title\""),
            at("class=\"code\""),
            at("class=\"server-message\""),
            at("class=\"advice\""),
            at("class=\"sent\""),
            at("class=\"stale-note\""),
            at("<details>"),
            at("HTTP status: 400"),
            html.rfind("<code>/v1/p/visualization-jobs?page=0</code>")
                .unwrap_or_default(),
            at("data-testid=\"retry\""),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{html}");
        let without_rows = error_panel_html(&error, "/v1/p", false, Lang::En);
        assert!(!without_rows.contains("stale-note"));
    }

    #[test]
    fn a_failure_without_code_or_status_has_neither_line() {
        let html = detail_error_html(
            &ApiError::Network {
                detail: String::new(),
            },
            Lang::En,
        );
        assert!(!html.contains("data-error-code"), "{html}");
        assert!(!html.contains("class=\"code\""), "{html}");
        assert!(html.contains("data-testid=\"detail-error\""), "{html}");
    }
}
