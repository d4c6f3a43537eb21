//! `partreg assess`'s arguments and help, with the keys `--set` takes.

use clap::Args;

use super::{GlobalArgs, TableArgs, TableFormat, parse_edit, values};
use crate::store::edit::RatingEdit;

const ASSESS_HELP: &str = "\
By default every proposed, active and exiting partnership is listed; name ids
to see only those, or pass --all for every status.

Examples:
  partreg assess
  partreg assess --format csv > ratings.csv
  partreg assess norfolk-waste-partnership --explain
  partreg assess norfolk-waste-partnership --set risk.reputation=high --set risk.overall=medium
  partreg assess norfolk-waste-partnership --set value.overall=high --rationale \"Agreed by CMT on 3 March\"
  partreg assess norfolk-waste-partnership --interactive
  partreg assess --matrix --names

--set takes risk.KEY or value.KEY, where KEY is a criterion, overall or
rationale, and a level high, medium or low (or the rationale's text). The
resource criterion cannot be set: it always comes from budget_contribution_gbp.
The file keeps its comments and layout; the change is checked before it is
written, and nothing is written if it would leave the file with errors.";

/// `assess --help`'s closing text: [`ASSESS_HELP`] and the keys `--set`
/// takes, made from the lists its parser checks against.
pub(super) fn assess_help() -> String {
    format!(
        "{ASSESS_HELP}\n\nThe keys --set takes (from the Appendix B criteria):\n{}",
        crate::policy::flag_hints::set_keys_lines()
    )
}

/// `partreg assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Partnership ids (file names without .toml); default: all proposed, active and exiting.
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// Include every status (exited and declined too).
    #[arg(long)]
    pub all: bool,
    /// How to print the ratings or the matrix.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Explain each rating step by step, in plain English.
    #[arg(long, conflicts_with_all = ["matrix", "set", "interactive", "format"])]
    pub explain: bool,
    /// Change a rating in the file: risk.KEY=LEVEL or value.KEY=LEVEL (repeatable).
    #[arg(long = "set", value_name = "KEY=LEVEL", value_parser = parse_edit, conflicts_with_all = ["matrix", "interactive"])]
    pub set: Vec<RatingEdit>,
    /// The rationale to record with an overall rating given by --set.
    #[arg(long, value_name = "TEXT", requires = "set", allow_hyphen_values = true, value_parser = values::text())]
    pub rationale: Option<String>,
    /// Walk through each criterion on the terminal and record the answers.
    #[arg(long, conflicts_with_all = ["matrix", "format"])]
    pub interactive: bool,
    /// Show the value × risk grid with the number of partnerships in each cell.
    #[arg(long)]
    pub matrix: bool,
    /// With --matrix, list the partnerships in each cell.
    #[arg(long, requires = "matrix")]
    pub names: bool,
    /// CSV without the byte-order mark that helps Excel read £ and accents.
    #[arg(long)]
    pub no_bom: bool,
    #[command(flatten)]
    pub table: TableArgs,
    #[command(flatten)]
    pub global: GlobalArgs,
}
