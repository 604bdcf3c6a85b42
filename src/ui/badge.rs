//! A job's status as a coloured badge.

use leptos::prelude::*;

use crate::{
    i18n::Lang,
    status::{status_kind, status_label},
};

#[component]
pub fn StatusBadge(code: Option<i64>, #[prop(optional)] lang: Lang) -> impl IntoView {
    let (label, class) = match code {
        Some(code) => (status_label(code, lang), status_kind(code).badge_class()),
        None => (String::new(), "badge badge-unknown badge-empty"),
    };
    view! {
        <span class=class data-testid="status-badge" data-status=code.map(|c| c.to_string())>
            {label}
        </span>
    }
}
