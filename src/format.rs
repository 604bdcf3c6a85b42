//! Text for durations, times, counts and links: pure, so host tests reach it.

use crate::{
    actions::RUNNING,
    api::model::{Job, Schedule},
    cat,
    i18n::{fill, t, Lang, Msg},
    substring,
    text::Padded,
};

/// A duration in the units of `lang`: `1h 02m 03s` (`1小时 02分 03秒`); days when long
/// (`3d 04h 05m`); seconds alone when short (`42s`).
pub fn format_duration(ms: i64, lang: Lang) -> String {
    if ms < 0 {
        return String::new();
    }
    let [ud, uh, um, us] = [Msg::UnitD, Msg::UnitH, Msg::UnitM, Msg::UnitS].map(|k| t(lang, k));
    let total = ms / 1000;
    let (d, h, m, s) = (
        total / 86_400,
        total % 86_400 / 3600,
        total % 3600 / 60,
        total % 60,
    );
    if d > 0 {
        cat!(d, ud, " ", Padded(h, 2), uh, " ", Padded(m, 2), um)
    } else if h > 0 {
        cat!(h, uh, " ", Padded(m, 2), um, " ", Padded(s, 2), us)
    } else if m > 0 {
        cat!(m, um, " ", Padded(s, 2), us)
    } else {
        cat!(s, us)
    }
}

/// Seconds as a person writes them, to the millisecond: `20`, `1.5`, `0.25`. Integer
/// arithmetic only: Rust's float formatting would add ~10 KB to the wasm.
pub fn format_seconds(seconds: f64) -> String {
    let ms = (seconds * 1000.0).round() as i64;
    let (whole, fraction) = (ms / 1000, ms % 1000);
    if fraction == 0 {
        return cat!(whole);
    }
    let digits = cat!(Padded(fraction, 3));
    cat!(whole, ".", digits.trim_end_matches('0'))
}

/// "Last updated N s ago" (minutes from two on), for `elapsed_ms` since the answer.
pub fn last_updated(elapsed_ms: i64, lang: Lang) -> String {
    let seconds = (elapsed_ms / 1000).max(0);
    if seconds < 120 {
        fill(lang, Msg::UpdatedSeconds, &[("n", &cat!(seconds))])
    } else {
        fill(lang, Msg::UpdatedMinutes, &[("n", &cat!(seconds / 60))])
    }
}

/// "1 job" / "12 jobs"; `formatted` is `n` written in the language's digits and grouping.
pub fn job_count(n: u64, formatted: &str, lang: Lang) -> String {
    if n == 1 {
        t(lang, Msg::SummaryJobsOne).to_string()
    } else {
        fill(lang, Msg::SummaryJobs, &[("n", formatted)])
    }
}

/// A job's automatic stop in words ("after 4 h"), if it has one.
pub fn schedule_text(schedule: &[Schedule], lang: Lang) -> Option<String> {
    let stop = stop_schedule(schedule)?;
    let unit = match stop.time_unit.as_deref()?.to_ascii_uppercase().as_str() {
        "SECONDS" => Msg::UnitS,
        "MINUTES" => Msg::UnitMin,
        "HOURS" => Msg::UnitH,
        "DAYS" => Msg::UnitD,
        _ => return None,
    };
    Some(fill(
        lang,
        Msg::DetailScheduleAfter,
        &[("n", &cat!(stop.duration?)), ("unit", t(lang, unit))],
    ))
}

/// Time left before an automatic stop, coarse on purpose: `42 min`, `1h 05m`.
pub fn format_countdown(ms: i64, lang: Lang) -> String {
    let minutes = (ms.max(0) + 59_999) / 60_000;
    if minutes < 60 {
        cat!(minutes, " ", t(lang, Msg::UnitMin))
    } else {
        let (h, m) = (minutes / 60, minutes % 60);
        cat!(
            h,
            t(lang, Msg::UnitH),
            " ",
            Padded(m, 2),
            t(lang, Msg::UnitM)
        )
    }
}

/// Milliseconds until a job's automatic stop, from what the API said at `fetched`:
/// `remaining_duration` (seconds) when given, else a `stop` schedule minus the run time.
pub fn stop_in_ms(
    remaining_seconds: Option<i64>,
    schedule: &[Schedule],
    duration_ms: Option<i64>,
) -> Option<i64> {
    if let Some(seconds) = remaining_seconds {
        return Some(seconds.saturating_mul(1000));
    }
    let stop = stop_schedule(schedule)?;
    let unit_ms: i64 = match stop.time_unit.as_deref()?.to_ascii_uppercase().as_str() {
        "SECONDS" => 1000,
        "MINUTES" => 60_000,
        "HOURS" => 3_600_000,
        "DAYS" => 86_400_000,
        _ => return None,
    };
    Some(stop.duration?.saturating_mul(unit_ms) - duration_ms.unwrap_or(0))
}

/// The automatic stop among a job's schedules, if it has one.
fn stop_schedule(schedule: &[Schedule]) -> Option<&Schedule> {
    schedule.iter().find(|s| {
        s.kind
            .as_deref()
            .is_some_and(|k| k.eq_ignore_ascii_case("stop"))
    })
}

