//! The dialogue with a person at a terminal: questions behind a trait so
//! tests can answer them ([`prompt`]), and the guided questions that `add`
//! and `assess --interactive` ask in the policy's order ([`guide`]).

pub mod guide;
pub mod menu;
pub mod overall;
pub mod prompt;
#[cfg(unix)]
mod raw;
mod scripted;
