//! JSON as the console needs it: a strict reader (RFC 8259, as serde_json reads it)
//! into a small [`Value`] that keeps every number's digits exactly as sent and borrows
//! every string without escapes from the text (a 1,000-job answer is ~15,000 strings),
//! and a writer for request bodies. serde_json did this too, at ~35 KB of wasm for the
//! generic machinery a four-method use of it never needed; host tests check this
//! reader and writer against serde_json.

use crate::{cat, text::parse_whole};
use std::borrow::Cow;

/// A JSON value. Objects keep their members in order; a repeated key's last value wins.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number<'a>),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Object<'a>),
}

/// A number, as the digits that were sent (a 64-bit ID never passes through `f64`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number<'a>(Cow<'a, str>);

impl Number<'_> {
    /// The number as sent, e.g. `9007199254740993` or `1.5e3`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An integer that fits in `i64` (no fraction or exponent written).
    pub fn as_i64(&self) -> Option<i64> {
        parse_whole(&self.0)
    }

    /// The nearest `f64`; beyond its range, an infinity.
    pub fn as_f64(&self) -> Option<f64> {
        nearest_f64(&self.0)
    }
}

/// The nearest `f64` to a number the reader accepted (JSON's grammar). In the browser
/// the engine's own parser reads it, as correctly rounded as Rust's, which would add
/// ~5 KB of wasm (README, "Benchmark"); a component test checks that both agree.
#[cfg(target_arch = "wasm32")]
fn nearest_f64(digits: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(digits))
}

#[cfg(not(target_arch = "wasm32"))]
fn nearest_f64(digits: &str) -> Option<f64> {
    digits.parse().ok()
}

/// An object's members, in the order sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object<'a>(Vec<(Cow<'a, str>, Value<'a>)>);

impl<'a> Object<'a> {
    pub fn new() -> Self {
        Object(Vec::new())
    }

    /// The value of `key`; the last one when the key repeats (as serde_json keeps it).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn insert(&mut self, key: &'a str, value: Value<'a>) {
        self.0.push((Cow::Borrowed(key), value));
    }
}

impl<'a> Value<'a> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as compact JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self);
        out
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::String(Cow::Borrowed(s))
    }
}

impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Number(Number(Cow::Owned(cat!(n))))
    }
}

/// Why a text is not JSON (the reader stops at the first problem).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError;

/// Nesting deeper than this is refused, as serde_json does, so hostile input cannot
/// exhaust the stack.
const MAX_DEPTH: usize = 128;

/// Reads one JSON value, with only whitespace around it.
pub fn parse(text: &str) -> Result<Value<'_>, ParseError> {
    read(text, None)
}

/// What [`parse_streaming`] hands over of the array it streams.
pub enum Streamed<'a> {
    /// The array begins: forget the elements of an earlier one (the last key wins).
    Start,
    Item(Value<'a>),
}

/// Reads like [`parse`], but when the top-level object's member `key` is an array, hands
/// each of its elements to `each` as soon as it is read, and keeps only an empty array in
/// its place: a 1,000-job answer never holds all its jobs as JSON values at once.
pub fn parse_streaming<'a>(
    text: &'a str,
    key: &str,
    each: &mut dyn FnMut(Streamed<'a>),
) -> Result<Value<'a>, ParseError> {
    read(text, Some((key, each)))
}

fn read<'a, 's>(
    text: &'a str,
    stream: Option<(&'s str, &'s mut dyn FnMut(Streamed<'a>))>,
) -> Result<Value<'a>, ParseError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        stream,
    };
    let value = reader.value(0)?;
    reader.skip_whitespace();
    if reader.at == reader.bytes.len() {
        Ok(value)
    } else {
        Err(ParseError)
    }
}

struct Reader<'a, 's> {
    /// The text, sliced where the reader stops at ASCII bytes (so on character
    /// boundaries): its strings and numbers need no second UTF-8 check.
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    stream: Option<(&'s str, &'s mut dyn FnMut(Streamed<'a>))>,
}

impl<'a> Reader<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), ParseError> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(ParseError)
        }
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, ParseError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(ParseError)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, ParseError> {
        self.skip_whitespace();
        match self.peek().ok_or(ParseError)? {
            b'n' => self.literal("null", Value::Null),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'[' => self.array(depth + 1, false),
            b'{' => self.object(depth + 1),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(ParseError),
        }
    }

