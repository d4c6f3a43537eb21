//! partreg's integration tests: one test binary, one module per area.

// Test helpers outside #[test] functions may unwrap: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod add;
mod add_guided;
mod assess;
mod check;
mod colour;
mod committed_paths;
mod completion;
mod concurrency;
mod confinement;
mod diagnostics;
mod export;
mod help;
mod hostile;
mod import_sheet;
mod injection;
mod inputs;
mod lookalikes;
mod memory;
mod pipes;
mod properties;
mod reliability;
mod review;
mod sarif;
mod schema;
mod support;
mod untrusted;
mod workflows;
