//! The command line: global flags, the subcommands and their flags, as clap
//! types. Commands turn these into library calls in [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Date;
use crate::store::edit::RatingEdit;

mod add;
mod assess;
mod concern;
mod reports;
pub mod values;
use add::ADD_HELP;
pub use add::AddArgs;
pub use assess::AssessArgs;
use assess::assess_help;
pub use concern::ConcernArgs;
pub use reports::{AppointmentsArgs, ProgrammeArgs, ReportFormat, ReportOutput};

const ABOUT: &str = "Keep the council's Partnership Register as files, check it against the Partnership Policy, and do the policy's paperwork.";

const AFTER_HELP: &str = "\
Examples:
  partreg check                        check the whole register
  partreg add                          put a new partnership on the register, guided
  partreg assess norfolk-waste-partnership --explain
                                       how a partnership's risk and value are rated
  partreg review --year 2026           the annual review pack
  partreg list --format xlsx --output register.xlsx
  partreg import old-register.xlsx     move in from the old spreadsheet

`partreg COMMAND --help` explains each command with examples.

Exit codes: 0 nothing wrong, 1 the register has problems, 2 partreg could not run.";

#[derive(Debug, Parser)]
#[command(name = "partreg", version, about = ABOUT, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

// Maintainer note in `//`, not `///`: clap derive turns a flattened
// struct's doc comment into the command's about/long_about, so `///` here
// would reach `partreg --help` and `partreg man`.
//
// Flags every command that reads the register takes, before or after the
// command's name (`partreg --register X check` and `partreg check
// --register X`).
//
// They are not clap globals: clap cannot hide an inherited global on one
// subcommand (clap #5355), and `schema`, `man`, `completions` and `init`
// ignore them. So the struct is flattened into the top level and into each
// command that uses them, under its own heading, and [`GlobalArgs::or`]
// lets the command's own value win.
#[derive(Clone, Debug, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The register folder (default: from partreg.toml, else ./register).
    #[arg(long, value_name = "DIR")]
    pub register: Option<PathBuf>,
    /// The settings file (default: partreg.toml in this folder or above).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Treat this date (2026-03-31 or 31/03/2026) as today for the date rules (default: today, in this machine's time zone).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// When to use colour [default: auto: on a terminal, unless NO_COLOR is set].
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
}

impl GlobalArgs {
    /// These flags, each filled from `outer` (given before the command's
    /// name) where the command itself did not set it.
    pub fn or(&self, outer: &GlobalArgs) -> GlobalArgs {
        GlobalArgs {
            register: self.register.clone().or_else(|| outer.register.clone()),
            config: self.config.clone().or_else(|| outer.config.clone()),
            as_of: self.as_of.or(outer.as_of),
            color: self.color.or(outer.color),
        }
    }
}

/// How terminal tables are laid out (`list`, `assess`, `review`).
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct TableArgs {
    /// Tables: every column and every cell in full, however wide (default: fit the terminal, cutting long text with …).
    #[arg(long)]
    pub wide: bool,
    /// Tables: fit to this many columns instead of the terminal's width (100 when not a terminal).
    #[arg(long, value_name = "N", hide = true, value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
    /// Tables: name partnerships by id (file name) as well as by name.
    #[arg(long = "ids")]
    pub show_ids: bool,
}

impl TableArgs {
    /// The layout for a table printed to a terminal `terminal` columns wide
    /// (`None` when stdout is not a terminal).
    pub fn fit(&self, terminal: Option<u16>) -> crate::render::table::Fit {
        crate::render::table::Fit::new(self.wide, self.width, terminal)
    }

