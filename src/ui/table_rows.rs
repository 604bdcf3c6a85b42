//! The table body's rows, keyed: what `<For>` did for them, for rows that are DOM
//! elements already (parsed from HTML text) and need no view, owner or state of their
//! own. A new page keeps each row whose key it still has (moved if need be, its focus
//! and ticked box kept), builds the others, and removes the rest.
//!
//! `<For>` compiled its keyed diff, its `IndexSet` of keys and its view states for
//! this one use (~8 KB of wasm); the matching here is `row_keys::match_rows`.

use web_sys::Element;

use super::html_row::{empty_row, parse_elements};
use crate::row_keys::{match_rows, same_keys, untaken, RowKey};

/// The HTML text of new rows parsed in one call, at most about this long: a 1,000-row
/// page is a few dozen parses, not a thousand, and the text's buffer stays small.
const PARSE_BYTES: usize = 64 * 1024;

/// The rows on screen and their keys, in order, with the buffers of the next update
/// (kept, so refreshes reuse their blocks rather than grow the wasm memory).
#[derive(Default)]
pub struct TableRows {
    keys: Vec<RowKey>,
    rows: Vec<Element>,
    next_keys: Vec<RowKey>,
    next_rows: Vec<Element>,
    slots: Vec<u32>,
    plan: Vec<Option<usize>>,
    html: String,
    built: Vec<Element>,
}

impl TableRows {
    /// Makes `body`'s rows those of `keys`, in order; `write(i, html)` appends the HTML
    /// text of row `i` (one element) when no row on screen has its key. Does nothing
    /// when the keys are the ones shown.
    pub fn show<'a, K>(
        &mut self,
        body: &Element,
        keys: K,
        mut write: impl FnMut(usize, &mut String),
    ) where
        K: ExactSizeIterator<Item = (&'a str, u64)> + Clone,
    {
        if same_keys(&self.keys, keys.clone()) {
            return;
        }
        match_rows(&self.keys, keys.clone(), &mut self.slots, &mut self.plan);
        // Rows no new row takes leave first, so the moves below skip over fewer.
        for index in untaken(&self.slots) {
            self.rows[index].remove();
        }
        // The new rows, parsed together in order (`html` and `built` are empty here,
        // as are `next_keys` and `next_rows`: the end of each update clears them).
        let mut written = 0;
        for (index, found) in self.plan.iter().enumerate() {
            if found.is_none() {
                write(index, &mut self.html);
                written += 1;
            }
            if written > 0 && (self.html.len() >= PARSE_BYTES || index + 1 == self.plan.len()) {
                parse_elements(&self.html, written, &mut self.built);
                self.html.clear();
                written = 0;
            }
        }
        let mut built = self.built.drain(..);
        for ((key, hash), found) in keys.zip(&self.plan) {
            let (key, row) = match *found {
                // The kept row's key moves over: no allocation for it.
                Some(old) => (
                    std::mem::take(&mut self.keys[old].0),
                    self.rows[old].clone(),
                ),
                None => (key.to_string(), built.next().unwrap_or_else(empty_row)),
            };
            self.next_keys.push((key, hash));
            self.next_rows.push(row);
        }
        place_in_order(body, &self.next_rows);
        std::mem::swap(&mut self.keys, &mut self.next_keys);
        std::mem::swap(&mut self.rows, &mut self.next_rows);
        // The rows left behind are the old ones: let their handles go now.
        self.next_keys.clear();
        self.next_rows.clear();
    }
}

/// Puts `rows` into `body` in this order, moving only rows that are out of place: a
/// refresh that replaced a row moves nothing else, and a row that stays keeps focus.
fn place_in_order(body: &Element, rows: &[Element]) {
    let mut next = body.first_element_child();
    for row in rows {
        if next.as_ref() == Some(row) {
            next = row.next_element_sibling();
        } else {
            let _ = body.insert_before(row, next.as_ref().map(|n| n.as_ref()));
        }
    }
}
