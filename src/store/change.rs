//! The one writer that every command changing an existing register file
//! goes through (`assess --set`, `assess --interactive`, `review --record`,
//! and any later editing command), so that no update is ever lost:
//!
//! 1. lock the file's sidecar lock ([`crate::store::lock`]), and remove
//!    any stale temporary file a killed partreg left for this file;
//! 2. read its bytes *under the lock* and keep them;
//! 3. work out the new text from those bytes (the caller's edit, which
//!    also re-checks the result as `check` would);
//! 4. refuse a result past the size `check` reads;
//! 5. write a temporary file beside it and sync it; re-read the target and
//!    refuse if it changed since step 2 (the compare-and-swap that still
//!    protects where locks are unsupported, or against an editor that does
//!    not take partreg's lock); rename; sync the folder;
//! 6. release the lock.
//!
//! It also keeps every write inside the register ([`confine`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::store::atomic;
use crate::store::lock;
use crate::store::register::MAX_FILE_BYTES;

/// Changes the file at `path` (shown to people as `shown`). `edit` gets the
/// file's text as read under the lock and returns the new text, or `None`
/// when there is nothing to write. Returns what `edit` decided.
pub fn change_file(
    register_dir: &Path,
    path: &Path,
    shown: &str,
    stderr: &mut dyn Write,
    edit: impl FnOnce(&str) -> anyhow::Result<Option<String>>,
) -> anyhow::Result<Option<String>> {
    confine(register_dir, path)?;
    let _lock = lock::for_file(register_dir, path, stderr)?;
    atomic::remove_stale_temps(path);
    let before = read_whole(path, shown)?;
    let text = std::str::from_utf8(&before).with_context(|| format!("{shown} is not UTF-8 text"))?;
    let Some(changed) = edit(text)? else {
        return Ok(None);
    };
    refuse_too_big(shown, changed.len())?;
    atomic::replace_if_unchanged(path, changed.as_bytes(), &before).map_err(|e| match e {
        atomic::Refused::Changed => changed_meanwhile(shown),
        atomic::Refused::Failed(e) => e,
    })?;
    Ok(Some(changed))
}

/// Creates a new register file, never over an existing one, refusing a
/// path outside the register (checked before and after making its folders,
/// so a link swapped in meanwhile is caught too). The caller holds the
/// creation lock ([`lock::for_creation`]) while it checks names and ids
/// and calls this.
pub fn create_file(register_dir: &Path, path: &Path, shown: &str, text: &str) -> anyhow::Result<()> {
    create_new(register_dir, path, shown, text, true)
}

/// [`create_file`] for one of many new files (`import`): the folder is not
/// flushed per file; the caller calls [`atomic::sync_folder`] on each folder
/// written, once, at the end (see [`atomic::create_new_unsynced_folder`]).
pub fn create_one_of_many(register_dir: &Path, path: &Path, shown: &str, text: &str) -> anyhow::Result<()> {
    create_new(register_dir, path, shown, text, false)
}

fn create_new(register_dir: &Path, path: &Path, shown: &str, text: &str, sync_folder: bool) -> anyhow::Result<()> {
    refuse_too_big(shown, text.len())?;
    confine(register_dir, path)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    confine(register_dir, path)?;
    atomic::remove_stale_temps(path);
    if sync_folder {
        atomic::write(path, text.as_bytes(), atomic::Mode::CreateNew)
    } else {
        atomic::create_new_unsynced_folder(path, text.as_bytes())
    }
}

/// The error when the file changed between reading and writing.
fn changed_meanwhile(shown: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{shown} changed while partreg was working on it (someone else saved it); nothing was written — run the command again"
    )
}

/// Reads the whole file, refusing one past the size `check` reads.
fn read_whole(path: &Path, shown: &str) -> anyhow::Result<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path).with_context(|| format!("cannot read {shown}"))?;
    if !meta.is_file() {
        bail!("{shown} is not a regular file, so partreg will not change it");
    }
    if meta.len() > MAX_FILE_BYTES {
        bail!(
            "{shown} is over {} MB, so partreg does not read it; nothing was written",
            MAX_FILE_BYTES / 1_048_576
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {shown}"))
}

/// Refuses a file that `check` would then call unreadable.
pub fn refuse_too_big(shown: &str, len: usize) -> anyhow::Result<()> {
    if len as u64 > MAX_FILE_BYTES {
        bail!(
            "the change would make {shown} {:.1} MB, past the {} MB that partreg reads (`check` would then call it unreadable); nothing was written\n  hint: keep long texts in a document and link it from `documents`",
            len as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        );
    }
    Ok(())
}

/// Refuses a path that resolves, through any symbolic link, outside the
/// register folder. The deepest part of the path that exists is resolved,
/// so a folder about to be created is checked by where it would be made.
pub fn confine(register_dir: &Path, path: &Path) -> anyhow::Result<()> {
    let register = std::fs::canonicalize(register_dir)
        .with_context(|| format!("cannot find the register folder {}", register_dir.display()))?;
    let mut existing: &Path = path.parent().unwrap_or(path);
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    let resolved: PathBuf = loop {
        match std::fs::canonicalize(existing) {
            Ok(p) => break p,
            Err(_) => {
                rest.extend(existing.file_name());
                match existing.parent() {
                    Some(up) => existing = up,
                    None => bail!("cannot find where {} would be written", path.display()),
                }
            }
        }
    };
    if !resolved.starts_with(&register) || rest.iter().any(|p| *p == "..") {
        bail!(
            "{} would be written outside the register folder {} (a folder on the way is a link to {}); nothing was written\n  hint: replace the link with a real folder inside the register",
            path.display(),
            register_dir.display(),
            resolved.display()
        );
    }
    Ok(())
}