/// A job's duration and the time left before its automatic stop (both ms),
/// `elapsed_ms` after the API sent them: a running job's count on and down; any other
/// job's duration stands still, and only a running job has time left.
pub fn live_figures(job: &Job, elapsed_ms: i64) -> (Option<i64>, Option<i64>) {
    if job.status != Some(RUNNING) {
        return (job.duration_ms, None);
    }
    let left = stop_in_ms(job.remaining_duration, &job.schedule, job.duration_ms);
    (
        job.duration_ms.map(|ms| ms + elapsed_ms),
        left.map(|ms| ms - elapsed_ms),
    )
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
#[rustfmt::skip] // The date, the time, the milliseconds: a line each.
pub fn iso_utc(ms: i64) -> String {
    let p = utc_parts(ms);
    cat!(
        Padded(p.year, 4), "-", Padded(p.month, 2), "-", Padded(p.day, 2),
        "T", Padded(p.hour, 2), ":", Padded(p.minute, 2), ":", Padded(p.second, 2),
        ".", Padded(ms.rem_euclid(1000), 3), "Z"
    )
}

/// Months as `en`'s medium date style abbreviates them.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A local date and time as `Intl.DateTimeFormat(lang, { dateStyle: "medium",
/// timeStyle: "short" })` writes it (`Nov 14, 2023, 10:13 PM`; `2023年11月14日 22:13`).
/// Written here rather than asked of `Intl`: the browser's first `Intl` formatter
/// loads its locale data, ~8 ms before the first rows could show (README,
/// "Benchmark"). A browser test compares the two.
pub fn date_time_text(p: DateTimeParts, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let month = MONTHS_EN[(p.month.clamp(1, 12) - 1) as usize];
            let (hour, half) = match p.hour {
                0 => (12, "AM"),
                1..=11 => (p.hour, "AM"),
                12 => (12, "PM"),
                _ => (p.hour - 12, "PM"),
            };
            cat!(
                month,
                " ",
                p.day,
                ", ",
                p.year,
                ", ",
                hour,
                ":",
                Padded(p.minute, 2),
                " ",
                half
            )
        }
        Lang::ZhCn => cat!(
            p.year,
            "年",
            p.month,
            "月",
            p.day,
            "日 ",
            Padded(p.hour, 2),
            ":",
            Padded(p.minute, 2)
        ),
    }
}

