//! An answer's bytes read as text, exactly as `fetch`'s `Response.text()` would.
//!
//! The console takes bodies as bytes (`arrayBuffer()`) and decodes them here: copying
//! bytes into wasm memory is one `memcpy`, where `text()` decodes UTF-8 to a JS string
//! that wasm-bindgen then encodes back to UTF-8, and reserves up to three bytes per
//! character for it at the first non-ASCII one.

use std::borrow::Cow;

/// UTF-8 with a leading byte order mark dropped and each malformed sequence replaced by
/// U+FFFD, as the WHATWG "UTF-8 decode" that `text()` runs (both replace maximal
/// subparts).
pub fn body_text(bytes: &[u8]) -> Cow<'_, str> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    String::from_utf8_lossy(bytes.strip_prefix(BOM).unwrap_or(bytes))
}

/// Empties `buffer` and makes it `len` zero bytes, for the next answer's bytes. When it
/// must grow, it grows to an eighth more than `len`, so that answers a little longer
/// than this one (a running job's duration gains a digit) fit: `resize` alone would
/// double a 450 KB buffer for the next longer answer, a ~1 MB step in the wasm memory.
pub fn refill(buffer: &mut Vec<u8>, len: usize) {
    buffer.clear();
    if buffer.capacity() < len {
        buffer.reserve_exact(len + len / 8);
    }
    buffer.resize(len, 0);
}

#[cfg(test)]
mod tests {
    use super::{body_text, refill};

    #[test]
    fn a_slightly_longer_answer_fits_without_doubling_the_buffer() {
        let mut buffer = Vec::new();
        refill(&mut buffer, 450_000);
        assert_eq!(buffer.len(), 450_000);
        let room = buffer.capacity();
        assert!((450_000..=510_000).contains(&room), "{room}");
        // Longer answers within the eighth, and shorter ones, keep the block.
        for len in [450_001, 500_000, 10, 506_250] {
            buffer[0] = 1;
            refill(&mut buffer, len);
            assert_eq!((buffer.len(), buffer.capacity()), (len, room));
            assert!(buffer.iter().all(|&b| b == 0));
        }
        // Beyond it, an eighth more again, not twice as much.
        refill(&mut buffer, 600_000);
        assert!((600_000..=675_000).contains(&buffer.capacity()));
    }

    #[test]
    fn valid_utf8_is_kept_as_it_is() {
        let text = r#"{"job_name":"可视化-😀","job_desc":"a\u00e9"}"#;
        assert_eq!(body_text(text.as_bytes()), text);
        assert_eq!(body_text(&[]), "");
    }

    #[test]
    fn a_leading_byte_order_mark_is_dropped_and_only_that_one() {
        assert_eq!(body_text(b"\xEF\xBB\xBF{}"), "{}");
        assert_eq!(body_text(b"\xEF\xBB\xBF"), "");
        // A second one is text, as for `text()`.
        assert_eq!(body_text(b"\xEF\xBB\xBF\xEF\xBB\xBF{}"), "\u{FEFF}{}");
        assert_eq!(body_text(b" \xEF\xBB\xBF"), " \u{FEFF}");
    }

    #[test]
    fn malformed_sequences_become_replacement_characters_as_in_the_encoding_standard() {
        // Expected values are what Chromium's `new TextDecoder().decode(...)` returns.
        let cases: [(&[u8], &str); 6] = [
            (b"a\xFFb", "a\u{FFFD}b"),
            // A truncated four-byte sequence is one maximal subpart: one U+FFFD.
            (b"a\xF0\x9F\x98b", "a\u{FFFD}b"),
            // An overlong form: neither byte can start or continue it, so two.
            (b"\xC0\x80", "\u{FFFD}\u{FFFD}"),
            // A surrogate encoded in UTF-8: three.
            (b"\xED\xA0\x80", "\u{FFFD}\u{FFFD}\u{FFFD}"),
            // Cut off at the end of the body.
            (b"{\"a\":\"\xE6\x96", "{\"a\":\"\u{FFFD}"),
            (b"\xEF\xBB\xBF\x80", "\u{FFFD}"),
        ];
        for (bytes, text) in cases {
            assert_eq!(body_text(bytes), text, "{bytes:?}");
        }
    }
}
