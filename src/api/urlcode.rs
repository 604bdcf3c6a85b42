//! Percent-encoding for query strings and path segments, small enough to need no crate.

/// Encodes everything but RFC 3986's unreserved characters.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            // By hand, not `format!("%{b:02X}")`: no `core::fmt` in the wasm (`crate::text`).
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.extend([
                '%',
                HEX[usize::from(b >> 4)] as char,
                HEX[usize::from(b & 15)] as char,
            ]);
        }
    }
    out
}

/// Decodes `%XX` and form-style `+`; malformed escapes stay as typed and invalid
/// UTF-8 becomes U+FFFD, so any input decodes.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Splits `a=1&b=2` into raw (still encoded) pairs; a bare key has an empty value.
pub fn parse_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_plus_and_leaves_broken_escapes() {
        assert_eq!(decode_component("a%20b+c"), "a b c");
        assert_eq!(decode_component("%C3%A9"), "é");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz"), "%zz");
        assert_eq!(decode_component("%4"), "%4");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
    }

    #[test]
    fn encode_then_decode_is_identity() {
        for s in ["", "abc", "a b&c=d", "界 /?#%+", "\u{0}\u{7f}"] {
            assert_eq!(decode_component(&encode_component(s)), s);
        }
    }

    #[test]
    fn pairs_split_on_the_first_equals() {
        let v: Vec<_> = parse_pairs("a=1&&b&c=x=y").collect();
        assert_eq!(v, [("a", "1"), ("b", ""), ("c", "x=y")]);
    }
}
