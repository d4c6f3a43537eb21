//! partreg keeps a council's Partnership Register as one TOML file per
//! partnership, checks it against the Partnership Policy (Appendix A fields,
//! Appendix B risk and value criteria, exit strategies, annual reviews) and
//! produces the policy's paperwork from it.
//!
//! The code is grouped by concern, so the folder names say where to look:
//!
//! * [`store`] finds the project, loads every file and decodes it into a
//!   [`model::Entry`], reporting every fault as a [`diagnostic::Diagnostic`];
//!   it also owns every write (new files, edits, the atomic write).
//! * [`model`] holds the register's types: what a valid file means.
//! * [`policy`] holds the Partnership Policy: the Appendix A fields, the
//!   Appendix B rubric and assessment, and the cross-field rules.
//! * [`reports`] computes the policy's documents (the annual review pack,
//!   the register listing, changes since a git revision) as data.
//! * [`render`] prints findings and reports in each output format.
//! * [`terminal`] asks questions at a terminal (the guided flows).
//! * [`cli`] declares the command line; [`commands`] ties each subcommand
//!   to the rest.

pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod model;
pub mod policy;
pub mod render;
pub mod reports;
pub mod store;
pub mod terminal;

use std::io::Write;

use clap::Parser;

pub use commands::{Env, Outcome};

/// Runs partreg with these arguments (the first being the program name).
/// Returns the exit code: 0 clean, 1 the register has problems, 2 cannot run.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>, env: &mut Env<'_>) -> u8 {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let text = if env.stderr_is_terminal {
                err.render().ansi().to_string()
            } else {
                err.render().to_string()
            };
            let target: &mut dyn Write = if err.use_stderr() { env.stderr } else { env.stdout };
            let _ = write!(target, "{text}");
            return code;
        }
    };
    let result = match &cli.command {
        cli::Command::Check(args) => commands::check::run(env, &cli.global, args),
        cli::Command::Assess(args) => commands::assess::run(env, &cli.global, args),
        cli::Command::Add(args) => commands::add::run(env, &cli.global, args),
        cli::Command::Review(args) => commands::review::run(env, &cli.global, args),
        cli::Command::List(args) => commands::list::list(env, &cli.global, args),
        cli::Command::Import(args) => commands::import::run(env, &cli.global, args),
        cli::Command::Appointments(args) => commands::appointments::run(env, &cli.global, args),
        cli::Command::Programme(args) => commands::programme::run(env, &cli.global, args),
        cli::Command::Concern(args) => commands::concern::run(env, &cli.global, args),
        cli::Command::Show(args) => commands::list::show(env, &cli.global, args),
        cli::Command::Init(args) => commands::init::run(env, args),
        cli::Command::Completions { shell } => {
            let mut command = <cli::Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut command, "partreg", &mut env.stdout);
            Ok(Outcome::Clean)
        }
        cli::Command::Man => clap_mangen::Man::new(<cli::Cli as clap::CommandFactory>::command())
            .render(&mut env.stdout)
            .map(|()| Outcome::Clean)
            .map_err(Into::into),
        cli::Command::Schema => env
            .stdout
            .write_all(model::schema::entry_schema().as_bytes())
            .map(|()| Outcome::Clean)
            .map_err(Into::into),
    };
    match result {
        Ok(Outcome::Clean) => 0,
        Ok(Outcome::Problems) => 1,
        Err(err) if is_broken_pipe(&err) => 0,
        Err(err) => {
            let _ = writeln!(env.stderr, "error: {err:#}");
            2
        }
    }
}

/// `partreg … | head` closing the pipe early is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
