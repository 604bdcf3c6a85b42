//! Leptos entry points through one type each. Leptos compiles its rendering, effect
//! and memo code once per closure type it is given, and its signal and memo code once
//! per value type (~0.6–1.5 KB of wasm each); these helpers erase or box the closure
//! or the value first, so the page's uses share one copy.

use std::{
    any::Any,
    marker::PhantomData,
    sync::{Arc, Mutex},
};

use leptos::{
    attr::{
        custom::{custom_attribute, CustomAttr},
        AttributeValue,
    },
    ev::{on, Custom, On},
    prelude::*,
};
use wasm_bindgen::JsCast;

/// A reactive part of a view as one erased closure type per output type. Leptos
/// compiles its rendering code once per closure type placed in a view (~0.6 KB of
/// wasm each); every part made through it with the same output shares one copy
/// (for `String`, the one the attributes already use).
pub type Live<T> = Arc<Mutex<dyn FnMut() -> T + Send>>;

pub fn live_view<T: 'static>(part: impl FnMut() -> T + Send + 'static) -> Live<T> {
    Arc::new(Mutex::new(part))
}

/// `children` while `when` holds, else nothing: what `<Show>` does (a memo of `when`,
/// the children built when it turns true), with its rendering code shared by every
/// use instead of compiled for each (~0.7 KB of wasm per `<Show>`).
pub fn shown_when(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: impl Fn() -> AnyView + Send + 'static,
) -> Live<Option<AnyView>> {
    shown_when_boxed(Box::new(when), Box::new(children))
}

/// Boxed, so the memo and the view around them are one copy for every use.
#[inline(never)]
fn shown_when_boxed(
    when: Box<dyn Fn() -> bool + Send + Sync>,
    children: Box<dyn Fn() -> AnyView + Send>,
) -> Live<Option<AnyView>> {
    let when = Derived::new(move |_| when());
    live_view(move || when.get().then(&children))
}

/// An effect (`Effect::new`) running `run`, boxed first: Leptos's effect (its task
/// and scheduling) is generic over the closure, so each effect was a copy of that
/// code; through here they share one.
pub fn effect(run: impl FnMut() + 'static) -> Effect<LocalStorage> {
    effect_boxed(Box::new(run))
}

#[inline(never)]
fn effect_boxed(mut run: Box<dyn FnMut()>) -> Effect<LocalStorage> {
    Effect::new(move |_| run())
}

/// An attribute by its name, through tachys's one custom-attribute type: spread into
/// a view as `<div {..attr("role", "status")}>`. The view macro gives each attribute
/// name it knows (`type`, `role`, `aria-live`, …) a type of its own, and each is a
/// copy of tachys's attribute code in the wasm (~0.1 KiB brotli); `data-*` names take
/// this type already. A reactive value goes through [`super::kept::kept_attr`].
pub fn attr<V: AttributeValue>(name: &'static str, value: V) -> CustomAttr<&'static str, V> {
    custom_attribute(name, value)
}

/// The listener attribute every handler on the page goes through.
pub type Listener = On<Custom, Box<dyn FnMut(web_sys::Event)>>;

/// An event listener, spread into a view as `<button {..listen("click", …)}>`, through
/// one attribute type for every event: tachys compiles its listener code (the
/// attribute's build, its erased form, the owner and thread checks) once per event
/// type and handler type, and each closure is a type of its own. The handler gets the
/// plain `Event` (see [`on_keydown`] for keys).
pub fn listen(name: &'static str, run: impl FnMut(web_sys::Event) + 'static) -> Listener {
    listen_boxed(name, Box::new(run))
}

/// Boxed first, so the listener's set-up is one copy for every use.
#[inline(never)]
fn listen_boxed(name: &'static str, run: Box<dyn FnMut(web_sys::Event)>) -> Listener {
    on(Custom::new(name), run)
}

/// A `keydown` listener whose handler reads the key.
pub fn on_keydown(mut run: impl FnMut(web_sys::KeyboardEvent) + 'static) -> Listener {
    listen("keydown", move |ev| run(ev.unchecked_into()))
}

/// Reactive text: see [`live_view`].
pub type LiveText = Live<String>;

pub fn live_text(text: impl Fn() -> String + Send + 'static) -> LiveText {
    live_view(text)
}

/// A signal of a `T`, through one signal type for every `T`: Leptos compiles its
/// signal code (the arena entry, the read and write guards, the drop) once per value
/// type, ~0.7–1.5 KB of wasm each. The page's one-of-a-kind values (the pending
/// actions, the selection, the open dialog's request, a detail answer) share one copy
/// and are downcast on access, which cannot fail: only `T`s go in.
pub struct Held<T>(RwSignal<Box<dyn Any + Send + Sync>>, PhantomData<fn() -> T>);

impl<T> Clone for Held<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Held<T> {}

impl<T: Send + Sync + 'static> Held<T> {
    pub fn new(value: T) -> Self {
        Held(held_signal(Box::new(value)), PhantomData)
    }

    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0.with(|value| read(cast(value)))
    }

    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0.with_untracked(|value| read(cast(value)))
    }

    pub fn update(&self, change: impl FnOnce(&mut T)) {
        self.0.update(|value| change(cast_mut(value)));
    }

    /// Makes the running effect or memo depend on the value without reading it.
    pub fn track(&self) {
        self.0.track();
    }

    /// Changes the value without telling readers (what a `StoredValue` is for: values
    /// no view shows), and gives what `change` returns; `None` once disposed.
    pub fn update_untracked<R>(&self, change: impl FnOnce(&mut T) -> R) -> Option<R> {
        self.0.try_update_untracked(|value| change(cast_mut(value)))
    }

    /// `change` says whether it changed anything; only then are readers told.
    pub fn maybe_update(&self, change: impl FnOnce(&mut T) -> bool) {
        self.0.maybe_update(|value| change(cast_mut(value)));
    }

    pub fn set(&self, value: T) {
        self.0.set(Box::new(value));
    }
}

