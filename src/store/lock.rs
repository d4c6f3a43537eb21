//! Keeping two partregs from changing the register at the same moment.
//!
//! Each lock is a *sidecar* file in `.partreg/locks/` beside the register
//! folder, never the data file itself: the atomic write replaces the data
//! file's inode, so a lock on it would protect nothing. Locks are the
//! operating system's (`flock` on Unix, `LockFileEx` on Windows), so they
//! die with the process: a killed partreg never leaves a lock behind, and a
//! lock file is never removed (removing one while another process waits on
//! it would let a third take a different lock on a new file).
//!
//! Where the filesystem cannot lock, partreg carries on without: the
//! compare-and-swap in [`crate::store::change`] still refuses a lost update.

use std::fs::{self, File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// The folder beside the register folder that holds partreg's own files.
pub const STATE_DIR: &str = ".partreg";

/// How long to wait for another partreg before giving up, unless
/// `PARTREG_LOCK_TIMEOUT` (seconds) says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A lock held until dropped.
#[derive(Debug)]
pub struct Lock {
    // Held only to keep the lock; the operating system releases it on close.
    _file: Option<File>,
}

/// The folder holding the lock files: `.partreg/locks/` in the folder that
/// holds the register folder. It is worked out from the register folder
/// itself (not from where `partreg.toml` was found), so every partreg
/// working on one register, however it was pointed there, uses the same
/// locks.
pub fn lock_dir(register_dir: &Path) -> PathBuf {
    let register = fs::canonicalize(register_dir).unwrap_or_else(|_| register_dir.to_path_buf());
    register.parent().unwrap_or(&register).join(STATE_DIR).join("locks")
}

/// The lock for changing one existing file: named after its path inside
/// the register, so files with the same name in two folders do not share it.
pub fn for_file(register_dir: &Path, path: &Path, stderr: &mut dyn Write) -> anyhow::Result<Lock> {
    let register = fs::canonicalize(register_dir).unwrap_or_else(|_| register_dir.to_path_buf());
    let inside = path
        .parent()
        .and_then(|p| fs::canonicalize(p).ok())
        .map(|p| p.join(path.file_name().unwrap_or_default()))
        .unwrap_or_else(|| path.to_path_buf());
    let rel = inside.strip_prefix(&register).unwrap_or(&inside);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    acquire(&lock_dir(register_dir).join(entry_lock_name(&parts.join("~"))), stderr)
}

/// `entry~PATH.lock`; a path too long for one file name is cut short and
/// told apart by a fixed hash of the whole (FNV-1a, the same in every
/// build, so every partreg picks the same name).
fn entry_lock_name(path: &str) -> String {
    const KEEP: usize = 150;
    if path.len() <= KEEP {
        return format!("entry~{path}.lock");
    }
    let mut end = KEEP;
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    let hash = path.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("entry~{}~{hash:016x}.lock", &path[..end])
}

/// The register-wide lock held while `add` or `import` checks that a name
/// and id are free and creates the file, so that two of them cannot both
/// take the same name under different ids.
pub fn for_creation(register_dir: &Path, stderr: &mut dyn Write) -> anyhow::Result<Lock> {
    acquire(&lock_dir(register_dir).join("create.lock"), stderr)
}

/// Takes the lock at `path`: at once if free, otherwise says so on stderr
/// and waits, up to the timeout.
fn acquire(path: &Path, stderr: &mut dyn Write) -> anyhow::Result<Lock> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| {
            format!(
                "cannot create the folder {} where partreg keeps its lock files",
                dir.display()
            )
        })?;
    }
    let timeout = timeout();
    let started = Instant::now();
    let mut told = false;
    let mut reopened = 0;
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        match file.try_lock() {
            // Someone may have deleted the lock file while we opened it: a
            // lock on a file no longer at `path` keeps nobody out, so try again.
            Ok(()) if still_at(&file, path) => return Ok(Lock { _file: Some(file) }),
            Ok(()) if reopened < 100 => {
                reopened += 1;
                continue;
            }
            Ok(()) => bail!(
                "the lock file {} keeps being replaced; nothing was written",
                path.display()
            ),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                // No locks here (some network drives): the compare-and-swap
                // before the rename still refuses a lost update.
                return Ok(Lock { _file: None });
            }
            Err(TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        if !told {
            writeln!(
                stderr,
                "Waiting for another partreg that is changing the register (lock file {})…",
                path.display()
            )?;
            told = true;
        }
        if started.elapsed() >= timeout {
            bail!(
                "another partreg has been changing the register for over {} seconds (lock file {}); nothing was written\n  hint: wait for it to finish and run the command again",
                timeout.as_secs(),
                path.display()
            );
        }
        // Polling rather than a blocking lock, so that the wait can end.
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Whether the open `file` is still the one at `path`.
fn still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Windows does not let an open file be deleted.
        let _ = (file, path);
        true
    }
}

fn timeout() -> Duration {
    std::env::var("PARTREG_LOCK_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_file_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("register");
        fs::create_dir(&register).unwrap();
        let mut err = Vec::new();
        let held = for_creation(&register, &mut err).unwrap();
        let path = lock_dir(&register).join("create.lock");
        let second = fs::OpenOptions::new().write(true).open(&path).unwrap();
        assert!(matches!(second.try_lock(), Err(TryLockError::WouldBlock)));
        drop(held);
        assert!(second.try_lock().is_ok(), "the lock is released when dropped");
        assert!(err.is_empty());
    }

    #[test]
    fn long_paths_get_short_distinct_lock_names() {
        assert_eq!(entry_lock_name("shared~waste.toml"), "entry~shared~waste.toml.lock");
        let a = entry_lock_name(&format!("{}~a.toml", "folder".repeat(60)));
        let b = entry_lock_name(&format!("{}~b.toml", "folder".repeat(60)));
        assert!(a.len() < 200 && b.len() < 200, "{a}");
        assert_ne!(a, b);
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_deleted_from_under_its_holder_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let file = File::create(&path).unwrap();
        assert!(still_at(&file, &path));
        fs::remove_file(&path).unwrap();
        assert!(!still_at(&file, &path));
        File::create(&path).unwrap();
        assert!(!still_at(&file, &path), "a new file at the same path is another file");
    }
}
