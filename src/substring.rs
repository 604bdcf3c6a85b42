//! Substring search over bytes, for the few short needles the console looks for in
//! server text. std's `&str` patterns (`contains("…")`, `rsplit_once("…")`) link a
//! two-way searcher into the wasm for them; a window scan is plenty for needles this
//! short in messages this small.

/// Where `needle` last starts in `haystack`, if it occurs.
pub fn rfind(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(h.len());
    }
    h.windows(n.len()).rposition(|w| w == n)
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &str, needle: &str) -> bool {
    rfind(haystack, needle).is_some()
}

// Host only: proptest is a host dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_like_std() {
        assert_eq!(rfind("job status: 10", "status:"), Some(4));
        assert_eq!(rfind("status: 1, status: 2", "status:"), Some(11));
        assert_eq!(rfind("stat", "status:"), None);
        assert_eq!(rfind("", ""), Some(0));
        assert!(contains("text/html; charset=utf-8", "text/html"));
        assert!(!contains("application/json", "text/html"));
        assert!(contains("作业状态status:3", "status:"));
    }

    proptest! {
        #[test]
        fn agrees_with_std(haystack in "[ab状:]{0,12}", needle in "[ab状:]{0,3}") {
            prop_assert_eq!(rfind(&haystack, &needle), haystack.rfind(needle.as_str()));
            prop_assert_eq!(contains(&haystack, &needle), haystack.contains(needle.as_str()));
        }
    }
}
