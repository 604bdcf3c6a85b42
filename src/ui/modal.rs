//! A modal dialog: `role="dialog"` and `aria-modal`, focus moved in on open and back
//! to where it was on close, Tab kept inside, Escape closes.

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use super::{
    dom::{by_testid, find_testid, matching},
    one_type::{attr, effect, on_keydown},
};

const FOCUSABLE: &str =
    "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href]";

fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    matching(root, FOCUSABLE).collect()
}

fn active_element() -> Option<web_sys::HtmlElement> {
    document().active_element()?.dyn_into().ok()
}

/// `content` in a dialog with this `data-testid`, named by the element whose `id` is
/// `labelled_by`; focus goes first to the control with the `data-testid`
/// `initial_focus`, else to the first one. `on_close` is Escape's action. A function,
/// not a component: a component with props is a copy of Leptos's props and children
/// code of its own.
pub fn modal(
    testid: &'static str,
    labelled_by: &'static str,
    initial_focus: &'static str,
    on_close: Box<dyn Fn()>,
    content: AnyView,
) -> impl IntoView {
    let opener = active_element().map(send_wrapper::SendWrapper::new);
    // Focus moves in once the dialog is in the document...
    effect(move || {
        if let Some(dialog) = by_testid::<web_sys::Element>(testid) {
            let first = find_testid::<web_sys::HtmlElement>(&dialog, initial_focus)
                .or_else(|| focusables(&dialog).into_iter().next());
            if let Some(first) = first {
                let _ = first.focus();
            }
        }
    });
    // ...and back to what opened it when it closes.
    on_cleanup(move || {
        if let Some(opener) = opener {
            if opener.is_connected() {
                let _ = opener.focus();
            }
        }
    });
    let keydown = move |ev: ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_close();
        }
        "Tab" => {
            // The listener's own element: the dialog.
            let Some(dialog) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let all = focusables(&dialog);
            let (Some(first), Some(last)) = (all.first(), all.last()) else {
                return;
            };
            let active = active_element();
            if ev.shift_key() && active.as_ref() == Some(first) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && active.as_ref() == Some(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    view! {
        <div class="backdrop">
            <div
                class="dialog"
                {..attr("role", "dialog")}
                {..attr("aria-modal", "true")}
                {..attr("aria-labelledby", labelled_by)}
                {..on_keydown(keydown)}
                data-testid=testid
            >
                {content}
            </div>
        </div>
    }
}
