//! The `partreg` binary: hands the arguments to the library and turns its
//! answer into the exit code.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

#[allow(clippy::print_stderr)] // the one message printed before the writers exist
fn main() -> ExitCode {
    let Ok(cwd) = std::env::current_dir() else {
        eprintln!("error: cannot read the current folder");
        return ExitCode::from(2);
    };
    let stdout = io::stdout();
    let stderr = io::stderr();
    let stderr_is_terminal = stderr.is_terminal();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::BufWriter::new(stderr.lock());
    // Ask questions only with a person at a terminal, never in CI.
    let interactive = io::stdin().is_terminal() && stderr_is_terminal && std::env::var_os("CI").is_none();
    let mut terminal = partreg::terminal::prompt::Terminal::new();
    let stdout_width = io::stdout()
        .is_terminal()
        .then(|| dialoguer::console::Term::stdout().size().1)
        .filter(|w| *w >= 40);
    let mut env = partreg::Env {
        cwd,
        stdout: &mut out,
        stderr: &mut err,
        stderr_is_terminal,
        stdout_width,
        prompter: if interactive { Some(&mut terminal) } else { None },
    };
    let code = partreg::run(std::env::args_os(), &mut env);
    drop(env);
    // A closed pipe while flushing is not worth a message.
    let _ = io::Write::flush(&mut out);
    let _ = io::Write::flush(&mut err);
    ExitCode::from(code)
}
