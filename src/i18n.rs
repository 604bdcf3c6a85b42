//! Every visible string, in English and Simplified Chinese, behind a typed key.

use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// BCP 47 tag, for `<html lang>` and `localStorage`.
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

/// Declares every message once, with both languages side by side: a key without a
/// translation does not compile, and a lookup is an index, not a search.
macro_rules! catalogue {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A message of the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// Every message, in catalogue order.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];
        }

        // One text per language, the messages separated by NUL: a table of 219
        // `&str`s per language was 3.5 KB of pointers in the wasm.
        const EN_TEXT: &str = concat!($($en, "\0"),*);
        const ZH_TEXT: &str = concat!($($zh, "\0"),*);
    };
}

/// A language's messages in catalogue order, split out of its text on first use.
fn messages(lang: Lang) -> &'static [&'static str] {
    static EN: OnceLock<Vec<&'static str>> = OnceLock::new();
    static ZH: OnceLock<Vec<&'static str>> = OnceLock::new();
    match lang {
        Lang::En => nul_separated(&EN, EN_TEXT),
        Lang::ZhCn => nul_separated(&ZH, ZH_TEXT),
    }
}

/// The texts of a NUL-separated `text`, split once into `table` and kept. The
/// split leaves an empty text after the last NUL.
pub(crate) fn nul_separated(
    table: &'static OnceLock<Vec<&'static str>>,
    text: &'static str,
) -> &'static [&'static str] {
    table.get_or_init(|| text.split('\0').collect())
}

/// The message for `key`; `{name}` placeholders are filled by [`fill`].
pub fn t(lang: Lang, key: Msg) -> &'static str {
    messages(lang)[key as usize]
}

/// `t` with `{name}` placeholders replaced in one pass over the template, so text
/// that a value brings (a job name containing `{used}`) is never substituted again.
pub fn fill(lang: Lang, key: Msg, args: &[(&str, &str)]) -> String {
    fill_template(t(lang, key), args)
}