    /// An array; `streamed`: its elements go to the stream, leaving an empty one.
    fn array(&mut self, depth: usize, streamed: bool) -> Result<Value<'a>, ParseError> {
        if depth > MAX_DEPTH {
            return Err(ParseError);
        }
        self.at += 1;
        if streamed {
            self.send(Streamed::Start);
        }
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            let item = self.value(depth)?;
            if streamed {
                self.send(Streamed::Item(item));
            } else {
                items.push(item);
            }
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(ParseError),
            }
        }
    }

    fn send(&mut self, streamed: Streamed<'a>) {
        if let Some((_, each)) = self.stream.as_mut() {
            each(streamed);
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, ParseError> {
        if depth > MAX_DEPTH {
            return Err(ParseError);
        }
        self.at += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(Object(members)));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(ParseError);
            }
            let key = self.string()?;
            self.skip_whitespace();
            self.expect(b':')?;
            self.skip_whitespace();
            let streamed = depth == 1
                && self.peek() == Some(b'[')
                && self.stream.as_ref().is_some_and(|(k, _)| *k == key);
            let value = if streamed {
                self.array(depth + 1, true)?
            } else {
                self.value(depth)?
            };
            members.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(Object(members)));
                }
                _ => return Err(ParseError),
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as written.
    fn number(&mut self) -> Result<Value<'a>, ParseError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(ParseError),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.required_digits()?;
        }
        Ok(Value::Number(Number(Cow::Borrowed(self.slice(start)?))))
    }

    /// The text from `start` to where the reader is (both at ASCII bytes or the ends).
    fn slice(&self, start: usize) -> Result<&'a str, ParseError> {
        self.text.get(start..self.at).ok_or(ParseError)
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), ParseError> {
        let start = self.at;
        self.digits();
        if self.at == start {
            Err(ParseError)
        } else {
            Ok(())
        }
    }

    /// A string: borrowed from the text when it has no escape, else built.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.at += 1; // the opening quote
        let mut built: Option<String> = None;
        loop {
            let run_start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            let run = self.slice(run_start)?;
            match self.peek().ok_or(ParseError)? {
                b'"' => {
                    self.at += 1;
                    return Ok(match built {
                        None => Cow::Borrowed(run),
                        Some(mut out) => {
                            out.push_str(run);
                            Cow::Owned(out)
                        }
                    });
                }
                b'\\' => {
                    self.at += 1;
                    let out = built.get_or_insert_with(String::new);
                    out.push_str(run);
                    self.escape(out)?;
                }
                // An unescaped control character.
                _ => return Err(ParseError),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let byte = self.peek().ok_or(ParseError)?;
        self.at += 1;
        out.push(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        // A pair: the low half must follow as its own escape.
                        if !self.bytes[self.at..].starts_with(b"\\u") {
                            return Err(ParseError);
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(ParseError);
                        }
                        0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(ParseError),
                    _ => first,
                };
                char::from_u32(code).ok_or(ParseError)?
            }
            _ => return Err(ParseError),
        });
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or(ParseError)?;
        let mut code = 0;
        for &d in digits {
            code = code * 16 + (d as char).to_digit(16).ok_or(ParseError)?;
        }
        self.at += 4;
        Ok(code)
    }
}

