//! The one way partreg writes a file: to a temporary file in the same
//! folder, flushed to disk, then renamed over the target (or, for new files,
//! renamed only if nothing is there yet). A reader never sees half a file,
//! and a failure part-way leaves the original untouched and no temporary
//! file behind.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, bail};

/// Whether an existing file may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Replace the file if it exists (an edit).
    Replace,
    /// Fail if the file exists, even if it appears while writing (a new file).
    CreateNew,
}

/// The length of the random part of a temporary file's name.
const TEMP_RANDOM: usize = 6;

/// A temporary file older than this, for a file whose lock is held, was
/// left by a partreg that was killed: a live write takes milliseconds.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// `.partreg-NAME-` for the target `NAME` (its file name), the name cut
/// short so that the temporary file's name stays within the 255 bytes
/// file systems allow.
fn temp_prefix(path: &Path) -> String {
    const KEEP: usize = 120;
    let mut name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.len() > KEEP {
        let mut end = KEEP;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
    }
    format!(".partreg-{name}-")
}

/// Removes the temporary files for `path` that a killed partreg left
/// behind: only those named for this very file, only those older than
/// `STALE_AFTER`, and only called while holding the file's lock, so no
/// other partreg can be writing one of them. Returns how many went.
pub fn remove_stale_temps(path: &Path) -> usize {
    let Some(dir) = path.parent() else { return 0 };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = temp_prefix(path);
    let Ok(items) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for item in items.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        let Some(random) = name.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".tmp")) else {
            continue;
        };
        if random.len() != TEMP_RANDOM || !random.bytes().all(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let stale = item
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if stale && fs::remove_file(item.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Why [`replace_if_unchanged`] did not write.
#[derive(Debug)]
pub enum Refused {
    /// The file's bytes were no longer the ones expected; nothing was written.
    Changed,
    /// The write itself failed; nothing was written.
    Failed(anyhow::Error),
}

/// Writes `bytes` to `path` atomically. With [`Mode::Replace`] the file keeps
/// its permissions.
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> anyhow::Result<()> {
    write_checked(path, bytes, mode, None).map_err(|e| match e {
        Refused::Failed(e) => e,
        Refused::Changed => anyhow::anyhow!("{} changed while it was being written", path.display()),
    })
}

/// Replaces `path` with `bytes` only if it still holds exactly `expected`:
/// the target is re-read after the new text is safely on disk and just
/// before the rename (a compare-and-swap), so a change saved meanwhile by
/// someone who does not take partreg's lock is refused rather than lost.
pub fn replace_if_unchanged(path: &Path, bytes: &[u8], expected: &[u8]) -> Result<(), Refused> {
    write_checked(path, bytes, Mode::Replace, Some(expected))
}

/// Creates `path` as [`write()`] with [`Mode::CreateNew`] does, the file's
/// bytes on disk before it appears, but leaves the folder's own flush (which
/// makes the new name itself durable) to the caller, who calls
/// [`sync_folder`] once for many files: `import` writes thousands of files
/// into a few folders, and a flush of the folder per file doubled its time.
/// A crash before that flush can lose the newest names, never leave half a file.
pub fn create_new_unsynced_folder(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    inner(path, bytes, Mode::CreateNew, None, false)?;
    let dir = path
        .parent()
        .map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf);
    lock_ignoring_poison(&UNSYNCED).insert(dir);
    Ok(())
}

/// Flushes a folder's entries to disk where the platform allows (see
/// [`create_new_unsynced_folder`]).
pub fn sync_folder(dir: &Path) {
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// The folders [`create_new_unsynced_folder`] wrote into and not yet flushed.
static UNSYNCED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Flushes every folder [`create_new_unsynced_folder`] wrote into: once at
/// the end of an import, or when it is stopped.
pub fn sync_unsynced_folders() {
    let dirs = std::mem::take(&mut *lock_ignoring_poison(&UNSYNCED));
    for dir in dirs {
        sync_folder(&dir);
    }
}

/// The temporary files this process has made and not yet renamed or
/// removed, so that a Ctrl-C handler can remove them
/// ([`remove_own_temps`]). Only this process's own: never another's.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A lock that a panic elsewhere does not make unusable: the data is a
/// list of paths, whole after any panic.
fn lock_ignoring_poison<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Keeps a temporary file's path in [`IN_FLIGHT`] while it may exist.
struct InFlight(PathBuf);

impl InFlight {
    fn new(path: &Path) -> Self {
        lock_ignoring_poison(&IN_FLIGHT).push(path.to_path_buf());
        InFlight(path.to_path_buf())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        lock_ignoring_poison(&IN_FLIGHT).retain(|p| *p != self.0);
    }
}

/// Removes this process's own temporary files still on disk (a write cut
/// short by Ctrl-C) and returns how many went. Called by an interrupt
/// handler just before the process ends; never touches another process's
/// files, since only the paths this process made are listed.
pub fn remove_own_temps() -> usize {
    let paths = std::mem::take(&mut *lock_ignoring_poison(&IN_FLIGHT));
    remove_listed(&paths)
}

fn remove_listed(paths: &[PathBuf]) -> usize {
    paths.iter().filter(|p| fs::remove_file(p).is_ok()).count()
}

fn write_checked(path: &Path, bytes: &[u8], mode: Mode, expected: Option<&[u8]>) -> Result<(), Refused> {
    inner(path, bytes, mode, expected, true).map_err(|e| match e.downcast::<Changed>() {
        Ok(Changed) => Refused::Changed,
        Err(e) => Refused::Failed(e),
    })
}

/// The marker error for a compare-and-swap that found the file changed.
#[derive(Debug)]
struct Changed;

impl std::fmt::Display for Changed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the file changed")
    }
}

