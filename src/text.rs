//! Text joined from pieces ([`cat!`]): what `format!` with plain `{}` and `{:0N}`
//! writes, without `core::fmt` (its `Arguments`, `Formatter` and padding code, and the
//! set-up at each call site). The page's text is words and whole numbers; whole
//! numbers are also read back here ([`parse_whole`]).

/// A piece of text [`cat!`] can append.
pub trait Piece {
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

/// Whole numbers, as `{}` writes them (`*self < 0` is never true for the unsigned).
macro_rules! whole_number_pieces {
    ($($t:ty),+) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                push_whole(out, *self < 0 as $t, (*self as i128).unsigned_abs() as u64, 1);
            }
        }
    )+};
}

whole_number_pieces!(i32, i64, u16, u32, u64, usize);

/// A whole number (`.0`) written with at least `.1` digits, zeros first: `Padded(n, 2)`
/// is `{n:02}`.
pub struct Padded<N>(pub N, pub usize);

impl<N: Copy + Into<i64>> Piece for Padded<N> {
    fn push_to(&self, out: &mut String) {
        let n: i64 = self.0.into();
        push_whole(out, n < 0, n.unsigned_abs(), self.1);
    }
}

/// A whole number of this sign and `magnitude` in decimal, with at least `digits`
/// digits (zeros first, after the sign).
pub fn push_whole(out: &mut String, negative: bool, magnitude: u64, digits: usize) {
    let mut buffer = [b'0'; 20];
    let mut rest = magnitude;
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if negative {
        out.push('-');
    }
    let start = start.min(buffer.len().saturating_sub(digits));
    out.extend(buffer[start..].iter().map(|digit| char::from(*digit)));
}

/// A whole number as `str::parse::<i64>` reads it (an optional sign, then ASCII
/// digits, nothing else, within `i64`): one reader for every number the page parses,
/// not a copy of the standard library's per integer type.
pub fn parse_whole(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut value: i64 = 0;
    for digit in digits.bytes() {
        let digit = i64::from(digit.checked_sub(b'0').filter(|d| *d <= 9)?);
        // Built negative, so that `i64::MIN` fits.
        value = value.checked_mul(10)?.checked_sub(digit)?;
    }
    if negative {
        Some(value)
    } else {
        value.checked_neg()
    }
}

/// Joins its pieces (`&str`, `String`, `char`, whole numbers, [`Padded`]) into a new
/// `String`: `cat!(h, "h ", Padded(m, 2), "m")` is `format!("{h}h {m:02}m")`.
#[macro_export]
macro_rules! cat {
    ($($piece:expr),+ $(,)?) => {{
        let mut out = String::new();
        $( $crate::text::Piece::push_to(&$piece, &mut out); )+
        out
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_read_as_parse_reads_them() {
        let cases = [
            "0",
            "7",
            "-7",
            "+7",
            "007",
            "-0",
            "+",
            "-",
            "",
            " 1",
            "1 ",
            "1.0",
            "1e3",
            "--1",
            "+-1",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "١",
            "12a",
            "99999999999999999999999",
        ];
        for text in cases {
            assert_eq!(parse_whole(text), text.parse::<i64>().ok(), "{text:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12_345,
            -1,
            -10,
            -907,
            i64::MAX,
            i64::MIN,
        ] {
            // The page pads no negative number (`format!` counts the sign in the width).
            let widths: &[usize] = if n < 0 { &[1] } else { &[1, 2, 3, 4] };
            for &digits in widths {
                let mut out = String::new();
                push_whole(&mut out, n < 0, n.unsigned_abs(), digits);
                assert_eq!(out, format!("{n:0digits$}"), "{n} in {digits} digits");
            }
        }
    }

    #[test]
    fn pieces_join_in_order() {
        let name = String::from("job");
        let unit: &str = "h";
        assert_eq!(
            cat!(
                name,
                '#',
                3usize,
                " ",
                4u32,
                unit,
                " ",
                Padded(5u32, 2),
                "m",
                -6i64
            ),
            format!("{name}#{} {}{unit} {:02}m{}", 3, 4, 5, -6)
        );
        assert_eq!(cat!("only"), "only");
        assert_eq!(
            cat!(u64::MAX, ' ', u16::MAX, ' ', i32::MIN),
            format!("{} {} {}", u64::MAX, u16::MAX, i32::MIN)
        );
    }
}

// On the host, where proptest runs.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_is_read_as_parse_reads_it(text in "[-+]?[0-9a ]{0,21}") {
            prop_assert_eq!(parse_whole(&text), text.parse::<i64>().ok());
        }

        #[test]
        fn any_whole_number_reads_back(n in any::<i64>()) {
            prop_assert_eq!(parse_whole(&cat!(n)), Some(n));
        }
    }
}
