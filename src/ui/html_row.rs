//! A view made of one element given as HTML text (a table row from
//! [`crate::row_markup`]): the browser's parser builds its whole subtree in one call.
//! Its only interactivity is the table's delegated handlers, so it needs no reactive
//! state of its own.

use std::cell::OnceCell;

use leptos::tachys::{
    html::attribute::any_attribute::AnyAttribute,
    hydration::Cursor,
    renderer::{types::Element, CastFrom},
    view::{Mountable, Position, PositionState, Render, RenderHtml},
};
use wasm_bindgen::JsCast;

/// The HTML of exactly one element. The caller escapes every value in it.
pub struct HtmlElementText(pub String);

thread_local! {
    // One `<template>` parses every row: its content may hold `<tr>`, which a `<div>`
    // or a fragment would drop outside a table.
    static PARSER: OnceCell<web_sys::HtmlTemplateElement> = const { OnceCell::new() };
}

/// The page's one parsing `<template>`, holding `html` as its content.
fn parsed(html: &str) -> web_sys::DocumentFragment {
    PARSER.with(|parser| {
        let template = parser.get_or_init(|| {
            leptos::prelude::document()
                .create_element("template")
                // Not `expect`: printing the error would link a JS value printer (0.9 KB).
                .unwrap_or_else(|_| panic!("a document can create a <template>"))
                .unchecked_into()
        });
        template.set_inner_html(html);
        template.content()
    })
}

/// An empty row, where the markup held fewer elements than asked for: not reachable
/// with markup from `row_markup`, and an empty row beats a panic.
pub fn empty_row() -> Element {
    leptos::prelude::document()
        .create_element("tr")
        .unwrap_or_else(|_| panic!("a document can create a <tr>"))
}

/// The one element `html` describes, detached.
pub fn parse_element(html: &str) -> Element {
    let element = parsed(html).first_element_child().unwrap_or_else(empty_row);
    // Detached from the template now, so the next parse cannot take it back.
    element.remove();
    element
}

/// Appends to `out` the `count` top-level elements `html` describes, in order: one
/// parse for many rows, where a parse per row costs a call and the parser's set-up
/// each time (a fifth of a 1,000-row page's build). They stay in the template's
/// content until placed; the next parse detaches any left there.
pub fn parse_elements(html: &str, count: usize, out: &mut Vec<Element>) {
    let mut next = parsed(html).first_element_child();
    for _ in 0..count {
        let element = next.unwrap_or_else(empty_row);
        next = element.next_element_sibling();
        out.push(element);
    }
}

impl Render for HtmlElementText {
    type State = Element;

    fn build(self) -> Element {
        parse_element(&self.0)
    }

    fn rebuild(self, state: &mut Element) {
        let mut fresh = parse_element(&self.0);
        state.insert_before_this(&mut fresh);
        state.unmount();
        *state = fresh;
    }
}

leptos::tachys::no_attrs!(HtmlElementText);

impl RenderHtml for HtmlElementText {
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn html_len(&self) -> usize {
        self.0.len()
    }

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self {
        self
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
        buf.push_str(&self.0);
        *position = Position::NextChild;
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Element {
        // As tachys's own `InertElement`: the element is the next one in the cursor.
        match position.get() {
            Position::FirstChild => cursor.child(),
            Position::Current => {}
            _ => cursor.sibling(),
        }
        position.set(Position::NextChild);
        Element::cast_from(cursor.current()).unwrap_or_else(|| parse_element(&self.0))
    }

    fn into_owned(self) -> Self {
        self
    }
}
