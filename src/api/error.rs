//! Why a list request failed, typed until the page turns it into words here.

use crate::{
    cat,
    format::format_seconds,
    i18n::{fill, t, Lang, Msg},
};

/// A failed list request.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The API, or something in front of it, said no: an error status, or `is_success: false`.
    Http {
        http_status: u16,
        code: Option<String>,
        message: Option<String>,
        /// The body was an HTML page (a gateway's error page, not the API).
        html: bool,
        /// The body was JSON, so the API (or its API gateway) itself answered.
        json: bool,
        excerpt: String,
    },
    /// A 2xx answer whose body is not a job list.
    NotJobList {
        http_status: u16,
        what: Msg,
        excerpt: String,
    },
    /// The request never got an answer (offline, refused, CORS, DNS).
    Network { detail: String },
    /// No answer within `request_timeout_seconds`.
    Timeout { seconds: f64 },
}

/// What a person should understand, and so what they can do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    SignedOut,
    /// Signed in, but this account may not do this (a 403 without a sign-in code).
    Forbidden,
    ProjectNotFound,
    /// Nothing answers at this address: a gateway's own 404 page, not ModelArts.
    RouteNotFound,
    BadParameter,
    Busy,
    GatewayPage,
    NotJobList,
    Network,
    Timeout,
    Refused,
}

impl FailureKind {
    /// A stable name for `data-failure` (tests and styling).
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::SignedOut => "signed-out",
            FailureKind::Forbidden => "forbidden",
            FailureKind::ProjectNotFound => "project-not-found",
            FailureKind::RouteNotFound => "route-not-found",
            FailureKind::BadParameter => "bad-parameter",
            FailureKind::Busy => "busy",
            FailureKind::GatewayPage => "gateway-page",
            FailureKind::NotJobList => "not-job-list",
            FailureKind::Network => "network",
            FailureKind::Timeout => "timeout",
            FailureKind::Refused => "refused",
        }
    }
}

impl FailureKind {
    /// The title (with a `{status}` placeholder) and the advice for this kind.
    fn messages(self) -> (Msg, Msg) {
        match self {
            FailureKind::SignedOut => (Msg::ErrSignedOut, Msg::AdviceSignedOut),
            FailureKind::Forbidden => (Msg::ErrForbidden, Msg::AdviceForbidden),
            FailureKind::ProjectNotFound => (Msg::ErrProjectNotFound, Msg::AdviceProjectNotFound),
            FailureKind::RouteNotFound => (Msg::ErrRouteNotFound, Msg::AdviceRouteNotFound),
            FailureKind::BadParameter => (Msg::ErrBadParameter, Msg::AdviceBadParameter),
            FailureKind::Busy => (Msg::ErrBusy, Msg::AdviceBusy),
            FailureKind::GatewayPage => (Msg::ErrGatewayPage, Msg::AdviceGatewayPage),
            FailureKind::NotJobList => (Msg::ErrNotJobList, Msg::AdviceNotJobList),
            FailureKind::Network => (Msg::ErrNetwork, Msg::AdviceNetwork),
            FailureKind::Timeout => (Msg::ErrTimeout, Msg::AdviceTimeout),
            FailureKind::Refused => (Msg::ErrRefused, Msg::AdviceRefused),
        }
    }
}

impl ApiError {
    /// The ModelArts / API gateway error code, when the answer carried one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Http { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    pub fn http_status(&self) -> Option<u16> {
        match self {
            ApiError::Http { http_status, .. } | ApiError::NotJobList { http_status, .. } => {
                Some(*http_status)
            }
            _ => None,
        }
    }

    /// The server's own message, shown as given (as text).
    pub fn server_message(&self) -> Option<&str> {
        match self {
            ApiError::Http { message, .. } => message.as_deref(),
            _ => None,
        }
    }

    /// The start of an unexpected body, for the details element.
    pub fn excerpt(&self) -> Option<&str> {
        match self {
            ApiError::Http { excerpt, .. } | ApiError::NotJobList { excerpt, .. }
                if !excerpt.is_empty() =>
            {
                Some(excerpt)
            }
            ApiError::Network { detail } if !detail.is_empty() => Some(detail),
            _ => None,
        }
    }

    pub fn kind(&self) -> FailureKind {
        match self {
            ApiError::Timeout { .. } => FailureKind::Timeout,
            ApiError::Network { .. } => FailureKind::Network,
            ApiError::NotJobList { .. } => FailureKind::NotJobList,
            ApiError::Http {
                http_status,
                code,
                html,
                json,
                ..
            } => {
                // The code is the more precise witness; the status decides when there is none.
                if let Some(kind) = code.as_deref().and_then(kind_of_code) {
                    return kind;
                }
                match http_status {
                    401 => FailureKind::SignedOut,
                    // A 403 without a sign-in code: the token is fine, the permission is not.
                    403 => FailureKind::Forbidden,
                    // Only ModelArts' own JSON speaks of the project; a gateway's page
                    // or plain text means the address leads nowhere.
                    404 if *json => FailureKind::ProjectNotFound,
                    404 => FailureKind::RouteNotFound,
                    400 => FailureKind::BadParameter,
                    429 | 500..=599 if *html => FailureKind::GatewayPage,
                    429 | 500..=599 => FailureKind::Busy,
                    _ if *html => FailureKind::GatewayPage,
                    _ => FailureKind::Refused,
                }
            }
        }
    }

    /// One line saying what happened.
    pub fn title(&self, lang: Lang) -> String {
        let status = self
            .http_status()
            .map(|s| fill(lang, Msg::ErrStatusSuffix, &[("status", &cat!(s))]))
            .unwrap_or_default();
        let status = status.as_str();
        match self {
            ApiError::Timeout { seconds } if *seconds == 1.0 => t(lang, Msg::ErrTimeoutOne).into(),
            ApiError::Timeout { seconds } => fill(
                lang,
                Msg::ErrTimeout,
                &[("seconds", &format_seconds(*seconds))],
            ),
            ApiError::NotJobList { what, .. } => fill(
                lang,
                Msg::ErrNotJobList,
                &[("what", t(lang, *what)), ("status", status)],
            ),
            _ => fill(lang, self.kind().messages().0, &[("status", status)]),
        }
    }

    /// What the person can do next.
    pub fn advice(&self, lang: Lang) -> &'static str {
        t(lang, self.kind().messages().1)
    }
}