impl<T: Clone + Send + Sync + 'static> Held<T> {
    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    pub fn get_untracked(&self) -> T {
        self.with_untracked(T::clone)
    }
}

type AnyValue = Box<dyn Any + Send + Sync>;

#[inline(never)]
fn held_signal(value: AnyValue) -> RwSignal<AnyValue> {
    RwSignal::new(value)
}

fn cast<T: 'static>(value: &AnyValue) -> &T {
    match value.downcast_ref() {
        Some(value) => value,
        None => panic!("a held value is of its own type"),
    }
}

fn cast_mut<T: 'static>(value: &mut AnyValue) -> &mut T {
    match value.downcast_mut() {
        Some(value) => value,
        None => panic!("a held value is of its own type"),
    }
}

/// A memo of a `T`, through one memo type for every `T` (as [`Held`] for signals):
/// the value goes behind `dyn MemoValue` with the comparison that decides whether
/// readers are told of a new one.
pub struct Derived<T>(Memo<Box<dyn MemoValue>>, PhantomData<fn() -> T>);

impl<T> Clone for Derived<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Derived<T> {}

/// A memo's value and its comparison, erased.
pub trait MemoValue: Any + Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn MemoValue) -> bool;
}

struct Compared<T> {
    value: T,
    same: fn(&T, &T) -> bool,
}

impl<T: Send + Sync + 'static> MemoValue for Compared<T> {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn same(&self, other: &dyn MemoValue) -> bool {
        other
            .as_any()
            .downcast_ref::<Compared<T>>()
            .is_some_and(|other| (self.same)(&self.value, &other.value))
    }
}

impl PartialEq for dyn MemoValue {
    fn eq(&self, other: &Self) -> bool {
        self.same(other)
    }
}

type MemoFn = dyn Fn(Option<&Box<dyn MemoValue>>) -> Box<dyn MemoValue> + Send + Sync;

impl<T: Send + Sync + 'static> Derived<T> {
    /// Readers are told of a new value when `same` says it differs from the last.
    pub fn new_with_compare(
        compute: impl Fn(Option<&T>) -> T + Send + Sync + 'static,
        same: fn(&T, &T) -> bool,
    ) -> Self {
        let compute = move |previous: Option<&Box<dyn MemoValue>>| {
            let value = compute(previous.map(|p| &value_of::<T>(&**p).value));
            Box::new(Compared { value, same }) as Box<dyn MemoValue>
        };
        Derived(derived_memo(Box::new(compute)), PhantomData)
    }

    pub fn new(compute: impl Fn(Option<&T>) -> T + Send + Sync + 'static) -> Self
    where
        T: PartialEq,
    {
        Self::new_with_compare(compute, T::eq)
    }

    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0.with(|value| read(&value_of::<T>(&**value).value))
    }

    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0
            .with_untracked(|value| read(&value_of::<T>(&**value).value))
    }

    pub fn track(&self) {
        self.0.track();
    }
}

impl<T: Clone + Send + Sync + 'static> Derived<T> {
    pub fn get(&self) -> T {
        self.with(T::clone)
    }
}

#[inline(never)]
fn derived_memo(compute: Box<MemoFn>) -> Memo<Box<dyn MemoValue>> {
    Memo::new(move |previous: Option<&Box<dyn MemoValue>>| compute(previous))
}

fn value_of<T: 'static>(value: &dyn MemoValue) -> &Compared<T> {
    match value.as_any().downcast_ref() {
        Some(value) => value,
        None => panic!("a derived value is of its own type"),
    }
}