impl std::error::Error for Changed {}

fn inner(path: &Path, bytes: &[u8], mode: Mode, expected: Option<&[u8]>, sync_dir: bool) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // Named after the target, so that a temporary file left by a killed
    // partreg can be told apart by whoever next holds the target's lock.
    let prefix = temp_prefix(path);
    builder.prefix(&prefix).suffix(".tmp").rand_bytes(TEMP_RANDOM);
    #[cfg(unix)]
    {
        // A new file gets the usual permissions (0666 less the umask), not
        // the private ones a temporary file starts with.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    // Listed until this function returns: by then it is renamed or removed.
    let _listed = InFlight::new(temp.path());
    if mode == Mode::Replace
        && let Ok(meta) = fs::symlink_metadata(path)
        && meta.is_file()
    {
        // Only a regular file lends its permissions: never a device, a FIFO
        // or whatever a link points at.
        // Keep the owner's choice of permissions; a temporary file starts private.
        fs::set_permissions(temp.path(), meta.permissions())
            .with_context(|| format!("cannot copy the permissions of {}", path.display()))?;
    }
    if let Some(limit) = injected_failure() {
        // Stop part-way, as a full disk or a pulled plug would.
        temp.write_all(&bytes[..limit.min(bytes.len())])?;
        bail!(
            "cannot write {}: the write failed part-way (PARTREG_TEST_FAIL_WRITE)",
            path.display()
        );
    }
    temp.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    temp.as_file()
        .sync_all()
        .with_context(|| format!("cannot flush {} to disk", path.display()))?;
    hold_for_tests();
    if let Some(expected) = expected {
        // Dropping `temp` on the way out removes the temporary file.
        let now = fs::read(path).with_context(|| format!("cannot read {} again", path.display()))?;
        if now != expected {
            return Err(Changed.into());
        }
    }
    match mode {
        Mode::Replace => {
            // On Windows a rename fails while another program (a virus
            // scanner, an editor) has the target open: try again briefly.
            let mut tries = 0;
            loop {
                match temp.persist(path) {
                    Ok(_) => break,
                    Err(e) if cfg!(windows) && tries < 20 && e.error.kind() == std::io::ErrorKind::PermissionDenied => {
                        temp = e.file;
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(25));
                    }
                    Err(e) => {
                        return Err(e.error).with_context(|| format!("cannot replace {}", path.display()));
                    }
                }
            }
        }
        Mode::CreateNew => {
            if let Err(e) = temp.persist_noclobber(path) {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists || path.exists() {
                    bail!("{} already exists; it has been left as it was", path.display());
                }
                return Err(e.error).with_context(|| format!("cannot create {}", path.display()));
            }
        }
    }
    // Make the rename itself durable where the platform allows.
    if sync_dir {
        sync_folder(dir);
    }
    Ok(())
}

