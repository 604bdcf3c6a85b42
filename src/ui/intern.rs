//! Strings every row passes to the DOM, interned once: with wasm-bindgen's
//! `enable-interning`, a later pass of the same text reuses its JS string instead of
//! decoding it again (the profile showed `TextDecoder` dominating row rendering).

use wasm_bindgen::intern;

use crate::{
    columns::Column,
    i18n::{t, Lang, Msg},
    status::{status_kind, status_label, STATUSES},
};

const ROW_STRINGS: &[&str] = &[
    "data-testid",
    "data-job-id",
    "data-pending",
    "data-act",
    "data-copy",
    "data-label",
    "data-status",
    "class",
    "title",
    "datetime",
    "type",
    "button",
    "checkbox",
    "role",
    "group",
    "aria-label",
    "disabled",
    "checked",
    "href",
    "target",
    "rel",
    "_blank",
    "noopener noreferrer",
    "job-row",
    "job-name",
    "create-time",
    "duration",
    "job-desc",
    "train-url",
    "job-id",
    "resource-id",
    "row-select",
    "row-actions",
    "action-stop",
    "action-restart",
    "action-delete",
    "restart-and-open",
    "service-link",
    "status-badge",
    "stops-in",
    "open",
    "copy",
    "stop",
    "restart",
    "delete",
    "restart-and-open",
    "act",
    "act danger",
    "act primary",
    "job-link",
    "cut",
    "hint",
    "hint stops-in",
    "hint pending",
    "open-tb",
    "col-select",
    "col-actions",
    "col-job_name",
    "col-status",
    "col-create_time",
    "col-duration num",
    "col-job_desc",
    "col-service_url",
    "col-train_url path",
    "col-job_id id",
    "col-resource_id id",
    "copy-train_url",
    "copy-job_id",
    "copy-resource_id",
    " · ",
];

/// Interns the row vocabulary, and the texts rows show in `lang`.
pub fn intern_row_strings(lang: Lang) {
    for s in ROW_STRINGS {
        intern(s);
    }
    for key in [
        Msg::Copy,
        Msg::ActionStop,
        Msg::ActionRestart,
        Msg::ActionDelete,
        Msg::ActionRestartAndOpen,
        Msg::ActionRestartAndOpenHint,
        Msg::LinkOpen,
        Msg::LinkNotRunning,
        Msg::LinkNotRunningHint,
        Msg::DetailTitle,
    ] {
        intern(t(lang, key));
    }
    for column in Column::ALL {
        intern(t(lang, column.label_key()));
    }
    for status in &STATUSES {
        intern(&status_label(status.code, lang));
        intern(status_kind(status.code).badge_class());
        intern(&status.code.to_string());
    }
}
