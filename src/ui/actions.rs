//! The action center: sends stop, restart, delete, create and edit requests, keeps the
//! pending map and the follow-up fetches, and reports each job's outcome. Rows, the
//! detail panel and the dialogs only call it and read it.

use std::time::Duration;

use leptos::{prelude::*, task::spawn_local};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use super::{
    context::{LangSignal, Nav},
    job_list::JobList,
    one_type::{effect, Held},
};
use crate::{
    actions::{
        action_request, follow_up_delay_ms, is_gateway_read_only, refused_in_status, Pending,
        Resolution, Verb,
    },
    api::{client::send_change, error::ApiError, model::Job},
    browser::now_ms,
    cat,
    config::RuntimeConfig,
    format::safe_http_url,
    i18n::{fill, t, Lang, Msg},
    id_set::IdSet,
    status::status_label,
};

/// A job as an action names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobRef {
    pub id: String,
    pub name: String,
    pub status: Option<i64>,
}

impl JobRef {
    pub fn of(job: &Job) -> Option<JobRef> {
        Some(JobRef {
            id: job.job_id.clone()?,
            name: job
                .job_name
                .clone()
                .filter(|n| !n.is_empty())
                .or_else(|| job.job_id.clone())?,
            status: job.status,
        })
    }
}

/// What the confirmation dialog asks about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfirmRequest {
    pub verb: Verb,
    pub jobs: Vec<JobRef>,
    /// Selected jobs left out because their status does not allow the action.
    pub skipped: Vec<String>,
}

/// One reported outcome, for the live region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub seq: u64,
    pub job_id: String,
    pub ok: bool,
    pub text: String,
}

/// How many outcomes the live region keeps.
const OUTCOMES_KEPT: usize = 12;

#[derive(Clone, Copy)]
pub struct ActionCenter {
    pub pending: Held<Vec<Pending>>,
    /// Jobs with a request on its way (buttons stay off until it is answered).
    pub sending: Held<IdSet>,
    pub outcomes: Held<Vec<Outcome>>,
    pub selection: Held<IdSet>,
    pub confirm: Held<Option<ConfirmRequest>>,
    /// Set (to the HTTP status, as text) once the gateway refused a change as a
    /// read-only one.
    pub gateway_read_only: Held<Option<String>>,
    pub read_only: bool,
    lang: LangSignal,
    nav: Nav,
    list: JobList,
    /// `config.json`: where changes go, and how long they may take.
    config: &'static RuntimeConfig,
    follow_up: Held<Option<TimeoutHandle>>,
    /// Tabs reserved by "restart and open", by job ID, waiting for the job to run.
    tabs: Held<Vec<(String, SendWrapper<web_sys::Window>)>>,
}

impl ActionCenter {
    pub fn new(nav: Nav, list: JobList, lang: LangSignal, config: &'static RuntimeConfig) -> Self {
        let read_only = config.read_only;
        let center = ActionCenter {
            pending: Held::new(Vec::new()),
            sending: Held::new(IdSet::default()),
            outcomes: Held::new(Vec::new()),
            selection: Held::new(IdSet::default()),
            confirm: Held::new(None),
            gateway_read_only: Held::new(None),
            read_only,
            lang,
            nav,
            list,
            config,
            follow_up: Held::new(None),
            tabs: Held::new(Vec::new()),
        };
        // Every new page is checked for the outcomes the pending actions wait for.
        effect(move || {
            let page = list.page.get();
            if let Some(page) = page {
                untrack(|| center.observe(&page.jobs));
            }
        });
        // Another project or page: selections named jobs that are no longer shown.
        effect(move || {
            nav.query.track();
            if center.selection.with_untracked(|s| !s.is_empty()) {
                center.selection.set(IdSet::default());
            }
        });
        center
    }

