//! The terminal kept in raw mode for the whole of a prompt.
//!
//! The terminal library puts the terminal in raw mode for each key it
//! reads and back between keys. A Ctrl-C typed in between (while the last
//! key was being shown, more likely on a busy machine) was then turned
//! into a signal by the terminal, which the handler ignores during a
//! prompt, expecting the key: the Ctrl-C was lost and the prompt waited
//! on. Raw throughout, Ctrl-C is always a key, and what is typed ahead is
//! never echoed twice. Output is processed as before (line breaks start
//! a new line).

use std::io::IsTerminal;
use std::os::fd::{AsFd, BorrowedFd};

use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};

/// Where keys are read from, as the terminal library picks it.
enum Input {
    Stdin(std::io::Stdin),
    Tty(std::fs::File),
}

impl Input {
    fn fd(&self) -> BorrowedFd<'_> {
        match self {
            Input::Stdin(stdin) => stdin.as_fd(),
            Input::Tty(file) => file.as_fd(),
        }
    }
}

pub struct Raw {
    input: Input,
    original: Termios,
}

impl Raw {
    /// Raw mode until dropped; `None` (and nothing changed) when there
    /// is no terminal to set.
    pub fn start() -> Option<Raw> {
        let stdin = std::io::stdin();
        let input = if stdin.is_terminal() {
            Input::Stdin(stdin)
        } else {
            Input::Tty(
                std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open("/dev/tty")
                    .ok()?,
            )
        };
        let original = tcgetattr(input.fd()).ok()?;
        let mut raw = original.clone();
        raw.make_raw();
        raw.output_modes = original.output_modes;
        tcsetattr(input.fd(), OptionalActions::Drain, &raw).ok()?;
        Some(Raw { input, original })
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = tcsetattr(self.input.fd(), OptionalActions::Drain, &self.original);
    }
}
