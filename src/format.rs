//! Text for durations, times, counts and links: pure, so host tests reach it.

/// `1h 02m 03s`; days when long (`3d 04h 05m`); seconds alone when short (`42s`).
pub fn format_duration_ms(ms: i64) -> String {
    if ms < 0 {
        return String::new();
    }
    let total = ms / 1000;
    let (d, h, m, s) = (
        total / 86_400,
        total % 86_400 / 3600,
        total % 3600 / 60,
        total % 60,
    );
    if d > 0 {
        format!("{d}d {h:02}h {m:02}m")
    } else if h > 0 {
        format!("{h}h {m:02}m {s:02}s")
    } else if m > 0 {
        format!("{m}m {s:02}s")
    } else {
        format!("{s}s")
    }
}

/// A calendar date and time split into fields (from the browser's clock and zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTimeParts {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// `2024-03-05 14:07`: sortable, unambiguous in any locale.
pub fn format_date_time(p: DateTimeParts) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        p.year, p.month, p.day, p.hour, p.minute
    )
}

/// UTC parts of epoch milliseconds (Howard Hinnant's civil-from-days).
pub fn utc_parts(ms: i64) -> DateTimeParts {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    DateTimeParts {
        year,
        month,
        day,
        hour: (rem / 3600) as u32,
        minute: (rem % 3600 / 60) as u32,
        second: (rem % 60) as u32,
    }
}

/// `2024-03-05T14:07:09.123Z`, the exact instant for a tooltip.
pub fn iso_utc(ms: i64) -> String {
    let p = utc_parts(ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        p.year,
        p.month,
        p.day,
        p.hour,
        p.minute,
        p.second,
        ms.rem_euclid(1000)
    )
}

/// `1,234,567`.
pub fn format_count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// The URL when it is safe to link: `http:` or `https:` (any case, after trimming)
/// with a host. Anything else (`javascript:`, `data:`, relative paths, control
/// characters a browser would strip to form another scheme) is shown as text only.
pub fn safe_http_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return None;
    }
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_person_writes_them() {
        assert_eq!(format_duration_ms(3_723_000), "1h 02m 03s");
        assert_eq!(format_duration_ms(42_999), "42s");
        assert_eq!(format_duration_ms(0), "0s");
        assert_eq!(format_duration_ms(65_000), "1m 05s");
        assert_eq!(format_duration_ms(1_502_323), "25m 02s");
        assert_eq!(
            format_duration_ms(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000),
            "3d 04h 05m"
        );
        assert_eq!(format_duration_ms(-5), "");
    }

    #[test]
    fn utc_dates_are_right_across_eras() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_utc(1_709_647_629_123), "2024-03-05T14:07:09.123Z");
        assert_eq!(iso_utc(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso_utc(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso_utc(15_099_239_923), "1970-06-24T18:13:59.923Z");
        assert_eq!(
            format_date_time(utc_parts(1_709_647_629_123)),
            "2024-03-05 14:07"
        );
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(1_234_567), "1,234,567");
        assert_eq!(format_count(-1234), "-1,234");
    }

    #[test]
    fn only_http_and_https_urls_with_a_host_are_links() {
        for ok in [
            "https://console.example.com/tb/1",
            "  HTTP://Example.com  ",
            "HtTpS://a.b:8080/x?y#z",
            "https://user@host/",
        ] {
            assert_eq!(safe_http_url(ok).as_deref(), Some(ok.trim()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "/relative/path",
            "//evil.example.com/",
            "https://",
            "https:///path",
            "http:example.com",
            "https://exa mple.com",
            "https://a.com/\nx",
            "",
            "ftp://x",
        ] {
            assert_eq!(safe_http_url(bad), None, "{bad:?}");
        }
    }
}