    /// Whether tables show ids: asked for, or `--wide` (everything).
    pub fn ids(&self) -> bool {
        self.show_ids || self.wide
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Colour even into a file or pipe, and even if NO_COLOR is set.
    Always,
    /// No colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the register against the format and the policy's rules.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Rate partnerships by Appendix B: computed and recorded risk and value, and what the matrix recommends.
    #[command(after_help = assess_help())]
    Assess(AssessArgs),
    /// The annual review pack for the Corporate Management Team, and recording review outcomes.
    #[command(after_help = REVIEW_HELP)]
    Review(ReviewArgs),
    /// The Partnership Register as a document: one row per partnership, for the screen or Excel.
    #[command(after_help = LIST_HELP)]
    List(ListArgs),
    /// One partnership in full, with its assessment.
    #[command(
        after_help = "Examples:\n  partreg show norfolk-waste-partnership\n  partreg show norfolk-waste-partnership --format json"
    )]
    Show(ShowArgs),
    /// The list of outside bodies and places for Group Leaders and Annual Council.
    #[command(after_help = reports::APPOINTMENTS_HELP)]
    Appointments(AppointmentsArgs),
    /// The reporting programme: when each partnership reports, to whom, and what is overdue.
    #[command(after_help = reports::PROGRAMME_HELP)]
    Programme(ProgrammeArgs),
    /// Raise or close an issue of concern on a partnership.
    #[command(after_help = concern::CONCERN_HELP)]
    Concern(ConcernArgs),
    /// Bring an existing spreadsheet register (CSV or Excel) into partreg, one file per row.
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Put a partnership on the register: guided on a terminal, or from flags.
    #[command(after_help = ADD_HELP)]
    Add(Box<AddArgs>),
    /// Set up a new register for a council: settings, an example entry, schemas and CI.
    #[command(after_help = INIT_HELP)]
    Init(InitArgs),
    /// Print shell completions for partreg.
    #[command(
        after_help = "Examples:\n  partreg completions bash > ~/.local/share/bash-completion/completions/partreg\n  partreg completions zsh > ~/.zfunc/_partreg\n  partreg completions fish > ~/.config/fish/completions/partreg.fish\n  partreg completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print partreg's manual page (troff), or write one page per command.
    #[command(
        after_help = "Examples:\n  partreg man > partreg.1 && man -l partreg.1\n  partreg man --dir ~/.local/share/man/man1 && man partreg-check"
    )]
    Man {
        /// Write partreg.1 and one page per command (partreg-check.1, …) into this folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print the JSON Schema of one register entry (for editors and other
    /// tools), or with --for that of a command's --format json output.
    #[command(
        after_help = "Examples:\n  partreg schema > schemas/partnership.schema.json\n  partreg schema --for check > check.schema.json"
    )]
    Schema {
        /// The output whose schema to print (the entry's when not given).
        #[arg(long = "for", value_name = "OUTPUT", value_parser = clap::builder::PossibleValuesParser::new(crate::render::formats::names()))]
        output: Option<String>,
    },
}

const CHECK_HELP: &str = "\
Every error and warning in every file is reported in one run, each with its
file, line, column, key and a code explained in docs/diagnostics.md.

Examples:
  partreg check
  partreg check --strict --as-of 2026-11-30   (warnings fail too: exit 1 when there are any)
  partreg check --format github       (annotations on a GitHub pull request)
  partreg check --format sarif > partreg.sarif
  partreg check --format gitlab > gl-code-quality-report.json
  partreg check --format github --summary \"$GITHUB_STEP_SUMMARY\"
  partreg check --format json > findings.json

Exit codes: 0 no errors (warnings allowed unless --strict), 1 errors found
(or warnings under --strict), 2 partreg could not run.";

const INIT_HELP: &str = "\
Creates, in DIR (default: the current folder): partreg.toml, register/ with
one commented example entry, schemas/ (the JSON Schema and the Appendix B
rubric, to adapt) and .github/workflows/partreg.yml, which checks the register
on every pull request. Nothing that already exists is overwritten: if any of
these files is there, nothing is written.

Example:
  partreg init my-council-register --council \"Breckland Council\"";

const REVIEW_HELP: &str = "\
The pack covers every partnership that is not exited or declined (--all
includes them): a summary, the value × risk matrix, what needs attention,
and a row per partnership. The review year runs to 31 March of the next
year unless partreg.toml sets review_year_end = \"MM-DD\".

Examples:
  partreg review --year 2026
  partreg review --year 2026 --format html --output review-2026.html
  partreg review --year 2026 --format markdown --since review-2025
  partreg review --year 2026 --record norfolk-waste-partnership --outcome continue --reviewer \"CI&P Team\"

Recording adds a [[reviews]] table at the end of the file and changes nothing
else; a second record for the same year is refused unless --replace, and a
--date after today unless --allow-future-date (a review counts as done from
its date: until then the pack shows it as not done and `check` warns
review-overdue).";

