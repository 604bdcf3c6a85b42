//! A job's status as a coloured badge.

use leptos::prelude::*;

use crate::{
    i18n::Lang,
    status::{status_kind, status_label},
};

#[component]
pub fn StatusBadge(code: Option<i64>, #[prop(optional)] lang: Lang) -> impl IntoView {
    let (label, class) = match code {
        Some(code) => (
            status_label(code, lang),
            format!("badge badge-{}", status_kind(code).css_class()),
        ),
        None => (String::new(), "badge badge-unknown badge-empty".to_string()),
    };
    view! {
        <span class=class data-testid="status-badge" data-status=code.map(|c| c.to_string())>
            {label}
        </span>
    }
}
