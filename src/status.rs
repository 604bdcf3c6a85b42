//! The status table of `spec/status.md`: label, kind (badge colour) and finality.

use crate::cat;
use crate::i18n::{fill, nul_separated, Lang, Msg};

/// What a status means to a person; decides the badge colour and whether the page
/// keeps refreshing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Pending,
    Running,
    Succeeded,
    Failed,
    Stopped,
    Unknown,
}

impl StatusKind {
    /// The badge's classes, whole, so no string is built per row.
    pub fn badge_class(self) -> &'static str {
        match self {
            StatusKind::Pending => "badge badge-pending",
            StatusKind::Running => "badge badge-running",
            StatusKind::Succeeded => "badge badge-succeeded",
            StatusKind::Failed => "badge badge-failed",
            StatusKind::Stopped => "badge badge-stopped",
            StatusKind::Unknown => "badge badge-unknown",
        }
    }

    /// Final statuses change only through a user's action, so polling can stop.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            StatusKind::Succeeded | StatusKind::Failed | StatusKind::Stopped
        )
    }
}

/// Declares the table once, a row per code in code order: the labels become one
/// NUL-separated text per language and the kinds one array, both indexed by code
/// (a table of `&str` fields was 0.9 KB of pointers in the wasm). The constants
/// are the spec's names, kept here for the reader.
macro_rules! statuses {
    ($($code:literal $constant:ident => $en:literal, $zh:literal, $kind:ident;)*) => {
        /// How many codes the spec documents: 0 up to this, exclusive.
        pub const DOCUMENTED: i64 = [$($code),*].len() as i64;

        const KINDS: [StatusKind; DOCUMENTED as usize] = [$($kind),*];
        const LABELS_EN: &str = concat!($($en, "\0"),*);
        const LABELS_ZH: &str = concat!($($zh, "\0"),*);

        #[cfg(test)]
        const CODES: [i64; DOCUMENTED as usize] = [$($code),*];
    };
}

use StatusKind::*;

statuses! {
    0 JOBSTAT_UNKNOWN => "Unknown", "作业状态未知", Unknown;
    1 JOBSTAT_INIT => "Initializing", "作业初始化状态", Pending;
    2 JOBSTAT_IMAGE_CREATING => "Creating image", "作业镜像正在创建", Pending;
    3 JOBSTAT_IMAGE_FAILED => "Image creation failed", "作业镜像创建失败", Failed;
    4 JOBSTAT_SUBMIT_TRYING => "Submitting", "作业正在提交", Pending;
    5 JOBSTAT_SUBMIT_FAILED => "Submission failed", "作业提交失败", Failed;
    6 JOBSTAT_DELETE_FAILED => "Deletion failed", "作业删除失败", Failed;
    7 JOBSTAT_WAITING => "Queuing", "作业正在排队中", Pending;
    8 JOBSTAT_RUNNING => "Running", "作业正在运行中", Running;
    9 JOBSTAT_KILLING => "Canceling", "作业正在取消", Pending;
    10 JOBSTAT_COMPLETED => "Completed", "作业已经完成", Succeeded;
    11 JOBSTAT_FAILED => "Failed", "作业运行失败", Failed;
    12 JOBSTAT_KILLED => "Canceled", "作业取消成功", Stopped;
    13 JOBSTAT_CANCELED => "Canceled", "作业取消", Stopped;
    14 JOBSTAT_LOST => "Lost", "作业丢失", Failed;
    15 JOBSTAT_SCALING => "Scaling", "作业正在扩容", Pending;
    16 JOBSTAT_SUBMIT_MODEL_FAILED => "Model submission failed", "提交模型失败", Failed;
    17 JOBSTAT_DEPLOY_SERVICE_FAILED => "Service deployment failed", "部署服务失败", Failed;
    18 JOBSTAT_CHECK_INIT => "Review initializing", "审核作业初始化", Pending;
    19 JOBSTAT_CHECK_RUNNING => "Under review", "审核作业正在运行中", Pending;
    20 JOBSTAT_CHECK_RUNNING_COMPLETED => "Review completed", "审核作业已经完成", Succeeded;
    21 JOBSTAT_CHECK_FAILED => "Review failed", "审核作业失败", Failed;
    22 MOUNT_FAILED => "Mount failed", "挂载失败", Failed;
}

/// Whether the spec documents `code`.
pub fn is_documented(code: i64) -> bool {
    (0..DOCUMENTED).contains(&code)
}