const LIST_HELP: &str = "\
The table shows the main columns; csv, json and xlsx hold every Appendix A
field, the Appendix B criteria and ratings, the reporting programme and the
decision to join. xlsx and json hold the whole register: xlsx adds a sheet
each for representatives, reviews, concerns and Appendix C answers, json
each file whole (\"entry\"), both with each file's folder, and
`partreg import` of either recreates every file. CSV is one row per
partnership and leaves out the representatives' positions, dates and roles,
reviews, concerns, Appendix C answers, the case for joining and the folders:
use xlsx or json for a complete copy. CSV starts with a byte-order mark so
Excel reads £ and accents (--no-bom to leave it out), and text Excel would
run as a formula is prefixed with '.

Examples:
  partreg list
  partreg list --status active --sort budget
  partreg list --format csv > register.csv
  partreg list --format xlsx --output register.xlsx

Sort keys: id (default), name, status, lead-partner, budget, hours, risk,
value, recommendation. Money, hours and ratings sort largest first.";

const IMPORT_HELP: &str = "\
The heading row is found among the first 30 rows (the one matching the most
known headings), or named with --header-row. Title rows above it are passed
over; a row with only a title in it (\"SHARED SERVICES\") is a section whose
rows go in their own sub-folder (--no-sections to read it as a partnership);
rows starting \"Key\", \"Note\", \"NB\", \"Source\" or \"*\", and text after the
table, are notes. Every worksheet not read is named in the report.

Headers are matched to the register's keys and to the usual labels
(\"Partnership Name\", \"Frequency of Meetings\", \"BC Representative(s)\",
\"Budget contribution (£)\", \"Overall Risk Assessment\", \"Statutory (Y/N)\"…),
ignoring case, spaces and punctuation. Anything else can be mapped with a
TOML file of \"Their header\" = \"register_key\" (or \"ignore\") lines.

Values are read as people type them: £12,500, Yes/Y/No, High/H/Med,
Quarterly, \"Cllr Ann Brown (member); Jo Smith (officer)\", 20/04/2026. A value
that cannot be read is kept as written and reported, so nothing is lost;
columns partreg does not know are kept in `comments`. Rows missing required
fields are still written (and reported) unless --strict. A row whose id is
already on the register is skipped: nothing is ever overwritten.

A workbook written by `partreg list --format xlsx`, or a file written by
`partreg list --format json`, is read whole: every file comes back in its
own folder, with its representatives, reviews, concerns and answers. The
titles, sections and notes of other sheets are kept as written in
import-notes-<file>.md beside the register.

Exit codes: 0 every row imported cleanly, 1 some rows need attention or were
skipped, 2 the file cannot be read.

Examples:
  partreg import old-register.xlsx --dry-run
  partreg import old-register.csv --mapping headers.toml --folder imported
  partreg import council-sheet.xlsx --sheet Current --sheet Closed --header-row 3   (exit 1 while rows need details)";

/// `partreg import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: .csv or .xlsx (or the .json of `partreg list --format json`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// A TOML file mapping headers to register keys.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Report what would happen, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Put the new files in this sub-folder of the register.
    #[arg(long, value_name = "SUB")]
    pub folder: Option<PathBuf>,
    /// Skip rows that lack required data or have values that cannot be read.
    #[arg(long)]
    pub strict: bool,
    /// The row that holds the headings (1 = the sheet's first row); found
    /// among the first 30 rows when not given.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// Read this worksheet (repeatable); the first with headings partreg knows when not given.
    #[arg(long, value_name = "NAME")]
    pub sheet: Vec<String>,
    /// The report's format.
    #[arg(long, value_enum, default_value_t = ImportFormat::Text)]
    pub format: ImportFormat,
    /// Read a row with only a title in it (e.g. "SHARED SERVICES") as a
    /// partnership, not as a section whose rows go in its own sub-folder.
    #[arg(long)]
    pub no_sections: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// The formats of `import`'s report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Lines for people.
    Text,
    /// One JSON document (schemas/output/import.schema.json).
    Json,
}

/// `partreg list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only partnerships with this status (repeatable).
    #[arg(long, value_name = "STATUS", value_parser = values::of::<crate::model::Status>())]
    pub status: Vec<String>,
    /// The column to sort by.
    #[arg(long, value_name = "KEY", value_parser = values::sort_keys())]
    pub sort: Option<String>,
    /// The format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Write to this file (required for xlsx); never overwrites without --force.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Let --output replace an existing file.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// CSV without the byte-order mark that helps Excel read £ and accents.
    #[arg(long)]
    pub no_bom: bool,
    #[command(flatten)]
    pub table: TableArgs,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    /// One row per partnership: not a complete copy (see below).
    Csv,
    /// The whole register: every file, whole, with its folder.
    Json,
    /// The whole register as an Excel workbook (needs --output).
    Xlsx,
}

