//! Every visible string, in English and Simplified Chinese. A key missing from either
//! catalogue fails a host test; at run time a missing key falls back to English.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// BCP 47 tag, for `Intl`, `<html lang>` and `localStorage`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// Its own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "en" => Some(Lang::En),
            "zh-CN" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// A browser language such as `zh-Hans-CN` or `en-GB`; any Chinese reads zh-CN.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }
}

/// The message for `key`; `{name}` placeholders are filled by [`fill`].
pub fn t(lang: Lang, key: &str) -> &'static str {
    let catalogue = match lang {
        Lang::En => EN,
        Lang::ZhCn => ZH,
    };
    lookup(catalogue, key)
        .or_else(|| lookup(EN, key))
        .unwrap_or("")
}

fn lookup(catalogue: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    catalogue.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// `t` with `{name}` placeholders replaced.
pub fn fill(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut text = t(lang, key).to_string();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

const EN: &[(&str, &str)] = &[
    ("app.title", "Visualization jobs"),
    ("app.loading", "Loading the console…"),
    ("app.ask_project", "Enter your ModelArts project ID above to list its visualization jobs."),
    ("project.label", "Project ID"),
    ("project.placeholder", "project ID"),
    ("workspace.label", "Workspace"),
    ("language.label", "Language"),
    ("search.label", "Search job names"),
    ("search.cut", "Search is limited to {max} characters; only the first {max} are used."),
    ("status.label", "Status"),
    ("status.all", "All statuses"),
    ("status.unknown_code", "Unknown ({code})"),
    ("refresh", "Refresh"),
    ("loading", "Loading…"),
    ("auto.on", "Auto-refresh on"),
    ("auto.paused", "Auto-refresh paused"),
    ("auto.idle", "Auto-refresh idle: every job has finished"),
    ("auto.off", "Auto-refresh off"),
    ("auto.pause", "Pause"),
    ("auto.resume", "Resume"),
    ("updated.seconds", "Last updated {n} s ago"),
    ("updated.minutes", "Last updated {n} min ago"),
    ("updated.never", "Not loaded yet"),
    ("notice.intro", "Some settings could not be used as given and were corrected:"),
    ("notice.dismiss", "Dismiss"),
    ("summary.matching", "Matching:"),
    ("summary.jobs_one", "1 job"),
    ("summary.jobs", "{n} jobs"),
    ("summary.run_at_once", "Can run at once:"),
    ("summary.run_at_once_hint", "quotas: the most visualization jobs that may run at the same time"),
    ("summary.can_create", "Can still create:"),
    ("summary.can_create_hint", "job_count_limit: how many more visualization jobs this account may create"),
    ("pager.label", "Pages"),
    ("pager.prev", "← Previous"),
    ("pager.next", "Next →"),
    ("pager.page_of", "Page {page} of {pages}"),
    ("pager.page", "Page {page}"),
    ("pager.per_page", "Per page"),
    ("col.job_name", "Name"),
    ("col.status", "Status"),
    ("col.create_time", "Created"),
    ("col.duration", "Duration"),
    ("col.job_desc", "Description"),
    ("col.service_url", "TensorBoard"),
    ("col.train_url", "Train URL"),
    ("col.job_id", "Job ID"),
    ("col.resource_id", "Resource ID"),
    ("columns.label", "Columns"),
    ("sort.by", "Sort by {column}"),
    ("link.open", "Open TensorBoard"),
    ("link.not_running", " (not running)"),
    ("link.not_running_hint", "TensorBoard answers only while the job is running"),
    ("link.unsafe", " (not a web link)"),
    ("link.unsafe_hint", "Not an http(s) address, so it is not a link"),
    ("stops_in", "stops in {time}"),
    ("copy", "Copy"),
    ("copy.done", "Copied"),
    ("copy.what", "Copy {what}"),
    ("grid.skipped", "{n} entries in the answer were not jobs and are not shown."),
    ("empty.past_last", "This page is past the last job."),
    ("empty.first_page", "Go to the first page"),
    ("empty.filtered", "No job matches these filters."),
    ("empty.clear", "Clear filters"),
    ("empty.none", "This project has no visualization jobs in this workspace."),
    ("error.code", "Error code:"),
    ("error.query_sent", "Query sent:"),
    ("error.stale", "The jobs below are from the last successful load and may be out of date."),
    ("error.details", "Details"),
    ("error.http_status", "HTTP status: {status}"),
    ("error.request", "Request:"),
    ("error.retry", "Retry"),
    ("err.signed_out", "Your sign-in has expired or is missing{status}."),
    ("err.project_not_found", "This project was not found{status}."),
    ("err.bad_parameter", "ModelArts refused a parameter of this query{status}."),
    ("err.busy", "ModelArts is busy or unavailable{status}."),
    ("err.gateway_page", "The gateway in front of ModelArts answered with an error page instead of data{status}."),
    ("err.not_job_list", "The server answered with something that is not a job list: {what}{status}."),
    ("err.network", "The request could not reach the server."),
    ("err.timeout", "No answer within {seconds} seconds."),
    ("err.timeout_one", "No answer within 1 second."),
    ("err.refused", "ModelArts refused the request{status}."),
    ("err.status_suffix", " (HTTP {status})"),
    ("advice.signed_out", "Sign in again (your gateway or console session holds the token), then retry."),
    ("advice.project_not_found", "Check the project ID above; it must be a project of your account."),
    ("advice.bad_parameter", "Check the filters and search text of the query below, change them, and retry."),
    ("advice.busy", "The service is busy or down. Wait a moment, then retry."),
    ("advice.gateway_page", "The service or its gateway may be down or misconfigured. Wait a moment, then retry."),
    ("advice.not_job_list", "The API address may point at the wrong service (see api_base in config.json). Retry, or tell your operator."),
    ("advice.network", "Check your network connection and the api_base in config.json, then retry."),
    ("advice.timeout", "The service is slow to answer. Retry; if it keeps happening, tell your operator."),
    ("advice.refused", "Retry; if it keeps happening, tell your operator the code shown."),
    ("body.empty", "an empty body"),
    ("body.html", "an HTML page"),
    ("body.not_json", "text that is not JSON"),
    ("body.null", "null"),
    ("body.bool", "a true/false value"),
    ("body.number", "a bare number"),
    ("body.empty_string", "an empty string"),
    ("body.string", "a bare string"),
    ("body.array", "an array instead of an object"),
    ("body.jobs_null", "a null job list"),
    ("body.jobs_not_array", "a job list that is not an array"),
    ("body.no_jobs", "an object without a job list"),
    ("fix.not_a_number", "{param}=\"{given}\" is not a whole number; using {used}."),
    ("fix.out_of_range", "{param}={given} is out of range; using {used}."),
    ("fix.unknown_value", "{param}=\"{given}\" is not a known value; using {used}."),
    ("fix.too_long", "{param} was longer than {max} characters; it was cut."),
    ("fix.unknown_param", "The unknown parameter \"{param}\" was ignored."),
    ("fix.all_statuses", "all statuses"),
    ("config.unreadable", "config.json is not a JSON object; using all defaults."),
    ("config.bad_key", "config.json: \"{key}\" should be {expected}; using the default."),
    ("expect.api_base", "\"\", a path such as \"/modelarts\", or an http(s):// origin"),
    ("expect.string", "a string"),
    ("expect.non_empty", "a non-empty string"),
    ("expect.refresh", "a number of seconds, 0 or more"),
    ("expect.timeout", "a number of seconds above 0"),
    ("expect.language", "\"auto\", \"en\" or \"zh-CN\""),
    ("unit.d", "d"),
    ("unit.h", "h"),
    ("unit.m", "m"),
    ("unit.s", "s"),
    ("unit.min", "min"),
];

const ZH: &[(&str, &str)] = &[
    ("app.title", "可视化作业"),
    ("app.loading", "正在加载控制台…"),
    (
        "app.ask_project",
        "请在上方输入 ModelArts 项目 ID，以列出其可视化作业。",
    ),
    ("project.label", "项目 ID"),
    ("project.placeholder", "项目 ID"),
    ("workspace.label", "工作空间"),
    ("language.label", "语言"),
    ("search.label", "搜索作业名称"),
    (
        "search.cut",
        "搜索内容最多 {max} 个字符，仅使用前 {max} 个。",
    ),
    ("status.label", "状态"),
    ("status.all", "全部状态"),
    ("status.unknown_code", "未知 ({code})"),
    ("refresh", "刷新"),
    ("loading", "加载中…"),
    ("auto.on", "自动刷新已开启"),
    ("auto.paused", "自动刷新已暂停"),
    ("auto.idle", "自动刷新空闲：所有作业均已结束"),
    ("auto.off", "自动刷新已关闭"),
    ("auto.pause", "暂停"),
    ("auto.resume", "继续"),
    ("updated.seconds", "{n} 秒前更新"),
    ("updated.minutes", "{n} 分钟前更新"),
    ("updated.never", "尚未加载"),
    ("notice.intro", "部分设置无法按原样使用，已自动更正："),
    ("notice.dismiss", "关闭"),
    ("summary.matching", "匹配："),
    ("summary.jobs_one", "1 个作业"),
    ("summary.jobs", "{n} 个作业"),
    ("summary.run_at_once", "可同时运行："),
    (
        "summary.run_at_once_hint",
        "quotas：可同时运行的可视化作业上限",
    ),
    ("summary.can_create", "还可创建："),
    (
        "summary.can_create_hint",
        "job_count_limit：此账号还可创建的可视化作业数量",
    ),
    ("pager.label", "分页"),
    ("pager.prev", "← 上一页"),
    ("pager.next", "下一页 →"),
    ("pager.page_of", "第 {page} 页，共 {pages} 页"),
    ("pager.page", "第 {page} 页"),
    ("pager.per_page", "每页"),
    ("col.job_name", "名称"),
    ("col.status", "状态"),
    ("col.create_time", "创建时间"),
    ("col.duration", "运行时长"),
    ("col.job_desc", "描述"),
    ("col.service_url", "TensorBoard"),
    ("col.train_url", "训练输出路径"),
    ("col.job_id", "作业 ID"),
    ("col.resource_id", "资源 ID"),
    ("columns.label", "显示列"),
    ("sort.by", "按{column}排序"),
    ("link.open", "打开 TensorBoard"),
    ("link.not_running", "（未运行）"),
    ("link.not_running_hint", "作业运行中时 TensorBoard 才能访问"),
    ("link.unsafe", "（不是网页链接）"),
    ("link.unsafe_hint", "不是 http(s) 地址，因此不作为链接"),
    ("stops_in", "{time}后停止"),
    ("copy", "复制"),
    ("copy.done", "已复制"),
    ("copy.what", "复制{what}"),
    ("grid.skipped", "响应中有 {n} 项不是作业，未显示。"),
    ("empty.past_last", "此页已超出最后一个作业。"),
    ("empty.first_page", "转到第一页"),
    ("empty.filtered", "没有符合筛选条件的作业。"),
    ("empty.clear", "清除筛选"),
    ("empty.none", "此项目在该工作空间中没有可视化作业。"),
    ("error.code", "错误码："),
    ("error.query_sent", "发送的查询："),
    ("error.stale", "下方作业来自上次成功加载，可能已过时。"),
    ("error.details", "详细信息"),
    ("error.http_status", "HTTP 状态码：{status}"),
    ("error.request", "请求："),
    ("error.retry", "重试"),
    ("err.signed_out", "登录已过期或缺失{status}。"),
    ("err.project_not_found", "未找到此项目{status}。"),
    (
        "err.bad_parameter",
        "ModelArts 拒绝了此查询的某个参数{status}。",
    ),
    ("err.busy", "ModelArts 繁忙或不可用{status}。"),
    (
        "err.gateway_page",
        "ModelArts 前面的网关返回了错误页面，而不是数据{status}。",
    ),
    (
        "err.not_job_list",
        "服务器返回的不是作业列表：{what}{status}。",
    ),
    ("err.network", "请求无法到达服务器。"),
    ("err.timeout", "{seconds} 秒内没有响应。"),
    ("err.timeout_one", "1 秒内没有响应。"),
    ("err.refused", "ModelArts 拒绝了该请求{status}。"),
    ("err.status_suffix", "（HTTP {status}）"),
    (
        "advice.signed_out",
        "请重新登录（令牌由网关或控制台会话持有），然后重试。",
    ),
    (
        "advice.project_not_found",
        "请检查上方的项目 ID，它必须属于您的账号。",
    ),
    (
        "advice.bad_parameter",
        "请检查下方查询中的筛选条件和搜索内容，修改后重试。",
    ),
    ("advice.busy", "服务繁忙或已停止。请稍候再重试。"),
    (
        "advice.gateway_page",
        "服务或其网关可能已停止或配置有误。请稍候再重试。",
    ),
    (
        "advice.not_job_list",
        "API 地址可能指向了错误的服务（见 config.json 中的 api_base）。请重试，或联系运维人员。",
    ),
    (
        "advice.network",
        "请检查网络连接和 config.json 中的 api_base，然后重试。",
    ),
    (
        "advice.timeout",
        "服务响应缓慢。请重试；如果一直如此，请联系运维人员。",
    ),
    (
        "advice.refused",
        "请重试；如果一直如此，请把显示的错误码告诉运维人员。",
    ),
    ("body.empty", "空的响应体"),
    ("body.html", "一个 HTML 页面"),
    ("body.not_json", "不是 JSON 的文本"),
    ("body.null", "null"),
    ("body.bool", "一个布尔值"),
    ("body.number", "一个单独的数字"),
    ("body.empty_string", "一个空字符串"),
    ("body.string", "一个单独的字符串"),
    ("body.array", "一个数组而不是对象"),
    ("body.jobs_null", "为 null 的作业列表"),
    ("body.jobs_not_array", "不是数组的作业列表"),
    ("body.no_jobs", "没有作业列表的对象"),
    (
        "fix.not_a_number",
        "{param}=\"{given}\" 不是整数；改用 {used}。",
    ),
    (
        "fix.out_of_range",
        "{param}={given} 超出范围；改用 {used}。",
    ),
    (
        "fix.unknown_value",
        "{param}=\"{given}\" 不是可识别的值；改用 {used}。",
    ),
    ("fix.too_long", "{param} 超过 {max} 个字符，已截断。"),
    ("fix.unknown_param", "已忽略未知参数 \"{param}\"。"),
    ("fix.all_statuses", "全部状态"),
    (
        "config.unreadable",
        "config.json 不是 JSON 对象；全部使用默认值。",
    ),
    (
        "config.bad_key",
        "config.json：\"{key}\" 应为{expected}；已使用默认值。",
    ),
    (
        "expect.api_base",
        "\"\"、类似 \"/modelarts\" 的路径或 http(s):// 源",
    ),
    ("expect.string", "字符串"),
    ("expect.non_empty", "非空字符串"),
    ("expect.refresh", "不小于 0 的秒数"),
    ("expect.timeout", "大于 0 的秒数"),
    ("expect.language", "\"auto\"、\"en\" 或 \"zh-CN\""),
    ("unit.d", "天"),
    ("unit.h", "小时"),
    ("unit.m", "分"),
    ("unit.s", "秒"),
    ("unit.min", "分钟"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(catalogue: &'static [(&'static str, &'static str)]) -> Vec<&'static str> {
        let mut k: Vec<&str> = catalogue.iter().map(|(k, _)| *k).collect();
        k.sort_unstable();
        k
    }

    #[test]
    fn both_languages_have_exactly_the_same_keys() {
        let (en, zh) = (keys(EN), keys(ZH));
        let only_en: Vec<_> = en.iter().filter(|k| !zh.contains(k)).collect();
        let only_zh: Vec<_> = zh.iter().filter(|k| !en.contains(k)).collect();
        assert!(only_en.is_empty(), "missing in zh-CN: {only_en:?}");
        assert!(only_zh.is_empty(), "missing in en: {only_zh:?}");
    }

    #[test]
    fn no_key_is_listed_twice_or_left_empty() {
        for catalogue in [EN, ZH] {
            let k = keys(catalogue);
            let mut deduped = k.clone();
            deduped.dedup();
            assert_eq!(k, deduped, "a key is listed twice");
            assert!(catalogue.iter().all(|(_, v)| !v.is_empty()));
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let names = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        for (key, en) in EN {
            assert_eq!(names(en), names(t(Lang::ZhCn, key)), "{key}");
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill(Lang::En, "pager.page_of", &[("page", "2"), ("pages", "15")]),
            "Page 2 of 15"
        );
        assert_eq!(
            fill(
                Lang::ZhCn,
                "pager.page_of",
                &[("page", "2"), ("pages", "15")]
            ),
            "第 2 页，共 15 页"
        );
    }

    #[test]
    fn browser_languages_map_to_ours() {
        assert_eq!(Lang::from_browser("zh-Hans-CN"), Lang::ZhCn);
        assert_eq!(Lang::from_browser("zh-TW"), Lang::ZhCn);
        assert_eq!(Lang::from_browser("en-GB"), Lang::En);
        assert_eq!(Lang::from_browser("fr"), Lang::En);
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("de"), None);
    }
}