/// The documented label of `code` in `lang`.
fn documented_label(code: i64, lang: Lang) -> Option<&'static str> {
    use std::sync::OnceLock;
    static EN: OnceLock<Vec<&'static str>> = OnceLock::new();
    static ZH: OnceLock<Vec<&'static str>> = OnceLock::new();
    let labels = match lang {
        Lang::En => nul_separated(&EN, LABELS_EN),
        Lang::ZhCn => nul_separated(&ZH, LABELS_ZH),
    };
    // `labels` ends with the split's empty text, so the range is checked first.
    is_documented(code).then(|| labels[code as usize])
}

/// The kind of any code; an undocumented one is `Unknown` (and so not final).
pub fn status_kind(code: i64) -> StatusKind {
    usize::try_from(code)
        .ok()
        .and_then(|i| KINDS.get(i))
        .copied()
        .unwrap_or(StatusKind::Unknown)
}

/// The label in `lang`; an undocumented code reads "Unknown (N)" so it is never hidden.
pub fn status_label(code: i64, lang: Lang) -> String {
    match documented_label(code, lang) {
        Some(label) => label.to_string(),
        None => fill(lang, Msg::StatusUnknownCode, &[("code", &cat!(code))]),
    }
}

/// An option of the status filter: "Running (8)"; an undocumented code's label
/// already names it ("Unknown (99)"), so it is not repeated.
pub fn status_option_label(code: i64, lang: Lang) -> String {
    let label = status_label(code, lang);
    if is_documented(code) {
        cat!(label, " (", code, ")")
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_options_name_the_code_once() {
        assert_eq!(status_option_label(8, Lang::En), "Running (8)");
        assert_eq!(status_option_label(99, Lang::En), "Unknown (99)");
        assert_eq!(status_option_label(99, Lang::ZhCn), "未知 (99)");
    }

    #[test]
    fn table_is_indexed_by_code() {
        for (i, code) in CODES.iter().enumerate() {
            assert_eq!(*code, i as i64);
        }
        for lang in Lang::ALL {
            for code in 0..DOCUMENTED {
                assert!(documented_label(code, lang).is_some_and(|l| !l.is_empty()));
            }
            assert_eq!(documented_label(DOCUMENTED, lang), None);
        }
    }

    #[test]
    fn labels_and_kinds_follow_the_spec() {
        assert_eq!(status_label(8, Lang::En), "Running");
        assert_eq!(status_kind(8), StatusKind::Running);
        assert_eq!(status_label(7, Lang::En), "Queuing");
        assert_eq!(status_kind(7), StatusKind::Pending);
        assert_eq!(status_kind(10), StatusKind::Succeeded);
        assert_eq!(status_kind(13), StatusKind::Stopped);
        assert_eq!(status_kind(22), StatusKind::Failed);
        assert_eq!(status_kind(0), StatusKind::Unknown);
    }

    #[test]
    fn unlisted_codes_are_unknown_and_labelled_with_their_number() {
        assert_eq!(status_label(23, Lang::En), "Unknown (23)");
        assert_eq!(status_label(-1, Lang::En), "Unknown (-1)");
        assert_eq!(status_label(23, Lang::ZhCn), "未知 (23)");
        assert_eq!(status_label(8, Lang::ZhCn), "作业正在运行中");
        assert_eq!(status_kind(99), StatusKind::Unknown);
        assert!(!status_kind(99).is_final());
    }

    #[test]
    fn badge_classes_name_the_kind() {
        assert_eq!(status_kind(1).badge_class(), "badge badge-pending");
        assert_eq!(status_kind(8).badge_class(), "badge badge-running");
        assert_eq!(status_kind(10).badge_class(), "badge badge-succeeded");
        assert_eq!(status_kind(11).badge_class(), "badge badge-failed");
        assert_eq!(status_kind(12).badge_class(), "badge badge-stopped");
        assert_eq!(status_kind(0).badge_class(), "badge badge-unknown");
        assert_eq!(status_kind(99).badge_class(), "badge badge-unknown");
    }

    #[test]
    fn finality_matches_the_kinds() {
        assert!(status_kind(10).is_final());
        assert!(status_kind(11).is_final());
        assert!(status_kind(12).is_final());
        assert!(!status_kind(8).is_final());
        assert!(!status_kind(1).is_final());
        assert!(!status_kind(0).is_final());
    }
}
