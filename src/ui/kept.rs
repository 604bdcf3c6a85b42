//! Reactive attributes and HTML content kept in step by the page's one effect type,
//! instead of tachys's reactive attribute and `inner_html` code: that code (a render
//! effect per value type, with its state and erased forms) was a copy in the wasm for
//! the few elements that need it. The element is the one the view builds; the effect
//! runs once it is in the document (a microtask later, before the frame is painted).

use leptos::{
    attr::{custom::CustomAttr, AttributeValue},
    prelude::*,
    tachys::renderer::types::Element,
};

use super::one_type::{attr, effect, live_text, LiveText};

/// An attribute whose value follows `text`, spread into a view as
/// `<input {..kept_attr("aria-invalid", …)}>`.
pub fn kept_attr(
    name: &'static str,
    text: impl Fn() -> String + Send + 'static,
) -> CustomAttr<&'static str, Kept> {
    attr(
        name,
        Kept {
            attribute: Some(name),
            text: live_text(text),
        },
    )
}

/// The element's content, as HTML text that follows `html`: `<div {..kept_html(…)}>`.
pub fn kept_html(html: impl Fn() -> String + Send + 'static) -> CustomAttr<&'static str, Kept> {
    attr(
        "",
        Kept {
            attribute: None,
            text: live_text(html),
        },
    )
}

/// The element, and the effect keeping the text on it.
type KeptState = (Element, Effect<LocalStorage>);

/// A text and where it goes on its element: an attribute, or (`None`) its content.
#[derive(Clone)]
pub struct Kept {
    attribute: Option<&'static str>,
    text: LiveText,
}

impl Kept {
    /// Sets the text on `element` now and whenever it changes; only a text that
    /// differs from the last is set again, so a rebuild that says the same leaves
    /// the focus, open `<details>` and live regions inside alone.
    fn keep_on(self, element: &Element) -> KeptState {
        let kept = element.clone();
        let mut last = None::<String>;
        let effect = effect(move || {
            let text = (self
                .text
                .lock()
                .expect("a kept text's closure never panics"))();
            if last.as_ref() == Some(&text) {
                return;
            }
            match self.attribute {
                Some(name) => {
                    let _ = kept.set_attribute(name, &text);
                }
                None => kept.set_inner_html(&text),
            }
            last = Some(text);
        });
        (element.clone(), effect)
    }
}

/// Client-side only: the page is never rendered to HTML on a server, so the HTML
/// methods write nothing.
impl AttributeValue for Kept {
    type State = KeptState;
    type AsyncOutput = Self;
    type Cloneable = Self;
    type CloneableOwned = Self;

    fn html_len(&self) -> usize {
        0
    }

    fn to_html(self, _key: &str, _buf: &mut String) {}

    fn to_template(_key: &str, _buf: &mut String) {}

    fn hydrate<const FROM_SERVER: bool>(self, _key: &str, el: &Element) -> Self::State {
        self.keep_on(el)
    }

    fn build(self, el: &Element, _key: &str) -> Self::State {
        self.keep_on(el)
    }

    /// A rebuilt view brings a new text for the same element: the old effect stops.
    fn rebuild(self, _key: &str, state: &mut Self::State) {
        state.1.dispose();
        *state = self.keep_on(&state.0);
    }

    fn into_cloneable(self) -> Self {
        self
    }

    fn into_cloneable_owned(self) -> Self {
        self
    }

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self {
        self
    }
}
