//! The command line: global flags, the subcommands and their flags, as clap
//! types. Commands turn these into library calls in [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Date;

const ABOUT: &str = "Keep the council's Partnership Register as files, check it against the Partnership Policy, and do the policy's paperwork.";

const AFTER_HELP: &str = "\
Examples:
  partreg check                      check the whole register
  partreg check register/waste.toml  check one file (duplicates still looked for everywhere)
  partreg schema > schemas/partnership.schema.json

Exit codes: 0 nothing wrong, 1 the register has problems, 2 partreg could not run.";

#[derive(Debug, Parser)]
#[command(name = "partreg", version, about = ABOUT, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The register folder (default: from partreg.toml, else ./register).
    #[arg(long, global = true, value_name = "DIR")]
    pub register: Option<PathBuf>,
    /// The settings file (default: partreg.toml in this folder or above).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Treat this date as today for the date rules (default: today).
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// When to use colour (NO_COLOR is respected).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal only.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the register against the format and the policy's rules.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Print the JSON Schema of one register entry (for editors and other tools).
    #[command(after_help = "Example:\n  partreg schema > schemas/partnership.schema.json")]
    Schema,
}

const CHECK_HELP: &str = "\
Every error and warning in every file is reported in one run, each with its
file, line, column, key and a code explained in docs/diagnostics.md.

Examples:
  partreg check
  partreg check --strict --as-of 2026-04-01
  partreg check --format github       (annotations on a GitHub pull request)
  partreg check --format json > findings.json

Exit codes: 0 no errors (warnings allowed unless --strict), 1 errors found
(or warnings under --strict), 2 partreg could not run.";

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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Snippets with a caret under each fault, on stderr.
    Human,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions annotations on stdout, the summary on stderr.
    Github,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("{text:?} is not a date; write YYYY-MM-DD, e.g. 2026-04-20"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
