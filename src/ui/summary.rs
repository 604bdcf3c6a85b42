//! Total matching jobs and the quota figures, in words a person understands.

use leptos::prelude::*;

use super::state::ConsoleState;
use crate::format::format_count;

#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let total = move || {
        state
            .page
            .with(|p| match p.as_ref().and_then(|p| p.job_total_count) {
                Some(1) => "1 job".to_string(),
                Some(n) => format!("{} jobs", format_count(n as i64)),
                None => "—".to_string(),
            })
    };
    let figure = |n: Option<i64>| n.map_or("—".to_string(), format_count);
    let running_limit = move || {
        state
            .page
            .with(|p| figure(p.as_ref().and_then(|p| p.quotas)))
    };
    let can_create = move || {
        state
            .page
            .with(|p| figure(p.as_ref().and_then(|p| p.job_count_limit)))
    };
    view! {
        <section class="summary" aria-live="polite">
            <span class="total">
                "Matching: " <strong data-testid="total-count">{total}</strong>
            </span>
            <span class="quota" data-testid="quota">
                <span title="quotas: the most visualization jobs that may run at the same time">
                    "Can run at once: " <strong>{running_limit}</strong>
                </span>
                <span title="job_count_limit: how many more visualization jobs this account may create">
                    "Can still create: " <strong>{can_create}</strong>
                </span>
            </span>
        </section>
    }
}