fn write_value(out: &mut String, value: &Value<'_>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.0),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(Object(members)) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// A JSON string: quotes, backslashes and control characters escaped.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                // By hand, not `write!`, as every text here (`crate::text`): `\u001f`.
                let hex = b"0123456789abcdef";
                out.push_str(if (c as u32) < 0x10 {
                    "\\u000"
                } else {
                    "\\u001"
                });
                out.push(char::from(hex[(c as u32 & 0xf) as usize]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

// On the host, where proptest runs.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Our value, compared with the one serde_json read from the same text.
    fn same_as_serde(ours: &Value, theirs: &serde_json::Value) -> bool {
        match (ours, theirs) {
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Value::Number(a), serde_json::Value::Number(b)) => {
                serde_form(a.as_str()) == b.to_string()
            }
            (Value::String(a), serde_json::Value::String(b)) => a == b,
            (Value::Array(a), serde_json::Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_as_serde(x, y))
            }
            (Value::Object(a), serde_json::Value::Object(b)) => {
                b.iter()
                    .all(|(k, v)| a.get(k).is_some_and(|ours| same_as_serde(ours, v)))
                    && a.0.iter().all(|(k, _)| b.contains_key(k.as_ref()))
            }
            _ => false,
        }
    }

    /// serde_json writes an exponent as `e+5` where the text said `E5`; we keep the text.
    fn serde_form(number: &str) -> String {
        match number.to_ascii_lowercase().split_once('e') {
            Some((m, e)) if !e.starts_with(['+', '-']) => format!("{m}e+{e}"),
            Some((m, e)) => format!("{m}e{e}"),
            None => number.to_string(),
        }
    }

    fn json_text() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            Just("false".to_string()),
            "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,5})?([eE][+-]?[0-9]{1,3})?",
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
            "\"(\\\\u[dD][89abAB][0-9a-fA-F]{2}\\\\u[dD][c-fC-F][0-9a-fA-F]{2}|[a-z ]|\\\\[nrt\"/\\\\])*\"",
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6)
                    .prop_map(|v| format!("[{}]", v.join(" , "))),
                prop::collection::vec(("[a-c]{1,2}", inner), 0..6).prop_map(|m| {
                    let members: Vec<String> = m
                        .into_iter()
                        .map(|(k, v)| format!("\"{k}\":\t{v}"))
                        .collect();
                    format!("{{ {} }}", members.join(",\n"))
                }),
            ]
        })
    }

    proptest! {
        #[test]
        fn reads_valid_json_as_serde_json_does(text in json_text()) {
            let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
            let ours = parse(&text).unwrap();
            prop_assert!(same_as_serde(&ours, &theirs), "{text}");
            // And what we write, serde_json reads back as the same value.
            let written: serde_json::Value = serde_json::from_str(&ours.to_json()).unwrap();
            prop_assert!(same_as_serde(&ours, &written), "{}", ours.to_json());
        }

        #[test]
        fn refuses_what_serde_json_refuses(text in "[\\[\\]{}\",:0-9a-z\\\\ .eE+-]{0,24}") {
            let theirs = serde_json::from_str::<serde_json::Value>(&text).is_ok();
            prop_assert_eq!(parse(&text).is_ok(), theirs, "{}", text);
            prop_assert_eq!(streamed(&text).is_ok(), theirs, "{}", text);
        }

        #[test]
        fn streaming_reads_what_parse_reads(text in json_text()) {
            let full = parse(&text).unwrap();
            let (value, items) = streamed(&text).unwrap();
            // The winning `a` array's elements were handed over, in order...
            if let Some(Value::Array(expected)) = full.as_object().and_then(|o| o.get("a")) {
                let expected: Vec<String> = expected.iter().map(Value::to_json).collect();
                prop_assert_eq!(&items, &expected, "{}", text);
            }
            // ...and the value is parse's, with each top-level `a` array left empty.
            let mut emptied = full.clone();
            if let Value::Object(members) = &mut emptied {
                for (key, member) in &mut members.0 {
                    if key == "a" && matches!(member, Value::Array(_)) {
                        *member = Value::Array(Vec::new());
                    }
                }
            }
            prop_assert_eq!(value.to_json(), emptied.to_json(), "{}", text);
        }
    }

    /// `parse_streaming` on key `a`: the value, and the elements since the last `Start`.
    fn streamed(text: &str) -> Result<(Value<'_>, Vec<String>), ParseError> {
        let mut items = Vec::new();
        let value = parse_streaming(text, "a", &mut |streamed| match streamed {
            Streamed::Start => items.clear(),
            Streamed::Item(item) => items.push(item.to_json()),
        })?;
        Ok((value, items))
    }

    #[test]
    fn streaming_hands_over_only_the_top_level_array() {
        let text = r#"{"a":[{"x":[1]}, 2, "s"], "b":{"a":[3]}, "c":[{"a":[4]}]}"#;
        let (value, items) = streamed(text).unwrap();
        assert_eq!(items, [r#"{"x":[1]}"#, "2", r#""s""#]);
        assert_eq!(value.to_json(), r#"{"a":[],"b":{"a":[3]},"c":[{"a":[4]}]}"#);
        // Not an array: kept as it is, and nothing streamed.
        let (value, items) = streamed(r#"{"a":{"b":[1]}}"#).unwrap();
        assert!(items.is_empty());
        assert_eq!(value.to_json(), r#"{"a":{"b":[1]}}"#);
        // A top-level array is not an object's member.
        assert!(streamed("[[1]]").unwrap().1.is_empty());
        // Cut off after some elements: refused like `parse` refuses it.
        assert_eq!(streamed(r#"{"a":[1,2"#).map(|_| ()), Err(ParseError));
        assert_eq!(streamed(r#"{"a":[1,2,]}"#).map(|_| ()), Err(ParseError));
    }

    #[test]
    fn known_edges() {
        for bad in [
            "",
            " ",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "'a'",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\u12\"",
            "\"a\nb\"",
            "nul",
            "[1] x",
            "\u{feff}{}",
        ] {
            assert_eq!(parse(bad), Err(ParseError), "{bad:?}");
        }
        assert_eq!(parse(&"[".repeat(129)), Err(ParseError));
        assert!(parse(&format!("{}{}", "[".repeat(128), "]".repeat(128))).is_ok());
        let big =
            parse("{\"job_id\": 9007199254740993, \"job_id\": 12345678901234567890123}").unwrap();
        let id = big.as_object().unwrap().get("job_id").unwrap();
        assert_eq!(id, &Value::Number(Number("12345678901234567890123".into())));
        assert_eq!(parse("1e400").unwrap().as_f64(), Some(f64::INFINITY));
        // Strings without escapes are borrowed from the text; others are built.
        let Value::Array(items) = parse(r#"["plain", "a \"quote\""]"#).unwrap() else {
            panic!("an array")
        };
        assert!(matches!(&items[0], Value::String(Cow::Borrowed("plain"))));
        assert!(matches!(&items[1], Value::String(Cow::Owned(s)) if s == "a \"quote\""));
        assert_eq!(parse("\"\\ud83d\\ude00\"").unwrap().as_str(), Some("😀"));
        let mut o = Object::new();
        o.insert("d", Value::from("a\"b\\c\n\u{1}é"));
        o.insert("n", Value::from(3));
        assert_eq!(
            Value::Object(o).to_json(),
            r#"{"d":"a\"b\\c\n\u0001é","n":3}"#
        );
    }
}