fn fill_template(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

catalogue! {
    AppTitle => "Visualization jobs", "可视化作业";
    AppLoading => "Loading the console…", "正在加载控制台…";
    AppAskProject => "Enter your ModelArts project ID above to list its visualization jobs.", "请在上方输入 ModelArts 项目 ID，以列出其可视化作业。";
    ProjectLabel => "Project ID", "项目 ID";
    ProjectPlaceholder => "project ID", "项目 ID";
    WorkspaceLabel => "Workspace", "工作空间";
    LanguageLabel => "Language", "语言";
    SearchLabel => "Search job names", "搜索作业名称";
    SearchCut => "Search is limited to {max} characters; only the first {max} are used.", "搜索内容最多 {max} 个字符，仅使用前 {max} 个。";
    StatusLabel => "Status", "状态";
    StatusAll => "All statuses", "全部状态";
    StatusUnknownCode => "Unknown ({code})", "未知 ({code})";
    Refresh => "Refresh", "刷新";
    Loading => "Loading…", "加载中…";
    AutoOn => "Auto-refresh on", "自动刷新已开启";
    AutoPaused => "Auto-refresh paused", "自动刷新已暂停";
    AutoIdle => "Auto-refresh idle: every job has finished", "自动刷新空闲：所有作业均已结束";
    AutoWaiting => "Auto-refresh waits for the first answer", "自动刷新等待首次响应";
    AutoNothingListed => "Auto-refresh idle: no job listed", "自动刷新空闲：没有列出作业";
    AutoOff => "Auto-refresh off", "自动刷新已关闭";
    AutoPause => "Pause", "暂停";
    AutoResume => "Resume", "继续";
    UpdatedSeconds => "Last updated {n} s ago", "{n} 秒前更新";
    UpdatedMinutes => "Last updated {n} min ago", "{n} 分钟前更新";
    UpdatedNever => "Not loaded yet", "尚未加载";
    NoticeIntro => "Some settings could not be used as given and were corrected:", "部分设置无法按原样使用，已自动更正：";
    NoticeDismiss => "Dismiss", "关闭";
    SummaryMatching => "Matching:", "匹配：";
    SummaryJobsOne => "1 job", "1 个作业";
    SummaryJobs => "{n} jobs", "{n} 个作业";
    SummaryRunAtOnce => "Can run at once:", "可同时运行：";
    SummaryRunAtOnceHint => "quotas: the most visualization jobs that may run at the same time", "quotas：可同时运行的可视化作业上限";
    SummaryCanCreate => "Can still create:", "还可创建：";
    SummaryCanCreateHint => "job_count_limit: how many more visualization jobs this account may create", "job_count_limit：此账号还可创建的可视化作业数量";
    PagerLabel => "Pages", "分页";
    PagerPrev => "← Previous", "← 上一页";
    PagerNext => "Next →", "下一页 →";
    PagerPageOf => "Page {page} of {pages}", "第 {page} 页，共 {pages} 页";
    PagerPage => "Page {page}", "第 {page} 页";
    PagerPageTotalUnknown => "Page {page} (total unknown)", "第 {page} 页（总数未知）";
    PagerPerPage => "Per page", "每页";
    ColJobName => "Name", "名称";
    ColStatus => "Status", "状态";
    ColCreateTime => "Created", "创建时间";
    ColDuration => "Duration", "运行时长";
    ColJobDesc => "Description", "描述";
    ColServiceUrl => "TensorBoard", "TensorBoard";
    ColTrainUrl => "Train URL", "训练输出路径";
    ColJobId => "Job ID", "作业 ID";
    ColResourceId => "Resource ID", "资源 ID";
    ColumnsLabel => "Columns", "显示列";
    SortBy => "Sort by {column}", "按{column}排序";
    LinkOpen => "Open TensorBoard", "打开 TensorBoard";
    LinkNotRunning => " (not running)", "（未运行）";
    LinkNotRunningHint => "TensorBoard answers only while the job is running", "作业运行中时 TensorBoard 才能访问";
    LinkUnsafe => " (not a web link)", "（不是网页链接）";
    LinkUnsafeHint => "Not an http(s) address, so it is not a link", "不是 http(s) 地址，因此不作为链接";
    StopsIn => "stops in {time}", "{time}后停止";
    Copy => "Copy", "复制";
    CopyDone => "Copied", "已复制";
    CopyTrainUrl => "Copy Train URL", "复制训练输出路径";
    CopyJobId => "Copy Job ID", "复制作业 ID";
    CopyResourceId => "Copy Resource ID", "复制资源 ID";
    GridSkipped => "{n} entries in the answer were not jobs and are not shown.", "响应中有 {n} 项不是作业，未显示。";
    EmptyPastLast => "This page is past the last job.", "此页已超出最后一个作业。";
    EmptyFirstPage => "Go to the first page", "转到第一页";
    EmptyFiltered => "No job matches these filters.", "没有符合筛选条件的作业。";
    EmptyClear => "Clear filters", "清除筛选";
    EmptyNone => "This project has no visualization jobs in this workspace.", "此项目在该工作空间中没有可视化作业。";
    ErrorCode => "Error code:", "错误码：";
    ErrorQuerySent => "Query sent:", "发送的查询：";
    ErrorStale => "The jobs below are from the last successful load and may be out of date.", "下方作业来自上次成功加载，可能已过时。";
    ErrorDetails => "Details", "详细信息";
    ErrorHttpStatus => "HTTP status: {status}", "HTTP 状态码：{status}";
    ErrorRequest => "Request:", "请求：";
    ErrorRetry => "Retry", "重试";
    ErrSignedOut => "Your sign-in has expired or is missing{status}.", "登录已过期或缺失{status}。";
    ErrForbidden => "This account may not list this project's visualization jobs{status}.", "此账号无权列出该项目的可视化作业{status}。";
    ErrRouteNotFound => "Nothing answers at the API address: the gateway has no such route{status}.", "API 地址无响应：网关没有此路由{status}。";
    ErrProjectNotFound => "This project was not found{status}.", "未找到此项目{status}。";
    ErrBadParameter => "ModelArts refused a parameter of this query{status}.", "ModelArts 拒绝了此查询的某个参数{status}。";
    ErrBusy => "ModelArts is busy or unavailable{status}.", "ModelArts 繁忙或不可用{status}。";
    ErrGatewayPage => "The gateway in front of ModelArts answered with an error page instead of data{status}.", "ModelArts 前面的网关返回了错误页面，而不是数据{status}。";
    ErrNotJobList => "The server answered with something that is not a job list: {what}{status}.", "服务器返回的不是作业列表：{what}{status}。";
    ErrNetwork => "The request could not reach the server.", "请求无法到达服务器。";
    ErrTimeout => "No answer within {seconds} seconds.", "{seconds} 秒内没有响应。";
    ErrTimeoutOne => "No answer within 1 second.", "1 秒内没有响应。";
    ErrRefused => "ModelArts refused the request{status}.", "ModelArts 拒绝了该请求{status}。";
    ErrStatusSuffix => " (HTTP {status})", "（HTTP {status}）";
    AdviceSignedOut => "Sign in again (your gateway or console session holds the token), then retry.", "请重新登录（令牌由网关或控制台会话持有），然后重试。";
    AdviceForbidden => "Your sign-in is valid but lacks permission: ask your administrator for ModelArts access to this project (IAM policy), or check the project ID.", "登录有效但缺少权限：请让管理员为您授予此项目的 ModelArts 访问权限（IAM 策略），或检查项目 ID。";
    AdviceRouteNotFound => "Check api_base in config.json and the gateway's /v1/ route; this is not ModelArts answering.", "请检查 config.json 中的 api_base 和网关的 /v1/ 路由；这不是 ModelArts 的响应。";
    AdviceProjectNotFound => "Check the project ID above; it must be a project of your account.", "请检查上方的项目 ID，它必须属于您的账号。";
    AdviceBadParameter => "Check the filters and search text of the query below, change them, and retry.", "请检查下方查询中的筛选条件和搜索内容，修改后重试。";
    AdviceBusy => "The service is busy or down. Wait a moment, then retry.", "服务繁忙或已停止。请稍候再重试。";
    AdviceGatewayPage => "The service or its gateway may be down or misconfigured. Wait a moment, then retry.", "服务或其网关可能已停止或配置有误。请稍候再重试。";
    AdviceNotJobList => "The API address may point at the wrong service (see api_base in config.json). Retry, or tell your operator.", "API 地址可能指向了错误的服务（见 config.json 中的 api_base）。请重试，或联系运维人员。";
    AdviceNetwork => "Check your network connection and the api_base in config.json, then retry.", "请检查网络连接和 config.json 中的 api_base，然后重试。";
    AdviceTimeout => "The service is slow to answer. Retry; if it keeps happening, tell your operator.", "服务响应缓慢。请重试；如果一直如此，请联系运维人员。";
    AdviceRefused => "Retry; if it keeps happening, tell your operator the code shown.", "请重试；如果一直如此，请把显示的错误码告诉运维人员。";
    BodyEmpty => "an empty body", "空的响应体";
    BodyHtml => "an HTML page", "一个 HTML 页面";
    BodyNotJson => "text that is not JSON", "不是 JSON 的文本";
    BodyNull => "null", "null";
    BodyBool => "a true/false value", "一个布尔值";
    BodyNumber => "a bare number", "一个单独的数字";
    BodyEmptyString => "an empty string", "一个空字符串";
    BodyString => "a bare string", "一个单独的字符串";
    BodyArray => "an array instead of an object", "一个数组而不是对象";
    BodyJobsNotArray => "a job list that is not an array", "不是数组的作业列表";
    BodyNoJobs => "an object without a job list", "没有作业列表的对象";
    FixNotANumber => "{param}=\"{given}\" is not a whole number; using {used}.", "{param}=\"{given}\" 不是整数；改用 {used}。";
    FixOutOfRange => "{param}={given} is out of range; using {used}.", "{param}={given} 超出范围；改用 {used}。";
    FixUnknownValue => "{param}=\"{given}\" is not a known value; using {used}.", "{param}=\"{given}\" 不是可识别的值；改用 {used}。";
    FixTooLong => "{param} was longer than {max} characters; it was cut.", "{param} 超过 {max} 个字符，已截断。";
    FixUnknownParam => "The unknown parameter \"{param}\" was ignored.", "已忽略未知参数 \"{param}\"。";
    FixAllStatuses => "all statuses", "全部状态";
    ConfigUnreadable => "config.json is not a JSON object; using all defaults.", "config.json 不是 JSON 对象；全部使用默认值。";
    ConfigBadKey => "config.json: \"{key}\" should be {expected}; using the default.", "config.json：\"{key}\" 应为{expected}；已使用默认值。";
    ConfigClamped => "config.json: \"{key}\" should be {expected}; using {used}.", "config.json：\"{key}\" 应为{expected}；已使用 {used}。";
    ExpectBool => "true or false", "true 或 false";
    ExpectApiBase => "\"\", a path such as \"/modelarts\", or an http(s):// origin", "\"\"、类似 \"/modelarts\" 的路径或 http(s):// 源";
    ExpectString => "a string", "字符串";
    ExpectNonEmpty => "a non-empty string", "非空字符串";
    ExpectRefresh => "0 (off) or 5 to 86400 seconds", "0（关闭）或 5 到 86400 秒";
    ExpectTimeout => "1 to 600 seconds", "1 到 600 秒";
    ExpectLanguage => "\"auto\", \"en\" or \"zh-CN\"", "\"auto\"、\"en\" 或 \"zh-CN\"";
    ActionsLabel => "Actions", "操作";
    ActionsFor => "Actions for {name}", "{name} 的操作";
    ActionStop => "Stop", "停止";
    ActionRestart => "Restart", "重启";
    ActionDelete => "Delete", "删除";
    ActionRestartAndOpen => "Restart and open", "重启并打开";
    ActionRestartAndOpenHint => "Restarts the job and opens its TensorBoard in a new tab once it runs", "重启作业，并在其运行后于新标签页中打开 TensorBoard";
    SelectRow => "Select {name}", "选择 {name}";
    SelectAll => "Select every job on this page", "选择本页全部作业";
    SelectionCount => "{n} selected", "已选择 {n} 个";
    BulkStop => "Stop selected", "停止所选";
    BulkDelete => "Delete selected", "删除所选";
    Cancel => "Cancel", "取消";
    ConfirmStopOne => "Stop this job?", "停止此作业？";
    ConfirmStopMany => "Stop these {n} jobs?", "停止这 {n} 个作业？";
    ConfirmStopBody => "Stopping ends billing. A stopped job can be restarted later.", "停止后不再计费。已停止的作业之后可以重启。";
    ConfirmDeleteOne => "Delete this job?", "删除此作业？";
    ConfirmDeleteMany => "Delete these {n} jobs?", "删除这 {n} 个作业？";
    ConfirmDeleteBody => "Deleting cannot be undone. The job's files in OBS stay.", "删除后无法恢复。作业在 OBS 中的文件会保留。";
    ConfirmSkipped => "Not included, because their status does not allow it: {names}", "以下作业因状态不允许而未包含：{names}";
    PendingStop => "Stopping…", "正在停止…";
    PendingRestart => "Restarting…", "正在重启…";
    PendingDelete => "Deleting…", "正在删除…";
    PendingCreate => "Starting…", "正在启动…";
    OutcomeAccepted => "{name}: {action} accepted; waiting for the status to show it.", "{name}：{action}请求已受理，等待状态更新。";
    OutcomeStopDone => "{name} stopped.", "{name} 已停止。";
    OutcomeRestartDone => "{name} is running.", "{name} 正在运行。";
    OutcomeDeleteDone => "{name} deleted.", "{name} 已删除。";
    OutcomeCreateDone => "{name} created and running.", "{name} 已创建并正在运行。";
    OutcomeEditDone => "Description of {name} saved.", "{name} 的描述已保存。";
    OutcomeStartFailed => "{name} did not start: it ended as {status}.", "{name} 未能启动：状态为{status}。";
    OutcomeTimedOut => "{name}: no outcome after 15 minutes; the page stopped watching.", "{name}：15 分钟后仍无结果，页面已停止跟踪。";
    FailStop => "Could not stop {name}: {reason}", "无法停止 {name}：{reason}";
    FailRestart => "Could not restart {name}: {reason}", "无法重启 {name}：{reason}";
    FailDelete => "Could not delete {name}: {reason}", "无法删除 {name}：{reason}";
    FailCreate => "Could not create {name}: {reason}", "无法创建 {name}：{reason}";
    FailEdit => "Could not save the description of {name}: {reason}", "无法保存 {name} 的描述：{reason}";
    ReasonNotAllowed => "not allowed while the job is {status} (ModelArts.0105)", "作业处于{status}状态时不允许此操作（ModelArts.0105）";
    ReasonGatewayRefused => "the gateway in front of ModelArts refuses changes (HTTP {status})", "ModelArts 前面的网关拒绝更改（HTTP {status}）";
    ReadOnlyGateway => "This deployment is read-only: its gateway refuses changes (HTTP {status}).", "此部署为只读：网关拒绝更改（HTTP {status}）。";
    ReadOnlyHowTo => "To turn actions on, the operator opens the change routes in the gateway (README, \"Deploying\", the read-only switch) and sets \"read_only\": false in config.json.", "如需启用操作，运维人员需在网关中开放更改路由（README“部署”一节中的只读开关），并在 config.json 中设置 \"read_only\": false。";
    ReadOnlyNote => "Read-only: this console shows jobs but changes nothing.", "只读：此控制台只显示作业，不做任何更改。";
    DetailTitle => "Job details", "作业详情";
    DetailClose => "Close", "关闭";
    DetailLoading => "Loading details…", "正在加载详情…";
    DetailFailed => "The details could not be loaded.", "无法加载详情。";
    DetailSchedule => "Auto-stop", "自动停止";
    DetailScheduleNone => "None", "无";
    DetailScheduleAfter => "after {n} {unit}", "{n} {unit}后";
    DetailRemaining => "Time left", "剩余时间";
    DetailType => "Type", "类型";
    EditDesc => "Edit description", "编辑描述";
    DescSave => "Save", "保存";
    DescCount => "{n} / {max} characters", "{n} / {max} 个字符";
    CreateJob => "Create job", "创建作业";
    CreateTitle => "Create a visualization job", "创建可视化作业";
    CreateName => "Name", "名称";
    CreateNameHint => "1–20 of A–Z a–z 0–9 _ -", "1–20 个字符，仅限 A–Z a–z 0–9 _ -";
    CreateDesc => "Description (optional)", "描述（可选）";
    CreateTrainUrl => "Training output (OBS path)", "训练输出（OBS 路径）";
    CreateTrainUrlHint => "e.g. /my-bucket/resnet/output/", "例如 /my-bucket/resnet/output/";
    CreateType => "Type", "类型";
    CreateHours => "Stop automatically after (hours)", "自动停止时间（小时）";
    CreateHoursHint => "1–24; empty to keep it running", "1–24；留空则一直运行";
    CreateSubmit => "Create", "创建";
    CreateSending => "Creating…", "正在创建…";
    FieldNameEmpty => "Enter a name.", "请输入名称。";
    FieldNameLong => "At most 20 characters.", "最多 20 个字符。";
    FieldNameChars => "Only A–Z, a–z, 0–9, _ and - are allowed.", "只允许 A–Z、a–z、0–9、_ 和 -。";
    FieldNameTaken => "This name is already in use (ModelArts.0103).", "该名称已被使用（ModelArts.0103）。";
    FieldDescLong => "At most 256 characters.", "最多 256 个字符。";
    FieldTrainUrlEmpty => "Enter the OBS path of the training output.", "请输入训练输出的 OBS 路径。";
    FieldTrainUrlShape => "An OBS path such as /bucket/dir/, without spaces.", "应为类似 /bucket/dir/ 的 OBS 路径，且不含空格。";
    FieldType => "Choose TensorBoard or MindInsight.", "请选择 TensorBoard 或 MindInsight。";
    FieldHours => "A whole number of hours from 1 to 24, or empty.", "1 到 24 之间的整数小时，或留空。";
    FieldRefused => "ModelArts refused this value: {reason}", "ModelArts 拒绝了此值：{reason}";
    FormQuota => "The project has reached its limit of visualization jobs (ModelArts.0106): delete one first.", "项目的可视化作业数量已达上限（ModelArts.0106）：请先删除一个。";
    CopyManual => "Press Ctrl+C", "请按 Ctrl+C";
    TabStarting => "Starting {name}… This tab opens its TensorBoard as soon as the job is running.", "正在启动 {name}… 作业运行后，此标签页将打开其 TensorBoard。";
    TabRefused => "{name} could not be restarted: {reason}", "{name} 无法重启：{reason}";
    TabFailed => "{name} did not start: it ended as {status}.", "{name} 未能启动：状态为{status}。";
    TabNoLink => "{name} is running, but ModelArts gave no usable TensorBoard address.", "{name} 正在运行，但 ModelArts 未提供可用的 TensorBoard 地址。";
    TabGaveUp => "{name} has not started after 15 minutes; open the console to check.", "{name} 15 分钟后仍未启动；请打开控制台查看。";
    UnitD => "d", "天";
    UnitH => "h", "小时";
    UnitM => "m", "分";
    UnitS => "s", "秒";
    UnitMin => "min", "分钟";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_a_text_for_every_key() {
        // The split leaves one empty text after the last NUL; a NUL inside a
        // message would add more.
        for lang in Lang::ALL {
            assert_eq!(messages(lang).len(), Msg::ALL.len() + 1);
        }
        for &key in Msg::ALL {
            for lang in Lang::ALL {
                assert!(!t(lang, key).is_empty(), "{key:?} is empty in {lang:?}");
            }
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
        for &key in Msg::ALL {
            assert_eq!(
                names(t(Lang::En, key)),
                names(t(Lang::ZhCn, key)),
                "{key:?}"
            );
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill(
                Lang::En,
                Msg::PagerPageOf,
                &[("page", "2"), ("pages", "15")]
            ),
            "Page 2 of 15"
        );
        assert_eq!(
            fill(
                Lang::ZhCn,
                Msg::PagerPageOf,
                &[("page", "2"), ("pages", "15")]
            ),
            "第 2 页，共 15 页"
        );
    }

    #[test]
    fn fill_never_substitutes_inside_a_value() {
        assert_eq!(
            fill_template("{a} and {b}", &[("a", "{b}"), ("b", "x")]),
            "{b} and x"
        );
        assert_eq!(fill_template("{unknown} {", &[("a", "1")]), "{unknown} {");
        assert_eq!(fill_template("no placeholders", &[]), "no placeholders");
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
