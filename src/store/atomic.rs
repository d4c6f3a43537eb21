//! The one way partreg writes a file: to a temporary file in the same
//! folder, flushed to disk, then renamed over the target (or, for new files,
//! renamed only if nothing is there yet). A reader never sees half a file,
//! and a failure part-way leaves the original untouched and no temporary
//! file behind.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

/// Whether an existing file may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Replace the file if it exists (an edit).
    Replace,
    /// Fail if the file exists, even if it appears while writing (a new file).
    CreateNew,
}

/// Writes `bytes` to `path` atomically. With [`Mode::Replace`] the file keeps
/// its permissions.
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".partreg-").suffix(".tmp");
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
    if mode == Mode::Replace
        && let Ok(meta) = fs::metadata(path)
    {
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
    match mode {
        Mode::Replace => {
            temp.persist(path)
                .map_err(|e| e.error)
                .with_context(|| format!("cannot replace {}", path.display()))?;
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
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
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
}