/// `partreg show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The partnership's id (its file name without .toml).
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// Text: wrap to this many columns instead of the terminal's width (not wrapped when not a terminal).
    #[arg(long, value_name = "N", hide = true, value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

/// `partreg review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The review year, e.g. 2026.
    // 9998 at most: the review year ends in the next calendar year, and
    // register dates stop at 9999.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1900..=9998))]
    pub year: i32,
    /// Include exited and declined partnerships.
    #[arg(long)]
    pub all: bool,
    /// The pack's format.
    #[arg(long, value_enum, default_value_t = ReviewFormat::Table)]
    pub format: ReviewFormat,
    /// Write the pack to this file instead of the screen (never overwriting without --force).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Let --output replace an existing file.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// CSV without the byte-order mark that helps Excel read £ and accents.
    #[arg(long)]
    pub no_bom: bool,
    /// Also list what changed since this git revision (e.g. last year's tag).
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Record this year's review of a partnership (by id) instead of printing the pack.
    #[arg(long, value_name = "ID", requires_all = ["outcome", "reviewer"], conflicts_with_all = ["output", "since", "all"])]
    pub record: Option<String>,
    /// With --record: continue, renegotiate or exit.
    #[arg(long, value_name = "OUTCOME", requires = "record", value_parser = values::of::<crate::model::Outcome>())]
    pub outcome: Option<String>,
    /// With --record: who carried out the review.
    #[arg(long, value_name = "NAME", requires = "record", allow_hyphen_values = true, value_parser = values::text())]
    pub reviewer: Option<String>,
    /// With --record: the date of the review, e.g. 2026-03-31 or 31/03/2026 (default: today).
    #[arg(long, value_name = "DATE", requires = "record", value_parser = parse_date)]
    pub date: Option<Date>,
    /// With --record: notes on the review.
    #[arg(long, value_name = "TEXT", requires = "record", allow_hyphen_values = true, value_parser = values::text())]
    pub notes: Option<String>,
    /// With --record: replace a review already recorded for the year.
    #[arg(long, requires = "record")]
    pub replace: bool,
    /// With --record: accept a --date after today (or --as-of); until that
    /// date the pack counts the review as not done and `check` warns.
    #[arg(long, requires = "date")]
    pub allow_future_date: bool,
    #[command(flatten)]
    pub table: TableArgs,
    #[command(flatten)]
    pub global: GlobalArgs,
    /// With --record: the budget allocated for the coming year, in whole pounds.
    #[arg(long, value_name = "POUNDS", requires = "record", allow_hyphen_values = true, value_parser = values::text())]
    pub budget: Option<String>,
    /// With --record and --budget: the allocation is only "in principle".
    #[arg(long, requires = "budget")]
    pub in_principle: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// Tables for the terminal, 100 columns wide.
    Table,
    /// One row per partnership, for spreadsheets.
    Csv,
    /// One JSON document.
    Json,
    /// A committee-ready report in Markdown.
    Markdown,
    /// One self-contained, printable web page.
    Html,
}

/// `partreg init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the register (default: the current folder).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The council's name, for partreg.toml and reports.
    #[arg(long, value_name = "NAME")]
    pub council: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table for the terminal.
    Table,
    /// Comma-separated values, safe to open in Excel.
    Csv,
    /// JSON for other tools.
    Json,
}

fn parse_edit(text: &str) -> Result<RatingEdit, String> {
    RatingEdit::parse(text)
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to report on (default: the whole register). Duplicate
    /// ids and names are still looked for across the whole register.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Fail on warnings too (also `strict = true` in partreg.toml).
    #[arg(long)]
    pub strict: bool,
    /// Also append a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Snippets with a caret under each fault, on stderr.
    Human,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions annotations on stdout, the summary on stderr.
    Github,
    /// SARIF 2.1.0 on stdout, for code-scanning services.
    Sarif,
    /// GitLab Code Quality JSON on stdout.
    Gitlab,
}

/// Every date flag's reader: the one reader for dates people type
/// ([`crate::model::lenient::date`]), so `--as-of`, `--date` and `--meeting`
/// take the same forms as `add` and the guided prompts.
pub(crate) fn parse_date(text: &str) -> Result<Date, String> {
    crate::model::lenient::date(text)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