fn kind_of_code(code: &str) -> Option<FailureKind> {
    Some(match code {
        "APIG.0301" | "APIG.0307" | "ModelArts.0201" | "ModelArts.0202" | "ModelArts.0203"
        | "ModelArts.0204" => FailureKind::SignedOut,
        "ModelArts.0102" => FailureKind::ProjectNotFound,
        // The API gateway has no such API: a wrong api_base or route.
        "APIG.0101" => FailureKind::RouteNotFound,
        "ModelArts.0104" => FailureKind::BadParameter,
        "ModelArts.0010" | "ModelArts.0012" | "ModelArts.0013" => FailureKind::Busy,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(status: u16, code: Option<&str>, html: bool) -> ApiError {
        ApiError::Http {
            http_status: status,
            code: code.map(str::to_string),
            message: None,
            html,
            json: !html,
            excerpt: String::new(),
        }
    }

    fn plain_text(status: u16) -> ApiError {
        ApiError::Http {
            http_status: status,
            code: None,
            message: None,
            html: false,
            json: false,
            excerpt: "Not Found".into(),
        }
    }

    #[test]
    fn codes_and_statuses_map_to_what_a_person_can_act_on() {
        use FailureKind::*;
        let cases = [
            (http(401, Some("APIG.0301"), false), SignedOut),
            (http(401, None, false), SignedOut),
            (http(403, None, false), Forbidden),
            (http(403, None, true), Forbidden),
            (http(403, Some("ModelArts.0203"), false), SignedOut),
            (http(200, Some("ModelArts.0203"), false), SignedOut),
            (http(404, None, false), ProjectNotFound),
            (http(404, None, true), RouteNotFound),
            (plain_text(404), RouteNotFound),
            (http(404, Some("APIG.0101"), false), RouteNotFound),
            (http(200, Some("ModelArts.0102"), false), ProjectNotFound),
            (http(400, Some("ModelArts.0104"), false), BadParameter),
            (http(400, None, false), BadParameter),
            (http(429, None, false), Busy),
            (http(503, None, false), Busy),
            (http(502, None, true), GatewayPage),
            (http(200, Some("ModelArts.0103"), false), Refused),
            (
                ApiError::Network {
                    detail: String::new(),
                },
                Network,
            ),
            (ApiError::Timeout { seconds: 2.0 }, Timeout),
        ];
        for (err, kind) in cases {
            assert_eq!(err.kind(), kind, "{err:?}");
            for lang in Lang::ALL {
                assert!(!err.title(lang).is_empty());
                assert!(!err.advice(lang).is_empty());
            }
        }
    }

    #[test]
    fn titles_name_the_http_status_and_what_was_wrong() {
        let err = ApiError::NotJobList {
            http_status: 200,
            what: Msg::BodyNull,
            excerpt: "null".into(),
        };
        assert_eq!(
            err.title(Lang::En),
            "The server answered with something that is not a job list: null (HTTP 200)."
        );
        assert_eq!(
            err.title(Lang::ZhCn),
            "服务器返回的不是作业列表：null（HTTP 200）。"
        );
        assert_eq!(
            ApiError::Timeout { seconds: 1.5 }.title(Lang::En),
            "No answer within 1.5 seconds."
        );
        assert_eq!(
            http(401, None, false).title(Lang::En),
            "Your sign-in has expired or is missing (HTTP 401)."
        );
        assert_eq!(http(502, None, true).code(), None);
        assert_eq!(
            http(401, Some("APIG.0301"), false).code(),
            Some("APIG.0301")
        );
    }
}
