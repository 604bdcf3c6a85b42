//! One row of the job table as HTML text. The table turns each row's text into
//! elements with one call to the browser's parser, instead of ~100 calls from wasm
//! per row (27 elements, their attributes and texts); so every value the API sent is
//! escaped here, and host tests check the escaping.

use crate::{
    actions::{allowed_for, Verb, RUNNING},
    api::model::Job,
    cat,
    columns::Column,
    format::{format_countdown, format_duration, iso_utc, live_figures, safe_http_url},
    i18n::{fill, t, Lang, Msg},
    status::{status_kind, status_label},
};

/// What a row shows besides its job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowState<'a> {
    pub lang: Lang,
    /// The selection and action cells are shown (not read-only).
    pub controls: bool,
    /// The change on its way to this job, if any.
    pub pending: Option<Verb>,
    /// A request about this job is being sent.
    pub busy: bool,
    pub selected: bool,
    /// The creation time in the browser's zone and language (the zone is not pure).
    pub created_text: Option<&'a str>,
    /// Milliseconds since the job's figures arrived: a running job's duration and
    /// countdown count on from them.
    pub elapsed_ms: i64,
}

/// Appends `text` with `&`, `<` and `>` escaped (and `\r`, which the parser would drop).
pub fn push_text(out: &mut String, text: &str) {
    push_escaped(out, text, false);
}

/// Appends ` name="value"`, the value escaped for a double-quoted attribute.
pub fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_escaped(out, value, true);
    out.push('"');
}

fn push_escaped(out: &mut String, text: &str, in_attribute: bool) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\r']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if in_attribute => "&quot;",
            b'"' => "\"",
            _ => "&#13;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Appends `<tag name="value">text</tag>`, the value and the text escaped.
