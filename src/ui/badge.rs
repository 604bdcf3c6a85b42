//! A job's status as a coloured badge.

use leptos::prelude::*;

use super::html_row::HtmlElementText;
use crate::{i18n::Lang, row_markup::badge_html};

/// The same markup as the table's badges ([`badge_html`]).
#[component]
pub fn StatusBadge(code: Option<i64>, #[prop(optional)] lang: Lang) -> impl IntoView {
    let mut html = String::new();
    badge_html(&mut html, code, lang);
    HtmlElementText(html)
}
