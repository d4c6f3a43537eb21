//! partreg keeps a council's Partnership Register as one TOML file per
//! partnership, checks it against the Partnership Policy (Appendix A fields,
//! Appendix B risk and value criteria, exit strategies, annual reviews) and
//! produces the policy's paperwork from it.
//!
//! The flow is: [`register`] finds the project and loads every file;
//! [`decode`] turns each file into a [`model::Entry`], reporting every fault
//! as a [`diagnostic::Diagnostic`]; [`rules`] applies the policy's rules;
//! [`render`] prints the results; [`commands`] ties a subcommand to these.

pub mod assessment;
pub mod atomic;
pub mod cli;
pub mod commands;
pub mod decode;
pub mod diagnostic;
pub mod edit;
pub mod entry_file;
pub mod fields;
pub mod guide;
pub mod hint;
pub mod history;
pub mod lenient;
pub mod listing;
pub mod model;
pub mod prompt;
pub mod register;
pub mod render;
pub mod review;
pub mod rubric;
pub mod rules;
pub mod schema;
pub mod slug;

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
            .write_all(schema::entry_schema().as_bytes())
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
