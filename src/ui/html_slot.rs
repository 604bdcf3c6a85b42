//! A `<div>` whose content is HTML text written by a pure module
//! ([`crate::notice_markup`], [`crate::error_markup`], [`crate::grid_markup`]), set by
//! one effect.

use leptos::prelude::*;

use super::{dom::target_matching, one_type::effect};

/// `html` in a wrapper `<div>` (empty while `html` is: its children's margins collapse
/// through it, so the page looks as without it), set again only when the text changes:
/// a rebuild that says the same leaves the focus, open `<details>` and live regions
/// alone. A click on an element matching `button` inside runs `on_click` with that
/// element: the one listener its buttons need.
pub fn html_slot(
    html: impl Fn() -> String + 'static,
    button: &'static str,
    on_click: impl Fn(&web_sys::Element) + 'static,
) -> impl IntoView {
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let mut shown = String::new();
    effect(move || {
        let Some(wrapper) = wrapper.get() else {
            return;
        };
        let html = html();
        if html != shown {
            wrapper.set_inner_html(&html);
            shown = html;
        }
    });
    view! {
        <div
            node_ref=wrapper
            on:click=move |ev| {
                if let Some(button) = target_matching(&ev, button) {
                    on_click(&button);
                }
            }
        ></div>
    }
}