    fn lang(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Whether the page offers changes: not when configured read-only, nor once the
    /// gateway refused one as a read-only deployment does (tracked).
    pub fn allows_changes(&self) -> bool {
        !self.read_only && self.gateway_read_only.with(Option::is_none)
    }

    /// The pending verb of a job, if an accepted action has not yet shown.
    pub fn pending_verb(&self, job_id: &str) -> Option<Verb> {
        self.pending
            .with(|p| p.iter().find(|p| p.job_id == job_id).map(|p| p.verb))
    }

    pub fn announce(&self, job_id: &str, ok: bool, text: String) {
        self.outcomes.update(|list| {
            // Numbered on from the newest kept: outcomes leave only from the front, so
            // it holds the highest number (no counter to keep in step).
            let seq = list.last().map_or(0, |last| last.seq) + 1;
            list.push(Outcome {
                seq,
                job_id: job_id.to_string(),
                ok,
                text,
            });
            if list.len() > OUTCOMES_KEPT {
                list.remove(0);
            }
        });
    }

    /// A click on stop, restart or delete (one job or a selection): asks first where
    /// the action needs it.
    pub fn ask(&self, verb: Verb, jobs: Vec<JobRef>, skipped: Vec<String>) {
        if jobs.is_empty() {
            return;
        }
        if verb.needs_confirmation() {
            self.confirm.set(Some(ConfirmRequest {
                verb,
                jobs,
                skipped,
            }));
        } else {
            self.run(verb, jobs);
        }
    }

    /// Confirmed: sends the request for each job.
    pub fn run(&self, verb: Verb, jobs: Vec<JobRef>) {
        for job in jobs {
            self.send(verb, job);
        }
    }

    fn send(&self, verb: Verb, job: JobRef) {
        let center = *self;
        let project = self.nav.query.with_untracked(|q| q.project_id.clone());
        let request = action_request(verb, &self.config.api_base, &project, &job.id);
        let timeout = self.config.request_timeout_seconds;
        self.sending.update(|s| {
            s.insert(job.id.clone());
        });
        spawn_local(async move {
            let answer = send_change(&request, timeout).await;
            center.sending.update(|s| {
                s.remove(&job.id);
            });
            match answer {
                Ok(_) => center.accepted(verb, &job),
                Err(error) => {
                    let reason = center.reason(&error);
                    center.refused(verb, &job, &error, &reason);
                }
            }
        });
    }

    /// An accepted action: pending until the status shows it.
    pub fn accepted(&self, verb: Verb, job: &JobRef) {
        let lang = self.lang();
        self.pending.update(|p| {
            p.retain(|p| p.job_id != job.id);
            p.push(Pending {
                job_id: job.id.clone(),
                job_name: job.name.clone(),
                verb,
                since: now_ms(),
                moved: false,
                status_then: job.status,
            });
        });
        self.selection.update(|s| {
            s.remove(&job.id);
        });
        let action = t(lang, verb.label());
        self.announce(
            &job.id,
            true,
            fill(
                lang,
                Msg::OutcomeAccepted,
                &[("name", &job.name), ("action", action)],
            ),
        );
        self.schedule_follow_up();
    }

    /// Any refused change (action, create, edit): a gateway that passes no changes
    /// turns the whole page read-only.
    pub fn note_refusal(&self, error: &ApiError) {
        if is_gateway_read_only(error) {
            self.gateway_read_only
                .set(error.http_status().map(|status| cat!(status)));
        }
    }

    /// A refused action: named, with its reason; nothing else changes.
    pub fn refused(&self, verb: Verb, job: &JobRef, error: &ApiError, reason: &str) {
        self.note_refusal(error);
        let key = match verb {
            Verb::Stop => Msg::FailStop,
            Verb::Restart => Msg::FailRestart,
            Verb::Delete => Msg::FailDelete,
            Verb::Create => Msg::FailCreate,
        };
        let lang = self.lang();
        self.announce(
            &job.id,
            false,
            fill(lang, key, &[("name", &job.name), ("reason", reason)]),
        );
        self.finish_tab(&job.id, |tab| {
            write_tab(
                tab,
                &fill(
                    lang,
                    Msg::TabRefused,
                    &[("name", &job.name), ("reason", reason)],
                ),
            )
        });
    }

    /// Why a request failed, in words: the status a 0105 names, else the server's own
    /// message, else what kind of failure it was.
    pub fn reason(&self, error: &ApiError) -> String {
        let lang = self.lang();
        if is_gateway_read_only(error) {
            let status = cat!(error.http_status().unwrap_or_default());
            return fill(lang, Msg::ReasonGatewayRefused, &[("status", &status)]);
        }
        if let Some(status) = refused_in_status(error) {
            return fill(
                lang,
                Msg::ReasonNotAllowed,
                &[("status", &status_label(status, lang))],
            );
        }
        match (error.code(), error.server_message()) {
            (Some(code), Some(message)) => cat!(message, " (", code, ")"),
            (None, Some(message)) => message.to_string(),
            _ => error.title(lang),
        }
    }

    /// "Restart and open": the tab is reserved now, inside the click, because a browser
    /// blocks one opened later; it follows the job to its TensorBoard.
    pub fn restart_and_open(&self, job: JobRef) {
        let lang = self.lang();
        if let Some(tab) = web_sys::window()
            .and_then(|w| w.open_with_url_and_target("", "_blank").ok())
            .flatten()
        {
            write_tab(&tab, &fill(lang, Msg::TabStarting, &[("name", &job.name)]));
            self.tabs.update_untracked(|tabs| {
                tabs.retain(|(id, _)| *id != job.id);
                tabs.push((job.id.clone(), SendWrapper::new(tab)));
            });
        }
        self.send(Verb::Restart, job);
    }

    fn finish_tab(&self, job_id: &str, finish: impl FnOnce(&web_sys::Window)) {
        let tab = self.tabs.update_untracked(|tabs| {
            tabs.iter()
                .position(|(id, _)| id == job_id)
                .map(|i| tabs.remove(i).1)
        });
        if let Some(Some(tab)) = tab {
            finish(&tab);
        }
    }

    /// Folds a fresh list into the pending map: reports what resolved, and keeps
    /// following up while anything is still pending.
    fn observe(&self, jobs: &[Job]) {
        let now = now_ms();
        let lang = self.lang();
        let mut resolved = Vec::new();
        self.pending.update(|pending| {
            pending.retain_mut(|p| {
                let job = jobs.iter().find(|j| j.job_id.as_deref() == Some(&p.job_id));
                match p.resolve(job, now) {
                    Some(resolution) => {
                        resolved.push((p.clone(), resolution, job.cloned()));
                        false
                    }
                    None => true,
                }
            })
        });
        for (p, resolution, job) in resolved {
            self.report(&p, resolution, job.as_ref(), lang);
        }
        if self.pending.with_untracked(|p| !p.is_empty()) {
            self.schedule_follow_up();
        }
    }

    fn report(&self, p: &Pending, resolution: Resolution, job: Option<&Job>, lang: Lang) {
        let name = [("name", p.job_name.as_str())];
        match resolution {
            Resolution::Done => {
                let key = match p.verb {
                    Verb::Stop => Msg::OutcomeStopDone,
                    Verb::Restart => Msg::OutcomeRestartDone,
                    Verb::Delete => Msg::OutcomeDeleteDone,
                    Verb::Create => Msg::OutcomeCreateDone,
                };
                self.announce(&p.job_id, true, fill(lang, key, &name));
                let link = job
                    .and_then(|j| j.service_url.as_deref())
                    .and_then(safe_http_url);
                self.finish_tab(&p.job_id, |tab| match link {
                    Some(url) => {
                        // The TensorBoard must not reach back into the console.
                        let _ = tab.set_opener(&JsValue::NULL);
                        let _ = tab.location().set_href(&url);
                    }
                    None => write_tab(tab, &fill(lang, Msg::TabNoLink, &name)),
                });
            }
            Resolution::Failed(status) => {
                let label = status_label(status, lang);
                let args = [("name", p.job_name.as_str()), ("status", label.as_str())];
                self.announce(&p.job_id, false, fill(lang, Msg::OutcomeStartFailed, &args));
                self.finish_tab(&p.job_id, |tab| {
                    write_tab(tab, &fill(lang, Msg::TabFailed, &args))
                });
            }
            Resolution::TimedOut => {
                self.announce(&p.job_id, false, fill(lang, Msg::OutcomeTimedOut, &name));
                self.finish_tab(&p.job_id, |tab| {
                    write_tab(tab, &fill(lang, Msg::TabGaveUp, &name))
                });
            }
        }
    }

    /// The next follow-up fetch: soon after an action, then less often.
    fn schedule_follow_up(&self) {
        if self.follow_up.with_untracked(Option::is_some) {
            return;
        }
        let oldest = self
            .pending
            .with_untracked(|p| p.iter().map(|p| p.since).min());
        let Some(oldest) = oldest else {
            return;
        };
        let delay = follow_up_delay_ms(now_ms() - oldest);
        let center = *self;
        let handle = set_timeout_with_handle(
            move || {
                center.follow_up.update_untracked(|f| *f = None);
                center.list.refetch();
            },
            Duration::from_millis(u64::from(delay)),
        );
        self.follow_up.update_untracked(|f| *f = handle.ok());
    }

    /// A change made elsewhere (create, edit): show it soon.
    pub fn refresh_soon(&self) {
        self.list.refetch();
    }
}

/// Writes a message into a reserved tab (an `about:blank` page of this origin).
fn write_tab(tab: &web_sys::Window, text: &str) {
    if let Some(document) = tab.document() {
        document.set_title(text);
        if let Some(body) = document.body() {
            body.set_text_content(Some(text));
        }
    }
}
