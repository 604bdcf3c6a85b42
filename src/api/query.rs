//! `ListQuery`: the one description of what the page shows. Parsed (with corrections)
//! from the page URL, written back to the URL, and turned into the API request.

use super::urlcode::{decode_component, encode_component, parse_pairs};
use crate::{
    cat,
    i18n::{fill, t, Lang, Msg},
    text::parse_whole,
};

pub const MAX_SEARCH_CHARS: usize = 64;
pub const MIN_PER_PAGE: u32 = 1;
pub const MAX_PER_PAGE: u32 = 1000;
pub const DEFAULT_PER_PAGE: u32 = 10;
/// Far beyond any real project (a billion jobs at the largest page size); a larger page
/// in a link is a typo, corrected to the first page with a notice.
pub const MAX_PAGE: u32 = 1_000_000;
/// Choices offered by the page-size select; the URL may hold any valid size.
pub const PAGE_SIZES: [u32; 6] = [10, 20, 50, 100, 500, 1000];
/// The API's own default workspace.
pub const API_DEFAULT_WORKSPACE: &str = "0";

/// A server-side sort column (the API's `sortBy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    #[default]
    JobId,
    JobName,
    JobDesc,
    CreateTime,
    Status,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::JobId,
        SortKey::JobName,
        SortKey::JobDesc,
        SortKey::CreateTime,
        SortKey::Status,
    ];

    pub fn as_param(self) -> &'static str {
        match self {
            SortKey::JobId => "job_id",
            SortKey::JobName => "job_name",
            SortKey::JobDesc => "job_desc",
            SortKey::CreateTime => "create_time",
            SortKey::Status => "status",
        }
    }

    pub fn from_param(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_param() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Order {
    #[default]
    Asc,
    Desc,
}

impl Order {
    pub fn as_param(self) -> &'static str {
        match self {
            Order::Asc => "asc",
            Order::Desc => "desc",
        }
    }

    pub fn from_param(s: &str) -> Option<Order> {
        match s {
            "asc" => Some(Order::Asc),
            "desc" => Some(Order::Desc),
            _ => None,
        }
    }
}

/// Where a parameter that the URL leaves out comes from: `config.json`, else the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryDefaults {
    pub project_id: String,
    pub workspace_id: String,
}

