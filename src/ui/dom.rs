//! The two ways the page finds its elements without a node reference per element:
//! from a delegated event, and by selector under a root it holds (the document's
//! root element for the page's one-of-a-kind controls); and a property of one kept in
//! step with the state ([`keep_property`]).

use crate::cat;
use leptos::ev;
use wasm_bindgen::{JsCast, JsValue};

use super::one_type::effect;

/// The element a delegated click or change is about: the nearest one matching
/// `selector` around the event's target.
pub fn target_matching(ev: &ev::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// The first element under `root` matching `selector`, as `T`.
pub fn find<T: JsCast>(root: &web_sys::Element, selector: &str) -> Option<T> {
    root.query_selector(selector).ok()??.dyn_into::<T>().ok()
}

/// The page's element with this `data-testid`, as `T`, found from the document's root
/// when an effect or a handler runs (after the view is built), not through a node
/// reference: a `NodeRef` type is a copy of its code in the wasm (~2 KB).
pub fn by_testid<T: JsCast>(testid: &str) -> Option<T> {
    find_testid(&leptos::prelude::document().document_element()?, testid)
}

/// The first element under `root` with this `data-testid`, as `T`.
pub fn find_testid<T: JsCast>(root: &web_sys::Element, testid: &str) -> Option<T> {
    find(root, &cat!("[data-testid='", testid, "']"))
}

/// The elements under `root` matching `selector`, in document order, as `T` (those
/// that are not a `T` are left out).
pub fn matching<T: JsCast>(root: &web_sys::Element, selector: &str) -> impl Iterator<Item = T> {
    let list = root.query_selector_all(selector).ok();
    let count = list.as_ref().map_or(0, |l| l.length());
    (0..count).filter_map(move |i| list.as_ref()?.item(i)?.dyn_into::<T>().ok())
}

/// The element with this `data-testid`, kept in `found` between an effect's runs and
/// searched for again only while `found` holds none in the document: the pager's
/// controls come after a table of up to 1,000 rows, and a search on every sort walked
/// past it (2 ms of a sort for each).
pub fn found_once<'a, T: JsCast + AsRef<web_sys::Node>>(
    found: &'a mut Option<T>,
    testid: &str,
) -> Option<&'a T> {
    if !found
        .as_ref()
        .is_some_and(|e| AsRef::<web_sys::Node>::as_ref(e).is_connected())
    {
        *found = by_testid(testid);
    }
    found.as_ref()
}

/// Keeps a property (`value`, `disabled`) of the page's element with this `data-testid`
/// in step with `value`, as a `prop:` binding does, through the page's one effect
/// type: tachys's property code (its render effect, its two value types and its
/// erased attribute) cost ~1 KiB of wasm brotli for ten bindings. Called where the
/// element is built: the effect runs once it is in the document.
pub fn keep_property(
    testid: &'static str,
    name: &'static str,
    value: impl Fn() -> JsValue + 'static,
) {
    let mut found = None::<web_sys::Element>;
    effect(move || {
        let value = value();
        if let Some(element) = found_once(&mut found, testid) {
            let _ = js_sys::Reflect::set(element, &JsValue::from_str(name), &value);
        }
    });
}
