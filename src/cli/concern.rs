//! The command line of `partreg concern`: raising and closing issues of
//! concern (format Part 2).

use clap::Args;

use crate::model::Date;

pub(super) const CONCERN_HELP: &str = "\
The policy asks the Lead Officer to report issues of concern to the relevant
member of CMT as they arise. --raise adds a [[concerns]] table at the end of
the file, changing no other byte; --close N closes the N-th concern (in file
order, as `partreg show` numbers them). The file is checked before it is
written and written atomically.

Examples:
  partreg concern norfolk-waste-partnership --raise \"The food waste grant is late\" --by \"Waste and Recycling Manager\" --escalated-to \"Director of Place\"
  partreg concern breckland-homelessness-partnership --close 1 --date 2026-12-10";

/// `partreg concern`.
#[derive(Debug, Args)]
pub struct ConcernArgs {
    /// The partnership's id.
    pub id: String,
    /// Raise a new concern with this summary.
    #[arg(long, value_name = "SUMMARY", requires = "by", conflicts_with = "close")]
    pub raise: Option<String>,
    /// With --raise: the Lead Officer or Member raising it.
    #[arg(long, value_name = "NAME", requires = "raise", allow_hyphen_values = true, value_parser = super::values::text())]
    pub by: Option<String>,
    /// With --raise: the CMT member or Portfolio Holder it is reported to.
    #[arg(long, value_name = "NAME", requires = "raise", allow_hyphen_values = true, value_parser = super::values::text())]
    pub escalated_to: Option<String>,
    /// With --raise: the advice on the course of action.
    #[arg(long, value_name = "TEXT", requires = "raise", allow_hyphen_values = true, value_parser = super::values::text())]
    pub advice: Option<String>,
    /// Close the N-th concern (1 for the first in the file).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub close: Option<u32>,
    /// The day it was raised or closed (default: --as-of, else today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub date: Option<Date>,
    #[command(flatten)]
    pub global: super::GlobalArgs,
}
