//! partreg's integration tests: one test binary, one module per area.

// Test helpers outside #[test] functions may unwrap: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod add;
mod add_guided;
mod assess;
mod check;
mod diagnostics;
mod export;
mod hostile;
mod inputs;
mod part2;
mod properties;
mod reliability;
mod reports;
mod review;
mod sarif;
mod schema;
mod support;
mod workflows;