/// A count grouped by threes with commas, as `Intl.NumberFormat` writes it for both
/// `en` and `zh-CN` (`1,234,567`).
pub fn grouped_number(n: i64) -> String {
    let digits = cat!(n.unsigned_abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
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
    // After any `user@`: the last `@` (byte search, as the page's other needles).
    let host = substring::rfind(host, "@").map_or(host, |at| &host[at + 1..]);
    if host.is_empty() || host.starts_with(':') {
        return None;
    }
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Chromium 156's `Intl.DateTimeFormat(lang, { dateStyle: "medium",
    /// timeStyle: "short" })` wrote for these instants in UTC.
    const INTL_DATES: [(i64, &str, &str); 9] = [
        (0, "Jan 1, 1970, 12:00 AM", "1970年1月1日 00:00"),
        (
            1_700_000_000_000,
            "Nov 14, 2023, 10:13 PM",
            "2023年11月14日 22:13",
        ),
        (
            1_792_073_006_092,
            "Oct 15, 2026, 2:03 PM",
            "2026年10月15日 14:03",
        ),
        (
            1_767_571_620_000,
            "Jan 5, 2026, 12:07 AM",
            "2026年1月5日 00:07",
        ),
        (
            1_784_116_800_000,
            "Jul 15, 2026, 12:00 PM",
            "2026年7月15日 12:00",
        ),
        (
            1_798_761_540_000,
            "Dec 31, 2026, 11:59 PM",
            "2026年12月31日 23:59",
        ),
        (
            920_192_700_000,
            "Feb 28, 1999, 9:05 AM",
            "1999年2月28日 09:05",
        ),
        (
            253_402_300_800_000,
            "Jan 1, 10000, 12:00 AM",
            "10000年1月1日 00:00",
        ),
        (-1, "Dec 31, 1969, 11:59 PM", "1969年12月31日 23:59"),
    ];

    #[test]
    fn dates_read_as_intl_writes_them() {
        for (ms, en, zh) in INTL_DATES {
            assert_eq!(date_time_text(utc_parts(ms), Lang::En), en, "{ms}");
            assert_eq!(date_time_text(utc_parts(ms), Lang::ZhCn), zh, "{ms}");
        }
    }

    #[test]
    fn counts_are_grouped_by_threes_as_intl_groups_them() {
        for (n, text) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (1_234_567, "1,234,567"),
            (-1234, "-1,234"),
            (9_007_199_254_740_991, "9,007,199,254,740,991"),
            (i64::MIN, "-9,223,372,036,854,775,808"),
        ] {
            assert_eq!(grouped_number(n), text);
        }
    }

    #[test]
    fn only_a_running_job_counts_on_and_down() {
        let job = Job {
            status: Some(RUNNING),
            duration_ms: Some(60_000),
            remaining_duration: Some(600),
            ..Job::default()
        };
        assert_eq!(live_figures(&job, 5_000), (Some(65_000), Some(595_000)));
        let finished = Job {
            status: Some(10),
            ..job.clone()
        };
        assert_eq!(live_figures(&finished, 5_000), (Some(60_000), None));
        let by_schedule = Job {
            remaining_duration: None,
            schedule: vec![Schedule {
                kind: Some("STOP".into()),
                time_unit: Some("minutes".into()),
                duration: Some(2),
            }],
            ..job
        };
        assert_eq!(live_figures(&by_schedule, 0), (Some(60_000), Some(60_000)));
    }

    #[test]
    fn seconds_are_written_without_float_formatting() {
        assert_eq!(format_seconds(20.0), "20");
        assert_eq!(format_seconds(1.5), "1.5");
        assert_eq!(format_seconds(0.25), "0.25");
        assert_eq!(format_seconds(86_400.0), "86400");
        assert_eq!(format_seconds(2.0004), "2");
        assert_eq!(format_seconds(600.125), "600.125");
    }

    #[test]
    fn durations_read_like_a_person_writes_them() {
        assert_eq!(format_duration(3_723_000, Lang::En), "1h 02m 03s");
        assert_eq!(format_duration(42_999, Lang::En), "42s");
        assert_eq!(format_duration(0, Lang::En), "0s");
        assert_eq!(format_duration(65_000, Lang::En), "1m 05s");
        assert_eq!(format_duration(1_502_323, Lang::En), "25m 02s");
        assert_eq!(
            format_duration(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000, Lang::En),
            "3d 04h 05m"
        );
        assert_eq!(format_duration(-5, Lang::En), "");
        assert_eq!(format_duration(3_723_000, Lang::ZhCn), "1小时 02分 03秒");
    }

    #[test]
    fn countdowns_are_coarse() {
        assert_eq!(format_countdown(42 * 60_000, Lang::En), "42 min");
        assert_eq!(format_countdown(41 * 60_000 + 1, Lang::En), "42 min");
        assert_eq!(format_countdown(65 * 60_000, Lang::En), "1h 05m");
        assert_eq!(format_countdown(-5, Lang::En), "0 min");
        assert_eq!(format_countdown(42 * 60_000, Lang::ZhCn), "42 分钟");
    }

    #[test]
    fn stop_time_comes_from_remaining_duration_or_the_schedule() {
        let stop = |unit: &str, n| Schedule {
            kind: Some("stop".into()),
            time_unit: Some(unit.into()),
            duration: Some(n),
        };
        assert_eq!(stop_in_ms(Some(120), &[], None), Some(120_000));
        assert_eq!(
            stop_in_ms(None, &[stop("HOURS", 1)], Some(600_000)),
            Some(3_000_000)
        );
        assert_eq!(stop_in_ms(None, &[stop("minutes", 5)], None), Some(300_000));
        assert_eq!(stop_in_ms(None, &[stop("WEEKS", 1)], None), None);
        assert_eq!(stop_in_ms(None, &[], Some(5)), None);
    }

    #[test]
    fn utc_dates_are_right_across_eras() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_utc(1_709_647_629_123), "2024-03-05T14:07:09.123Z");
        assert_eq!(iso_utc(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso_utc(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso_utc(15_099_239_923), "1970-06-24T18:13:59.923Z");
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

    #[test]
    fn last_updated_counts_seconds_then_minutes() {
        assert_eq!(last_updated(0, Lang::En), "Last updated 0 s ago");
        assert_eq!(last_updated(-5000, Lang::En), "Last updated 0 s ago");
        assert_eq!(last_updated(119_999, Lang::En), "Last updated 119 s ago");
        assert_eq!(last_updated(120_000, Lang::En), "Last updated 2 min ago");
        assert_eq!(last_updated(3_600_000, Lang::ZhCn), "60 分钟前更新");
    }

    #[test]
    fn job_counts_are_singular_only_for_one() {
        assert_eq!(job_count(1, "1", Lang::En), "1 job");
        assert_eq!(job_count(0, "0", Lang::En), "0 jobs");
        assert_eq!(job_count(1234, "1,234", Lang::En), "1,234 jobs");
        assert_eq!(job_count(2, "2", Lang::ZhCn), "2 个作业");
    }

    #[test]
    fn schedules_read_as_words() {
        let four_hours = [Schedule {
            kind: Some("stop".into()),
            time_unit: Some("HOURS".into()),
            duration: Some(4),
        }];
        assert_eq!(
            schedule_text(&four_hours, Lang::En).as_deref(),
            Some("after 4 h")
        );
        assert_eq!(
            schedule_text(&four_hours, Lang::ZhCn).as_deref(),
            Some("4 小时后")
        );
        assert_eq!(schedule_text(&[], Lang::En), None);
    }
}
