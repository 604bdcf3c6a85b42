//! A request made by an effect, superseded by the effect's next run: the list's and
//! the detail panel's fetches. A signal and a task instead of a `LocalResource` (and
//! the `<Transition>` around it): the same behaviour for about 15 KiB less wasm
//! (README, "Benchmark").

use std::{cell::Cell, rc::Rc};

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use web_sys::AbortController;

use crate::api::{client::abort_controller, error::ApiError};

/// The abort controller of one request, and whether its answer is still wanted.
#[derive(Clone)]
pub struct EffectRequest {
    controller: AbortController,
    superseded: Rc<Cell<bool>>,
}

impl EffectRequest {
    /// Starts a request inside an effect. The effect's next run, or its end, aborts it
    /// and marks its answer unwanted. A browser without `AbortController` gets a
    /// network error to show ([`abort_controller`]).
    pub fn start() -> Result<Self, ApiError> {
        let request = EffectRequest {
            controller: abort_controller()?,
            superseded: Rc::new(Cell::new(false)),
        };
        // Cleanups must be Send; wasm is single-threaded.
        let on_supersede = SendWrapper::new(request.clone());
        on_cleanup(move || {
            on_supersede.superseded.set(true);
            on_supersede.controller.abort();
        });
        Ok(request)
    }

    /// For the fetch; a timeout aborts it too, and that answer is still wanted.
    pub fn controller(&self) -> &AbortController {
        &self.controller
    }

    /// Whether a newer request replaced this one (its answer must not be shown).
    pub fn is_superseded(&self) -> bool {
        self.superseded.get()
    }
}