pub fn push_element(out: &mut String, tag: &str, name: &str, value: &str, text: &str) {
    out.push('<');
    out.push_str(tag);
    push_attr(out, name, value);
    out.push('>');
    push_text(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// Appends ` name="value"` when there is a value.
pub fn push_optional_attr(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(value) = value {
        push_attr(out, name, value);
    }
}

/// The row's `<tr>`, in header order: selection, the nine columns, actions.
pub fn row_html(job: &Job, row: &RowState) -> String {
    let mut out = String::with_capacity(2048);
    push_row_html(&mut out, job, row);
    out
}

/// Appends the row's `<tr>` ([`row_html`]) to `out`: the table writes the rows it
/// builds into one text, which the browser parses in one call.
pub fn push_row_html(out: &mut String, job: &Job, row: &RowState) {
    let lang = row.lang;
    let id = job.job_id.as_deref();
    let name = job
        .job_name
        .as_deref()
        .filter(|n| !n.is_empty())
        .or(id)
        .unwrap_or_default();
    out.push_str("<tr data-testid=\"job-row\"");
    push_optional_attr(out, "data-job-id", id);
    push_optional_attr(out, "data-pending", row.pending.map(Verb::as_str));
    out.push('>');
    if row.controls {
        out.push_str(
            "<td class=\"col-select\"><input type=\"checkbox\" data-testid=\"row-select\"",
        );
        push_optional_attr(out, "data-job-id", id);
        if id.is_none() {
            out.push_str(" disabled");
        }
        if row.selected {
            out.push_str(" checked");
        }
        push_attr(
            out,
            "aria-label",
            &fill(lang, Msg::SelectRow, &[("name", name)]),
        );
        out.push_str("></td>");
    }
    cells_html(out, job, row);
    if row.controls {
        actions_html(out, job, name, row);
    }
    out.push_str("</tr>");
}

/// The nine column cells of a row. Every value is text; only a running job's safe
/// `service_url` becomes a link.
fn cells_html(out: &mut String, job: &Job, row: &RowState) {
    let lang = row.lang;
    out.push_str("<td class=\"col-job_name\" data-testid=\"job-name\"><button type=\"button\" class=\"job-link\" data-act=\"open\"");
    push_attr(out, "title", t(lang, Msg::DetailTitle));
    out.push('>');
    push_text(out, job.job_name.as_deref().unwrap_or_default());
    out.push_str("</button></td><td class=\"col-status\">");
    badge_html(out, job.status, lang);
    out.push_str("</td><td class=\"col-create_time\" data-testid=\"create-time\"><time");
    push_optional_attr(out, "datetime", job.create_time_ms.map(iso_utc).as_deref());
    out.push('>');
    push_text(out, row.created_text.unwrap_or_default());
    out.push_str("</time></td><td class=\"col-duration num\" data-testid=\"duration\"");
    if job.status == Some(RUNNING) {
        // The page's clock finds the cells that tick by this key (`live_cell_html`).
        push_attr(out, "data-live", &job.row_key);
    }
    out.push('>');
    duration_cell_html(out, job, row.elapsed_ms, lang);
    out.push_str("</td><td class=\"col-job_desc\" data-testid=\"job-desc\"");
    push_optional_attr(out, "title", job.job_desc.as_deref());
    out.push('>');
    push_text(out, job.job_desc.as_deref().unwrap_or_default());
    out.push_str("</td><td class=\"col-service_url\">");
    let restart_and_open =
        row.controls && row.pending.is_none() && !row.busy && allowed_for(Verb::Restart, job);
    service_html(out, job, restart_and_open, lang);
    out.push_str("</td><td class=\"col-train_url path\">");
    copyable_html(
        out,
        job.train_url.as_deref(),
        "train-url",
        Column::TrainUrl,
        lang,
    );
    out.push_str("</td><td class=\"col-job_id id\">");
    copyable_html(out, job.job_id.as_deref(), "job-id", Column::JobId, lang);
    out.push_str("</td><td class=\"col-resource_id id\">");
    copyable_html(
        out,
        job.resource_id.as_deref(),
        "resource-id",
        Column::ResourceId,
        lang,
    );
    out.push_str("</td>");
}

/// A status badge: coloured by kind, labelled in `lang` ("Unknown (99)" for a code
/// the spec does not list).
pub fn badge_html(out: &mut String, code: Option<i64>, lang: Lang) {
    match code {
        Some(code) => {
            out.push_str("<span");
            push_attr(out, "class", status_kind(code).badge_class());
            out.push_str(" data-testid=\"status-badge\"");
            push_attr(out, "data-status", &cat!(code));
            out.push('>');
            push_text(out, &status_label(code, lang));
            out.push_str("</span>");
        }
        None => out.push_str(
            "<span class=\"badge badge-unknown badge-empty\" data-testid=\"status-badge\"></span>",
        ),
    }
}

/// What the duration cell holds: the duration, and a running job's time left before
/// its automatic stop. A running job's figures count on by `elapsed_ms`.
pub fn duration_cell_html(out: &mut String, job: &Job, elapsed_ms: i64, lang: Lang) {
    let (duration, left) = live_figures(job, elapsed_ms);
    if let Some(ms) = duration {
        push_text(out, &format_duration(ms, lang));
    }
    if let Some(left) = left {
        let left = format_countdown(left, lang);
        out.push_str("<span class=\"hint stops-in\" data-testid=\"stops-in\"> · ");
        push_text(out, &fill(lang, Msg::StopsIn, &[("time", &left)]));
        out.push_str("</span>");
    }
}

/// A long value cut to its cell, the whole in a tooltip, and a copy button (one
/// delegated handler serves them all: `data-act="copy"`).
pub fn copyable_html(
    out: &mut String,
    value: Option<&str>,
    testid: &str,
    column: Column,
    lang: Lang,
) {
    out.push_str("<span class=\"cut\"");
    push_attr(out, "data-testid", testid);
    push_optional_attr(out, "title", value);
    out.push('>');
    push_text(out, value.unwrap_or_default());
    out.push_str("</span>");
    let (Some(value), Some((what, copy_testid))) =
        (value.filter(|v| !v.is_empty()), column.copy_hooks())
    else {
        return;
    };
    let label = t(lang, Msg::Copy);
    out.push_str("<button type=\"button\" class=\"copy\" data-act=\"copy\"");
    push_attr(out, "data-copy", value);
    push_attr(out, "data-label", label);
    push_attr(out, "data-testid", copy_testid);
    push_attr(out, "aria-label", t(lang, what));
    out.push('>');
    push_text(out, label);
    out.push_str("</button>");
}

/// "Open TensorBoard": a link to `href`, which the caller has checked with
/// [`safe_http_url`], in a new tab that cannot reach back to the console.
pub fn service_link_html(out: &mut String, href: &str, class: Option<&str>, lang: Lang) {
    out.push_str("<a");
    push_optional_attr(out, "class", class);
    out.push_str(" data-testid=\"service-link\"");
    push_attr(out, "href", href);
    out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\">");
    push_text(out, t(lang, Msg::LinkOpen));
    out.push_str("</a>");
}

/// The TensorBoard cell: a running job's link is its primary action; a finished job
/// offers "Restart and open"; anything else says it is not running.
fn service_html(out: &mut String, job: &Job, restart_and_open: bool, lang: Lang) {
    if restart_and_open {
        out.push_str("<button type=\"button\" class=\"act primary\" data-act=\"restart-and-open\" data-testid=\"restart-and-open\"");
        push_attr(out, "title", t(lang, Msg::ActionRestartAndOpenHint));
        out.push('>');
        push_text(out, t(lang, Msg::ActionRestartAndOpen));
        out.push_str("</button>");
        return;
    }
    let Some(raw) = job.service_url.as_deref().filter(|u| !u.trim().is_empty()) else {
        return;
    };
    match safe_http_url(raw) {
        Some(href) if job.status == Some(RUNNING) => {
            service_link_html(out, &href, Some("open-tb"), lang);
        }
        Some(_) => {
            out.push_str("<span class=\"hint\"");
            push_attr(out, "title", t(lang, Msg::LinkNotRunningHint));
            out.push('>');
            push_text(out, t(lang, Msg::LinkNotRunning));
            out.push_str("</span>");
        }
        None => {
            out.push_str("<span class=\"unsafe-url\"");
            push_attr(out, "title", t(lang, Msg::LinkUnsafeHint));
            out.push('>');
            push_text(out, raw);
            out.push_str("<span class=\"hint\">");
            push_text(out, t(lang, Msg::LinkUnsafe));
            out.push_str("</span></span>");
        }
    }
}

/// Stop, restart and delete, each enabled only where the status allows it, and off
/// while an action is on its way or pending.
fn actions_html(out: &mut String, job: &Job, name: &str, row: &RowState) {
    let lang = row.lang;
    let idle = row.pending.is_none() && !row.busy;
    out.push_str("<td class=\"col-actions\"><div data-testid=\"row-actions\" role=\"group\"");
    push_attr(
        out,
        "aria-label",
        &fill(lang, Msg::ActionsFor, &[("name", name)]),
    );
    out.push('>');
    for (verb, testid) in [
        (Verb::Stop, "action-stop"),
        (Verb::Restart, "action-restart"),
        (Verb::Delete, "action-delete"),
    ] {
        out.push_str("<button type=\"button\"");
        push_attr(
            out,
            "class",
            if verb == Verb::Delete {
                "act danger"
            } else {
                "act"
            },
        );
        push_attr(out, "data-act", verb.as_str());
        push_attr(out, "data-testid", testid);
        if !(idle && allowed_for(verb, job)) {
            out.push_str(" disabled");
        }
        out.push('>');
        push_text(out, t(lang, verb.label()));
        out.push_str("</button>");
    }
    if let Some(verb) = row.pending {
        let key = match verb {
            Verb::Stop => Msg::PendingStop,
            Verb::Restart => Msg::PendingRestart,
            Verb::Delete => Msg::PendingDelete,
            Verb::Create => Msg::PendingCreate,
        };
        out.push_str("<span class=\"hint pending\" role=\"status\">");
        push_text(out, t(lang, key));
        out.push_str("</span>");
    }
    out.push_str("</div></td>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_element_has_its_value_and_text_escaped() {
        let mut out = String::new();
        push_element(&mut out, "li", "data-job-id", "a\"b", "<b>x</b> & y");
        assert_eq!(
            out,
            "<li data-job-id=\"a&quot;b\">&lt;b&gt;x&lt;/b&gt; &amp; y</li>"
        );
    }

    /// What the browser's parser gives back for escaped text (the entities used here).
    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#13;", "\r")
            .replace("&amp;", "&")
    }

    fn job(status: i64) -> Job {
        Job {
            job_id: Some("42".into()),
            row_key: "42".into(),
            job_name: Some("tb-1".into()),
            status: Some(status),
            duration_ms: Some(65_000),
            ..Job::default()
        }
    }

    fn state(controls: bool) -> RowState<'static> {
        RowState {
            lang: Lang::En,
            controls,
            pending: None,
            busy: false,
            selected: false,
            created_text: None,
            elapsed_ms: 0,
        }
    }

    #[test]
    fn escaping_keeps_markup_out_and_the_value_whole() {
        for value in [
            "<img src=x onerror=alert(1)>",
            "a\"b&c'd",
            "&amp;",
            "line\r\nnext",
            "",
        ] {
            let mut text = String::new();
            push_text(&mut text, value);
            assert!(!text.contains(['<', '>', '\r']), "{text}");
            assert_eq!(unescape(&text), value);
            let mut attr = String::new();
            push_attr(&mut attr, "title", value);
            let inner = attr
                .strip_prefix(" title=\"")
                .unwrap()
                .strip_suffix('"')
                .unwrap();
            assert!(!inner.contains(['"', '<', '>', '\r']), "{inner}");
            assert_eq!(unescape(inner), value);
        }
    }

    #[test]
    fn hostile_values_stay_text_and_unsafe_urls_are_not_links() {
        let hostile = Job {
            job_name: Some("<script>x()</script>".into()),
            job_desc: Some("\"><img src=x onerror=y()>".into()),
            service_url: Some("javascript:alert(1)".into()),
            train_url: Some("/obs/<b>".into()),
            ..job(RUNNING)
        };
        let html = row_html(&hostile, &state(true));
        assert!(!html.contains("<script"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>"));
        assert!(!html.contains("href"));
        assert!(html.contains("&lt;script&gt;x()&lt;/script&gt;"));
        assert!(html.contains("class=\"unsafe-url\""));
    }

    #[test]
    fn a_running_job_links_and_ticks_and_a_finished_one_offers_restart() {
        let running = Job {
            service_url: Some(" https://tb.example.com/1 ".into()),
            remaining_duration: Some(600),
            ..job(RUNNING)
        };
        let html = row_html(
            &running,
            &RowState {
                elapsed_ms: 5_000,
                ..state(true)
            },
        );
        assert!(html.contains(
            "href=\"https://tb.example.com/1\" target=\"_blank\" rel=\"noopener noreferrer\""
        ));
        assert!(html.contains(
            "data-live=\"42\">1m 10s<span class=\"hint stops-in\" data-testid=\"stops-in\"> · "
        ));
        assert!(
            html.contains("data-testid=\"action-stop\">"),
            "stop is enabled: {html}"
        );
        let finished = row_html(&job(10), &state(true));
        assert!(finished.contains("data-testid=\"restart-and-open\""));
        assert!(finished.contains("data-testid=\"action-stop\" disabled>"));
        assert!(!finished.contains("data-live"));
        assert!(finished.contains(">1m 05s</td>"));
    }

    #[test]
    fn read_only_rows_have_no_controls_and_pending_rows_say_so() {
        let html = row_html(&job(10), &state(false));
        assert!(!html.contains("row-select"));
        assert!(!html.contains("row-actions"));
        assert!(!html.contains("restart-and-open"));
        let pending = row_html(
            &job(8),
            &RowState {
                pending: Some(Verb::Stop),
                ..state(true)
            },
        );
        assert!(pending
            .starts_with("<tr data-testid=\"job-row\" data-job-id=\"42\" data-pending=\"stop\">"));
        assert!(pending.contains("role=\"status\">"));
        assert!(pending.contains("data-testid=\"action-delete\" disabled>"));
    }

    #[test]
    fn a_job_without_an_id_cannot_be_selected_and_its_badge_is_empty() {
        let html = row_html(
            &Job {
                job_id: None,
                status: None,
                ..job(10)
            },
            &RowState {
                selected: true,
                ..state(true)
            },
        );
        assert!(
            html.contains("<input type=\"checkbox\" data-testid=\"row-select\" disabled checked")
        );
        assert!(html.contains(
            "<span class=\"badge badge-unknown badge-empty\" data-testid=\"status-badge\"></span>"
        ));
        assert!(!html.contains("copy-job_id"));
    }
}
