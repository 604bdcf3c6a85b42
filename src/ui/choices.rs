//! Selects whose options are HTML text (`crate::choice_markup`): one effect keeps the
//! options and the chosen value. The options are written only when their text changes
//! (a language switch, a size or code from a link); a sort or a new page sets only the
//! value. As views they were rebuilt on every change of the query, and each list of
//! option views was a type of its own in the wasm.

use web_sys::HtmlSelectElement;

use super::{dom::found_once, one_type::effect};

/// Keeps the `<select>` with this `data-testid` showing `state()`'s options (HTML
/// text) and value.
pub fn keep_select(testid: &'static str, state: impl Fn() -> (String, String) + 'static) {
    let mut written = String::new();
    let mut found: Option<HtmlSelectElement> = None;
    effect(move || {
        let (options, value) = state();
        let Some(select) = found_once(&mut found, testid) else {
            return;
        };
        if options != written {
            select.set_inner_html(&options);
            written = options;
        }
        select.set_value(&value);
    });
}
