//! One module per subcommand. Each takes its parsed arguments and the
//! [`Env`] and returns what the exit code should be; all printing goes to
//! the writers in [`Env`], so tests can capture it.

pub mod add;
pub mod appointments;
pub mod assess;
pub mod check;
pub mod concern;
pub mod import;
pub mod init;
pub mod list;
pub mod man;
pub mod programme;
mod record;
pub mod review;

use std::io::Write;
use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::model::Date;
use crate::store::register::{LoadOptions, Project};

/// Writes `--output`: atomically, never over an existing file without
/// `--force`, and never over anything but a regular file (a device, a FIFO
/// or a folder would be replaced by a plain file, or the write would hang).
pub fn write_output(path: &std::path::Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    // Following a link: what matters is what it points at.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        let kind = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a device, a pipe or a socket)"
        };
        anyhow::bail!(
            "{} is {kind}, so partreg will not write its output there, even with --force; nothing was written\n  hint: give the name of a file, e.g. --output review-pack.md",
            path.display()
        );
    }
    if path.exists() && !force {
        anyhow::bail!(
            "{} already exists; it has been left as it was\n  hint: add --force to replace it",
            path.display()
        );
    }
    let mode = if force {
        crate::store::atomic::Mode::Replace
    } else {
        crate::store::atomic::Mode::CreateNew
    };
    crate::store::atomic::write(path, bytes, mode)
}

/// The files that could not be read into an entry, for [`Env::left_out`].
pub fn unreadable(register: &crate::store::register::Register) -> Vec<&str> {
    register
        .entries
        .iter()
        .filter(|e| e.entry.is_none())
        .map(|e| e.file.as_str())
        .collect()
}

/// Prints what `render` writes, or writes it to `output`: to stdout as it
/// is made (a report of 10,000 partnerships is then never held whole in
/// memory on its way to the terminal), to a file built whole first, so the
/// file is written at once or not at all ([`Env::deliver`]).
pub fn deliver_with(
    env: &mut Env<'_>,
    output: Option<&std::path::Path>,
    force: bool,
    render: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    match output {
        None => render(&mut env.stdout),
        Some(_) => {
            let mut bytes = Vec::new();
            render(&mut bytes)?;
            env.deliver(&bytes, output, force)
        }
    }
}

/// How a command ended, when it could run at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing wrong: exit 0.
    Clean,
    /// The register has problems: exit 1.
    Problems,
    /// The person pressed Ctrl-C: exit 130, as a shell reports it.
    Interrupted,
}

/// Where a command runs and where it writes.
pub struct Env<'a> {
    pub cwd: PathBuf,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether stderr is a terminal (for colour).
    pub stderr_is_terminal: bool,
    /// Whether stdout is a terminal (for the colour of `--help`).
    pub stdout_is_terminal: bool,
    /// The terminal's width when stdout is a terminal; tables fit it.
    pub stdout_width: Option<u16>,
    /// The person at the keyboard, when there is one: stdin and stderr are
    /// a terminal and `CI` is not set. `None` means never ask.
    pub prompter: Option<&'a mut dyn crate::terminal::prompt::Prompter>,
}

impl Env<'_> {
    /// Finds the project from the global flags.
    pub fn project(&self, global: &GlobalArgs) -> anyhow::Result<Project> {
        Project::discover(&self.cwd, global.register.as_deref(), global.config.as_deref())
    }

    pub fn load_options(global: &GlobalArgs) -> LoadOptions {
        LoadOptions {
            as_of: global.as_of.unwrap_or_else(Date::today),
        }
    }

    /// Names the files left out of a report because they cannot be read
    /// into an entry; the register has problems, so the exit code is 1.
    pub fn left_out(&mut self, files: &[impl AsRef<str>]) -> std::io::Result<Outcome> {
        if files.is_empty() {
            return Ok(Outcome::Clean);
        }
        let names: Vec<String> = files
            .iter()
            .map(|f| crate::render::sanitize::escape(f.as_ref()).into_owned())
            .collect();
        writeln!(
            self.stderr,
            "note: left out because they have errors (run `partreg check` to see them): {}",
            names.join(", ")
        )?;
        Ok(Outcome::Problems)
    }

    /// Prints a report, or writes it to `--output`.
    pub fn deliver(&mut self, bytes: &[u8], output: Option<&std::path::Path>, force: bool) -> anyhow::Result<()> {
        match output {
            None => self.stdout.write_all(bytes)?,
            Some(path) => {
                let path = self.cwd.join(path);
                write_output(&path, bytes, force)?;
                writeln!(self.stderr, "Wrote {}.", path.display())?;
            }
        }
        Ok(())
    }

    /// Whether to colour what goes to stderr.
    pub fn stderr_color(&self, global: &GlobalArgs) -> bool {
        crate::render::text::use_colour(global.color, self.stderr_is_terminal)
    }
}