impl Default for QueryDefaults {
    fn default() -> Self {
        QueryDefaults {
            project_id: String::new(),
            workspace_id: API_DEFAULT_WORKSPACE.to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ListQuery {
    pub project_id: String,
    pub workspace_id: String,
    pub status: Option<i64>,
    pub search_content: String,
    pub sort_by: SortKey,
    pub order: Order,
    pub page: u32,
    pub per_page: u32,
}

impl ListQuery {
    pub fn new(defaults: &QueryDefaults) -> Self {
        ListQuery {
            project_id: defaults.project_id.clone(),
            workspace_id: defaults.workspace_id.clone(),
            status: None,
            search_content: String::new(),
            sort_by: SortKey::default(),
            order: Order::default(),
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }

    /// Filters narrow the result; "clear filters" resets exactly these.
    pub fn has_filters(&self) -> bool {
        self.status.is_some() || !self.search_content.is_empty()
    }

    pub fn with_status(&self, status: Option<i64>) -> Self {
        ListQuery {
            status,
            page: 1,
            ..self.clone()
        }
    }

    /// The search text, cut to the API's limit; the flag says whether it was cut.
    pub fn with_search(&self, text: &str) -> (Self, bool) {
        let (search_content, cut) = truncate_chars(text, MAX_SEARCH_CHARS);
        (
            ListQuery {
                search_content,
                page: 1,
                ..self.clone()
            },
            cut,
        )
    }

    pub fn with_per_page(&self, per_page: u32) -> Self {
        ListQuery {
            per_page: per_page.clamp(MIN_PER_PAGE, MAX_PER_PAGE),
            page: 1,
            ..self.clone()
        }
    }

    pub fn with_page(&self, page: u32) -> Self {
        ListQuery {
            page: page.max(1),
            ..self.clone()
        }
    }

    pub fn with_project(&self, project_id: &str) -> Self {
        ListQuery {
            project_id: project_id.trim().to_string(),
            page: 1,
            ..self.clone()
        }
    }

    /// An emptied field means the default workspace, as `?workspace_id=` does: the
    /// one from `config.json`, else the API's.
    pub fn with_workspace(&self, workspace_id: &str, defaults: &QueryDefaults) -> Self {
        let trimmed = workspace_id.trim();
        ListQuery {
            workspace_id: if trimmed.is_empty() {
                defaults.workspace_id.clone()
            } else {
                trimmed.to_string()
            },
            page: 1,
            ..self.clone()
        }
    }

    pub fn without_filters(&self) -> Self {
        ListQuery {
            status: None,
            search_content: String::new(),
            page: 1,
            ..self.clone()
        }
    }

    /// A header click: a new column sorts ascending, the same column flips.
    pub fn with_sort_toggled(&self, key: SortKey) -> Self {
        let order = if self.sort_by == key && self.order == Order::Asc {
            Order::Desc
        } else {
            Order::Asc
        };
        ListQuery {
            sort_by: key,
            order,
            page: 1,
            ..self.clone()
        }
    }

    /// All parameters in the documented order, each `Some` only when it differs from
    /// the given baseline (so defaults stay out of URLs and requests).
    fn params(&self, baseline: &QueryDefaults) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.project_id != baseline.project_id {
            out.push(("project_id", self.project_id.clone()));
        }
        if self.workspace_id != baseline.workspace_id {
            out.push(("workspace_id", self.workspace_id.clone()));
        }
        if let Some(status) = self.status {
            out.push(("status", cat!(status)));
        }
        if !self.search_content.is_empty() {
            out.push(("search_content", self.search_content.clone()));
        }
        if self.sort_by != SortKey::default() {
            out.push(("sortBy", self.sort_by.as_param().to_string()));
        }
        if self.order != Order::default() {
            out.push(("order", self.order.as_param().to_string()));
        }
        if self.page != 1 {
            out.push(("page", cat!(self.page)));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            out.push(("per_page", cat!(self.per_page)));
        }
        out
    }

    /// The page's query string (`?…`, or `""` when everything is at its default).
    pub fn to_url_search(&self, defaults: &QueryDefaults) -> String {
        join_pairs('?', &self.params(defaults))
    }

    /// `{api_base}/v1/{project_id}/visualization-jobs?{parameters}`.
    pub fn to_request_url(&self, api_base: &str) -> String {
        // The project travels in the path, so compare against an empty one to leave it out.
        let api_defaults = QueryDefaults {
            project_id: self.project_id.clone(),
            workspace_id: API_DEFAULT_WORKSPACE.to_string(),
        };
        cat!(
            api_base.trim_end_matches('/'),
            "/v1/",
            encode_component(&self.project_id),
            "/visualization-jobs",
            join_pairs('?', &self.params(&api_defaults))
        )
    }
}

fn join_pairs(lead: char, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for (k, v) in pairs {
        out.push(if out.is_empty() { lead } else { '&' });
        out.push_str(k);
        out.push('=');
        out.push_str(&encode_component(v));
    }
    out
}

fn truncate_chars(text: &str, max: usize) -> (String, bool) {
    match text.char_indices().nth(max) {
        Some((cut_at, _)) => (text[..cut_at].to_string(), true),
        None => (text.to_string(), false),
    }
}

/// Something the page changed while reading its URL; shown in the notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub param: String,
    pub given: String,
    pub reason: CorrectionReason,
    pub used: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorrectionReason {
    NotANumber,
    OutOfRange,
    UnknownValue,
    TooLong,
    UnknownParameter,
}

impl Correction {
    pub fn message(&self, lang: Lang) -> String {
        let given = shorten_for_display(&self.given);
        let used = if self.used == ALL_STATUSES {
            t(lang, Msg::FixAllStatuses).to_string()
        } else {
            self.used.clone()
        };
        let key = match self.reason {
            CorrectionReason::NotANumber => Msg::FixNotANumber,
            CorrectionReason::OutOfRange => Msg::FixOutOfRange,
            CorrectionReason::UnknownValue => Msg::FixUnknownValue,
            CorrectionReason::TooLong => Msg::FixTooLong,
            CorrectionReason::UnknownParameter => Msg::FixUnknownParam,
        };
        fill(
            lang,
            key,
            &[
                ("param", &self.param),
                ("given", &given),
                ("used", &used),
                ("max", &cat!(MAX_SEARCH_CHARS)),
            ],
        )
    }
}

/// The `used` value of a corrected `status`: shown as words in the notice.
const ALL_STATUSES: &str = "";

fn shorten_for_display(s: &str) -> String {
    let (short, cut) = truncate_chars(s, 40);
    if cut {
        cat!(short, "…")
    } else {
        short
    }
}

/// The page's whole URL state: the list's query, and the job whose details are open
/// (`?job=<id>`, the one parameter that is not an API name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlState {
    pub query: ListQuery,
    pub job: Option<String>,
}

impl UrlState {
    pub fn to_url_search(&self, defaults: &QueryDefaults) -> String {
        let mut pairs = self.query.params(defaults);
        if let Some(job) = &self.job {
            pairs.push(("job", job.clone()));
        }
        join_pairs('?', &pairs)
    }
}

/// Reads a page query string (with or without the leading `?`) into a valid query,
/// listing every change made. The first occurrence of a repeated parameter wins.
pub fn parse_url_search(search: &str, defaults: &QueryDefaults) -> (ListQuery, Vec<Correction>) {
    let (state, corrections) = parse_url_state(search, defaults);
    (state.query, corrections)
}

/// [`parse_url_search`], keeping `job` too.
pub fn parse_url_state(search: &str, defaults: &QueryDefaults) -> (UrlState, Vec<Correction>) {
    let mut job = None;
    let mut query = ListQuery::new(defaults);
    let mut corrections = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (raw_key, raw_value) in parse_pairs(search.trim_start_matches('?')) {
        let key = decode_component(raw_key);
        let value = decode_component(raw_value);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key.clone());
        let mut correct = |reason, used: String| {
            corrections.push(Correction {
                param: key.clone(),
                given: value.clone(),
                reason,
                used,
            })
        };
        match key.as_str() {
            "project_id" => query.project_id = value.trim().to_string(),
            "job" => job = Some(value.trim().to_string()).filter(|j| !j.is_empty()),
            "workspace_id" => {
                if !value.trim().is_empty() {
                    query.workspace_id = value.trim().to_string();
                }
            }
            "status" => {
                let trimmed = value.trim();
                if trimmed.is_empty() {
                    // `status=` is the select's "all statuses"
                } else if let Some(code) = parse_whole(trimmed) {
                    query.status = Some(code);
                } else {
                    correct(CorrectionReason::NotANumber, ALL_STATUSES.into());
                }
            }
            "search_content" => {
                let (text, cut) = truncate_chars(&value, MAX_SEARCH_CHARS);
                if cut {
                    correct(CorrectionReason::TooLong, cat!('"', text, '"'));
                }
                query.search_content = text;
            }
            "sortBy" => match SortKey::from_param(value.trim()) {
                Some(key) => query.sort_by = key,
                None => correct(CorrectionReason::UnknownValue, "job_id".into()),
            },
            "order" => match Order::from_param(value.trim()) {
                Some(order) => query.order = order,
                None => correct(CorrectionReason::UnknownValue, "asc".into()),
            },
            "page" => match parse_whole(value.trim()) {
                Some(p) if (1..=i64::from(MAX_PAGE)).contains(&p) => query.page = p as u32,
                Some(_) => correct(CorrectionReason::OutOfRange, "1".into()),
                // Digits too many for any integer are out of range, not "not a number".
                None if is_all_digits(value.trim()) => {
                    correct(CorrectionReason::OutOfRange, "1".into())
                }
                None => correct(CorrectionReason::NotANumber, "1".into()),
            },
            "per_page" => match parse_whole(value.trim()) {
                Some(n) if (1..=i64::from(MAX_PER_PAGE)).contains(&n) => query.per_page = n as u32,
                Some(n) => {
                    let used = if n > i64::from(MAX_PER_PAGE) {
                        MAX_PER_PAGE
                    } else {
                        DEFAULT_PER_PAGE
                    };
                    query.per_page = used;
                    correct(CorrectionReason::OutOfRange, cat!(used));
                }
                None => correct(CorrectionReason::NotANumber, cat!(DEFAULT_PER_PAGE)),
            },
            _ => correct(CorrectionReason::UnknownParameter, String::new()),
        }
    }
    (UrlState { query, job }, corrections)
}

/// What the pager can offer for the page on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// `None` when the answer carried no `job_total_count`.
    pub pages: Option<u64>,
    pub has_next: bool,
}

