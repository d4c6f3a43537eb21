//! The `partreg` binary: hands the arguments to the library and turns its
//! answer into the exit code.

use std::io::{self, IsTerminal, Write};

use partreg::render::pipe::ClosedPipeIsFine;
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
    let stdout_is_terminal = stdout.is_terminal();
    // A reader closing the pipe early (`| head`) silences the rest of the
    // output but not the exit code; any other write error reaches the command.
    let mut out = io::BufWriter::new(ClosedPipeIsFine::new(stdout.lock()));
    let mut err = io::BufWriter::new(ClosedPipeIsFine::new(stderr.lock()));
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
        stdout_is_terminal,
        stdout_width,
        prompter: if interactive { Some(&mut terminal) } else { None },
    };
    let mut code = partreg::run(std::env::args_os(), &mut env);
    drop(env);
    // The last of the output is written here; a closed pipe has been
    // swallowed already, so an error now is a real one (a full disk).
    if let Err(e) = io::Write::flush(&mut out) {
        // Exit 2 has already said why (the same full disk, usually).
        if code != 2 {
            let _ = writeln!(err, "error: cannot write the output: {e}");
            let _ = writeln!(
                err,
                "  hint: if the disk is full, free some space and run partreg again"
            );
        }
        code = 2;
    }
    let _ = io::Write::flush(&mut err);
    ExitCode::from(code)
}
