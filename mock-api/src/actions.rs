//! Which action ModelArts allows in which job status, and the words of a refusal.
//!
//! No API page lists the legal statuses (see `spec/actions.md`, "Legal statuses per
//! action"); this is the stand-in's reading of the docs' refusal samples and the console
//! user guide. Written apart from the app's own table on purpose: a shared table would let
//! one mistake pass both sides' tests.

/// An action that may be refused because of the job's current status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Stop,
    Restart,
    Delete,
}

impl Action {
    /// Whether ModelArts accepts this action for a job in `status`.
    pub fn allowed_in(self, status: i64) -> bool {
        match self {
            Action::Stop => stop_allowed(status),
            Action::Restart => restart_allowed(status),
            Action::Delete => delete_allowed(status),
        }
    }

    /// The verb the server's refusal uses; restart is "resubmit" there.
    pub fn verb(self) -> &'static str {
        match self {
            Action::Stop => "stop",
            Action::Restart => "resubmit",
            Action::Delete => "delete",
        }
    }

    /// The `error_message` of the `ModelArts.0105` refusal, in the docs' exact format.
    pub fn refusal_message(self, status: i64) -> String {
        format!("This job can't be {}. job status: {status}", self.verb())
    }
}

/// Stop: a running job, or one still starting up (initializing, creating its image,
/// submitting, queuing, scaling, in review). Not while canceling (9): it is already
/// stopping; not in unknown (0): nothing is known to stop.
pub fn stop_allowed(status: i64) -> bool {
    matches!(status, 1 | 2 | 4 | 7 | 8 | 15 | 18 | 19)
}

/// Restart ("resubmit"): only a job in a final status (failed, completed or canceled),
/// since anything else is still running or on its way.
pub fn restart_allowed(status: i64) -> bool {
    matches!(
        status,
        3 | 5 | 6 | 10 | 11 | 12 | 13 | 14 | 16 | 17 | 20 | 21 | 22
    )
}

/// Delete: the user guide allows deleting any listed job; the docs' one refusal sample is
/// a job in canceling (9).
pub fn delete_allowed(status: i64) -> bool {
    status != 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_and_restart_never_overlap_and_cover_every_known_code_but_0_and_9() {
        for status in 0..=22 {
            let stop = stop_allowed(status);
            let restart = restart_allowed(status);
            assert!(!(stop && restart), "{status}");
            assert_eq!(stop || restart, !matches!(status, 0 | 9), "{status}");
        }
    }

    #[test]
    fn the_docs_refusal_samples_are_refused() {
        assert!(!delete_allowed(9));
        assert!(!stop_allowed(10));
        assert!(!restart_allowed(8));
        assert_eq!(
            Action::Delete.refusal_message(9),
            "This job can't be delete. job status: 9"
        );
        assert_eq!(
            Action::Stop.refusal_message(10),
            "This job can't be stop. job status: 10"
        );
        assert_eq!(
            Action::Restart.refusal_message(8),
            "This job can't be resubmit. job status: 8"
        );
    }

    #[test]
    fn unknown_codes_can_only_be_deleted() {
        for status in [-1, 23, 99, i64::MAX] {
            assert!(!stop_allowed(status) && !restart_allowed(status));
            assert!(delete_allowed(status));
        }
    }
}
