//! The command line of the Part 2 reports: `partreg appointments` and
//! `partreg programme`. Kept apart from `cli/mod.rs` so each stays small.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::model::Date;

pub(super) const APPOINTMENTS_HELP: &str = "\
The list of outside bodies for Group Leaders' nominations, agreed at Annual
Council: for the first Annual Council on or after --as-of in partreg.toml's
[calendar] (or --meeting), every proposed or active partnership with places
for Members, who holds each place, the term, the expected roles, and which
places are to be filled at that meeting (vacant, annual, ending by then, or
four-year when an election falls before it).

Examples:
  partreg appointments
  partreg appointments --meeting 2027-05-20 --format html --output appointments.html
  partreg appointments --by-person --format csv";

pub(super) const PROGRAMME_HELP: &str = "\
For each proposed, active or exiting partnership: how often it reports, who
is responsible, where the reports go, the last report and when the next is
due. Overdue reports come first, then those with no report recorded, then by
date. --format ics writes the dates that fall due (next reports, the end of
the review year for partnerships due a review, terms ending) as a calendar
that updates in place when subscribed to.

Examples:
  partreg programme
  partreg programme --format ics --output programme.ics";

/// The formats both reports print in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A table for the terminal.
    Table,
    /// One row per line, for spreadsheets.
    Csv,
    /// One JSON document.
    Json,
    /// A Markdown document for a committee paper.
    Markdown,
    /// One self-contained, printable web page.
    Html,
    /// An iCalendar file of the dates that fall due (programme only).
    Ics,
}

/// Where a report goes.
#[derive(Debug, Args)]
pub struct ReportOutput {
    /// The format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Write to this file instead of the screen (never overwriting without --force).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Let --output replace an existing file.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// CSV without the byte-order mark that helps Excel read £ and accents.
    #[arg(long)]
    pub no_bom: bool,
    #[command(flatten)]
    pub table: super::TableArgs,
}

/// `partreg appointments`.
#[derive(Debug, Args)]
pub struct AppointmentsArgs {
    /// The Annual Council meeting (default: the first in `[calendar]` on or after --as-of).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub meeting: Option<Date>,
    /// List each representative, officers included, with every body they sit on.
    #[arg(long)]
    pub by_person: bool,
    #[command(flatten)]
    pub out: ReportOutput,
    #[command(flatten)]
    pub global: super::GlobalArgs,
}

/// `partreg programme`.
#[derive(Debug, Args)]
pub struct ProgrammeArgs {
    #[command(flatten)]
    pub out: ReportOutput,
    #[command(flatten)]
    pub global: super::GlobalArgs,
}
