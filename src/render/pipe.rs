//! A closed pipe is the reader's choice, not partreg's failure.
//!
//! `partreg check --format sarif | head` closes stdout early. The rest of
//! the output is then thrown away, but the command still runs to its end so
//! the exit code says what was found (1 when the register has problems).
//! Every other write error — a full disk above all — still reaches the
//! command and ends the run with exit 2 and a message.

use std::io::{self, Write};

/// Passes writes through until the reader goes away, then swallows them.
#[derive(Debug)]
pub struct ClosedPipeIsFine<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> ClosedPipeIsFine<W> {
    pub fn new(inner: W) -> Self {
        ClosedPipeIsFine { inner, closed: false }
    }

    /// Whether the reader closed the pipe.
    pub fn closed(&self) -> bool {
        self.closed
    }
}

impl<W: Write> Write for ClosedPipeIsFine<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose reader has gone, or whose disk is full.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(self.0))
        }
    }

    #[test]
    fn swallows_a_closed_pipe_and_remembers_it() {
        let mut w = ClosedPipeIsFine::new(Failing(io::ErrorKind::BrokenPipe));
        assert!(w.write_all(b"finding\n").is_ok());
        assert!(w.flush().is_ok());
        assert!(w.closed());
    }

    #[test]
    fn passes_a_full_disk_on() {
        let mut w = ClosedPipeIsFine::new(Failing(io::ErrorKind::StorageFull));
        assert_eq!(w.write_all(b"x").unwrap_err().kind(), io::ErrorKind::StorageFull);
        assert!(!w.closed());
    }
}
