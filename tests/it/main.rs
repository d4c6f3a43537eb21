//! partreg's integration tests: one test binary, one module per area.

// Test helpers outside #[test] functions may unwrap: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod add;
mod add_back;
mod add_drafts;
mod add_esc;
mod add_guided;
mod add_terminal;
mod assess;
mod assess_edit;
mod check;
mod ci_formats;
mod colour;
mod committed_paths;
mod completion;
mod concurrency;
mod confinement;
mod diagnostics;
mod examples;
mod export;
mod first_steps;
mod help;
mod hints;
mod hostile;
mod import_interrupt;
mod import_rows;
mod import_sheet;
mod injection;
mod inputs;
mod lookalikes;
mod memory;
mod output_schemas;
mod part2;
mod pipes;
mod pre_commit;
mod properties;
mod reliability;
mod report_tables;
mod reports;
mod review;
mod review_agree;
mod review_pack;
mod round_trip;
mod sarif;
mod schema;
mod support;
mod tables;
mod tryout_names;
mod typed_dates;
mod untrusted;
mod windows_paths;
mod words;
mod workflows;
