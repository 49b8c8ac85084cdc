//! What pitfix knows about names outside the module: the standard library's and popular
//! packages' functions, classes and their traps, keyed by the qualified names the semantic model
//! resolves (`collections.deque`, `builtins.list`). One table per fact, read by every transform
//! that needs it; a transform keeps a table of its own only for what no other one asks.
mod calls;
mod classes;
mod closures;
mod immutable;
mod mutable;

pub(crate) use calls::*;
pub(crate) use classes::*;
pub(crate) use closures::*;
pub(crate) use immutable::*;
pub(crate) use mutable::*;