/// Without a total, a page that came back full may have a successor: Next stays on
/// until a page comes back short.
pub fn paging(page: u32, per_page: u32, total: Option<u64>, rows_on_page: usize) -> Paging {
    match total {
        Some(total) => {
            let pages = page_count(total, per_page);
            Paging {
                pages: Some(pages),
                has_next: u64::from(page) < pages,
            }
        }
        None => Paging {
            pages: None,
            has_next: rows_on_page as u64 >= u64::from(per_page.max(1)),
        },
    }
}

fn is_all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Pages needed for `total` jobs; an empty result still has one page.
pub fn page_count(total: u64, per_page: u32) -> u64 {
    total.div_ceil(u64::from(per_page.max(1))).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> QueryDefaults {
        QueryDefaults {
            project_id: "p1".into(),
            workspace_id: "0".into(),
        }
    }

    #[test]
    fn empty_url_gives_the_defaults() {
        let (q, c) = parse_url_search("", &defaults());
        assert_eq!(q, ListQuery::new(&defaults()));
        assert!(c.is_empty());
        assert_eq!(q.to_url_search(&defaults()), "");
    }

    #[test]
    fn the_documented_example_round_trips() {
        let url = "?project_id=P&workspace_id=0&status=8&search_content=abc&sortBy=create_time&order=desc&page=2&per_page=50";
        let (q, c) = parse_url_search(url, &defaults());
        assert!(c.is_empty(), "{c:?}");
        assert_eq!(q.project_id, "P");
        assert_eq!(q.status, Some(8));
        assert_eq!(q.search_content, "abc");
        assert_eq!(q.sort_by, SortKey::CreateTime);
        assert_eq!(q.order, Order::Desc);
        assert_eq!(q.page, 2);
        assert_eq!(q.per_page, 50);
        // workspace_id=0 is the default, so it leaves the URL
        assert_eq!(
            q.to_url_search(&defaults()),
            "?project_id=P&status=8&search_content=abc&sortBy=create_time&order=desc&page=2&per_page=50"
        );
    }

    #[test]
    fn bad_values_are_corrected_and_reported() {
        let url = "?per_page=5000&page=-3&sortBy=nope&order=up&status=running&search_content="
            .to_string()
            + &"x".repeat(70);
        let (q, c) = parse_url_search(&url, &defaults());
        assert_eq!(q.per_page, 1000);
        assert_eq!(q.page, 1);
        assert_eq!(q.sort_by, SortKey::JobId);
        assert_eq!(q.order, Order::Asc);
        assert_eq!(q.status, None);
        assert_eq!(q.search_content.chars().count(), 64);
        let params: Vec<&str> = c.iter().map(|c| c.param.as_str()).collect();
        assert_eq!(
            params,
            [
                "per_page",
                "page",
                "sortBy",
                "order",
                "status",
                "search_content"
            ]
        );
        assert!(c.iter().all(|c| !c.message(Lang::En).is_empty()));
        assert_eq!(
            c[0].message(Lang::En),
            "per_page=5000 is out of range; using 1000."
        );
        assert_eq!(
            c[4].message(Lang::En),
            "status=\"running\" is not a whole number; using all statuses."
        );
        assert_eq!(
            c[4].message(Lang::ZhCn),
            "status=\"running\" 不是整数；改用 全部状态。"
        );
        assert_eq!(
            q.to_url_search(&defaults()),
            format!("?search_content={}&per_page=1000", "x".repeat(64))
        );
    }

    #[test]
    fn per_page_zero_and_non_numbers_fall_back_to_the_default() {
        let (q, c) = parse_url_search("per_page=0", &defaults());
        assert_eq!(q.per_page, 10);
        assert_eq!(c[0].reason, CorrectionReason::OutOfRange);
        let (q, c) = parse_url_search("per_page=ten&page=two", &defaults());
        assert_eq!((q.per_page, q.page), (10, 1));
        assert_eq!(c.len(), 2);
        assert!(c.iter().all(|c| c.reason == CorrectionReason::NotANumber));
    }

    #[test]
    fn unknown_parameters_are_dropped_with_a_note_and_repeats_keep_the_first() {
        let (q, c) = parse_url_search("?utm=1&page=2&page=3", &defaults());
        assert_eq!(q.page, 2);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].reason, CorrectionReason::UnknownParameter);
    }

    #[test]
    fn percent_encoding_round_trips_unicode_and_reserved_characters() {
        let (q, _) = parse_url_search("", &defaults());
        let (q, cut) = q.with_search("a b&c=d/é?#+");
        assert!(!cut);
        let search = q.to_url_search(&defaults());
        assert_eq!(search, "?search_content=a%20b%26c%3Dd%2F%C3%A9%3F%23%2B");
        let (back, c) = parse_url_search(&search, &defaults());
        assert!(c.is_empty());
        assert_eq!(back, q);
        let (plus, _) = parse_url_search("search_content=a+b", &defaults());
        assert_eq!(plus.search_content, "a b");
    }

    #[test]
    fn search_is_cut_at_64_characters_not_bytes() {
        let q = ListQuery::new(&defaults());
        let (q2, cut) = q.with_search(&"界".repeat(64));
        assert!(!cut);
        assert_eq!(q2.search_content.chars().count(), 64);
        let (q3, cut) = q.with_search(&"界".repeat(65));
        assert!(cut);
        assert_eq!(q3.search_content, "界".repeat(64));
    }

    #[test]
    fn changes_go_back_to_page_one_but_paging_does_not() {
        let q = ListQuery::new(&defaults()).with_page(4);
        assert_eq!(q.with_status(Some(8)).page, 1);
        assert_eq!(q.with_search("x").0.page, 1);
        assert_eq!(q.with_per_page(50).page, 1);
        assert_eq!(q.with_workspace("7", &defaults()).page, 1);
        assert_eq!(q.with_sort_toggled(SortKey::Status).page, 1);
        assert_eq!(q.with_page(5).page, 5);
        assert_eq!(q.with_page(0).page, 1);
    }

    #[test]
    fn sort_toggle_goes_asc_then_desc_and_a_new_column_starts_asc() {
        let q = ListQuery::new(&defaults());
        let a = q.with_sort_toggled(SortKey::JobName);
        assert_eq!((a.sort_by, a.order), (SortKey::JobName, Order::Asc));
        let d = a.with_sort_toggled(SortKey::JobName);
        assert_eq!((d.sort_by, d.order), (SortKey::JobName, Order::Desc));
        let again = d.with_sort_toggled(SortKey::JobName);
        assert_eq!(again.order, Order::Asc);
        let other = d.with_sort_toggled(SortKey::Status);
        assert_eq!((other.sort_by, other.order), (SortKey::Status, Order::Asc));
        // the default column clicked once flips to descending
        let id = q.with_sort_toggled(SortKey::JobId);
        assert_eq!(id.order, Order::Desc);
    }

    #[test]
    fn request_url_leaves_out_api_defaults_and_encodes_the_project() {
        let q = ListQuery::new(&defaults());
        assert_eq!(q.to_request_url(""), "/v1/p1/visualization-jobs");
        let q = q
            .with_project("a/b c")
            .with_per_page(50)
            .with_status(Some(3));
        assert_eq!(
            q.to_request_url("https://api.example.com/"),
            "https://api.example.com/v1/a%2Fb%20c/visualization-jobs?status=3&per_page=50"
        );
        let q = q
            .with_workspace("ws-9", &QueryDefaults::default())
            .with_page(2);
        assert_eq!(
            q.to_request_url("/modelarts"),
            "/modelarts/v1/a%2Fb%20c/visualization-jobs?workspace_id=ws-9&status=3&page=2&per_page=50"
        );
    }

    #[test]
    fn config_defaults_stay_out_of_the_url() {
        let d = QueryDefaults {
            project_id: "cfg".into(),
            workspace_id: "ws".into(),
        };
        let q = ListQuery::new(&d);
        assert_eq!(q.to_url_search(&d), "");
        // but the request names the workspace, since the API's default is "0"
        assert_eq!(
            q.to_request_url(""),
            "/v1/cfg/visualization-jobs?workspace_id=ws"
        );
        assert_eq!(
            q.with_workspace("0", &d).to_url_search(&d),
            "?workspace_id=0"
        );
    }

    #[test]
    fn page_count_rounds_up_and_is_at_least_one() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(150, 1000), 1);
    }

    #[test]
    fn clearing_the_workspace_means_the_configured_default() {
        let d = QueryDefaults {
            project_id: "cfg".into(),
            workspace_id: "ws".into(),
        };
        let q = ListQuery::new(&d).with_workspace("other", &d);
        let cleared = q.with_workspace("  ", &d);
        assert_eq!(cleared.workspace_id, "ws");
        // the same as a link with `?workspace_id=`
        assert_eq!(cleared, parse_url_search("?workspace_id=", &d).0);
        assert_eq!(cleared.to_url_search(&d), "");
    }

    #[test]
    fn an_absurd_page_is_corrected_with_a_notice() {
        for given in ["99999999999", "99999999999999999999999", "1000001"] {
            let (q, fixes) = parse_url_search(&format!("?page={given}"), &defaults());
            assert_eq!(q.page, 1, "{given}");
            assert_eq!(fixes.len(), 1, "{given}");
            assert_eq!(fixes[0].reason, CorrectionReason::OutOfRange);
        }
        let (q, fixes) = parse_url_search("?page=1000000", &defaults());
        assert_eq!((q.page, fixes.len()), (1_000_000, 0));
    }

    #[test]
    fn without_a_total_next_stays_on_while_pages_come_back_full() {
        assert_eq!(
            paging(1, 10, None, 10),
            Paging {
                pages: None,
                has_next: true
            }
        );
        assert!(!paging(3, 10, None, 4).has_next);
        assert!(!paging(3, 10, None, 0).has_next);
        assert_eq!(
            paging(2, 10, Some(25), 10),
            Paging {
                pages: Some(3),
                has_next: true
            }
        );
        assert!(!paging(3, 10, Some(25), 5).has_next);
    }

    #[test]
    fn the_open_job_rides_along_in_the_url() {
        let d = defaults();
        let (state, fixes) = parse_url_state("?status=8&job=9007199254740993", &d);
        assert!(fixes.is_empty());
        assert_eq!(state.job.as_deref(), Some("9007199254740993"));
        assert_eq!(state.query.status, Some(8));
        assert_eq!(state.to_url_search(&d), "?status=8&job=9007199254740993");
        let closed = UrlState { job: None, ..state };
        assert_eq!(closed.to_url_search(&d), "?status=8");
        assert_eq!(parse_url_state("?job=", &d).0.job, None);
    }
}
