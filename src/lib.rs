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

use clap::{CommandFactory, FromArgMatches};

pub use commands::{Env, Outcome};

/// Runs partreg with these arguments (the first being the program name).
/// Returns the exit code: 0 clean, 1 the register has problems, 2 cannot run.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>, env: &mut Env<'_>) -> u8 {
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            // Help goes to stdout and errors to stderr: each is coloured by
            // the one rule, judged for its own stream.
            let (target, is_terminal): (&mut dyn Write, bool) = if err.use_stderr() {
                (env.stderr, env.stderr_is_terminal)
            } else {
                (env.stdout, env.stdout_is_terminal)
            };
            let text = if render::text::use_colour(color_flag(&args), is_terminal) {
                err.render().ansi().to_string()
            } else {
                err.render().to_string()
            };
            return match write!(target, "{text}") {
                Ok(()) => code,
                Err(_) => 2,
            };
        }
    };
    let result = match &cli.command {
        cli::Command::Check(args) => commands::check::run(env, &args.global.or(&cli.global), args),
        cli::Command::Assess(args) => commands::assess::run(env, &args.global.or(&cli.global), args),
        cli::Command::Add(args) => commands::add::run(env, &args.global.or(&cli.global), args),
        cli::Command::Review(args) => commands::review::run(env, &args.global.or(&cli.global), args),
        cli::Command::List(args) => commands::list::list(env, &args.global.or(&cli.global), args),
        cli::Command::Import(args) => commands::import::run(env, &args.global.or(&cli.global), args),
        cli::Command::Show(args) => commands::list::show(env, &args.global.or(&cli.global), args),
        cli::Command::Appointments(args) => commands::appointments::run(env, &args.global.or(&cli.global), args),
        cli::Command::Programme(args) => commands::programme::run(env, &args.global.or(&cli.global), args),
        cli::Command::Concern(args) => commands::concern::run(env, &args.global.or(&cli.global), args),
        cli::Command::Init(args) => commands::init::run(env, args),
        cli::Command::Completions { shell } => {
            // Into memory first: clap_complete panics when its writer fails
            // (a closed pipe, a full disk); a failed write here is an error.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut cli::Cli::command(), "partreg", &mut script);
            env.stdout
                .write_all(&script)
                .map(|()| Outcome::Clean)
                .map_err(Into::into)
        }
        cli::Command::Man { dir: None } => commands::man::print(env.stdout).map(|()| Outcome::Clean),
        cli::Command::Man { dir: Some(dir) } => {
            commands::man::write_all(&env.cwd.join(dir), env.stdout).map(|()| Outcome::Clean)
        }
        cli::Command::Schema { output } => env
            .stdout
            .write_all(
                output
                    .as_deref()
                    .and_then(render::formats::schema)
                    .map_or_else(model::schema::entry_schema, str::to_string)
                    .as_bytes(),
            )
            .map(|()| Outcome::Clean)
            .map_err(Into::into),
    };
    match result {
        Ok(Outcome::Clean) => 0,
        Ok(Outcome::Problems) => 1,
        Ok(Outcome::Interrupted) => 130,
        Err(err) => {
            // Messages quote file names and values: nothing in them may act
            // on the terminal.
            let message = format!("{err:#}");
            let _ = writeln!(
                env.stderr,
                "error: {}",
                render::sanitize::escape_keeping_lines(&message)
            );
            if is_disk_full(&err) {
                let _ = writeln!(
                    env.stderr,
                    "  hint: the disk is full; free some space and run partreg again"
                );
            }
            2
        }
    }
}

/// Parses the command line with clap's styles on; whether they are shown
/// is decided when help or an error is printed.
fn parse(args: &[std::ffi::OsString]) -> Result<cli::Cli, clap::Error> {
    let mut command = cli::Cli::command().color(clap::ColorChoice::Always);
    let matches = command.try_get_matches_from_mut(args)?;
    cli::Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command))
}

/// The last `--color WHEN` or `--color=WHEN` before any `--`, read before
/// clap parses, so that clap's own help and errors follow it too. A value
/// clap would reject counts as not given.
pub fn color_flag(args: &[std::ffi::OsString]) -> Option<cli::ColorChoice> {
    use clap::ValueEnum;
    let mut found = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.as_ref() {
            "--" => break,
            "--color" => words.next().map(std::borrow::Cow::into_owned),
            w => w.strip_prefix("--color=").map(str::to_string),
        };
        if let Some(v) = value {
            found = cli::ColorChoice::from_str(&v, false).ok().or(found);
        }
    }
    found
}

/// A full disk deserves a plainer word than the system's error.
fn is_disk_full(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::StorageFull)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cli::ColorChoice;

    fn flag(args: &[&str]) -> Option<ColorChoice> {
        let args: Vec<std::ffi::OsString> = std::iter::once("partreg")
            .chain(args.iter().copied())
            .map(Into::into)
            .collect();
        color_flag(&args)
    }

    #[test]
    fn reads_the_colour_flag_before_clap_does() {
        assert_eq!(flag(&["--help"]), None);
        assert_eq!(flag(&["--color", "never", "--help"]), Some(ColorChoice::Never));
        assert_eq!(flag(&["check", "--color=always"]), Some(ColorChoice::Always));
        assert_eq!(
            flag(&["--color", "always", "check", "--color", "never"]),
            Some(ColorChoice::Never)
        );
        assert_eq!(flag(&["--color", "purple"]), None, "clap will reject it");
        assert_eq!(
            flag(&["check", "--", "--color=always"]),
            None,
            "after -- it is a file name"
        );
    }
}