/// The test hook `PARTREG_TEST_HOLD_WRITE=SECONDS`: wait with the new text
/// on disk in its temporary file, just before the compare-and-swap and the
/// rename. It lets the tests kill a write part-way, change the file under
/// it, or contend for its lock, without depending on timing.
fn hold_for_tests() {
    if let Some(secs) = std::env::var("PARTREG_TEST_HOLD_WRITE")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_secs(secs));
    }
}

/// The test hook `PARTREG_TEST_FAIL_WRITE=N` (every write fails after N
/// bytes) or `N@K` (only the K-th write of the run fails). It lets the
/// tests show that a failed write leaves the original file intact and no
/// temporary file behind (docs/reliability.md).
fn injected_failure() -> Option<usize> {
    static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let setting = std::env::var("PARTREG_TEST_FAIL_WRITE").ok()?;
    let nth = WRITES.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    match setting.trim().split_once('@') {
        Some((bytes, k)) => (k.parse::<usize>().ok()? == nth).then(|| bytes.parse().ok()).flatten(),
        None => setting.trim().parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_temporary_files_are_listed_only_while_they_may_exist() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        create_new_unsynced_folder(&path, b"x").unwrap();
        assert!(
            lock_ignoring_poison(&IN_FLIGHT)
                .iter()
                .all(|p| !p.starts_with(dir.path()))
        );
        assert!(lock_ignoring_poison(&UNSYNCED).contains(dir.path()));
        sync_unsynced_folders();
        let temp = dir.path().join(".partreg-b.toml-Ab12Cd.tmp");
        fs::write(&temp, "half").unwrap();
        let listed = InFlight::new(&temp);
        assert!(lock_ignoring_poison(&IN_FLIGHT).contains(&temp));
        drop(listed);
        assert!(!lock_ignoring_poison(&IN_FLIGHT).contains(&temp));
        // (remove_own_temps itself is not called here: other tests in this
        // process may have a write in flight; tests/it/import_interrupt.rs
        // shows it in a real process.)
        assert_eq!(remove_listed(std::slice::from_ref(&temp)), 1);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "only a.toml");
    }

    #[test]
    fn replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        }
        write(&path, b"new", Mode::Replace).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o644);
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "mine").unwrap();
        let err = write(&path, b"theirs", Mode::CreateNew).unwrap_err();
        assert!(err.to_string().contains("already exists"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("a.toml");
        assert!(write(&missing, b"x", Mode::Replace).is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn only_stale_temporary_files_of_the_same_target_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let plant = |name: &str, stale: bool| {
            let p = dir.path().join(name);
            let f = fs::File::create(&p).unwrap();
            if stale {
                f.set_modified(old).unwrap();
            }
        };
        plant(".partreg-a.toml-Ab12Cd.tmp", true);
        plant(".partreg-a.toml-Zz99Yy.tmp", false);
        plant(".partreg-b.toml-Ab12Cd.tmp", true);
        plant(".partreg-a.toml-x-b.toml-Ab12Cd.tmp", true);
        assert_eq!(remove_stale_temps(&path), 1);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".partreg-a.toml-Zz99Yy.tmp",
                ".partreg-a.toml-x-b.toml-Ab12Cd.tmp",
                ".partreg-b.toml-Ab12Cd.tmp"
            ]
        );
    }

    #[test]
    fn a_target_with_a_long_name_still_gets_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // 240 bytes of name: room for the file, not for a prefix as well.
        let path = dir.path().join(format!("{}.md", "é".repeat(119)));
        write(&path, b"pack", Mode::CreateNew).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"pack");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn compare_and_swap_refuses_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "theirs").unwrap();
        let result = replace_if_unchanged(&path, b"mine", b"what I read");
        assert!(matches!(result, Err(Refused::Changed)));
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
        replace_if_unchanged(&path, b"mine", b"theirs").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
    }
}
