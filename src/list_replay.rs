//! The list request each recent address led to, kept in `localStorage` so that
//! `src/prefetch-config.js` can send it again on the next load of that address, before
//! the wasm has arrived. The console takes that answer only when it would ask for the
//! very same URL (`api::client`), so a stale entry costs one unread request, never a
//! wrong page.
//!
//! Stored as lines, address then URL: both are percent-encoded, so neither holds a
//! line break, and the script reads them with one `split`.

use crate::cat;

/// The `localStorage` key; `src/prefetch-config.js` reads the same one.
pub const RECENT_LISTS_KEY: &str = "vizjobs.recent-lists";

/// How many addresses are remembered (a few bookmarks' worth).
pub const MAX_RECENT_LISTS: usize = 8;

/// `stored` with `search → url` first, an older entry for `search` dropped, and at most
/// [`MAX_RECENT_LISTS`] entries; `None` when there is nothing to write (already first,
/// or a value that cannot be stored as a line).
pub fn remember(stored: Option<&str>, search: &str, url: &str) -> Option<String> {
    if url.is_empty() || [search, url].iter().any(|s| s.contains(['\n', '\r'])) {
        return None;
    }
    let old = entries(stored.unwrap_or(""));
    if old.first() == Some(&(search, url)) {
        return None;
    }
    let kept = old
        .into_iter()
        .filter(|(s, _)| *s != search)
        .take(MAX_RECENT_LISTS - 1);
    let mut out = cat!(search, "\n", url);
    for (s, u) in kept {
        out.push('\n');
        out.push_str(s);
        out.push('\n');
        out.push_str(u);
    }
    Some(out)
}

/// Address and URL pairs; a trailing odd line or an empty URL is dropped.
fn entries(stored: &str) -> Vec<(&str, &str)> {
    let lines: Vec<&str> = stored.split('\n').collect();
    lines
        .chunks_exact(2)
        .map(|pair| (pair[0], pair[1]))
        .filter(|(_, url)| !url.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "/v1/p/visualization-jobs?limit=10";

    /// The URL remembered for `search`, as `src/prefetch-config.js` looks it up.
    fn recall<'a>(stored: &'a str, search: &str) -> Option<&'a str> {
        entries(stored)
            .into_iter()
            .find(|(s, _)| *s == search)
            .map(|(_, u)| u)
    }

    #[test]
    fn the_newest_address_comes_first_and_replaces_its_old_entry() {
        let once = remember(None, "", A).unwrap();
        assert_eq!(once, format!("\n{A}"));
        assert_eq!(recall(&once, ""), Some(A));

        let twice = remember(Some(&once), "?per_page=1000", "/v1/p/x?limit=1000").unwrap();
        assert_eq!(recall(&twice, "?per_page=1000"), Some("/v1/p/x?limit=1000"));
        assert_eq!(recall(&twice, ""), Some(A));

        // The same address leading elsewhere now (another project in config.json).
        let moved = remember(Some(&twice), "", "/v1/q/visualization-jobs").unwrap();
        assert_eq!(recall(&moved, ""), Some("/v1/q/visualization-jobs"));
        assert_eq!(entries(&moved).len(), 2);
        assert!(moved.starts_with("\n/v1/q/"));
    }

    #[test]
    fn nothing_is_written_when_the_entry_is_already_first() {
        let once = remember(None, "?status=8", A).unwrap();
        assert_eq!(remember(Some(&once), "?status=8", A), None);
    }

    #[test]
    fn at_most_eight_addresses_are_kept_the_oldest_going() {
        let mut stored = String::new();
        for n in 0..12 {
            stored = remember(
                Some(&stored),
                &format!("?page={n}"),
                &format!("{A}&offset={n}"),
            )
            .unwrap();
        }
        let kept = entries(&stored);
        assert_eq!(kept.len(), MAX_RECENT_LISTS);
        assert_eq!(kept[0].0, "?page=11");
        assert_eq!(recall(&stored, "?page=4"), Some(&*format!("{A}&offset=4")));
        assert_eq!(recall(&stored, "?page=3"), None);
    }

    #[test]
    fn unstorable_values_and_damaged_storage_are_refused_or_ignored() {
        assert_eq!(remember(None, "?q=a\nb", A), None);
        assert_eq!(remember(None, "", "/v1/p\r\n"), None);
        assert_eq!(remember(None, "", ""), None);
        // An odd trailing line, an empty URL, other keys' leftovers: skipped, not a panic.
        let damaged = format!("?a\n\n?b\n{A}\n?c");
        assert_eq!(recall(&damaged, "?a"), None);
        assert_eq!(recall(&damaged, "?b"), Some(A));
        assert_eq!(recall(&damaged, "?c"), None);
        let fixed = remember(Some(&damaged), "?d", A).unwrap();
        assert_eq!(entries(&fixed), vec![("?d", A), ("?b", A)]);
    }
}
