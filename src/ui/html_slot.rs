//! A `<div>` whose content is HTML text written by a pure module
//! ([`crate::notice_markup`], [`crate::error_markup`], [`crate::grid_markup`]).

use leptos::{ev, prelude::*};

use super::{dom::target_matching, kept::kept_html, one_type::listen};

/// `html` in a wrapper `<div>` (empty while `html` is: its children's margins collapse
/// through it, so the page looks as without it), set again only when the text changes:
/// a rebuild that says the same leaves the focus, open `<details>` and live regions
/// alone. A click on an element matching `button` inside runs `on_click` with that
/// element: the one listener its buttons need.
pub fn html_slot(
    html: impl Fn() -> String + Send + 'static,
    button: &'static str,
    on_click: impl Fn(&web_sys::Element) + 'static,
) -> impl IntoView {
    view! {
        <div
            {..kept_html(html)}
            {..listen("click", move |ev: ev::Event| {
                if let Some(button) = target_matching(&ev, button) {
                    on_click(&button);
                }
            })}
        ></div>
    }
}

/// `html` in a `<div class="slot">`, which takes no part in layout (`display:
/// contents`): for messages that come and go inside grid and flex containers, without
/// a view type of their own each.
pub fn html_text(html: impl Fn() -> String + Send + 'static) -> impl IntoView {
    view! { <div class="slot" {..kept_html(html)}></div> }
}
