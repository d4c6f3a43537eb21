//! Ctrl-C during `import`: the file being written is let finish (or its
//! temporary file removed), the folders written are flushed, and stderr says
//! how many partnerships were written and that running the same import
//! again finishes it — the ones written are then skipped as already on the
//! register, never imported twice. Exit 130, as a shell reports Ctrl-C.

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, TryLockError};
use std::time::{Duration, Instant};

use crate::store::atomic;

/// The files this import has written.
static WRITTEN: AtomicUsize = AtomicUsize::new(0);
/// Held while one file is written, so Ctrl-C never stops a write half-way
/// when it can wait for it instead.
static WRITING: Mutex<()> = Mutex::new(());
/// The command to run again, as the person typed its file.
static COMMAND: OnceLock<String> = OnceLock::new();

/// How long Ctrl-C waits for the file being written: a write takes
/// milliseconds, unless the disk hangs.
const WAIT_FOR_WRITE: Duration = Duration::from_secs(2);

/// Installs the Ctrl-C handler for an import of `file` that writes.
pub(super) fn watch(file: &std::path::Path) {
    let _ = COMMAND.set(format!("partreg import {}", file.display()));
    // Another handler may be installed already (a prompt's, in the tests'
    // one process): Ctrl-C then ends the program as that one does.
    let _ = ctrlc::set_handler(stop);
}

/// Held while one file is written ([`WRITING`]).
pub(super) fn writing() -> MutexGuard<'static, ()> {
    WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Counts a file written; call while [`writing`] is held.
pub(super) fn wrote() {
    WRITTEN.fetch_add(1, Ordering::SeqCst);
}

fn stop() {
    let started = Instant::now();
    // Kept until the process ends, so no other write starts meanwhile.
    let _held = loop {
        match WRITING.try_lock() {
            Ok(guard) => break Some(guard),
            Err(TryLockError::Poisoned(p)) => break Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if started.elapsed() < WAIT_FOR_WRITE => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => break None,
        }
    };
    let removed = atomic::remove_own_temps();
    atomic::sync_unsynced_folders();
    let written = WRITTEN.load(Ordering::SeqCst);
    let command = COMMAND.get().map_or("partreg import", String::as_str);
    let text = message(written, removed, command);
    // The main thread holds the lock on Rust's stderr for the whole run, so
    // it cannot be written from here: the same stream is opened afresh
    // (appending, so a file it is redirected to is not overwritten).
    match std::fs::OpenOptions::new().append(true).open("/dev/stderr") {
        Ok(mut direct) => {
            let _ = writeln!(direct, "{text}");
        }
        // No /dev/stderr (Windows): through the lock, once the main thread lets go.
        Err(_) => {
            let _ = writeln!(std::io::stderr(), "{text}");
        }
    }
    std::process::exit(130);
}

/// What Ctrl-C left, in an officer's words.
fn message(written: usize, removed: usize, command: &str) -> String {
    let cut = if removed == 0 {
        String::new()
    } else {
        format!(
            " The file being written when it stopped was not finished and has been removed ({removed} temporary file(s))."
        )
    };
    format!(
        "Import stopped (Ctrl-C): {written} partnership file(s) had been written, each one whole; the rest of the sheet \
         was not imported.{cut}\n  hint: run the same command again to finish it ({command}): the partnerships already \
         written are skipped as already on the register, not imported twice, and the rest are imported"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_message_says_what_was_written_and_how_to_finish() {
        let said = super::message(3, 1, "partreg import old.xlsx");
        assert!(
            said.starts_with("Import stopped (Ctrl-C): 3 partnership file(s) had been written"),
            "{said}"
        );
        assert!(said.contains("(1 temporary file(s))"), "{said}");
        assert!(
            said.contains("run the same command again to finish it (partreg import old.xlsx)"),
            "{said}"
        );
        assert!(!super::message(0, 0, "x").contains("temporary"));
    }
}
